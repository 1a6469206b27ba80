"""Loading the window's translations: ours from resources/translations, Qt's own from PySide6."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from lapor_desktop.resources import RESOURCES_DIR

TRANSLATIONS_DIR = RESOURCES_DIR / "translations"
_installed: list[QTranslator] = []


def install_translators(app: QCoreApplication, language: str) -> bool:
    """Switch the application's language; returns whether our own catalogue was found."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(language))
    ours = QTranslator(app)
    found = ours.load(str(TRANSLATIONS_DIR / f"lapor_{language}.qm"))
    if found:
        app.installTranslator(ours)
        _installed.append(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return found
