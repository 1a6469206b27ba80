"""The one pure function that applies an operation to a case: used by the desktop and the server.

The handlers live in modules by theme (apply_create_edit, apply_conflicts, apply_status,
apply_records); this module dispatches to them and is the one the rest of the code imports.
"""

from __future__ import annotations

from collections.abc import Callable

from lapor_desktop.domain.apply_conflicts import _resolve, conflict_id
from lapor_desktop.domain.apply_create_edit import _create, _edit, in_scope
from lapor_desktop.domain.apply_records import NOTE_KINDS as NOTE_KINDS  # was defined here
from lapor_desktop.domain.apply_records import _attach, _note, _renumber
from lapor_desktop.domain.apply_status import (
    _answer,
    _dispose,
    _extend,
    _follow_up,
    _forward,
    _transition,
)
from lapor_desktop.domain.apply_types import (
    Applied,
    ApplyContext,
    ApplyResult,
    FieldConflict,
    Rejected,
)
from lapor_desktop.domain.case import Case
from lapor_desktop.domain.codes import CaseKind
from lapor_desktop.domain.errors import DomainError, ValidationError
from lapor_desktop.domain.ops import Operation, OpType, OpTypes


def apply(case: Case | None, op: Operation, ctx: ApplyContext) -> ApplyResult:
    """Apply `op` to `case` (None for a create) and return the new state or a typed rejection."""
    handler = _HANDLERS[op.op_type]
    try:
        if op.op_type is OpTypes.CASE_CREATE:
            if case is not None:
                # Replays of a create are harmless: the same id already exists.
                return Applied(case, (), noop=True)
            return _create(op, ctx)
        if case is None:
            raise ValidationError("entity_id", f"unknown case {op.entity_id}")
        return handler(case, op, ctx)
    except DomainError as error:
        return Rejected(error.code, str(error), error)
    except (KeyError, TypeError, ValueError, OverflowError) as error:
        wrapped = ValidationError("data", f"malformed {op.op_type} payload: {error}")
        return Rejected(wrapped.code, str(wrapped), wrapped)


_Handler = Callable[[Case, Operation, ApplyContext], Applied]

_HANDLERS: dict[OpType, _Handler] = {
    OpType.CASE_CREATE: lambda c, o, x: _create(o, x),
    OpType.CASE_EDIT: _edit,
    OpType.CASE_TRANSITION: _transition,
    OpType.CASE_DISPOSE: _dispose,
    OpType.CASE_FORWARD: _forward,
    OpType.CASE_FOLLOW_UP: _follow_up,
    OpType.CASE_ANSWER: _answer,
    OpType.SLA_EXTEND: _extend,
    OpType.EVENT_APPEND: _note,
    OpType.ATTACHMENT_ADD: _attach,
    OpType.CONFLICT_RESOLVE: _resolve,
    OpType.CASE_RENUMBER: _renumber,
}

__all__ = [
    "Applied",
    "ApplyContext",
    "ApplyResult",
    "CaseKind",
    "FieldConflict",
    "Rejected",
    "apply",
    "conflict_id",
    "in_scope",
]
