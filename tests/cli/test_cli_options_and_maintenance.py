"""Global options anywhere, LAPOR_DATA_DIR, --help, and backup / restore / db check / db upgrade."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from tests.cli.cli_support import (
    add_case,
    cli_env,
    copy_data_dir,
    db_snapshot,
    init_office,
    ok,
    ok_json,
    run,
)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """An office with one case; tests that write work on a copy."""
    data = tmp_path_factory.mktemp("office") / "data"
    init_office(data)
    case = add_case(data, "--lapor-id", "1916449")
    return {"dir": data, "case": case}


def test_global_options_before_or_after_the_command(office: dict[str, Any]) -> None:
    data, case = office["dir"], office["case"]
    before = run("--data-dir", data, "--json", "case", "list")
    after = run("case", "list", "--data-dir", data, "--json")
    mixed = run("--json", "case", "list", "--data-dir", data)
    middle = run("--data-dir", data, "case", "--json", "list")
    for result in (before, after, mixed, middle):
        assert result.returncode == 0, result.describe()
        assert [r["id"] for r in result.json()] == [case["id"]]
    # Without --json the same command prints text, not JSON.
    text = run("case", "list", "--data-dir", data)
    assert text.returncode == 0
    assert case["register_no"] in text.stdout
    assert not text.stdout.lstrip().startswith("[")


def test_data_dir_from_the_environment(office: dict[str, Any], tmp_path: Path) -> None:
    env = cli_env(LAPOR_DATA_DIR=str(office["dir"]))
    counts = ok_json("queues", env=env, cwd=tmp_path)
    assert counts["all"] == 1
    assert counts["needs_verification"] == 1
    shown = ok_json("case", "show", "1916449", env=env, cwd=tmp_path)
    assert shown["case"]["id"] == office["case"]["id"]

    # --data-dir wins over the environment.
    empty = tmp_path / "elsewhere"
    other = run(
        "--json",
        "queues",
        "--data-dir",
        empty,
        env=cli_env(LAPOR_DATA_DIR=str(office["dir"])),
        cwd=tmp_path,
    )
    assert other.returncode == 2
    assert str(empty) in other.stderr
    assert not empty.exists()


def test_help_exits_0(tmp_path: Path) -> None:
    top = ok("--help", cwd=tmp_path)
    assert top.stdout.startswith("usage: lapor-desktop")
    for command in ("init", "demo", "queues", "case", "db", "backup", "restore"):
        assert command in top.stdout
    add = ok("case", "add", "--help", cwd=tmp_path)
    for option in ("--title", "--channel", "--category", "--received-at", "--lapor-id"):
        assert option in add.stdout
    assert top.stderr == add.stderr == ""


def test_db_check_and_upgrade_on_a_current_database(office: dict[str, Any], tmp_path: Path) -> None:
    data = copy_data_dir(office["dir"], tmp_path / "data")
    report = ok_json("db", "check", data_dir=data)
    assert report["ok"] is True
    assert report["integrity"] == "ok"
    assert report["foreign_key_errors"] == 0
    assert report["cases"] == report["search_index_rows"] == 1
    assert report["outbox_pending"] == 1

    before = db_snapshot(data)
    assert ok_json("db", "upgrade", data_dir=data) == {"upgraded": True}
    assert db_snapshot(data) == before  # nothing to migrate: nothing written
    revision = report["schema_revision"]
    with closing(sqlite3.connect(data / "lapor.db")) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (revision,)


def test_backup_then_restore_brings_the_cases_back(office: dict[str, Any], tmp_path: Path) -> None:
    data = copy_data_dir(office["dir"], tmp_path / "data")
    case = office["case"]
    backup = tmp_path / "backups" / "lapor-2026-03-02.zip"
    saved = ok_json("backup", backup, data_dir=data)
    assert saved["bytes"] == backup.stat().st_size > 0
    assert backup.read_bytes()[:4] == b"PK\x03\x04"  # an archive; bare .db: test_backup_archive

    # Later changes: the case is cancelled and another one registered.
    ok_json("case", "cancel", case["id"], "--reason", "Salah input", data_dir=data)
    second = add_case(data, "--title", "Lampu jalan mati")
    assert {r["status"] for r in ok_json("case", "list", data_dir=data)} == {
        "CANCELLED",
        "RECEIVED",
    }

    restored = ok_json("restore", backup, data_dir=data)
    kept = Path(restored["previous"])
    assert kept.is_file() and kept.parent == data
    listed = ok_json("case", "list", data_dir=data)
    assert [(r["id"], r["status"]) for r in listed] == [(case["id"], "RECEIVED")]
    assert second["id"] not in {r["id"] for r in listed}
    report = ok_json("db", "check", data_dir=data)
    assert report["ok"] is True
    assert report["cases"] == 1
    # The kept copy still holds the later state.
    with closing(sqlite3.connect(kept)) as con:
        assert con.execute('SELECT count(*) FROM "case"').fetchone() == (2,)
