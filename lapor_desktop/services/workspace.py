"""Opening a data dir: database checks and migrations, office profile, reference data, device id.

An open Workspace holds the data dir's use lock (storage.dir_lock) shared until close(), so a
restore can tell the database is in use and refuse instead of swapping it underneath.
"""

from __future__ import annotations

import logging
import sqlite3
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy.exc import DatabaseError as SqlAlchemyDatabaseError

from lapor_desktop.clock import Clock
from lapor_desktop.domain.apply import ApplyContext
from lapor_desktop.domain.calendar import WorkingCalendar
from lapor_desktop.domain.categories import CategoryTree
from lapor_desktop.domain.codes import Role
from lapor_desktop.domain.sla import SlaRuleBook
from lapor_desktop.holiday_defaults import national_holidays
from lapor_desktop.paths import AppPaths
from lapor_desktop.resources import default_categories, default_rulebook
from lapor_desktop.services.errors import AlreadyInitialised, NotInitialised, WorkspaceError
from lapor_desktop.services.office import LocalUser, OfficeProfile
from lapor_desktop.storage import dir_lock, schema
from lapor_desktop.storage.blobs import BlobStore
from lapor_desktop.storage.engine import (
    NotALaporDatabase,
    check_sqlite_file,
    create_readonly_engine,
    create_sqlite_engine,
)
from lapor_desktop.storage.unit_of_work import Database

HOLIDAY_YEARS_BACK = 4
HOLIDAY_YEARS_AHEAD = 2

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Reference:
    categories: CategoryTree
    rulebook: SlaRuleBook
    calendar: WorkingCalendar


@dataclass(frozen=True, slots=True)
class ListReference:
    """What a page of cases shows: category names and the working days (no tree, no rules)."""

    category_names: Mapping[str, str]
    calendar: WorkingCalendar


@dataclass
class Workspace:
    paths: AppPaths
    db: Database
    blobs: BlobStore
    office: OfficeProfile
    user: LocalUser
    device_id: str
    clock: Clock
    _reference: Reference | None = field(default=None, repr=False)
    _list_reference: ListReference | None = field(default=None, repr=False)
    # Read with the office when the data dir opens: the mark never changes afterwards (a demo
    # sets it in its first commit, before anything opens the data dir).
    _demo: bool | None = field(default=None, repr=False)
    # The data dir's use lock, held shared while open; None when the lock file cannot be had.
    _in_use: dir_lock.DataDirHold | None = field(default=None, repr=False)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.office.timezone)

    def reference(self) -> Reference:
        if self._reference is None:
            listed = self._list_reference
            with self.db.read() as uow:
                self._reference = Reference(
                    uow.reference.categories(),
                    uow.reference.rulebook(),
                    listed.calendar if listed is not None else uow.reference.calendar(),
                )
        return self._reference

    def list_reference(self) -> ListReference:
        """Less than reference(), and quicker to load: a window's first page needs only this."""
        if self._list_reference is None:
            with self.db.read() as uow:
                self._list_reference = ListReference(
                    uow.reference.category_names(), uow.reference.calendar()
                )
        return self._list_reference

    def is_demo(self) -> bool:
        """A demo data dir (services.demo marks it in its first commit): never synced."""
        if self._demo is None:
            with self.db.read() as uow:
                self._demo = bool(uow.reference.get_setting("demo"))
        return self._demo

    def replace_office(self, office: OfficeProfile) -> None:
        """Call after the stored office profile changed (services.office_admin does)."""
        self.office = office

    def forget_reference(self) -> None:
        """Call after holidays, categories or rules change."""
        self._reference = None
        self._list_reference = None

    def apply_context(self, reference: Reference | None = None) -> ApplyContext:
        ref = reference or self.reference()
        return ApplyContext(
            categories=ref.categories,
            rulebook=ref.rulebook,
            calendar=ref.calendar,
            tz=self.tz,
            role=self.user.role,
        )

    def close(self) -> None:
        self.db.dispose()
        if self._in_use is not None:  # after the connections: only then may a restore begin
            self._in_use.release()
            self._in_use = None


def _hold_data_dir(paths: AppPaths) -> dir_lock.DataDirHold | None:
    try:
        return dir_lock.hold_shared(paths.data_dir)
    except dir_lock.DataDirInUse:
        raise WorkspaceError(
            f"{paths.data_dir} is being restored from a backup by another LAPOR program; wait "
            "for it to finish, then open it again (data dir sedang dipulihkan dari cadangan)"
        ) from None
    except OSError as error:
        # E.g. a read-only folder: opening it still works as it always did, but a restore
        # elsewhere cannot see this use. Restore itself needs to write there, so it refuses.
        log.warning("%s: opened without its use lock (%s)", paths.data_dir, error)
        return None


def _open_database(paths: AppPaths) -> Database:
    try:
        check_sqlite_file(paths.database)
        if schema.is_at_head(paths.database):
            return Database(create_sqlite_engine(paths.database))
        if paths.database.exists() and paths.database.stat().st_size > 0:
            probe = create_readonly_engine(paths.database)
            try:
                schema.check_schema(probe)  # refuse before the engine below writes anything
            finally:
                probe.dispose()
        engine = create_sqlite_engine(paths.database)
        schema.upgrade(engine)
    except NotALaporDatabase as error:
        raise WorkspaceError(f"{error}; it is not a LAPOR database") from error
    except schema.SchemaTooNew as error:
        raise WorkspaceError(str(error)) from error
    except schema.NotOurSchema as error:
        raise WorkspaceError(f"{paths.database}: {error}") from error
    except (sqlite3.DatabaseError, SqlAlchemyDatabaseError) as error:
        # SQLAlchemy's text carries the SQL and a help URL; the driver's own words are enough.
        cause = getattr(error, "orig", None) or error
        if "locked" in str(cause) or "busy" in str(cause):
            raise WorkspaceError(
                f"{paths.database} is busy: another program kept it locked for 30 s; close it "
                "or try again (basis data sedang dipakai program lain)"
            ) from error
        raise WorkspaceError(f"{paths.database} is damaged or not a database ({cause})") from error
    return Database(engine)


def open_workspace(paths: AppPaths, clock: Clock) -> Workspace:
    """Open an initialised data dir, upgrading its schema; refuse anything suspicious."""
    if not paths.database.exists():
        raise NotInitialised(
            f"no LAPOR data in {paths.data_dir}; run 'lapor-desktop init' or 'lapor-desktop demo'"
        )
    in_use = _hold_data_dir(paths)
    try:
        return _open_held(paths, clock, in_use)
    except BaseException:
        if in_use is not None:
            in_use.release()
        raise


def _open_held(paths: AppPaths, clock: Clock, in_use: dir_lock.DataDirHold | None) -> Workspace:
    db = _open_database(paths)
    with db.read() as uow:
        office_raw = uow.reference.get_setting("office")
        user_raw = uow.reference.get_setting("user")
        device_id = uow.reference.get_setting("device_id")
        demo = bool(uow.reference.get_setting("demo"))
    if office_raw is None or user_raw is None or device_id is None:
        db.dispose()
        raise NotInitialised(f"{paths.data_dir} has a database but no office; run 'init'")
    return Workspace(
        paths=paths,
        db=db,
        blobs=BlobStore(paths.blobs),
        office=OfficeProfile.from_json(office_raw),
        user=LocalUser(user_raw["name"], Role(user_raw["role"])),
        device_id=str(device_id),
        clock=clock,
        _demo=demo,
        _in_use=in_use,
    )


def init_workspace(
    paths: AppPaths,
    office: OfficeProfile,
    user: LocalUser,
    clock: Clock,
    device_id: str | None = None,
) -> Workspace:
    """Create a data dir for one office: schema, reference data, device id, in one transaction."""
    if not paths.database.exists():
        paths.data_dir.mkdir(parents=True, exist_ok=True)
    in_use = _hold_data_dir(paths)
    try:
        # open_workspace takes its own hold before this one goes: the dir is never unheld.
        return _init_held(paths, office, user, clock, device_id)
    finally:
        if in_use is not None:
            in_use.release()


def _init_held(
    paths: AppPaths,
    office: OfficeProfile,
    user: LocalUser,
    clock: Clock,
    device_id: str | None,
) -> Workspace:
    if paths.database.exists():
        db = _open_database(paths)
        with db.read() as uow:
            existing = uow.reference.get_setting("office")
        if existing is not None:
            db.dispose()
            raise AlreadyInitialised(
                f"{paths.data_dir} already belongs to office {existing.get('code')}"
            )
    else:
        db = _open_database(paths)
    today = clock().date()
    years = range(today.year - HOLIDAY_YEARS_BACK, today.year + HOLIDAY_YEARS_AHEAD + 1)
    with db.write() as uow:
        uow.reference.replace_categories(default_categories())
        uow.reference.replace_rules(default_rulebook())
        uow.reference.add_holidays(national_holidays(years), source="holidays-package")
        uow.reference.set_setting("office", office.to_json())
        uow.reference.set_setting("user", {"name": user.name, "role": user.role.value})
        uow.reference.set_setting("device_id", device_id or str(uuid.uuid4()))
        uow.reference.audit(clock(), user.name, "office.init", office.code, None, office.to_json())
        uow.commit()
    paths.blobs.mkdir(parents=True, exist_ok=True)
    db.dispose()
    return open_workspace(paths, clock)


def default_user(name: str | None, role: Role | None) -> LocalUser:
    # A data dir that never enrolled belongs to its office: its user may do everything the
    # office may, including cancelling (a coordinator's act). Enrollment sets the server's role.
    return LocalUser(name or "operator", role or Role.COORDINATOR)


def year_span(start: date, end: date) -> range:
    return range(start.year, end.year + 1)


__all__ = [
    "AlreadyInitialised",
    "ListReference",
    "NotInitialised",
    "Reference",
    "Workspace",
    "WorkspaceError",
    "default_user",
    "init_workspace",
    "open_workspace",
]
