"""Pull pages adapt to the link (sync.pull.PageSizer): they double while pages arrive fast and
halve when one is slow, within bounds; a size given by the caller stays fixed."""

from __future__ import annotations

from sync.engine import SyncEngine
from sync.pull import PageSizer
from tests.support.live_server import LiveServer
from tests.sync.conftest import Desk, client_for, road_cases, sync


def test_fast_pages_double_up_to_the_protocols_limit() -> None:
    sizer = PageSizer(200)
    seen = []
    for _ in range(6):
        seen.append(sizer.limit)
        sizer.took(0.05)
    assert seen == [200, 400, 800, 1000, 1000, 1000]


def test_slow_pages_halve_down_to_the_floor_and_ordinary_ones_keep_the_size() -> None:
    sizer = PageSizer(200)
    sizer.took(3.0)  # neither fast nor slow: a 64 kbit/s link with a 200-change page
    assert sizer.limit == 200
    seen = []
    for _ in range(4):
        sizer.took(PageSizer.SLOW_SECONDS + 1)
        seen.append(sizer.limit)
    assert seen == [100, 50, 50, 50]


def test_a_fixed_size_never_changes() -> None:
    sizer = PageSizer(3, adaptive=False)
    for seconds in (0.01, 30.0, 0.01):
        sizer.took(seconds)
    assert sizer.limit == 3
    assert PageSizer(5000).limit == PageSizer.MAX_PAGE  # the server refuses more than 1,000


def test_the_engine_asks_for_growing_pages_on_a_fast_link(desk: Desk, offices: LiveServer) -> None:
    a, c = desk("a", "ani"), desk("c", "citra")
    road_cases(a, 7)
    sync(a, offices.base_url)

    client = client_for(c, offices.base_url)
    try:
        engine = SyncEngine(c, client, page_size=3, adaptive_pages=True)
        report = engine.run()
    finally:
        client.close()
    assert report.received == 14  # 7 cases, 2 changes each: pages of 3, 6, then the last 5
    assert engine.page_limits == [3, 6, 12]

    fixed = SyncEngine(c, client_for(c, offices.base_url), page_size=3)
    try:
        fixed.run()  # nothing new: one page, of the size asked
    finally:
        fixed.client.close()
    assert fixed.page_limits == [3]
