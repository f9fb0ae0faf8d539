"""Window sizes that fit the screen the window will open on."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

SCREEN_SHARE = 0.9  # of the available area: room is left for the window frame and the desktop's panels


def resize_to_fit(window: QWidget, width: int, height: int) -> None:
    """Resize ``window`` to ``width`` × ``height``, shrunk to fit the screen it opens on (its parent's)."""
    window.resize(fitted_size(window, QSize(width, height)))


def fitted_size(window: QWidget, wanted: QSize) -> QSize:
    """``wanted``, shrunk (never grown) to the available area of the screen ``window`` opens on."""
    anchor = window.parentWidget() or window
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return wanted
    available = screen.availableGeometry().size()
    room = QSize(int(available.width() * SCREEN_SHARE), int(available.height() * SCREEN_SHARE))
    return wanted.boundedTo(room).expandedTo(window.minimumSizeHint().boundedTo(room))
