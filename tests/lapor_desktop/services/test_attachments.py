"""Attachments: content-addressed files, stored once, refused cleanly when too big or missing."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from lapor_desktop.domain.errors import ValidationError
from lapor_desktop.services.cases import CaseNotFound, CaseService, NewCase
from lapor_desktop.services.workspace import Workspace
from lapor_desktop.storage.blobs import AttachmentTooLarge, BlobStore


def _new(title: str = "Bansos tidak cair") -> NewCase:
    return NewCase(title=title, text="PKH tidak cair", channel="walk_in", category="Bantuan Sosial")


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def _counts(workspace: Workspace) -> tuple[int, int, str]:
    con = sqlite3.connect(workspace.paths.database)
    try:
        outbox = con.execute("SELECT count(*) FROM outbox").fetchone()[0]
        blobs = con.execute("SELECT count(*) FROM blob").fetchone()[0]
        docs = "".join(r[0] for r in con.execute('SELECT doc FROM "case" ORDER BY row_id'))
    finally:
        con.close()
    return outbox, blobs, docs


def test_a_file_is_stored_under_its_sha256(workspace: Workspace, tmp_path: Path) -> None:
    service = CaseService(workspace)
    case = service.register(_new())
    content = b"%PDF-1.4 surat pengantar RT/RW\n" * 100
    source = tmp_path / "Surat Pengantar.pdf"
    source.write_bytes(content)
    sha = hashlib.sha256(content).hexdigest()

    updated = service.attach(case.register_no, source)

    stored = workspace.paths.blobs / sha[:2] / sha[2:4] / sha
    assert _files(workspace.paths.blobs) == [stored]
    assert stored.read_bytes() == content
    assert workspace.blobs.verify(sha)
    [ref] = updated.attachments
    assert (ref.sha256, ref.size, ref.name, ref.mime) == (
        sha,
        len(content),
        "Surat Pengantar.pdf",
        "application/pdf",
    )
    assert updated.version == case.version + 1
    detail = service.detail(case.id)
    assert detail.case.attachments == (ref,)
    assert detail.timeline[-1].kind == "attachment"
    assert [e.op.op_type.value for e in detail.pending_ops] == ["case.create", "attachment.add"]
    assert detail.pending_ops[-1].op.data == {
        "sha256": sha,
        "size": len(content),
        "name": "Surat Pengantar.pdf",
        "mime": "application/pdf",
    }
    con = sqlite3.connect(workspace.paths.database)
    try:
        assert con.execute("SELECT sha256, size, mime, state FROM blob").fetchall() == [
            (sha, len(content), "application/pdf", "local")
        ]
    finally:
        con.close()


def test_the_same_content_is_stored_once(workspace: Workspace, tmp_path: Path) -> None:
    service = CaseService(workspace)
    first, second = service.register(_new("Satu")), service.register(_new("Dua"))
    photo = tmp_path / "ktp.jpg"
    photo.write_bytes(b"\xff\xd8\xff foto KTP pelapor")
    copy = tmp_path / "salinan" / "KTP (1).jpg"
    copy.parent.mkdir()
    copy.write_bytes(photo.read_bytes())

    a = service.attach(first.id, photo)
    b = service.attach(second.id, photo)
    c = service.attach(second.id, copy)  # same bytes, another name: already there

    assert len(_files(workspace.paths.blobs)) == 1
    assert a.attachments[0].sha256 == b.attachments[0].sha256
    assert c.attachments == b.attachments and c.version == b.version
    outbox, blobs, _ = _counts(workspace)
    assert (outbox, blobs) == (4, 1)  # two creates, two attachment.add


def test_a_file_over_the_limit_is_refused_and_nothing_is_written(
    workspace: Workspace, tmp_path: Path
) -> None:
    workspace.blobs = BlobStore(workspace.paths.blobs, max_bytes=1024)
    service = CaseService(workspace)
    case = service.register(_new())
    big = tmp_path / "video.mp4"
    big.write_bytes(b"x" * 1025)
    before = _counts(workspace)

    with pytest.raises(ValidationError, match="limit") as refused:
        service.attach(case.id, big)
    assert refused.value.field == "file"

    assert _counts(workspace) == before
    assert _files(workspace.paths.blobs) == []  # no blob, no leftover temp file
    assert service.detail(case.id).case.version == case.version

    exact = tmp_path / "pas.jpg"
    exact.write_bytes(b"y" * 1024)
    assert service.attach(case.id, exact).attachments[0].size == 1024


def test_a_file_that_grows_past_the_limit_while_copied_is_refused(
    workspace: Workspace, tmp_path: Path
) -> None:
    store = BlobStore(workspace.paths.blobs, max_bytes=1024)
    growing = tmp_path / "growing.bin"
    growing.write_bytes(b"z" * 10)

    class Growing(type(growing)):  # type: ignore[misc]
        """A real file that another program appends to right after we looked at its size."""

        def stat(self, **kwargs: object):  # type: ignore[no-untyped-def]
            result = super().stat(**kwargs)
            growing.write_bytes(b"z" * 4096)
            return result

    with pytest.raises(AttachmentTooLarge):
        store.put_file(Growing(growing))
    assert _files(workspace.paths.blobs) == []


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda tmp: tmp / "tidak-ada.pdf", id="missing"),
        pytest.param(lambda tmp: tmp, id="a-directory"),
    ],
)
def test_a_missing_file_is_a_validation_error(workspace: Workspace, tmp_path: Path, make) -> None:
    service = CaseService(workspace)
    case = service.register(_new())
    before = _counts(workspace)
    with pytest.raises(ValidationError, match="does not exist") as refused:
        service.attach(case.id, make(tmp_path))
    assert refused.value.field == "file"
    assert _counts(workspace) == before


def test_an_unknown_case_is_reported_and_the_case_list_is_unchanged(
    workspace: Workspace, tmp_path: Path
) -> None:
    service = CaseService(workspace)
    service.register(_new())
    source = tmp_path / "foto.jpg"
    source.write_bytes(b"foto")
    before = _counts(workspace)
    with pytest.raises(CaseNotFound):
        service.attach("DINSOS/2026/00099", source)
    assert _counts(workspace) == before
