"""Scenario 18's refusals: what `lapor-desktop export-outbox` and `lapor-server import-outbox`
turn down, each with one line and exit 2, and nothing written (the PC's outbox and folder,
the server's rows and blob files, compared before and after)."""

from __future__ import annotations

import functools
import random
import sqlite3
import uuid
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from server.outbox_key import outbox_public_key
from sync import outbox_seal
from tests.scenarios.cases import register, service
from tests.scenarios.fleet import Client, Fleet, outbox_rows, start_server
from tests.scenarios.outbox_files import (
    export,
    file_hash,
    import_file,
    import_here,
    members,
    rewrite,
    seal,
    server_error,
    server_public_key,
    server_state,
    unsealed,
    write_members,
)
from tests.support.live_server import LiveServer
from tests.sync.cli_support import desktop

INIT = ("init", "--office-code", "DINSOS", "--office-name", "Dinas Sosial")
INIT += ("--regency", "Kabupaten Sumenep")


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_export_refuses_a_data_dir_not_enrolled_one_with_nothing_pending_and_a_bad_path(
    fleet: Fleet, tmp_path: Path
) -> None:
    lone = tmp_path / "lone"
    assert desktop(*INIT, data_dir=lone).returncode == 0
    out = tmp_path / "out"
    out.mkdir()
    refused = desktop("export-outbox", out / "x.zip", data_dir=lone)
    assert refused.returncode == 2 and "not enrolled" in refused.error_line()
    assert _listing(out) == []

    a = fleet.enroll("a", "ani")
    empty = export(a, out / "x.zip")
    assert empty.returncode == 2 and "nothing pending" in empty.error_line()
    assert _listing(out) == []

    register(a, 1)
    before = outbox_rows(a.ws)
    folder_before = _listing(a.ws.paths.data_dir)
    nowhere = export(a, tmp_path / "no-such-folder" / "x.zip")
    assert nowhere.returncode == 2 and "tidak dapat menulis" in nowhere.error_line()
    assert not (tmp_path / "no-such-folder").exists()
    folder = export(a, out)
    assert folder.returncode == 2 and "folder" in folder.error_line()
    assert _listing(out) == []
    assert outbox_rows(a.ws) == before
    assert _listing(a.ws.paths.data_dir) == folder_before


def _exported(client: Client, tmp_path: Path) -> Path:
    (case,) = register(client, 1, title="Saluran tersumbat")
    service(client).note(case.id, "Foto dari warga")
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(random.Random(7).randbytes(150_000))  # three sealed chunks
    service(client).attach(case.id, photo)
    usb = tmp_path / "good.zip"
    done = export(client, usb)
    assert done.returncode == 0, done.describe()
    return usb


def _set_office(office: str) -> Any:
    def change(manifest: dict[str, Any], _ops: list[dict[str, Any]], _b: dict[str, bytes]) -> None:
        manifest["office"] = office

    return change


def _other_device(manifest: dict[str, Any], ops: list[dict[str, Any]], _b: Any) -> None:
    stranger = str(uuid.uuid4())
    manifest["device_id"] = stranger
    for op in ops:
        op["device_id"] = stranger


def _drop_first(manifest: dict[str, Any], ops: list[dict[str, Any]], _b: Any) -> None:
    del ops[0]
    manifest["op_count"] = len(ops)
    manifest["first_device_seq"] = ops[0]["device_seq"]


def _edit_ops_bytes(server: LiveServer, good: Path, bad: Path) -> None:
    """The ops' text changed in place (same length), the manifest left as it was."""
    parts = members(server, good)
    assert b"Saluran" in parts["ops.json"]
    parts["ops.json"] = parts["ops.json"].replace(b"Saluran", b"Selokan", 1)
    write_members(server, parts, bad)


def _edit_blob(_m: Any, _o: Any, blobs: dict[str, bytes]) -> None:
    name = next(iter(blobs))
    blobs[name] = blobs[name][:-1] + bytes([blobs[name][-1] ^ 1])


def _newer(manifest: dict[str, Any], _o: Any, _b: Any) -> None:
    manifest["version"] = 2


def _one_op_of(device: str) -> Any:
    def change(_m: Any, ops: list[dict[str, Any]], _b: Any) -> None:
        ops[-1]["device_id"] = device

    return change


def _refused(
    server: LiveServer, source: Path, *, data_dir: Path | None = None, here: bool = False
) -> str:
    before = server_state(server)
    run = import_here if here else functools.partial(import_file, data_dir=data_dir)
    done = run(server, source)
    assert done.returncode == 2, done.describe()
    assert done.stdout == "", done.describe()
    assert server_state(server) == before
    return server_error(done)


_SEALED_CHUNK = outbox_seal.CHUNK + outbox_seal.TAG

# (what was done to a good file, what the one line must say)
BAD_FILES = [
    ("not_a_zip", "not an outbox file"),
    ("plain_zip", "an unencrypted outbox file; this server imports only sealed ones"),
    ("flipped_byte", "chunk 1 does not authenticate: the file is damaged"),
    ("header_changed", "chunk 1 does not authenticate: the file is damaged"),
    ("chunks_swapped", "chunk 1 does not authenticate: the file is damaged"),
    ("truncated", "chunk 2 does not authenticate: the file is cut short"),
    ("last_chunk_cut", "does not authenticate: the file is cut short"),
    ("bytes_appended", "does not authenticate: the file is cut short or has bytes added"),
    ("sealed_not_a_zip", "not an outbox file, or an incomplete copy"),
    ("ops_edited", "ops.json does not match its SHA-256"),
    ("blob_edited", "does not match its SHA-256"),
    ("blob_edited_and_rehashed", "does not hold the file its name says"),
    ("unknown_device", "unknown device"),
    ("wrong_office", "belongs to office DINSOS, the file says DPU"),
    ("gap", "gap: the server holds ops of device"),
    ("newer_format", "outbox file version 2"),
    ("op_of_another_device", "names device"),
    ("missing", "no such file"),
]


def _spoil(server: LiveServer, case: str, good: Path, bad: Path, other_device: str) -> None:
    bad.unlink(missing_ok=True)
    if case == "not_a_zip":
        bad.write_text("ini bukan file zip\n")
    elif case == "sealed_not_a_zip":
        seal(server, b"ini bukan file zip\n", bad)
    elif case == "plain_zip":
        bad.write_bytes(unsealed(server, good))
    elif case == "flipped_byte":
        data = bytearray(good.read_bytes())
        data[outbox_seal.HEADER_BYTES + 1000] ^= 0x01
        bad.write_bytes(bytes(data))
    elif case == "header_changed":
        data = bytearray(good.read_bytes())
        data[outbox_seal.HEADER_BYTES - 1] ^= 0x01  # the file's ephemeral key
        bad.write_bytes(bytes(data))
    elif case == "last_chunk_cut":
        # Cut at a chunk boundary: what is left reads as a complete file unless the last
        # chunk says it is the last.
        data = good.read_bytes()
        chunks = -(-(len(data) - outbox_seal.HEADER_BYTES) // _SEALED_CHUNK)
        assert chunks >= 3
        bad.write_bytes(data[: outbox_seal.HEADER_BYTES + (chunks - 1) * _SEALED_CHUNK])
    elif case == "bytes_appended":
        bad.write_bytes(good.read_bytes() + b"\x00")
    elif case == "truncated":
        bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    elif case == "chunks_swapped":
        data = good.read_bytes()
        head, body = data[: outbox_seal.HEADER_BYTES], data[outbox_seal.HEADER_BYTES :]
        one, two = body[:_SEALED_CHUNK], body[_SEALED_CHUNK : 2 * _SEALED_CHUNK]
        bad.write_bytes(head + two + one + body[2 * _SEALED_CHUNK :])
    elif case == "ops_edited":
        _edit_ops_bytes(server, good, bad)
    elif case == "op_of_another_device":
        rewrite(server, good, bad, _one_op_of(other_device))
    elif case != "missing":
        change, rehash = {
            "blob_edited": (_edit_blob, False),
            "blob_edited_and_rehashed": (_edit_blob, True),
            "unknown_device": (_other_device, True),
            "wrong_office": (_set_office("DPU"), True),
            "gap": (_drop_first, True),
            "newer_format": (_newer, True),
        }[case]
        rewrite(server, good, bad, change, rehash=rehash)


def test_import_refuses_a_bad_file_whole_and_writes_nothing(fleet: Fleet, tmp_path: Path) -> None:
    """One server and one good file for every case; the first refusal in a process of its
    own, the others through the same `main` in this process (start-up is most of the time)."""
    a, c = fleet.enroll("a", "ani"), fleet.enroll("c", "citra")
    good = _exported(a, tmp_path)
    good_hash = file_hash(good)
    bad = tmp_path / "bad.zip"
    for case, expected in BAD_FILES:
        _spoil(fleet.server, case, good, bad, c.ws.device_id)
        said = _refused(fleet.server, bad, here=case != BAD_FILES[0][0])
        assert expected in said, f"{case}: {said}"
    # The file they were made from is fine: each was refused for what was changed in it.
    assert file_hash(good) == good_hash
    done = import_file(fleet.server, good)
    assert done.returncode == 0, done.describe()
    assert done.json()["applied"] == done.json()["ops"] == 3


def test_import_refuses_the_file_of_a_revoked_device(fleet: Fleet, tmp_path: Path) -> None:
    a = fleet.enroll("a", "ani")
    good = _exported(a, tmp_path)
    fleet.server.revoke_device(a.ws.device_id)
    assert "is revoked" in _refused(fleet.server, good)


def test_import_refuses_a_data_dir_that_is_not_the_servers(fleet: Fleet, tmp_path: Path) -> None:
    """Files stored in the wrong folder would be "complete" in the database and missing to
    every download: the import checks that the folder holds a file the database has."""
    a = fleet.enroll("a", "ani")
    first = _exported(a, tmp_path)
    assert import_here(fleet.server, first).returncode == 0
    (case,) = register(a, 1, title="Foto kedua")
    photo = tmp_path / "kedua.jpg"
    photo.write_bytes(random.Random(8).randbytes(50_000))
    service(a).attach(case.id, photo)
    second = tmp_path / "second.zip"
    assert export(a, second).returncode == 0
    elsewhere = tmp_path / "elsewhere"
    said = _refused(fleet.server, second, data_dir=elsewhere)
    assert "does not hold this database's files" in said
    assert [f for f in elsewhere.rglob("*") if f.is_file()] == []
    assert import_here(fleet.server, second).returncode == 0


def test_export_refuses_while_the_servers_key_is_unknown_and_one_online_sync_brings_it(
    fleet: Fleet, tmp_path: Path
) -> None:
    """A PC enrolled before files were sealed knows no key: nothing is written (a plain file
    must never reach a stick) until its next online hello stores the key."""
    a = fleet.enroll("a", "ani")
    with closing(sqlite3.connect(a.ws.paths.database)) as con, con:
        assert con.execute("DELETE FROM setting WHERE key = 'sync.outbox_key'").rowcount == 1
    register(a, 1)
    before = outbox_rows(a.ws)
    out = tmp_path / "out"
    out.mkdir()
    refused = export(a, out / "x.zip")
    assert refused.returncode == 2, refused.describe()
    assert "sinkronkan PC ini sekali secara online dulu" in refused.error_line()
    assert _listing(out) == []
    assert outbox_rows(a.ws) == before

    assert desktop("sync", data_dir=a.ws.paths.data_dir).returncode == 0
    register(a, 1, title="Sesudah sinkron")
    done = export(a, out / "x.zip")
    assert done.returncode == 0, done.describe()
    assert (out / "x.zip").read_bytes().startswith(outbox_seal.MAGIC)


def test_import_refuses_a_file_sealed_for_another_server(fleet: Fleet, tmp_path: Path) -> None:
    a = fleet.enroll("a", "ani")
    good = _exported(a, tmp_path)
    ours = outbox_seal.fingerprint(server_public_key(fleet.server))
    other = start_server(tmp_path / "other")
    try:
        said = _refused(other, good, here=True)
        assert f"sealed for another server (key {ours[:16]}" in said
        assert "this server has no outbox key yet" in said
        theirs = outbox_seal.fingerprint(outbox_public_key(other.engine, datetime.now(UTC)))
        assert theirs != ours
        said = _refused(other, good, here=True)
        assert f"sealed for another server (key {ours[:16]}, this server's is {theirs[:16]})" in (
            said
        )
    finally:
        other.stop(wait=False)
    assert import_here(fleet.server, good).returncode == 0
