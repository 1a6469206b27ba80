"""The reads that ask for one case's pending operations search the (entity_id, state) index.

Without it SQLite chose the state index and scanned every pending operation once per listed
case: a 64-row page took ~1 s with 15,000 operations waiting. Checked on the query plans of the
statements the list and the pull really run, captured from the driver.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import event

from lapor_desktop.services.cases import CaseService, NewCase
from lapor_desktop.services.queries import CaseQuery, QueryService
from lapor_desktop.services.workspace import Workspace
from lapor_desktop.storage.schema import HEAD_REVISION


def _new(n: int) -> NewCase:
    return NewCase(
        title=f"Bantuan belum cair {n}", text="Isi pengaduan", channel="walk_in",
        category="Bantuan Sosial",
    )  # fmt: skip


@contextmanager
def _statements(workspace: Workspace) -> Iterator[list[str]]:
    """Every SQL statement the driver runs meanwhile, values inlined (some reads bypass
    SQLAlchemy's execute events, so this listens on the sqlite3 connections themselves)."""
    seen: list[str] = []
    traced: list[sqlite3.Connection] = []

    def on_checkout(dbapi_connection: sqlite3.Connection, *_args: object) -> None:
        dbapi_connection.set_trace_callback(seen.append)
        traced.append(dbapi_connection)

    engine = workspace.db.engine
    event.listen(engine, "checkout", on_checkout)
    try:
        yield seen
    finally:
        event.remove(engine, "checkout", on_checkout)
        for connection in traced:
            connection.set_trace_callback(None)


def _outbox_plans(workspace: Workspace, run: Callable[[], object]) -> list[list[str]]:
    with _statements(workspace) as seen:
        run()
    selects = [s for s in seen if s.lstrip().upper().startswith("SELECT") and "outbox" in s]
    assert selects, f"no read of the outbox among {seen}"
    con = sqlite3.connect(workspace.paths.database)
    try:
        return [[row[3] for row in con.execute(f"EXPLAIN QUERY PLAN {sql}")] for sql in selects]
    finally:
        con.close()


def _assert_searched_by_case(plans: list[list[str]]) -> None:
    for plan in plans:
        outbox = [
            step for step in plan if " outbox" in step or step.startswith(("SEARCH o ", "SCAN o "))
        ]
        assert outbox, plan
        assert all(
            step.startswith("SEARCH") and "INDEX ix_outbox_entity_state" in step for step in outbox
        ), plan


def test_a_list_page_counts_each_cases_pending_ops_through_the_index(
    workspace: Workspace,
) -> None:
    service = CaseService(workspace)
    for n in range(3):
        service.register(_new(n))
    queries = QueryService(workspace)
    plans = _outbox_plans(workspace, lambda: queries.cases(CaseQuery(limit=64)))
    _assert_searched_by_case(plans)
    assert all(s.pending_ops == 1 for s in queries.cases(CaseQuery(limit=64)))


def test_a_pull_page_reads_its_cases_pending_ops_through_the_index(workspace: Workspace) -> None:
    service = CaseService(workspace)
    ids = [service.register(_new(n)).id for n in range(3)]

    def pending() -> object:
        with workspace.db.read() as uow:
            return uow.sync.outbox.pending_by_case(ids)

    _assert_searched_by_case(_outbox_plans(workspace, pending))


def test_the_schema_is_at_the_revision_that_adds_the_index(workspace: Workspace) -> None:
    con = sqlite3.connect(workspace.paths.database)
    try:
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        (revision,) = con.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        con.close()
    assert revision == HEAD_REVISION >= "0005"
    assert "ix_outbox_entity_state" in names and "ix_outbox_entity_id" not in names
