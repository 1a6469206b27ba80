"""The demo's written-out random draws are the ones `random.Random` makes: same stream, same
values, so writing them out changed no demo data."""

from __future__ import annotations

import random
import uuid

import pytest

from lapor_desktop.domain.identifiers import RegisterNumber
from lapor_desktop.services.demo import _register_no
from lapor_desktop.services.demo_stories import (
    CHANNEL_WEIGHTS,
    DEMO_OFFICE,
    PRIORITY_WEIGHTS,
    SIFAT_WEIGHTS,
    _below,
    _choice,
    _digits,
    _uuid4_text,
    _Weighted,
)

DRAWS = 5_000


def _pair(seed: int) -> tuple[random.Random, random.Random]:
    return random.Random(seed), random.Random(seed)


@pytest.mark.parametrize("n", [1, 2, 3, 7, 8, 9, 10, 60, 8_999_999])
def test_below_is_randrange(n: int) -> None:
    ours, theirs = _pair(n)
    assert [_below(ours, n) for _ in range(DRAWS)] == [theirs.randrange(n) for _ in range(DRAWS)]
    assert ours.random() == theirs.random()  # and leaves the stream where randrange does


@pytest.mark.parametrize("size", [1, 2, 5, 14, 33, 64, 65])
def test_choice_is_random_choice(size: int) -> None:
    seq = tuple(f"item{i}" for i in range(size))
    ours, theirs = _pair(size)
    assert [_choice(ours, seq) for _ in range(DRAWS)] == [theirs.choice(seq) for _ in range(DRAWS)]
    assert ours.random() == theirs.random()


@pytest.mark.parametrize("weights", [CHANNEL_WEIGHTS, PRIORITY_WEIGHTS, SIFAT_WEIGHTS])
def test_weighted_pick_is_random_choices(weights: dict[str, int]) -> None:
    weighted = _Weighted.of(weights)
    ours, theirs = _pair(len(weights))
    picked = [weighted.pick(ours) for _ in range(DRAWS)]
    assert picked == [theirs.choices(list(weights), list(weights.values()))[0] for _ in picked]


def test_digits_are_randrange_draws() -> None:
    ours, theirs = _pair(3)
    for count in (9, 10) * 200:
        assert _digits(ours, count) == "".join(str(theirs.randrange(10)) for _ in range(count))


@pytest.mark.parametrize(("low", "high"), [(1.2, 3.0), (0.1, 0.95), (1, 25), (3, 30), (2, 10)])
def test_uniform_written_out_is_random_uniform(low: float, high: float) -> None:
    # demo_stories writes rng.uniform(a, b) as a + (b - a) * rng.random().
    ours, theirs = _pair(int(high))
    for _ in range(DRAWS):
        assert low + (high - low) * ours.random() == theirs.uniform(low, high)


def test_op_ids_are_version_4_uuids_of_the_drawn_bits() -> None:
    rng = random.Random(11)
    for _ in range(DRAWS):
        bits = rng.getrandbits(128)
        assert _uuid4_text(bits) == str(uuid.UUID(int=bits, version=4))


@pytest.mark.parametrize(("year", "seq"), [(2023, 1), (2026, 42), (2026, 99_999), (2027, 123_456)])
def test_demo_register_numbers_are_register_number_text(year: int, seq: int) -> None:
    assert _register_no(year, seq) == str(RegisterNumber(DEMO_OFFICE, year, seq))
