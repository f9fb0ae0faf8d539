"""Light and dark appearance for the whole application.

"system" keeps the platform's style and palette; "light" and "dark" use Qt's Fusion style with a palette
of our own, so they look the same everywhere. The transcript's Markdown colours follow (`app.render.Theme`).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from app.render import DARK, LIGHT, Theme

_ORIGINAL: dict[str, object] = {}


def _dark_palette() -> QPalette:
    palette = QPalette()
    roles = QPalette.ColorRole
    colours = {
        roles.Window: "#202124",
        roles.WindowText: "#e8eaed",
        # Lighter than the window: Fusion fills an unchecked check box or radio button with Base and outlines it
        # in a darkened Window colour, so a Base close to the window made them nearly invisible.
        roles.Base: "#2b2d31",
        roles.AlternateBase: "#33353a",
        roles.ToolTipBase: "#2a2b2e",
        roles.ToolTipText: "#e8eaed",
        roles.PlaceholderText: "#8a8d91",
        roles.Text: "#e8eaed",
        roles.Button: "#2d2e31",
        roles.ButtonText: "#e8eaed",
        roles.BrightText: "#ff6b6b",
        roles.Link: "#8ab4f8",
        roles.LinkVisited: "#c58af9",
        roles.Highlight: "#3b5b8a",
        roles.HighlightedText: "#ffffff",
        roles.Light: "#3c3d40",
        roles.Midlight: "#34353a",
        roles.Mid: "#2a2b2e",
        roles.Dark: "#111213",
        roles.Shadow: "#000000",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    # Disabled controls must look disabled: Fusion draws a slider's filled groove in Highlight, its handle and
    # the rest of the groove (and combo boxes, spin box arrows) from Button, and fields on Base.
    disabled = QPalette.ColorGroup.Disabled
    for role, colour in (
        (roles.WindowText, "#6b6e72"),
        (roles.Text, "#6b6e72"),
        (roles.ButtonText, "#6b6e72"),
        (roles.Highlight, "#4a4c50"),
        (roles.Button, "#1b1c1f"),
        (roles.Base, colours[roles.Window]),
    ):
        palette.setColor(disabled, role, QColor(colour))
    return palette


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def apply_theme(name: str) -> Theme:
    """Switch the running application to ``name`` ("system", "light" or "dark"); returns the Markdown theme
    that matches what is now on screen."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return LIGHT
    if not _ORIGINAL:
        _ORIGINAL["style"] = app.style().name()
        _ORIGINAL["palette"] = QPalette(app.palette())
    if name == "dark":
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(_dark_palette())
    elif name == "light":
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(app.style().standardPalette())
    else:
        app.setStyle(QStyleFactory.create(str(_ORIGINAL["style"])))
        original = _ORIGINAL["palette"]
        app.setPalette(original if isinstance(original, QPalette) else QGuiApplication.palette())
    return DARK if is_dark(app.palette()) else LIGHT
