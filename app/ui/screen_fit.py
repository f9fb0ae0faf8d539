"""Window sizes that fit the screen the window will open on."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

SCREEN_SHARE = 0.9  # of the available area: room is left for the window frame and the desktop's panels


def resize_to_fit(window: QWidget, width: int, height: int) -> None:
    """Resize ``window`` to ``width`` × ``height``, shrunk to fit the screen it opens on (its parent's)."""
    window.resize(fitted_size(window, QSize(width, height)))


def keep_height_for_width(window: QWidget) -> None:
    """Keep ``window`` (a top-level with a layout) at least as high as its contents need at its width.

    Qt gives a window its layout's minimum size, which counts a word-wrapped label as a single line; when
    such a label needs two (a longer hint, a test result appearing), the layout is short of height and
    squeezes every row, combo boxes and line edits to a sliver, the label's lines over the row below.
    The height the layout needs for the window's width is its minimum height instead, set again each
    time the layout or the width changes."""
    window.installEventFilter(_HeightForWidth(window))


class _HeightForWidth(QObject):
    # Runs after the window's layout has handled the event (Qt delivers to the layout first).
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Resize) and isinstance(watched, QWidget):
            layout = watched.layout()
            if layout is not None and layout.hasHeightForWidth():
                needed = layout.totalHeightForWidth(watched.width())
                if needed > 0 and watched.minimumHeight() != needed:
                    watched.setMinimumHeight(needed)
        return False


def fitted_size(window: QWidget, wanted: QSize) -> QSize:
    """``wanted``, shrunk (never grown) to the available area of the screen ``window`` opens on."""
    anchor = window.parentWidget() or window
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return wanted
    available = screen.availableGeometry().size()
    room = QSize(int(available.width() * SCREEN_SHARE), int(available.height() * SCREEN_SHARE))
    return wanted.boundedTo(room).expandedTo(window.minimumSizeHint().boundedTo(room))
