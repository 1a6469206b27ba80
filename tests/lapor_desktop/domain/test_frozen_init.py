"""frozen_init's __init__ behaves as the one dataclasses writes: same parameters, defaults,
factories, init=False fields and __post_init__, and the instance stays frozen."""

from __future__ import annotations

import dataclasses
import inspect
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest

from lapor_desktop.domain.apply_types import Applied
from lapor_desktop.domain.case import (
    Answer,
    Case,
    Disposition,
    FollowUp,
    Location,
    Reporter,
    TimelineEvent,
)
from lapor_desktop.domain.frozen_init import frozen_init
from lapor_desktop.domain.ops import Operation
from lapor_desktop.domain.sla import StageClock
from tests.lapor_desktop.storage.test_bulk_document import rich_case

_counter = iter(range(1_000_000))


def _build(init: bool) -> type:
    """The same class twice: with the generated __init__, and with frozen_init's."""

    @dataclass(frozen=True, slots=True)
    class Sample:
        a: int
        b: str = "b"
        c: list[int] = field(default_factory=list)
        d: int = field(default=4, init=False)
        e: list[int] = field(default_factory=lambda: [next(_counter)], init=False)
        f: tuple[int, ...] = ()

        def __post_init__(self) -> None:
            if self.a < 0:
                raise ValueError("a must not be negative")

    return frozen_init(Sample) if init else Sample


def _params(cls: type) -> list[tuple[str, object, object]]:
    return [
        (p.name, p.kind, p.default if p.default is inspect.Parameter.empty else "default")
        for p in inspect.signature(cls.__init__).parameters.values()
    ]


def test_the_signature_is_the_generated_ones() -> None:
    generated, ours = _build(False), _build(True)
    assert [n for n, *_ in _params(ours)] == [n for n, *_ in _params(generated)]
    assert [k for _, k, _ in _params(ours)] == [k for _, k, _ in _params(generated)]
    defaults = [inspect.signature(c.__init__).parameters["b"].default for c in (generated, ours)]
    assert defaults == ["b", "b"]


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [((1,), {}), ((1, "x"), {}), ((1,), {"c": [9], "f": (1,)}), ((), {"a": 2, "b": "y"})],
)
def test_fields_defaults_and_factories_are_the_generated_ones(
    args: tuple[object, ...], kwargs: dict[str, object]
) -> None:
    generated, ours = _build(False), _build(True)
    one, two = generated(*args, **kwargs), ours(*args, **kwargs)
    plain = [(f.name, getattr(one, f.name)) for f in dataclasses.fields(one) if f.name != "e"]
    assert plain == [
        (f.name, getattr(two, f.name)) for f in dataclasses.fields(two) if f.name != "e"
    ]
    assert len(two.e) == 1  # the init=False factory ran, once per instance
    assert ours(1).c is not ours(1).c  # a fresh list each time


def test_post_init_runs_and_the_instance_stays_frozen() -> None:
    ours = _build(True)
    with pytest.raises(ValueError, match="negative"):
        ours(-1)
    with pytest.raises(TypeError):
        ours()  # a missing argument, as before
    with pytest.raises(TypeError):
        ours(1, z=2)  # an unknown one
    sample = ours(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        sample.a = 2  # type: ignore[misc]


def test_only_frozen_slotted_dataclasses_are_accepted() -> None:
    @dataclass(frozen=True)
    class NoSlots:
        a: int

    with pytest.raises(TypeError):
        frozen_init(NoSlots)


@pytest.mark.parametrize(
    "cls",
    [Case, TimelineEvent, Reporter, Location, Disposition, FollowUp, Answer, StageClock],
    ids=lambda c: c.__name__,
)
def test_domain_classes_round_trip_through_replace(cls: type) -> None:
    """dataclasses.replace goes through __init__ with every field by name."""
    case = rich_case()
    samples = {
        Case: case,
        TimelineEvent: TimelineEvent("e", "c", "note", case.received_at, "a", "o", "d", None, "s"),
        Reporter: case.reporter,
        Location: case.location,
        Disposition: case.dispositions[0],
        FollowUp: case.follow_ups[0],
        Answer: case.answer,
        StageClock: case.clocks[0],
    }
    sample = samples[cls]
    assert dataclasses.replace(sample) == sample
    assert cls(**{f.name: getattr(sample, f.name) for f in dataclasses.fields(sample)}) == sample


def test_defaults_of_the_domain_classes_hold() -> None:
    at = datetime(2026, 3, 2, tzinfo=UTC)
    event = TimelineEvent("e", "c", "note", at, "a", "o", "d", None, "s")
    assert (
        event.data == {} and event.data is not TimelineEvent(*dataclasses.astuple(event)[:9]).data
    )
    op = Operation("op", "case.create", "c", 0, "dev", 1, "a", "o", at)  # type: ignore[arg-type]
    assert (op.data, op.entity, op.op_v) == ({}, "case", 1)
    assert Applied(rich_case(), ()).noop is False
    assert StageClock("verification", "r", at).extensions == ()  # type: ignore[arg-type]
    assert Location() == Location(None, None, None, None, None)
