"""Form rows that carry a red message under each field the core refused, and those messages.

The messages are keyed by the profile's attribute names (`ProfileInvalid.errors`); the first-run
wizard and Settings share them.
"""

from __future__ import annotations

from collections.abc import Mapping

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

ERROR_STYLE = "color: #c62828;"


def field_messages() -> dict[str, str]:
    """The operator's words for each field the core can refuse (built when shown: translated)."""
    return {
        "code": QCoreApplication.translate(
            "OfficeForm", "Use 1–20 capital letters, digits, '-' or '_', for example DINSOS."
        ),
        "name": QCoreApplication.translate("OfficeForm", "Enter the office's name."),
        "regency": QCoreApplication.translate(
            "OfficeForm", "Enter the regency or city the office belongs to."
        ),
        "timezone": QCoreApplication.translate("OfficeForm", "Choose WIB, WITA or WIT."),
        "head_nip": QCoreApplication.translate(
            "OfficeForm", "A NIP has exactly 18 digits (spaces are ignored)."
        ),
        "email": QCoreApplication.translate(
            "OfficeForm", "Enter an e-mail address such as pengaduan@dinsos.go.id."
        ),
        "postal_code": QCoreApplication.translate("OfficeForm", "A postal code has 5 digits."),
        "phone": QCoreApplication.translate(
            "OfficeForm", "Use digits, spaces, '+', '-' or brackets only."
        ),
        "website": QCoreApplication.translate("OfficeForm", "A web address has no spaces."),
        "units": QCoreApplication.translate("OfficeForm", "Each unit may be listed only once."),
        "logo_file": QCoreApplication.translate(
            "OfficeForm", "Choose a PNG, JPG, GIF or BMP image of at most 5 MB."
        ),
    }


def message_for(field: str, fallback: str) -> str:
    return field_messages().get(field, fallback)


def alive(widget: QWidget) -> bool:
    """False once Qt deleted the widget (a task may finish after its dialog closed)."""
    return bool(shiboken6.isValid(widget))


def plain_label(label: str) -> str:
    return label.replace("&", "")


class InlineForm:
    """A QFormLayout whose rows each carry a hidden red message label under the field."""

    def __init__(self, layout: QFormLayout) -> None:
        self.layout = layout
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}

    def add(self, name: str, label: str, widget: QWidget, extra: QWidget | None = None) -> None:
        error = QLabel()
        error.setObjectName(f"error_{name}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setVisible(False)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(extra or widget)
        column.addWidget(error)
        caption = QLabel(label)
        caption.setBuddy(widget)
        widget.setAccessibleName(plain_label(label))
        self.layout.addRow(caption, holder)
        self.inputs[name] = widget
        self.errors[name] = error

    def show_errors(self, messages: Mapping[str, str]) -> list[QWidget]:
        """Show the messages for this form's fields, clear the others; the bad fields' widgets."""
        bad: list[QWidget] = []
        for name, label in self.errors.items():
            text = messages.get(name, "")
            label.setText(text)
            label.setVisible(bool(text))
            label.setAccessibleDescription(text)
            if text:
                bad.append(self.inputs[name])
        return bad


def line_edit(placeholder: str = "", max_length: int = 200) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(max_length)
    return edit


__all__ = [
    "ERROR_STYLE",
    "InlineForm",
    "alive",
    "field_messages",
    "line_edit",
    "message_for",
    "plain_label",
]
