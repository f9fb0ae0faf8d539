"""Samtal's one icon set: Lucide (ISC licence, ``app/ui/icons/LICENSE``), drawn from SVG in the palette's colours.

``icon("copy")`` gives a QIcon whose engine renders the SVG when Qt paints it, at the size and device pixel ratio
asked for (crisp at 1× and 2×), with Lucide's ``currentColor`` replaced by a colour of the application's
palette at that moment: a light/dark switch repaints every icon in the new colours without anybody setting
them again. Rendered pixmaps are cached per name, colour and pixel size.

QtSvg is imported when the first icon is painted, not when this module is (start-up stays light).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QImage, QPainter, QPalette, QPixmap

from app.ui.design import current_colors

if TYPE_CHECKING:
    from PySide6.QtSvg import QSvgRenderer

ICON_DIR: Final = Path(__file__).with_name("icons")

# Samtal's names for what an icon means, and the Lucide icon that shows it: one place to change a picture.
NAMES: Final[dict[str, str]] = {
    "send": "arrow-up",
    "stop": "square",
    "attach": "paperclip",
    "new": "square-pen",
    "add": "plus",
    "search": "search",
    "settings": "settings",
    "parameters": "sliders-horizontal",
    "sidebar": "panel-left",
    "panel": "panel-right",
    "inspect": "scan-search",
    "compare": "columns-2",
    "pin": "pin",
    "unpin": "pin-off",
    "archive": "archive",
    "unarchive": "archive-restore",
    "trash": "trash-2",
    "restore": "undo-2",
    "copy": "copy",
    "edit": "pencil",
    "regenerate": "refresh-cw",
    "retry": "rotate-ccw",
    "continue": "step-forward",
    "previous": "chevron-left",
    "next": "chevron-right",
    "export": "file-output",
    "import": "file-input",
    "more": "ellipsis",
    "close": "x",
    "tags": "tag",
    "shortcuts": "keyboard",
    "about": "info",
    "quit": "log-out",
    "latest": "arrow-down",
    "done": "check",
    "error": "circle-alert",
    "warning": "triangle-alert",
    "success": "circle-check",
    "note": "info",
    "undo": "undo-2",
    "redo": "redo-2",
    "cut": "scissors",
    "paste": "clipboard-paste",
    "zoom_in": "zoom-in",
    "zoom_out": "zoom-out",
    "folder": "folder-open",
    "image": "image",
}

Tone = Literal["text", "muted", "accent", "on_accent", "danger", "warning", "success"]

_CACHE_LIMIT: Final = 512


@cache
def svg_source(name: str) -> bytes:
    """The SVG text of the Lucide icon that shows ``name`` (a key of :data:`NAMES`)."""
    return (ICON_DIR / f"{NAMES[name]}.svg").read_bytes()


def tone_colour(tone: Tone, palette: QPalette, mode: QIcon.Mode = QIcon.Mode.Normal) -> QColor:
    """The colour an icon of ``tone`` takes from ``palette`` in ``mode`` (disabled icons are greyed)."""
    if mode == QIcon.Mode.Disabled:
        return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    if tone == "muted":
        return palette.color(QPalette.ColorRole.PlaceholderText)
    if tone == "accent":
        return palette.color(QPalette.ColorRole.Accent)
    if tone == "on_accent":
        return palette.color(QPalette.ColorRole.HighlightedText)
    if tone in ("danger", "warning", "success"):
        colors = current_colors(palette)
        return QColor({"danger": colors.danger, "warning": colors.warning, "success": colors.success}[tone])
    if mode == QIcon.Mode.Selected:
        return palette.color(QPalette.ColorRole.HighlightedText)
    return palette.color(QPalette.ColorRole.ButtonText)


_pixmaps: dict[tuple[str, int, int, int, float], QPixmap] = {}


def render(name: str, colour: QColor, size: QSize, scale: float = 1.0) -> QPixmap:
    """The icon ``name`` in ``colour``, ``size`` device-independent pixels at ``scale`` (cached)."""
    width, height = max(1, round(size.width() * scale)), max(1, round(size.height() * scale))
    key = (name, colour.rgba(), width, height, scale)
    pixmap = _pixmaps.get(key)
    if pixmap is None:
        if len(_pixmaps) >= _CACHE_LIMIT:
            _pixmaps.clear()
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(width, height)  # square icons, centred in the rectangle asked for
        _renderer(name, colour.name()).render(painter, QRectF((width - side) / 2, (height - side) / 2, side, side))
        painter.end()
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(scale)
        _pixmaps[key] = pixmap
    return pixmap


@cache
def _renderer(name: str, colour: str) -> QSvgRenderer:
    from PySide6.QtSvg import QSvgRenderer  # on first paint: not at start-up

    return QSvgRenderer(QByteArray(svg_source(name).replace(b"currentColor", colour.encode())))


class _LucideEngine(QIconEngine):
    """Renders one Lucide icon in a palette colour, when and as large as Qt asks."""

    def __init__(self, name: str, tone: Tone, palette: QPalette | None) -> None:
        super().__init__()
        self.name, self.tone, self.palette = name, tone, palette

    def _colour(self, mode: QIcon.Mode) -> QColor:
        return tone_colour(self.tone, self.palette if self.palette is not None else QGuiApplication.palette(), mode)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        scale = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        painter.drawPixmap(rect.topLeft(), render(self.name, self._colour(mode), rect.size(), scale))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        return render(self.name, self._colour(mode), size, scale)

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        return size

    def clone(self) -> QIconEngine:
        return _LucideEngine(self.name, self.tone, self.palette)

    def key(self) -> str:
        return "samtal-lucide"

    def iconName(self) -> str:
        return self.name


def icon(name: str, tone: Tone = "text", palette: QPalette | None = None) -> QIcon:
    """The icon for ``name`` (a key of :data:`NAMES`) in ``tone``: coloured from ``palette`` if given, else from
    the application's palette at paint time (so it follows theme changes)."""
    if name not in NAMES:
        raise KeyError(f"no icon named {name!r}")
    return QIcon(_LucideEngine(name, tone, palette))


__all__ = ["ICON_DIR", "NAMES", "icon", "render", "svg_source", "tone_colour"]
