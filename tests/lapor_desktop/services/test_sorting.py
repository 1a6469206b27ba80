"""Sorting the case list in SQL, and keyset paging that follows the chosen order."""

from __future__ import annotations

from datetime import datetime

import pytest

from lapor_desktop.domain.errors import ValidationError
from lapor_desktop.paths import AppPaths
from lapor_desktop.services.demo import generate_demo
from lapor_desktop.services.queries import CaseQuery, QueryService, cursor_of
from lapor_desktop.services.workspace import Workspace, open_workspace
from tests.conftest import WIB, FakeClock

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=WIB)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    paths = AppPaths(tmp_path_factory.mktemp("sorting") / "demo")
    generate_demo(paths, FakeClock(NOW), cases=300, seed=3)
    return open_workspace(paths, FakeClock(NOW))


def _all_pages(service: QueryService, sort: str, descending: bool, page: int = 37) -> list:
    rows: list = []
    after = None
    while True:
        batch = service.cases(CaseQuery(sort=sort, descending=descending, after=after, limit=page))
        rows.extend(batch)
        if len(batch) < page:
            return rows
        after = cursor_of(batch[-1], sort)


@pytest.mark.parametrize("sort", ["received", "register_no", "title", "status", "due", "holder"])
@pytest.mark.parametrize("descending", [True, False])
def test_paging_walks_every_case_once_in_the_chosen_order(
    demo: Workspace, sort: str, descending: bool
) -> None:
    service = QueryService(demo)
    rows = _all_pages(service, sort, descending)
    assert len(rows) == 300
    assert len({r.id for r in rows}) == 300
    keys = [cursor_of(r, sort) for r in rows]
    assert keys == sorted(keys, reverse=descending)


def test_cases_without_a_deadline_sort_after_those_with_one(demo: Workspace) -> None:
    rows = _all_pages(QueryService(demo), "due", descending=False)
    with_due = [r.next_due_at is not None for r in rows]
    assert with_due == sorted(with_due, reverse=True) and any(with_due) and not all(with_due)


def test_an_unknown_sort_key_is_refused(demo: Workspace) -> None:
    with pytest.raises(ValidationError, match="sort"):
        QueryService(demo).cases(CaseQuery(sort="reporter_phone"))
