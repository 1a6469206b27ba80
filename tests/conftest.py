"""Fixtures shared by every test package: a fake clock and a real workspace on a temp data dir."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from lapor_desktop.paths import AppPaths
from lapor_desktop.services.office import OfficeProfile
from lapor_desktop.services.workspace import Workspace, default_user, init_workspace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # GUI tests run headless

WIB = ZoneInfo("Asia/Jakarta")
START = datetime(2026, 3, 2, 9, 0, tzinfo=WIB)  # a Monday; next holidays 18–24 March


class FakeClock:
    """A clock the test moves by hand; always returns an aware UTC datetime."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start.astimezone(UTC)

    def __call__(self) -> datetime:
        return self.now

    def set(self, moment: datetime) -> datetime:
        if moment.tzinfo is None:
            raise ValueError("give the fake clock an aware datetime")
        self.now = moment.astimezone(UTC)
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def office() -> OfficeProfile:
    return OfficeProfile(code="DINSOS", name="Dinas Sosial", regency="Kabupaten Sumenep")


@pytest.fixture
def data_paths(tmp_path: Path) -> AppPaths:
    return AppPaths(tmp_path / "data")


@pytest.fixture
def workspace(
    data_paths: AppPaths, office: OfficeProfile, fake_clock: FakeClock
) -> Iterator[Workspace]:
    ws = init_workspace(data_paths, office, default_user("ani", None), fake_clock)
    yield ws
    ws.close()
