"""Changing the office after set-up: profile, letterhead, logo, signatory and units (audited).

`build_profile` turns form values into an `OfficeProfile`, reporting every bad field at once
(the set-up wizard and the settings dialog show each next to its field). `OfficeAdmin.update`
stores a new profile and its audit entry in one transaction, then updates `Workspace.office`.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from sqlalchemy import select

from lapor_desktop.domain.errors import ValidationError
from lapor_desktop.domain.identifiers import validate_office_code
from lapor_desktop.paths import AppPaths
from lapor_desktop.services.office import OfficeProfile, parse_timezone
from lapor_desktop.services.workspace import Workspace
from lapor_desktop.storage.rows import CaseRow
from lapor_desktop.storage.unit_of_work import UnitOfWork

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_POSTAL_CODE = re.compile(r"^\d{5}$")
_PHONE = re.compile(r"^\+?[\d\s()./-]{5,30}$")
_NIP_SPACING = re.compile(r"[\s.-]")
_LOGO_FILE = re.compile(r"^office/logo\.(png|jpg|gif|bmp)$")

LOGO_DIR = "office"
LOGO_MAX_BYTES = 5 * 1024 * 1024
# Signatures of the image kinds a letter can carry (checked, not trusted from the name).
_LOGO_MAGIC = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".bmp": (b"BM",),
}
LOGO_SUFFIXES = tuple(_LOGO_MAGIC)

# The core's own field names for the profile's attributes.
_CORE_FIELD = {"office_code": "code", "office_name": "name"}
PROFILE_FIELDS = tuple(f.name for f in fields(OfficeProfile))


class ProfileInvalid(ValidationError):
    """One or more fields of an office profile are wrong; `errors` maps attribute → message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        first = next(iter(errors))
        super().__init__(first, errors[first])
        self.errors = dict(errors)


def _text(values: Mapping[str, Any], name: str) -> str:
    value = values.get(name, "")
    return "" if value is None else str(value).strip()


def clean_units(units: Iterable[str]) -> tuple[str, ...]:
    """Blank lines dropped, spaces trimmed; a name given twice (any case) is refused."""
    cleaned: list[str] = []
    seen: set[str] = set()
    for unit in units:
        name = " ".join(unit.split())
        if not name:
            continue
        if name.casefold() in seen:
            raise ValidationError("units", f"{name!r} is listed twice")
        seen.add(name.casefold())
        cleaned.append(name)
    return tuple(cleaned)


def build_profile(values: Mapping[str, Any]) -> OfficeProfile:
    """An office profile from form values; raises ProfileInvalid naming every bad field.

    `values` holds the profile's attribute names; `timezone` may be WIB/WITA/WIT, `units` a
    sequence of names (or one text with a name per line), `head_nip` may contain spaces.
    """
    errors: dict[str, str] = {}
    data: dict[str, Any] = {name: _text(values, name) for name in PROFILE_FIELDS if name != "units"}
    try:
        data["code"] = validate_office_code(data["code"])
    except ValidationError as error:
        errors["code"] = error.message
    if not data["name"]:
        errors["name"] = "is required"
    if not data["regency"]:
        errors["regency"] = "is required"
    try:
        data["timezone"] = parse_timezone(data["timezone"] or "WIB")
    except ValidationError as error:
        errors["timezone"] = error.message
    data["head_nip"] = _NIP_SPACING.sub("", data["head_nip"])
    if data["head_nip"] and not (len(data["head_nip"]) == 18 and data["head_nip"].isdigit()):
        errors["head_nip"] = "NIP is 18 digits"
    if data["email"] and not _EMAIL.match(data["email"]):
        errors["email"] = "is not an e-mail address (name@domain)"
    if data["postal_code"] and not _POSTAL_CODE.match(data["postal_code"]):
        errors["postal_code"] = "a postal code is 5 digits"
    if data["phone"] and not _PHONE.match(data["phone"]):
        errors["phone"] = "use digits, spaces, '+', '-' or brackets"
    if any(c.isspace() for c in data["website"]):
        errors["website"] = "a web address has no spaces"
    if data["logo_file"] and not _LOGO_FILE.match(data["logo_file"]):
        errors["logo_file"] = "choose the logo again"
    raw_units = values.get("units") or ()
    units_list = raw_units.splitlines() if isinstance(raw_units, str) else list(raw_units)
    try:
        data["units"] = clean_units(str(u) for u in units_list)
    except ValidationError as error:
        errors["units"] = error.message
    if errors:
        raise ProfileInvalid(errors)
    try:
        return OfficeProfile(**data)
    except ValidationError as error:  # a rule of the core this function does not repeat
        raise ProfileInvalid({_CORE_FIELD.get(error.field, error.field): error.message}) from error


def check_logo(source: Path) -> str:
    """The logo's suffix (".png"…) if `source` is a readable image of a known kind."""
    suffix = source.suffix.lower()
    if suffix not in _LOGO_MAGIC:
        raise ValidationError("logo_file", f"use a {', '.join(LOGO_SUFFIXES)} image")
    try:
        size = source.stat().st_size
        with source.open("rb") as handle:
            head = handle.read(16)
    except OSError as error:
        raise ValidationError(
            "logo_file", f"cannot read {source.name} ({error.strerror})"
        ) from error
    if size > LOGO_MAX_BYTES:
        raise ValidationError("logo_file", "the image is larger than 5 MB")
    if not head.startswith(_LOGO_MAGIC[suffix]):
        raise ValidationError("logo_file", f"{source.name} is not a {suffix[1:].upper()} image")
    return suffix


def logo_name(suffix: str) -> str:
    return f"{LOGO_DIR}/logo{'.jpg' if suffix == '.jpeg' else suffix}"


def store_logo(paths: AppPaths, source: Path) -> str:
    """Copy a checked logo into the data dir; returns its path relative to the data dir."""
    relative = logo_name(check_logo(source))
    target = paths.data_dir / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return relative


def logo_path(paths: AppPaths, office: OfficeProfile) -> Path | None:
    """Where the office's logo is, if it has one and the file is there."""
    if not office.logo_file:
        return None
    path = paths.data_dir / office.logo_file
    return path if path.is_file() else None


@dataclass(frozen=True, slots=True)
class OfficeChange:
    before: OfficeProfile
    after: OfficeProfile
    changed: tuple[str, ...]  # attribute names; empty when nothing changed
    moved_deadlines: int = 0  # open cases whose deadline moved (a time zone change)


def _has_cases(uow: UnitOfWork) -> bool:
    return uow.session.execute(select(CaseRow.id).limit(1)).first() is not None


class OfficeAdmin:
    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace

    def update(self, profile: OfficeProfile, logo_source: Path | None = None) -> OfficeChange:
        """Store a new profile (and logo) with one audit entry, in one transaction.

        The office code cannot change once the office has cases: their register numbers and
        holder carry it. Renamed or removed units only change future dispositions; history
        keeps the names it was written with.
        """
        paths = self._ws.paths
        profile = build_profile(profile.to_json())  # the form's rules hold for every caller
        staged: Path | None = None
        if logo_source is not None:
            suffix = check_logo(logo_source)
            profile = _with(profile, logo_file=logo_name(suffix))
            staged = paths.data_dir / LOGO_DIR / f".logo-staged{suffix}"
        try:
            with self._ws.db.write() as uow:
                raw = uow.reference.get_setting("office")
                before = OfficeProfile.from_json(raw) if raw else self._ws.office
                changed = tuple(
                    name
                    for name in PROFILE_FIELDS
                    if getattr(before, name) != getattr(profile, name)
                    or (name == "logo_file" and logo_source is not None)
                )
                if not changed:
                    return OfficeChange(before, before, ())
                if "code" in changed and _has_cases(uow):
                    raise ValidationError(
                        "code",
                        f"the office code stays {before.code} once cases are registered",
                    )
                if staged is not None and logo_source is not None:
                    staged.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(logo_source, staged)
                old, new = before.to_json(), profile.to_json()
                uow.reference.set_setting("office", new)
                uow.reference.audit(
                    self._ws.clock(),
                    self._ws.user.name,
                    "office.update",
                    profile.code,
                    {name: old[name] for name in changed},
                    {name: new[name] for name in changed},
                )
                uow.commit()
            if staged is not None:
                staged.replace(paths.data_dir / profile.logo_file)
                staged = None
            _remove_old_logo(paths, before, profile)
        finally:
            if staged is not None:
                staged.unlink(missing_ok=True)
        self._ws.replace_office(profile)
        moved = 0
        if "timezone" in changed:
            # Deadlines end at 23:59 office time: running clocks move with the zone.
            from lapor_desktop.services.holidays import HolidayService

            moved = HolidayService(self._ws)._recompute()
        return OfficeChange(before, profile, changed, moved)

    def set_units(self, units: Iterable[str]) -> OfficeChange:
        """The office's units (disposition targets), in the order given."""
        try:
            cleaned = clean_units(units)
        except ValidationError as error:
            raise ProfileInvalid({"units": error.message}) from error
        return self.update(_with(self._ws.office, units=cleaned))

    def set_signatory(self, name: str, nip: str, rank: str, title: str) -> OfficeChange:
        """The head of office who signs letters: name, NIP, pangkat/golongan, jabatan."""
        values = self._ws.office.to_json()
        values.update(head_name=name, head_nip=nip, head_rank=rank, head_title=title)
        return self.update(build_profile(values))


def _with(profile: OfficeProfile, **changes: Any) -> OfficeProfile:
    values = profile.to_json()
    values.update(changes)
    return OfficeProfile.from_json(values)


def _remove_old_logo(paths: AppPaths, before: OfficeProfile, after: OfficeProfile) -> None:
    if before.logo_file and before.logo_file != after.logo_file:
        old = paths.data_dir / before.logo_file
        if old.parent == paths.data_dir / LOGO_DIR:  # never outside the office folder
            old.unlink(missing_ok=True)


__all__ = [
    "LOGO_SUFFIXES",
    "OfficeAdmin",
    "OfficeChange",
    "ProfileInvalid",
    "build_profile",
    "check_logo",
    "clean_units",
    "logo_path",
    "store_logo",
]
