"""Bad input: exit status 2, exactly one `lapor-desktop: error:` line, no traceback, no write.

The plain refusals run concurrently (each on its own copy of one prepared data dir, snapshotted
before and after) to keep the suite fast; the ones that need a special data dir run one by one.
"""

from __future__ import annotations

import os
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.cli.cli_support import (
    NOW,
    OFFICE,
    Result,
    add_case,
    check_usage_error,
    copy_data_dir,
    db_snapshot,
    fails,
    files_under,
    init_office,
    run,
    sha256_file,
)

ADD = ("case", "add", "--title", "Lampu jalan mati", "--text", "Sudah sepekan", "--channel", "wa")
ADD_OK = (*ADD, "--category", "Transportasi")


@dataclass(frozen=True)
class Bad:
    """One refused command; `{name}` in args and expected text is filled from the fixtures."""

    id: str
    args: tuple[str, ...]
    expect: tuple[str, ...] = ()
    now: str = NOW
    marks: tuple[Any, ...] = field(default=())

    def param(self) -> Any:
        return pytest.param(self, id=self.id, marks=self.marks)


BAD_INPUTS = (
    Bad("unknown-category", (*ADD, "--category", "Kategori Fiktif"), ("unknown category",)),
    Bad(
        "ambiguous-category",
        (*ADD, "--category", "Pendidikan Agama"),
        (
            "ambiguous",
            "Agama › Pendidikan Agama (AGAMA.PENDIDIKAN_AGAMA)",
            "Pendidikan dan Kebudayaan › Pendidikan Agama"
            " (PENDIDIKAN_DAN_KEBUDAYAAN.PENDIDIKAN_AGAMA)",
        ),
    ),
    Bad(
        "unknown-channel",
        (*ADD_OK, "--channel", "merpati pos"),
        ("unknown channel 'merpati pos'", "walk_in"),
    ),
    Bad("unknown-kind", (*ADD_OK, "--kind", "keluhan"), ("unknown kind", "permintaan_informasi")),
    Bad("unknown-priority", (*ADD_OK, "--priority", "kilat"), ("unknown priority",)),
    Bad("bad-phone", (*ADD_OK, "--reporter-phone", "bukan nomor"), ("reporter.phone",)),
    Bad("blank-title", (*ADD_OK, "--title", "   "), ("title",)),
    Bad(
        "missing-title",
        ("case", "add", "--text", "X", "--channel", "wa", "--category", "Transportasi"),
        ("--title",),
    ),
    Bad(
        "received-at-month-13",
        (*ADD_OK, "--received-at", "2026-13-01"),
        ("--received-at", "2026-13-01"),
    ),
    Bad(
        "incident-date-yesterday",
        (*ADD_OK, "--incident-date", "yesterday"),
        ("--incident-date", "yesterday"),
    ),
    Bad("received-in-the-future", (*ADD_OK, "--received-at", "2026-03-02T12:00"), ("future",)),
    Bad(
        "incident-after-receipt",
        (*ADD_OK, "--incident-date", "2026-03-05"),
        ("incident_date",),
    ),
    Bad("unknown-status", ("case", "list", "--status", "SELESAI_SEMUA"), ("unknown status",)),
    Bad("unknown-queue", ("case", "list", "--queue", "urgent"), ("--queue", "needs_verification")),
    Bad(
        "queue-and-overdue",
        ("case", "list", "--queue", "needs_info", "--overdue"),
        ("--overdue",),
    ),
    Bad("limit-0", ("case", "list", "--limit", "0"), ("--limit",)),
    Bad("limit-not-a-number", ("case", "list", "--limit", "lima"), ("--limit",)),
    Bad(
        "illegal-transition",
        ("case", "resolve", "{case}"),
        (
            "from RECEIVED to RESOLVED",
            "allowed next: NEEDS_INFO, DISPOSED, FORWARDED, ARCHIVED, CANCELLED",
        ),
    ),
    Bad(
        "follow-up-before-disposition",
        ("case", "follow-up", "{case}", "--text", "x"),
        ("RECEIVED",),
    ),
    Bad("blank-cancel-reason", ("case", "cancel", "{case}", "--reason", "  "), ("reason",)),
    Bad("unknown-case", ("case", "show", "DINSOS/2026/99999"), ("no case 'DINSOS/2026/99999'",)),
    Bad("unknown-case-action", ("case", "note", "424242", "--text", "x"), ("no case '424242'",)),
    Bad("dispose-without-target", ("case", "dispose", "{case}"), ("--to-office",)),
    Bad(
        "dispose-to-ourselves",
        ("case", "dispose", "{case}", "--to-office", "dinsos"),
        ("disposition",),
    ),
    Bad(
        "unknown-sifat",
        ("case", "dispose", "{case}", "--to-unit", "Bidang Linjamsos", "--sifat", "kilat"),
        ("unknown sifat 'kilat'",),
    ),
    Bad(
        "extend-0-days",
        ("case", "extend", "{case}", "--days", "0", "--reason", "r"),
        ("at least 1 day",),
    ),
    Bad(
        "extend-unknown-stage",
        ("case", "extend", "{case}", "--days", "2", "--reason", "r", "--stage", "x"),
        ("--stage",),
    ),
    Bad("edit-nothing", ("case", "edit", "{case}"), ("nothing to change",)),
    Bad("edit-unknown-category", ("case", "edit", "{case}", "--category", "X"), ("category",)),
    Bad(
        "duplicate-of-itself",
        ("case", "archive", "{case}", "--reason", "ganda", "--duplicate-of", "1916449"),
        ("cannot duplicate itself",),
    ),
    Bad(
        "duplicate-of-unknown",
        ("case", "archive", "{case}", "--reason", "ganda", "--duplicate-of", "DINSOS/2026/00099"),
        ("no case",),
    ),
    Bad("attach-missing-file", ("case", "attach", "{case}", "{missing}"), ("{missing}",)),
    Bad("attach-a-directory", ("case", "attach", "{case}", "{folder}"), ("not a file",)),
    Bad("attach-oversized", ("case", "attach", "{case}", "{big}"), ("26.0 MB", "25 MB")),
    Bad("attach-to-unknown-case", ("case", "attach", "NOPE", "{photo}"), ("no case 'NOPE'",)),
    Bad("unknown-case-command", ("case", "frobnicate"), ("frobnicate",)),
    Bad("case-without-command", ("case",), ("choose",)),
    Bad("init-twice", ("init", *OFFICE), ("already belongs to office DINSOS",)),
    Bad("demo-into-data", ("demo", "--cases", "5"), ("already has data",)),
    Bad("backup-over-a-file", ("backup", "{existing}"), ("already exists",)),
    Bad("restore-not-sqlite", ("restore", "{garbage}"), ("not a SQLite database",)),
    Bad("restore-foreign-sqlite", ("restore", "{foreign}"), ("not a LAPOR database",)),
    Bad("restore-missing", ("restore", "{missing}"), ("{missing}", "does not exist")),
    Bad(
        "restore-names-the-given-file",
        ("restore", "{garbage}"),
        ("{garbage}",),
    ),
    Bad("now-without-zone", ("case", "list"), ("LAPOR_NOW",), now="2026-03-02T09:00"),
    Bad(
        "now-malformed",
        ("case", "list"),
        ("LAPOR_NOW",),
        now="kemarin",
    ),
)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("seeded")
    data = root / "data"
    init_office(data)
    case = add_case(data, "--lapor-id", "1916449", "--received-at", "2026-03-02T08:00")
    return {"dir": data, "case": case}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory, seeded: dict[str, Any]) -> dict[str, str]:
    """Files the bad commands point at, by the names used in `Bad` args."""
    root = tmp_path_factory.mktemp("inputs")
    big = root / "video.mp4"
    with big.open("wb") as handle:
        handle.truncate(26 * 1024 * 1024)  # sparse: costs no disk
    photo = root / "foto.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 not much of a photo")
    garbage = root / "cadangan.db"
    garbage.write_bytes(os.urandom(8192))
    foreign = root / "lain.db"
    with closing(sqlite3.connect(foreign)) as con:
        con.execute("CREATE TABLE pelanggan (id INTEGER PRIMARY KEY, nama TEXT)")
        con.commit()
    existing = root / "ada.db"
    existing.write_bytes(b"do not overwrite me")
    (root / "folder").mkdir()
    return {
        "case": seeded["case"]["register_no"],
        "missing": str(root / "tidak-ada.pdf"),
        "folder": str(root / "folder"),
        "big": str(big),
        "photo": str(photo),
        "garbage": str(garbage),
        "foreign": str(foreign),
        "existing": str(existing),
    }


@dataclass(frozen=True)
class Outcome:
    result: Result
    before: dict[str, Any]
    after: dict[str, Any]


@pytest.fixture(scope="module")
def outcomes(
    seeded: dict[str, Any], inputs: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Outcome]:
    root = tmp_path_factory.mktemp("bad")

    def attempt(bad: Bad) -> Outcome:
        data = copy_data_dir(seeded["dir"], root / bad.id / "data")
        before = db_snapshot(data)
        args = [a.format(**inputs) for a in bad.args]
        result = run(*args, data_dir=data, now=bad.now)
        return Outcome(result, before, db_snapshot(data))

    with ThreadPoolExecutor(max_workers=min(os.cpu_count() or 2, 4)) as pool:
        return dict(zip([b.id for b in BAD_INPUTS], pool.map(attempt, BAD_INPUTS), strict=True))


@pytest.mark.parametrize("bad", [b.param() for b in BAD_INPUTS])
def test_refused_with_one_line_and_nothing_written(
    bad: Bad, outcomes: dict[str, Outcome], inputs: dict[str, str]
) -> None:
    outcome = outcomes[bad.id]
    message = check_usage_error(outcome.result)
    for expected in bad.expect:
        assert expected.format(**inputs) in message, message
    assert outcome.after == outcome.before


def test_attachment_refusals_copy_nothing_into_blobs(
    outcomes: dict[str, Outcome], inputs: dict[str, str]
) -> None:
    for name in ("attach-missing-file", "attach-oversized", "attach-to-unknown-case"):
        blobs = {k for k in outcomes[name].after["files"] if k.startswith("blobs/")}
        assert blobs == set(), name
    assert Path(inputs["big"]).stat().st_size == 26 * 1024 * 1024


def test_backup_refusal_leaves_the_existing_file(
    outcomes: dict[str, Outcome], inputs: dict[str, str]
) -> None:
    assert outcomes["backup-over-a-file"].result.returncode == 2
    assert Path(inputs["existing"]).read_bytes() == b"do not overwrite me"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_attachment(seeded: dict[str, Any], tmp_path: Path) -> None:
    data = copy_data_dir(seeded["dir"], tmp_path / "data")
    secret = tmp_path / "rahasia.pdf"
    secret.write_bytes(b"%PDF-1.4")
    secret.chmod(0)
    before = db_snapshot(data)
    assert "rahasia.pdf" in fails("case", "attach", "1916449", secret, data_dir=data)
    assert db_snapshot(data) == before


# --------------------------------------------------------------------- special data dirs


def test_init_with_an_invalid_office_code_creates_nothing(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    args = ("init", "--office-code", "DIN SOS!", "--office-name", "Dinas Sosial", "--regency", "K")
    assert "office_code" in fails(*args, data_dir=fresh)
    assert not fresh.exists()

    empty = tmp_path / "empty"
    empty.mkdir()
    assert "office_code" in fails(*args, data_dir=empty)
    assert list(empty.iterdir()) == []


@pytest.mark.parametrize("command", [("case", "list"), ("queues",), ("db", "check")], ids=" ".join)
def test_commands_on_an_uninitialised_data_dir(command: tuple[str, ...], tmp_path: Path) -> None:
    nowhere = tmp_path / "never-initialised"
    message = fails(*command, data_dir=nowhere)
    assert "run 'lapor-desktop init'" in message
    assert str(nowhere) in message
    assert not nowhere.exists()


def test_a_data_dir_with_an_empty_folder_stays_empty(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "init" in fails("case", "add", *ADD_OK[2:], data_dir=empty)
    assert list(empty.iterdir()) == []


def test_a_newer_schema_is_refused_and_left_untouched(
    seeded: dict[str, Any], tmp_path: Path
) -> None:
    data = copy_data_dir(seeded["dir"], tmp_path / "data")
    with closing(sqlite3.connect(data / "lapor.db")) as con:
        con.execute("UPDATE alembic_version SET version_num = 'ffff'")
        con.commit()
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = files_under(data)
    for command in (("case", "list"), ("db", "upgrade")):
        message = fails(*command, data_dir=data)
        assert "ffff" in message and "newer" in message
        assert files_under(data) == before


@pytest.mark.parametrize("header", [b"", b"SQLite format 3\x00"], ids=["random", "sqlite-header"])
def test_a_corrupt_database_file_is_a_message_not_a_traceback(
    seeded: dict[str, Any], tmp_path: Path, header: bytes
) -> None:
    data = copy_data_dir(seeded["dir"], tmp_path / "data")
    database = data / "lapor.db"
    database.write_bytes(header + os.urandom(64 * 1024))
    digest = sha256_file(database)
    message = fails("case", "list", data_dir=data)
    assert str(database) in message
    assert sha256_file(database) == digest
