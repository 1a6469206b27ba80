"""Register numbers: `{office}/{year}/{seq:05d}`, one after another, never reused."""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from lapor_desktop.domain.errors import UnknownCategory
from lapor_desktop.services.cases import CaseService, NewCase
from lapor_desktop.services.workspace import Workspace, open_workspace

WIB = ZoneInfo("Asia/Jakarta")


def _new(title: str = "Bansos tidak cair", category: str = "Bantuan Sosial") -> NewCase:
    return NewCase(title=title, text="PKH tidak cair", channel="walk_in", category=category)


def test_numbers_increment_in_the_office_format(workspace: Workspace) -> None:
    service = CaseService(workspace)
    numbers = [service.register(_new(f"Kasus {i}")).register_no for i in range(3)]
    assert numbers == ["DINSOS/2026/00001", "DINSOS/2026/00002", "DINSOS/2026/00003"]
    assert service.detail("dinsos/2026/00002").case.title == "Kasus 1"


def test_a_number_is_never_reused_and_a_refused_intake_takes_none(workspace: Workspace) -> None:
    service = CaseService(workspace)
    first = service.register(_new())
    service.cancel(first.id, "Salah input")
    with pytest.raises(UnknownCategory):
        service.register(_new(category="Tidak ada kategori ini"))
    second = service.register(_new())
    assert second.register_no == "DINSOS/2026/00002"
    assert service.detail(first.register_no).case.id == first.id  # the cancelled keeps its own
    con = sqlite3.connect(workspace.paths.database)
    try:
        assert con.execute(
            "SELECT name, year, last FROM number_sequence WHERE name LIKE 'register:%'"
        ).fetchall() == [("register:DINSOS", 2026, 2)]
    finally:
        con.close()


def test_numbers_survive_reopening_the_data_dir(
    workspace: Workspace, data_paths, fake_clock
) -> None:
    CaseService(workspace).register(_new())
    workspace.close()
    again = open_workspace(data_paths, fake_clock)
    try:
        assert CaseService(again).register(_new()).register_no == "DINSOS/2026/00002"
    finally:
        again.close()


def test_the_year_is_the_office_year_and_a_new_year_starts_at_one(
    workspace: Workspace, fake_clock
) -> None:
    service = CaseService(workspace)
    fake_clock.set(datetime(2026, 12, 31, 23, 30, tzinfo=WIB))
    assert service.register(_new()).register_no == "DINSOS/2026/00001"
    fake_clock.set(datetime(2027, 1, 1, 0, 30, tzinfo=WIB))  # still 31 Dec in UTC
    assert service.register(_new()).register_no == "DINSOS/2027/00001"
    assert service.register(_new()).register_no == "DINSOS/2027/00002"
    fake_clock.set(datetime(2027, 1, 4, 9, 0, tzinfo=WIB))
    assert service.register(_new()).register_no == "DINSOS/2027/00003"


def test_two_writers_at_once_never_draw_the_same_number(workspace: Workspace) -> None:
    errors: list[BaseException] = []
    drawn: list[str] = []
    lock = threading.Lock()

    def worker(tag: str) -> None:
        service = CaseService(workspace)
        try:
            for i in range(15):
                number = service.register(_new(f"{tag} {i}")).register_no
                with lock:
                    drawn.append(number)
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(f"t{n}",)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert sorted(drawn) == [f"DINSOS/2026/{n:05d}" for n in range(1, 46)]
