"""Text size: the whole window's (a setting, a share of the system's UI font) and the transcript's zoom.

Every size of the type scale (:class:`app.ui.design.TextSize`) is a factor of the application's font, so the
text size setting changes the application font: widgets that inherit their font follow by themselves. A
widget given a font of its own (a smaller caption, a bold title: ``font(TextSize.SMALL, widget.font())``)
keeps its size when its parent's or the application's font changes; `scale_fonts` scales those by the
same ratio, so that a change applies live to everything on screen, and what is built afterwards derives
its sizes from the new fonts. `Zoom` does the same for one widget and what it holds (the transcript), on top
of the text size.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from app.settings.options import TEXT_SIZES

ZOOM_STEPS: Final = (50, 67, 75, 80, 90, 100, 110, 125, 150, 175, 200)
"""The transcript's zoom levels, in per cent of the window's text size (as web browsers step)."""


def scaled_font(font: QFont, ratio: float) -> QFont:
    """``font`` ``ratio`` times as large (in points, or in pixels for a font sized in pixels)."""
    result = QFont(font)
    if font.pointSizeF() > 0:
        result.setPointSizeF(max(font.pointSizeF() * ratio, 1.0))
    elif font.pixelSize() > 0:
        result.setPixelSize(max(round(font.pixelSize() * ratio), 1))
    return result


def scale_fonts(widgets: Iterable[QWidget], ratio: float) -> None:
    """Every widget of ``widgets`` that has a font of its own, ``ratio`` times as large.

    The sizes are read first and set afterwards: a child that set only a weight inherits its size, which
    changes as soon as its parent's font does, and must be scaled from what it was."""
    explicit = [(w, w.font()) for w in widgets if w.testAttribute(Qt.WidgetAttribute.WA_SetFont)]
    for widget, font in explicit:
        widget.setFont(scaled_font(font, ratio))


class TextSizes(QObject):
    """The application's text size: one per application (`install`), so every window shares it.

    Signals:
        changed(int): the text size changed (in per cent of the system's UI font).
    """

    changed = Signal(int)

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("textSizes")
        self._app = app
        self._system = QFont(app.font())  # the base of every size
        self._percent = 100

    @classmethod
    def install(cls, app: QApplication) -> TextSizes:
        """The application's one TextSizes (made on the first call)."""
        found = app.findChild(TextSizes, "textSizes")
        return found if isinstance(found, TextSizes) else cls(app)

    @property
    def percent(self) -> int:
        return self._percent

    def set_percent(self, percent: int) -> None:
        """Show every text at ``percent`` of the system's size (one of `TEXT_SIZES`; others: the nearest)."""
        percent = min(TEXT_SIZES, key=lambda size: abs(size - percent))
        if percent == self._percent:
            return
        ratio = percent / self._percent
        self._percent = percent
        widgets = QApplication.allWidgets()
        scale_fonts(widgets, ratio)  # before the application font: see scale_fonts
        self._app.setFont(scaled_font(self._system, percent / 100))
        # Qt tells the widgets only once its own event loop runs (QApplication.exec), which under qasync's
        # loop may never be: tell them here (resolving a font twice changes nothing).
        for widget in widgets:
            QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.ApplicationFontChange))
        self.changed.emit(percent)


class Zoom(QObject):
    """The zoom of ``view`` and everything in it, in per cent of the text around it (`ZOOM_STEPS`).

    Signals:
        changed(int): the zoom changed (in per cent).
    """

    changed = Signal(int)

    def __init__(self, view: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._percent = 100

    @property
    def percent(self) -> int:
        return self._percent

    def zoom_in(self) -> None:
        self.set_percent(next((step for step in ZOOM_STEPS if step > self._percent), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        self.set_percent(next((step for step in reversed(ZOOM_STEPS) if step < self._percent), ZOOM_STEPS[0]))

    def reset(self) -> None:
        self.set_percent(100)

    def set_percent(self, percent: int) -> None:
        """Zoom to ``percent`` (one of `ZOOM_STEPS`; others: the nearest)."""
        percent = min(ZOOM_STEPS, key=lambda step: abs(step - percent))
        if percent == self._percent:
            return
        ratio = percent / self._percent
        self._percent = percent
        inside = self._view.findChildren(QWidget)
        sizes = [(w, w.font()) for w in inside if w.testAttribute(Qt.WidgetAttribute.WA_SetFont)]
        self._view.setFont(scaled_font(self._view.font(), ratio))
        for widget, font in sizes:  # read before the view's font changed: see scale_fonts
            widget.setFont(scaled_font(font, ratio))
        self.changed.emit(percent)
