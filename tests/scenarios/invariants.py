"""The six invariants of SYNC.md §8.9, checked against the real server database and the real
client data dirs after every scenario (Jepsen-style: state, not logs).

1. Every client op_id is in `processed_op` exactly once (and the server holds no op of these
   devices that their outboxes do not know).
2. No duplicate case, event or blob, on the server and in each client.
3. After quiescence (every client syncs until nothing moves) each client's scoped data equals
   the server's: case ids, versions and documents, events by id and content (one id reads
   the same everywhere); the only events a client has beyond the server's are those of its
   own rejected ops.
4. Each outbox holds no pending op; what is not applied/merged is conflict/rejected, and is
   visible (`sync_status`, the conflicts in the case and the conflicts queue,
   `SyncReviewService.rejected`).
5. Cursors are monotonic (recorded after every run, never decrease, never pass the server's).
6. "Synced" (`sync_status(...).synced`) only when nothing is pending, at every sample.

`check_invariants(server, clients)` quiesces first (through the direct server address, no
proxy) unless `quiesce=False`.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Sequence
from contextlib import closing
from typing import Any

from sqlalchemy import text

from lapor_desktop.domain.codes import Role
from lapor_desktop.domain.summary import Queue
from lapor_desktop.services.queries import CaseQuery, QueryService
from lapor_desktop.services.sync_review import ACKNOWLEDGED_KEY, SyncReviewService
from sync.state import sync_status
from tests.scenarios.fleet import Client
from tests.support.live_server import LiveServer

FINAL = {"applied", "merged", "conflict", "rejected"}
MAX_ROUNDS = 8


def quiesce(clients: Sequence[Client], max_rounds: int = MAX_ROUNDS) -> int:
    """Sync every client, round after round, until one round moves nothing; returns rounds."""
    for round_no in range(1, max_rounds + 1):
        moved = False
        for client in clients:
            report = client.sync()
            moved |= bool(
                report.sent
                or report.received
                or report.blobs_uploaded
                or report.blobs_downloaded
                or report.repaired_buckets
                or report.pending_after
            )
        if not moved:
            return round_no
    raise AssertionError(f"no quiescence after {max_rounds} rounds of sync")


def check_invariants(
    server: LiveServer, clients: Sequence[Client], *, quiesce_first: bool = True
) -> None:
    if quiesce_first:
        quiesce(clients)
    server_dupes(server)
    for client in clients:
        ops_processed_once(server, client)
        client_dupes(client)
        converged(server, client)
        no_run_saw_a_differing_event(client)
        outbox_settled(client)
        cursors_monotonic(server, client)
        synced_only_when_empty(client)


# ----------------------------------------------------------------------------- reading


def _local(client: Client, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(client.ws.paths.database)) as con:
        return list(con.execute(sql, args))


def _server(server: LiveServer, sql: str, **args: Any) -> list[tuple[Any, ...]]:
    with server.engine.connect() as con:
        return [tuple(row) for row in con.execute(text(sql), args)]


def _dupes(values: Sequence[Any]) -> list[Any]:
    return [value for value, n in Counter(values).items() if n > 1]


def server_cases_for(server: LiveServer, client: Client) -> dict[str, tuple[int, dict[str, Any]]]:
    """id -> (version, document) of every server case in the client's scope."""
    if client.ws.user.role in (Role.COORDINATOR, Role.ADMIN):
        rows = _server(server, 'SELECT id, version, doc FROM "case"')
    else:
        rows = _server(
            server,
            'SELECT c.id, c.version, c.doc FROM "case" c JOIN case_scope s ON s.case_id = c.id '
            "WHERE s.office = :office",
            office=client.office,
        )
    return {str(i): (int(v), json.loads(d)) for i, v, d in rows}


# ----------------------------------------------------------------------------- 1


def ops_processed_once(server: LiveServer, client: Client) -> None:
    local = [op_id for _seq, op_id, _type, _state in _outbox(client)]
    assert not _dupes(local), f"{client.name}: an op_id twice in the outbox"
    stored = [
        str(op_id)
        for (op_id,) in _server(
            server, "SELECT op_id FROM processed_op WHERE device_id = :d", d=client.ws.device_id
        )
    ]
    counts = Counter(stored)
    doubled = {op: n for op, n in counts.items() if n != 1}
    assert not doubled, f"{client.name}: ops stored more than once: {doubled}"
    missing = [op for op in local if op not in counts]
    assert not missing, f"{client.name}: ops never processed by the server: {missing}"
    phantom = set(counts) - set(local)
    assert not phantom, f"{client.name}: the server holds ops this PC never made: {phantom}"


def _outbox(client: Client) -> list[tuple[int, str, str, str]]:
    return [
        (int(s), str(o), str(t), str(st))
        for s, o, t, st in _local(
            client, "SELECT device_seq, op_id, op_type, state FROM outbox ORDER BY device_seq"
        )
    ]


# ----------------------------------------------------------------------------- 2


def server_dupes(server: LiveServer) -> None:
    for table, column in (
        ('"case"', "id"),
        ('"case"', "register_key"),
        ("case_event", "id"),
        ("blob", "sha256"),
        ("case_attachment", "case_id || ':' || sha256"),
    ):
        values = [v for (v,) in _server(server, f"SELECT {column} FROM {table}") if v is not None]
        assert not _dupes(values), f"server: duplicate {table}.{column}: {_dupes(values)[:3]}"
    events = _server(server, "SELECT doc FROM case_event")
    content = [
        (e["case_id"], e["op_id"], e["kind"], e["summary"])
        for e in (json.loads(d) for (d,) in events)
    ]
    assert not _dupes(content), f"server: one op's event stored twice: {_dupes(content)[:3]}"
    # A case exists once per accepted create: a resent create never makes a second case.
    creates = _server(
        server,
        "SELECT case_id, result FROM processed_op WHERE op_type = 'case.create'",
    )
    accepted = {
        str(case_id)
        for case_id, result in creates
        if json.loads(result)["status"] in ("applied", "merged", "conflict")
    }
    cases = {str(i) for (i,) in _server(server, 'SELECT id FROM "case"')}
    assert cases == accepted, f"server: cases {cases ^ accepted} do not match accepted creates"


def client_dupes(client: Client) -> None:
    for table, column in (
        ('"case"', "id"),
        ('"case"', "register_no"),
        ("case_event", "id"),
        ("blob", "sha256"),
    ):
        values = [v for (v,) in _local(client, f"SELECT {column} FROM {table}")]
        assert not _dupes(values), f"{client.name}: duplicate {table}.{column}"
    content = _local(client, "SELECT case_id, op_id, kind, summary FROM case_event")
    assert not _dupes(content), f"{client.name}: one op's event twice: {_dupes(content)[:3]}"


# ----------------------------------------------------------------------------- 3


def converged(server: LiveServer, client: Client) -> None:
    expected = server_cases_for(server, client)
    rows = _local(client, 'SELECT id, version, server_version, scope_left_at, doc FROM "case"')
    states = {op_id: state for _s, op_id, _t, state in _outbox(client)}
    rejected_creates = {
        str(case_id)
        for case_id, op_id in _local(
            client, "SELECT entity_id, op_id FROM outbox WHERE op_type = 'case.create'"
        )
        if states.get(str(op_id)) == "rejected"
    }
    shown: dict[str, tuple[int, dict[str, Any]]] = {}
    for case_id, version, server_version, left_at, doc in rows:
        if left_at is not None:
            assert case_id not in expected, f"{client.name}: {case_id} is a stub but in scope"
            continue
        if not server_version:
            # Never accepted by the server: kept here only when its create was rejected.
            assert case_id in rejected_creates, f"{client.name}: {case_id} never reached the server"
            continue
        shown[str(case_id)] = (int(version), json.loads(doc))
    assert set(shown) == set(expected), (
        f"{client.name}: cases only here {set(shown) - set(expected)}, "
        f"only on the server {set(expected) - set(shown)}"
    )
    for case_id, (version, doc) in expected.items():
        local_version, local_doc = shown[case_id]
        assert local_version == version, f"{client.name}: {case_id} v{local_version} != v{version}"
        assert local_doc == doc, f"{client.name}: {case_id} differs: {_diff(local_doc, doc)}"
    if not expected:
        return
    ids = sorted(expected)
    marks = ",".join(f":i{n}" for n in range(len(ids)))
    on_server = {
        str(i): _content(json.loads(doc))
        for i, doc in _server(
            server,
            f"SELECT id, doc FROM case_event WHERE case_id IN ({marks})",
            **{f"i{n}": v for n, v in enumerate(ids)},
        )
    }
    local = _local(client, "SELECT id, case_id, op_id, kind, summary, data FROM case_event")
    here = {str(i): op_id for i, case_id, op_id, *_rest in local if case_id in expected}
    missing = set(on_server) - set(here)
    assert not missing, f"{client.name}: {len(missing)} server events missing here"
    # One id, one record: an event this PC wrote for an op must read as the server stored it.
    differs = {
        str(i): (on_server[str(i)], (kind, summary, json.loads(data)))
        for i, _c, _o, kind, summary, data in local
        if str(i) in on_server and on_server[str(i)] != (kind, summary, json.loads(data))
    }
    assert not differs, f"{client.name}: events that read otherwise here: {differs}"
    extra = {i: op for i, op in here.items() if i not in on_server}
    # Only this PC's own refused work may stay in its timeline (nothing typed is lost). An op
    # the server finds already done (a status move, an edit to the same value, the same file,
    # a second resolution) keeps the event its PC wrote there too: no exception for those.
    unexplained = {i: op for i, op in extra.items() if states.get(str(op)) != "rejected"}
    assert not unexplained, f"{client.name}: events here the server lacks: {unexplained}"


def no_run_saw_a_differing_event(client: Client) -> None:
    """3, on the way there: no pull brought an event this client held with other content
    (the copy here is kept as written, so a divergence healed later would hide it)."""
    seen = [r.events_differing for r in client.reports if r.events_differing]
    assert not seen, f"{client.name}: runs met events that differ from the server's: {seen}"


def _content(event: dict[str, Any]) -> tuple[str, str, Any]:
    return event["kind"], event["summary"], event["data"]


def _diff(a: dict[str, Any], b: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {k: (a.get(k), b.get(k)) for k in a.keys() | b.keys() if a.get(k) != b.get(k)}


# ----------------------------------------------------------------------------- 4


def outbox_settled(client: Client) -> None:
    rows = _outbox(client)
    pending = [seq for seq, _o, _t, state in rows if state not in FINAL]
    assert not pending, f"{client.name}: ops still {pending} after quiescence"
    status = sync_status(client.ws)
    rejected = {op_id for _s, op_id, _t, state in rows if state == "rejected"}
    acknowledged = set(_setting(client, ACKNOWLEDGED_KEY) or [])
    assert status.rejected == len(rejected - acknowledged), (
        f"{client.name}: status hides rejected ops"
    )
    listed = {r.op_id for r in SyncReviewService(client.ws).rejected()}
    assert listed == rejected - acknowledged, f"{client.name}: rejected ops not listed"
    docs = {str(i): json.loads(d) for i, d in _local(client, 'SELECT id, doc FROM "case"')}
    open_conflicts = sum(
        1 for doc in docs.values() for c in doc.get("conflicts", []) if c["status"] == "open"
    )
    assert status.conflicts_open == open_conflicts, f"{client.name}: open conflicts not counted"
    with_open = {
        case_id
        for case_id, doc in docs.items()
        if any(c["status"] == "open" for c in doc.get("conflicts", []))
    }
    queued = QueryService(client.ws).cases(CaseQuery(queue=Queue.CONFLICTS, limit=10_000))
    assert {row.id for row in queued} == with_open, f"{client.name}: conflicts queue is wrong"
    conflicts = {c["id"] for doc in docs.values() for c in doc.get("conflicts", [])}
    # A case that left this PC's view (a confidential case disposed away) is a stub here: its
    # conflicts are the new holder's to decide, and this PC may not see their values.
    stubs = {
        str(i) for (i,) in _local(client, 'SELECT id FROM "case" WHERE scope_left_at IS NOT NULL')
    }
    for op_id, result, case_id in _local(
        client, "SELECT op_id, result, entity_id FROM outbox WHERE state = 'conflict'"
    ):
        ids = set(json.loads(result).get("conflict_ids") or [])
        assert ids, f"{client.name}: conflict op {op_id} names no conflict"
        if case_id in stubs:
            continue
        assert ids <= conflicts, f"{client.name}: conflicts of op {op_id} not in case {case_id}"


def _setting(client: Client, key: str) -> Any:
    found = _local(client, "SELECT value FROM setting WHERE key = ?", key)
    return json.loads(found[0][0]) if found else None


# ----------------------------------------------------------------------------- 5, 6


def cursors_monotonic(server: LiveServer, client: Client) -> None:
    history = client.cursors
    assert history == sorted(history), f"{client.name}: the cursor went back: {history}"
    (top,) = _server(server, "SELECT coalesce(max(seq), 0) FROM change_log")[0]
    assert history[-1] <= int(top), f"{client.name}: cursor {history[-1]} beyond the server's"


def synced_only_when_empty(client: Client) -> None:
    client.sample_status()
    lies = [(synced, pending) for synced, pending in client.status_samples if synced and pending]
    assert not lies, f"{client.name}: 'synced' shown with ops pending: {lies[:3]}"
    status = sync_status(client.ws)
    assert status.synced == (status.pending == 0 and status.enrolled)
