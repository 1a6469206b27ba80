"""The office profile (kop surat, signatory) and the local user, as stored in the data dir."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields
from typing import Any

from lapor_desktop.domain.codes import Role
from lapor_desktop.domain.errors import ValidationError
from lapor_desktop.domain.identifiers import validate_office_code

_NIP = re.compile(r"^\d{18}$")
TIMEZONES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}


@dataclass(frozen=True, slots=True)
class OfficeProfile:
    code: str
    name: str
    regency: str
    unit_code: str = ""
    address: str = ""
    postal_code: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    city: str = ""
    timezone: str = "Asia/Jakarta"
    head_name: str = ""
    head_nip: str = ""
    head_rank: str = ""
    head_title: str = ""
    units: tuple[str, ...] = ()
    logo_file: str = ""  # relative to the data dir, e.g. "office/logo.png"; "" for none

    def __post_init__(self) -> None:
        validate_office_code(self.code)
        if not self.name.strip():
            raise ValidationError("office_name", "is required")
        if not self.regency.strip():
            raise ValidationError("regency", "is required")
        if self.head_nip and not _NIP.match(self.head_nip):
            raise ValidationError("head_nip", "NIP is 18 digits")
        if self.timezone not in TIMEZONES.values():
            raise ValidationError("timezone", f"one of {', '.join(TIMEZONES)}")

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["units"] = list(self.units)
        return data

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> OfficeProfile:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in raw.items() if k in known}
        values["units"] = tuple(values.get("units") or ())
        return cls(**values)


def parse_timezone(value: str) -> str:
    text = value.strip()
    if text.upper() in TIMEZONES:
        return TIMEZONES[text.upper()]
    if text in TIMEZONES.values():
        return text
    raise ValidationError("timezone", f"use WIB, WITA or WIT (got {value!r})")


@dataclass(frozen=True, slots=True)
class LocalUser:
    name: str
    role: Role
