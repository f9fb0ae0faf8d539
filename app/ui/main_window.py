"""The main window: conversation list | transcript over composer | parameters panel, menus and status bar.

It only arranges widgets handed to it and owns the menus; the composition root wires everything.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

from PySide6 import QtGui
from PySide6.QtCore import QByteArray, QDataStream, QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QHelpEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QStatusBar,
    QToolBar,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.language import format_number
from app.language import tr as _tr
from app.ui.actions import Actions
from app.ui.design import Space
from app.ui.screen_fit import resize_to_fit

_SPLITTER_MARKER: Final = 0xFF  # QSplitter's saveState begins with it

_STATUS_KEPT_CHARS = 12  # what a field keeps of its text when the window is too narrow even for its short text
_MESSAGE_MARGIN = 24  # room around a status message, and the size grip's


class StatusField(QLabel):
    """A permanent status-bar field: a caption in the muted text colour ("Reply", "Conversation"; a field may
    have none) and its value as plain, selectable text; hidden while empty. A thin line separates it from the
    field on its left (none before the leftmost: no separator stands alone).

    A field may have a short value besides its whole one (``setText(text, short)``: "4 in · 369 out" for
    "4 in · 369 out · 123 tok/s"). The bar decides what each field shows (see ``add_status_field``): the whole
    value when there is room, else the short one (caption and whole value are the tooltip then), from the
    rightmost field leftwards; while a status message needs the room, fields stand aside from the right. Only a
    window too narrow even for the short values cuts them with "…"; the caption always stays. ``text()`` is
    always the whole value."""

    def __init__(self, name: str, parent: QWidget, caption: str = "") -> None:
        super().__init__(parent)
        self._text = ""
        self._short = ""
        self._caption = caption
        self._wanted = False  # shown by its owner (setText, show, hide), whatever the bar decides
        self._level = _WHOLE
        self.setObjectName(name)
        self.setTextFormat(Qt.TextFormat.PlainText)  # model ids and prices come from outside
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._make_room_for_the_caption()
        self.hide()

    def caption(self) -> str:
        """The field's label, painted before its value ("" for none)."""
        return self._caption

    def text(self) -> str:  # the whole text, not what is shown
        return self._text

    def short_text(self) -> str:
        """What the field shows when there is no room for its whole text."""
        return self._short or self._text

    def setText(self, text: str, short: str = "") -> None:
        if (text, short) == (self._text, self._short) and self.isHidden() != bool(text):
            return  # as shown: a streaming reply sets the same figures on every update, no relayout for that
        self._text, self._short = text, short
        self.setAccessibleName(self.labelled(text))  # what a screen reader says: the caption too
        self._show_what_fits()
        self.updateGeometry()
        self.setVisible(bool(text))

    def labelled(self, value: str) -> str:
        """``value`` after the field's caption, as one line of plain text ("Reply: 4 in · 369 out")."""
        return _tr("{caption}: {value}").format(caption=self._caption, value=value) if self._caption else value

    def clear(self) -> None:
        self.setText("")

    def setVisible(self, visible: bool) -> None:
        self._wanted = visible
        self._update_visibility()
        _fit_fields_later(self)

    def wanted(self) -> bool:
        """Whether the field has something to show (it may stand aside for a status message)."""
        return self._wanted and bool(self._text)

    def shown_text(self) -> str:
        """What the field paints: its whole text, its short text, or (no room even for that) a cut one."""
        return super().text()

    def is_shortened(self) -> bool:
        """Whether the field shows less than its whole text (its short text, or a cut one)."""
        return self.shown_text() != self._text

    def is_elided(self) -> bool:
        """Whether the field had to cut its text with "…" (the window is too narrow even for its short text)."""
        return self.shown_text() not in (self._text, self.short_text())

    def full_width(self) -> int:
        """The width the whole text needs."""
        return self._width_of(self._text)

    def short_width(self) -> int:
        """The width the short text needs."""
        return self._width_of(self.short_text())

    def standing_aside(self) -> bool:
        """Whether the field is hidden for a status message that needs its room."""
        return self._level == _ASIDE

    def sizeHint(self) -> QSize:
        height = super().sizeHint().height()
        width = {_WHOLE: self.full_width(), _SHORT: self.short_width()}.get(self._level, self.minimumSizeHint().width())
        return QSize(width, height)

    def minimumSizeHint(self) -> QSize:
        height = super().minimumSizeHint().height()
        if self._level == _WHOLE:
            return QSize(self.full_width(), height)
        if self._level == _SHORT:
            return QSize(self.short_width(), height)
        return QSize(self.cut_width(), height)

    def cut_width(self) -> int:
        """The least width the field takes (a window too narrow even for the short texts): its caption and
        the first words of its short text."""
        short = self.short_text()
        kept = short if len(short) <= _STATUS_KEPT_CHARS else short[:_STATUS_KEPT_CHARS] + "…"
        return min(self._width_of(kept), self.short_width())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show_what_fits()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and not self.toolTip() and self.is_shortened():
            assert isinstance(event, QHelpEvent)
            # Plain text, whatever it looks like: a tooltip reads "<b>…" as markup, and a model id is outside text.
            QToolTip.showText(event.globalPos(), QtGui.Qt.convertFromPlainText(self.labelled(self._text)), self)
            return True
        if event.type() == QEvent.Type.FontChange:  # the text size changed: so does the caption's width
            self._make_room_for_the_caption()
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        if self._caption:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))  # the muted text token
            room = self.contentsRect().adjusted(-self._caption_room(), 0, 0, 0)
            painter.drawText(room, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), self._caption)
        if self.has_neighbour_on_the_left():
            painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
            inset = max(2, self.height() // 5)
            painter.drawLine(0, inset, 0, self.height() - inset)

    def has_neighbour_on_the_left(self) -> bool:
        """Whether another field is shown left of this one (then a line separates them)."""
        bar = self.parentWidget()
        if bar is None:
            return False
        return any(f is not self and f.isVisible() and f.x() < self.x() for f in bar.findChildren(StatusField))

    # --- the bar's decisions ---

    def assign(self, level: int) -> None:
        """What to show, as the bar decided (see `_FieldFitter`)."""
        if level != self._level:
            self._level = level
            self.updateGeometry()
            self._update_visibility()
            self._show_what_fits()

    def _update_visibility(self) -> None:
        super().setVisible(self.wanted() and self._level != _ASIDE)

    def _caption_room(self) -> int:
        """The width the caption takes before the value, with the gap after it."""
        return self.fontMetrics().horizontalAdvance(self._caption) + Space.XS if self._caption else 0

    def _make_room_for_the_caption(self) -> None:
        self.setContentsMargins(Space.S + self._caption_room(), 0, Space.XS, 0)

    def _width_of(self, text: str) -> int:
        margins = self.contentsMargins()
        return self.fontMetrics().horizontalAdvance(text) + margins.left() + margins.right() + 2

    def _show_what_fits(self) -> None:
        room = self.contentsRect().width() - 2
        metrics = self.fontMetrics()
        if metrics.horizontalAdvance(self._text) <= room or self._level == _WHOLE:
            shown = self._text  # (a field told to show its whole text gets the room for it)
        elif metrics.horizontalAdvance(self.short_text()) <= room or self._level == _SHORT:
            shown = self.short_text()
        else:
            shown = metrics.elidedText(self.short_text(), Qt.TextElideMode.ElideRight, room)
        super().setText(shown)


_WHOLE, _SHORT, _ASIDE, _CUT = range(4)  # what a status field shows: see StatusField


def add_status_field(window: QMainWindow, name: str, caption: str = "") -> StatusField:
    """A new :class:`StatusField` at the right end of ``window``'s status bar, labelled ``caption``."""
    bar = window.statusBar()
    if bar.findChild(_FieldFitter) is None:  # once per bar
        _FieldFitter(bar)
    field = StatusField(name, bar, caption)
    bar.addPermanentWidget(field)
    return field


def _fit_fields_later(field: StatusField) -> None:
    bar = field.parentWidget()
    fitter = bar.findChild(_FieldFitter) if bar is not None else None
    if fitter is not None:
        fitter.fit_later()


class _FieldFitter(QObject):
    """Decides what each field of a status bar shows (see `StatusField`), whenever the bar's width, a field's
    text or the status message changes: every field its whole text if that fits; else short texts, from
    the rightmost field leftwards; with a status message that still has no room, fields stand aside, from
    the right, until it fits (they come back when it goes); a window too narrow even for the short texts
    lets Qt squeeze them, and they cut their text with "…"; fields that would not have even their least room
    then stand aside, from the right, rather than be cut off."""

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self._bar = bar
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        bar.messageChanged.connect(lambda _message: self.fit())
        bar.installEventFilter(self)

    def fit_later(self) -> None:
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._bar and event.type() == QEvent.Type.Resize:
            # Now, before the bar lays its fields out at the new width: else Qt squeezes them there first,
            # and for an event or more a field shows less than the text it was told to show.
            self.fit()
        return False

    def fit(self) -> None:
        bar = self._bar
        fields = [f for f in bar.findChildren(StatusField) if f.wanted()]  # in the order added: left to right
        message = bar.currentMessage()
        needed = bar.fontMetrics().horizontalAdvance(message) + _MESSAGE_MARGIN if message else 0
        layout = bar.layout()
        spacing = max(layout.spacing(), 0) if layout is not None else 0
        room = bar.width() - _MESSAGE_MARGIN - needed - spacing * len(fields)
        levels = [_WHOLE] * len(fields)

        def width(index: int) -> int:
            field, level = fields[index], levels[index]
            return {_WHOLE: field.full_width(), _SHORT: field.short_width(), _CUT: field.cut_width()}.get(level, 0)

        for index in reversed(range(len(fields))):
            if sum(width(i) for i in range(len(fields))) <= room:
                break
            levels[index] = _SHORT
        for index in reversed(range(len(fields))):
            if not message or sum(width(i) for i in range(len(fields))) <= room:
                break
            levels[index] = _ASIDE
        if sum(width(i) for i in range(len(fields))) > room:
            levels = [_CUT if level == _SHORT else level for level in levels]
        for index in reversed(range(1, len(fields))):  # the leftmost stays, cut if need be
            if sum(width(i) for i in range(len(fields))) <= room:
                break
            levels[index] = _ASIDE
        for field, level in zip(fields, levels, strict=True):
            field.assign(level)
        if layout is not None:
            layout.activate()  # the new widths now, not after the next events (nothing painted in between)
        for field in bar.findChildren(StatusField):
            field.update()  # its separator: a field on its left may have come or gone


class StatusBarFields:
    """The window's own fields of the status bar: the connection and model the next request goes to, and the
    last reply of the branch on screen (how it ended when not well, its tokens and speed; the details in the
    tooltip). ``state`` is the word the reply field shows for how the reply is or ended ("": it ended well)."""

    def __init__(self, window: QMainWindow) -> None:
        self.provider = add_status_field(window, "statusProvider")
        self.reply = add_status_field(window, "statusReply", _tr("Reply"))
        self.state = ""
        self._provider_name = ""
        self._usage: Mapping[str, Any] | None = None
        self._timings: Mapping[str, Any] | None = None

    def show_provider(self, provider: str, model: str, about: str = "") -> None:
        """The connection in use (``about``: where it comes from, as the field's tooltip) and the model."""
        self._provider_name = provider
        self.provider.setToolTip(QtGui.Qt.convertFromPlainText(about) if about else "")
        self.show_model(model)

    def show_model(self, model: str) -> None:
        """The model the next request will use, after the provider last shown (short: the model alone)."""
        self.provider.setText(f"{self._provider_name} · {model}" if model else self._provider_name, model)

    def show_state(self, text: str) -> None:
        """How the last reply is ("Streaming…") or ended, in a word before its figures ("": nothing to say)."""
        self.state = text
        self._show_reply_field()

    def show_reply(self, usage: Mapping[str, Any] | None, timings: Mapping[str, Any] | None) -> None:
        """A reply's tokens and speed (``usage`` None: no reply; ``timings`` None: it is still streaming)."""
        self._usage, self._timings = usage, timings
        self._show_reply_field()

    def show_ending(self, status: str | None, stop_reason: str | None) -> None:
        """How the last reply of the conversation on screen ended, in a word (its own box says why); nothing
        when there is none (``status`` None) or it ended well."""
        from app.chat.exchange import CONTEXT_FULL, PAUSED

        states = {"stopped": _tr("Stopped"), "error": _tr("Failed"), "interrupted": _tr("Interrupted")}
        endings = {"refusal": _tr("Declined"), CONTEXT_FULL: _tr("Context window full"), PAUSED: _tr("Paused")}
        if status in states:
            self.show_state(states[status])
        else:
            self.show_state(endings.get(stop_reason or "", ""))

    def _show_reply_field(self) -> None:
        usage, timings = self._usage, self._timings
        parts = [self.state] if self.state else []
        short = list(parts)
        tips = [self.state] if self.state else []
        if usage is not None:
            counts = {"i": _count(_input_tokens(usage)), "o": _count(usage.get("output_tokens"))}
            parts.append(_tr("{i} in · {o} out").format(**counts))
            short.append(parts[-1])
            tips.append(_tr("Input: {i} tokens · output: {o} tokens").format(**counts))
            cached = [usage.get(key) for key in ("cache_read_input_tokens", "cache_creation_input_tokens")]
            if any(isinstance(n, int) and n for n in cached):
                read, written = (format_number(n if isinstance(n, int) else 0) for n in cached)
                tips.append(_tr("Of the input: {r} read from the cache, {w} written to it").format(r=read, w=written))
        ttft = timings.get("time_to_first_text") if timings else None
        rate = timings.get("output_tokens_per_second") if timings else None
        if rate is not None:
            parts.append(_tr("{r} tok/s").format(r=format_number(rate, 0)))
            tips.append(_tr("Speed: {r} tokens a second").format(r=format_number(rate, 1)))
        if ttft is not None:
            tips.append(_tr("First token after {s} s").format(s=format_number(ttft, 2)))
        self.reply.setText(" · ".join(parts), " · ".join(short))
        # Plain text: words and figures only (Qt shows a tooltip without markup as it is, lines and all).
        self.reply.setToolTip("\n".join([_tr("The last reply of the branch on screen"), *tips]))


def _input_tokens(usage: Mapping[str, Any]) -> int | None:
    """A reply's input tokens as its footer and the conversation's total count them: uncached, cache writes
    and cache reads (None while the provider has said nothing)."""
    counts = [usage.get(key) for key in ("input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens")]
    numbers = [n for n in counts if isinstance(n, int) and not isinstance(n, bool)]
    return sum(numbers) if numbers else None


def _count(value: int | None) -> str:
    return "–" if value is None else format_number(value)


MIN_CHAT_WIDTH = 520
DRAWER_HYSTERESIS = 40  # px more than needed before a drawer over the chat docks again (no flicker at the edge)
DRAWER_CHAT_MARGIN = 96  # px of the chat a drawer over it leaves uncovered, whatever its width


class Drawer(QFrame):
    """Where the parameters panel goes in a window too narrow for it beside the chat: laid over the chat's right
    edge, on the window's background, with a line on its left (see `MainWindow`)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("parametersDrawer")
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Window)
        self.holder = QVBoxLayout(self)
        self.holder.setContentsMargins(Space.HAIR, 0, 0, 0)  # room for the line
        self.holder.setSpacing(0)
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
        painter.drawLine(0, 0, 0, self.height())


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
        layout.setContentsMargins(Space.M, Space.S, Space.M, Space.S)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        self.hide()

    def show_notice(self, text: str, action: str) -> None:
        self.text.setText(text)
        self.button.setText(action)
        self.show()


class MainWindow(QMainWindow):
    """Arranges the sidebar, the chat area (a stack: welcome view or transcript+composer) and the parameters panel,
    under a tool bar with the buttons that show and hide the side panels.

    The parameters panel is a drawer: beside the chat while the window has room for both (the chat at least
    `MIN_CHAT_WIDTH` wide), else laid over the chat's right edge when asked for (`Drawer`). A window that
    becomes too narrow puts it away, and gives it back once it is wide enough again; `parameters_wanted`
    says whether the user wants it (what to remember).

    Closing (the window's close button, Quit) first asks each of `add_close_guard`'s guards; one that answers
    False (the user cancelled a question it asked) keeps the window open.

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
        self._close_guards: list[Callable[[], bool]] = []
        self.setObjectName("mainWindow")
        self.setWindowTitle("Samtal")
        resize_to_fit(self, 1200, 780)
        self._splitter_to_restore = ""
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
        # The panel's place in the splitter: it holds the panel while there is room beside the chat.
        self.parameters_pane = QWidget(self)
        self.parameters_pane.setObjectName("parametersPane")
        self._pane_layout = QVBoxLayout(self.parameters_pane)
        self._pane_layout.setContentsMargins(0, 0, 0, 0)
        self._pane_layout.addWidget(parameters)
        self.drawer = Drawer(self)
        self._over_chat = False  # the panel is in the drawer (the window is narrow)
        self._waiting = False  # the user wants the panel, put away for a narrow window
        self._fitting = False
        self.splitter.addWidget(self.parameters_pane)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([280, 640, 300])
        self.setCentralWidget(self.splitter)

        self.status = StatusBarFields(self)
        self._build_menus()
        self._build_tool_bar()
        from app.ui.edit_commands import EditCommands, TextActions

        a = self.commands
        self.edit_commands = EditCommands(TextActions(a.undo, a.redo, a.cut, a.copy, a.paste, a.select_all), self)
        self.commands.show_sidebar.setChecked(True)
        self.commands.show_parameters.setChecked(True)
        self.commands.show_sidebar.toggled.connect(lambda visible: self._show_panel(sidebar, visible))
        self.commands.show_parameters.toggled.connect(self._show_parameters)
        for action in self.commands.all():
            self.addAction(action)  # shortcuts work even when the menu bar is hidden

    def _show_panel(self, panel: QWidget, visible: bool) -> None:
        focus = self.focusWidget()
        had_focus = not visible and focus is not None and panel.isAncestorOf(focus)
        panel.setVisible(visible)
        if had_focus:  # else Qt passes it to whatever comes next in the Tab order, often a small tool button
            self.focus_left_panel.emit()

    def _show_parameters(self, visible: bool) -> None:
        if not self._fitting:
            self._waiting = False  # the user's own choice
        if self._over_chat:
            self._place_drawer()
            self._show_panel(self.drawer, visible)
            if visible:
                self.drawer.raise_()
        else:
            self._show_panel(self.parameters_pane, visible)

    def parameters_wanted(self) -> bool:
        """Whether the user wants the parameters panel (shown, or put away only for a narrow window)."""
        return self.commands.show_parameters.isChecked() or self._waiting

    def parameters_over_chat(self) -> bool:
        """Whether the parameters panel is a drawer over the chat (the window is too narrow for it beside)."""
        return self._over_chat

    def _build_tool_bar(self) -> None:
        a = self.commands
        bar = QToolBar(self.tr("Tool Bar"), self)
        bar.setObjectName("mainToolBar")
        bar.setAccessibleName(self.tr("Tool bar"))
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.toggleViewAction().setVisible(False)  # nothing to hide it with, nothing to lose it by
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        bar.setIconSize(QSize(Space.L + Space.XS, Space.L + Space.XS))
        bar.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        bar.addAction(a.show_sidebar)  # (a new conversation: the list's own button, Ctrl+N)
        spacer = QWidget(bar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        bar.addAction(a.show_parameters)
        names = ((a.show_sidebar, "sidebarButton"), (a.show_parameters, "panelButton"))
        for action, name in names:
            button = bar.widgetForAction(action)
            if button is not None:
                button.setObjectName(name)
                button.setAccessibleName(action.iconText())
                button.setAccessibleDescription(action.statusTip())
                # The key in the tooltip (a button follows its action's): a tool bar has no menu line to show it.
                keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                action.setToolTip(f"{action.statusTip()} ({keys})" if keys else action.statusTip())
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.tool_bar = bar

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
            (
                self.tr("&Edit"),
                [
                    a.undo,
                    a.redo,
                    None,
                    a.cut,
                    a.copy,
                    a.paste,
                    None,
                    a.select_all,
                    None,
                    a.copy_last_reply,
                    None,
                    a.search,
                    a.prices,
                ],
            ),
            (
                self.tr("&Conversation"),
                [
                    a.attach_files,
                    None,
                    a.stop,
                    a.retry,
                    a.continue_reply,
                    a.regenerate,
                    a.inspect_last_request,
                    a.compare,
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
                [
                    a.show_sidebar,
                    a.show_parameters,
                    None,
                    a.show_archived,
                    a.show_trash,
                    None,
                    a.zoom_in,
                    a.zoom_out,
                    a.zoom_reset,
                    None,
                    a.jump_to_latest,
                ],
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
            if items[0] is a.undo:
                menu.aboutToShow.connect(lambda: self.edit_commands.refresh())

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
            # Again once shown at its restored size: a hidden window's splitter is not yet as wide as the
            # window will be, and making room for the chat there would squeeze the side panels for good.
            self._splitter_to_restore = splitter

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_parameters()  # first: a panel that gives way to a narrow window gets no width below
        if self._splitter_to_restore:
            # The saved widths of the panes now shown, so that they add up to the splitter's width: the saved
            # width of a hidden panel would otherwise be shared out and squeeze the conversation list.
            sizes = _splitter_sizes(self._splitter_to_restore)
            self._splitter_to_restore = ""
            panes = [self.splitter.widget(i) for i in range(self.splitter.count())]
            if len(sizes) == len(panes):
                shown = [
                    size if pane is not None and pane.isVisibleTo(self) else 0
                    for size, pane in zip(sizes, panes, strict=True)
                ]
                self.splitter.setSizes(shown)
        self._fit_parameters()
        self._keep_the_chat_readable()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_parameters()
        self._keep_the_chat_readable()

    def _fit_parameters(self) -> None:
        """The parameters panel beside the chat while there is room for both, else a drawer over the chat,
        put away when the window became narrow (and given back when it is wide again)."""
        if not self.isVisible():
            return  # the splitter is not as wide as the window will be
        room = self.splitter.width() - self.splitter.handleWidth() * 2
        if self.sidebar.isVisibleTo(self):
            room -= _floor(self.sidebar)
        room -= _floor(self.parameters)
        narrow = room < MIN_CHAT_WIDTH + (DRAWER_HYSTERESIS if self._over_chat else 0)
        action = self.commands.show_parameters
        self._fitting = True
        try:
            if narrow and not self._over_chat:
                self._waiting = action.isChecked()
                action.setChecked(False)
                self.parameters_pane.hide()
                self._over_chat = True
                self.drawer.holder.addWidget(self.parameters)
            elif not narrow and self._over_chat:
                wanted = self.parameters_wanted()
                self.drawer.hide()
                self._over_chat = False
                self._pane_layout.addWidget(self.parameters)
                self._waiting = False
                action.setChecked(wanted)
                self.parameters_pane.setVisible(wanted)
        finally:
            self._fitting = False
        if self._over_chat:
            self._place_drawer()

    def _place_drawer(self) -> None:
        """Over the right edge of the chat, as high as the window's centre, as wide as the panel would be."""
        centre = self.splitter.geometry()
        width = min(
            max(self.parameters.sizeHint().width(), _floor(self.parameters)), centre.width() - DRAWER_CHAT_MARGIN
        )
        self.drawer.setGeometry(centre.right() + 1 - width, centre.top(), width, centre.height())

    def _keep_the_chat_readable(self) -> None:
        """In a narrow window the side panels give way first, down to their minimum widths, so the
        transcript keeps a readable width (a splitter would otherwise squeeze only the stretching centre)."""
        sizes = self.splitter.sizes()
        if len(sizes) != 3 or sizes[1] >= MIN_CHAT_WIDTH:
            return
        deficit = MIN_CHAT_WIDTH - sizes[1]
        for index, pane in ((2, self.parameters_pane), (0, self.sidebar)):  # the parameters panel gives way first
            if not pane.isVisible():
                continue
            floor = _floor(pane)
            give = min(deficit, max(0, sizes[index] - floor))
            sizes[index] -= give
            sizes[1] += give
            deficit -= give
        self.splitter.setSizes(sizes)

    def add_close_guard(self, guard: Callable[[], bool]) -> None:
        """Have ``guard`` asked before the window closes: it settles what must be settled first (asking the
        user, maybe) and answers whether the window may close."""
        self._close_guards.append(guard)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not all(guard() for guard in self._close_guards):  # in order: a cancelled question asks no more
            event.ignore()
            return
        self.closing.emit()
        super().closeEvent(event)


def _floor(widget: QWidget) -> int:
    """The narrowest ``widget`` can be."""
    return widget.minimumSizeHint().expandedTo(widget.minimumSize()).width()


def _splitter_sizes(state: str) -> list[int]:
    """The pane sizes in a ``QSplitter.saveState()`` (base64): its stream starts with a marker, a version
    and the list of sizes."""
    stream = QDataStream(QByteArray.fromBase64(state.encode()))
    if stream.readInt32() != _SPLITTER_MARKER or stream.readInt32() != 1:
        return []
    count = stream.readInt32()
    sizes = [stream.readInt32() for _ in range(max(0, min(count, 16)))]
    return sizes if stream.status() == QDataStream.Status.Ok else []
