"""The letters a case can have: each choice of the picker, and why the case's state refuses one."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from lapor_desktop.domain.case import Case
from lapor_desktop.domain.codes import CaseStatus
from lapor_desktop.letters.model import LetterKind
from lapor_desktop.services.letter_content import FORMAL_KINDS


def _t(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("Letters", text, None, n)


@dataclass(frozen=True, slots=True)
class Choice:
    key: str
    kind: LetterKind
    label: str  # source text, translated in context "Letters"
    anonymous_document: bool = False
    blank: bool = False

    @property
    def editable(self) -> bool:
        return self.kind in FORMAL_KINDS


CHOICES: tuple[Choice, ...] = (
    Choice(
        "disposisi",
        LetterKind.DISPOSITION,
        QT_TRANSLATE_NOOP("Letters", "Disposition sheet (Lembar Disposisi)"),
    ),
    Choice(
        "disposisi-blanko",
        LetterKind.DISPOSITION,
        QT_TRANSLATE_NOOP("Letters", "Blank disposition sheet, to fill in by hand"),
        blank=True,
    ),
    Choice(
        "tanggapan",
        LetterKind.RESPONSE,
        QT_TRANSLATE_NOOP("Letters", "Response letter (Surat Tanggapan)"),
    ),
    Choice(
        "tanggapan-anonim",
        LetterKind.RESPONSE,
        QT_TRANSLATE_NOOP("Letters", "Response document without identity (for LAPOR!)"),
        anonymous_document=True,
    ),
    Choice(
        "penerusan",
        LetterKind.FORWARD,
        QT_TRANSLATE_NOOP("Letters", "Forwarding letter (Surat Penerusan)"),
    ),
    Choice(
        "kelengkapan",
        LetterKind.COMPLETION,
        QT_TRANSLATE_NOOP("Letters", "Request for missing data (Surat Permintaan Kelengkapan)"),
    ),
    Choice(
        "tanda-terima", LetterKind.RECEIPT, QT_TRANSLATE_NOOP("Letters", "Receipt (Tanda Terima)")
    ),
)
CHOICE = {choice.key: choice for choice in CHOICES}


def _has_reporter_name(case: Case) -> bool:
    return case.reporter is not None and bool((case.reporter.name or "").strip())


def refusal(case: Case, choice: Choice) -> str | None:
    """Why the case's state does not allow this letter now (translated), or None when it does.

    Mirrors the core's check (services/letter_content.check_allowed); the core checks again on
    preview and issue, so a difference can only show as an inline error, never as a bad letter.
    """
    kind = choice.kind
    if kind is LetterKind.DISPOSITION:
        if not choice.blank and not case.dispositions:
            return _t("The case has no disposition yet; print the blank form instead.")
        return None
    if kind is LetterKind.RESPONSE:
        if case.anonymous != choice.anonymous_document:
            if case.anonymous:
                return _t("The reporter is anonymous: only the document without identity.")
            return _t("Only for anonymous cases.")
        if case.status not in (CaseStatus.AWAITING_REPORTER, CaseStatus.RESOLVED):
            return _t("A response needs the final answer (Case → Give the final answer).")
        if case.answer is None:
            return _t("The case has no final answer recorded.")
        if not choice.anonymous_document and not _has_reporter_name(case):
            return _t("The reporter's name is not recorded.")
        return None
    if kind is LetterKind.FORWARD:
        if case.status is not CaseStatus.FORWARDED or not case.forwarded_to:
            return _t("The case must be forwarded to the competent agency first.")
        return None
    if kind is LetterKind.COMPLETION:
        if case.status is not CaseStatus.NEEDS_INFO:
            return _t("The case must be waiting for missing information.")
        if case.anonymous:
            return _t("The reporter is anonymous: no letter can be addressed to them.")
        if not _has_reporter_name(case):
            return _t("The reporter's name is not recorded.")
        return None
    return None


def visible_choices(case: Case) -> list[Choice]:
    """An anonymous case offers the identity-free response instead of the Surat Tanggapan."""
    hidden = "tanggapan" if case.anonymous else "tanggapan-anonim"
    return [c for c in CHOICES if c.key != hidden]


__all__ = ["CHOICE", "CHOICES", "Choice", "refusal", "visible_choices"]
