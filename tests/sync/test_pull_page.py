"""The pull reads a change page into plain dicts (sync/pull.py, `read_page`), not into the
protocol's models: both must have the same fields, refuse the same bodies in the same words,
and read the same values from the rest."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import BaseModel, TypeAdapter

from lapor_desktop.domain.case_codec import case_to_json
from sync import protocol as p
from sync.client import parse_changes
from sync.errors import InvalidResponse
from sync.pull import ChangeDict, EventDict, PageDict, parse_case, plan_page, read_page
from tests.lapor_desktop.storage.test_bulk_document import rich_case

EVENT = {
    "id": "e1",
    "case_id": "c1",
    "kind": "note",
    "at": "2026-11-30T02:00:00+00:00",
    "actor": "ani",
    "office": "DINSOS",
    "device_id": "d1",
    "op_id": "o1",
    "summary": "Catatan",
    "data": {"text": "Pelapor dihubungi", "n": [1, 2.5, None, True]},
}
CHANGE = {
    "seq": 7,
    "entity": "case",
    "id": "c1",
    "version": 3,
    "kind": "upsert",
    "case": {"id": "c1", "title": "Jalan rusak", "nested": {"a": [1, {"b": None}]}},
    "events": [EVENT],
}


def page(**changes: Any) -> dict[str, Any]:
    return {"changes": [{**CHANGE, **changes}], "next_cursor": 7, "has_more": True}


def event(**fields: Any) -> dict[str, Any]:
    return page(events=[{**EVENT, **fields}])


def without(body: dict[str, Any], *path: str | int) -> dict[str, Any]:
    copy = json.loads(json.dumps(body))
    where = copy
    for step in path[:-1]:
        where = where[step]
    del where[path[-1]]
    return copy


BODIES: dict[str, bytes | dict[str, Any]] = {
    "whole": page(),
    "leave_scope, no case or events": {
        "changes": [{"seq": 8, "id": "c1", "version": 3, "kind": "leave_scope"}],
        "next_cursor": 8,
        "has_more": False,
    },
    "empty": {"changes": [], "next_cursor": 0, "has_more": False},
    "fields unknown to us everywhere": {
        **page(extra=1, events=[{**EVENT, "extra": [1]}]),
        "extra": {"x": 1},
    },
    "seq as a numeric string": page(seq="7"),
    "seq as a word": page(seq="a"),
    "seq as a fraction": page(seq=7.5),
    "seq as a whole float": page(seq=7.0),
    "version as true": page(version=True),
    "id as a number": page(id=5),
    "kind unknown": page(kind="delete"),
    "entity unknown": page(entity="event"),
    "case as a list": page(case=[1]),
    "case null": page(case=None),
    "events null": page(events=None),
    "events as an object": page(events={"a": EVENT}),
    "event without summary": without(page(), "changes", 0, "events", 0, "summary"),
    "event without op_id and data": without(
        without(page(), "changes", 0, "events", 0, "op_id"), "changes", 0, "events", 0, "data"
    ),
    "event op_id null": event(op_id=None),
    "event data as a list": event(data=[1]),
    "event at as a number": event(at=5),
    "no next_cursor": without(page(), "next_cursor"),
    "next_cursor as a string": {**page(), "next_cursor": "9"},
    "has_more as a string": {**page(), "has_more": "yes"},
    "has_more as 1": {**page(), "has_more": 1},
    "changes not a list": {"changes": {}, "next_cursor": 0, "has_more": False},
    "a list, not an object": [page()],
    "not JSON": b"<html>proxy</html>",
    "cut short": json.dumps(page()).encode()[:-9],
    "text with escapes": page(case={"id": "c1", "title": "Jalan \u00e9 \\u0000 \ud83d\ude00"}),
}


def _dump(value: object) -> object:
    return value.model_dump() if isinstance(value, BaseModel) else value


@pytest.mark.parametrize("name", list(BODIES))
def test_the_dicts_and_the_models_read_a_body_alike(name: str) -> None:
    given = BODIES[name]
    body = given if isinstance(given, bytes) else json.dumps(given).encode()
    try:
        model: p.ChangesPage | None = parse_changes(body)
        model_error = None
    except InvalidResponse as error:
        model, model_error = None, str(error)
    try:
        read: PageDict | None = read_page(body)
        read_error = None
    except InvalidResponse as error:
        read, read_error = None, str(error)
    assert read_error == model_error
    if model is not None:
        assert read is not None
        # The models' defaults are what the pull takes for a missing field.
        expected = model.model_dump()
        for change in expected["changes"]:
            for event_ in change["events"]:
                event_.setdefault("op_id", None)
        got = json.loads(json.dumps(read))
        for change in got["changes"]:
            change.setdefault("entity", "case")
            change.setdefault("case", None)
            change.setdefault("events", [])
            for event_ in change["events"]:
                event_.setdefault("op_id", None)
                event_.setdefault("data", {})
        assert got == json.loads(json.dumps(expected))


@pytest.mark.parametrize(
    ("typed", "model"),
    [(PageDict, p.ChangesPage), (ChangeDict, p.Change), (EventDict, p.EventWire)],
)
def test_the_dicts_have_the_fields_of_the_models(typed: type, model: type[BaseModel]) -> None:
    """A field the protocol gains must be added to the pull's reading too."""
    schema = TypeAdapter(typed).core_schema
    assert schema["type"] == "typed-dict"
    fields = schema["fields"]
    assert set(fields) == set(model.model_fields)
    required = {name for name, info in model.model_fields.items() if info.is_required()}
    assert {name for name, field in fields.items() if field.get("required", True)} == required
    assert schema.get("extra_behavior", "ignore") == "ignore"  # as the models: see _Wire


@pytest.mark.parametrize(
    "sha256", ["../../../../etc/passwd", "A" * 64, "a" * 63, "a" * 64 + "/x", 5, None]
)
def test_a_document_naming_an_attachment_by_anything_but_its_hash_is_refused(
    sha256: object,
) -> None:
    """The name becomes a path under blobs/ and a URL on the server (see parse_case)."""
    doc = case_to_json(rich_case().evolve(clocks=()))
    doc["attachments"][0]["sha256"] = sha256
    change = {"seq": 7, "id": doc["id"], "version": doc["version"], "kind": "upsert", "case": doc}
    body = json.dumps({"changes": [change], "next_cursor": 7, "has_more": False}).encode()
    with pytest.raises(InvalidResponse, match="/changes: change 7: "):
        plan_page(read_page(body)["changes"])
    doc["attachments"][0]["sha256"] = "a" * 64
    body = json.dumps({"changes": [change], "next_cursor": 7, "has_more": False}).encode()
    (plan,) = plan_page(read_page(body)["changes"])
    assert plan.case is not None and plan.case.attachments[0].sha256 == "a" * 64


def _doc_with(change: Any) -> dict[str, Any]:
    doc = case_to_json(rich_case())
    change(doc)
    return doc


# Each passes `case_from_json` (it checks no types) and then failed later: in SQLite (the search
# index's constraint, an integer it cannot bind), in the deadline arithmetic, or not at all.
BAD_DOCS: dict[str, tuple[Any, str]] = {
    "a title that is a number": (lambda d: d.update(title=5), "title: 5 is not text"),
    "a title that is an object": (lambda d: d.update(title={"a": 1}), "title: {'a': 1} is not"),
    "a category that is a number": (lambda d: d.update(category_code=5), "category_code: 5"),
    "a version beyond 64 bits": (lambda d: d.update(version=2**70), "version: 1180591620"),
    "a negative version": (lambda d: d.update(version=-5), "version: -5 is not between"),
    "a reopen count beyond 64 bits": (lambda d: d.update(reopen_count=2**64), "reopen_count"),
    "a latitude beyond 64 bits": (
        lambda d: d.update(location={"lat": 2**70}),
        "location.lat: 1180591620717411303424 is beyond 64 bits",
    ),
    "a latitude as text": (lambda d: d.update(location={"lat": "x"}), "location.lat: 'x' is not"),
    "an attachment size beyond 64 bits": (
        lambda d: d["attachments"][0].update(size=2**70),
        "attachments[0].size",
    ),
    "a negative attachment size": (
        lambda d: d["attachments"][0].update(size=-1),
        "attachments[0].size: -1 is not between 0",
    ),
    "an attachment name as a number": (
        lambda d: d["attachments"][0].update(name=5),
        "attachments[0].name: 5 is not text",
    ),
    "an extension of 10**20 days": (
        lambda d: d["clocks"][0].update(
            extensions=[
                {"days": 10**20, "reason": "r", "at": "2026-03-02T02:00:00+00:00", "by": "a"}
            ]
        ),
        "clocks[0].extensions[0].days: 100000000000000000000 is not between 0 and 3660",
    ),
    "a clock started in the year 9999": (
        lambda d: d["clocks"][0].update(started_at="9999-12-31T20:00:00+00:00"),
        "clocks[0].started_at: 9999-12-31",
    ),
    "a pause until the year 9999": (
        lambda d: d.update(
            pauses=[{"start": "2026-03-02T02:00:00+00:00", "end": "9999-12-31T23:00:00+00:00"}]
        ),
        "pauses[0].end: 9999-12-31",
    ),
    "received in the year 1": (
        lambda d: d.update(received_at="0001-01-01T00:00:00+00:00"),
        "received_at: 0001-01-01",
    ),
    "received at the calendar's edge in another zone": (
        lambda d: d.update(received_at="0001-01-01T00:00:00+07:00"),
        "not a case document (OverflowError",
    ),
    "a conflict side beyond 64 bits": (
        lambda d: d.update(
            conflicts=[
                {
                    "id": "k1",
                    "field": "priority",
                    "ours": 2**70,
                    "op_id": "o1",
                    "office": "DINSOS",
                    "actor": "ani",
                    "at": "2026-03-02T02:00:00+00:00",
                }
            ]
        ),
        "conflicts[0].ours: Integer exceeds 64-bit range",
    ),
}


@pytest.mark.parametrize("name", list(BAD_DOCS))
def test_a_document_of_the_wrong_types_or_out_of_range_is_refused_as_it_is_read(
    name: str,
) -> None:
    change, words = BAD_DOCS[name]
    doc = _doc_with(change)
    body = {"changes": [{**CHANGE, "id": doc["id"], "case": doc, "events": []}]}
    page_body = json.dumps({**body, "next_cursor": 7, "has_more": False}).encode()
    with pytest.raises(InvalidResponse, match="/changes: change 7: ") as caught:
        plan_page(read_page(page_body)["changes"])
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)


def test_the_rich_document_itself_is_read() -> None:
    """The refusals above are of the change each makes."""
    doc = _doc_with(lambda d: None)
    change = {**CHANGE, "id": doc["id"], "case": doc, "events": []}
    body = json.dumps({"changes": [change], "next_cursor": 7, "has_more": False}).encode()
    (plan,) = plan_page(read_page(body)["changes"])
    assert plan.case == rich_case()


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({**page(), "next_cursor": 2**63}, "next_cursor: Input should be less than or equal to"),
        ({**page(), "next_cursor": -1}, "next_cursor: Input should be greater than or equal to 0"),
        (page(seq=2**64), "changes.0.seq: Input should be less than or equal to"),
        (page(version=2**70), "changes.0.version: Input should be less than or equal to"),
        (page(version=-1), "changes.0.version: Input should be greater than or equal to 0"),
        (page(id=""), "changes.0.id: String should have at least 1 character"),
        (page(id="c" * 65), "changes.0.id: String should have at most 64 characters"),
        (event(id=""), "changes.0.events.0.id: String should have at least 1 character"),
        (event(case_id=""), "changes.0.events.0.case_id: String should have at least 1"),
        (event(at="0001-01-01T00:00:00+07:00"), "change 7: event e1: date value out of range"),
    ],
)
def test_numbers_sqlite_cannot_hold_are_refused_as_the_page_is_read(
    body: dict[str, Any], words: str
) -> None:
    """A cursor of 2**63 once failed in `set_cursor`, an event time at the calendar's edge
    as OverflowError: both now as the page is read, before anything is written."""
    with pytest.raises(InvalidResponse, match="/changes: ") as caught:
        plan_page(read_page(json.dumps(body).encode())["changes"])
    assert words in str(caught.value)
    with pytest.raises(InvalidResponse) as by_models:
        _plan_models(body)
    assert str(by_models.value) == str(caught.value)


def _plan_models(body: dict[str, Any]) -> None:
    page_ = parse_changes(json.dumps(body).encode())
    plan_page(page_.model_dump()["changes"])  # type: ignore[arg-type]


@pytest.mark.parametrize("case_id", ["", "c" * 65])
def test_a_snapshot_document_without_a_case_id_is_refused(case_id: str) -> None:
    """A snapshot's documents are not named by a change: an empty id was stored as a case."""
    doc = {**case_to_json(rich_case()), "id": case_id}
    with pytest.raises(InvalidResponse, match=r"/snapshot: bucket 2026-03: case .*: no case id"):
        parse_case(doc, "/snapshot", "bucket 2026-03")
