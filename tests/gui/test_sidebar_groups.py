"""The conversation list grouped by age (Pinned, Today, Yesterday, Previous 7 / 30 days, then by month), and each
row's ⋯ menu button, also reached by keyboard (the menu key, Shift+F10)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QPoint, QRect, Qt
from PySide6.QtWidgets import QListView, QMenu, QStyle, QStyleOptionViewItem, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.chat.conversation_models import ConversationListModel, SearchResultsModel
from app.store import Store
from app.ui.conversation_delegate import section_title
from app.ui.sidebar import Sidebar
from tests.fixtures.conversations import FakeClock, Spec, add_conversations

NOW = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)
ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
TIMEOUT_MS = 2000

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard|propagateSizeHints)")


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is UTC (groups are days in local time)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("utc")
@pytest.mark.parametrize(
    ("age", "pinned", "title"),
    [
        (timedelta(hours=2), True, "Pinned"),
        (timedelta(days=90), True, "Pinned"),
        (timedelta(hours=11, minutes=59), False, "Today"),
        (timedelta(hours=12, minutes=1), False, "Yesterday"),  # 23:59 the day before
        (timedelta(days=2), False, "Previous 7 days"),
        (timedelta(days=6), False, "Previous 7 days"),
        (timedelta(days=7), False, "Previous 30 days"),
        (timedelta(days=29), False, "Previous 30 days"),
        (timedelta(days=30), False, "February 2025"),
        (timedelta(days=80), False, "December 2024"),
    ],
)
def test_section_titles(age: timedelta, pinned: bool, title: str) -> None:
    assert section_title(NOW - age, NOW, pinned=pinned, locale=ENGLISH) == title


@pytest.fixture
def sidebar(qtbot: QtBot, tmp_path: Path, utc: None) -> Iterator[Sidebar]:
    """40 conversations, one a day up to today (at noon), the oldest but one pinned."""
    with Store.open(tmp_path / "samtal.sqlite3", clock=FakeClock(NOW)) as store:
        add_conversations(store, 40, Spec(pinned=[1]), start=NOW - timedelta(days=39), step=timedelta(days=1))
        host = QWidget()
        bar = Sidebar(ConversationListModel(store, page_size=100), SearchResultsModel(store), host, now=lambda: NOW)
        QVBoxLayout(host).addWidget(bar)
        host.resize(320, 900)
        qtbot.addWidget(host)
        host.show()
        qtbot.waitExposed(host)
        host.activateWindow()
        qtbot.waitUntil(host.isActiveWindow, timeout=TIMEOUT_MS)
        yield bar
        for menu in bar.findChildren(QMenu):
            menu.close()
        host.close()
        host.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _headings(bar: Sidebar) -> list[tuple[int, str]]:
    model = bar.list_model
    return [
        (row, heading)
        for row in range(model.rowCount())
        if (heading := bar.delegate.heading(model.index(row))) is not None
    ]


def test_conversations_are_grouped_by_age_with_the_pinned_ones_on_top(sidebar: Sidebar) -> None:
    assert sidebar.list_model.rowCount() == 40  # headings are not rows
    months = QLocale().standaloneMonthName(2, QLocale.FormatType.LongFormat)
    assert _headings(sidebar) == [
        (0, "Pinned"),
        (1, "Today"),
        (2, "Yesterday"),
        (3, "Previous 7 days"),  # 2..6 days ago
        (8, "Previous 30 days"),  # 7..29 days ago
        (31, f"{months} 2025"),  # 30 days ago and older (the pinned one is not among them)
    ]


def test_a_row_that_starts_a_group_is_taller_and_shows_its_heading(qtbot: QtBot, sidebar: Sidebar) -> None:
    view, model = sidebar.list_view, sidebar.list_model
    first, second = view.visualRect(model.index(3)), view.visualRect(model.index(4))  # same group
    assert first.height() == second.height() + sidebar.delegate.heading_height(view.font())
    assert first.bottom() < second.top()  # laid out one under the other, nothing overlaps


def test_the_keyboard_moves_from_group_to_group_without_stopping_at_headings(qtbot: QtBot, sidebar: Sidebar) -> None:
    view, model = sidebar.list_view, sidebar.list_model
    opened: list[int] = []
    sidebar.conversation_activated.connect(lambda cid, _message: opened.append(cid))
    view.setFocus()
    last_of_week = model.conversation_id_at(7)  # the last of "Previous 7 days"
    assert last_of_week is not None
    sidebar.select_conversation(last_of_week)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 8  # the first of "Previous 30 days"
    assert opened == [sidebar.list_model.conversation_id_at(8)]


def _open_menu(qtbot: QtBot, sidebar: Sidebar) -> QMenu:
    def shown() -> bool:
        return any(menu.isVisible() for menu in sidebar.findChildren(QMenu))

    qtbot.waitUntil(shown, timeout=TIMEOUT_MS)
    return next(menu for menu in sidebar.findChildren(QMenu) if menu.isVisible())


def test_the_more_button_of_a_row_opens_the_same_menu_as_a_right_click(qtbot: QtBot, sidebar: Sidebar) -> None:
    view, model = sidebar.list_view, sidebar.list_model
    index = model.index(5)
    option_rect = view.visualRect(index)
    button = sidebar.delegate.more_rect(_option(view, option_rect), index)
    assert option_rect.contains(button)
    qtbot.mouseMove(view.viewport(), button.center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=button.center())
    menu = _open_menu(qtbot, sidebar)
    assert sidebar.selected_conversation_ids() == [model.conversation_id_at(5)]  # the menu acts on that row
    names = [action.objectName() for action in menu.actions() if action.objectName()]
    assert names == [a.objectName() for a in sidebar.context_menu().actions() if a.objectName()]
    assert "trash" in names


@pytest.mark.parametrize(
    ("key", "modifier"),
    [(Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)],
)
def test_the_menu_key_and_shift_f10_open_the_menu_of_the_current_row(
    qtbot: QtBot, sidebar: Sidebar, key: Qt.Key, modifier: Qt.KeyboardModifier
) -> None:
    view, model = sidebar.list_view, sidebar.list_model
    view.setFocus()
    view.setCurrentIndex(model.index(2))
    qtbot.keyClick(view, key, modifier)
    menu = _open_menu(qtbot, sidebar)
    assert menu.geometry().top() >= view.viewport().mapToGlobal(view.visualRect(model.index(2)).topLeft()).y()
    assert sidebar.list_model.rowCount() == 40  # nothing was trashed: the key only opened the menu


def _option(view: QListView, rect: QRect) -> QStyleOptionViewItem:
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = rect
    option.font = view.font()
    return option


def test_a_row_under_the_pointer_is_highlighted_and_shows_its_more_button(qtbot: QtBot, sidebar: Sidebar) -> None:
    from PySide6.QtGui import QImage, QPainter

    from app.ui.design import current_colors

    view, model = sidebar.list_view, sidebar.list_model
    index = model.index(4)
    rect = view.visualRect(index)

    def painted(hovered: bool) -> QImage:
        image = QImage(rect.size(), QImage.Format.Format_ARGB32)
        image.fill(view.palette().color(view.palette().ColorRole.Base))
        option = _option(view, rect.translated(-rect.topLeft()))
        option.state &= ~QStyle.StateFlag.State_MouseOver  # wherever the pointer was left by other tests
        if hovered:
            option.state |= QStyle.StateFlag.State_MouseOver
        painter = QPainter(image)
        sidebar.delegate.paint(painter, option, index)
        painter.end()
        return image

    plain, hovered = painted(False), painted(True)
    inside = QPoint(rect.width() // 2, rect.height() - 4)  # below the text, inside the pill
    assert hovered.pixelColor(inside).name() == current_colors(view.palette()).hover
    assert plain.pixelColor(inside).name() != current_colors(view.palette()).hover
    more = sidebar.delegate.more_rect(option := _option(view, rect.translated(-rect.topLeft())), index)
    assert option.rect.contains(more)
    differs = [
        (x, y)
        for x in range(more.left(), more.right())
        for y in range(more.top(), more.bottom())
        if hovered.pixelColor(x, y) != plain.pixelColor(x, y)
    ]
    assert len(differs) > 20  # the ⋯ drawn where the time was


def test_laying_out_the_list_asks_each_row_for_its_group_in_one_call(
    qtbot: QtBot, tmp_path: Path, utc: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list measures every row it loads (rows that start a group are taller): at start-up that is the first
    page of 10,000 conversations, so a row's height must cost one call into the model, not one per field."""
    with Store.open(tmp_path / "samtal.sqlite3", clock=FakeClock(NOW)) as store:
        add_conversations(store, 60, Spec(pinned=[3]), start=NOW - timedelta(days=59), step=timedelta(days=1))
        model = ConversationListModel(store, page_size=100)
        bar = Sidebar(model, SearchResultsModel(store), now=lambda: NOW)
        qtbot.addWidget(bar)
        calls: list[int] = []
        data = ConversationListModel.data
        monkeypatch.setattr(
            ConversationListModel, "data", lambda self, index, role=0: calls.append(role) or data(self, index, role)
        )
        option = QStyleOptionViewItem()
        option.font = bar.list_view.font()
        heights = [bar.delegate.sizeHint(option, model.index(row)).height() for row in range(model.rowCount())]
    assert len(calls) <= 2 * len(heights)  # its own group and the row above's
    assert len(set(heights)) == 2  # rows that start a group are taller
