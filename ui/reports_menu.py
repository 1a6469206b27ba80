"""The Reports menu (Laporan → Rekap pengaduan…, Buku agenda dan register surat keluar…),
installed after the window's first paint. Both open the one dialog (ui/reports_dialog.py), the
second with its Kind set to the Buku agenda pengaduan.

Only the menu is built here; the dialog module is imported when the operator first opens it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.reports_dialog import RecapDialog

# Ctrl+R is Refresh on some desktops (QKeySequence.StandardKey.Refresh); Ctrl+Alt+R is free
# (tests/ui/test_reports_dialog.py checks that no two menu actions share a shortcut).
RECAP_SHORTCUT = "Ctrl+Alt+R"


class ReportsMenu(QObject):
    """Owns the Reports menu and opens its dialog."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("reports_menu")
        self._window = window
        self.dialog: RecapDialog | None = None  # the dialog open now (tests drive it)
        window.add_menu("reports", self.tr("&Reports"), before="help")
        self.recap_action = window.add_action(
            "reports", self.tr("Complaint &recap…"), RECAP_SHORTCUT, self.open_recap
        )
        self.recap_action.setObjectName("complaint_recap_action")
        self.recap_action.setStatusTip(
            self.tr("Received, followed up, resolved and overdue complaints of a month or year")
        )

        self.registers_action = window.add_action(
            "reports", self.tr("&Agenda book and outgoing letters register…"), None,
            self.open_registers,
        )  # fmt: skip
        self.registers_action.setObjectName("registers_action")
        self.registers_action.setStatusTip(
            self.tr("The complaints received and the letters issued in a month or year, to print")
        )

    def open_registers(self) -> RecapDialog:
        dialog = self.open_recap()
        if not dialog.busy:
            dialog.set_book("agenda")
        return dialog

    def open_recap(self) -> RecapDialog:
        if self.dialog is not None:  # one at a time: bring the open one forward
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        from ui.reports_dialog import RecapDialog

        dialog = RecapDialog(self._window)
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _on_dialog_finished(self, _result: int) -> None:
        self.dialog = None


def install_reports_menu(window: MainWindow) -> ReportsMenu:
    return ReportsMenu(window)


__all__ = ["RECAP_SHORTCUT", "ReportsMenu", "install_reports_menu"]
