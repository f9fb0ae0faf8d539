"""The window's language: which one (the system's, English or Swedish), its translators, and numbers,
costs and dates written the way that language writes them.

The catalogues are Qt's own: ``app/translations/samtal_<lang>.ts`` (made by ``pyside6-lupdate``,
translated) and the ``.qm`` that ``pyside6-lrelease`` builds from each (``packaging/translations.py update``
does both; a test keeps the ``.qm`` up to date). English is the language of the source, so its catalogue
holds only the plural forms (``%n``); Swedish holds every string. Qt's own ``qtbase_sv.qm`` (from PySide6)
translates the standard dialog buttons. Dates and times: every ``QLocale()`` follows :func:`install`.

Contexts: ``self.tr("…")`` in a class is looked up under the class's name, as ``pyside6-lupdate`` files it;
module-level code uses :func:`tr` (also as ``_tr``), whose context is the empty one, which is where
``pyside6-lupdate`` files a bare ``tr("…")`` call. :func:`QT_TR_NOOP` marks a string kept in a table that
is translated later with :func:`tr`.

The command line (``app.cli``) stays English and never imports this module.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.chat.pricing import usd_shown
from app.settings.options import LANGUAGES

log = logging.getLogger(__name__)

TRANSLATIONS = Path(__file__).with_name("translations")
"""Where the catalogues are: ``samtal_<lang>.ts`` and the ``.qm`` built from it."""

SYSTEM = "system"
NAMES: dict[str, str] = {"en": "English", "sv": "Svenska"}
"""Each language of the window (app.settings.LANGUAGES) by its name in itself, as language menus show it."""

_installed: list[QTranslator] = []  # kept alive: Qt holds only a pointer to an installed translator


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` translated, for code outside a class (module functions, tables): the empty context, where
    ``pyside6-lupdate`` files a bare ``tr("…")``. With ``n``, ``%n`` (``%Ln``: with the locale's digit
    grouping) is the count and the catalogue's plural form for it is used."""
    return QCoreApplication.translate("", text, disambiguation, n)


def QT_TR_NOOP(text: str) -> str:
    """Marks ``text`` for translation (``pyside6-lupdate`` finds it by this name) and returns it as it is; it
    is translated where it is shown, with :func:`tr`."""
    return text


def resolve(choice: str, system: QLocale | None = None) -> QLocale:
    """The locale for a language setting: the system's (``system``, or a setting this version does not
    know), or the chosen language in the system's country when Qt knows that pair (English on a Swedish
    system: English as written in Sweden), else in the language's own country. A system without a language
    (the C locale) counts as English (United States)."""
    system = system if system is not None else QLocale.system()
    if system.language() == QLocale.Language.C:  # LANG=C (no language set): the English the window is in
        system = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    if choice not in LANGUAGES:
        return system
    language = QLocale(choice).language()
    if system.language() == language:
        return system
    return QLocale(language, system.territory())


def catalogue_language(locale: QLocale) -> str:
    """The catalogue for a locale: its language when Samtal has one, else English (the source language)."""
    code = locale.name().split("_")[0]
    return code if code in LANGUAGES else "en"


def install(choice: str, system: QLocale | None = None) -> QLocale:
    """Use the language of the setting ``choice`` from now on: the default locale (numbers and dates), Samtal's
    catalogue and Qt's own for that language. Replaces what an earlier call installed; returns the locale.
    Call it before widgets are built: their texts are set once, when they are made."""
    app = QCoreApplication.instance()
    assert app is not None, "install() needs the application object"
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    locale = resolve(choice, system)
    QLocale.setDefault(locale)
    language = catalogue_language(locale)
    catalogues = [(TRANSLATIONS, f"samtal_{language}.qm")]
    if language != "en":  # Qt's own texts are English already
        catalogues.append((Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)), f"qtbase_{language}.qm"))
    for folder, name in catalogues:
        translator = QTranslator(app)
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
            _installed.append(translator)
        else:  # English plurals then read "1 token(s)": a broken install, worth a line in the log
            log.warning("translation catalogue %s not found in %s", name, folder)
    return locale


def format_number(value: int | float, decimals: int = 0) -> str:
    """A number as the chosen language writes it (``1,024`` or ``1 024``; ``0.25`` or ``0,25``), an integer
    as it is, a float with ``decimals`` places; the one owner of how the window writes a number."""
    locale = QLocale()
    if isinstance(value, int) and decimals == 0:
        return locale.toString(value)
    return locale.toString(float(value), "f", decimals)


def format_usd(amount: float) -> str:
    """A cost as the chosen language writes an amount of US dollars (``$0.042``, ``0,042 $``), rounded as
    app.chat.pricing rounds costs."""
    below, shown, decimals = usd_shown(amount)
    return below + QLocale().toCurrencyString(shown, "$", decimals)


__all__ = [
    "NAMES",
    "QT_TR_NOOP",
    "SYSTEM",
    "TRANSLATIONS",
    "catalogue_language",
    "format_number",
    "format_usd",
    "install",
    "resolve",
    "tr",
]
