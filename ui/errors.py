"""Exceptions as calm messages; unexpected ones are logged, with a "copy details" button."""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from lapor_desktop.domain.errors import DomainError
from lapor_desktop.services.errors import MaintenanceError, WorkspaceError

log = logging.getLogger("lapor_desktop.ui")


def _t(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def is_expected(error: BaseException) -> bool:
    """Errors the operator can cause and fix; anything else is a bug to report."""
    return isinstance(error, DomainError | WorkspaceError | MaintenanceError | OSError)


def show_error(parent: QWidget | None, error: BaseException, log_dir: Path | None = None) -> None:
    if is_expected(error):
        QMessageBox.warning(parent, _t("Cannot do that"), str(error))
        return
    details = "".join(traceback.format_exception(error))
    log.error("unexpected error\n%s", details)
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        with (log_dir / "errors.log").open("a", encoding="utf-8") as handle:
            handle.write(details + "\n")
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_t("Something went wrong"))
    box.setText(
        _t("An unexpected error happened. Your data is safe. Please send the details to support.")
    )
    box.setDetailedText(details)
    copy = box.addButton(_t("Copy details"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is copy:
        QApplication.clipboard().setText(details)
