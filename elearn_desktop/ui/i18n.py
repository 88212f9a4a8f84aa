"""Translations: which languages ship, and switching between them while the app runs.

Our strings go through ``tr()`` / ``QCoreApplication.translate``; the catalogues live in
``resources/translations/elearn_<code>.ts`` (edited with Qt Linguist) and are compiled to
``.qm`` by ``scripts/dev translations`` (pyside6-lupdate / pyside6-lrelease). Qt's own
catalogue (``qtbase_<code>.qm``, shipped with PySide6) translates standard buttons.

Installing or removing a QTranslator makes Qt send ``QEvent.LanguageChange`` to every
widget; ours answer it by calling their ``retranslate()``.

Counts use Qt's plural forms (``self.tr("{count} account(s)", "", n)``); English has a
catalogue too, ``elearn_en.ts``, holding only those plural forms ("1 account", "2
accounts"), so it is installed whenever English is shown.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from elearn_desktop.config import RESOURCES_DIR

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = RESOURCES_DIR / "translations"
#: The language our source strings are written in.
SOURCE_LANGUAGE = "en"


class Language(NamedTuple):  # not a dataclass: ~0.5 ms less before the first paint
    code: str
    #: The language's name in itself, so a person who cannot read the current one finds it.
    native_name: str


LANGUAGES = (Language("en", "English"), Language("de", "Deutsch"))


def catalogue_path(code: str) -> Path:
    return TRANSLATIONS_DIR / f"elearn_{code}.qm"


def shipped_languages() -> tuple[Language, ...]:
    """English plus every language whose compiled catalogue is present."""
    return tuple(
        lang
        for lang in LANGUAGES
        if lang.code == SOURCE_LANGUAGE or catalogue_path(lang.code).exists()
    )


def resolve_language(code: str) -> str:
    """The language to show for a saved choice ("" = the system's, if we ship it)."""
    shipped = {lang.code for lang in shipped_languages()}
    if code in shipped:
        return code
    if code:
        log.warning("language %r is not available; using the system's", code)
    for name in QLocale.system().uiLanguages():
        candidate = name.replace("-", "_").split("_")[0].lower()
        if candidate in shipped:
            return candidate
    return SOURCE_LANGUAGE


class LanguageSwitcher:
    """Holds the installed translators; ``apply("de")`` switches the running app."""

    def __init__(self) -> None:
        self._translators: list[QTranslator] = []
        self.current = SOURCE_LANGUAGE

    def apply(self, code: str) -> str:
        """Install the catalogues for ``code`` (a saved choice); returns the language shown."""
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("create the QApplication before choosing a language")
        wanted = resolve_language(code)
        if wanted == self.current and self._translators:
            return wanted
        for translator in self._translators:
            app.removeTranslator(translator)
        self._translators = []
        catalogues = [(f"elearn_{wanted}", "")]
        if wanted != SOURCE_LANGUAGE:  # Qt's own catalogue (QLibraryInfo: not for English)
            from PySide6.QtCore import QLibraryInfo

            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            catalogues.insert(0, (f"qtbase_{wanted}", qt_dir))
        for name, folder in catalogues:
            translator = QTranslator(app)
            path = str(catalogue_path(wanted)) if not folder else name
            if translator.load(path, folder):
                app.installTranslator(translator)
                self._translators.append(translator)
            else:
                log.warning("translation catalogue %s could not be loaded", name)
        system = QLocale.system()
        # Keep the system's region (en_GB dates stay en_GB) when its language is the one shown.
        same = QLocale.languageToCode(system.language()) == wanted
        QLocale.setDefault(system if same else QLocale(wanted))
        self.current = wanted
        return wanted


_SWITCHER = LanguageSwitcher()


def apply_language(code: str) -> str:
    """Switch the running application to ``code`` ("" = the system's language)."""
    return _SWITCHER.apply(code)


def current_language() -> str:
    return _SWITCHER.current
