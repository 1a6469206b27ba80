from tests.scenarios.cases import dispose_to, register, service
from tests.scenarios.fleet import Fleet
from tests.scenarios.invariants import check_invariants


def test_smoke(fleet: Fleet) -> None:
    a = fleet.enroll("a", "ani")
    b = fleet.enroll("b", "budi")
    c = fleet.enroll("c", "dewi")
    k = fleet.enroll("k", "koor")
    cases = register(a, 3)
    service(a).note(cases[0].id, "catatan")
    a.sync()
    dispose_to(a, cases[1].id, "DPU")
    a.sync()
    b.sync()
    service(b).follow_up(cases[1].id, "Survei")
    check_invariants(fleet.server, [a, b, c, k])
