"""SLA deadline engine: rules as data, due times in working days, pauses, extensions, frozen met."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from functools import lru_cache
from typing import Final
from zoneinfo import ZoneInfo

from lapor_desktop.domain.calendar import WorkingCalendar
from lapor_desktop.domain.errors import DomainError
from lapor_desktop.domain.frozen_init import frozen_init

__all__ = [
    "JAKARTA",
    "DayUnit",
    "Deadline",
    "DeadlineState",
    "Extension",
    "ExtensionRefused",
    "Pause",
    "SlaRule",
    "SlaRuleBook",
    "Stage",
    "StageClock",
    "Stages",
    "complete",
    "compute_due_at",
    "evaluate",
    "extend",
]

JAKARTA: Final[ZoneInfo] = ZoneInfo("Asia/Jakarta")

ANY: Final = "*"
_END_OF_DAY: Final = time(23, 59, 59, 999999)


class ExtensionRefused(DomainError):
    """An SLA extension was asked for without a reason, too long, or on a finished stage."""

    code = "extension_refused"


class Stage(StrEnum):
    VERIFICATION = "verification"
    FIRST_FOLLOW_UP = "first_follow_up"
    RESOLUTION = "resolution"
    AUTO_CLOSE = "auto_close"
    INFO_WAIT = "info_wait"


class Stages:
    """The Stage members as plain class attributes, for apply()'s handlers: an enum class's
    attributes are looked up through a slow hook on Python 3.11 (see codes.Statuses)."""

    VERIFICATION: Final = Stage.VERIFICATION
    FIRST_FOLLOW_UP: Final = Stage.FIRST_FOLLOW_UP
    RESOLUTION: Final = Stage.RESOLUTION
    AUTO_CLOSE: Final = Stage.AUTO_CLOSE
    INFO_WAIT: Final = Stage.INFO_WAIT


class DayUnit(StrEnum):
    WORKING = "working_days"
    CALENDAR = "calendar_days"


_WORKING: Final = DayUnit.WORKING  # named once per computed due time: see Stages


@dataclass(frozen=True, slots=True)
class SlaRule:
    """One time limit with its legal basis.

    `applies_to` is "*", a case kind code ("permintaan_informasi") or a severity code ("ringan",
    "tanpa_pemeriksaan", "pemeriksaan_lapangan").
    """

    code: str
    stage: Stage
    days: int
    unit: DayUnit
    legal_basis: str
    description: str
    applies_to: str = ANY
    max_extension_days: int | None = None

    def __post_init__(self) -> None:
        if not self.code.strip():
            raise ValueError("SLA rule code must not be blank")
        # bool is an int subclass; True days would silently mean 1.
        if isinstance(self.days, bool) or self.days < 1:
            raise ValueError(f"SLA rule {self.code}: days must be >= 1, got {self.days!r}")
        if not self.applies_to.strip():
            raise ValueError(f"SLA rule {self.code}: applies_to must not be blank")
        if self.max_extension_days is not None and (
            isinstance(self.max_extension_days, bool) or self.max_extension_days < 0
        ):
            raise ValueError(
                f"SLA rule {self.code}: max_extension_days must be >= 0 or null, "
                f"got {self.max_extension_days!r}"
            )


_REQUIRED_FIELDS: Final = ("code", "stage", "days", "unit", "legal_basis", "description")
_OPTIONAL_FIELDS: Final = ("applies_to", "max_extension_days")


def _rule_from_json(index: int, raw: object) -> SlaRule:
    where = f"SLA rule #{index + 1}"
    if not isinstance(raw, Mapping):
        raise ValueError(f"{where}: expected an object, got {type(raw).__name__}")
    code = raw.get("code")
    if isinstance(code, str) and code.strip():
        where = f"{where} ({code})"
    missing = [name for name in _REQUIRED_FIELDS if name not in raw]
    if missing:
        raise ValueError(f"{where}: missing field(s) {', '.join(missing)}")
    unknown = sorted(str(k) for k in raw if k not in _REQUIRED_FIELDS + _OPTIONAL_FIELDS)
    if unknown:
        raise ValueError(f"{where}: unknown field(s) {', '.join(unknown)}")

    def text(name: str, *, allow_blank: bool = False) -> str:
        value = raw[name]
        if not isinstance(value, str) or (not allow_blank and not value.strip()):
            raise ValueError(f"{where}: {name} must be a non-empty string, got {value!r}")
        return value

    def whole(name: str, minimum: int) -> int:
        value = raw[name]
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise ValueError(f"{where}: {name} must be an integer >= {minimum}, got {value!r}")
        return value

    stage_raw = raw["stage"]
    try:
        stage = Stage(stage_raw)
    except ValueError:
        allowed = ", ".join(s.value for s in Stage)
        raise ValueError(
            f"{where}: unknown stage {stage_raw!r}; expected one of: {allowed}"
        ) from None
    unit_raw = raw["unit"]
    try:
        unit = DayUnit(unit_raw)
    except ValueError:
        allowed = ", ".join(u.value for u in DayUnit)
        raise ValueError(
            f"{where}: unknown unit {unit_raw!r}; expected one of: {allowed}"
        ) from None
    max_extension: int | None = None
    if raw.get("max_extension_days") is not None:
        max_extension = whole("max_extension_days", 0)
    return SlaRule(
        code=text("code"),
        stage=stage,
        days=whole("days", 1),
        unit=unit,
        legal_basis=text("legal_basis"),
        description=text("description", allow_blank=True),
        applies_to=text("applies_to") if "applies_to" in raw else ANY,
        max_extension_days=max_extension,
    )


@dataclass(frozen=True, slots=True)
class SlaRuleBook:
    rules: tuple[SlaRule, ...]
    # Lookups run several times per applied operation: index once.
    _by_target: dict[tuple[Stage, str], SlaRule] = field(
        init=False, repr=False, compare=False, hash=False, default_factory=dict
    )
    _by_code: dict[str, SlaRule] = field(
        init=False, repr=False, compare=False, hash=False, default_factory=dict
    )
    # rule_for's answers: a case's (stage, kind, severity) asks the same few dozen questions.
    _resolved: dict[tuple[Stage, str, str], SlaRule] = field(
        init=False, repr=False, compare=False, hash=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        seen_codes: set[str] = set()
        seen_targets: dict[tuple[Stage, str], str] = {}
        for rule in self.rules:
            if rule.code in seen_codes:
                raise ValueError(f"duplicate SLA rule code {rule.code!r}")
            seen_codes.add(rule.code)
            target = (rule.stage, rule.applies_to)
            # Two rules for the same stage and scope would make rule_for depend on list order.
            if target in seen_targets:
                raise ValueError(
                    f"SLA rules {seen_targets[target]} and {rule.code} both apply to stage "
                    f"{rule.stage.value} for {rule.applies_to!r}"
                )
            seen_targets[target] = rule.code
        object.__setattr__(self, "_by_target", {(r.stage, r.applies_to): r for r in self.rules})
        object.__setattr__(self, "_by_code", {r.code: r for r in self.rules})

    def rule_for(self, stage: Stage, kind: str, severity: str) -> SlaRule:
        """The most specific rule: one for the case kind, else for the severity, else "*"."""
        key = (stage, kind, severity)
        rule = self._resolved.get(key)
        if rule is not None:
            return rule
        for scope in (kind, severity, ANY):
            rule = self._by_target.get((stage, scope))
            if rule is not None:
                self._resolved[key] = rule
                return rule
        raise ValueError(
            f"no SLA rule for stage {stage.value} (kind {kind!r}, severity {severity!r})"
        )

    def by_code(self, code: str) -> SlaRule:
        rule = self._by_code.get(code)
        if rule is not None:
            return rule
        known = ", ".join(rule.code for rule in self.rules)
        raise ValueError(f"unknown SLA rule code {code!r}; known: {known}")

    @classmethod
    def from_json(cls, data: object) -> SlaRuleBook:
        if not isinstance(data, list):
            raise ValueError(f"SLA rules must be a JSON list, got {type(data).__name__}")
        rules = tuple(_rule_from_json(index, raw) for index, raw in enumerate(data))
        return cls(rules)

    def to_json(self) -> list[dict[str, object]]:
        return [
            {
                "code": rule.code,
                "stage": rule.stage.value,
                "days": rule.days,
                "unit": rule.unit.value,
                "legal_basis": rule.legal_basis,
                "description": rule.description,
                "applies_to": rule.applies_to,
                "max_extension_days": rule.max_extension_days,
            }
            for rule in self.rules
        ]


def _require_aware(name: str, value: datetime) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got naive {value.isoformat()}")


@dataclass(frozen=True, slots=True)
class Pause:
    """The case waited for the reporter (NEEDS_INFO); `end` is None while it still waits."""

    start: datetime
    end: datetime | None = None

    def __post_init__(self) -> None:
        _require_aware("pause start", self.start)
        if self.end is not None:
            _require_aware("pause end", self.end)
            if self.end < self.start:
                raise ValueError("a pause cannot end before it starts")


@dataclass(frozen=True, slots=True)
class Extension:
    days: int
    reason: str
    at: datetime
    by: str
    id: str = ""  # the op that granted it, so a redelivered op is not counted twice


@frozen_init
@dataclass(frozen=True, slots=True)
class StageClock:
    stage: Stage
    rule_code: str
    started_at: datetime
    completed_at: datetime | None = None
    frozen_due_at: datetime | None = None
    met: bool | None = None
    extensions: tuple[Extension, ...] = ()

    @property
    def extension_days(self) -> int:
        # Most clocks were never extended: no generator to sum (read several times per op).
        if not self.extensions:
            return 0
        return sum(extension.days for extension in self.extensions)

    @property
    def is_open(self) -> bool:
        return self.completed_at is None


class DeadlineState(StrEnum):
    RUNNING = "running"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"
    PAUSED = "paused"
    MET = "met"
    MISSED = "missed"


@dataclass(frozen=True, slots=True)
class Deadline:
    """A stage's deadline as seen at some moment, always with the rule that sets it.

    `remaining_working_days` counts from the local date of `now` (of the completion, once the
    stage is done) to the due date: 0 is due that day, negative is late by that many working days.
    """

    stage: Stage
    rule: SlaRule
    started_at: datetime
    due_at: datetime
    completed_at: datetime | None
    met: bool | None
    state: DeadlineState
    paused: bool
    extension_days: int
    paused_days: int
    remaining_working_days: int

    @property
    def label(self) -> str:
        """Short Indonesian status text for lists ("2 hari kerja lagi", "terlambat 3 HK")."""
        days = self.remaining_working_days
        match self.state:
            case DeadlineState.MET:
                return "terpenuhi"
            case DeadlineState.MISSED:
                return f"terlambat {-days} HK" if days < 0 else "terlambat"
            case DeadlineState.PAUSED:
                return "ditunda (menunggu pelapor)"
            case DeadlineState.DUE_TODAY:
                return "jatuh tempo hari ini"
            case DeadlineState.OVERDUE:
                return f"terlambat {-days} HK" if days < 0 else "terlambat"
            case DeadlineState.RUNNING:
                return f"{days} hari kerja lagi"


def _local_date(moment: datetime, tz: tzinfo) -> date:
    return moment.astimezone(tz).date()


@lru_cache(maxsize=4096)
def _end_of_local_day(day: date, tz: tzinfo) -> datetime:
    # Cached: deadlines fall on a few hundred distinct days, and zone conversion is not free.
    return datetime.combine(day, _END_OF_DAY, tzinfo=tz).astimezone(UTC)


def _paused_days(
    started_at: datetime,
    rule: SlaRule,
    calendar: WorkingCalendar,
    tz: tzinfo,
    pauses: Sequence[Pause],
    now: datetime | None,
) -> int:
    # Merge overlapping pauses first so a day is never counted twice.
    spans: list[tuple[datetime, datetime]] = []
    for pause in sorted(pauses, key=lambda p: p.start):
        end = pause.end if pause.end is not None else (now if now is not None else started_at)
        start = max(pause.start, started_at)
        if end <= start:
            continue
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    total = 0
    for start, end in spans:
        first, last = _local_date(start, tz), _local_date(end, tz)
        if rule.unit is DayUnit.WORKING:
            total += calendar.working_days_between(first, last)
        else:
            total += max((last - first).days, 0)
    return total


def _due_date(start_day: date, rule: SlaRule, calendar: WorkingCalendar, total_days: int) -> date:
    if rule.unit is DayUnit.WORKING:
        return calendar.add_working_days(start_day, total_days)
    return start_day + timedelta(days=total_days)


def compute_due_at(
    started_at: datetime,
    rule: SlaRule,
    calendar: WorkingCalendar,
    tz: tzinfo,
    pauses: Sequence[Pause] = (),
    extension_days: int = 0,
    now: datetime | None = None,
) -> datetime:
    """End (local 23:59:59.999999, returned in UTC) of the N-th day after the start's local date.

    N is the rule's days plus extensions plus the days paused after the start; an open pause runs
    until `now` (or counts nothing without one).
    """
    # Stored times are UTC: that check needs no call (this runs several times per operation).
    if started_at.tzinfo is not UTC:
        _require_aware("started_at", started_at)
    if now is not None and now.tzinfo is not UTC:
        _require_aware("now", now)
    if extension_days < 0:
        raise ValueError(f"extension_days must be >= 0, got {extension_days}")
    # Most clocks never paused: skip the merge of no spans.
    paused = _paused_days(started_at, rule, calendar, tz, pauses, now) if pauses else 0
    # _local_date and _due_date written inline: this runs for every clock an op finishes or
    # starts and for every case written, and the two calls cost more than their bodies.
    start_day = started_at.astimezone(tz).date()
    total_days = rule.days + extension_days + paused
    if rule.unit is _WORKING:
        due_day = calendar.add_working_days(start_day, total_days)
    else:
        due_day = start_day + timedelta(days=total_days)
    return _end_of_local_day(due_day, tz)


def _pauses_for(stage: Stage, pauses: Sequence[Pause]) -> Sequence[Pause]:
    # The INFO_WAIT clock measures the NEEDS_INFO wait itself, so that wait cannot pause it.
    return () if stage is Stages.INFO_WAIT else pauses


def _until(pauses: Sequence[Pause], moment: datetime) -> tuple[Pause, ...]:
    """The pauses as known at `moment`: later ones dropped, ones still running cut there."""
    cut: list[Pause] = []
    for pause in pauses:
        if pause.start >= moment:
            continue
        end = pause.end if pause.end is not None and pause.end <= moment else moment
        cut.append(Pause(pause.start, end))
    return tuple(cut)


def _signed_working_days(calendar: WorkingCalendar, today: date, due_day: date) -> int:
    if today <= due_day:
        return calendar.working_days_between(today, due_day)
    return -calendar.working_days_between(due_day, today)


def evaluate(
    clock: StageClock,
    rulebook: SlaRuleBook,
    calendar: WorkingCalendar,
    tz: tzinfo,
    pauses: Sequence[Pause],
    now: datetime,
) -> Deadline:
    """The deadline of `clock` at `now`; a completed clock reports its frozen due time and met."""
    _require_aware("now", now)
    rule = rulebook.by_code(clock.rule_code)
    pauses = _pauses_for(clock.stage, pauses)
    if clock.completed_at is not None:
        done_at = clock.completed_at
        known = _until(pauses, done_at)
        due_at = clock.frozen_due_at
        if due_at is None:
            due_at = compute_due_at(
                clock.started_at, rule, calendar, tz, known, clock.extension_days, done_at
            )
        met = clock.met if clock.met is not None else done_at <= due_at
        return Deadline(
            stage=clock.stage,
            rule=rule,
            started_at=clock.started_at,
            due_at=due_at,
            completed_at=done_at,
            met=met,
            state=DeadlineState.MET if met else DeadlineState.MISSED,
            paused=False,
            extension_days=clock.extension_days,
            paused_days=_paused_days(clock.started_at, rule, calendar, tz, known, done_at),
            remaining_working_days=_signed_working_days(
                calendar, _local_date(done_at, tz), _local_date(due_at, tz)
            ),
        )

    paused_days = _paused_days(clock.started_at, rule, calendar, tz, pauses, now)
    due_at = compute_due_at(clock.started_at, rule, calendar, tz, pauses, clock.extension_days, now)
    is_paused = any(
        pause.start <= now and (pause.end is None or now < pause.end) for pause in pauses
    )
    today, due_day = _local_date(now, tz), _local_date(due_at, tz)
    if is_paused:
        state = DeadlineState.PAUSED
    elif today == due_day:
        state = DeadlineState.DUE_TODAY
    elif now > due_at:
        state = DeadlineState.OVERDUE
    else:
        state = DeadlineState.RUNNING
    return Deadline(
        stage=clock.stage,
        rule=rule,
        started_at=clock.started_at,
        due_at=due_at,
        completed_at=None,
        met=None,
        state=state,
        paused=is_paused,
        extension_days=clock.extension_days,
        paused_days=paused_days,
        remaining_working_days=_signed_working_days(calendar, today, due_day),
    )


def complete(
    clock: StageClock,
    at: datetime,
    rulebook: SlaRuleBook,
    calendar: WorkingCalendar,
    tz: tzinfo,
    pauses: Sequence[Pause],
) -> StageClock:
    """Close the stage at `at`, freezing the due time then in force and whether it was met."""
    if clock.completed_at is not None:
        return clock
    if at.tzinfo is not UTC:
        _require_aware("at", at)
    rule = rulebook.by_code(clock.rule_code)
    # Most cases never paused: no pauses to cut.
    known = _until(_pauses_for(clock.stage, pauses), at) if pauses else ()
    extensions = clock.extensions
    days = sum(e.days for e in extensions) if extensions else 0
    due_at = compute_due_at(clock.started_at, rule, calendar, tz, known, days, at)
    # Built directly, positionally: dataclasses.replace costs 3x more, and this runs for
    # every finished stage.
    return StageClock(
        clock.stage, clock.rule_code, clock.started_at, at, due_at, at <= due_at, extensions
    )


def extend(
    clock: StageClock,
    rule: SlaRule,
    days: int,
    reason: str,
    by: str,
    at: datetime,
    extension_id: str = "",
) -> StageClock:
    """Add a reasoned extension of `days` (in the rule's unit) to an open stage."""
    if rule.code != clock.rule_code:
        raise ValueError(f"rule {rule.code} does not govern this clock ({clock.rule_code})")
    if not reason.strip():
        raise ExtensionRefused("an extension needs a written reason")
    if isinstance(days, bool) or days < 1:
        raise ExtensionRefused(f"an extension must be at least 1 day, got {days}")
    if not clock.is_open:
        raise ExtensionRefused(f"the {clock.stage.value} stage is already completed")
    if rule.max_extension_days is not None:
        total = clock.extension_days + days
        if total > rule.max_extension_days:
            raise ExtensionRefused(
                f"rule {rule.code} allows at most {rule.max_extension_days} extension day(s); "
                f"already {clock.extension_days}, asked {days}"
            )
    _require_aware("at", at)
    extension = Extension(days=days, reason=reason.strip(), at=at, by=by, id=extension_id)
    return replace(clock, extensions=(*clock.extensions, extension))
