"""Changing the office after set-up: validation, audit, one transaction, logo, workspace refresh."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from lapor_desktop.domain.errors import ValidationError
from lapor_desktop.services.cases import CaseService, NewCase
from lapor_desktop.services.office import OfficeProfile
from lapor_desktop.services.office_admin import (
    OfficeAdmin,
    ProfileInvalid,
    build_profile,
    logo_path,
)
from lapor_desktop.services.workspace import Workspace, open_workspace
from lapor_desktop.storage.reference import ReferenceRepository
from tests.conftest import FakeClock

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 32


def _audit(workspace: Workspace) -> list[dict[str, object]]:
    with workspace.db.read() as uow:
        return uow.reference.audit_entries("office.update")


def _stored(workspace: Workspace) -> OfficeProfile:
    with workspace.db.read() as uow:
        return OfficeProfile.from_json(uow.reference.get_setting("office"))


def test_build_profile_reports_every_bad_field_at_once() -> None:
    with pytest.raises(ProfileInvalid) as caught:
        build_profile(
            {
                "code": "DIN SOS!",
                "name": "  ",
                "regency": "Kabupaten Sumenep",
                "head_nip": "1" * 17,
                "email": "dinsos@",
                "postal_code": "694",
                "units": "Bidang Linjamsos\n\nbidang linjamsos",
            }
        )
    assert set(caught.value.errors) == {"code", "name", "head_nip", "email", "postal_code", "units"}
    assert caught.value.field == "code"


def test_build_profile_cleans_what_people_type() -> None:
    profile = build_profile(
        {
            "code": " dinsos ",
            "name": "Dinas Sosial",
            "regency": "Kabupaten Sumenep",
            "timezone": "WITA",
            "head_nip": "19700312 199503 1 002",
            "email": "dinsos@sumenepkab.go.id",
            "units": " Bidang  Linjamsos \n\nSekretariat\n",
        }
    )
    assert profile.code == "DINSOS"
    assert profile.timezone == "Asia/Makassar"
    assert profile.head_nip == "197003121995031002"
    assert profile.units == ("Bidang Linjamsos", "Sekretariat")


def test_update_stores_the_profile_with_one_audit_entry_of_the_changes(
    workspace: Workspace, fake_clock: FakeClock
) -> None:
    admin = OfficeAdmin(workspace)
    new = replace(
        workspace.office, name="Dinas Sosial P3A", units=("Sekretariat", "Bidang Linjamsos")
    )

    change = admin.update(new)

    assert change.changed == ("name", "units")
    assert workspace.office.name == "Dinas Sosial P3A"
    assert _stored(workspace) == workspace.office
    (entry,) = _audit(workspace)
    assert entry["actor"] == "ani" and entry["subject"] == "DINSOS"
    assert json.loads(str(entry["before"])) == {"name": "Dinas Sosial", "units": []}
    assert json.loads(str(entry["after"])) == {
        "name": "Dinas Sosial P3A",
        "units": ["Sekretariat", "Bidang Linjamsos"],
    }
    reopened = open_workspace(workspace.paths, fake_clock)
    try:
        assert reopened.office.units == ("Sekretariat", "Bidang Linjamsos")
    finally:
        reopened.close()


def test_an_unchanged_profile_writes_no_audit_entry(workspace: Workspace) -> None:
    change = OfficeAdmin(workspace).update(workspace.office)
    assert change.changed == ()
    assert _audit(workspace) == []


def test_an_invalid_profile_changes_nothing(workspace: Workspace) -> None:
    before = workspace.office
    bad = replace(workspace.office, email="not-an-address", name="Baru")
    with pytest.raises(ProfileInvalid) as caught:
        OfficeAdmin(workspace).update(bad)
    assert caught.value.errors.keys() == {"email"}
    assert workspace.office == before == _stored(workspace)
    assert _audit(workspace) == []


def test_profile_and_audit_are_one_transaction(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_audit(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(ReferenceRepository, "audit", broken_audit)
    with pytest.raises(RuntimeError):
        OfficeAdmin(workspace).update(replace(workspace.office, name="Dinas Baru"))
    monkeypatch.undo()
    assert _stored(workspace).name == "Dinas Sosial"
    assert workspace.office.name == "Dinas Sosial"


def test_the_code_cannot_change_once_cases_exist(workspace: Workspace) -> None:
    admin = OfficeAdmin(workspace)
    admin.update(replace(workspace.office, code="DINSOSP3A"))  # no cases yet: allowed
    assert workspace.office.code == "DINSOSP3A"
    CaseService(workspace).register(
        NewCase(title="PKH", text="Belum cair", channel="whatsapp", category="Bantuan Sosial")
    )
    with pytest.raises(ValidationError) as caught:
        admin.update(replace(workspace.office, code="DINSOS"))
    assert caught.value.field == "code"
    assert _stored(workspace).code == "DINSOSP3A"


def test_signatory_and_units_helpers(workspace: Workspace) -> None:
    admin = OfficeAdmin(workspace)
    admin.set_signatory(
        "Drs. Ahmad Fauzi", "19700312 199503 1 002", "Pembina (IV/a)", "Kepala Dinas"
    )
    admin.set_units(["Sekretariat", " Bidang Rehsos ", ""])
    stored = _stored(workspace)
    assert stored.head_nip == "197003121995031002"
    assert stored.units == ("Sekretariat", "Bidang Rehsos")
    assert [json.loads(str(e["after"])).keys() for e in _audit(workspace)] == [
        {"head_name", "head_nip", "head_rank", "head_title"},
        {"units"},
    ]
    with pytest.raises(ProfileInvalid) as caught:
        admin.set_signatory("X", "1" * 17, "", "")
    assert caught.value.errors.keys() == {"head_nip"}
    with pytest.raises(ProfileInvalid):
        admin.set_units(["Sekretariat", "SEKRETARIAT"])
    assert len(_audit(workspace)) == 2


def test_a_logo_is_copied_into_the_data_dir_and_replaced(
    workspace: Workspace, tmp_path: Path
) -> None:
    admin = OfficeAdmin(workspace)
    png = tmp_path / "Logo Kabupaten.PNG"
    png.write_bytes(PNG)
    admin.update(workspace.office, logo_source=png)
    assert workspace.office.logo_file == "office/logo.png"
    stored_png = workspace.paths.data_dir / "office" / "logo.png"
    assert stored_png.read_bytes() == PNG
    assert logo_path(workspace.paths, workspace.office) == stored_png

    jpeg = tmp_path / "logo.jpeg"
    jpeg.write_bytes(JPEG)
    admin.update(workspace.office, logo_source=jpeg)
    assert workspace.office.logo_file == "office/logo.jpg"
    assert not stored_png.exists()
    assert sorted(p.name for p in (workspace.paths.data_dir / "office").iterdir()) == ["logo.jpg"]
    assert len(_audit(workspace)) == 2


def test_a_file_that_is_not_an_image_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    fake = tmp_path / "logo.png"
    fake.write_text("not really a picture")
    with pytest.raises(ValidationError) as caught:
        OfficeAdmin(workspace).update(workspace.office, logo_source=fake)
    assert caught.value.field == "logo_file"
    assert not (workspace.paths.data_dir / "office").exists()
    assert workspace.office.logo_file == ""
    assert _audit(workspace) == []


def test_a_time_zone_change_moves_running_deadlines(workspace: Workspace) -> None:
    CaseService(workspace).register(
        NewCase(title="PKH", text="Belum cair", channel="whatsapp", category="Bantuan Sosial")
    )
    change = OfficeAdmin(workspace).update(replace(workspace.office, timezone="Asia/Jayapura"))
    assert change.moved_deadlines == 1
    assert str(workspace.tz) == "Asia/Jayapura"
