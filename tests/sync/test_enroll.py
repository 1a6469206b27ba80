"""Enrollment: a fresh or an initialised data dir, wrong password, office mismatch, tokens."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest
import requests

from lapor_desktop.domain.codes import Role
from lapor_desktop.paths import AppPaths
from lapor_desktop.services.cases import CaseService, NewCase
from lapor_desktop.services.office import OfficeProfile
from lapor_desktop.services.workspace import default_user, init_workspace, open_workspace
from sync.enroll import OfficeMismatch, enroll
from sync.errors import AuthFailed, ServerRejected
from sync.state import sync_status
from sync.tokens import TokenStore
from tests.conftest import FakeClock
from tests.support.live_server import LiveServer
from tests.sync.conftest import FAST_RETRY, PASSWORD, Desk

NEW = NewCase(
    title="Bantuan PKH belum cair",
    text="Bantuan PKH bulan Februari belum diterima.",
    channel="whatsapp",
    category="Bantuan Sosial",
)


def test_a_fresh_data_dir_is_set_up_from_the_server(desk: Desk, tmp_path: Path) -> None:
    ws = desk("fresh", "ani")
    assert ws.office.code == "DINSOS"
    assert ws.office.name == "Dinas Sosial"
    assert ws.user.name == "Ani Lestari"
    assert ws.user.role is Role.OPERATOR
    with ws.db.read() as uow:
        enrollment = uow.sync.state.enrollment()
        blocks = uow.sync.blocks.all()
    assert enrollment is not None and enrollment.username == "ani"
    assert enrollment.device_id == ws.device_id
    assert [b.register for b in blocks] == ["letter:DINSOS", "register:DINSOS"]
    status = sync_status(ws)
    assert status.enrolled and status.pending == 0 and status.server_url is not None

    # The first register number comes from the leased block, not the local sequence.
    case = CaseService(ws).register(NEW)
    assert case.register_no == f"DINSOS/2026/{blocks[1].start:05d}"


def test_tokens_are_in_a_private_file_when_no_keyring_exists(desk: Desk) -> None:
    ws = desk("fresh", "ani")
    store = TokenStore(ws.paths.data_dir)
    assert store.backend == "file"  # keyring's `fail` backend here: a real one is not faked
    mode = stat.S_IMODE(store.file.stat().st_mode)
    assert mode == 0o600
    tokens = store.load()
    assert tokens is not None and tokens.access_token and tokens.refresh_token
    store.clear()
    assert store.load() is None and not store.file.exists()


def test_an_initialised_data_dir_keeps_its_cases_and_reports_its_numbers(
    offices: LiveServer, tmp_path: Path, fake_clock: FakeClock
) -> None:
    paths = AppPaths(tmp_path / "office")
    office = OfficeProfile(code="DINSOS", name="Dinas Sosial", regency="Kabupaten Sumenep")
    ws = init_workspace(paths, office, default_user("operator", None), fake_clock)
    try:
        before = [CaseService(ws).register(NEW).register_no for _ in range(3)]
        device_id = ws.device_id
    finally:
        ws.close()
    assert before[-1] == "DINSOS/2026/00003"

    result = enroll(paths, fake_clock, offices.base_url, "ani", PASSWORD, retry=FAST_RETRY)
    ws = result.workspace
    try:
        assert not result.created
        assert ws.device_id == device_id
        assert ws.user.name == "Ani Lestari" and ws.user.role is Role.OPERATOR
        with ws.db.read() as uow:
            assert uow.cases.count() == 3
            block = next(b for b in uow.sync.blocks.all() if b.register == "register:DINSOS")
        # The server leases above what this PC already issued: no number is ever repeated.
        assert block.start > 3
        nxt = CaseService(ws).register(NEW).register_no
        assert nxt == f"DINSOS/2026/{block.start:05d}"
    finally:
        ws.close()
    reopened = open_workspace(paths, fake_clock)
    try:
        assert reopened.user.name == "Ani Lestari"
    finally:
        reopened.close()


def test_a_wrong_password_changes_nothing(
    offices: LiveServer, tmp_path: Path, fake_clock: FakeClock
) -> None:
    paths = AppPaths(tmp_path / "fresh")
    with pytest.raises(AuthFailed):
        enroll(paths, fake_clock, offices.base_url, "ani", "salah", retry=FAST_RETRY)
    assert not paths.database.exists()
    assert TokenStore(paths.data_dir).load() is None


def test_a_user_of_another_office_is_refused(
    offices: LiveServer, tmp_path: Path, fake_clock: FakeClock
) -> None:
    paths = AppPaths(tmp_path / "office")
    office = OfficeProfile(code="DINSOS", name="Dinas Sosial", regency="Kabupaten Sumenep")
    init_workspace(paths, office, default_user("operator", None), fake_clock).close()
    with pytest.raises(OfficeMismatch, match=r"belongs to office DINSOS.*office DPU"):
        enroll(paths, fake_clock, offices.base_url, "budi", PASSWORD, retry=FAST_RETRY)
    ws = open_workspace(paths, fake_clock)
    try:
        assert ws.office.code == "DINSOS"
        assert not sync_status(ws).enrolled
        with ws.db.read() as uow:
            assert uow.sync.blocks.all() == []
    finally:
        ws.close()
    assert TokenStore(paths.data_dir).load() is None
    # Nothing was registered for the wrong office: the right user enrolls this PC afterwards.
    enroll(paths, fake_clock, offices.base_url, "ani", PASSWORD, retry=FAST_RETRY).workspace.close()


def test_another_operator_logs_in_on_the_pc_and_a_copy_without_tokens_cannot(
    desk: Desk, offices: LiveServer, fake_clock: FakeClock, tmp_path: Path
) -> None:
    ws = desk("pc", "ani")
    CaseService(ws).register(NEW)
    paths, device_id = ws.paths, ws.device_id
    first = TokenStore(paths.data_dir).load()
    ws.close()
    copy = AppPaths(tmp_path / "copy")
    shutil.copytree(paths.data_dir, copy.data_dir)

    # The PC's data dir holds the device's tokens: citra's login there is accepted.
    result = enroll(paths, fake_clock, offices.base_url, "citra", PASSWORD, retry=FAST_RETRY)
    try:
        assert result.workspace.device_id == device_id
        assert result.workspace.user.name == "Citra Dewi"
        assert sync_status(result.workspace).pending == 1  # ani's intake still waits to go
    finally:
        result.workspace.close()
    assert first is not None
    stale = requests.get(
        offices.api + "/master",
        headers={"Authorization": f"Bearer {first.access_token}", "X-Device-Id": device_id},
        timeout=30,
    )
    assert stale.status_code == 401  # the copy's tokens ended with citra's login

    # The copy lost its tokens (another PC's keyring, say): ani may not log in on it.
    TokenStore(copy.data_dir).clear()
    with pytest.raises(ServerRejected, match="enrolled by user citra") as refused:
        enroll(copy, fake_clock, offices.base_url, "ani", PASSWORD, retry=FAST_RETRY)
    assert refused.value.code == "device_taken"
    assert TokenStore(copy.data_dir).load() is None
    reopened = open_workspace(copy, fake_clock)
    try:
        assert sync_status(reopened).pending == 1  # nothing local was touched
    finally:
        reopened.close()
