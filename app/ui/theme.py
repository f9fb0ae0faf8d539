"""Light and dark appearance for the whole application, from the design tokens (:mod:`app.ui.design`).

Both themes use Qt's Fusion style with a palette built from the tokens, so Samtal looks the same everywhere.
"system" follows the platform's light/dark preference, live: :class:`Appearance` listens to
``QStyleHints.colorSchemeChanged`` (Qt 6.5+). The transcript's Markdown colours follow (`app.render.Theme`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from app.render import LIGHT, Theme
from app.ui.design import DARK_COLORS, LIGHT_COLORS, Colors, qpalette

THEMES = ("system", "light", "dark")


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def system_scheme() -> Qt.ColorScheme:
    """The platform's light/dark preference (Unknown where it has none: then light)."""
    return QGuiApplication.styleHints().colorScheme()


def colors_for_setting(name: str, scheme: Qt.ColorScheme | None = None) -> Colors:
    """The tokens the theme setting ``name`` ("system", "light" or "dark") shows, with the platform's
    preference ``scheme`` (default: the current one)."""
    if name == "system":
        scheme = system_scheme() if scheme is None else scheme
        return DARK_COLORS if scheme == Qt.ColorScheme.Dark else LIGHT_COLORS
    return DARK_COLORS if name == "dark" else LIGHT_COLORS


def apply_theme(name: str, scheme: Qt.ColorScheme | None = None) -> Theme:
    """Switch the running application to ``name`` ("system", "light" or "dark"); returns the Markdown theme
    that matches what is now on screen."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return LIGHT
    colors = colors_for_setting(name, scheme)
    if app.style().name().casefold() != "fusion":  # setting a style re-polishes every widget: only when needed
        app.setStyle(QStyleFactory.create("Fusion"))
    app.setPalette(qpalette(colors))
    return colors.render


class Appearance(QObject):
    """Keeps the application in the chosen theme and, for "system", in step with the platform's light/dark
    preference while it runs.

    Signals:
        changed(Theme): the colours on screen changed; the transcript's Markdown theme to use now.
    """

    changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("appearance")
        self._name = "system"
        self._theme: Theme = LIGHT
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_scheme_changed)

    @classmethod
    def install(cls, app: QApplication) -> Appearance:
        """The application's one Appearance (made on the first call): one owner of the theme on screen."""
        found = app.findChild(Appearance, "appearance")
        return found if isinstance(found, Appearance) else cls(app)

    @property
    def name(self) -> str:
        return self._name

    @property
    def theme(self) -> Theme:
        """The transcript's Markdown theme for what is on screen."""
        return self._theme

    def set_theme(self, name: str) -> None:
        """Show ``name`` ("system", "light" or "dark") from now on."""
        self._name = name if name in THEMES else "system"
        self._apply(None)

    def _on_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        if self._name == "system":
            self._apply(scheme)

    def _apply(self, scheme: Qt.ColorScheme | None) -> None:
        self._theme = apply_theme(self._name, scheme)
        self.changed.emit(self._theme)
