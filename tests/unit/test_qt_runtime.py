"""Guards against a broken Qt binding: PySide6 6.12.0 on Python 3.11 drops a reference to None on every
call of a method returning void, so a long session aborts the process ("none_dealloc")."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot


def test_void_calls_keep_none_alive(qtbot: QtBot) -> None:
    timer = QTimer()
    before = sys.getrefcount(None)
    for _ in range(2000):
        timer.setInterval(5)
    assert abs(sys.getrefcount(None) - before) < 50
