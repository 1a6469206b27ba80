"""Reading cases for lists: work queues with counts, filters, and search."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from lapor_desktop.domain.codes import CaseStatus
from lapor_desktop.domain.summary import CaseSummary, Queue
from lapor_desktop.services.workspace import Workspace
from lapor_desktop.storage.case_queries import (
    ListFilter,
    QueueWindow,
    count_queues,
    list_cases,
)
from lapor_desktop.storage.cases import normalise_phone
from lapor_desktop.storage.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class CaseQuery:
    queue: Queue = Queue.ALL
    statuses: tuple[CaseStatus, ...] = ()
    search: str = ""
    limit: int = 50


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
            return count_queues(uow.session, self.window(), list(Queue))

    def cases(self, query: CaseQuery) -> list[CaseSummary]:
        with self._ws.db.read() as uow:
            ids: list[str] | None = None
            if query.search.strip():
                ids = self._search_ids(uow, query.search, query.limit)
            if ids is not None and not ids:
                return []
            rows = list_cases(
                uow.session,
                ListFilter(
                    queue=query.queue,
                    statuses=query.statuses,
                    ids=tuple(ids) if ids is not None else None,
                    limit=query.limit,
                ),
                self.window(),
            )
        if ids is not None:
            # Keep the search's own order: exact matches first, then by relevance.
            rank = {case_id: i for i, case_id in enumerate(ids)}
            rows.sort(key=lambda r: rank[r.id])
        return rows

    def search(self, text: str, limit: int = 50) -> list[CaseSummary]:
        return self.cases(CaseQuery(search=text, limit=limit))

    def _search_ids(self, uow: UnitOfWork, text: str, limit: int) -> list[str]:
        """Exact register no., tracking id or phone first; then words (bm25, last word a prefix)."""
        needle = text.strip()
        exact: list[str] = []
        by_register = uow.cases.get_by_register_no(needle)
        if by_register is not None:
            exact.append(by_register.id)
        digits = needle.lstrip("#")
        if digits.isdigit():
            exact.extend(uow.cases.find_ids_by_tracking_id(digits))
        phone = normalise_phone(needle)
        if phone and len(phone) >= 6 and not any(ch.isalpha() for ch in needle):
            exact.extend(uow.cases.find_ids_by_phone(needle))
        seen = set(exact)
        ranked = [i for i in uow.search.search_ids(needle, limit) if i not in seen]
        return list(dict.fromkeys(exact + ranked))[:limit]
