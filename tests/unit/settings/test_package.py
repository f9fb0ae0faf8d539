"""The settings package's public surface: ``__all__`` is honest, and nothing in it imports Qt or the network
(the command line reads the profiles)."""

from __future__ import annotations

import app.settings
from tests.fixtures.packages import heavy_imports, unlisted_or_unsorted


def test_all_names_exist_and_are_sorted() -> None:
    assert unlisted_or_unsorted(app.settings) == []


def test_importing_the_settings_does_not_import_qt_or_the_network() -> None:
    assert heavy_imports("app.settings", "app.settings.options") == []
