"""One transaction per use case: repositories share one session; nothing is saved without commit."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from lapor_desktop.storage.blobs import BlobIndex
from lapor_desktop.storage.cases import CaseRepository
from lapor_desktop.storage.letters import LetterRepository
from lapor_desktop.storage.numbers import BlockNumberSource, LocalNumberSource, is_enrolled
from lapor_desktop.storage.outbox import OutboxRepository
from lapor_desktop.storage.reference import ReferenceRepository
from lapor_desktop.storage.search import SearchIndex
from lapor_desktop.storage.sync_store import SyncStore
from lapor_desktop.storage.timeline import TimelineRepository


class UnitOfWork:
    cases: CaseRepository
    timeline: TimelineRepository
    outbox: OutboxRepository
    reference: ReferenceRepository
    search: SearchIndex
    blobs: BlobIndex
    letters: LetterRepository
    sync: SyncStore
    session: Session

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory
        self._numbers: LocalNumberSource | None = None

    @property
    def numbers(self) -> LocalNumberSource:
        """Leased blocks once the data dir is enrolled, the office's own sequences before.

        Decided on first use, inside this unit of work's transaction, so an enrollment
        committed by another process is seen by the next unit of work.
        """
        if self._numbers is None:
            enrolled = is_enrolled(self.session)
            source = BlockNumberSource if enrolled else LocalNumberSource
            self._numbers = source(self.session)
        return self._numbers

    def __enter__(self) -> Self:
        self.session = self._factory()
        self.cases = CaseRepository(self.session)
        self.timeline = TimelineRepository(self.session)
        self.outbox = OutboxRepository(self.session)
        self._numbers = None
        self.reference = ReferenceRepository(self.session)
        self.search = SearchIndex(self.session)
        self.blobs = BlobIndex(self.session)
        self.letters = LetterRepository(self.session)
        self.sync = SyncStore(self.session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.session.rollback()  # a no-op after commit(); undoes everything otherwise
        self.session.close()

    def commit(self) -> None:
        self.session.commit()


class Database:
    """The two kinds of unit of work over one engine: writers lock up front, readers don't."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writer = sessionmaker(
            bind=engine.execution_options(immediate=True), expire_on_commit=False
        )
        self._reader = sessionmaker(bind=engine, expire_on_commit=False)

    def write(self) -> UnitOfWork:
        return UnitOfWork(self._writer)

    def read(self) -> UnitOfWork:
        return UnitOfWork(self._reader)

    def dispose(self) -> None:
        self.engine.dispose()
