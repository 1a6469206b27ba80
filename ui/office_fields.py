"""The office profile and signatory forms, shared by the first-run wizard and Settings.

Each form shows a red message under a field the core refused; nothing reaches the database
until every field is valid.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from lapor_desktop.domain.errors import ValidationError
from lapor_desktop.services.office import TIMEZONES, OfficeProfile
from lapor_desktop.services.office_admin import LOGO_SUFFIXES, check_logo
from ui.inline_form import InlineForm, line_edit, message_for


class OfficeFields(QWidget):
    """The office profile and letterhead (kop surat): identity, address, contacts, logo."""

    logo_chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QFormLayout(self)
        self.form = InlineForm(layout)
        self.code = line_edit("DINSOS", 20)
        self.name = line_edit("Dinas Sosial")
        self.regency = line_edit("Kabupaten Sumenep")
        self.unit_code = line_edit("460", 30)
        self.address = line_edit("Jl. Trunojoyo No. 1")
        self.postal_code = line_edit("69417", 10)
        self.phone = line_edit("(0328) 662000", 40)
        self.email = line_edit("pengaduan@dinsos.go.id", 120)
        self.website = line_edit("dinsos.sumenepkab.go.id", 120)
        self.city = line_edit("Sumenep", 80)
        self.timezone = QComboBox()
        for short, zone in TIMEZONES.items():
            self.timezone.addItem(f"{short} ({zone})", zone)
        self.form.add("code", self.tr("Office &code"), self.code)
        self.form.add("name", self.tr("Office &name"), self.name)
        self.form.add("regency", self.tr("&Regency or city government"), self.regency)
        self.form.add("unit_code", self.tr("Classification code for &letters"), self.unit_code)
        self.form.add("address", self.tr("&Address"), self.address)
        self.form.add("postal_code", self.tr("&Postal code"), self.postal_code)
        self.form.add("phone", self.tr("P&hone"), self.phone)
        self.form.add("email", self.tr("&E-mail"), self.email)
        self.form.add("website", self.tr("&Website"), self.website)
        self.form.add("city", self.tr("C&ity written on letters"), self.city)
        self.form.add("timezone", self.tr("&Time zone"), self.timezone)

        self.logo_preview = QLabel()
        self.logo_preview.setFixedSize(64, 64)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setStyleSheet("border: 1px solid #bbb;")
        self.logo_name = QLineEdit()
        self.logo_name.setReadOnly(True)
        self.logo_name.setPlaceholderText(self.tr("No logo"))
        self.choose_logo_button = QPushButton(self.tr("Choose &logo…"))
        self.choose_logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button = QPushButton(self.tr("Remove logo"))
        self.remove_logo_button.clicked.connect(self.remove_logo)
        logo_row = QWidget()
        row = QHBoxLayout(logo_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.logo_preview)
        row.addWidget(self.logo_name, 1)
        row.addWidget(self.choose_logo_button)
        row.addWidget(self.remove_logo_button)
        self.form.add("logo_file", self.tr("Logo for the letterhead"), self.logo_name, logo_row)
        self.choose_logo_button.setAccessibleName(self.tr("Choose a logo image"))
        self.remove_logo_button.setAccessibleName(self.tr("Remove the logo"))

        self.logo_source: Path | None = None  # a newly chosen image, copied on save
        self._logo_file = ""  # the stored one (relative to the data dir)

    # -- values --------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        edits = {
            "code": self.code,
            "name": self.name,
            "regency": self.regency,
            "unit_code": self.unit_code,
            "address": self.address,
            "postal_code": self.postal_code,
            "phone": self.phone,
            "email": self.email,
            "website": self.website,
            "city": self.city,
        }
        values: dict[str, Any] = {name: edit.text().strip() for name, edit in edits.items()}
        values["timezone"] = self.timezone.currentData()
        values["logo_file"] = self._logo_file
        return values

    def set_profile(self, profile: OfficeProfile, logo: Path | None) -> None:
        for name in (
            "code",
            "name",
            "regency",
            "unit_code",
            "address",
            "postal_code",
            "phone",
            "email",
            "website",
            "city",
        ):
            edit = getattr(self, name)
            assert isinstance(edit, QLineEdit)
            edit.setText(getattr(profile, name))
        index = self.timezone.findData(profile.timezone)
        self.timezone.setCurrentIndex(max(index, 0))
        self._logo_file = profile.logo_file
        self.logo_source = None
        self.logo_name.setText(profile.logo_file)
        self._preview(logo)

    # -- logo ----------------------------------------------------------------------------
    def choose_logo(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in LOGO_SUFFIXES)
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the office logo"),
            str(Path.home()),
            self.tr("Images ({patterns})").format(patterns=patterns),
        )
        if chosen:
            self.set_logo_source(Path(chosen))

    def set_logo_source(self, path: Path) -> bool:
        """Take a new logo image (checked now, copied into the data dir on save)."""
        try:
            check_logo(path)
        except ValidationError as error:
            self.form.errors["logo_file"].setText(message_for("logo_file", error.message))
            self.form.errors["logo_file"].setVisible(True)
            return False
        self.form.errors["logo_file"].setVisible(False)
        self.logo_source = path
        self.logo_name.setText(path.name)
        self._preview(path)
        self.logo_chosen.emit()
        return True

    def remove_logo(self) -> None:
        self.logo_source = None
        self._logo_file = ""
        self.logo_name.clear()
        self._preview(None)
        self.logo_chosen.emit()

    def _preview(self, path: Path | None) -> None:
        pixmap = QPixmap(str(path)) if path is not None else QPixmap()
        if pixmap.isNull():
            self.logo_preview.clear()
            self.logo_preview.setText("—")
        else:
            self.logo_preview.setPixmap(
                pixmap.scaled(
                    64,
                    64,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )

    def show_errors(self, messages: Mapping[str, str]) -> list[QWidget]:
        return self.form.show_errors(messages)


class SignatoryFields(QWidget):
    """The head of office who signs letters: name, NIP, rank and grade, position."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QFormLayout(self)
        self.form = InlineForm(layout)
        self.head_name = line_edit("Drs. Ahmad Fauzi, M.Si.")
        self.head_nip = line_edit("197003121995031002", 30)
        self.head_rank = line_edit("Pembina Utama Muda (IV/c)")
        self.head_title = line_edit("Kepala Dinas Sosial")
        self.form.add("head_name", self.tr("Head of office (name with &degrees)"), self.head_name)
        self.form.add("head_nip", self.tr("N&IP (18 digits)"), self.head_nip)
        self.form.add("head_rank", self.tr("Rank and grade (pan&gkat/golongan)"), self.head_rank)
        self.form.add("head_title", self.tr("&Position (jabatan)"), self.head_title)

    def values(self) -> dict[str, Any]:
        return {
            "head_name": self.head_name.text().strip(),
            "head_nip": self.head_nip.text().strip(),
            "head_rank": self.head_rank.text().strip(),
            "head_title": self.head_title.text().strip(),
        }

    def set_profile(self, profile: OfficeProfile) -> None:
        self.head_name.setText(profile.head_name)
        self.head_nip.setText(profile.head_nip)
        self.head_rank.setText(profile.head_rank)
        self.head_title.setText(profile.head_title)

    def show_errors(self, messages: Mapping[str, str]) -> list[QWidget]:
        return self.form.show_errors(messages)


__all__ = ["OfficeFields", "SignatoryFields"]
