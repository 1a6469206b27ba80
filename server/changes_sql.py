"""The reads of a change page, hand-written on the DBAPI cursor (server/driver_sql.py).

Through SQLAlchemy a page of 200 changes cost ~3.4 ms of CPU (~800 rows through the result
machinery, the expanding IN lists compiled again for every page), on the cursor ~1.7 ms with
the session. All run in the session's transaction, so a page reads one snapshot.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy.orm import Session

from server.driver_sql import DriverCursor


class PageReads:
    """One page's reads on one cursor; `close` when the page is built."""

    def __init__(self, session: Session) -> None:
        self._cursor = DriverCursor(session)
        self._rows = self._cursor.rows
        self._among = self._cursor.among

    def close(self) -> None:
        self._cursor.close()

    def changes(self, cursor: int, limit: int) -> list[tuple[int, str, int, bool, bool]]:
        """Up to `limit` changes after `cursor`, every office's: (seq, case_id, version, True,
        False). A coordinator sees every change from the first, so none enters its scope late."""
        rows = self._rows(
            "SELECT seq, case_id, version FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?",
            (cursor, limit),
        )
        return [(int(seq), case_id, int(version), True, False) for seq, case_id, version in rows]

    def office_changes(
        self, office: str, cursor: int, limit: int
    ) -> list[tuple[int, str, int, bool, bool]]:
        """Up to `limit` changes after `cursor` in `office`'s feed: (seq, case_id, version,
        visible, entering).

        `entering`: by this change the office enters the case's scope, i.e. it did not see the
        case's previous change (or there is none), so the change carries the whole history.
        Found in the same statement, by the case's previous change and the office's scope row
        of it: as two more lookups by ~1,000 keys each it cost about half the page's SQL.
        """
        rows = self._rows(
            "SELECT s.seq, l.case_id, l.version, s.visible, NOT EXISTS (SELECT 1 FROM"
            " change_scope p WHERE p.office = s.office AND p.visible = ? AND p.seq ="
            " (SELECT max(e.seq) FROM change_log e WHERE e.case_id = l.case_id AND e.seq < l.seq))"
            " FROM change_scope s JOIN change_log l ON l.seq = s.seq"
            " WHERE s.office = ? AND s.seq > ? ORDER BY s.seq LIMIT ?",
            (True, office, cursor, limit),
        )
        # bool(): SQLite's driver answers 0/1 for a BOOLEAN column and for NOT EXISTS
        return [
            (int(seq), case_id, int(v), bool(visible), bool(visible) and bool(entering))
            for seq, case_id, v, visible, entering in rows
        ]

    def events_of_cases(self, case_ids: Collection[str], last: int) -> list[tuple[str, int, str]]:
        """(case_id, change_seq, doc) of the cases' events up to change `last`, as they happened."""
        where, params = self._among("case_id", case_ids, "text")
        rows = self._rows(
            f"SELECT case_id, change_seq, doc FROM case_event WHERE {where}"
            " AND change_seq <= ? ORDER BY change_seq, id",
            (*params, last),
        )
        return [(case_id, int(seq), doc) for case_id, seq, doc in rows]

    def events_of_changes(self, seqs: Collection[int]) -> list[tuple[int, str]]:
        """(change_seq, doc) of the changes' own events, as they happened."""
        where, params = self._among("change_seq", seqs, "bigint")
        rows = self._rows(
            f"SELECT change_seq, doc FROM case_event WHERE {where} ORDER BY change_seq, id",
            params,
        )
        return [(int(seq), doc) for seq, doc in rows]

    def current_docs(self, case_ids: Collection[str]) -> dict[str, tuple[int, str]]:
        """Each case's version and document text, as stored."""
        where, params = self._among("id", case_ids, "text")
        rows = self._rows(f'SELECT id, version, doc FROM "case" WHERE {where}', params)
        return {case_id: (int(version), doc) for case_id, version, doc in rows}

    def in_scope(self, office: str, case_ids: Collection[str]) -> set[str]:
        """The cases among `case_ids` that `office` sees now."""
        where, params = self._among("case_id", case_ids, "text")
        rows = self._rows(
            f"SELECT case_id FROM case_scope WHERE office = ? AND {where}", (office, *params)
        )
        return {case_id for (case_id,) in rows}

    def version_doc(self, case_id: str, version: int) -> str:
        rows = self._rows(
            "SELECT doc FROM case_version WHERE case_id = ? AND version = ?", (case_id, version)
        )
        if len(rows) != 1:
            raise LookupError(f"case {case_id} has no version {version}")
        doc: str = rows[0][0]
        return doc
