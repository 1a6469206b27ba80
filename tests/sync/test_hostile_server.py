"""A server that answers garbage gets a clear error and changes nothing here; a normal run
afterwards completes with every op on the server exactly once."""

from __future__ import annotations

import gzip
import json
import sqlite3
from contextlib import closing
from typing import Any

import pytest

from lapor_desktop.domain.case_codec import case_to_json
from lapor_desktop.services.cases import CaseService, NewCase
from lapor_desktop.services.workspace import Workspace
from sync.engine import SyncEngine
from sync.errors import InvalidResponse
from tests.lapor_desktop.storage.test_bulk_document import rich_case
from tests.support.live_server import LiveServer
from tests.sync.conftest import Desk, client_for, sync
from tests.sync.hostile import Garbage, HostileServer
from tests.sync.server_view import processed_ops

NEW = NewCase(
    title="Bantuan PKH belum cair",
    text="Bantuan PKH bulan Februari belum diterima.",
    channel="whatsapp",
    category="Bantuan Sosial",
)
JSON = {"Content-Type": "application/json"}
GZIP_JSON = {"Content-Type": "application/json", "Content-Encoding": "gzip"}


# A whole case document, each part filled in; its clocks name an SLA rule ("penyelesaian")
# that no master data here has.
RICH = case_to_json(rich_case())


def _j(value: Any) -> bytes:
    return json.dumps(value).encode()


def _one_case_page(
    case: dict[str, Any], events: list[dict[str, Any]] | None = None
) -> tuple[Garbage, str]:
    """A change page of one upsert (seq 900, past the real cursor) carrying `case`."""
    change = {"seq": 900, "id": case["id"], "version": case["version"], "kind": "upsert"}
    change["case"] = case
    if events is not None:
        change["events"] = events
    page = {"changes": [change], "next_cursor": 900, "has_more": False}
    return Garbage("GET", "/sync/v1/changes", body=_j(page), headers=JSON), "/changes"


CASES = {
    "hello not JSON": (Garbage("POST", "/sync/v1/hello", body=b"<html>proxy</html>"), "/hello"),
    "hello wrong types": (
        Garbage("POST", "/sync/v1/hello", body=_j({"protocol": "satu", "server_time": 5})),
        "/hello",
    ),
    "master truncated gzip": (
        Garbage(
            "GET",
            "/sync/v1/master",
            body=gzip.compress(_j({"version": "x" * 4000}))[:-12],
            headers=GZIP_JSON,
        ),
        "/master",
    ),
    "push wrong shape": (
        Garbage("POST", "/sync/v1/push", body=_j([{"results": "semua"}]), headers=JSON),
        "/push",
    ),
    "push result for an op never sent": (
        Garbage(
            "POST",
            "/sync/v1/push",
            body=_j(
                {
                    "results": [{"op_id": "nope", "device_seq": 1, "status": "applied"}],
                    "last_device_seq": 1,
                }
            ),
            headers=JSON,
        ),
        "/push",
    ),
    "push applied run for ops never sent": (
        Garbage(
            "POST",
            "/sync/v1/push",
            body=_j({"applied": [[900, 1, 2]], "last_device_seq": 901}),
            headers=JSON,
        ),
        "/push",
    ),
    "push applied run without a version": (
        Garbage(
            "POST", "/sync/v1/push", body=_j({"applied": [[1]], "last_device_seq": 1}), headers=JSON
        ),
        "/push",
    ),
    "push applied run of text": (
        Garbage(
            "POST",
            "/sync/v1/push",
            body=_j({"applied": [["satu", "dua"]], "last_device_seq": 1}),
            headers=JSON,
        ),
        "/push",
    ),
    "push two answers for one op": (
        Garbage(
            "POST",
            "/sync/v1/push",
            body=_j(
                {
                    "applied": [[1, 1]],
                    "results": [{"device_seq": 1, "status": "rejected", "code": "invalid"}],
                    "last_device_seq": 1,
                }
            ),
            headers=JSON,
        ),
        "/push",
    ),
    "push unknown status": (
        Garbage(
            "POST",
            "/sync/v1/push",
            body=_j(
                {"results": [{"op_id": "x", "device_seq": 1, "status": "ok"}], "last_device_seq": 1}
            ),
            headers=JSON,
        ),
        "/push",
    ),
    "changes wrong types": (
        Garbage(
            "GET",
            "/sync/v1/changes",
            body=_j({"changes": [{"seq": "a", "id": 1}], "next_cursor": 9, "has_more": False}),
            headers=JSON,
        ),
        "/changes",
    ),
    "changes with a broken case document": (
        Garbage(
            "GET",
            "/sync/v1/changes",
            body=_j(
                {
                    "changes": [
                        {"seq": 1, "id": "c1", "version": 1, "kind": "upsert", "case": {"id": "c1"}}
                    ],
                    "next_cursor": 1,
                    "has_more": False,
                }
            ),
            headers=JSON,
        ),
        "/changes",
    ),
    "changes with an upsert whose document never comes": (
        Garbage(
            "GET",
            "/sync/v1/changes",
            body=_j(
                {
                    "changes": [
                        {"seq": 1, "id": "c1", "version": 1, "kind": "upsert", "case": None},
                        {"seq": 2, "id": "c1", "version": 1, "kind": "leave_scope"},
                    ],
                    "next_cursor": 2,
                    "has_more": False,
                }
            ),
            headers=JSON,
        ),
        "/changes",
    ),
    # Python reads it, SQLite cannot store it: refused as the page is read, before its case.
    "changes with an event number beyond 64 bits": _one_case_page(
        RICH,
        events=[
            {
                "id": "e1",
                "case_id": RICH["id"],
                "kind": "note",
                "at": "2026-03-02T02:00:00+00:00",
                "actor": "ani",
                "office": "DINSOS",
                "device_id": "d1",
                "summary": "Catatan",
                "data": {"n": 2**70},
            }
        ],
    ),
    "changes with a case under an SLA rule unknown here": _one_case_page(RICH),
    # Both passed the models and failed as they were written: a title the search index's
    # constraint refused (sqlite3.IntegrityError), a cursor SQLite cannot bind (OverflowError).
    "changes with a case document of the wrong types": _one_case_page(
        {**RICH, "title": 5, "clocks": []}
    ),
    # The first case registered here holds DINSOS/2026/00001, the server's already: a second
    # server case under that number failed in storage as ValueError.
    "changes with a case under the register number of another": _one_case_page(
        {**RICH, "register_no": "DINSOS/2026/00001", "clocks": []}
    ),
    "changes with a cursor beyond 64 bits": (
        Garbage(
            "GET",
            "/sync/v1/changes",
            body=_j({"changes": [], "next_cursor": 2**63, "has_more": False}),
            headers=JSON,
        ),
        "/changes",
    ),
    "changes truncated gzip": (
        Garbage(
            "GET",
            "/sync/v1/changes",
            body=gzip.compress(
                _j({"changes": [], "next_cursor": 5, "has_more": False, "p": "x" * 3000})
            )[:40],
            headers=GZIP_JSON,
        ),
        "/changes",
    ),
}


def _local_state(ws: Workspace) -> dict[str, Any]:
    with closing(sqlite3.connect(ws.paths.database)) as con:
        return {
            "outbox": con.execute(
                "SELECT device_seq, op_id, state, result FROM outbox ORDER BY device_seq"
            ).fetchall(),
            "cases": con.execute('SELECT id, version, doc FROM "case" ORDER BY id').fetchall(),
            "events": con.execute("SELECT count(*) FROM case_event").fetchone(),
            "cursor": con.execute("SELECT value FROM setting WHERE key = 'sync.cursor'").fetchall(),
        }


@pytest.mark.parametrize("name", list(CASES))
def test_garbage_from_the_server_is_refused_and_loses_nothing(
    name: str, desk: Desk, offices: LiveServer
) -> None:
    garbage, path = CASES[name]
    ws = desk("a", "ani")
    CaseService(ws).register(NEW)
    CaseService(ws).register(NEW)
    if garbage.path.endswith("/changes"):
        sync(ws, offices.base_url)  # ops acked for real: the pull is what gets the garbage
        CaseService(ws).register(NEW)
    before = _local_state(ws)
    with HostileServer(offices.base_url, garbage) as hostile:
        client = client_for(ws, hostile.base_url)
        try:
            with pytest.raises(InvalidResponse) as caught:
                SyncEngine(ws, client).run()
        finally:
            client.close()
        assert hostile.served >= 1
    message = str(caught.value)
    assert message.startswith(f"server sent an invalid response to {path}: ")
    assert "\n" not in message
    after = _local_state(ws)
    # Cases, timeline and cursor are exactly as before; master data may have been taken (a
    # valid earlier step), and only acks of a valid push answer may have changed the outbox.
    assert (after["cases"], after["events"], after["cursor"]) == (
        before["cases"],
        before["events"],
        before["cursor"],
    )
    if garbage.path.endswith("/changes"):
        acked = [(seq, op_id) for seq, op_id, _state, _result in after["outbox"]]
        assert acked == [(seq, op_id) for seq, op_id, _s, _r in before["outbox"]]
        assert {state for _seq, _op, state, _r in after["outbox"]} == {"applied"}
    else:
        assert after["outbox"] == before["outbox"]

    report = sync(ws, offices.base_url)
    assert report.pending_after == 0
    with closing(sqlite3.connect(ws.paths.database)) as con:
        ops = [r[0] for r in con.execute("SELECT op_id FROM outbox")]
        assert con.execute("SELECT outcome FROM sync_log ORDER BY id").fetchall()[-2:] == [
            ("failed",),
            ("ok",),
        ]
    assert processed_ops(offices) == dict.fromkeys(ops, 1)
