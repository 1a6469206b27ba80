"""Random op payloads never crash the server: every op gets a result, never a 5xx."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lapor_desktop.domain.ops import OpType
from tests.server.devices import answers, enroll, setup_offices
from tests.support.live_server import LiveServer

KEYS = [
    "register_no", "title", "original_text", "channel", "kind", "received_at", "category_code",
    "reporter", "anonymous", "confidential", "changes", "from", "to", "reason", "disposition",
    "text", "id", "agency", "stage", "days", "sha256", "size", "name", "conflict_id", "choice",
    "value", "incident_date", "location", "severity", "priority",
]  # fmt: skip
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    # NUL and lone surrogates included: such an op is rejected alone, the push still answers.
    | st.text(st.characters(exclude_categories=()) | st.characters(categories=["Cs"]), max_size=30)
    | st.sampled_from(
        ["RECEIVED", "DISPOSED", "DINSOS/2026/00001", "2026-03-02", "title", "x" * 64]
    ),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)
    ),
    max_leaves=12,
)
PAYLOAD = st.dictionaries(st.sampled_from(KEYS), JSON, max_size=6)


def test_random_payloads_of_every_op_type_are_answered_per_op(live_server: LiveServer) -> None:
    setup_offices(live_server)
    device = enroll(live_server, "ani")
    case_id, result = device.create_case()
    assert result["status"] == "applied"

    @settings(
        max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None
    )
    @given(
        st.lists(
            st.tuples(st.sampled_from(list(OpType)), PAYLOAD, st.booleans()), min_size=1, max_size=5
        )
    )
    def check(batch: list[tuple[OpType, dict[str, Any], bool]]) -> None:
        ops = [
            device.op(t, case_id if known else "no-such-case", data, base_version=1)
            for t, data, known in batch
        ]
        response = device.post("/push", {"device_id": device.device_id, "ops": ops})
        assert response.status_code == 200, response.text
        results = answers(response.json(), ops)
        assert [r["op_id"] for r in results] == [op["op_id"] for op in ops][: len(results)]
        for r in results:
            assert r["status"] in ("applied", "merged", "conflict", "rejected", "deferred")
        if results and results[-1]["status"] == "deferred":
            # An attachment waiting for a blob that never comes: start past it next time.
            device.seq = iter(range(response.json()["last_device_seq"] + 1, 10**9))  # type: ignore[assignment]

    check()
