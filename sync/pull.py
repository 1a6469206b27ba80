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

Everything the server sent is parsed before any write (`parse_change`), so a malformed page
raises `InvalidResponse` and the caller's transaction writes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lapor_desktop.domain.apply import Applied, apply
from lapor_desktop.domain.case import Case, TimelineEvent
from lapor_desktop.domain.case_codec import case_from_json
from lapor_desktop.domain.errors import DomainError
from lapor_desktop.domain.ops import parse_instant
from lapor_desktop.services.deadlines import due_info
from lapor_desktop.services.workspace import Workspace
from lapor_desktop.storage.unit_of_work import UnitOfWork
from sync import protocol as p
from sync.errors import InvalidResponse


@dataclass(frozen=True, slots=True)
class IncomingCase:
    case: Case
    events: tuple[TimelineEvent, ...]


def parse_case(raw: Mapping[str, Any], path: str, where: str) -> Case:
    try:
        return case_from_json(raw)
    except (KeyError, TypeError, ValueError, AttributeError, DomainError) as error:
        raise InvalidResponse(path, f"{where}: not a case document ({error!r})") from None


def parse_events(
    events: Sequence[p.EventWire], case_ids: set[str], path: str, where: str
) -> tuple[TimelineEvent, ...]:
    parsed = []
    for event in events:
        if event.case_id not in case_ids:
            raise InvalidResponse(path, f"{where}: event {event.id} is of another case")
        try:
            at = parse_instant(event.at)
        except ValueError as error:
            raise InvalidResponse(path, f"{where}: event {event.id}: {error}") from None
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


def parse_change(change: p.Change, path: str = "/changes") -> IncomingCase | None:
    """The case and events of an upsert (None for leave_scope), or InvalidResponse."""
    where = f"change {change.seq}"
    if change.kind == "leave_scope":
        return None
    if change.case is None:
        raise InvalidResponse(path, f"{where}: an upsert without a case document")
    case = parse_case(change.case, path, where)
    if case.id != change.id:
        raise InvalidResponse(path, f"{where}: the document is case {case.id}, not {change.id}")
    return IncomingCase(case, parse_events(change.events, {case.id}, path, where))


class CaseMerger:
    """Writes incoming cases with the rules above, inside the caller's unit of work."""

    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace

    def upsert(self, uow: UnitOfWork, incoming: IncomingCase, now: datetime) -> None:
        server_case = incoming.case
        if server_case.version < uow.sync.cases.server_version(server_case.id):
            # An older state than the server already confirmed to us (a change of the past,
            # sent as we were allowed to see it then): never step back to it.
            uow.sync.cases.add_events(incoming.events)
            return
        shown = server_case
        pending = uow.sync.outbox.pending_for(server_case.id)
        if pending:
            context = self._ws.apply_context()
            for op in pending:
                result = apply(shown, op, context)
                if isinstance(result, Applied) and not result.noop:
                    shown = result.case
        reference = self._ws.reference()
        due = due_info(shown, reference.rulebook, reference.calendar, self._ws.tz, now)
        uow.sync.cases.upsert(shown, due, server_version=server_case.version)
        for ref in server_case.attachments:
            if not self._ws.blobs.path_for(ref.sha256).exists():
                uow.sync.blobs.want(ref.sha256, ref.size, ref.mime, now)
        if uow.sync.cases.left_scope(server_case.id) is not None:
            uow.sync.cases.clear_left_scope(server_case.id)  # back in our scope
        uow.sync.cases.add_events(incoming.events)

    def leave_scope(self, uow: UnitOfWork, case_id: str, now: datetime) -> bool:
        return uow.sync.cases.mark_left_scope(case_id, now)
