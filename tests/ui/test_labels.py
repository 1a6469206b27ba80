"""Every code the window may show has a label: a missing one is a KeyError in the case view."""

from __future__ import annotations

from lapor_desktop.domain.ops import OpType
from ui.labels import OP_TYPE


def test_every_operation_type_has_a_label() -> None:
    # A pending or rejected op of a new type (case.renumber came with provisional numbers) is
    # listed by the case view and the rejected-actions dialog through this table.
    assert set(OP_TYPE) == set(OpType)
