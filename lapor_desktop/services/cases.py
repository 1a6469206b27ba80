"""Case use cases: intake and every workflow action, each one transaction with its outbox entry."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select

from lapor_desktop.domain.apply import Applied, apply
from lapor_desktop.domain.case import (
    RESOLUTION_CHOICES,
    Case,
    CaseConflict,
    Location,
    Reporter,
    TimelineEvent,
)
from lapor_desktop.domain.codes import CaseStatus, Sifat
from lapor_desktop.domain.errors import DomainError, NotPermitted, ValidationError
from lapor_desktop.domain.feedback import FEEDBACK_KIND, Feedback, latest_feedback
from lapor_desktop.domain.fields import clean_reporter_value, to_json
from lapor_desktop.domain.identifiers import (
    RegisterNumber,
    looks_like_register_no,
    new_op_id,
    uuid7,
)
from lapor_desktop.domain.ops import Operation, OpType, iso
from lapor_desktop.domain.sla import Deadline, Stage
from lapor_desktop.services.deadlines import deadlines, due_info
from lapor_desktop.services.withheld_letters import discard_withheld_pdfs
from lapor_desktop.services.workspace import Reference, Workspace
from lapor_desktop.storage.blobs import AttachmentTooLarge
from lapor_desktop.storage.cases import DueInfo
from lapor_desktop.storage.numbers import NumbersExhausted, next_provisional
from lapor_desktop.storage.outbox import OutboxEntry, scrub_identity
from lapor_desktop.storage.rows import CaseRow, OutboxRow
from lapor_desktop.storage.unit_of_work import UnitOfWork

# A received time may run a little ahead of this PC's clock (another device set it).
FUTURE_TOLERANCE = timedelta(minutes=10)


class CaseNotFound(DomainError):
    code = "not_found"

    def __init__(self, ref: str) -> None:
        super().__init__(f"no case {ref!r} (give its id, register number or LAPOR! tracking id)")
        self.ref = ref


@dataclass(frozen=True, slots=True)
class NewCase:
    """What the intake form (or `case add`) collects."""

    title: str
    text: str
    channel: str
    category: str
    kind: str = "pengaduan"
    summary: str = ""
    received_at: datetime | None = None
    incident_date: date | None = None
    location: Location = field(default_factory=Location)
    priority: str = "normal"
    severity: str = "ringan"
    reporter: Reporter | None = None
    anonymous: bool = False
    confidential: bool = False
    lapor_tracking_id: str | None = None


@dataclass(frozen=True, slots=True)
class DispositionInput:
    to_office: str | None = None
    to_unit: str | None = None
    to_person: str | None = None
    instructions: tuple[str, ...] = ()
    note: str = ""
    sifat: Sifat = Sifat.BIASA


@dataclass(frozen=True, slots=True)
class Renumbering:
    """What `renumber_provisional` did: (provisional, official) pairs, and what still waits."""

    renumbered: tuple[tuple[str, str], ...] = ()
    waiting: tuple[str, ...] = ()  # still provisional: no leased number left, or refused
    problems: tuple[str, ...] = ()

    @property
    def warnings(self) -> list[str]:
        lines = list(self.problems)
        if self.waiting:
            lines.append(
                f"{len(self.waiting)} provisional register number(s) keep their S-number until "
                f"the next sync (no leased number left): {', '.join(self.waiting)}"
            )
        return lines


@dataclass(frozen=True, slots=True)
class CaseDetail:
    case: Case
    timeline: list[TimelineEvent]
    deadlines: list[Deadline]
    pending_ops: list[OutboxEntry]
    category_path: str
    can_act: bool
    feedback: Feedback | None = None  # the reporter's latest satisfaction (domain.feedback)


class CaseService:
    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace

    # ----------------------------------------------------------------- reading
    def find(self, uow: UnitOfWork, ref: str) -> Case:
        ref = ref.strip()
        case = uow.cases.get(ref)
        if case is None and looks_like_register_no(ref):
            case = uow.cases.get_by_register_no(ref) or self._by_alias(uow, ref)
        if case is None and ref.lstrip("#").isdigit():
            ids = uow.cases.find_ids_by_tracking_id(ref.lstrip("#"))
            if len(ids) == 1:
                case = uow.cases.get(ids[0])
        if case is None:
            raise CaseNotFound(ref)
        return case

    @staticmethod
    def _by_alias(uow: UnitOfWork, ref: str) -> Case | None:
        """The case that had `ref` as its provisional number before sync renumbered it."""
        number = RegisterNumber.parse(ref)
        if not number.provisional:
            return None
        wanted = str(number)
        found = [
            case
            for case in map(uow.cases.get, uow.search.ids_by_register_no(wanted))
            if case is not None and wanted in case.register_aliases
        ]
        if len(found) > 1:
            # Two PCs of one office each ran dry offline and issued the same S-number.
            numbers = ", ".join(sorted(c.register_no for c in found))
            raise ValidationError(
                "register_no", f"{wanted} was the provisional number of {numbers}; give one"
            )
        return found[0] if found else None

    def find_case(self, ref: str) -> Case:
        with self._ws.db.read() as uow:
            return self.find(uow, ref)

    def detail(self, ref: str) -> CaseDetail:
        with self._ws.db.read() as uow:
            case = self.find(uow, ref)
            timeline = uow.timeline.for_case(case.id)
            pending = uow.outbox.entries(state="pending", entity_id=case.id)
            stub = uow.sync.cases.has_left_scope(case.id)
        reference = self._ws.reference()
        return CaseDetail(
            case=case,
            timeline=timeline,
            deadlines=deadlines(
                case, reference.rulebook, reference.calendar, self._ws.tz, self._ws.clock()
            ),
            pending_ops=pending,
            category_path=reference.categories.path(case.category_code),
            # A stub (the case left this office's view) keeps an old document that may still
            # name us as holder: it is read-only all the same.
            can_act=case.holder_office == self._ws.office.code and not stub,
            feedback=latest_feedback(timeline),
        )

    # ----------------------------------------------------------------- intake
    def register(self, new: NewCase) -> Case:
        now = self._ws.clock()
        received_at = new.received_at or now
        if received_at.tzinfo is None:
            received_at = received_at.replace(tzinfo=self._ws.tz)
        if received_at > now + FUTURE_TOLERANCE:
            raise ValidationError("received_at", "cannot be in the future")
        reporter = None if new.anonymous else _clean_reporter(new.reporter)
        data: dict[str, Any] = {
            "kind": new.kind,
            "title": new.title,
            "original_text": new.text,
            "summary": new.summary,
            "channel": new.channel,
            "received_at": iso(received_at),
            "incident_date": new.incident_date.isoformat() if new.incident_date else None,
            "category_code": new.category,
            "priority": new.priority,
            "severity": new.severity,
            "anonymous": new.anonymous,
            "confidential": new.confidential,
            "lapor_tracking_id": new.lapor_tracking_id or None,
            "location": {
                "kecamatan": new.location.kecamatan,
                "desa": new.location.desa,
                "text": new.location.text,
                "lat": new.location.lat,
                "lon": new.location.lon,
            },
            # With `anonymous` the identity is dropped here, before any record is written.
            "reporter": None
            if reporter is None
            else {
                "name": reporter.name,
                "nik": reporter.nik,
                "phone": reporter.phone,
                "email": reporter.email,
                "address": reporter.address,
            },
        }
        if not new.text.strip():
            raise ValidationError("text", "is required")
        with self._ws.db.write() as uow:
            year = now.astimezone(self._ws.tz).year
            office = self._ws.office.code
            try:
                seq = uow.numbers.next_number(f"register:{office}", year)
                number = RegisterNumber(office, year, seq)
            except NumbersExhausted:
                # Dry offline (DESIGN §3): a visibly provisional number, replaced at the next
                # sync (renumber_provisional) and kept as an alias. Intake never stops.
                number = next_provisional(uow.numbers, uow.session, office, year)
            data["register_no"] = str(number)
            op = self._operation(uow, OpType.CASE_CREATE, uuid7(), 0, data, now)
            result = self._apply(None, op)
            due = self._due(result.case, now)
            row_id = uow.cases.add(result.case, due)
            uow.search.put(row_id, result.case)
            uow.timeline.append(result.events)
            uow.outbox.add(op)
            uow.commit()
        return result.case

    def renumber_provisional(self) -> Renumbering:
        """Give each provisional number of this office an official one from the leased blocks.

        Sync calls it after leasing and before the push, so the server gets the create (with
        the S-number) and then the `case.renumber`. One transaction per case: a case that
        gets no number (the blocks ran out again) keeps its S-number until the next sync.
        Only the cases this PC registered (their create is in its outbox): another PC's
        provisional case that arrived by pull is that PC's to renumber, from its own blocks.
        """
        with self._ws.db.read() as uow:
            ordered = own_provisional(uow, self._ws.office.code)
        renumbered: list[tuple[str, str]] = []
        waiting: list[str] = []
        problems: list[str] = []
        for old, case_id in ordered:
            try:
                new = self._renumber(case_id, old)
            except NumbersExhausted:
                waiting.append(str(old))
                continue
            except DomainError as error:
                problems.append(f"{old}: {error}")
                continue
            if new is not None:
                renumbered.append((str(old), new))
        return Renumbering(tuple(renumbered), tuple(waiting), tuple(problems))

    def waiting_years(self) -> dict[int, int]:
        """Year -> how many of this PC's cases wait there for an official number (sync leases
        those years too: a December provisional case is renumbered in January)."""
        with self._ws.db.read() as uow:
            numbers = own_provisional(uow, self._ws.office.code)
        years: dict[int, int] = {}
        for number, _ in numbers:
            years[number.year] = years.get(number.year, 0) + 1
        return years

    def _renumber(self, case_id: str, old: RegisterNumber) -> str | None:
        now = self._ws.clock()
        with self._ws.db.write() as uow:
            case = uow.cases.get(case_id)
            if case is None or case.register_no != str(old):
                return None  # changed meanwhile (a pull): nothing to do
            # Drawn in this transaction: a crash before the commit burns no number.
            seq = uow.numbers.next_number(f"register:{old.office}", old.year)
            new = str(RegisterNumber(old.office, old.year, seq))
            data = {"register_no": new, "provisional": str(old)}
            op = self._operation(uow, OpType.CASE_RENUMBER, case.id, case.version, data, now)
            result = self._apply(case, op)
            row_id = uow.cases.update(result.case, self._due(result.case, now), case.version)
            uow.search.put(row_id, result.case)
            uow.timeline.append(result.events)
            uow.outbox.add(op)
            uow.commit()
        return new

    # ----------------------------------------------------------------- actions
    def edit(self, ref: str, changes: dict[str, Any]) -> Case:
        """Change fields; the value each field has now is recorded as the base the operator saw."""
        if not changes:
            raise ValidationError("changes", "nothing to change")

        def build(case: Case) -> dict[str, Any]:
            from lapor_desktop.domain.fields import editable

            # The domain turns a former holder's edit into conflicts (a scope change during
            # sync); typed here, on a case this office only monitors, it is simply refused.
            self._require_holder(case)
            payload: dict[str, Any] = {}
            for name, new in changes.items():
                spec = editable(name)
                payload[name] = {"old": to_json(spec.read(case)), "new": to_json(new)}
            return {"changes": payload}

        def before_commit(uow: UnitOfWork, at: datetime) -> None:
            if changes.get("anonymous"):
                case = self.find(uow, ref)
                scrub_identity(uow.session, case.id)

        edited = self._act(ref, OpType.CASE_EDIT, build, before_commit)
        if changes.get("anonymous"):
            # That commit withheld the letters naming the reporter (a trigger); now their PDFs.
            discard_withheld_pdfs(self._ws)
        return edited

    def resolve_conflict(self, ref: str, conflict_id: str, choice: str, value: Any = None) -> Case:
        """Settle a sync conflict: keep "ours" (the edit that was not applied), "theirs" (what
        the case holds) or set a new "value". The first resolution wins, on every device."""
        if choice not in RESOLUTION_CHOICES:
            raise ValidationError("choice", f"is one of: {', '.join(RESOLUTION_CHOICES)}")
        if choice != "value" and value is not None:
            raise ValidationError("value", "is given only with the choice 'value'")

        def build(case: Case) -> dict[str, Any]:
            conflict = self._conflict(case, conflict_id)
            data: dict[str, Any] = {"conflict_id": conflict.id, "choice": choice}
            if choice == "value":
                data["value"] = to_json(value)
            return data

        case = self.find_case(ref)
        if not self._conflict(case, conflict_id).is_open:
            # Settled already, as this PC sees it: nothing to record (the domain would keep a
            # "not applied" event, meant for a resolution made before the first one was seen).
            return case
        return self._act(ref, OpType.CONFLICT_RESOLVE, build)

    @staticmethod
    def _conflict(case: Case, wanted: str) -> CaseConflict:
        """A conflict of the case by its id, or by a unique prefix of it (as `case show` prints)."""
        wanted = wanted.strip()
        exact = [c for c in case.conflicts if c.id == wanted]
        found = exact or [c for c in case.conflicts if wanted and c.id.startswith(wanted)]
        if len(found) != 1:
            problem = "is ambiguous" if found else f"is not a conflict of {case.register_no}"
            raise ValidationError("conflict_id", f"{wanted!r} {problem}")
        return found[0]

    def _require_holder(self, case: Case) -> None:
        office = self._ws.office.code
        if case.holder_office != office:
            raise NotPermitted(
                f"case {case.register_no} is held by {case.holder_office}; "
                f"{office} can only monitor it"
            )

    def needs_info(self, ref: str, reason: str) -> Case:
        return self._transition(ref, CaseStatus.NEEDS_INFO, reason)

    def info_received(self, ref: str, note: str = "") -> Case:
        return self._transition(ref, CaseStatus.RECEIVED, note)

    def archive(self, ref: str, reason: str, duplicate_of: str | None = None) -> Case:
        duplicate_id = None
        if duplicate_of:
            with self._ws.db.read() as uow:
                duplicate_id = self.find(uow, duplicate_of).id
        return self._transition(ref, CaseStatus.ARCHIVED, reason, duplicate_of=duplicate_id)

    def resolve(self, ref: str, note: str = "") -> Case:
        return self._transition(ref, CaseStatus.RESOLVED, note)

    def reopen(self, ref: str, reason: str) -> Case:
        return self._transition(ref, CaseStatus.IN_PROGRESS, reason)

    def cancel(self, ref: str, reason: str) -> Case:
        return self._transition(ref, CaseStatus.CANCELLED, reason)

    def close_incomplete(self, ref: str, note: str = "") -> Case:
        return self._transition(ref, CaseStatus.CLOSED_INCOMPLETE, note)

    def dispose(self, ref: str, target: DispositionInput) -> Case:
        def build(case: Case) -> dict[str, Any]:
            return {
                "from": case.status.value,
                "disposition": {
                    "id": uuid7(),
                    "to_office": target.to_office,
                    "to_unit": target.to_unit,
                    "to_person": target.to_person,
                    "instructions": list(target.instructions),
                    "note": target.note,
                    "sifat": target.sifat.value,
                },
            }

        return self._act(ref, OpType.CASE_DISPOSE, build)

    def forward(self, ref: str, agency: str, reason: str) -> Case:
        return self._act(
            ref,
            OpType.CASE_FORWARD,
            lambda case: {"from": case.status.value, "agency": agency, "reason": reason},
        )

    def follow_up(self, ref: str, text: str) -> Case:
        # "from": the status the operator saw, for the event (the case may move on meanwhile).
        return self._act(
            ref,
            OpType.CASE_FOLLOW_UP,
            lambda case: {"id": uuid7(), "text": text, "from": case.status.value},
        )

    def answer(self, ref: str, text: str) -> Case:
        return self._act(
            ref, OpType.CASE_ANSWER, lambda case: {"from": case.status.value, "text": text}
        )

    def extend(self, ref: str, days: int, reason: str, stage: Stage | None = None) -> Case:
        def build(case: Case) -> dict[str, Any]:
            chosen = stage or _default_extension_stage(case)
            return {"stage": chosen.value, "days": days, "reason": reason}

        return self._act(ref, OpType.SLA_EXTEND, build)

    def note(self, ref: str, text: str) -> Case:
        return self._act(ref, OpType.EVENT_APPEND, lambda case: {"kind": "note", "text": text})

    def feedback(self, ref: str, rating: int, satisfied: bool, text: str = "") -> Case:
        """Record the reporter's satisfaction with the final answer (kepuasan pelapor): a
        rating 1..5 and whether they are satisfied (beres). The domain checks both and that
        the case has its answer; the latest one recorded is the one that counts."""
        return self._act(
            ref,
            OpType.EVENT_APPEND,
            lambda case: {
                "kind": FEEDBACK_KIND,
                "rating": rating,
                "satisfied": satisfied,
                "text": text,
            },
        )

    def attach(self, ref: str, file: Path) -> Case:
        if not file.is_file():
            raise ValidationError("file", f"{file} does not exist or is not a file")
        case = self.find_case(ref)  # an unknown case is refused before the file is copied in
        try:
            stored = self._ws.blobs.put_file(file)
        except AttachmentTooLarge as error:
            raise ValidationError("file", str(error)) from error
        except OSError as error:
            raise ValidationError("file", f"cannot read {file}: {error.strerror}") from error
        if any(a.sha256 == stored.sha256 for a in case.attachments):
            return case  # attached already: nothing to record (the domain would keep an event)
        mime = mimetypes.guess_type(file.name)[0] or "application/octet-stream"

        def build(case: Case) -> dict[str, Any]:
            return {"sha256": stored.sha256, "size": stored.size, "name": file.name, "mime": mime}

        def before_commit(uow: UnitOfWork, at: datetime) -> None:
            uow.blobs.record(stored, mime, iso(at))

        return self._act(ref, OpType.ATTACHMENT_ADD, build, before_commit)

    def close_expired(self) -> list[Case]:
        """Close what the rules close by themselves, as of now, each in its own transaction.

        AWAITING_REPORTER → RESOLVED when 10 working days passed after the answer with no reply;
        NEEDS_INFO → CLOSED_INCOMPLETE when the reporter's time to complete the data ran out.
        """
        now = self._ws.clock()
        reference = self._ws.reference()
        with self._ws.db.read() as uow:
            candidates = uow.cases.ids_in_status(
                self._ws.office.code, (CaseStatus.AWAITING_REPORTER, CaseStatus.NEEDS_INFO)
            )
        closed: list[Case] = []
        for case_id in candidates:
            with self._ws.db.read() as uow:
                case = uow.cases.get(case_id)
            if case is None:
                continue
            stage = (
                Stage.AUTO_CLOSE
                if case.status is CaseStatus.AWAITING_REPORTER
                else (Stage.INFO_WAIT)
            )
            expired = any(
                d.due_at < now
                for d in deadlines(case, reference.rulebook, reference.calendar, self._ws.tz, now)
                if d.stage is stage and d.completed_at is None
            )
            if not expired:
                continue
            if stage is Stage.AUTO_CLOSE:
                note = "Otomatis: 10 hari kerja tanpa tanggapan pelapor"
                closed.append(self._transition(case_id, CaseStatus.RESOLVED, note))
            else:
                note = "Otomatis: batas waktu kelengkapan data terlewati"
                closed.append(self._transition(case_id, CaseStatus.CLOSED_INCOMPLETE, note))
        return closed

    # ----------------------------------------------------------------- machinery
    def _transition(self, ref: str, target: CaseStatus, reason: str | None, **extra: Any) -> Case:
        return self._act(
            ref,
            OpType.CASE_TRANSITION,
            lambda case: {
                "from": case.status.value,
                "to": target.value,
                "reason": reason or None,
                **extra,
            },
        )

    def _operation(
        self,
        uow: UnitOfWork,
        op_type: OpType,
        entity_id: str,
        base_version: int,
        data: dict[str, Any],
        at: datetime,
    ) -> Operation:
        return Operation(
            op_id=new_op_id(),
            op_type=op_type,
            entity_id=entity_id,
            base_version=base_version,
            device_id=self._ws.device_id,
            # A counter of its own, not max(outbox): outbox rows may be pruned after sync one day,
            # and the server refuses a device whose sequence goes backwards.
            device_seq=uow.numbers.next_number("device_seq", 0),
            actor=self._ws.user.name,
            office=self._ws.office.code,
            at=at,
            data=data,
        )

    def _apply(
        self, case: Case | None, op: Operation, reference: Reference | None = None
    ) -> Applied:
        result = apply(case, op, self._ws.apply_context(reference))
        if not isinstance(result, Applied):
            raise result.error
        return result

    def _due(self, case: Case, now: datetime) -> DueInfo:
        reference = self._ws.reference()
        return due_info(case, reference.rulebook, reference.calendar, self._ws.tz, now)

    def _act(self, ref: str, op_type: OpType, build: Any, before_commit: Any = None) -> Case:
        """Load, apply, and store the case, its events and its outbox entry in one transaction."""
        now = self._ws.clock()
        with self._ws.db.write() as uow:
            case = self.find(uow, ref)
            if op_type is not OpType.CASE_RENUMBER and uow.sync.cases.has_left_scope(case.id):
                raise NotPermitted(
                    f"case {case.register_no} is no longer visible to {self._ws.office.code} "
                    "(it left this office's view at sync); it is kept here read-only"
                )
            op = self._operation(uow, op_type, case.id, case.version, build(case), now)
            result = self._apply(case, op)
            if result.noop:
                return case
            if result.case is not case:
                row_id = uow.cases.update(result.case, self._due(result.case, now), case.version)
                uow.search.put(row_id, result.case)
            uow.timeline.append(result.events)
            uow.outbox.add(op)
            if before_commit is not None:
                before_commit(uow, now)
            uow.commit()
        return result.case


def _clean_reporter(reporter: Reporter | None) -> Reporter | None:
    if reporter is None:
        return None
    cleaned = Reporter(
        **{
            name: clean_reporter_value(name, getattr(reporter, name))
            for name in ("name", "nik", "phone", "email", "address")
        }
    )
    return None if cleaned.is_empty else cleaned


def _default_extension_stage(case: Case) -> Stage:
    open_stages = [c.stage for c in case.clocks if c.is_open]
    for preferred in (Stage.RESOLUTION, Stage.FIRST_FOLLOW_UP, Stage.VERIFICATION):
        if preferred in open_stages:
            return preferred
    raise ValidationError("stage", "the case has no running deadline to extend")


def own_provisional(uow: UnitOfWork, office: str) -> list[tuple[RegisterNumber, str]]:
    """(number, case id) of the provisional cases this PC registered for `office`, in order."""
    # Looked up by the outbox's entity_id index for each provisional case, not a list of
    # every create this PC ever sent.
    created_here = (
        select(OutboxRow.device_seq)
        .where(OutboxRow.entity_id == CaseRow.id, OutboxRow.op_type == OpType.CASE_CREATE.value)
        .exists()
    )
    rows = uow.session.execute(
        select(CaseRow.id, CaseRow.register_no).where(
            CaseRow.register_no.like(f"{office}/%/S%"),
            or_(CaseRow.holder_office == office, CaseRow.origin_office == office),
            CaseRow.scope_left_at.is_(None),
            created_here,
        )
    )
    numbers: list[tuple[RegisterNumber, str]] = []
    for case_id, text in rows:
        try:
            number = RegisterNumber.parse(text)
        except DomainError:
            continue  # not a register number this code issued: nothing to renumber
        if number.provisional and number.office == office:
            numbers.append((number, str(case_id)))
    return sorted(numbers, key=lambda pair: (pair[0].year, pair[0].device or 0, pair[0].seq))
