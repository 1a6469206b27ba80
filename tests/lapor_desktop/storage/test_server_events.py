"""Events a pull brings are inserted by id, and the ones held here with other content are named.

`ServerCases.add_events` inserts first and looks ids up only when some were here already, so
each path is held here on a real data dir: all new, all here and equal, one differing, and the
same event twice on one page.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from contextlib import closing
from datetime import timedelta

from lapor_desktop.domain.case import TimelineEvent
from lapor_desktop.services.cases import CaseService, NewCase
from lapor_desktop.services.workspace import Workspace


def _timeline(workspace: Workspace, case_id: str) -> list[tuple[str, str]]:
    with closing(sqlite3.connect(workspace.paths.database)) as con:
        return con.execute(
            "SELECT id, summary FROM case_event WHERE case_id = ? ORDER BY seq", (case_id,)
        ).fetchall()


def _held_events(workspace: Workspace, case_id: str) -> list[TimelineEvent]:
    with workspace.db.read() as uow:
        return list(uow.timeline.for_case(case_id))


def _add(workspace: Workspace, events: list[TimelineEvent]) -> list[str]:
    with workspace.db.write() as uow:
        differing = uow.sync.cases.add_events(events)
        uow.commit()
    return differing


def test_new_equal_differing_and_repeated_events(workspace: Workspace) -> None:
    case = CaseService(workspace).register(
        NewCase(
            title="Air PDAM keruh",
            text="Air keruh sejak dua hari di Desa Kolor.",
            channel="phone",
            category="Bantuan Sosial",
        )
    )
    here = _held_events(workspace, case.id)
    assert here, "registering writes a timeline event"
    first = here[0]
    fresh = [
        dataclasses.replace(
            first,
            id=f"00000000-0000-7000-8000-00000000000{n}",
            op_id=None,
            at=first.at + timedelta(minutes=n),
            summary=f"Dari server {n}",
        )
        for n in (1, 2)
    ]

    assert _add(workspace, fresh) == []  # all new: inserted, nothing to report
    assert [s for _, s in _timeline(workspace, case.id)][-2:] == ["Dari server 1", "Dari server 2"]
    before = _timeline(workspace, case.id)

    assert _add(workspace, [*here, *fresh]) == []  # all here, equal: nothing new, no report
    assert _add(workspace, [fresh[0], fresh[0]]) == []  # one event twice on a page
    assert _timeline(workspace, case.id) == before

    other = dataclasses.replace(fresh[1], summary="Salinan lain")
    third = dataclasses.replace(fresh[0], id="00000000-0000-7000-8000-000000000003")
    assert _add(workspace, [other, third]) == [fresh[1].id]  # named, and kept as written here
    after = _timeline(workspace, case.id)
    assert after[: len(before)] == before
    assert after[len(before) :] == [(third.id, third.summary)]
