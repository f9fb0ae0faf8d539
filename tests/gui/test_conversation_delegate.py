"""Painting the conversation browser's rows: relative times, and rows of every kind painted without error."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QRect
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QListView, QStyle, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from app.chat.conversation_models import ConversationListModel, SearchResultsModel
from app.store import Store
from app.ui.conversation_delegate import (
    ConversationDelegate,
    SearchResultDelegate,
    relative_time,
    role_label,
    tag_colour,
)
from tests.fixtures.conversations import Spec, add_conversations

NOW = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)  # a Friday
ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is UTC (weekdays and dates are read in local time)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("utc")
@pytest.mark.parametrize(
    ("age", "shown"),
    [
        (timedelta(seconds=-30), "now"),  # another machine's clock runs ahead
        (timedelta(seconds=20), "now"),
        (timedelta(minutes=5, seconds=59), "5 min"),
        (timedelta(hours=2, minutes=59), "2 h"),
        (timedelta(hours=23), "23 h"),
        (timedelta(days=3), "Tue"),
        (timedelta(days=6), "Sat"),
        (timedelta(days=30), "12 Feb"),
        (timedelta(days=400), "8 Feb 2024"),
    ],
)
def test_relative_time(age: timedelta, shown: str) -> None:
    assert relative_time(NOW - age, NOW, ENGLISH) == shown


def test_role_labels() -> None:
    assert [role_label(role) for role in ("user", "assistant", None)] == ["You", "Claude", "Title"]


def test_tag_colours_are_stable_and_quiet() -> None:
    light = QPalette(QColor("white"))
    assert tag_colour("Work", light) == tag_colour("work", light)
    assert tag_colour("work", light).lightness() > 200
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Base, QColor("#202020"))
    assert tag_colour("work", dark).lightness() < 100


def paint_rows(view: QListView, rows: int, selected: int) -> QImage:
    """Paint each row with the view's delegate into an image, the way the view does."""
    delegate = view.itemDelegate()
    model = view.model()
    option = QStyleOptionViewItem()
    option.initFrom(view)
    height = delegate.sizeHint(option, model.index(0, 0)).height()
    image = QImage(300, height * rows, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    for row in range(rows):
        option.rect = QRect(0, row * height, 300, height)
        option.state = QStyle.StateFlag.State_Enabled | (
            QStyle.StateFlag.State_Selected if row == selected else QStyle.StateFlag.State_None
        )
        delegate.paint(painter, option, model.index(row, 0))
    painter.end()
    return image


def test_conversation_rows_of_every_kind_paint(qtbot: QtBot, tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite3") as store:
        ids = add_conversations(
            store,
            4,
            Spec(pinned=[3], tags={3: ("work", "a-very-long-tag-name-that-cannot-fit", "x", "y")}, titles={2: ""}),
        )
        store.add_message(ids[1], "user", "hello")
        model = ConversationListModel(store)
        model.set_streaming(ids[0], True)
        view = QListView()
        qtbot.addWidget(view)
        view.setModel(model)
        view.setItemDelegate(ConversationDelegate(view, now=lambda: NOW))
        image = paint_rows(view, model.rowCount(), selected=1)
        assert not image.isNull()
        # Something was drawn on every row (not just the background).
        height = image.height() // model.rowCount()
        for row in range(model.rowCount()):
            colours = {image.pixel(x, row * height + y) for x in range(0, 300, 3) for y in range(0, height, 3)}
            assert len(colours) > 2, row


def test_search_rows_paint_titles_and_snippets(qtbot: QtBot, tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite3") as store:
        cid, other = add_conversations(store, 2, Spec(titles={0: "pancake recipes", 1: "Breakfast"}))
        store.add_message(cid, "assistant", "A pancake " + "with a long explanation of everything " * 10 + "<b>x</b>")
        for number in range(3):
            store.add_message(other, "user", f"pancake number {number}")
        model = SearchResultsModel(store)
        model.search("pancake")
        assert model.rowCount() == 2  # one row per conversation
        view = QListView()
        qtbot.addWidget(view)
        view.setModel(model)
        delegate = SearchResultDelegate(view, now=lambda: NOW)
        view.setItemDelegate(delegate)
        assert not paint_rows(view, 2, selected=0).isNull()
        assert delegate.count_text(model.index(0)) == "1 message"  # its title, and one message besides
        assert delegate.count_text(model.index(1)) == "3 messages"
