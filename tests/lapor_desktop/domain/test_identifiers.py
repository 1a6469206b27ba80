"""Derived ids must equal uuid5, which other replicas (the server) may compute with uuid."""

from __future__ import annotations

import uuid

from hypothesis import given
from hypothesis import strategies as st

from lapor_desktop.domain.identifiers import derived_id


@given(st.uuids(), st.text(max_size=30))
def test_derived_id_is_uuid5_of_the_parent(parent: uuid.UUID, purpose: str) -> None:
    assert derived_id(str(parent), purpose) == str(uuid.uuid5(parent, purpose))
