"""Provisional register numbers carry the PC's office ordinal (`…/S{ordinal}-{n}`).

Two PCs of one office that both run dry offline must not issue the same provisional number;
numbers issued before ordinals existed (`…/S-{n}`) keep parsing as they were written.
"""

from __future__ import annotations

import pytest

from lapor_desktop.domain.errors import ValidationError
from lapor_desktop.domain.identifiers import RegisterNumber, looks_like_register_no


def test_a_provisional_number_names_the_device_that_issued_it() -> None:
    number = RegisterNumber("DINSOS", 2026, 7, provisional=True, device=2)
    assert str(number) == "DINSOS/2026/S2-7"
    assert RegisterNumber.parse("dinsos/2026/s2-7") == number
    assert looks_like_register_no("DINSOS/2026/S12-3")
    # Same counter value on two PCs: two different numbers.
    other = RegisterNumber("DINSOS", 2026, 7, provisional=True, device=3)
    assert str(other) != str(number) and other != number


def test_an_old_provisional_number_without_ordinal_still_parses_and_prints_the_same() -> None:
    legacy = RegisterNumber.parse("DINSOS/2026/S-3")
    assert legacy == RegisterNumber("DINSOS", 2026, 3, provisional=True)
    assert legacy.device is None
    assert str(legacy) == "DINSOS/2026/S-3"
    assert legacy != RegisterNumber.parse("DINSOS/2026/S1-3")


@pytest.mark.parametrize(
    "text", ["DINSOS/2026/S0-1", "DINSOS/2026/S1-", "DINSOS/2026/S1", "DINSOS/2026/S-1-2"]
)
def test_malformed_provisional_numbers_are_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        RegisterNumber.parse(text)


def test_an_official_number_has_no_device_and_a_device_needs_a_provisional_number() -> None:
    assert RegisterNumber.parse("DINSOS/2026/00042").device is None
    with pytest.raises(ValueError, match="provisional"):
        RegisterNumber("DINSOS", 2026, 42, device=1)
    with pytest.raises(ValueError, match="ordinal"):
        RegisterNumber("DINSOS", 2026, 42, provisional=True, device=0)
