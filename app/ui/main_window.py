"""The main window: conversation list | transcript over composer | parameters panel, menus and status bar.

It only arranges widgets handed to it and owns the menus; the composition root wires everything.
"""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QHelpEvent, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStatusBar,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.ui.actions import Actions
from app.ui.screen_fit import resize_to_fit

_STATUS_KEPT_CHARS = 12  # what a status field keeps of its text when the window is too narrow for all of it
_MESSAGE_MARGIN = 24  # room around a status message, and the size grip's


class StatusField(QLabel):
    """A permanent status-bar field: plain, selectable text after a thin separator line; hidden while empty,
    so that no separator stands alone. In a window too narrow for every field the text ends in "…" (the
    whole text is its tooltip then) instead of being cut off mid-word; ``text()`` is always the whole text.
    The fields also give way to a status message too long for the room they leave (see ``add_status_field``)."""

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self._text = ""
        self._giving_way = False
        self.setObjectName(name)
        self.setTextFormat(Qt.TextFormat.PlainText)  # model ids and prices come from outside
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setContentsMargins(8, 0, 4, 0)
        self.hide()

    def text(self) -> str:  # the whole text, not what fits
        return self._text

    def setText(self, text: str) -> None:
        if text == self._text and self.isHidden() != bool(text):
            return  # as shown: a streaming reply sets the same figures on every update, no relayout for that
        self._text = text
        self._show_what_fits()
        self.updateGeometry()
        self.setVisible(bool(text))

    def clear(self) -> None:
        self._text = ""
        super().clear()
        self.hide()

    def is_elided(self) -> bool:
        """Whether the field is too narrow for its whole text."""
        return super().text() != self._text

    def give_way(self, giving_way: bool) -> None:
        """Take no more room than :meth:`minimumSizeHint` (a status message needs it), or take the room for
        the whole text again."""
        if giving_way != self._giving_way:
            self._giving_way = giving_way
            self.updateGeometry()

    def full_width(self) -> int:
        """The width the whole text needs."""
        margins = self.contentsMargins()
        return self.fontMetrics().horizontalAdvance(self._text) + margins.left() + margins.right() + 2

    def sizeHint(self) -> QSize:
        height = super().sizeHint().height()
        return QSize(self.minimumSizeHint().width() if self._giving_way else self.full_width(), height)

    def minimumSizeHint(self) -> QSize:
        # A short text ("Ready") is never shortened; a long one keeps its first words.
        margins = self.contentsMargins()
        kept = self._text if len(self._text) <= _STATUS_KEPT_CHARS else self._text[:_STATUS_KEPT_CHARS] + "…"
        width = self.fontMetrics().horizontalAdvance(kept) + margins.left() + margins.right() + 2
        return QSize(min(width, self.full_width()), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show_what_fits()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and not self.toolTip() and self.is_elided():
            assert isinstance(event, QHelpEvent)
            # Plain text, whatever it looks like: a tooltip reads "<b>…" as markup, and a model id is outside text.
            QToolTip.showText(event.globalPos(), QtGui.Qt.convertFromPlainText(self._text), self)
            return True
        return super().event(event)

    def _show_what_fits(self) -> None:
        room = self.contentsRect().width() - 2
        fits = self.fontMetrics().horizontalAdvance(self._text) <= room
        super().setText(
            self._text if fits else self.fontMetrics().elidedText(self._text, Qt.TextElideMode.ElideRight, room)
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
        inset = max(2, self.height() // 5)
        painter.drawLine(0, inset, 0, self.height() - inset)


def add_status_field(window: QMainWindow, name: str) -> StatusField:
    """A new :class:`StatusField` at the right end of ``window``'s status bar."""
    bar = window.statusBar()
    if not bar.property("fieldsGiveWay"):  # once per bar
        bar.setProperty("fieldsGiveWay", True)
        bar.messageChanged.connect(lambda message: _make_room_for(bar, message))
    field = StatusField(name, bar)
    bar.addPermanentWidget(field)
    return field


def _make_room_for(bar: QStatusBar, message: str) -> None:
    # A status message ("Exported to /home/…/notes.md") is shown in the room the fields leave; when it
    # needs more, the fields shorten themselves until it is gone, so that it is not cut off.
    fields = [field for field in bar.findChildren(StatusField) if field.isVisible()]
    needed = bar.fontMetrics().horizontalAdvance(message) + _MESSAGE_MARGIN if message else 0
    crowded = needed + sum(field.full_width() for field in fields) > bar.width()
    for field in fields:
        field.give_way(crowded)


class StatusBarFields:
    """The permanent fields of the status bar: provider+model, streaming state, tokens, speed."""

    def __init__(self, window: QMainWindow) -> None:
        self.provider = add_status_field(window, "statusProvider")
        self.state = add_status_field(window, "statusState")
        self.tokens = add_status_field(window, "statusTokens")
        self.speed = add_status_field(window, "statusSpeed")
        self._provider_name = ""

    def show_provider(self, provider: str, model: str) -> None:
        self._provider_name = provider
        self.show_model(model)

    def show_model(self, model: str) -> None:
        """The model the next request will use, after the provider last shown."""
        self.provider.setText(f"{self._provider_name} · {model}" if model else self._provider_name)

    def show_state(self, text: str) -> None:
        self.state.setText(text)

    def show_usage(self, input_tokens: int | None, output_tokens: int | None) -> None:
        if input_tokens is None and output_tokens is None:
            self.tokens.clear()
            return
        self.tokens.setText(_tr("tokens: {i} in · {o} out").format(i=_count(input_tokens), o=_count(output_tokens)))

    def show_speed(self, ttft: float | None, tokens_per_second: float | None) -> None:
        parts = []
        if ttft is not None:
            parts.append(_tr("first token {s:.2f} s").format(s=ttft))
        if tokens_per_second is not None:
            parts.append(_tr("{r:.1f} tok/s").format(r=tokens_per_second))
        self.speed.setText(" · ".join(parts))


def _tr(text: str) -> str:
    return QCoreApplication.translate("StatusBar", text)


def _count(value: int | None) -> str:
    return "–" if value is None else f"{value:,}"


MIN_CHAT_WIDTH = 520


class Banner(QFrame):
    """A one-line notice above the transcript with one button (e.g. "Demo mode … Set up a provider").

    Signals:
        action_requested(): the button was pressed.
    """

    action_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # A role, not a colour copied at construction, so the banner follows a theme switch.
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAutoFillBackground(True)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.button = QPushButton(self)
        self.button.clicked.connect(self.action_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        self.hide()

    def show_notice(self, text: str, action: str) -> None:
        self.text.setText(text)
        self.button.setText(action)
        self.show()


class MainWindow(QMainWindow):
    """Arranges the sidebar, the chat area (a stack: welcome view or transcript+composer) and the parameters panel.

    Signals:
        closing(): the window is about to close (save state, stop streams).
        focus_left_panel(): a side panel holding the keyboard focus was hidden (the focus should go to the chat).
    """

    closing = Signal()
    focus_left_panel = Signal()

    def __init__(
        self,
        sidebar: QWidget,
        transcript: QWidget,
        composer: QWidget,
        parameters: QWidget,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("Samtal")
        resize_to_fit(self, 1200, 780)
        self.commands = Actions.create(self)
        self.sidebar = sidebar
        self.transcript = transcript
        self.composer = composer
        self.parameters = parameters
        self.welcome: QWidget | None = None

        chat = QWidget(self)
        chat_layout = QVBoxLayout(chat)
        chat_layout.setContentsMargins(0, 0, 0, 0)
        chat_layout.setSpacing(0)
        self.banner = Banner(chat)
        chat_layout.addWidget(self.banner)
        chat_layout.addWidget(transcript, 1)
        chat_layout.addWidget(composer, 0)
        self.chat_area = chat

        self.centre = QStackedWidget(self)
        self.centre.addWidget(chat)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(sidebar)
        self.splitter.addWidget(self.centre)
        self.splitter.addWidget(parameters)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([280, 640, 300])
        self.setCentralWidget(self.splitter)

        self.status = StatusBarFields(self)
        self._build_menus()
        self.commands.show_sidebar.setChecked(True)
        self.commands.show_parameters.setChecked(True)
        self.commands.show_sidebar.toggled.connect(lambda visible: self._show_panel(sidebar, visible))
        self.commands.show_parameters.toggled.connect(lambda visible: self._show_panel(parameters, visible))
        for action in self.commands.all():
            self.addAction(action)  # shortcuts work even when the menu bar is hidden

    def _show_panel(self, panel: QWidget, visible: bool) -> None:
        focus = self.focusWidget()
        had_focus = not visible and focus is not None and panel.isAncestorOf(focus)
        panel.setVisible(visible)
        if had_focus:  # else Qt passes it to whatever comes next in the Tab order, often a small tool button
            self.focus_left_panel.emit()

    def _build_menus(self) -> None:
        a = self.commands
        bar = self.menuBar()
        sections: list[tuple[str, list[object]]] = [
            (
                self.tr("&File"),
                [
                    a.new_conversation,
                    None,
                    a.import_export,
                    a.export_conversation,
                    a.export_all,
                    None,
                    a.settings,
                    None,
                    a.quit,
                ],
            ),
            (self.tr("&Edit"), [a.copy_last_reply, None, a.search]),
            (
                self.tr("&Conversation"),
                [
                    a.stop,
                    a.retry,
                    a.continue_reply,
                    a.regenerate,
                    None,
                    a.rename,
                    a.toggle_pin,
                    a.edit_tags,
                    a.archive,
                    a.trash,
                    None,
                    a.previous_conversation,
                    a.next_conversation,
                ],
            ),
            (
                self.tr("&View"),
                [a.show_sidebar, a.show_parameters, None, a.show_archived, a.show_trash, None, a.jump_to_latest],
            ),
            (self.tr("&Help"), [a.shortcuts_help, a.about]),
        ]
        for title, items in sections:
            menu = QMenu(title, bar)
            for item in items:
                if item is None:
                    menu.addSeparator()
                else:
                    menu.addAction(item)  # type: ignore[call-overload]
            bar.addMenu(menu)

    def add_command(self, action: QAction, next_to: QAction, *, before: bool = False) -> QMenu | None:
        """Add a feature's command to the menu that holds ``next_to``, right after it (``before``: in front of
        it), and keep its shortcut working with the menu bar hidden. Returns that menu."""
        self.addAction(action)
        for menu in self.menuBar().findChildren(QMenu):
            actions = menu.actions()
            if next_to not in actions:
                continue
            index = actions.index(next_to) + (0 if before else 1)
            if index < len(actions):
                menu.insertAction(actions[index], action)
            else:
                menu.addAction(action)
            return menu
        return None

    # --- the centre ---

    def show_welcome(self, welcome: QWidget | None = None) -> None:
        """Show the first-run view (handed over the first time: it is built only when needed)."""
        if welcome is not None and welcome is not self.welcome:
            self.welcome = welcome
            self.centre.addWidget(welcome)
        if self.welcome is not None:
            self.centre.setCurrentWidget(self.welcome)

    def show_chat(self) -> None:
        self.centre.setCurrentWidget(self.chat_area)

    # --- state ---

    def save_layout(self) -> dict[str, str]:
        """Geometry and splitter sizes as base64 strings (for the window-state settings file)."""
        return {
            "geometry": bytes(self.saveGeometry().toBase64().data()).decode(),
            "state": bytes(self.saveState().toBase64().data()).decode(),
            "splitter": bytes(self.splitter.saveState().toBase64().data()).decode(),
        }

    def restore_layout(self, geometry: str, state: str, splitter: str) -> None:
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode()))
        if state:
            self.restoreState(QByteArray.fromBase64(state.encode()))
        if splitter:
            self.splitter.restoreState(QByteArray.fromBase64(splitter.encode()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._keep_the_chat_readable()

    def _keep_the_chat_readable(self) -> None:
        """In a narrow window the side panels give way first, down to their minimum widths, so the
        transcript keeps a readable width (a splitter would otherwise squeeze only the stretching centre)."""
        sizes = self.splitter.sizes()
        if len(sizes) != 3 or sizes[1] >= MIN_CHAT_WIDTH:
            return
        deficit = MIN_CHAT_WIDTH - sizes[1]
        for index, pane in ((2, self.parameters), (0, self.sidebar)):  # the parameters panel gives way first
            if not pane.isVisible():
                continue
            floor = pane.minimumSizeHint().expandedTo(pane.minimumSize()).width()
            give = min(deficit, max(0, sizes[index] - floor))
            sizes[index] -= give
            sizes[1] += give
            deficit -= give
        self.splitter.setSizes(sizes)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)
