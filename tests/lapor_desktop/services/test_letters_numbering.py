"""Letter numbers: one sequence per register and year, configurable, never reused, crash-safe."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from lapor_desktop.domain.errors import ValidationError
from lapor_desktop.paths import AppPaths
from lapor_desktop.services.letters import (
    CRASH_ENV,
    CRASH_POINTS,
    LetterKind,
    LetterNumbering,
    LetterService,
    NumberingRule,
    letter_register,
)
from lapor_desktop.services.workspace import Workspace, open_workspace
from lapor_desktop.storage.numbers import NumberSource
from lapor_desktop.storage.unit_of_work import UnitOfWork
from tests.lapor_desktop.services.letters_support import (
    ISSUE_DAY,
    UNIT_CODE,
    WIB,
    answered,
    blob_files,
    dispose,
    forwarded,
    letter_sequence,
    needing_info,
    pdf_text,
    query,
    register,
    set_up_office,
)

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def ws(workspace: Workspace, fake_clock) -> Iterator[Workspace]:
    fake_clock.set(ISSUE_DAY)
    set_up_office(workspace)
    yield workspace


def test_one_sequence_for_every_kind_in_a_year(ws: Workspace) -> None:
    letters = LetterService(ws)
    case = answered(ws)
    issued = [
        letters.issue(case.id, LetterKind.RECEIPT).number,
        letters.issue(case.id, LetterKind.DISPOSITION).number,  # takes none
        letters.issue(case.id, LetterKind.RESPONSE).number,
        letters.issue(forwarded(ws).id, LetterKind.FORWARD).number,
        letters.issue(needing_info(ws).id, LetterKind.COMPLETION).number,
        letters.issue(case.id, LetterKind.RESPONSE).number,  # a second response: a new number
    ]
    assert issued == [
        f"000.8.3.4/0001/{UNIT_CODE}/2026",
        None,
        f"400.14.5.4/0002/{UNIT_CODE}/2026",
        f"400.14.5.4/0003/{UNIT_CODE}/2026",
        f"400.14.5.4/0004/{UNIT_CODE}/2026",
        f"400.14.5.4/0005/{UNIT_CODE}/2026",
    ]
    numbers = [n for (n,) in query(ws.paths.database, "SELECT number FROM issued_letter")]
    assert len([n for n in numbers if n]) == len({n for n in numbers if n}) == 5
    assert query(
        ws.paths.database, "SELECT name, year, last FROM number_sequence WHERE name LIKE 'letter:%'"
    ) == [("letter:DINSOS", 2026, 5)]


def test_the_sequence_restarts_with_the_office_year(ws: Workspace, fake_clock) -> None:
    letters = LetterService(ws)
    case = register(ws)
    fake_clock.set(datetime(2026, 12, 31, 23, 30, tzinfo=WIB))
    assert letters.issue(case.id, "tanda-terima").number == f"000.8.3.4/0001/{UNIT_CODE}/2026"
    assert letters.issue(case.id, "tanda-terima").number == f"000.8.3.4/0002/{UNIT_CODE}/2026"
    fake_clock.set(datetime(2027, 1, 1, 0, 30, tzinfo=WIB))  # still 2026 in UTC
    assert letters.issue(case.id, "tanda-terima").number == f"000.8.3.4/0001/{UNIT_CODE}/2027"
    assert letters.issue(case.id, "tanda-terima").number == f"000.8.3.4/0002/{UNIT_CODE}/2027"
    assert letter_sequence(ws.paths.database, 2026) == 2
    assert letter_sequence(ws.paths.database, 2027) == 2


def test_classification_and_format_are_settings_per_kind(ws: Workspace) -> None:
    letters = LetterService(ws)
    assert letters.numbering() == LetterNumbering.defaults()
    letters.set_numbering(
        LetterKind.RESPONSE, "400.14.1.1", "{classification}/{seq}/{unit_code}/{month_roman}/{year}"
    )
    letters.set_numbering("tanda-terima", classification="000.8.3.4.2")
    case = answered(ws)
    assert letters.issue(case.id, "tanggapan").number == f"400.14.1.1/0001/{UNIT_CODE}/III/2026"
    assert letters.issue(case.id, "tanda-terima").number == f"000.8.3.4.2/0002/{UNIT_CODE}/2026"
    assert letters.issue(forwarded(ws).id, "penerusan").number == (
        f"400.14.5.4/0003/{UNIT_CODE}/2026"  # untouched kinds keep the default
    )
    stored = query(ws.paths.database, "SELECT value FROM setting WHERE key = 'letter_numbering'")
    assert "400.14.1.1" in stored[0][0] and "month_roman" in stored[0][0]
    audit = query(ws.paths.database, "SELECT action, subject FROM audit_log WHERE action LIKE 'l%'")
    assert audit == [("letters.numbering", "tanggapan"), ("letters.numbering", "tanda-terima")]


@pytest.mark.parametrize(
    ("classification", "fmt", "message"),
    [
        (None, "{classification}/{unit_code}/{year}", r"\{seq\}"),
        (None, "{classification}/{seq}/{unit_code}", r"\{year\}"),
        (None, "{classification}/{seq}/{kode}/{year}", "unknown field"),
        (None, "{classification}/{seq}/{year", "braces"),
        ("400/14", None, "classification"),
        ("", None, "classification"),
    ],
)
def test_a_bad_numbering_is_refused_and_nothing_changes(
    ws: Workspace, classification, fmt, message
) -> None:
    letters = LetterService(ws)
    with pytest.raises(ValidationError, match=message):
        letters.set_numbering(LetterKind.RESPONSE, classification, fmt)
    assert letters.numbering() == LetterNumbering.defaults()


def test_a_disposition_takes_no_letter_number_so_it_has_no_numbering(ws: Workspace) -> None:
    with pytest.raises(ValidationError, match="no letter number"):
        LetterService(ws).set_numbering(LetterKind.DISPOSITION, "000.1")


def test_a_format_without_the_unit_code_needs_no_unit_code(ws: Workspace) -> None:
    from lapor_desktop.services.office import OfficeProfile
    from lapor_desktop.services.office_admin import OfficeAdmin

    values = ws.office.to_json()
    values["unit_code"] = ""
    OfficeAdmin(ws).update(OfficeProfile.from_json(values))
    letters = LetterService(ws)
    case = register(ws)
    with pytest.raises(Exception, match="unit_code"):
        letters.issue(case.id, "tanda-terima")
    letters.set_numbering("tanda-terima", fmt="{classification}/{seq}/{office}/{year}")
    assert letters.issue(case.id, "tanda-terima").number == "000.8.3.4/0001/DINSOS/2026"


def test_refused_and_voided_letters_never_give_a_number_twice(ws: Workspace) -> None:
    letters = LetterService(ws)
    case = register(ws)
    first = letters.issue(case.id, "tanda-terima")
    for _ in range(3):
        with pytest.raises(Exception, match="final answer"):
            letters.issue(case.id, "tanggapan")
    letters.void(first.id, "Kertas rusak di printer")
    second = letters.issue(case.id, "tanda-terima")
    assert [first.number, second.number] == [
        f"000.8.3.4/0001/{UNIT_CODE}/2026",
        f"000.8.3.4/0002/{UNIT_CODE}/2026",
    ]


class LeasedBlock:
    """A number source like the one sync will plug in: numbers from a block the server leased."""

    def __init__(self, first: int, last: int) -> None:
        self.next, self.last = first, last
        self.drawn: list[tuple[str, int, int]] = []

    def next_number(self, register: str, year: int) -> int:
        if self.next > self.last:
            raise RuntimeError("block exhausted")
        number, self.next = self.next, self.next + 1
        self.drawn.append((register, year, number))
        return number


def test_numbers_come_through_the_number_source_protocol(ws: Workspace) -> None:
    block = LeasedBlock(201, 400)

    def source(uow: UnitOfWork) -> NumberSource:
        return block

    letters = LetterService(ws, number_source=source)
    case = register(ws)
    assert letters.issue(case.id, "tanda-terima").number == f"000.8.3.4/0201/{UNIT_CODE}/2026"
    assert letters.issue(case.id, "tanda-terima").number == f"000.8.3.4/0202/{UNIT_CODE}/2026"
    assert block.drawn == [("letter:DINSOS", 2026, 201), ("letter:DINSOS", 2026, 202)]
    assert letter_register("DINSOS") == "letter:DINSOS"
    assert letter_sequence(ws.paths.database) == 0  # the local sequence was not touched


def test_two_writers_at_once_never_issue_the_same_number(ws: Workspace) -> None:
    case = register(ws)
    drawn: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker() -> None:
        letters = LetterService(ws)
        try:
            for _ in range(6):
                number = letters.issue(case.id, "tanda-terima").number
                with lock:
                    drawn.append(number or "")
        except BaseException as error:  # reported in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert sorted(drawn) == [f"000.8.3.4/{n:04d}/{UNIT_CODE}/2026" for n in range(1, 19)]


def test_numbering_rule_validates_itself() -> None:
    assert NumberingRule("400.14.5.4").needs_unit_code
    assert not NumberingRule("400.14.5.4", "{classification}/{seq}/{year}").needs_unit_code
    with pytest.raises(ValidationError):
        NumberingRule("400.14.5.4", "{seq}")


# --------------------------------------------------------------------------- SIGKILL


def _issue_in_subprocess(data_dir: Path, case: str, output: Path, crash_at: str | None) -> int:
    env = {k: v for k, v in os.environ.items() if k not in ("LAPOR_DATA_DIR", CRASH_ENV)}
    env["LAPOR_NOW"] = ISSUE_DAY.isoformat()
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    if crash_at:
        env[CRASH_ENV] = crash_at
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "lapor_desktop.cli",
            "--data-dir",
            str(data_dir),
            "letter",
            case,
            "--kind",
            "tanggapan",
            "-o",
            str(output),
        ],
        env=env,
        cwd=data_dir.parent,
        capture_output=True,
        timeout=120,
        check=False,
    )
    return proc.returncode


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
@pytest.mark.parametrize("crash_at", CRASH_POINTS)
def test_a_kill_between_numbering_and_storing_burns_and_duplicates_nothing(
    ws: Workspace, data_paths: AppPaths, fake_clock, tmp_path: Path, crash_at: str
) -> None:
    letters = LetterService(ws)
    case = answered(ws)
    letters.issue(case.id, "tanda-terima")  # 0001 is taken before the crash
    events_before = len(query(ws.paths.database, "SELECT id FROM case_event"))
    ws.close()
    output = tmp_path / "surat.pdf"

    status = _issue_in_subprocess(data_paths.data_dir, case.register_no, output, crash_at)
    assert status == -signal.SIGKILL
    assert not output.exists()

    database = data_paths.database
    assert query(database, "PRAGMA integrity_check") == [("ok",)]
    assert query(database, "PRAGMA foreign_key_check") == []
    assert letter_sequence(database) == 1  # the drawn number rolled back with the letter
    assert query(database, "SELECT count(*) FROM issued_letter") == [(1,)]
    assert len(query(database, "SELECT id FROM case_event")) == events_before

    # The next issue gets exactly the number the killed one had drawn.
    assert _issue_in_subprocess(data_paths.data_dir, case.register_no, output, None) == 0
    again = open_workspace(data_paths, fake_clock)
    try:
        issued = LetterService(again).list_for_case(case.id)
        assert [x.number for x in issued] == [
            f"000.8.3.4/0001/{UNIT_CODE}/2026",
            f"400.14.5.4/0002/{UNIT_CODE}/2026",
        ]
        pdf = LetterService(again).reprint(issued[-1].id)
        assert pdf == output.read_bytes()
        assert f"400.14.5.4/0002/{UNIT_CODE}/2026" in pdf_text(pdf)
        # every row's PDF is in the blob store (an orphan file from the kill may be too)
        assert {x.sha256 for x in issued} <= blob_files(data_paths.data_dir)
    finally:
        again.close()
    assert letter_sequence(database) == 2


def test_a_disposition_sheet_and_a_receipt_share_no_state_with_register_numbers(
    ws: Workspace,
) -> None:
    case = dispose(ws, register(ws))
    LetterService(ws).issue(case.id, "disposisi")
    LetterService(ws).issue(case.id, "tanda-terima")
    con = sqlite3.connect(ws.paths.database)
    try:
        names = dict(con.execute("SELECT name, last FROM number_sequence").fetchall())
    finally:
        con.close()
    assert names["register:DINSOS"] == 1 and names["letter:DINSOS"] == 1
