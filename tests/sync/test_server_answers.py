"""Answers that pass the protocol's models but that this PC cannot act on: each is refused as
an invalid response naming its endpoint, before anything is written, where it once failed as
another exception later (or was taken, and was wrong). A canned server gives the one answer."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from lapor_desktop.domain.case_codec import case_to_json
from lapor_desktop.domain.ops import iso
from lapor_desktop.paths import AppPaths
from lapor_desktop.services.cases import CaseService
from lapor_desktop.services.workspace import Workspace
from sync import protocol as p
from sync.client import SyncClient
from sync.enroll import enroll
from sync.errors import InvalidResponse, ServerRejected, Unreachable
from sync.numbers import lease_numbers
from sync.pull import CaseMerger
from sync.push import _check_results
from sync.report import SyncReport
from sync.tokens import Tokens, TokenStore
from sync.uploads import download_blobs, upload_blobs
from sync.verify import repair, verify
from tests.conftest import FakeClock
from tests.support.fault_proxy import FaultProxy, cut_response
from tests.sync.canned import Answer, CannedServer
from tests.sync.conftest import FAST_RETRY
from tests.sync.test_hostile_server import NEW

V1 = "/sync/v1"


@pytest.fixture
def canned() -> Iterator[CannedServer]:
    with CannedServer({}) as server:
        yield server


def client_of(ws: Workspace, server: CannedServer) -> SyncClient:
    store = TokenStore(ws.paths.data_dir, use_keyring=False)
    store.save(Tokens("access", "refresh", "2026-03-02T03:00:00+00:00"))
    return SyncClient(server.base_url, device_id=ws.device_id, tokens=store, retry=FAST_RETRY)


def _rows(ws: Workspace, sql: str) -> list[Any]:
    with closing(sqlite3.connect(ws.paths.database)) as con:
        return con.execute(sql).fetchall()


def _local(ws: Workspace) -> dict[str, Any]:
    return {
        "blocks": _rows(ws, "SELECT * FROM number_block ORDER BY 1, 2, 3"),
        "settings": _rows(ws, "SELECT * FROM setting ORDER BY key"),
        "cases": _rows(ws, 'SELECT id, version, doc, scope_left_at FROM "case" ORDER BY id'),
        "blobs": _rows(ws, "SELECT * FROM blob ORDER BY 1"),
    }


# ----------------------------------------------------------------------------- hello, tokens


def test_limits_beyond_64_bits_are_refused_at_hello(
    workspace: Workspace, canned: CannedServer, fake_clock: FakeClock
) -> None:
    """max_bytes = 10**400 was taken, and the push then failed as OverflowError (it takes a
    share of it as a float)."""
    hello = {"protocol": 1, "server_time": iso(fake_clock()), "limits": {"max_bytes": 10**400}}
    canned.routes[f"POST {V1}/hello"] = Answer(body=hello)
    client = client_of(workspace, canned)
    request = p.HelloRequest(protocols=[1], app="lapor-desktop/0", client_time=iso(fake_clock()))
    with pytest.raises(InvalidResponse, match=r"^server sent an invalid response to /hello: "):
        client.hello(request)
    hello["limits"] = {"max_ops": 0}
    with pytest.raises(InvalidResponse, match=r"limits\.max_ops: Input should be greater"):
        client.hello(request)


@pytest.mark.parametrize("token", ["akses€", "dua kata", "baris\nbaru", ""])
def test_a_token_that_cannot_go_into_a_header_is_refused_when_it_comes(
    token: str, workspace: Workspace, canned: CannedServer
) -> None:
    """It was stored, and every later call failed: UnicodeEncodeError in http.client, or an
    "invalid header" from requests reported as the server being unreachable."""
    canned.routes[f"POST {V1}/token"] = Answer(
        body={"access_token": token, "access_expires_at": "", "refresh_token": "r2"}
    )
    client = client_of(workspace, canned)
    with pytest.raises(InvalidResponse, match="/token: access_token is not a token"):
        client.refresh()
    stored = TokenStore(workspace.paths.data_dir, use_keyring=False).load()
    assert stored is not None and stored.access_token == "access"  # the old login is kept


# ----------------------------------------------------------------------------- number blocks


def _lease(ws: Workspace, server: CannedServer, block: dict[str, Any]) -> None:
    server.routes[f"POST {V1}/numbers/lease"] = Answer(body=block)
    client = client_of(ws, server)
    try:
        lease_numbers(ws, client, p.DEFAULT_BLOCK_SIZE)
    finally:
        client.close()


@pytest.mark.parametrize(
    ("block", "words"),
    [
        ({"start": 1, "end": 2**70}, "end: Input should be less than or equal to"),
        ({"start": 1, "end": 10**12}, "block 1..1000000000000 of register:DINSOS 2026: not a"),
        ({"start": 5, "end": 50_004}, "not a block of 1 to 10000 numbers"),
        ({"start": 150, "end": 349}, "block 150..349 of register:DINSOS 2026 overlaps the block"),
        ({"start": 1, "end": 200, "device_ordinal": 2**64}, "device_ordinal: Input should be"),
        ({"start": 1000, "end": 1199, "device_ordinal": 10**12}, "device ordinal 1000000000000"),
        ({"year": 10**20}, "year: Input should be less than or equal to 9999"),
    ],
)
def test_a_lease_this_pc_cannot_issue_from_is_refused(
    block: dict[str, Any], words: str, workspace: Workspace, canned: CannedServer
) -> None:
    """2**70 failed in SQLite as OverflowError; an overlap with a block held here was stored,
    and the same register number would have been given to two cases."""
    with workspace.db.write() as uow:
        uow.sync.blocks.add("register:DINSOS", 2026, 101, 300, workspace.clock())
        uow.sync.blocks.add("letter:DINSOS", 2026, 1, 200, workspace.clock())
        uow.commit()
    with workspace.db.write() as uow:  # nearly used up: the run leases the next block
        uow.session.execute(text("UPDATE number_block SET next = 290 WHERE start = 101"))
        uow.commit()
    before = _local(workspace)
    answer = {"register": "register:DINSOS", "year": 2026, **block}
    with pytest.raises(InvalidResponse, match="/numbers/lease: ") as caught:
        _lease(workspace, canned, answer)
    assert words in str(caught.value)
    assert _local(workspace) == before


def test_a_fresh_block_and_a_replayed_one_are_taken(
    workspace: Workspace, canned: CannedServer
) -> None:
    """The refusals above are of what each block is: these two are taken (the same block
    again is a lease replayed, stored once)."""
    with workspace.db.write() as uow:
        uow.sync.blocks.add("register:DINSOS", 2026, 101, 300, workspace.clock())
        uow.sync.blocks.add("letter:DINSOS", 2026, 1, 200, workspace.clock())
        uow.session.execute(text("UPDATE number_block SET next = 290 WHERE start = 101"))
        uow.commit()
    _lease(
        workspace, canned, {"register": "register:DINSOS", "year": 2026, "start": 101, "end": 300}
    )
    _lease(
        workspace, canned, {"register": "register:DINSOS", "year": 2026, "start": 301, "end": 500}
    )
    with workspace.db.read() as uow:
        spans = [(b.start, b.end) for b in uow.sync.blocks.all() if b.register == "register:DINSOS"]
    assert spans == [(101, 300), (301, 500)]
    assert [seen[1] for seen in canned.seen] == [f"{V1}/numbers/lease"] * 2


# ----------------------------------------------------------------------------- enrollment


def _enroll_answer(**office: Any) -> dict[str, Any]:
    return {
        "access_token": "a",
        "access_expires_at": "2026-03-02T03:00:00+00:00",
        "refresh_token": "r",
        "device_id": "",  # filled in by the test
        "office": {"code": "DINSOS", "name": "Dinas Sosial", **office},
        "user": {"username": "ani", "name": "Ani", "role": "operator", "office": "DINSOS"},
        "blocks": [
            {"register": "register:DINSOS", "year": 2026, "start": 1, "end": 200},
            {"register": "letter:DINSOS", "year": 2026, "start": 1, "end": 200},
        ],
    }


def _echoing(answer: dict[str, Any]) -> Callable[[bytes], Answer]:
    """The answer, for the device the request names (a fresh data dir makes up its id)."""

    def respond(request: bytes) -> Answer:
        return Answer(body={**answer, "device_id": json.loads(request)["device_id"]})

    return respond


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (_enroll_answer(timezone="Mars/Base"), "office 'DINSOS': timezone: one of WIB"),
        (_enroll_answer(timezone="../../etc/passwd"), "office 'DINSOS': timezone: one of WIB"),
        (_enroll_answer(name="  "), "office 'DINSOS': office_name: is required"),
        (
            {**_enroll_answer(), "user": {**_enroll_answer()["user"], "name": "", "username": " "}},
            "the user has no name",
        ),
        (
            {
                **_enroll_answer(),
                "blocks": [
                    {"register": "register:DINSOS", "year": 2026, "start": 1, "end": 200},
                    {"register": "register:DINSOS", "year": 2026, "start": 100, "end": 299},
                ],
            },
            "block 100..299 of register:DINSOS 2026 overlaps the block 1..200",
        ),
    ],
)
def test_an_enrollment_this_pc_cannot_hold_is_refused_and_creates_nothing(
    answer: dict[str, Any], words: str, tmp_path: Path, canned: CannedServer, fake_clock: FakeClock
) -> None:
    """A time zone unknown here failed as ZoneInfoNotFoundError (a KeyError), a blank office
    name as the profile's ValidationError; overlapping blocks were both stored."""
    paths = AppPaths(tmp_path / "fresh")
    canned.routes[f"POST {V1}/enroll"] = _echoing(answer)
    with pytest.raises(InvalidResponse, match="/enroll: ") as caught:
        enroll(paths, fake_clock, canned.base_url, "ani", "x", retry=FAST_RETRY).workspace.close()
    assert words in str(caught.value)
    assert not paths.database.exists()  # no data dir made for an office it cannot hold


def test_the_same_enrollment_valid_is_taken(
    tmp_path: Path, canned: CannedServer, fake_clock: FakeClock
) -> None:
    canned.routes[f"POST {V1}/enroll"] = _echoing(_enroll_answer(timezone="Asia/Makassar"))
    ws = enroll(
        AppPaths(tmp_path / "fresh"), fake_clock, canned.base_url, "ani", "x", retry=FAST_RETRY
    ).workspace
    try:
        assert ws.office.timezone == "Asia/Makassar"
        with ws.db.read() as uow:
            assert len(uow.sync.blocks.all()) == 2
    finally:
        ws.close()


# ----------------------------------------------------------------------------- push answers


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"applied": [[1, 2**70]], "last_device_seq": 1}, "less than or equal to"),
        ({"applied": [[1, -3]], "last_device_seq": 1}, "greater than or equal to 0"),
    ],
)
def test_push_versions_sqlite_cannot_hold_are_refused(body: dict[str, Any], words: str) -> None:
    """A version of 2**70 in an applied run reached `note_server_versions` and failed in
    SQLite as OverflowError, after the outbox answers were recorded in the same transaction."""
    answer = p.PushResponse.model_validate(body)
    with pytest.raises(InvalidResponse, match="/push: ") as caught:
        _check_results(answer, {1: "op-1"})
    assert words in str(caught.value)


def test_a_push_answer_asking_for_an_op_beyond_64_bits_is_refused(
    workspace: Workspace, canned: CannedServer
) -> None:
    """`expected_seq` = 2**63 was read back from the outbox (`queued(from_seq=...)`) and failed
    in SQLite as OverflowError."""
    canned.routes[f"POST {V1}/push"] = Answer(body={"expected_seq": 2**63, "last_device_seq": 0})
    client = client_of(workspace, canned)
    with pytest.raises(InvalidResponse, match="/push: expected_seq: Input should be less than"):
        client.push_payloads(workspace.device_id, ["{}"])


# ----------------------------------------------------------------------------- files


SHA = "a" * 64


@pytest.mark.parametrize("header", ["²", "1¹", "1" * 40])
def test_a_blob_offset_of_other_digits_is_refused(
    header: str, workspace: Workspace, canned: CannedServer
) -> None:
    """`"²".isdigit()` is true and `int("²")` a ValueError: it escaped the HEAD and the PATCH
    as one; 40 digits did not fit the uploaded_bytes column."""
    canned.routes[f"HEAD {V1}/blobs/{SHA}"] = Answer(headers={p.BLOB_OFFSET: header})
    client = client_of(workspace, canned)
    with pytest.raises(InvalidResponse, match=f"/blobs/{SHA}: Upload-Offset is"):
        client.blob_status(SHA)
    canned.routes[f"PATCH {V1}/blobs/{SHA}"] = Answer(400, headers={p.BLOB_OFFSET: header})
    assert client.blob_chunk(SHA, 0, 3, b"abc").offset == -1  # "did not say"


def test_a_server_holding_more_of_a_file_than_it_has_is_refused(
    workspace: Workspace, canned: CannedServer, tmp_path: Path
) -> None:
    """A HEAD naming an offset past the file's end ended the upload loop at once and counted
    the file uploaded, without storing it so (the run reported one upload that never was)."""
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(b"x" * 5000)
    case = CaseService(workspace).register(NEW)
    CaseService(workspace).attach(case.id, photo)
    sha = hashlib.sha256(photo.read_bytes()).hexdigest()
    with workspace.db.write() as uow:
        uow.sync.blobs.set_progress(sha, 1000, "uploading")  # a run was cut mid-file
        uow.commit()
    canned.routes[f"HEAD {V1}/blobs/{sha}"] = Answer(
        headers={p.BLOB_OFFSET: "900000", p.BLOB_STATE: "partial"}
    )
    before = _local(workspace)
    client = client_of(workspace, canned)
    with pytest.raises(InvalidResponse, match=f"/blobs/{sha}: holds 900000 bytes of a 5000-byte"):
        upload_blobs(workspace, client, 4096, 10**6, lambda *_: None, lambda: None)
    assert _local(workspace) == before


PHOTO = bytes(range(256)) * 4000  # 1 MB: several pieces of a download
PHOTO_SHA = hashlib.sha256(PHOTO).hexdigest()


def _want_photo(workspace: Workspace, size: int = len(PHOTO)) -> None:
    """A case pulled from another office names PHOTO; this PC does not have it yet."""
    with workspace.db.write() as uow:
        uow.sync.blobs.want(PHOTO_SHA, size, "image/jpeg", workspace.clock())
        uow.commit()


def _incoming(workspace: Workspace) -> list[Path]:
    return sorted(workspace.paths.blobs.rglob("*")) if workspace.paths.blobs.exists() else []


@pytest.mark.parametrize(
    ("served", "said"),
    [
        (PHOTO + b"x" * 3_000_000, "more than the attachment's 1024000 bytes"),
        (PHOTO[:-1] + b"?", "the file does not match its SHA-256"),
    ],
    ids=["endless", "other-bytes"],
)
def test_a_download_past_its_size_or_of_other_bytes_keeps_nothing(
    workspace: Workspace, canned: CannedServer, served: bytes, said: str
) -> None:
    _want_photo(workspace)
    before, files = _local(workspace), _incoming(workspace)
    canned.routes[f"GET {V1}/blobs/{PHOTO_SHA}"] = Answer(body=served)
    with pytest.raises(InvalidResponse, match=f"/blobs/{PHOTO_SHA}: {said}"):
        download_blobs(workspace, client_of(workspace, canned), lambda *_: None, lambda: None)
    assert _local(workspace) == before  # still wanted, for the next run
    assert _incoming(workspace) == files  # no file, no half-written temp file


def test_a_file_over_this_pcs_limit_is_skipped_and_said(
    workspace: Workspace, canned: CannedServer
) -> None:
    """The server may allow more than this PC keeps: the file is named as a problem, the
    run goes on, and it stays wanted (a later version with a higher limit fetches it)."""
    _want_photo(workspace)
    canned.routes[f"GET {V1}/blobs/{PHOTO_SHA}"] = Answer(body=PHOTO)
    before, files = _local(workspace), _incoming(workspace)
    workspace.blobs.max_bytes = 500_000
    result = download_blobs(workspace, client_of(workspace, canned), lambda *_: None, lambda: None)
    assert result.uploaded == 0
    assert [problem[:23] for problem in result.problems] == [f"attachment {PHOTO_SHA[:12]}"]
    assert "the limit is" in result.problems[0]
    assert _local(workspace) == before and _incoming(workspace) == files
    assert not [seen for seen in canned.seen if seen[0] == "GET"]  # not fetched to be dropped
    # Named under the limit, it is read only up to its named size: never past the limit.
    with workspace.db.write() as uow:
        uow.session.execute(text("UPDATE blob SET size = 400000"))
        uow.commit()
    with pytest.raises(InvalidResponse, match="more than the attachment's 400000 bytes"):
        download_blobs(workspace, client_of(workspace, canned), lambda *_: None, lambda: None)
    assert _incoming(workspace) == files


def test_a_download_cut_midway_is_fetched_whole_by_the_next_run(
    workspace: Workspace, canned: CannedServer
) -> None:
    _want_photo(workspace)
    canned.routes[f"GET {V1}/blobs/{PHOTO_SHA}"] = Answer(body=PHOTO)
    files = _incoming(workspace)
    port = int(canned.base_url.rsplit(":", 1)[1])
    with FaultProxy("127.0.0.1", port) as proxy:
        proxy.add_fault(cut_response(300_000), path=f"{V1}/blobs/")
        store = TokenStore(workspace.paths.data_dir, use_keyring=False)
        store.save(Tokens("access", "refresh", "2026-03-02T03:00:00+00:00"))
        client = SyncClient(
            proxy.base_url, device_id=workspace.device_id, tokens=store, retry=FAST_RETRY
        )
        with pytest.raises(Unreachable, match="broke off"):
            download_blobs(workspace, client, lambda *_: None, lambda: None)
        assert _incoming(workspace) == files
        result = download_blobs(workspace, client, lambda *_: None, lambda: None)
    assert (result.uploaded, result.bytes) == (1, len(PHOTO))
    assert workspace.blobs.read(PHOTO_SHA) == PHOTO
    with workspace.db.read() as uow:
        assert uow.sync.blobs.wanted() == []


# ----------------------------------------------------------------------------- verify, repair


@pytest.mark.parametrize("bucket", ["2026-03\n", "٢٠٢٦-٠٣", "2026-13", "2026-00", "2026-3"])
def test_a_verify_answer_naming_no_month_is_refused(
    bucket: str, workspace: Workspace, canned: CannedServer
) -> None:
    """`^\\d{4}-\\d{2}$` let a final newline and other scripts' digits through: the bucket went
    to /snapshot as it was (and nothing held here could ever be in it)."""
    canned.routes[f"POST {V1}/verify"] = Answer(body={"mismatched": [bucket], "server": {}})
    client = client_of(workspace, canned)
    with pytest.raises(InvalidResponse, match="/verify: bucket "):
        verify(
            workspace, client, CaseMerger(workspace), SyncReport("r"), lambda _: None, lambda: None
        )
    assert not [seen for seen in canned.seen if "/snapshot" in seen[1]]


def test_a_snapshot_page_with_a_case_of_another_month_is_refused(
    workspace: Workspace, canned: CannedServer
) -> None:
    """It was written, as a case of the bucket asked for; that month's own repair would then
    not see it, and the one asked for would mark it out of scope next time."""
    case = CaseService(workspace).register(NEW)  # received 2026-03
    doc = {**case_to_json(case), "id": "server-case-1"}
    canned.routes[f"GET {V1}/snapshot"] = Answer(
        body={
            "bucket": "2026-04",
            "cases": [doc],
            "events": [],
            "next_after": None,
            "has_more": False,
        }
    )
    before = _local(workspace)
    client = client_of(workspace, canned)
    with pytest.raises(
        InvalidResponse, match="/snapshot: bucket 2026-04: case server-case-1 is of"
    ):
        repair(workspace, client, CaseMerger(workspace), "2026-04")
    assert _local(workspace) == before
    canned.routes[f"GET {V1}/snapshot"] = Answer(
        body={
            "bucket": "2026-03",
            "cases": [doc],
            "events": [],
            "next_after": None,
            "has_more": False,
        }
    )
    repair(workspace, client, CaseMerger(workspace), "2026-03")  # its own month: taken
    assert any(row[0] == "server-case-1" for row in _local(workspace)["cases"])


def test_a_refusal_in_many_lines_is_shown_in_one_and_within_reason(
    workspace: Workspace, canned: CannedServer, fake_clock: FakeClock
) -> None:
    """The CLI prints one line per error; a server's message with line breaks (or a whole
    page) made several."""
    message = "Permintaan ditolak.\nHubungi admin:\r\n\tDiskominfo" + " lagi" * 400
    canned.routes[f"POST {V1}/hello"] = Answer(400, {"error": "bad\nrequest", "message": message})
    client = client_of(workspace, canned)
    request = p.HelloRequest(protocols=[1], app="lapor-desktop/0", client_time=iso(fake_clock()))
    with pytest.raises(ServerRejected) as refused:
        client.hello(request)
    shown = str(refused.value)
    assert "\n" not in shown and "\r" not in shown and "\t" not in shown
    assert shown.startswith(
        "the server refused /hello (400 bad request): Permintaan ditolak. Hubungi admin: "
        "Diskominfo lagi"
    )
    assert shown.endswith("…") and len(shown) < 600
    assert refused.value.server_message == message  # kept whole for the log
