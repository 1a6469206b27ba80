"""The server's outbox key (server/outbox_key.py): made once, kept in the database, the same
after a restart, handed out at enrollment and at every hello (SQLite and PostgreSQL)."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from sqlalchemy import text

from server.cli import main
from server.db import open_engine
from server.outbox_key import stored_private_key
from sync import outbox_seal
from tests.server.devices import PASSWORD, enroll_raw, setup_offices
from tests.server.test_enrollment import hello
from tests.support.live_server import start_live_server


def test_the_key_is_made_once_and_is_the_same_after_a_restart(
    server_db_url: str | None, tmp_path: Path
) -> None:
    data_dir = tmp_path / "server"
    first = start_live_server(server_db_url, data_dir)
    try:
        setup_offices(first)
        said = hello(first, [1]).json()["outbox_key"]
        assert len(base64.b64decode(said)) == 32
        enrolled = enroll_raw(first, "ani", PASSWORD, "pc-1")
        assert enrolled.status_code == 200, enrolled.text
        assert enrolled.json()["outbox_key"] == said
        assert hello(first, [1]).json()["outbox_key"] == said
    finally:
        first.stop()
    again = start_live_server(first.db_url, data_dir)  # init again, a new process's engine
    try:
        assert hello(again, [1]).json()["outbox_key"] == said
        private = stored_private_key(again.engine)
        assert private is not None
        assert outbox_seal.key_text(outbox_seal.public_key_of(private)) == said
        with again.engine.connect() as con:
            assert con.execute(text("SELECT count(*) FROM server_key")).scalar_one() == 1
    finally:
        again.stop()


def test_init_makes_the_key_and_init_again_keeps_it(
    server_db_url: str | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "server"
    url = server_db_url or f"sqlite:///{data_dir / 'server.db'}"
    assert main(["--db", url, "--data-dir", str(data_dir), "init", "--years", "2026"]) == 0
    engine = open_engine(url)
    try:
        made = stored_private_key(engine)
        assert made is not None
        assert main(["--db", url, "--data-dir", str(data_dir), "init", "--years", "2026"]) == 0
        assert stored_private_key(engine) == made
    finally:
        engine.dispose()
    assert "schema already present" in capsys.readouterr().out


def test_processes_asking_at_once_on_a_server_without_a_key_all_get_the_one_kept(
    server_db_url: str | None, tmp_path: Path
) -> None:
    """A deployment of several server processes, initialised before outbox keys existed:
    their first hellos arrive together and each may make a key pair. The insert of all but
    one fails on the primary key, and those read the winner's: every process must hand out
    the one key the database keeps, or a PC would seal a file the server cannot open."""
    import multiprocessing

    from server.admin import init_schema
    from tests.server.key_race import ask_for_the_key

    url = server_db_url or f"sqlite:///{tmp_path / 'server.db'}"
    engine = open_engine(url)
    spawn = multiprocessing.get_context("spawn")  # real processes, each with its own engine
    try:
        init_schema(engine)
        for _ in range(2):
            with engine.begin() as con:
                con.execute(text("DELETE FROM server_key"))
            barrier, answers = spawn.Barrier(4), spawn.Queue()
            workers = [
                spawn.Process(target=ask_for_the_key, args=(url, barrier, answers))
                for _ in range(4)
            ]
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.join(120)
                assert worker.exitcode == 0
            said = {answers.get(timeout=10) for _ in workers}
            private = stored_private_key(engine)
            assert private is not None
            assert said == {outbox_seal.key_text(outbox_seal.public_key_of(private))}
            with engine.connect() as con:
                assert con.execute(text("SELECT count(*) FROM server_key")).scalar_one() == 1
    finally:
        engine.dispose()
