"""The plain classes that name enum members for hot code hold exactly the enum's members."""

from __future__ import annotations

from enum import StrEnum

import pytest

from lapor_desktop.domain.codes import (
    CaseKind,
    CaseStatus,
    Channel,
    Priority,
    Role,
    Roles,
    Severity,
    Sifat,
    Statuses,
    parse_channel,
    parse_code,
    parse_status,
)
from lapor_desktop.domain.ops import OpType, OpTypes
from lapor_desktop.domain.sla import Stage, Stages


@pytest.mark.parametrize(
    ("namespace", "enum"),
    [(Statuses, CaseStatus), (Roles, Role), (Stages, Stage), (OpTypes, OpType)],
    ids=["status", "role", "stage", "op_type"],
)
def test_a_namespace_holds_every_member_itself(namespace: type, enum: type[StrEnum]) -> None:
    held = {name: value for name, value in vars(namespace).items() if not name.startswith("_")}
    assert held == dict(enum.__members__)
    assert all(held[name] is member for name, member in enum.__members__.items())


@pytest.mark.parametrize("enum", [CaseStatus, Channel, CaseKind, Priority, Severity, Sifat, Role])
def test_an_exact_code_parses_to_its_member(enum: type[StrEnum]) -> None:
    for member in enum:
        assert parse_code(enum, member.value) is member
        assert parse_code(enum, member) is member  # a member is its own code


def test_codes_that_are_not_exact_still_parse_as_before() -> None:
    assert parse_status("needs info") is CaseStatus.NEEDS_INFO
    assert parse_status("Perlu kelengkapan") is CaseStatus.NEEDS_INFO
    assert parse_channel("WA") is Channel.WHATSAPP
    assert parse_channel("Walk-In") is Channel.WALK_IN
    assert parse_channel("walk_in") is Channel.WALK_IN
