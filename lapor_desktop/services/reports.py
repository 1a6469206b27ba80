"""Recap reports (DOMAIN.md §8.7): the cases of a period read in one pass, computed, rendered.

The cases are streamed from one read unit of work (a year of 100,000 cases is never held as a
list of rows), decoded with the storage codec and handed to `reports.recap.compute_recap`. The
renderers (openpyxl, reportlab) are imported only when a file is written: the window and the
CLI start without paying for them.

A whole-Pemda recap (`whole_pemda`) reads every case of the period this PC holds. Only a
coordinator's (or admin's) PC holds every office's cases, because the server sends them
everything; an operator's PC holds its office's cases and the ones it monitors, so a "Pemda"
recap there would be silently wrong: `recap` refuses it with `NotCoordinator`. So it would on
a coordinator's PC that never reached the server (a data dir that never enrolled is its
office's coordinator's, and holds that office's cases only): `NeverSynced`. Demo data holds
every office's cases by construction and is allowed.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from lapor_desktop.domain.case import Case
from lapor_desktop.domain.case_codec import case_from_json
from lapor_desktop.domain.codes import Role
from lapor_desktop.domain.errors import NotPermitted, ValidationError
from lapor_desktop.domain.feedback import FEEDBACK_KIND, Feedback, latest_feedback_of
from lapor_desktop.domain.ops import iso
from lapor_desktop.progress import Progress
from lapor_desktop.reports.model import Period, Recap
from lapor_desktop.reports.recap import OfficeInfo, compute_recap
from lapor_desktop.services.saved_files import write_atomically
from lapor_desktop.services.workspace import Workspace
from lapor_desktop.storage import json_text
from lapor_desktop.storage.unit_of_work import UnitOfWork

FORMATS = ("csv", "xlsx", "pdf")
FIRST_YEAR = 2000  # SP4N-LAPOR! began in 2011; anything before 2000 is a typing slip
_BATCH = 500  # rows per fetch: progress and cancel are checked this often

# The same cases compute_recap counts (reports.model.Recap): received in the period, and held
# or registered by the office; a case that left our scope is a stub we keep only if it is ours.
# A Pemda recap takes every case of the period (a coordinator's PC never leaves a scope).
_WHERE_PEMDA = ' FROM "case" WHERE received_at >= ? AND received_at < ?'
_WHERE = _WHERE_PEMDA + " AND (origin_office = ? OR (holder_office = ? AND scope_left_at IS NULL))"
# The roles whose PC the server sends every office's cases (server.auth.Caller.sees_everything).
PEMDA_ROLES = frozenset((Role.COORDINATOR, Role.ADMIN))


class NotCoordinator(NotPermitted):
    """A whole-Pemda recap asked for on a PC that does not hold every office's cases."""

    code = "not_coordinator"

    def __init__(self, role: str) -> None:
        self.role = role
        super().__init__(
            f"a whole-Pemda recap needs the SP4N-LAPOR! coordinator's PC; this PC's user is "
            f"{role} and holds only its office's cases (rekap seluruh Pemda hanya untuk "
            "koordinator: PC ini hanya memuat pengaduan kantornya)"
        )


class NeverSynced(NotPermitted):
    """A whole-Pemda recap on a coordinator's PC that never synced: it holds one office's cases."""

    code = "never_synced"

    def __init__(self) -> None:
        super().__init__(
            "a whole-Pemda recap needs the cases of every office, which this PC receives from "
            "the central server, and it has never been connected to one (rekap seluruh Pemda "
            "memerlukan pengaduan semua perangkat daerah dari server pusat; PC ini belum pernah "
            "terhubung ke server)"
        )


def parse_period(year: object, month: object = None, *, today: datetime | None = None) -> Period:
    """A Period from user input (text or numbers); refuses what no report can cover."""
    this_year = (today or datetime.now(UTC)).year
    year_number = _whole(year, "year", "tahun")
    if not FIRST_YEAR <= year_number <= this_year + 1:
        raise ValidationError(
            "year", f"must be {FIRST_YEAR}..{this_year + 1} (tahun di luar rentang)"
        )
    if month is None or (isinstance(month, str) and not month.strip()):
        return Period(year_number)
    month_number = _whole(month, "month", "bulan")
    if not 1 <= month_number <= 12:
        raise ValidationError("month", "must be 1..12 (bulan 1 sampai 12)")
    return Period(year_number, month_number)


def _whole(value: object, name: str, label: str) -> int:
    if isinstance(value, bool):
        raise ValidationError(name, f"is not a number ({label} harus berupa angka)")
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if not text.isascii() or not text.isdigit():
        raise ValidationError(name, f"is not a number ({label} harus berupa angka)")
    return int(text)


def parse_format(fmt: str) -> str:
    wanted = fmt.strip().lower().lstrip(".")
    if wanted not in FORMATS:
        raise ValidationError("format", f"{fmt!r} is not one of {', '.join(FORMATS)}")
    return wanted


class ReportService:
    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace

    def may_recap_pemda(self) -> bool:
        """Whether this PC's user may make a whole-Pemda recap (see the module docstring)."""
        return self._workspace.user.role in PEMDA_ROLES

    def recap(
        self, period: Period, progress: Progress | None = None, *, whole_pemda: bool = False
    ) -> Recap:
        """The recap of `period`: this office's cases, or with `whole_pemda` every office's
        (coordinator only: raises NotCoordinator before anything is read)."""
        ws = self._workspace
        if whole_pemda and not self.may_recap_pemda():
            raise NotCoordinator(ws.user.role.value)
        if whole_pemda and not ws.is_demo():
            with ws.db.read() as uow:
                if uow.sync.state.server_url() is None:
                    raise NeverSynced()
        reference = ws.reference()
        office = ws.office
        as_of = ws.clock().astimezone(UTC)
        with ws.db.read() as uow:
            office_names = known_office_names(uow)
            feedback = feedback_of_cases(uow, ws, period, whole_pemda)
            return compute_recap(
                cases_received(uow, ws, period, progress, whole_pemda),
                period=period,
                office=OfficeInfo(office.code, office.name, office.regency),
                as_of=as_of,
                tz=ws.tz,
                calendar=reference.calendar,
                rulebook=reference.rulebook,
                categories=reference.categories,
                office_names=office_names,
                whole_pemda=whole_pemda,
                activity=timeline_entries(uow, ws, period, whole_pemda),
                feedback=feedback,
            )

    def export(
        self,
        period: Period,
        fmt: str,
        path: Path,
        progress: Progress | None = None,
        *,
        whole_pemda: bool = False,
    ) -> Recap:
        """Compute and write the recap to `path` in `fmt` (csv, xlsx, pdf), atomically; a
        refused `whole_pemda` writes nothing."""
        kind = parse_format(fmt)
        recap = self.recap(period, progress, whole_pemda=whole_pemda)
        if progress is not None:
            progress.check()
        data = render(recap, kind)
        if progress is not None:
            progress.check()
        # Checked once more after the write and fsync, right before the rename: a Cancel
        # clicked while the file was written still means no file.
        check = progress.check if progress is not None else None
        write_atomically(path, data, prefix=".lapor-report-", before_replace=check)
        return recap


def period_bounds(workspace: Workspace, period: Period) -> tuple[datetime, datetime]:
    """The period's first and last local days of the office, as [start, end) instants."""
    tz = workspace.tz
    start = datetime.combine(period.first_day, time(), tzinfo=tz)
    end = datetime.combine(period.last_day + timedelta(days=1), time(), tzinfo=tz)
    return start, end


def cases_received(
    uow: UnitOfWork,
    workspace: Workspace,
    period: Period,
    progress: Progress | None,
    whole_pemda: bool = False,
) -> Iterator[Case]:
    """The cases a report counts: received in the period (by the office's local day) that
    this office registered or holds, or with `whole_pemda` every case this PC has."""
    code = workspace.office.code
    start, end = period_bounds(workspace, period)
    bounds = (iso(start.astimezone(UTC)), iso(end.astimezone(UTC)))
    where, params = (_WHERE_PEMDA, bounds) if whole_pemda else (_WHERE, (*bounds, code, code))
    # The driver's own cursor: a row through SQLAlchemy's result machinery costs more than
    # the JSON decode, and fetchmany keeps only one batch of documents in memory.
    raw = uow.session.connection().connection.driver_connection
    assert raw is not None  # a live pooled connection always has its driver connection
    cursor = raw.cursor()
    try:
        total = 0
        if progress is not None:
            total = int(cursor.execute("SELECT count(*)" + where, params).fetchone()[0])
            progress.step(0, total, "Membaca pengaduan")
        cursor.execute("SELECT doc" + where, params)
        done = 0
        while batch := cursor.fetchmany(_BATCH):
            for (doc,) in batch:
                yield case_from_json(json_text.loads(doc))
            done += len(batch)
            if progress is not None:
                progress.step(done, max(total, done), "Membaca pengaduan")
    finally:
        cursor.close()


def timeline_entries(
    uow: UnitOfWork, workspace: Workspace, period: Period, whole_pemda: bool = False
) -> Iterator[tuple[str, str, datetime]]:
    """(office, actor, at) of the timeline entries in the period that this office's operators
    made, or with `whole_pemda` every office's: what Keaktifan operator counts."""
    start, end = period_bounds(workspace, period)
    sql = "SELECT office, actor, at FROM case_event WHERE at >= ? AND at < ?"
    params: tuple[str, ...] = (iso(start.astimezone(UTC)), iso(end.astimezone(UTC)))
    if not whole_pemda:
        sql += " AND office = ?"
        params += (workspace.office.code,)
    raw = uow.session.connection().connection.driver_connection
    assert raw is not None  # a live pooled connection always has its driver connection
    cursor = raw.cursor()
    try:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(_BATCH * 4):
            for office, actor, at in batch:
                yield office, actor, datetime.fromisoformat(at)
    finally:
        cursor.close()


def feedback_of_cases(
    uow: UnitOfWork, workspace: Workspace, period: Period, whole_pemda: bool = False
) -> dict[str, Feedback]:
    """Case id -> the latest feedback (kepuasan pelapor) of the cases `cases_received` reads,
    whenever it was given: like a reopen, it counts for the case's period of receipt."""
    code = workspace.office.code
    start, end = period_bounds(workspace, period)
    bounds = (iso(start.astimezone(UTC)), iso(end.astimezone(UTC)))
    where, params = (_WHERE_PEMDA, bounds) if whole_pemda else (_WHERE, (*bounds, code, code))
    sql = (
        "SELECT id, case_id, at, data FROM case_event WHERE kind = ? AND case_id IN "
        f"(SELECT id{where})"
    )
    raw = uow.session.connection().connection.driver_connection
    assert raw is not None  # a live pooled connection always has its driver connection
    cursor = raw.cursor()
    per_case: dict[str, list[tuple[datetime, str, object]]] = {}
    try:
        cursor.execute(sql, (FEEDBACK_KIND, *params))
        while batch := cursor.fetchmany(_BATCH):
            for event_id, case_id, at, data in batch:
                entry = (datetime.fromisoformat(at), event_id, json_text.loads(data))
                per_case.setdefault(case_id, []).append(entry)
    finally:
        cursor.close()
    found = {case_id: latest_feedback_of(entries) for case_id, entries in per_case.items()}
    return {case_id: feedback for case_id, feedback in found.items() if feedback is not None}


def render(recap: Recap, kind: str) -> bytes:
    # Imported here: openpyxl and reportlab cost hundreds of ms to import.
    if kind == "csv":
        from lapor_desktop.reports.csv_export import render_csv

        return render_csv(recap)
    if kind == "xlsx":
        from lapor_desktop.reports.xlsx_export import render_xlsx

        return render_xlsx(recap)
    from lapor_desktop.reports.pdf_export import render_pdf

    return render_pdf(recap)


def known_office_names(uow: UnitOfWork) -> dict[str, str]:
    """Office code -> name from the master data the last sync brought (none before one)."""
    names: dict[str, str] = {}
    for office in uow.sync.state.offices():
        code, name = office.get("code"), office.get("name")
        if isinstance(code, str) and isinstance(name, str) and name.strip():
            names[code] = name.strip()
    return names


__all__ = [
    "FORMATS",
    "PEMDA_ROLES",
    "NeverSynced",
    "NotCoordinator",
    "ReportService",
    "cases_received",
    "feedback_of_cases",
    "known_office_names",
    "parse_format",
    "parse_period",
    "period_bounds",
    "render",
    "timeline_entries",
    "write_atomically",
]
