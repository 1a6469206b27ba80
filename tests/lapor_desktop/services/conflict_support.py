"""Putting a sync conflict into a local data dir, as a pulled server state would bring it.

Local edits never conflict (the service records the value the operator saw as the base), so
tests apply another office's stale edit straight to the stored case, with no outbox entry.
"""

from __future__ import annotations

import uuid
from typing import Any

from lapor_desktop.domain.apply import Applied, apply
from lapor_desktop.domain.case import Case
from lapor_desktop.domain.ops import Operation, OpType
from lapor_desktop.services.deadlines import due_info
from lapor_desktop.services.workspace import Workspace


def apply_remote(
    workspace: Workspace,
    case_id: str,
    op_type: OpType,
    data: dict[str, Any],
    *,
    office: str = "DINSOS",
    actor: str = "rina",
) -> Applied:
    now = workspace.clock()
    reference = workspace.reference()
    with workspace.db.write() as uow:
        case = uow.cases.get(case_id)
        assert case is not None
        op = Operation(
            op_id=str(uuid.uuid4()),
            op_type=op_type,
            entity_id=case_id,
            base_version=case.version,
            device_id="remote-device",
            device_seq=1,
            actor=actor,
            office=office,
            at=now,
            data=data,
        )
        result = apply(case, op, workspace.apply_context(reference))
        assert isinstance(result, Applied), result
        due = due_info(result.case, reference.rulebook, reference.calendar, workspace.tz, now)
        row_id = uow.cases.update(result.case, due, case.version)
        uow.search.put(row_id, result.case)
        uow.timeline.append(result.events)
        uow.commit()
    return result


def record_conflict(
    workspace: Workspace,
    case_id: str,
    field: str,
    ours: Any,
    *,
    base: Any = "nilai yang sudah lama berubah",
    office: str = "DINSOS",
) -> Case:
    """Another device's edit of `field` from a stale base: a conflict, the field unchanged."""
    change = {field: {"old": base, "new": ours}}
    result = apply_remote(workspace, case_id, OpType.CASE_EDIT, {"changes": change}, office=office)
    assert [c.field for c in result.conflicts] == [field]
    return result.case
