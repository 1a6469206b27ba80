"""Typed domain errors: the core raises these; the CLI and UI turn them into messages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


class DomainError(Exception):
    """Base of every rule violation the operator can cause (bad input, illegal action)."""

    code = "domain"


class ValidationError(DomainError):
    """A field is missing or malformed."""

    code = "invalid"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class UnknownCode(DomainError):
    """A value that must be one of a fixed vocabulary (channel, kind, status…) is not."""

    code = "unknown_code"

    def __init__(self, what: str, value: str, allowed: Iterable[str]) -> None:
        self.what = what
        self.value = value
        self.allowed = tuple(allowed)
        super().__init__(f"unknown {what} {value!r}; expected one of: {', '.join(self.allowed)}")


class UnknownCategory(DomainError):
    code = "unknown_category"

    def __init__(self, value: str) -> None:
        self.value = value
        super().__init__(f"unknown category {value!r}")


class AmbiguousCategory(DomainError):
    code = "ambiguous_category"

    def __init__(self, value: str, candidates: Sequence[str]) -> None:
        self.value = value
        self.candidates = tuple(candidates)
        super().__init__(
            f"category {value!r} is ambiguous; candidates: {'; '.join(self.candidates)}"
        )


class IllegalTransition(DomainError):
    """The case cannot move to the requested status from where it is."""

    code = "illegal_transition"

    def __init__(self, current: str, target: str, allowed: Iterable[str]) -> None:
        self.current = current
        self.target = target
        self.allowed = tuple(allowed)
        allowed_text = ", ".join(self.allowed) if self.allowed else "none (final state)"
        super().__init__(
            f"cannot move a case from {current} to {target}; allowed next: {allowed_text}"
        )


class GuardFailed(DomainError):
    """The transition exists but its condition is not met (a reason is missing, …)."""

    code = "guard_failed"

    def __init__(self, target: str, requirement: str) -> None:
        self.target = target
        self.requirement = requirement
        super().__init__(f"cannot move to {target}: {requirement}")


class NotPermitted(DomainError):
    """The actor's office or role may not do this to this case."""

    code = "not_permitted"


class ImmutableField(DomainError):
    code = "immutable_field"

    def __init__(self, field: str) -> None:
        self.field = field
        super().__init__(f"{field} cannot be changed after intake")


class NoFinalAnswer(DomainError):
    """What needs the case's final answer (the reporter's satisfaction), asked too early."""

    code = "no_final_answer"

    def __init__(self, register_no: str) -> None:
        self.register_no = register_no
        super().__init__(
            f"case {register_no} has no final answer: the reporter's satisfaction is recorded "
            "after the answer was given (kepuasan pelapor dicatat setelah jawaban akhir)"
        )
