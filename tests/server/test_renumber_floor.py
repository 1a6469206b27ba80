"""A renumbered case's official number raises the office's floor, as a create's number does.

Normally the number came from a block leased to the device, so the floor is already above it;
but a floor can be behind (a server restored from a backup older than the lease): then the
next lease must still start above every number a case holds, or another device would be
leased a number in use and its create refused as a duplicate. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import text

from lapor_desktop.domain.identifiers import uuid7
from lapor_desktop.domain.ops import OpType
from tests.server.devices import PASSWORD, Device, case_data, enroll, setup_offices
from tests.support.live_server import LiveServer


def _floor(server: LiveServer, year: int) -> int:
    with server.engine.connect() as con:
        value = con.execute(
            text("SELECT last FROM number_floor WHERE register = 'register:DINSOS' AND year = :y"),
            {"y": year},
        ).scalar()
    return int(value or 0)


def _applied(
    device: Device, op_type: OpType, case_id: str, data: dict[str, object], base: int = 0
) -> None:
    [result] = device.push(device.op(op_type, case_id, data, base_version=base))["results"]
    assert result["status"] == "applied", result


def test_a_renumber_above_the_floor_raises_it_so_no_lease_hands_the_number_out(
    live_server: LiveServer,
) -> None:
    setup_offices(live_server)
    live_server.add_user("dewi", "DINSOS", PASSWORD)
    ani = enroll(live_server, "ani")
    year = int(ani.enrollment["blocks"][0]["year"])
    assert _floor(live_server, year) == 200  # ani's first block: 1..200
    case_id = uuid7()
    _applied(ani, OpType.CASE_CREATE, case_id, case_data(f"DINSOS/{year}/S1-1"))
    _applied(
        ani,
        OpType.CASE_RENUMBER,
        case_id,
        {"register_no": f"DINSOS/{year}/00450", "provisional": f"DINSOS/{year}/S1-1"},
        base=1,
    )
    assert _floor(live_server, year) == 450
    dewi = enroll(live_server, "dewi")
    block = dewi.enrollment["blocks"][0]
    assert block["start"] == 451
    # A renumber to a number below the floor leaves it where it is.
    other = uuid7()
    _applied(ani, OpType.CASE_CREATE, other, case_data(f"DINSOS/{year}/S1-2"))
    _applied(
        ani,
        OpType.CASE_RENUMBER,
        other,
        {"register_no": f"DINSOS/{year}/00007", "provisional": f"DINSOS/{year}/S1-2"},
        base=1,
    )
    assert _floor(live_server, year) == 650
