"""Which case fields an edit may change, and how each is read, validated and written."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum
from typing import Any

from lapor_desktop.domain.case import Case, Location, Reporter
from lapor_desktop.domain.categories import CategoryTree
from lapor_desktop.domain.codes import (
    parse_channel,
    parse_kind,
    parse_priority,
    parse_severity,
)
from lapor_desktop.domain.errors import ImmutableField, ValidationError

REPORTER_FIELDS = ("name", "nik", "phone", "email", "address")
IDENTITY_FIELDS = frozenset(f"reporter.{name}" for name in REPORTER_FIELDS)
TITLE_MAX = 200

_DIGITS = re.compile(r"^\d{1,20}$")
_NIK = re.compile(r"^\d{16}$")
_PHONE = re.compile(r"^\+?[\d\s().-]{6,20}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def clean_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise ValidationError("title", "is required")
    if len(title) > TITLE_MAX:
        raise ValidationError("title", f"is longer than {TITLE_MAX} characters")
    return title


def clean_tracking_id(value: object) -> str:
    text = str(value).strip().lstrip("#")
    if not _DIGITS.match(text):
        raise ValidationError("lapor_tracking_id", "the LAPOR! tracking id is digits only")
    return text


def clean_reporter_value(name: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    value = " ".join(value.split())
    if name == "nik" and not _NIK.match(value):
        raise ValidationError("reporter.nik", "NIK is 16 digits")
    if name == "phone" and not _PHONE.match(value):
        raise ValidationError("reporter.phone", "not a phone number")
    if name == "email" and not _EMAIL.match(value):
        raise ValidationError("reporter.email", "not an e-mail address")
    return value


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    read: Callable[[Case], Any]
    write: Callable[[Case, Any], Case]
    parse: Callable[[Any, CategoryTree], Any]

    def normalise(self, raw: Any, categories: CategoryTree) -> Any:
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        return self.parse(raw, categories)


def to_json(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def _required(name: str, value: Any) -> Any:
    if value is None:
        raise ValidationError(name, "cannot be empty")
    return value


def _plain(name: str, max_len: int = 10_000) -> FieldSpec:
    def parse(raw: Any, _: CategoryTree) -> str:
        text = str(raw).strip()
        if len(text) > max_len:
            raise ValidationError(name, f"is longer than {max_len} characters")
        return text

    def write(case: Case, value: Any) -> Case:
        changes: dict[str, Any] = {name: value if value is not None else ""}
        return replace(case, **changes)

    return FieldSpec(name, lambda c: getattr(c, name) or None, write, parse)


def _location(part: str) -> FieldSpec:
    def parse(raw: Any, _: CategoryTree) -> Any:
        if part in ("lat", "lon"):
            try:
                value = float(raw)
            except (TypeError, ValueError, OverflowError):
                raise ValidationError(f"location.{part}", "must be a number") from None
            limit = 90 if part == "lat" else 180
            if not -limit <= value <= limit:
                raise ValidationError(f"location.{part}", "out of range")
            return value
        return str(raw).strip()

    def write(case: Case, value: Any) -> Case:
        return replace(case, location=replace(case.location, **{part: value}))

    return FieldSpec(f"location.{part}", lambda c: getattr(c.location, part), write, parse)


def _reporter(part: str) -> FieldSpec:
    def parse(raw: Any, _: CategoryTree) -> Any:
        return clean_reporter_value(part, str(raw))

    def read(case: Case) -> Any:
        return getattr(case.reporter, part) if case.reporter else None

    def write(case: Case, value: Any) -> Case:
        if case.anonymous:
            raise ValidationError(f"reporter.{part}", "an anonymous case has no reporter identity")
        reporter = replace(case.reporter or Reporter(), **{part: value})
        return replace(case, reporter=None if reporter.is_empty else reporter)

    return FieldSpec(f"reporter.{part}", read, write, parse)


def _enum(name: str, parser: Callable[[str], Any]) -> FieldSpec:
    def write(case: Case, value: Any) -> Case:
        changes: dict[str, Any] = {name: _required(name, value)}
        return replace(case, **changes)

    return FieldSpec(name, lambda c: getattr(c, name), write, lambda raw, _: parser(str(raw)))


def _anonymous_write(case: Case, value: Any) -> Case:
    if not value:
        raise ValidationError("anonymous", "an anonymous case cannot be made identified again")
    return replace(case, anonymous=True, reporter=None)


def _bool(raw: Any, _: CategoryTree) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().casefold()
    if text in ("1", "true", "ya", "yes"):
        return True
    if text in ("0", "false", "tidak", "no"):
        return False
    raise ValidationError("flag", f"{raw!r} is not true/false")


_SPECS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in (
        FieldSpec(
            "title",
            lambda c: c.title,
            lambda c, v: replace(c, title=_required("title", v)),
            lambda raw, _: clean_title(str(raw)),
        ),
        _plain("summary"),
        FieldSpec(
            "category_code",
            lambda c: c.category_code,
            lambda c, v: replace(c, category_code=_required("category", v)),
            lambda raw, tree: tree.resolve(str(raw)).code,
        ),
        _enum("priority", parse_priority),
        _enum("severity", parse_severity),
        _enum("kind", parse_kind),
        _enum("channel", parse_channel),
        FieldSpec(
            "lapor_tracking_id",
            lambda c: c.lapor_tracking_id,
            lambda c, v: replace(c, lapor_tracking_id=v),
            lambda raw, _: clean_tracking_id(raw),
        ),
        FieldSpec(
            "incident_date",
            lambda c: c.incident_date,
            lambda c, v: replace(c, incident_date=v),
            lambda raw, _: raw if isinstance(raw, date) else _parse_date(str(raw)),
        ),
        FieldSpec(
            "confidential",
            lambda c: c.confidential,
            lambda c, v: replace(c, confidential=bool(v)),
            _bool,
        ),
        FieldSpec("anonymous", lambda c: c.anonymous, _anonymous_write, _bool),
        *(_location(p) for p in ("kecamatan", "desa", "text", "lat", "lon")),
        *(_reporter(p) for p in REPORTER_FIELDS),
    )
}

EDITABLE_FIELDS = tuple(_SPECS)

# Indonesian names of the editable fields, for timeline summaries and conflict lists.
FIELD_LABELS: dict[str, str] = {
    "title": "judul",
    "summary": "ringkasan",
    "category_code": "kategori",
    "priority": "prioritas",
    "severity": "tingkat",
    "kind": "jenis",
    "channel": "kanal",
    "lapor_tracking_id": "nomor LAPOR!",
    "incident_date": "tanggal kejadian",
    "confidential": "rahasia",
    "anonymous": "anonim",
    "location.kecamatan": "kecamatan",
    "location.desa": "desa",
    "location.text": "alamat lokasi",
    "location.lat": "lintang",
    "location.lon": "bujur",
    "reporter.name": "nama pelapor",
    "reporter.nik": "NIK pelapor",
    "reporter.phone": "telepon pelapor",
    "reporter.email": "e-mail pelapor",
    "reporter.address": "alamat pelapor",
}
IMMUTABLE_FIELDS = frozenset({"original_text", "id", "register_no", "received_at", "created_at"})


def editable(name: str) -> FieldSpec:
    if name in IMMUTABLE_FIELDS:
        raise ImmutableField(name)
    try:
        return _SPECS[name]
    except KeyError:
        raise ValidationError(name, "is not an editable field") from None


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError("incident_date", f"{text!r} is not a date (YYYY-MM-DD)") from None


__all__ = [
    "EDITABLE_FIELDS",
    "FIELD_LABELS",
    "IDENTITY_FIELDS",
    "REPORTER_FIELDS",
    "FieldSpec",
    "Location",
    "editable",
    "to_json",
]
