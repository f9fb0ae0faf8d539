"""The window's language: which locale a setting means, the catalogues installed for it, and numbers
written the way that language writes them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from app import language
from app.chat import pricing
from app.language import catalogue_language, format_number, format_usd, resolve, tr
from app.settings.options import LANGUAGE

SWEDEN = QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden)
US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
GERMANY = QLocale(QLocale.Language.German, QLocale.Country.Germany)


@pytest.fixture
def english_again(qapp: QApplication) -> Iterator[None]:
    """Whatever a test installs, the next one sees the English the test session runs in."""
    yield
    language.install("en", US)


def test_the_setting_means_the_systems_locale_or_the_chosen_language_in_the_systems_country() -> None:
    assert resolve("system", GERMANY) == GERMANY  # no German catalogue, but German dates and numbers
    assert resolve("system", SWEDEN) == SWEDEN
    assert resolve("sv", US) == SWEDEN  # Qt has no Swedish of the United States: Sweden's
    english = resolve("en", SWEDEN)
    assert (english.language(), english.territory()) == (QLocale.Language.English, QLocale.Country.Sweden)
    assert resolve("en", US) == US
    assert resolve("klingon", SWEDEN) == SWEDEN  # a setting from a newer Samtal: the system's
    assert resolve("system", QLocale.c()) == US  # LANG=C: English, with digit grouping (1,024)
    assert resolve("sv", QLocale.c()) == SWEDEN


def test_a_language_without_a_catalogue_gets_the_english_one() -> None:
    assert catalogue_language(GERMANY) == "en"
    assert catalogue_language(QLocale(QLocale.Language.Swedish, QLocale.Country.Finland)) == "sv"
    assert catalogue_language(US) == "en"


def test_the_language_setting_takes_system_and_the_languages_with_a_catalogue() -> None:
    assert LANGUAGE.default == "system"
    assert all(LANGUAGE.accepts(value) for value in ("system", "en", "sv"))
    assert not any(LANGUAGE.accepts(value) for value in ("de", "", "SV", None))
    assert set(language.NAMES) == {"en", "sv"}
    assert all((language.TRANSLATIONS / f"samtal_{code}.qm").is_file() for code in language.NAMES)


@pytest.mark.usefixtures("english_again")
def test_installing_swedish_translates_strings_and_plurals_and_sets_the_locale_and_english_undoes_it() -> None:
    locale = language.install("sv", SWEDEN)
    assert locale == SWEDEN
    assert QLocale().language() == QLocale.Language.Swedish
    assert tr("New conversation") == "Ny konversation"
    assert [tr("%Ln message(s)", None, n) for n in (1, 2, 1024)] == [
        "1 meddelande",
        "2 meddelanden",
        "1\N{NO-BREAK SPACE}024 meddelanden",
    ]
    language.install("en", US)
    assert QLocale().language() == QLocale.Language.English
    assert tr("New conversation") == "New conversation"
    assert [tr("%Ln message(s)", None, n) for n in (1, 2, 1024)] == ["1 message", "2 messages", "1,024 messages"]


@pytest.mark.usefixtures("english_again")
def test_the_system_language_is_followed_when_samtal_speaks_it() -> None:
    language.install("system", SWEDEN)
    assert tr("New conversation") == "Ny konversation"
    language.install("system", GERMANY)  # no German catalogue: English words, German numbers
    assert tr("New conversation") == "New conversation"
    assert format_number(1234.5, 1) == "1.234,5"


@pytest.mark.usefixtures("english_again")
def test_numbers_are_written_as_the_language_writes_them() -> None:
    language.install("en", US)
    assert (format_number(1024), format_number(0.5, 2), format_number(3, 1)) == ("1,024", "0.50", "3.0")
    language.install("sv", SWEDEN)
    assert (format_number(1024), format_number(0.5, 2), format_number(3, 1)) == (
        "1\N{NO-BREAK SPACE}024",
        "0,50",
        "3,0",
    )


@pytest.mark.usefixtures("english_again")
def test_costs_are_rounded_as_the_price_table_rounds_them_and_written_as_the_language_writes_dollars() -> None:
    amounts = (0, 0.00004, 0.00996, 0.0421, 1.234, 1234.4)
    language.install("en", US)
    assert [format_usd(amount) for amount in amounts] == [pricing.format_usd(amount) for amount in amounts]
    assert pricing.format_usd(1234.4) == "$1,234"
    language.install("sv", SWEDEN)
    space = "\N{NO-BREAK SPACE}"
    assert [format_usd(amount) for amount in amounts] == [
        f"0{space}$",
        f"<0,0001{space}$",
        f"0,010{space}$",
        f"0,042{space}$",
        f"1,23{space}$",
        f"1{space}234{space}$",
    ]
