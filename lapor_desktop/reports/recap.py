"""The recap of a period computed from domain cases (DOMAIN.md §6, §8.7): one pass, pure.

Only domain objects come in (the service reads and decodes the cases), so the same function
serves the CLI, the window and tests, and a report never depends on how rows are stored.
One office's recap or the whole Pemda's (`whole_pemda`, DOMAIN.md §8.7.1 "per OPD and for the
whole Pemda"): the same numbers, over a wider selection of cases.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from statistics import median
from zoneinfo import ZoneInfo

from lapor_desktop.domain.calendar import WorkingCalendar
from lapor_desktop.domain.case import Case
from lapor_desktop.domain.categories import CategoryTree
from lapor_desktop.domain.codes import CaseKind, CaseStatus, Channel
from lapor_desktop.domain.feedback import Feedback
from lapor_desktop.domain.sla import DeadlineState, SlaRuleBook, Stage, StageClock, evaluate
from lapor_desktop.reports.model import (
    AGING_BUCKETS,
    BUCKETS,
    SCOPE_OFFICE,
    SCOPE_PEMDA,
    AnnexCase,
    Count,
    MonthRow,
    OperatorActivity,
    OverdueCase,
    Period,
    Recap,
    StageTimeliness,
)

# The operator's own obligations (services.deadlines names the same three): the reporter's
# INFO_WAIT and the automatic AUTO_CLOSE are nobody's ketepatan waktu.
REPORTED_STAGES: tuple[Stage, ...] = (Stage.VERIFICATION, Stage.FIRST_FOLLOW_UP, Stage.RESOLUTION)

_BUCKET_OF: dict[CaseStatus, str] = {
    CaseStatus.DRAFT: "belum_diproses",
    CaseStatus.RECEIVED: "belum_diproses",
    CaseStatus.NEEDS_INFO: "ditunda",
    CaseStatus.DISPOSED: "didisposisikan",
    CaseStatus.IN_PROGRESS: "proses",
    CaseStatus.AWAITING_REPORTER: "proses",
    CaseStatus.RESOLVED: "selesai",
    CaseStatus.FORWARDED: "diteruskan",
    CaseStatus.ARCHIVED: "diarsipkan",
    CaseStatus.CLOSED_INCOMPLETE: "diarsipkan",
    CaseStatus.CANCELLED: "diarsipkan",
}
_ARCHIVED = frozenset((CaseStatus.ARCHIVED, CaseStatus.CLOSED_INCOMPLETE, CaseStatus.CANCELLED))
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class OfficeInfo:
    """Whose recap it is: the office's code (which cases count), name and regency (headings)."""

    code: str
    name: str
    regency: str


@dataclass
class _Stage:
    completed: int = 0
    met: int = 0
    missed: int = 0
    open_running: int = 0
    open_overdue: int = 0
    taken: list[int] = field(default_factory=list)


def counts_for(
    case: Case, office_code: str, period: Period, tz: tzinfo, *, whole_pemda: bool = False
) -> bool:
    """Whether `case` belongs in the recap (see `Recap`): received in the period, and ours
    (any office's for a `whole_pemda` recap)."""
    if not whole_pemda and case.origin_office != office_code and case.holder_office != office_code:
        return False
    received = case.received_at.astimezone(tz).date()
    return period.first_day <= received <= period.last_day


def compute_recap(
    cases: Iterable[Case],
    *,
    period: Period,
    office: OfficeInfo,
    as_of: datetime,
    tz: tzinfo,
    calendar: WorkingCalendar,
    rulebook: SlaRuleBook,
    categories: CategoryTree,
    office_names: Mapping[str, str] | None = None,
    whole_pemda: bool = False,
    activity: Iterable[tuple[str, str, datetime]] = (),
    feedback: Mapping[str, Feedback] | None = None,
) -> Recap:
    """The recap of `period` over those of `cases` that count (others are skipped, so a caller
    may hand in a wider selection); deadlines still open are judged at `as_of`.

    `office` is who makes the recap; with `whole_pemda` every office's cases count (the
    coordinator's recap), otherwise only `office`'s. `office_names` (code -> name, the
    master data's offices) are all named in the recap, and in a Pemda recap each of them
    has its row in `by_holder_office`, 0 when it holds none.

    `activity` is the timeline's (office, actor, at) entries, in any order; those of the
    period (by the office's local day) and of this office (every office's for a Pemda
    recap) make `operator_activity`.

    `feedback` is case id -> the case's latest feedback (`domain.feedback.latest_feedback`);
    like `reopened`, kepuasan counts the cases of the period, whenever the reporter spoke.
    """
    if as_of.tzinfo is None:
        raise ValueError("as_of must be timezone-aware")
    as_of = as_of.astimezone(UTC)
    statuses: Counter[CaseStatus] = Counter()
    months: dict[int, Counter[str]] = {}
    top_level: Counter[str] = Counter()
    second_level: Counter[str] = Counter()
    channels: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    severities: Counter[str] = Counter()
    kecamatan: Counter[str] = Counter()
    forwarded: Counter[str] = Counter()
    disposed: Counter[str] = Counter()
    holders: Counter[str] = Counter()
    stages = {stage: _Stage() for stage in REPORTED_STAGES}
    overdue: list[OverdueCase] = []
    annex: list[AnnexCase] = []
    followed_up = reopened = offline = offline_tracked = 0
    rated = satisfied = rating_total = 0
    ratings = feedback or {}
    category_codes: set[str] = set()
    top_of: dict[str, tuple[str, str | None]] = {}  # category code -> (top, second or None)

    for case in cases:
        if not counts_for(case, office.code, period, tz, whole_pemda=whole_pemda):
            continue
        received_on = case.received_at.astimezone(tz).date()
        status = case.status
        statuses[status] += 1
        months.setdefault(received_on.month, Counter())[case.kind.value] += 1
        code = case.category_code
        levels = top_of.get(code)
        if levels is None:
            levels = top_of[code] = _levels(categories, code)
        top_level[levels[0]] += 1
        if levels[1] is not None:
            second_level[levels[1]] += 1
        category_codes.add(code)
        channels[case.channel.value] += 1
        kinds[case.kind.value] += 1
        severities[case.severity.value] += 1
        kecamatan[case.location.kecamatan or ""] += 1
        has_follow_up = bool(case.follow_ups) or case.answer is not None
        followed_up += has_follow_up
        reopened += case.reopen_count > 0
        given = ratings.get(case.id) if ratings else None
        if given is not None:
            rated += 1
            rating_total += given.rating
            satisfied += given.satisfied
        if case.channel is not Channel.LAPOR:
            offline += 1
            offline_tracked += bool(case.lapor_tracking_id)
        holders[case.holder_office] += 1
        if case.forwarded_to:
            forwarded[case.forwarded_to] += 1
        # "To another OPD": another than ours in an office recap; in a Pemda recap every hop
        # from one OPD to another (a hop inside an office, to a unit, is not a disposition
        # between OPDs).
        for to_office in {
            d.to_office
            for d in case.dispositions
            if d.to_office is not None
            and d.to_office != (d.from_office if whole_pemda else office.code)
        }:
            disposed[to_office] += 1
        for clock in case.clocks:
            tally = stages.get(clock.stage)
            if tally is not None:
                late = _judge(case, clock, tally, as_of, tz, calendar, rulebook)
                if late is not None:
                    due_on, days_late = late
                    overdue.append(
                        OverdueCase(
                            register_no=case.register_no,
                            tracking_id=case.lapor_tracking_id,
                            received_on=received_on,
                            stage=clock.stage.value,
                            due_on=due_on,
                            working_days_late=days_late,
                            holder_office=case.holder_office,
                            status=status.value,
                        )
                    )
        annex.append(
            AnnexCase(
                register_no=case.register_no,
                tracking_id=case.lapor_tracking_id,
                received_on=received_on,
                kind=case.kind.value,
                channel=case.channel.value,
                category_code=code,
                status=status.value,
                holder_office=case.holder_office,
                # A printed recap travels: a confidential case's title stays in the office.
                title=None if case.confidential else case.title,
                followed_up=has_follow_up,
            )
        )

    received = sum(statuses.values())
    buckets: Counter[str] = Counter()
    for status, count in statuses.items():
        buckets[_BUCKET_OF[status]] += count
    overdue.sort(key=lambda o: (-o.working_days_late, o.due_on, _register_key(o.register_no)))
    annex.sort(key=lambda a: _register_key(a.register_no))
    by_subcategory = _most_first(second_level)
    names = dict(office_names or {})
    names.setdefault(office.code, office.name)
    if whole_pemda:
        # Every OPD of the Pemda has its row, so one that received nothing shows as 0.
        for code in names:
            holders.setdefault(code, 0)
    office_codes = set(holders) | set(disposed) | {office.code} | set(names)
    named_categories = category_codes | set(top_level) | set(second_level)
    return Recap(
        office_code=office.code,
        office_name=office.name,
        regency=office.regency,
        period=period,
        as_of=as_of,
        received=received,
        by_bucket=tuple(Count(b, buckets[b]) for b in BUCKETS),
        by_status=tuple(Count(s.value, statuses[s]) for s in CaseStatus if statuses[s]),
        by_month=tuple(_month_row(m, months.get(m, Counter())) for m in _months(period)),
        by_category=_most_first(top_level),
        by_subcategory=by_subcategory,
        by_channel=_most_first(channels),
        by_kind=_most_first(kinds),
        by_severity=_most_first(severities),
        by_kecamatan=_most_first(kecamatan),
        followed_up=followed_up,
        resolved=statuses[CaseStatus.RESOLVED],
        archived=sum(statuses[s] for s in _ARCHIVED),
        reopened=reopened,
        rated=rated,
        rating_total=rating_total,
        satisfied=satisfied,
        timeliness=tuple(_timeliness(stage, stages[stage]) for stage in REPORTED_STAGES),
        overdue=tuple(overdue),
        overdue_aging=_aging(overdue),
        offline_received=offline,
        offline_with_tracking_id=offline_tracked,
        forwarded_to=_most_first(forwarded),
        disposed_to=_most_first(disposed),
        top_topics=by_subcategory[:5],
        annex=tuple(annex),
        category_names=tuple((c, categories.path(c)) for c in sorted(named_categories)),
        office_names=tuple((c, names[c]) for c in sorted(office_codes) if c in names),
        time_zone=tz.key if isinstance(tz, ZoneInfo) else str(tz),
        scope=SCOPE_PEMDA if whole_pemda else SCOPE_OFFICE,
        by_holder_office=_most_first(holders),
        operator_activity=_operator_activity(
            activity, None if whole_pemda else office.code, period, tz
        ),
    )


def _operator_activity(
    entries: Iterable[tuple[str, str, datetime]], office: str | None, period: Period, tz: tzinfo
) -> tuple[OperatorActivity, ...]:
    """Keaktifan operator of `period`: entries of `office` (None: every office's)."""
    days: dict[tuple[str, str], Counter[date]] = {}
    for entry_office, actor, at in entries:
        if office is not None and entry_office != office:
            continue
        day = at.astimezone(tz).date()
        if period.first_day <= day <= period.last_day:
            days.setdefault((entry_office, actor), Counter())[day] += 1
    found = [
        OperatorActivity(
            office=entry_office,
            actor=actor,
            actions=sum(per_day.values()),
            active_days=len(per_day),
            last_active_on=max(per_day),
        )
        for (entry_office, actor), per_day in days.items()
    ]
    found.sort(key=lambda a: (a.office, -a.actions, a.actor))
    return tuple(found)


def _judge(
    case: Case,
    clock: StageClock,
    tally: _Stage,
    as_of: datetime,
    tz: tzinfo,
    calendar: WorkingCalendar,
    rulebook: SlaRuleBook,
) -> tuple[date, int] | None:
    """Count `clock` into `tally`; (due day, working days late) when it is open and overdue."""
    completed_at = clock.completed_at
    if completed_at is not None:
        met = clock.met
        paused = 0
        if met is None or case.pauses:
            # Frozen met is the truth once a stage completed; evaluate only fills in what an
            # older document lacks, and the working days the clock stood paused.
            deadline = evaluate(clock, rulebook, calendar, tz, case.pauses, as_of)
            met = deadline.met if met is None else met
            paused = deadline.paused_days
        tally.completed += 1
        if met:
            tally.met += 1
        else:
            tally.missed += 1
        # Like the SLA: the start day is day 0 and paused working days do not count.
        elapsed = calendar.working_days_between(
            clock.started_at.astimezone(tz).date(), completed_at.astimezone(tz).date()
        )
        tally.taken.append(max(elapsed - paused, 0))
        return None
    deadline = evaluate(clock, rulebook, calendar, tz, case.pauses, as_of)
    if deadline.state is DeadlineState.OVERDUE:
        tally.open_overdue += 1
        return deadline.due_at.astimezone(tz).date(), max(-deadline.remaining_working_days, 0)
    tally.open_running += 1
    return None


def _levels(categories: CategoryTree, code: str) -> tuple[str, str | None]:
    """(top-level code, second-level code or None); an unknown code stands for itself."""
    category = categories.get(code)
    if category is None or category.parent_code is None:
        return code, None
    return category.parent_code, code


def _most_first(counter: Counter[str]) -> tuple[Count, ...]:
    return tuple(Count(code, n) for code, n in sorted(counter.items(), key=lambda i: (-i[1], i[0])))


def _months(period: Period) -> range:
    return range(1, 13) if period.month is None else range(period.month, period.month + 1)


def _month_row(month: int, kinds: Counter[str]) -> MonthRow:
    return MonthRow(
        month=month,
        by_kind=tuple(Count(k.value, kinds[k.value]) for k in CaseKind),
        total=sum(kinds.values()),
    )


def _timeliness(stage: Stage, tally: _Stage) -> StageTimeliness:
    taken = sorted(tally.taken)
    return StageTimeliness(
        stage=stage.value,
        completed=tally.completed,
        met=tally.met,
        missed=tally.missed,
        open_running=tally.open_running,
        open_overdue=tally.open_overdue,
        median_working_days=float(median(taken)) if taken else None,
        p90_working_days=_p90(taken),
    )


def _p90(ordered: list[int]) -> float | None:
    """Nearest rank: the smallest value at least 90% of the clocks did not exceed."""
    if not ordered:
        return None
    return float(ordered[math.ceil(0.9 * len(ordered)) - 1])


def aging_code(low: int, high: int | None) -> str:
    return f">{low - 1}" if high is None else f"{low}-{high}"


def _aging(overdue: list[OverdueCase]) -> tuple[Count, ...]:
    counts = [0] * len(AGING_BUCKETS)
    for item in overdue:
        for index, (low, high) in enumerate(AGING_BUCKETS):
            if item.working_days_late >= low and (high is None or item.working_days_late <= high):
                counts[index] += 1
                break
    return tuple(
        Count(aging_code(low, high), n)
        for (low, high), n in zip(AGING_BUCKETS, counts, strict=True)
    )


def _register_key(register_no: str) -> str:
    """DINSOS/2026/00012 before DINSOS/2026/00100, and a provisional S-3 before S-20."""
    return _DIGITS.sub(lambda m: m.group().zfill(12), register_no)


__all__ = ["REPORTED_STAGES", "OfficeInfo", "compute_recap", "counts_for"]
