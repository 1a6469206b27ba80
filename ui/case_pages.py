"""Pages of the window's case table: what one page holds, and reading it on the worker thread.

`read_page` uses services only and touches no widget: the window hands it to the task runner.
"""

from __future__ import annotations

from dataclasses import dataclass

from lapor_desktop.domain.summary import Queue
from lapor_desktop.services.queries import CaseQuery, QueryService
from lapor_desktop.services.sync_review import SyncReviewService
from lapor_desktop.services.workspace import Workspace
from ui.case_rows import CaseRow, build_rows

PAGE = 256
# The page a window asks for when it opens: more than a screen of rows, quick to build;
# keyset paging brings the next ones (PAGE) as the operator scrolls.
FIRST_PAGE = 64
# The sort key of each table column (None: not sortable), in CaseTableModel's column order.
SORT_COLUMNS = (
    "register_no",
    "received",
    "title",
    "category",
    "channel",
    "status",
    "holder",
    "due",
    None,
)


@dataclass(frozen=True, slots=True)
class Page:
    rows: list[CaseRow]
    has_more: bool
    counts: dict[Queue, int] | None
    pending_ops: int | None
    generation: int


def read_page(
    workspace: Workspace,
    queries: QueryService,
    review: SyncReviewService,
    query: CaseQuery,
    generation: int,
    *,
    badges: bool,
    only_ids: tuple[str, ...] | None = None,
    with_counts: bool = False,
) -> Page:
    """One page of rows for the query (or exactly `only_ids`), badges when `badges`."""
    if only_ids is not None:
        summaries = review.summaries(only_ids) if query.after is None else []
    else:
        summaries = queries.cases(query)
    reference = workspace.list_reference()  # the rules wait for the first dialog
    conflicts, rejected = review.attention(s.id for s in summaries if badges)
    rows = build_rows(
        summaries,
        reference.category_names,
        reference.calendar,
        workspace.tz,
        workspace.clock(),
        conflicts=conflicts,
        rejected=rejected,
    )
    counts = queries.queue_counts() if with_counts else None
    pending = queries.pending_operations() if with_counts else None
    has_more = len(summaries) >= query.limit and not query.search and only_ids is None
    return Page(rows, has_more, counts, pending, generation)


__all__ = ["FIRST_PAGE", "PAGE", "SORT_COLUMNS", "Page", "read_page"]
