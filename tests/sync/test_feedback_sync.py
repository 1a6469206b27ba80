"""The reporter's satisfaction travels like every note: recorded at one office, pushed, applied
by the server with the same domain function, pulled by the other office and counted in its
recap. The server refuses a malformed one; the pull refuses one a server should never send."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import text

from lapor_desktop.domain.case_codec import case_to_json
from lapor_desktop.domain.errors import NoFinalAnswer
from lapor_desktop.domain.feedback import Feedback
from lapor_desktop.domain.ops import OpType
from lapor_desktop.reports.model import Period
from lapor_desktop.services.cases import CaseService, DispositionInput, NewCase
from lapor_desktop.services.reports import ReportService
from lapor_desktop.services.sync_review import SyncReviewService
from sync import protocol as p
from sync.errors import InvalidResponse
from sync.pull import parse_events, plan_page, read_page
from tests.lapor_desktop.storage.test_bulk_document import rich_case
from tests.server.devices import enroll
from tests.support.live_server import LiveServer
from tests.sync.conftest import Desk, sync
from tests.sync.test_pull_page import EVENT, event

ROAD = NewCase(
    title="Jalan desa rusak",
    text="Jalan di depan balai desa berlubang sejak bulan lalu.",
    channel="whatsapp",
    category="Transportasi",
)


def server_feedback_events(server: LiveServer, case_id: str) -> list[dict[str, Any]]:
    with server.engine.connect() as con:
        rows = con.execute(text("SELECT doc FROM case_event WHERE case_id = :id"), {"id": case_id})
        events = [json.loads(doc) for (doc,) in rows]
    return [e["data"] for e in events if e["kind"] == "feedback"]


def test_feedback_recorded_at_one_office_reaches_the_other_through_the_server(
    desk: Desk, offices: LiveServer
) -> None:
    dinsos, dpu = desk("dinsos", "ani"), desk("dpu", "budi")
    case = CaseService(dinsos).register(ROAD)
    CaseService(dinsos).dispose(case.id, DispositionInput(to_office="DPU"))
    sync(dinsos, offices.base_url)
    sync(dpu, offices.base_url)

    service = CaseService(dpu)
    service.follow_up(case.id, "Tim survei turun ke lokasi.")
    service.answer(case.id, "Jalan telah ditambal.")
    service.feedback(case.id, 2, False, "Tambalannya sudah lepas lagi")
    report = sync(dpu, offices.base_url)
    assert report.rejected == 0 and report.pending_after == 0
    stored = {"rating": 2, "satisfied": False, "text": "Tambalannya sudah lepas lagi"}
    assert server_feedback_events(offices, case.id) == [stored]

    sync(dinsos, offices.base_url)
    seen = CaseService(dinsos).detail(case.id)
    assert seen.feedback == Feedback(2, False, "Tambalannya sudah lepas lagi")
    (event_,) = [e for e in seen.timeline if e.kind == "feedback"]
    assert event_.data == stored and event_.office == "DPU"
    assert event_.summary.startswith("Kepuasan pelapor: 2/5, tidak puas (belum beres)")
    # The office that registered the case counts its reporter's verdict in its own recap.
    recap = ReportService(dinsos).recap(Period(2026, 3))
    assert (recap.rated, recap.rating_total, recap.satisfied) == (1, 2, 0)


def test_the_server_refuses_a_malformed_feedback_and_stores_nothing(
    desk: Desk, offices: LiveServer
) -> None:
    ws = desk("dinsos", "ani")
    service = CaseService(ws)
    case = service.register(ROAD)
    service.dispose(case.id, DispositionInput(to_unit="Bidang Bina Marga"))
    service.follow_up(case.id, "Tim survei turun ke lokasi.")
    service.answer(case.id, "Jalan telah ditambal.")
    sync(ws, offices.base_url)

    other_pc = enroll(offices, "citra")  # the same office's second PC, speaking raw HTTP
    version = CaseService(ws).find_case(case.id).version
    ops = [
        other_pc.op(OpType.EVENT_APPEND, case.id, data, base_version=version)
        for data in (
            {"kind": "feedback", "rating": 9, "satisfied": True},
            {"kind": "feedback", "rating": 4, "satisfied": "ya"},
            {"kind": "feedback", "rating": True, "satisfied": True},
        )
    ]
    results = other_pc.push(*ops)["results"]
    assert [(r["status"], r["code"]) for r in results] == [("rejected", "invalid")] * 3
    assert "rating" in results[0]["message"] and "satisfied" in results[1]["message"]
    assert server_feedback_events(offices, case.id) == []


BAD_FEEDBACK = {
    "rating 9": {"rating": 9, "satisfied": True},
    "rating as text": {"rating": "5", "satisfied": True},
    "satisfied as 1": {"rating": 5, "satisfied": 1},
    "no satisfied": {"rating": 5},
    "text as a number": {"rating": 5, "satisfied": True, "text": 7},
}


@pytest.mark.parametrize("name", list(BAD_FEEDBACK))
def test_a_page_with_a_malformed_feedback_event_is_refused_as_it_is_read(name: str) -> None:
    """The recap counts these values: from a server they are checked as an op's are."""
    body = event(kind="feedback", data=BAD_FEEDBACK[name])
    with pytest.raises(InvalidResponse, match="/changes: change 7: event e1: feedback ") as read:
        plan_page(read_page(json.dumps(body).encode())["changes"])
    wire = [p.EventWire.model_validate(e) for e in body["changes"][0]["events"]]
    with pytest.raises(InvalidResponse) as by_models:
        parse_events(wire, {"c1"}, "/changes", "change 7")
    assert str(by_models.value) == str(read.value)
    assert "\n" not in str(read.value)


def test_a_page_with_a_good_feedback_event_is_read() -> None:
    data = {"rating": 5, "satisfied": True, "text": "beres"}
    doc = case_to_json(rich_case())
    feedback = {**EVENT, "case_id": doc["id"], "kind": "feedback", "data": data}
    change = {"seq": 7, "id": doc["id"], "version": doc["version"], "kind": "upsert"}
    body = {"changes": [{**change, "case": doc, "events": [feedback]}], "next_cursor": 7}
    (plan,) = plan_page(read_page(json.dumps({**body, "has_more": False}).encode())["changes"])
    assert json.loads(str(plan.event_rows[0][-1])) == data
    assert EVENT["kind"] == "note"  # other kinds' data is shown, not read: not checked


def test_a_feedback_rejected_after_a_reopen_is_done_again_as_feedback(
    desk: Desk, offices: LiveServer
) -> None:
    """Citra records the reporter's rating while Ani, on the other PC, has reopened the case:
    the server has no answer to rate and rejects it. Once Ani answers again, Citra does it
    again from the review, and it goes out as the same rating, not as an empty note."""
    ani, citra = desk("pc1", "ani"), desk("pc2", "citra")
    case = CaseService(ani).register(ROAD)
    CaseService(ani).dispose(case.id, DispositionInput(to_unit="Bidang Bina Marga"))
    CaseService(ani).follow_up(case.id, "Tim survei turun ke lokasi.")
    CaseService(ani).answer(case.id, "Jalan telah ditambal.")
    sync(ani, offices.base_url)
    sync(citra, offices.base_url)
    CaseService(ani).reopen(case.id, "Pelapor: tambalan lepas lagi")
    sync(ani, offices.base_url)
    CaseService(citra).feedback(case.id, 4, True, "Sudah ditambal")
    report = sync(citra, offices.base_url)
    assert report.rejected == 1 and server_feedback_events(offices, case.id) == []
    review = SyncReviewService(citra)
    (rejected,) = review.rejected()
    assert rejected.code == "no_final_answer" and rejected.op_type is OpType.EVENT_APPEND
    with pytest.raises(NoFinalAnswer):  # still no answer on this PC: refused again, kept
        review.reapply(rejected.op_id)
    assert [r.op_id for r in review.rejected()] == [rejected.op_id]

    CaseService(ani).follow_up(case.id, "Tambalan diperbaiki dengan aspal panas.")
    CaseService(ani).answer(case.id, "Jalan telah diaspal ulang.")
    sync(ani, offices.base_url)
    sync(citra, offices.base_url)
    review.reapply(rejected.op_id)
    assert review.rejected() == []
    report = sync(citra, offices.base_url)
    assert report.rejected == 0 and report.pending_after == 0
    stored = {"rating": 4, "satisfied": True, "text": "Sudah ditambal"}
    assert server_feedback_events(offices, case.id) == [stored]
