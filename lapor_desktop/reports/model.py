"""What a recap report holds (DOMAIN.md §6, §8.7): plain frozen data, rendered many ways.

`reports.recap.compute_recap` fills it from the cases of a period; `reports.csv_export`,
`reports.xlsx_export` and `reports.pdf_export` render the very same object, so the three files
of one period can never disagree. Labels are not here: the renderers name rows in Indonesian
(`reports.labels`), the model keeps codes (status codes, channel codes, category codes).

Privacy: no field of a reporter (name, NIK, phone, email, address) is ever part of a report,
and a confidential case shows in the annex by its register number, tracking id, dates,
category and status only (its title is withheld), because a recap is printed, mailed and
attached to Zona Integritas evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

# The status buckets of the national recap (DOMAIN.md §8.7.1), in the order a report shows them.
BUCKETS: tuple[str, ...] = (
    "belum_diproses",  # DRAFT, RECEIVED
    "ditunda",  # NEEDS_INFO: waiting for the reporter's missing data
    "didisposisikan",  # DISPOSED
    "proses",  # IN_PROGRESS, AWAITING_REPORTER
    "selesai",  # RESOLVED
    "diteruskan",  # FORWARDED (to an agency outside the Pemda)
    "diarsipkan",  # ARCHIVED, CLOSED_INCOMPLETE, CANCELLED
)

# Whose cases a recap counts (Recap.scope): one office's, or every office's of the Pemda.
SCOPE_OFFICE = "office"
SCOPE_PEMDA = "pemda"
SCOPES: tuple[str, ...] = (SCOPE_OFFICE, SCOPE_PEMDA)

# Aging of open overdue deadlines in working days late (DOMAIN.md §8.7.2).
AGING_BUCKETS: tuple[tuple[int, int | None], ...] = ((0, 5), (6, 14), (15, 60), (61, None))


@dataclass(frozen=True, slots=True)
class Period:
    """A calendar year, or one month of it, in the office's time zone (receipt date counts)."""

    year: int
    month: int | None = None  # None: the whole year

    @property
    def first_day(self) -> date:
        return date(self.year, self.month or 1, 1)

    @property
    def last_day(self) -> date:
        """The last day inside the period."""
        if self.month is None or self.month == 12:
            return date(self.year, 12, 31)
        return date.fromordinal(date(self.year, self.month + 1, 1).toordinal() - 1)


@dataclass(frozen=True, slots=True)
class Count:
    """One row of a breakdown: a code (category code, channel code, office code…), how many."""

    code: str
    count: int


@dataclass(frozen=True, slots=True)
class StageTimeliness:
    """Ketepatan waktu of one SLA stage over the clocks of the period's cases.

    `completed` counts clocks that finished (met + missed); `open_overdue` counts clocks still
    running past their due time at `Recap.as_of`. Working days taken are counted like the SLA
    (day 0 = the start day), over completed clocks only; None when no clock completed.
    """

    stage: str  # sla.Stage value: verification, first_follow_up, resolution, auto_close, info_wait
    completed: int
    met: int
    missed: int
    open_running: int
    open_overdue: int
    median_working_days: float | None
    p90_working_days: float | None

    @property
    def met_percent(self) -> float | None:
        return None if self.completed == 0 else 100.0 * self.met / self.completed


@dataclass(frozen=True, slots=True)
class MonthRow:
    """Received per month, by kind (jenis aduan): the ZI "rekapitulasi per bulan"."""

    month: int  # 1..12
    by_kind: tuple[Count, ...]  # CaseKind values, every kind listed (0 when none)
    total: int


@dataclass(frozen=True, slots=True)
class OverdueCase:
    """An open case with a deadline past due at `Recap.as_of`, for the overdue list."""

    register_no: str
    tracking_id: str | None
    received_on: date
    stage: str
    due_on: date
    working_days_late: int
    holder_office: str
    status: str


@dataclass(frozen=True, slots=True)
class AnnexCase:
    """One case of the period in the annex list (no reporter data; see the module docstring)."""

    register_no: str
    tracking_id: str | None
    received_on: date
    kind: str
    channel: str
    category_code: str
    status: str
    holder_office: str
    title: str | None  # None for a confidential case
    followed_up: bool


@dataclass(frozen=True, slots=True)
class OperatorActivity:
    """Keaktifan operator (DOMAIN.md §8.7.8): what one operator of one office recorded in the
    period, counted from the timeline (every action an operator takes is one entry there).

    The desktop has no log-in of its own, so KemenPANRB's "aktif login" is read as "recorded
    something that day": `active_days` are the office's local days with at least one entry.
    Entries a PC made on its own (an automatic close) count for the operator whose PC it was.
    """

    office: str  # office code
    actor: str  # the operator's name as the timeline records it (the PC user's name)
    actions: int
    active_days: int
    last_active_on: date  # the office's local day of the latest entry in the period


@dataclass(frozen=True, slots=True)
class Recap:
    """The recap of one period for one office (`scope` "office") or for the whole Pemda
    (`scope` "pemda", made on the SP4N-LAPOR! coordinator's PC, which the server sends every
    office's cases).

    Which cases count: those received in the period (receipt date in the office's zone). In
    an office recap only those this office holds or registered; a case this PC only keeps
    read-only after it left our scope (`scope_left_at`) still counts when we registered it.
    In a Pemda recap every case the PC holds, whatever office.

    `office_code`, `office_name` and `regency` are always the office that made the recap (for
    a Pemda recap the coordinator's office, e.g. Diskominfo, whose kop the PDF carries); the
    renderers name the scope from `scope` and `regency` (`labels.scope_name`).
    `by_holder_office` is in both scopes: in an office recap it shows which of our cases
    other OPDs now hold; in a Pemda recap it is the per-OPD table, and lists every OPD the
    master data knows, with 0 for one that received none. Percentages are None when nothing
    was received.
    """

    office_code: str
    office_name: str
    regency: str
    period: Period
    as_of: datetime  # when it was computed (aware, UTC); deadlines are judged at this moment
    received: int
    by_bucket: tuple[Count, ...]  # every bucket of BUCKETS, in that order, 0 when none
    by_status: tuple[Count, ...]  # CaseStatus values present, in the status table's order
    by_month: tuple[MonthRow, ...]  # the period's months (one row for a month report)
    by_category: tuple[Count, ...]  # top-level category codes, most first, ties by code
    by_subcategory: tuple[Count, ...]  # second-level codes, most first, ties by code
    by_channel: tuple[Count, ...]  # Channel values, most first
    by_kind: tuple[Count, ...]  # CaseKind values, most first
    by_severity: tuple[Count, ...]  # Severity values, most first
    by_kecamatan: tuple[Count, ...]  # location.kecamatan as written ("" for none), most first
    followed_up: int  # cases with at least one follow-up (tindak lanjut) or a final answer
    resolved: int  # RESOLVED
    archived: int  # ARCHIVED + CLOSED_INCOMPLETE + CANCELLED
    reopened: int  # cases reopened at least once
    timeliness: tuple[StageTimeliness, ...]  # verification, first_follow_up, resolution
    overdue: tuple[OverdueCase, ...]  # most late first
    overdue_aging: tuple[Count, ...]  # one per AGING_BUCKETS, code "0-5", "6-14", "15-60", ">60"
    offline_received: int  # every channel but LAPOR!
    offline_with_tracking_id: int  # of those, entered into LAPOR! (a tracking id is set)
    forwarded_to: tuple[Count, ...]  # agencies outside the Pemda (forward), most first
    disposed_to: tuple[Count, ...]  # other OPDs a case was disposed to, most first
    top_topics: tuple[Count, ...] = field(default=())  # the 5 most frequent sub-categories
    annex: tuple[AnnexCase, ...] = field(default=())  # every counted case, by register order
    # Names for the codes above, so a renderer needs nothing but this object: category code
    # -> its path ("Infrastruktur > Jalan Rusak"), office code -> office name (when known).
    category_names: tuple[tuple[str, str], ...] = field(default=())
    office_names: tuple[tuple[str, str], ...] = field(default=())
    # The office's zone (IANA name) the period and dates were judged in: the renderers print
    # `as_of` as a local date ("Keadaan per: 5 April 2026") and "WIB"/"WITA"/"WIT" from it.
    time_zone: str = "Asia/Jakarta"
    scope: str = "office"  # SCOPES: "office" (one OPD's cases) or "pemda" (every OPD's)
    # Counted cases per holder office code (the OPD that holds the case now), most first,
    # ties by code; the counts add up to `received`.
    by_holder_office: tuple[Count, ...] = field(default=())
    # Every operator who recorded anything in the period, by office code, then most actions
    # first, then name: this office's operators, or in a Pemda recap every office's. Unlike
    # the counts above it is not limited to the cases received in the period (work on older
    # cases is work too).
    operator_activity: tuple[OperatorActivity, ...] = field(default=())
    # Kepuasan pelapor (DOMAIN.md §8.7.5), over the cases counted above (as `reopened`), each
    # by its latest feedback, given whenever: how many were rated, the sum of their ratings
    # (1..5 each) and how many reporters said puas (beres).
    rated: int = 0
    rating_total: int = 0
    satisfied: int = 0

    @property
    def whole_pemda(self) -> bool:
        return self.scope == SCOPE_PEMDA

    def category_name(self, code: str) -> str:
        return dict(self.category_names).get(code, code)

    def office_name_of(self, code: str) -> str:
        return dict(self.office_names).get(code, code)

    @property
    def followed_up_percent(self) -> float | None:
        """Tingkat tindak lanjut (ZI Reform: persentase penanganan pengaduan)."""
        return None if self.received == 0 else 100.0 * self.followed_up / self.received

    @property
    def resolved_percent(self) -> float | None:
        """Tingkat penyelesaian: resolved ÷ received."""
        return None if self.received == 0 else 100.0 * self.resolved / self.received

    @property
    def resolved_percent_excluding_archived(self) -> float | None:
        """Tingkat penyelesaian without archived, incomplete and cancelled cases in the base."""
        base = self.received - self.archived
        return None if base <= 0 else 100.0 * self.resolved / base

    @property
    def overdue_cases(self) -> int:
        """Open complaints with at least one deadline past due: `overdue` lists deadlines, and
        a case late for both verification and resolution is one complaint, listed twice."""
        return len({o.register_no for o in self.overdue})

    @property
    def active_offices(self) -> int:
        """OPDs with at least one operator who recorded something in the period."""
        return len({a.office for a in self.operator_activity})

    @property
    def active_office_percent(self) -> float | None:
        """Keaktifan of a Pemda recap: active OPDs ÷ the OPDs the master data knows (each has
        its row in `by_holder_office`); None in an office recap, which covers one OPD."""
        if not self.whole_pemda:
            return None
        active = {a.office for a in self.operator_activity}
        known = {c.code for c in self.by_holder_office} | active
        return None if not known else 100.0 * len(active) / len(known)

    @property
    def reopened_percent(self) -> float | None:
        """Re-open rate: cases reopened at least once ÷ received."""
        return None if self.received == 0 else 100.0 * self.reopened / self.received

    @property
    def rated_percent(self) -> float | None:
        """Cases whose reporter gave feedback ÷ received."""
        return None if self.received == 0 else 100.0 * self.rated / self.received

    @property
    def rating_average(self) -> float | None:
        """The average of the latest ratings (1..5); None when no reporter rated."""
        return None if self.rated == 0 else self.rating_total / self.rated

    @property
    def satisfied_percent(self) -> float | None:
        """% puas: reporters satisfied ÷ reporters who gave feedback (not ÷ received)."""
        return None if self.rated == 0 else 100.0 * self.satisfied / self.rated

    @property
    def offline_registered_percent(self) -> float | None:
        """Fasilitasi: share of offline-received complaints entered into LAPOR!."""
        if self.offline_received == 0:
            return None
        return 100.0 * self.offline_with_tracking_id / self.offline_received
