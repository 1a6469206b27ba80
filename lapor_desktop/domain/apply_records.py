"""The handlers that add to a case's record: notes, attachments, and the official register
number that replaces a provisional one."""

from __future__ import annotations

from lapor_desktop.domain.apply_parts import _bump, _event, _text
from lapor_desktop.domain.apply_types import Applied, ApplyContext
from lapor_desktop.domain.case import AttachmentRef, Case
from lapor_desktop.domain.errors import NoFinalAnswer, NotPermitted, ValidationError
from lapor_desktop.domain.feedback import (
    FEEDBACK_KIND,
    feedback_data,
    feedback_of,
    feedback_summary,
)
from lapor_desktop.domain.identifiers import RegisterNumber
from lapor_desktop.domain.ops import Operation


def _note(case: Case, op: Operation, ctx: ApplyContext) -> Applied:
    # Append-only and never a conflict: any office that sees the case may add a note.
    kind = str(op.data.get("kind") or "note")
    if kind == FEEDBACK_KIND:
        return _feedback(case, op)
    text = _text(op.data, "text")
    if kind not in NOTE_KINDS:
        # Free kinds would let a note pass itself off as a system event ("status", "created").
        raise ValidationError("kind", f"a note is one of: {', '.join(sorted(NOTE_KINDS))}")
    event = _event(op, kind, text, {"text": text})
    return Applied(case, (event,))


def _feedback(case: Case, op: Operation) -> Applied:
    """The reporter's satisfaction (domain.feedback): what they say of the final answer, so
    only once there is one. A reopen withdraws the answer, and with it the chance to rate it
    until the next one."""
    feedback = feedback_of(op.data)
    if case.answer is None:
        raise NoFinalAnswer(case.register_no)
    event = _event(op, FEEDBACK_KIND, feedback_summary(feedback), feedback_data(feedback))
    return Applied(case, (event,))


def _attach(case: Case, op: Operation, ctx: ApplyContext) -> Applied:
    sha = _text(op.data, "sha256").lower()
    if len(sha) != 64 or any(ch not in "0123456789abcdef" for ch in sha):
        raise ValidationError("sha256", "must be 64 hex digits")
    ref = AttachmentRef(
        sha256=sha,
        size=int(op.data["size"]),
        name=_text(op.data, "name"),
        mime=str(op.data.get("mime") or "application/octet-stream"),
        added_at=op.at,
        added_by=op.actor,
    )
    if ref.size < 0:
        raise ValidationError("size", "cannot be negative")
    event = _event(
        op,
        "attachment",
        f"Lampiran ditambahkan: {ref.name}",
        {"sha256": sha, "name": ref.name, "size": ref.size},
    )
    if any(a.sha256 == sha for a in case.attachments):
        # The case has this file already (a set keyed by hash: the first one stays), added by
        # another op. Its PC wrote this event when it did not have it yet: kept, or that PC's
        # timeline would differ. (A PC that has the file makes no op for it: CaseService.)
        return Applied(case, (event,))
    return Applied(_bump(case, op, attachments=(*case.attachments, ref)), (event,))


def _renumber(case: Case, op: Operation, ctx: ApplyContext) -> Applied:
    """Replace a provisional register number (a PC ran dry offline) by an official one.

    The old number stays as an alias: a receipt printed offline carries it.
    """
    if op.office not in (case.holder_office, case.origin_office):
        raise NotPermitted(
            f"case {case.register_no} is held by {case.holder_office}; "
            f"{op.office} cannot renumber it"
        )
    new = RegisterNumber.parse(_text(op.data, "register_no"))
    old = RegisterNumber.parse(_text(op.data, "provisional"))
    if case.register_no == str(new) and str(old) in case.register_aliases:
        return Applied(case, (), noop=True)  # a replay
    if not old.provisional:
        raise ValidationError("provisional", f"{old} is not a provisional (S-) number")
    if new.provisional:
        raise ValidationError("register_no", f"{new} is provisional too")
    if (new.office, new.year) != (old.office, old.year):
        raise ValidationError(
            "register_no", f"{new} is not of the office and year of {old} ({old.office}/{old.year})"
        )
    if case.register_no != str(old):
        raise ValidationError("provisional", f"the case's number is {case.register_no}, not {old}")
    changed = _bump(
        case, op, register_no=str(new), register_aliases=(*case.register_aliases, str(old))
    )
    event = _event(
        op,
        "renumbered",
        f"Nomor registrasi sementara {old} diganti {new}",
        {"register_no": str(new), "provisional": str(old)},
    )
    return Applied(changed, (event,))


NOTE_KINDS = frozenset({"note", "contact", "lapor_posted", "reporter_reply", FEEDBACK_KIND})
