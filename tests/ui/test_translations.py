"""Translations: Indonesian complete, nothing in ui/*.py missing from the .ts, the .qm current,
and the window really speaking Indonesian (the default) or English."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from lapor_desktop.domain.codes import (
    CHANNEL_LABELS,
    KIND_LABELS,
    PRIORITY_LABELS,
    SIFAT_LABELS,
    STATUS_LABELS,
)
from lapor_desktop.domain.summary import QUEUE_LABELS, Queue
from lapor_desktop.paths import AppPaths
from lapor_desktop.services.demo import generate_demo
from lapor_desktop.services.queries import CaseQuery, QueryService
from lapor_desktop.services.workspace import Workspace, open_workspace
from tests.conftest import WIB, FakeClock
from ui import labels
from ui.i18n import TRANSLATIONS_DIR, install_translators
from ui.main_window import MainWindow
from ui.shortcuts_dialog import ShortcutsDialog, install_shortcuts_help
from ui.tasks import TaskRunner

pytestmark = pytest.mark.timeout(120)

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 3, 10, 10, 0, tzinfo=WIB)
WAIT_MS = 10_000


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "lapor_translations_tool", ROOT / "tools" / "translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


def _active(ts: Path) -> dict[tuple[str, str, str], object]:
    return {e.message.key: e for e in tool.read_ts(ts) if e.active}


# -- the files ----------------------------------------------------------------------------------
def test_indonesian_and_english_are_complete_and_cover_every_ui_string() -> None:
    problems = tool.problems(TRANSLATIONS_DIR, ROOT / "ui")
    assert problems == [], "run `make translations`, then translate:\n" + "\n".join(problems)


def test_the_catalogue_is_what_lupdate_makes_from_ui_now(tmp_path: Path) -> None:
    """lupdate over ui/*.py into a copy adds nothing new, and lrelease gives the committed .qm."""
    for name in ("lapor_id.ts", "lapor_en.ts"):
        shutil.copy(TRANSLATIONS_DIR / name, tmp_path / name)
    tool.update(ts_dir=tmp_path, ui_dir=ROOT / "ui", build=True)
    for language in ("id", "en"):
        before = _active(TRANSLATIONS_DIR / f"lapor_{language}.ts")
        after = _active(tmp_path / f"lapor_{language}.ts")
        new = sorted(set(after) - set(before))
        assert not new, f"not yet in lapor_{language}.ts (run `make translations`): {new}"
        unfinished = [key for key, entry in after.items() if entry.unfinished]
        assert not unfinished, unfinished
        committed = (TRANSLATIONS_DIR / f"lapor_{language}.qm").read_bytes()
        assert (tmp_path / f"lapor_{language}.qm").read_bytes() == committed, (
            f"lapor_{language}.qm is stale: run `make translations`"
        )


def test_an_unfinished_or_missing_message_is_reported(tmp_path: Path) -> None:
    ts = tmp_path / "lapor_id.ts"
    shutil.copy(TRANSLATIONS_DIR / "lapor_id.ts", ts)
    shutil.copy(TRANSLATIONS_DIR / "lapor_en.ts", tmp_path / "lapor_en.ts")
    for language in ("id", "en"):
        (tmp_path / f"lapor_{language}.qm").write_bytes(b"")
    text = ts.read_text(encoding="utf-8")
    text = text.replace(
        "<translation>Semua</translation>", '<translation type="unfinished"></translation>'
    )
    text = text.replace("<source>Quit</source>", "<source>Quit now</source>")
    ts.write_text(text, encoding="utf-8")
    problems = "\n".join(tool.problems(tmp_path, ROOT / "ui"))
    assert "[Labels] 'All': unfinished" in problems
    assert "[MainWindow] 'Quit' is not in the file" in problems


def test_strings_lupdate_cannot_see_are_still_extracted(tmp_path: Path) -> None:
    """f-strings' tr() calls and helpers like `_t(text)` reach the catalogue through ast."""
    source = tmp_path / "sample.py"
    source.write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        "def _t(text, n=-1):\n"
        "    return QCoreApplication.translate('Sample', text, None, n)\n"
        "class Box:\n"
        "    def show(self, k):\n"
        "        return f\"<b>{self.tr('Heading')}</b>\" + _t('%n left', k) + _t('plain')\n",
        encoding="utf-8",
    )
    found = tool.extract([source])
    assert found.messages == {
        tool.Message("Box", "Heading"),
        tool.Message("Sample", "%n left", numerus=True),
        tool.Message("Sample", "plain"),
    }
    assert found.problems == []
    messages = tool.extract(tool.ui_sources(ROOT / "ui")).messages
    assert tool.Message("Errors", "Cannot do that") in messages
    assert tool.Message("CaseView", "Timeline") in messages
    assert tool.Message("CaseRows", "late by %n working day(s)", numerus=True) in messages


def test_english_plural_forms_come_from_the_source() -> None:
    assert tool.english("%n working day(s) left", 2) == [
        "%n working day left",
        "%n working days left",
    ]
    assert tool.english("Quit", 1) == ["Quit"]


# -- the window in each language ----------------------------------------------------------------
@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    paths = AppPaths(Path(tmp_path_factory.mktemp("i18n")) / "demo")
    generate_demo(paths, FakeClock(NOW), cases=80, seed=1)
    workspace = open_workspace(paths, FakeClock(NOW))
    yield workspace
    workspace.close()


@pytest.fixture
def language(qapp: QApplication) -> Iterator[object]:
    """Installs a language for one test, then leaves the application untranslated again."""
    locale = QLocale()

    def use(code: str) -> None:
        assert install_translators(qapp, code)

    yield use
    install_translators(qapp, "zz")  # removes ours; no catalogue is called that
    QLocale.setDefault(locale)


class Recorder(QTranslator):
    """Passes lookups to our catalogue and remembers the ones it has no translation for."""

    def __init__(self, qm: Path) -> None:
        super().__init__()
        self.inner = QTranslator()
        assert self.inner.load(str(qm))
        self.missing: set[tuple[str, str]] = set()
        self.asked: set[tuple[str, str]] = set()

    def translate(self, context, source, disambiguation=None, n=-1):
        self.asked.add((context, source))
        found = self.inner.translate(context, source, disambiguation, n)
        if not found and source:
            self.missing.add((context, source))
            return None  # None, not "": Qt then falls back to the source text
        return found


@pytest.fixture
def open_window(qtbot, demo: Workspace) -> Iterator[object]:
    made: list[tuple[MainWindow, TaskRunner]] = []

    def make() -> MainWindow:
        tasks = TaskRunner()
        window = MainWindow(demo, tasks, demo=True)
        install_shortcuts_help(window)
        made.append((window, tasks))
        window.show()
        qtbot.waitExposed(window)
        with qtbot.waitSignal(window.page_loaded, timeout=WAIT_MS):
            window.reload()
        return window

    yield make
    for window, tasks in made:
        tasks.wait()
        QApplication.processEvents()
        window.close()
        window.deleteLater()
    QApplication.processEvents()


def _menu_titles(window: MainWindow) -> list[str]:
    return [a.text().replace("&", "") for a in window.menuBar().actions()]


def _queue_texts(window: MainWindow) -> dict[Queue, str]:
    items = (window.queue_list.item(i) for i in range(window.queue_list.count()))
    return {Queue(item.data(Qt.ItemDataRole.UserRole)): item.text() for item in items}


def test_the_window_speaks_indonesian_by_default(language, open_window) -> None:
    language("id")
    window = open_window()
    titles = _menu_titles(window)
    for title in ("Berkas", "Pengaduan", "Tampilan", "Bantuan"):
        assert title in titles
    queues = _queue_texts(window)
    assert queues[Queue.ALL].startswith("Semua  (")
    for queue, label in QUEUE_LABELS.items():
        assert queues[queue].startswith(f"{label}  ("), queues[queue]
    assert window.find_action.text() == "Cari"
    assert "DATA DEMO" in window.windowTitle() and window.demo_banner is not None
    assert window.demo_banner.text().startswith("DATA DEMO — ")
    header = window.model.headerData(0, Qt.Orientation.Horizontal)
    assert header == "No. Registrasi"
    dialog = ShortcutsDialog(window)
    entries = dict(dialog.entries())
    assert "Pintasan Keyboard" in entries and "Cari" in entries and "Keluar" in entries
    # Qt has no Indonesian catalogue; its standard buttons come from ours.
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    assert close.text() == "Tutup"


def test_code_labels_match_the_cores_indonesian_names(language) -> None:
    language("id")
    for status, text in STATUS_LABELS.items():
        assert labels.tr(labels.STATUS[status]) == text
    for priority, text in PRIORITY_LABELS.items():
        assert labels.tr(labels.PRIORITY[priority]) == text
    assert labels.tr(labels.QUEUE[Queue.AWAITING_REPORTER]) == "Menunggu pelapor"
    for channel, text in CHANNEL_LABELS.items():
        assert labels.tr(labels.CHANNEL[channel]) == text
    for kind, text in KIND_LABELS.items():
        assert labels.tr(labels.KIND[kind]) == text
    for sifat, text in SIFAT_LABELS.items():
        assert labels.tr(labels.SIFAT[sifat]) == text
    translate = QCoreApplication.translate
    assert translate("CaseRows", "late by %n working day(s)", None, 3) == "terlambat 3 HK"
    assert translate("CaseRows", "%n working day(s) left", None, 2) == "2 hari kerja lagi"
    assert translate("CaseRows", "due today") == "jatuh tempo hari ini"


def test_the_window_speaks_english_when_chosen(language, open_window) -> None:
    language("en")
    window = open_window()
    titles = _menu_titles(window)
    for title in ("File", "Case", "View", "Help"):
        assert title in titles
    queues = _queue_texts(window)
    assert queues[Queue.ALL].startswith("All  (")
    assert queues[Queue.NEEDS_VERIFICATION].startswith("Needs verification  (")
    assert window.find_action.text() == "Find"
    assert QCoreApplication.translate("CaseRows", "late by %n working day(s)", None, 1) == (
        "late by 1 working day"
    )


def test_everything_the_window_asks_for_has_an_indonesian_translation(
    qtbot, qapp: QApplication, language, open_window, demo: Workspace
) -> None:
    """At run time too: strings built at run time or hidden from the tools are caught here."""
    language("id")
    recorder = Recorder(TRANSLATIONS_DIR / "lapor_id.qm")
    qapp.installTranslator(recorder)
    try:
        window = open_window()
        for row in range(window.model.rowCount()):  # every cell of every row, every role
            for column in range(window.model.columnCount()):
                window.model.index(row, column).data(Qt.ItemDataRole.AccessibleTextRole)
        for summary in QueryService(demo).cases(CaseQuery(limit=40)):
            with qtbot.waitSignal(window.detail_loaded, timeout=WAIT_MS):
                window.show_case(summary.id)
        dialog = ShortcutsDialog(window)
        dialog.close()
    finally:
        qapp.removeTranslator(recorder)
    messages = tool.extract(tool.ui_sources(ROOT / "ui")).messages | tool.QT_MESSAGES
    ours = {m.context for m in messages}
    asked = {context for context, _ in recorder.asked}
    assert {"MainWindow", "CaseView", "CaseRows", "Labels", "ShortcutsDialog"} <= asked
    missing = sorted(m for m in recorder.missing if m[0] in ours)
    assert missing == []
