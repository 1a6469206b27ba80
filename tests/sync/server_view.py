"""What the central server holds, read straight from its database (the test's ground truth)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text

from tests.support.live_server import LiveServer


def processed_ops(server: LiveServer) -> dict[str, int]:
    """op_id -> how many times the server stored a result for it (must be 1)."""
    with server.engine.connect() as con:
        rows = con.execute(text("SELECT op_id, count(*) FROM processed_op GROUP BY op_id"))
        return {str(op_id): int(n) for op_id, n in rows}


def server_case(server: LiveServer, case_id: str) -> dict[str, Any]:
    with server.engine.connect() as con:
        doc = con.execute(text('SELECT doc FROM "case" WHERE id = :id'), {"id": case_id}).scalar()
    assert doc is not None, f"the server has no case {case_id}"
    loaded: dict[str, Any] = json.loads(doc)
    return loaded


def server_counts(server: LiveServer) -> dict[str, int]:
    with server.engine.connect() as con:
        return {
            table: int(con.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one())
            for table in ("case", "case_event", "processed_op", "blob")
        }


def blob_state(server: LiveServer, sha256: str) -> str | None:
    with server.engine.connect() as con:
        value = con.execute(
            text("SELECT state FROM blob WHERE sha256 = :s"), {"s": sha256}
        ).scalar()
    return None if value is None else str(value)


def duplicate_events(server: LiveServer) -> int:
    with server.engine.connect() as con:
        return int(
            con.execute(text("SELECT count(*) - count(DISTINCT id) FROM case_event")).scalar_one()
        )
