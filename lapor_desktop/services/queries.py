"""Reading cases for lists: work queues with counts, filters, and search."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, time

from lapor_desktop.domain.codes import CaseStatus
from lapor_desktop.domain.errors import ValidationError
from lapor_desktop.domain.identifiers import looks_like_register_no
from lapor_desktop.domain.ops import iso
from lapor_desktop.domain.summary import CaseSummary, Queue
from lapor_desktop.services.workspace import Workspace
from lapor_desktop.storage.case_queries import (
    NO_DEADLINE,
    SORT_KEYS,
    ListFilter,
    QueueWindow,
    count_queues,
    list_cases,
)
from lapor_desktop.storage.cases import normalise_phone
from lapor_desktop.storage.search import match_expression
from lapor_desktop.storage.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class CaseQuery:
    queue: Queue = Queue.ALL
    statuses: tuple[CaseStatus, ...] = ()
    search: str = ""
    limit: int = 50
    # Keyset paging: cursor_of(the last row already shown, sort).
    after: tuple[str, int] | None = None
    sort: str = "received"  # one of SORT_KEYS
    descending: bool = True


def cursor_of(row: CaseSummary, sort: str) -> tuple[str, int]:
    """The keyset cursor of a listed row for a sort key (see CaseQuery.after)."""
    values = {
        "received": iso(row.received_at),
        "register_no": row.register_no,
        "title": row.title,
        "category": row.category_code,
        "channel": row.channel.value,
        "status": row.status.value,
        "holder": row.holder_office,
        "due": iso(row.next_due_at) if row.next_due_at else NO_DEADLINE,
    }
    return values[sort], row.row_id


class QueryService:
    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace

    def window(self) -> QueueWindow:
        now = self._ws.clock()
        local = now.astimezone(self._ws.tz)
        end = datetime.combine(local.date(), time(23, 59, 59, 999999), tzinfo=self._ws.tz)
        return QueueWindow(self._ws.office.code, now, end)

    def queue_counts(self) -> dict[Queue, int]:
        with self._ws.db.read() as uow:
            return count_queues(uow.session, self.window())

    def cases(self, query: CaseQuery) -> list[CaseSummary]:
        """Cases of a queue, newest first; with a search text, exact hits first, then by words."""
        if query.sort not in SORT_KEYS:
            raise ValidationError("sort", f"one of {', '.join(SORT_KEYS)}")
        base = ListFilter(
            queue=query.queue,
            statuses=query.statuses,
            limit=query.limit,
            after=query.after,
            sort=query.sort,
            descending=query.descending,
        )
        window = self.window()
        with self._ws.db.read() as uow:
            if not query.search.strip():
                return list_cases(uow.session, base, window)
            # Search results come ranked, not by date: no keyset paging there.
            base = replace(base, after=None)
            exact_ids = self._exact_ids(uow, query.search)
            exact = (
                list_cases(uow.session, replace(base, ids=tuple(exact_ids)), window)
                if exact_ids
                else []
            )
            expression = match_expression(query.search)
            ranked = (
                list_cases(uow.session, replace(base, match=expression), window)
                if expression is not None
                else []
            )
        seen = {row.id for row in exact}
        return (exact + [row for row in ranked if row.id not in seen])[: query.limit]

    def pending_operations(self) -> int:
        """Operations recorded here and not yet accepted by the server (derived, never cached)."""
        with self._ws.db.read() as uow:
            return uow.outbox.count_by_state().get("pending", 0)

    def search(self, text: str, limit: int = 50) -> list[CaseSummary]:
        return self.cases(CaseQuery(search=text, limit=limit))

    def _exact_ids(self, uow: UnitOfWork, text: str) -> list[str]:
        """Register no., LAPOR! tracking id or phone number typed whole."""
        needle = text.strip()
        found: list[str] = []
        if looks_like_register_no(needle):
            by_register = uow.cases.get_by_register_no(needle)
            if by_register is not None:
                found.append(by_register.id)
        digits = needle.lstrip("#")
        if digits.isdigit():
            found.extend(uow.cases.find_ids_by_tracking_id(digits))
        phone = normalise_phone(needle)
        if phone and len(phone) >= 6 and not any(ch.isalpha() for ch in needle):
            found.extend(uow.cases.find_ids_by_phone(needle))
        return list(dict.fromkeys(found))
