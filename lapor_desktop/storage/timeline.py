"""The append-only timeline of each case."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from lapor_desktop.domain.case import TimelineEvent
from lapor_desktop.domain.case_codec import event_to_json
from lapor_desktop.domain.ops import parse_instant
from lapor_desktop.storage import json_text
from lapor_desktop.storage.rows import CaseEventRow


def event_values(event: TimelineEvent) -> dict[str, object]:
    values: dict[str, object] = event_to_json(event)
    values["data"] = json_text.dumps(event.data)  # a TEXT column
    return values


class TimelineRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def append(self, events: Sequence[TimelineEvent]) -> None:
        if events:
            self._session.execute(insert(CaseEventRow), [event_values(e) for e in events])

    def for_case(self, case_id: str) -> list[TimelineEvent]:
        stmt = (
            select(CaseEventRow)
            .where(CaseEventRow.case_id == case_id)
            .order_by(CaseEventRow.at, CaseEventRow.seq)
        )
        return [
            TimelineEvent(
                id=row.id,
                case_id=row.case_id,
                kind=row.kind,
                at=parse_instant(row.at),
                actor=row.actor,
                office=row.office,
                device_id=row.device_id,
                op_id=row.op_id,
                summary=row.summary,
                data=json_text.loads(row.data),
            )
            for row in self._session.execute(stmt).scalars()
        ]
