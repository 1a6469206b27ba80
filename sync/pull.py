"""The pull's rules: how a case the server sent becomes the local case (pages and snapshots).

- No pending local op on the case: the server's document replaces the local one.
- Pending ops: the server's document is taken and the pending ops are re-applied on top with
  the same `apply()` the server runs, so a field with an unsent local edit keeps showing the
  local value until the server answers for that op. An op that no longer applies locally
  (the case moved on) is simply not shown; it stays in the outbox and the server decides.
- A document older than the version the server already confirmed for the case (by an ack
  or an earlier page) is not taken: the local case never steps back.
- Events are inserted by id; the ones already here (our own, or an earlier page) are ignored.
- `leave_scope`: the row stays as a read-only stub (`scope_left_at`), never deleted.

A page is applied as a whole (`plan_page`, then `CaseMerger.apply`): the changes of one case
are folded into its document and all their events (the server sends each case's document once
per page, on its last upsert there; the earlier upserts have none); only that document is
decoded and written, with its due info and search row computed once. A case this PC already
holds at the change's version, confirmed by the server (it acked our own op, or an earlier
pull brought it), with nothing pending and a stored document equal to the server's, is not
rewritten; its events are still inserted by id. The equality check matters: an op the server
refused or took without a new version (a second resolution, an edit another op already made)
leaves the local document at the server's version number with other content, and only the
server's document may then win.

Everything the server sent is parsed before any write (`plan_page`), so a malformed page raises
`InvalidResponse` and the caller's transaction writes nothing. A document superseded by a newer
one of the same case on the page (a server that sends more than one) is checked for its id
only: it is never used.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, NotRequired

from pydantic import TypeAdapter, ValidationError
from typing_extensions import TypedDict

from lapor_desktop.domain.apply import Applied, apply
from lapor_desktop.domain.case import Case, TimelineEvent
from lapor_desktop.domain.case_codec import case_from_json
from lapor_desktop.domain.errors import DomainError
from lapor_desktop.domain.feedback import FEEDBACK_KIND
from lapor_desktop.domain.ops import parse_instant
from lapor_desktop.services.deadlines import due_info
from lapor_desktop.services.workspace import Workspace
from lapor_desktop.storage.bulk import event_row, event_tuple
from lapor_desktop.storage.cases import DueInfo, case_document
from lapor_desktop.storage.unit_of_work import UnitOfWork
from sync import documents
from sync import protocol as p
from sync.client import invalid_response
from sync.errors import InvalidResponse


@dataclass(frozen=True, slots=True)
class IncomingCase:
    case: Case
    events: tuple[TimelineEvent, ...]


@dataclass(slots=True)
class CaseChanges:
    """Every change of one case on a page: its newest document, all events, how it ends."""

    case_id: str
    case: Case | None = None  # the newest document (None: the page only has leave_scope)
    # The events as stored rows (`bulk.event_tuple`): a page's ~1,000 events go from the
    # server's JSON to their rows in one step, without a TimelineEvent each in between.
    event_rows: list[tuple[object, ...]] = field(default_factory=list)
    leaves: bool = False  # the case's last change on the page is leave_scope


# An attachment's name is its SHA-256 and becomes a path under blobs/ (BlobStore.path_for) and
# a URL on the server: from a server's document it is checked as `attachment.add` checks an
# op's, so no document can point the blob store at "../../" or the client at another URL.
_SHA256 = re.compile(r"[0-9a-f]{64}")


def parse_case(raw: Mapping[str, Any], path: str, where: str) -> Case:
    try:
        case = case_from_json(raw)
    # OverflowError: a time at the edge of the calendar in another zone, moved to UTC.
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError, DomainError) as error:
        raise InvalidResponse(path, f"{where}: not a case document ({error!r})") from None
    wrong = documents.problem(case) or (None if 1 <= len(case.id) <= 64 else "no case id")
    if wrong is not None:
        raise InvalidResponse(path, f"{where}: case {case.id!r:.80}: {wrong}")
    for ref in case.attachments:
        if not (isinstance(ref.sha256, str) and _SHA256.fullmatch(ref.sha256)):
            raise InvalidResponse(
                path, f"{where}: an attachment's sha256 is not 64 hex digits ({ref.sha256!r})"
            )
    return case


def parse_events(
    events: Sequence[p.EventWire], case_ids: set[str], path: str, where: str
) -> tuple[TimelineEvent, ...]:
    parsed = []
    for event in events:
        if event.case_id not in case_ids:
            raise InvalidResponse(path, f"{where}: event {event.id} is of another case")
        try:
            at = parse_instant(event.at)
        except (ValueError, OverflowError) as error:  # no zone; the calendar's edge in UTC
            raise InvalidResponse(path, f"{where}: event {event.id}: {error}") from None
        wrong = documents.event_problem(event.kind, event.data)
        if wrong is not None:
            raise InvalidResponse(path, f"{where}: event {event.id}: {wrong}")
        parsed.append(
            TimelineEvent(
                id=event.id,
                case_id=event.case_id,
                kind=event.kind,
                at=at,
                actor=event.actor,
                office=event.office,
                device_id=event.device_id,
                op_id=event.op_id,
                summary=event.summary,
                data=dict(event.data),
            )
        )
    return tuple(parsed)


# A change page as the pull reads it: the fields of protocol.ChangesPage, Change and EventWire
# with their types and defaults, validated by pydantic into plain dicts. Into the models it
# cost ~1.9 ms a page of 200 changes and 200 events, into dicts ~1.2 ms (the page is read on
# the thread that applies it, see PageReader); tests/sync/test_pull_page.py holds the two
# to the same fields and the same verdicts.
class EventDict(TypedDict):
    id: p.EventId
    case_id: p.CaseId
    kind: str
    at: str
    actor: str
    office: str
    device_id: str
    op_id: NotRequired[str | None]
    summary: str
    data: NotRequired[dict[str, Any]]


class ChangeDict(TypedDict):
    seq: p.Stored
    entity: NotRequired[Literal["case"]]
    id: p.CaseId
    version: p.Stored
    kind: Literal["upsert", "leave_scope"]
    case: NotRequired[dict[str, Any] | None]
    events: NotRequired[list[EventDict]]


class PageDict(TypedDict):
    changes: list[ChangeDict]
    next_cursor: p.Stored
    has_more: bool


_PAGE: TypeAdapter[PageDict] = TypeAdapter(PageDict)


def read_page(body: bytes, path: str = "/changes") -> PageDict:
    """A change page's JSON, checked as `protocol.ChangesPage` checks it, or InvalidResponse."""
    try:
        return _PAGE.validate_json(body)
    except ValidationError as error:
        raise invalid_response(path, error, body) from None


def _event_rows_of(change: ChangeDict, path: str, where: str) -> list[tuple[object, ...]]:
    """`parse_events` of one change as read by `read_page`, as the events' stored rows."""
    rows = []
    case_id = change["id"]
    for event in change.get("events", ()):
        if event["case_id"] != case_id:
            raise InvalidResponse(path, f"{where}: event {event['id']} is of another case")
        if event["kind"] == FEEDBACK_KIND:  # the one kind whose data is read, not shown
            wrong = documents.event_problem(event["kind"], event.get("data"))
            if wrong is not None:
                raise InvalidResponse(path, f"{where}: event {event['id']}: {wrong}")
        try:
            at = parse_instant(event["at"])
            rows.append(event_row(event, at))
        # A time without a zone or at the calendar's edge (UTC overflows); an int of 65 bits.
        except (ValueError, TypeError, OverflowError) as error:
            raise InvalidResponse(path, f"{where}: event {event['id']}: {error}") from None
    return rows


def plan_page(changes: Sequence[ChangeDict], path: str = "/changes") -> list[CaseChanges]:
    """The page's changes folded per case, in order of first appearance, or InvalidResponse.

    An upsert whose `case` is null takes the document of a later upsert of the same case on
    the page (the server sends each document once, on the case's last upsert); a page where
    no later one carries it is malformed.
    """
    plans: dict[str, CaseChanges] = {}
    newest: dict[str, tuple[int, int, dict[str, Any]]] = {}  # case -> seq, version, document
    waiting: dict[str, int] = {}  # case -> seq of an upsert still without a document
    for change in changes:
        case_id, seq = change["id"], change["seq"]
        plan = plans.get(case_id)
        if plan is None:
            plan = plans[case_id] = CaseChanges(case_id)
        if change["kind"] == "leave_scope":
            plan.leaves = True
            continue
        where = f"change {seq}"
        plan.leaves = False
        plan.event_rows.extend(_event_rows_of(change, path, where))
        doc = change.get("case")
        if doc is None:
            waiting.setdefault(case_id, seq)
            continue
        waiting.pop(case_id, None)
        if doc.get("id") != case_id:
            raise InvalidResponse(path, f"{where}: the document is not case {case_id}")
        best = newest.get(case_id)
        if best is None or change["version"] >= best[1]:
            newest[case_id] = (seq, change["version"], doc)
    for case_id, seq in waiting.items():
        raise InvalidResponse(
            path, f"change {seq}: an upsert of {case_id} without a case document on the page"
        )
    for case_id, (seq, _, doc) in newest.items():
        case = parse_case(doc, path, f"change {seq}")
        if case.id != case_id:
            raise InvalidResponse(
                path, f"change {seq}: the document is case {case.id}, not {case_id}"
            )
        plans[case_id].case = case
    return list(plans.values())


class CaseMerger:
    """Writes incoming cases with the rules above, inside the caller's unit of work."""

    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace
        # Ids of timeline events this PC holds with other content than the server's copy
        # (see ServerCases.add_events): the run reports them.
        self.differing_events: list[str] = []

    def upsert(
        self, uow: UnitOfWork, incoming: IncomingCase, now: datetime, path: str = "/snapshot"
    ) -> None:
        try:
            rows = [event_tuple(event) for event in incoming.events]
        except TypeError as error:  # data orjson cannot write, such as an int of 65 bits
            raise InvalidResponse(path, f"case {incoming.case.id}: an event: {error}") from None
        self.apply(uow, [CaseChanges(incoming.case.id, incoming.case, rows)], now, path)

    def apply(
        self, uow: UnitOfWork, plans: Sequence[CaseChanges], now: datetime, path: str = "/changes"
    ) -> int:
        """Write a page's cases (each case once in `plans`); how many cases left our scope.

        A case this PC cannot hold (a deadline under an SLA rule the master data lacks, the
        register number of another server case) raises InvalidResponse naming `path`, and the
        caller's transaction writes nothing."""
        ids = [plan.case_id for plan in plans]
        held = uow.sync.cases.held(ids)
        with_docs = [plan.case for plan in plans if plan.case is not None]
        pending = uow.sync.outbox.pending_by_case(c.id for c in with_docs) if with_docs else {}
        reference = self._ws.reference()
        context = self._ws.apply_context(reference) if pending else None
        rows: list[tuple[Case, DueInfo, int]] = []
        wanted: list[tuple[str, int, str]] = []
        event_rows: list[tuple[object, ...]] = []
        for plan in plans:
            event_rows.extend(plan.event_rows)
            server_case = plan.case
            if server_case is None:
                continue
            known = held.get(server_case.id)
            ops = pending.get(server_case.id, [])
            if known is not None and server_case.version < known.server_version:
                # An older state than the server already confirmed to us (a change of the past,
                # sent as we were allowed to see it then): never step back to it.
                continue
            if (
                known is not None
                and not ops
                and not known.left_scope
                and known.version == known.server_version == server_case.version
                and known.doc == case_document(server_case)
            ):
                # This very document is here already (our own pushed op). The same version
                # number alone is not enough: the local version also counts this PC's ops the
                # server refused or took without a new version (a second resolution), with
                # other content.
                continue
            shown = server_case
            try:
                if ops and context is not None:
                    for op in ops:
                        result = apply(shown, op, context)
                        if isinstance(result, Applied) and not result.noop:
                            shown = result.case
                due = due_info(shown, reference.rulebook, reference.calendar, self._ws.tz, now)
            # A rule code or category this PC does not know; a due day beyond the calendar.
            except (ValueError, OverflowError) as error:
                raise InvalidResponse(path, f"case {server_case.id}: {error}") from None
            rows.append((shown, due, server_case.version))
            for ref in server_case.attachments:
                if not self._ws.blobs.path_for(ref.sha256).exists():
                    wanted.append((ref.sha256, ref.size, ref.mime))
        try:
            uow.sync.cases.upsert_many(rows, held)  # clears scope_left_at: back in our scope
        except ValueError as error:  # two server cases under one register number
            raise InvalidResponse(path, str(error)) from None
        uow.sync.blobs.want_many(wanted, now)
        self.differing_events.extend(uow.sync.cases.add_event_rows(event_rows))
        left = 0
        for plan in plans:
            if plan.leaves and self.leave_scope(uow, plan.case_id, now):
                left += 1
        return left

    def leave_scope(self, uow: UnitOfWork, case_id: str, now: datetime) -> bool:
        return uow.sync.cases.mark_left_scope(case_id, now)


class PageSizer:
    """How many changes the next page asks for: pages adapt to the link, as push batches do.

    A page that arrives within FAST_SECONDS doubles the next one (up to the protocol's 1,000;
    the server still stops a page at MAX_PAGE_EVENTS events), one that takes over
    SLOW_SECONDS halves it (down to MIN_PAGE): on a LAN a catch-up of thousands of changes
    commits, fsyncs and round-trips a few times instead of every 200; on a 64 kbit/s link a
    page stays small enough to arrive between disconnects. A fixed size (tests, the
    benchmark's own choice) never changes.
    """

    MIN_PAGE, MAX_PAGE = 50, 1000
    FAST_SECONDS, SLOW_SECONDS = 1.0, 8.0

    def __init__(self, start: int, *, adaptive: bool = True) -> None:
        self.limit = max(1, min(start, self.MAX_PAGE))
        self._adaptive = adaptive
        self.asked: list[int] = []  # the limit of every page asked for (diagnostics, bench)

    def took(self, seconds: float) -> None:
        """Record how long the last page took to arrive (the HTTP call, retries included)."""
        if not self._adaptive:
            return
        if seconds < self.FAST_SECONDS:
            self.limit = min(self.MAX_PAGE, self.limit * 2)
        elif seconds > self.SLOW_SECONDS:
            self.limit = max(self.MIN_PAGE, self.limit // 2)


class PageReader:
    """Reads change pages one ahead: the next page is on its way while this one is applied.

    The reader's thread only does the HTTP (and the gzip); the caller parses each page, then
    applies it. The server needs about as long to build a page as this PC needs to parse and
    apply one, so doing both at once nearly halves a long pull; a page's parse in the reader's
    thread would be on the way's critical path, and both threads would contend for the GIL.
    The next page is asked for as soon as its cursor is known, before this page is parsed:
    `peek_next` reads it off the end of the body. It is only a hint: the page fetched ahead is
    used only if the parsed page names the same cursor, and a page is still applied only after
    the one before it committed, with its own cursor. Only the reader's thread talks to the
    server while a page is fetched (the caller parses and applies meanwhile, no HTTP).
    """

    def __init__(self, fetch: Callable[[int], bytes]) -> None:
        self._fetch = fetch
        self._pool: ThreadPoolExecutor | None = None
        self._ahead: tuple[int, Future[bytes]] | None = None

    def get(self, cursor: int) -> bytes:
        """The page after `cursor`: the one fetched ahead for it, else fetched now."""
        ahead, self._ahead = self._ahead, None
        if ahead is not None and ahead[0] == cursor:
            return ahead[1].result()
        if ahead is not None:
            ahead[1].exception()  # waits: one request at a time on the HTTP session
        return self._fetch(cursor)

    def fetch_ahead(self, cursor: int) -> None:
        """Start reading the page after `cursor` (nothing new if that one is on its way)."""
        if self._ahead is not None:
            if self._ahead[0] == cursor:
                return
            self._ahead[1].exception()  # waits; a page for another cursor is never used
        if self._pool is None:
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="sync-pull")
        self._ahead = (cursor, self._pool.submit(self._fetch, cursor))

    def close(self) -> None:
        """Wait for a page still on its way (its result is dropped): the HTTP session is not
        shared between threads, and the run's next step uses it."""
        ahead, self._ahead = self._ahead, None
        if ahead is not None:
            ahead[1].exception()  # waits; the error, if any, belongs to no one now
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None


# How a page's JSON ends, as the server writes it (server/changes.py); another layout is
# valid too, it is only not peeked at.
_TAIL = re.compile(rb'"next_cursor":(\d{1,19}),"has_more":(true|false)}\s*$')


def peek_next(body: bytes) -> int | None:
    """The cursor of the page after this one, read off the body's end, before it is parsed;
    None when the body says there is none, or does not end as the server writes it."""
    found = _TAIL.search(body, max(0, len(body) - 64))
    if found is None or found[2] != b"true":
        return None
    return int(found[1])
