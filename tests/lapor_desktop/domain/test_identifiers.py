"""Derived ids must equal uuid5, which other replicas (the server) may compute with uuid."""

from __future__ import annotations

import uuid

from hypothesis import given
from hypothesis import strategies as st

from lapor_desktop.domain.identifiers import derived_id, derived_time_id


@given(st.uuids(), st.text(max_size=30))
def test_derived_id_is_uuid5_of_the_parent(parent: uuid.UUID, purpose: str) -> None:
    assert derived_id(str(parent), purpose) == str(uuid.uuid5(parent, purpose))


@given(st.uuids(), st.text(max_size=30), st.integers(0, 2**48 - 1), st.integers(0, 2**48 - 1))
def test_derived_time_ids_follow_time_and_are_deterministic(
    parent: uuid.UUID, purpose: str, earlier: int, later: int
) -> None:
    earlier, later = sorted((earlier, later))
    first = derived_time_id(earlier, str(parent), purpose)
    assert first == derived_time_id(earlier, str(parent), purpose)
    assert uuid.UUID(first).version == 8
    if earlier < later:
        assert first < derived_time_id(later, str(parent), purpose)
