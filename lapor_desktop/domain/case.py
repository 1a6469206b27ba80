"""The case (pengaduan) and what hangs off it: reporter, location, dispositions, follow-ups."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from operator import attrgetter
from typing import Any

from lapor_desktop.domain.codes import CaseKind, CaseStatus, Channel, Priority, Severity, Sifat
from lapor_desktop.domain.frozen_init import frozen_init
from lapor_desktop.domain.sla import Pause, StageClock


@frozen_init
@dataclass(frozen=True, slots=True)
class Reporter:
    """The complainant (pelapor). Never stored at all for an anonymous case."""

    name: str | None = None
    nik: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None

    @property
    def is_empty(self) -> bool:
        return not any((self.name, self.nik, self.phone, self.email, self.address))

    def masked(self) -> Reporter:
        """What lists show for a confidential case: initials and the last digits only."""
        return Reporter(
            name=mask_name(self.name),
            nik=mask_digits(self.nik),
            phone=mask_digits(self.phone),
            email="***" if self.email else None,
            address="***" if self.address else None,
        )


def mask_name(name: str | None) -> str | None:
    if not name:
        return None
    return " ".join(part[0] + "***" for part in name.split())


def mask_digits(value: str | None) -> str | None:
    if not value:
        return None
    return "*" * max(len(value) - 3, 0) + value[-3:]


@frozen_init
@dataclass(frozen=True, slots=True)
class Location:
    kecamatan: str | None = None
    desa: str | None = None
    text: str | None = None
    lat: float | None = None
    lon: float | None = None


@frozen_init
@dataclass(frozen=True, slots=True)
class Disposition:
    """One hop of routing: to a unit/person inside the office and/or to another OPD."""

    id: str
    at: datetime
    from_office: str
    from_person: str
    to_office: str | None
    to_unit: str | None
    to_person: str | None
    instructions: tuple[str, ...]
    note: str
    sifat: Sifat
    due_at: datetime | None

    @property
    def is_external(self) -> bool:
        return self.to_office is not None and self.to_office != self.from_office


@frozen_init
@dataclass(frozen=True, slots=True)
class FollowUp:
    id: str
    at: datetime
    office: str
    actor: str
    text: str


@frozen_init
@dataclass(frozen=True, slots=True)
class Answer:
    """The final answer (tanggapan akhir) given to the reporter."""

    at: datetime
    office: str
    actor: str
    text: str


@dataclass(frozen=True, slots=True)
class AttachmentRef:
    sha256: str
    size: int
    name: str
    mime: str
    added_at: datetime
    added_by: str


CONFLICT_OPEN = "open"
CONFLICT_RESOLVED = "resolved"
RESOLUTION_CHOICES = ("ours", "theirs", "value")


@dataclass(frozen=True, slots=True)
class CaseConflict:
    """One field both sides changed to different values (or edited from a former holder).

    The server value (`theirs`) stays in the case; `ours` is what the op wanted. Values are
    JSON values as `fields.to_json` gives them. Resolved by a `conflict.resolve` op: the first
    resolution wins, `resolution` is "ours" | "theirs" | "value" and `resolved_value` is the
    JSON value the field holds after it.
    """

    id: str
    field: str
    base: object
    ours: object
    theirs: object
    op_id: str
    office: str
    actor: str
    at: datetime
    status: str = CONFLICT_OPEN
    resolution: str | None = None
    resolved_value: object = None
    resolved_by: str | None = None
    resolved_office: str | None = None
    resolved_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.status == CONFLICT_OPEN


@frozen_init
@dataclass(frozen=True, slots=True)
class Case:
    id: str
    register_no: str
    origin_office: str
    holder_office: str
    status: CaseStatus
    version: int
    kind: CaseKind
    title: str
    original_text: str
    summary: str
    channel: Channel
    received_at: datetime
    category_code: str
    priority: Priority
    severity: Severity
    anonymous: bool
    confidential: bool
    created_at: datetime
    created_by: str
    updated_at: datetime
    lapor_tracking_id: str | None = None
    incident_date: date | None = None
    location: Location = field(default_factory=Location)
    reporter: Reporter | None = None
    duplicate_of: str | None = None
    forwarded_to: str | None = None
    status_reason: str | None = None
    dispositions: tuple[Disposition, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()
    answer: Answer | None = None
    attachments: tuple[AttachmentRef, ...] = ()
    clocks: tuple[StageClock, ...] = ()
    pauses: tuple[Pause, ...] = ()
    reopen_count: int = 0
    conflicts: tuple[CaseConflict, ...] = ()
    # Provisional numbers (`…/S-{n}`) the case had before sync gave it an official one: a
    # receipt printed offline carries the old number, so it must stay findable.
    register_aliases: tuple[str, ...] = ()

    @property
    def open_conflicts(self) -> tuple[CaseConflict, ...]:
        return tuple(c for c in self.conflicts if c.is_open)

    def evolve(self, **changes: Any) -> Case:
        """A copy with `changes`; ~2x cheaper than dataclasses.replace on this wide class.

        apply() makes several copies per operation and runs for every case of a sync page or
        a demo, so this is on the hot path. Unknown names are refused like replace() does.
        """
        values = list(_read_all(self))
        try:
            for name, value in changes.items():
                values[_CASE_INDEX[name]] = value
        except KeyError as unknown:
            raise TypeError(f"Case has no field {unknown}") from None
        # Positionally, through frozen_init's __init__ (slot descriptors set the fields
        # directly): ~10% cheaper than calling the 37 setters in a loop here.
        return Case(*values)

    def reporter_for_display(self) -> Reporter | None:
        """Lists and exports: masked for confidential cases, nothing for anonymous ones."""
        if self.anonymous or self.reporter is None:
            return None
        return self.reporter.masked() if self.confidential else self.reporter


_CASE_FIELDS = tuple(f.name for f in fields(Case))
_CASE_INDEX = {name: i for i, name in enumerate(_CASE_FIELDS)}
_read_all = attrgetter(*_CASE_FIELDS)


@frozen_init
@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """One entry of the append-only timeline (who, office, device, when, what)."""

    id: str
    case_id: str
    kind: str
    at: datetime
    actor: str
    office: str
    device_id: str
    op_id: str | None
    summary: str
    data: dict[str, object] = field(default_factory=dict)
