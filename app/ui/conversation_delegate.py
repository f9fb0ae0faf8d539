"""How the conversation browser paints its rows: conversations (title, relative time, pin, tags, a dot while
a reply streams) and search results (title, who wrote it, the snippet with its matches in bold).

Rows have one fixed height per font so that the list can use uniform item sizes: with 10,000 conversations
the view then never measures rows it does not show.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Final

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QMouseEvent,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextLine,
)
from PySide6.QtWidgets import QApplication, QLineEdit, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.chat.conversation_models import ConversationRole, SearchRole
from app.language import tr as _tr
from app.store import Role
from app.ui.design import DARK_COLORS, LIGHT_COLORS, Radius, Space, TextSize, current_colors, font
from app.ui.icons import render

_Index = QModelIndex | QPersistentModelIndex

H_PADDING: Final = Space.M
V_PADDING: Final = Space.S
LINE_GAP: Final = Space.HAIR
CHIP_H_PADDING: Final = Space.S
CHIP_PADDING_V: Final = 1  # px: a chip is as tall as its text, nearly
CHIP_SPACING: Final = Space.XS
SNIPPET_LINES: Final = 2
DAYS_KEPT: Final = 4096  # local days remembered by the list's delegate (one a minute of updates)


def relative_time(when: datetime, now: datetime, locale: QLocale | None = None) -> str:
    """A short age for a list: ``now``, ``5 min``, ``2 h`` (under a day), the weekday (``Mon``, within the
    week), the day (``12 Mar``, this year) or the day and year (``12 Mar 2023``). Times in the future (another
    machine's clock) read as ``now``."""
    locale = locale or QLocale()
    age = now - when
    if age < timedelta(minutes=1):
        return _tr("now")
    if age < timedelta(hours=1):
        return _tr("{n} min").format(n=age // timedelta(minutes=1))
    if age < timedelta(days=1):
        return _tr("{n} h").format(n=age // timedelta(hours=1))
    local, today = when.astimezone(), now.astimezone()
    if (today.date() - local.date()).days < 7:
        return locale.dayName(local.isoweekday(), QLocale.FormatType.ShortFormat)
    day = f"{local.day} {locale.monthName(local.month, QLocale.FormatType.ShortFormat)}"
    return day if local.year == today.year else f"{day} {local.year}"


# A group of the list: "pinned", "today", "yesterday", "week", "month" (the last 30 days), or (year, month).
Group = str | tuple[int, int]


def group_of(when: datetime, now: datetime, *, pinned: bool = False) -> Group:
    """The group a conversation last updated at ``when`` is listed under, by its time in local time."""
    return _group(when.astimezone().date(), now.astimezone().date(), pinned=pinned)


def _group(day: date, today: date, *, pinned: bool) -> Group:
    """`group_of` for a local ``day`` and ``today``."""
    if pinned:
        return "pinned"
    days = (today - day).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 7:
        return "week"
    if days < 30:
        return "month"
    return (day.year, day.month)


def group_title(group: Group, locale: QLocale | None = None) -> str:
    """The heading of ``group``: "Pinned", "Today", "Yesterday", "Previous 7 days", "Previous 30 days", then the
    month ("November 2026")."""
    if isinstance(group, tuple):
        year, month = group
        locale = locale or QLocale()
        return f"{locale.standaloneMonthName(month, QLocale.FormatType.LongFormat)} {year}"
    return {
        "pinned": _tr("Pinned"),
        "today": _tr("Today"),
        "yesterday": _tr("Yesterday"),
        "week": _tr("Previous 7 days"),
        "month": _tr("Previous 30 days"),
    }[group]


def section_title(when: datetime, now: datetime, *, pinned: bool = False, locale: QLocale | None = None) -> str:
    """The heading of the group a conversation is listed under (`group_of`, `group_title`)."""
    return group_title(group_of(when, now, pinned=pinned), locale)


def utc_now() -> datetime:
    return datetime.now(UTC)


def role_label(role: Role | None) -> str:
    """Who wrote the text a search result matched (None: the conversation's title matched)."""
    if role == "user":
        return _tr("You")
    if role == "assistant":
        return _tr("Claude")
    return _tr("Title")


def tag_colour(tag: str, palette: QPalette) -> QColor:
    """A quiet background for a tag chip: the same hue for the same tag everywhere, light or dark theme."""
    hue = zlib.crc32(tag.casefold().encode()) % 360
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    saturation, lightness = (DARK_COLORS if dark else LIGHT_COLORS).tag_chip
    return QColor.fromHsl(hue, saturation, lightness)


def _muted(colour: QColor, base: QColor, amount: float = 0.45) -> QColor:
    """``colour`` faded towards ``base`` (secondary text that stays readable when selected)."""
    return QColor.fromRgbF(
        colour.redF() * (1 - amount) + base.redF() * amount,
        colour.greenF() * (1 - amount) + base.greenF() * amount,
        colour.blueF() * (1 - amount) + base.blueF() * amount,
    )


def _small_font(base: QFont) -> QFont:
    return font(TextSize.SMALL, base)


def _title_font(base: QFont) -> QFont:
    return font(TextSize.TITLE, base)


class _RowPainter:
    """Shared set-up for painting one row: the style's own background (selection, hover, focus), then text in
    colours that suit the selection state."""

    def __init__(self, painter: QPainter, option: QStyleOptionViewItem) -> None:
        self.painter = painter
        self.option = option
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        palette: QPalette = option.palette
        self.selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Active if option.state & QStyle.StateFlag.State_Active else QPalette.ColorGroup.Inactive
        )
        # Selection and hover as rounded pills inside the row; the style still draws the focus of a current row
        # that is not selected (Ctrl+arrows in a multiple selection).
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        if self.selected or hovered:
            hover = QColor(current_colors(palette).hover)
            fill = palette.color(group, QPalette.ColorRole.Highlight) if self.selected else hover
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(QRectF(option.rect.adjusted(Space.XS, 1, -Space.XS, -1)), Radius.M, Radius.M)
            painter.restore()
        background = QStyleOptionViewItem(option)
        background.text = ""
        background.icon = QIcon()
        background.state &= ~(QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_MouseOver)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, widget)
        self.palette = palette
        if self.selected:
            self.text = palette.color(group, QPalette.ColorRole.HighlightedText)
            self.back = palette.color(group, QPalette.ColorRole.Highlight)
        else:
            self.text = palette.color(group, QPalette.ColorRole.Text)
            self.back = palette.color(group, QPalette.ColorRole.Base)
        self.muted = _muted(self.text, self.back)
        self.accent = palette.color(group, QPalette.ColorRole.Accent)
        self.font: QFont = option.font
        self.rect: QRect = option.rect.adjusted(H_PADDING, V_PADDING, -H_PADDING, -V_PADDING)

    def text_at(self, rect: QRect, text: str, font: QFont, colour: QColor, align: Qt.AlignmentFlag) -> int:
        """Draw ``text`` elided into ``rect``; returns the width used."""
        metrics = QFontMetrics(font)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(rect.width(), 0))
        self.painter.setFont(font)
        self.painter.setPen(colour)
        self.painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), shown)
        return metrics.horizontalAdvance(shown)


class ConversationDelegate(QStyledItemDelegate):
    """Paints a conversation as two lines, and edits its title in place::

        TODAY
        ● Title of the conversation…        2 h
          [tag] [another tag]        📌  12 messages

    The time is that of the last update (of the deletion in the trash). The first row of each group (pinned,
    today, yesterday, the previous 7 and 30 days, then month by month: :func:`section_title`) carries the
    group's heading above it, so headings are never rows: the keyboard and the selection skip them. Under the
    pointer a row shows a ⋯ button in place of its time, which opens the row's menu.

    Signals:
        more_clicked(QModelIndex, QPoint): the ⋯ button of this row was clicked; where (global) to show the menu.
    """

    more_clicked = Signal(QModelIndex, QPoint)

    def __init__(self, parent: QWidget | None = None, *, now: Callable[[], datetime] = utc_now) -> None:
        super().__init__(parent)
        self._now = now
        self._titles: dict[Group, str] = {}
        self._days: dict[datetime, date] = {}
        self._row_heights: dict[str, int] = {}  # QFont.key() -> a row's height without a heading

    # --- groups ---

    def section(self, index: _Index) -> str:
        """The heading of the group ``index``'s conversation belongs to."""
        when, pinned = index.data(ConversationRole.GROUP)
        group = _group(self._local_day(when), self._local_day(self._now()), pinned=pinned)
        title = self._titles.get(group)
        if title is None:  # each heading's words once: the list asks for every row it lays out, twice
            title = self._titles[group] = group_title(group)
        return title

    def _local_day(self, when: datetime) -> date:
        """``when``'s day in local time; remembered by the minute (the list asks for every row it lays out, twice,
        and a time zone conversion is slow)."""
        key = when.replace(second=0, microsecond=0)
        day = self._days.get(key)
        if day is None:
            if len(self._days) > DAYS_KEPT:
                self._days.clear()
            day = self._days[key] = when.astimezone().date()
        return day

    def heading(self, index: _Index) -> str | None:
        """The heading shown above ``index``'s row: its group's, when the row starts the group (else None)."""
        title = self.section(index)
        if index.row() == 0:
            return title
        above = index.model().index(index.row() - 1, 0)
        return title if self.section(above) != title else None

    @staticmethod
    def heading_height(base: QFont) -> int:
        return QFontMetrics(font(TextSize.CAPTION, base, bold=True)).height() + Space.M + Space.XS

    def _row_rect(self, option: QStyleOptionViewItem, index: _Index) -> QRect:
        rect = QRect(option.rect)
        if self.heading(index) is not None:
            rect.setTop(rect.top() + self.heading_height(option.font))
        return rect

    def more_rect(self, option: QStyleOptionViewItem, index: _Index) -> QRect:
        """Where the ⋯ button of ``index``'s row is: at the right of its title line."""
        return _more_rect(self._row_rect(option, index), option.font)

    def editorEvent(
        self, event: QEvent, model: QAbstractItemModel, option: QStyleOptionViewItem, index: _Index
    ) -> bool:
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
            and self.more_rect(option, index).contains(event.position().toPoint())
        ):
            widget = option.widget
            rect = self.more_rect(option, index)
            where = widget.mapToGlobal(rect.bottomLeft()) if widget is not None else event.globalPosition().toPoint()
            self.more_clicked.emit(index.model().index(index.row(), 0), where)
            return True
        return super().editorEvent(event, model, option, index)

    # --- painting ---

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        base: QFont = option.font
        key = base.key()
        height = self._row_heights.get(key)
        if height is None:  # measured once per font: the list asks for every row it lays out
            height = self._row_heights[key] = (
                QFontMetrics(_title_font(base)).height()
                + LINE_GAP
                + QFontMetrics(_small_font(base)).height()
                + 2 * CHIP_PADDING_V
                + 2 * V_PADDING
            )
        if self.heading(index) is not None:
            height += self.heading_height(base)
        return QSize(200, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        painter.save()
        heading = self.heading(index)
        if heading is not None:
            option = QStyleOptionViewItem(option)
            top = option.rect.top()
            height = self.heading_height(option.font)
            option.rect = option.rect.adjusted(0, height, 0, 0)
            caption = font(TextSize.CAPTION, option.font, bold=True)
            painter.setFont(caption)
            painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                QRect(option.rect.left() + H_PADDING, top + Space.M, option.rect.width() - 2 * H_PADDING, height),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                heading,
            )
        row = _RowPainter(painter, option)
        rect = row.rect
        title_font, small_font = _title_font(row.font), _small_font(row.font)
        title_height = QFontMetrics(title_font).height()
        title_rect = QRect(rect.left(), rect.top(), rect.width(), title_height)
        meta_rect = QRect(
            rect.left(),
            title_rect.bottom() + 1 + LINE_GAP,
            rect.width(),
            rect.bottom() - title_rect.bottom() - LINE_GAP,
        )

        trashed = index.data(ConversationRole.TRASHED_AT)
        when: datetime = trashed or index.data(ConversationRole.UPDATED_AT)
        if option.state & QStyle.StateFlag.State_MouseOver:
            more = _more_rect(option.rect, option.font)
            icon_side = more.height() - Space.XS
            scale = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
            painter.drawPixmap(
                more.adjusted(Space.HAIR, Space.HAIR, 0, 0).topLeft(),
                render("more", row.text, QSize(icon_side, icon_side), scale),
            )
            age_width = more.width()
        else:
            age = relative_time(when, self._now())
            age_width = row.text_at(title_rect, age, small_font, row.muted, Qt.AlignmentFlag.AlignRight)

        left = title_rect.left()
        if index.data(ConversationRole.STREAMING):
            diameter = max(6, title_height // 3)
            dot = QRectF(left, title_rect.center().y() - diameter / 2 + 1, diameter, diameter)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(row.text if row.selected else row.accent)
            painter.drawEllipse(dot)
            left += diameter + 6
        title_box = QRect(left, title_rect.top(), title_rect.right() - left - age_width - 8, title_height)
        row.text_at(
            title_box, str(index.data(Qt.ItemDataRole.DisplayRole)), title_font, row.text, Qt.AlignmentFlag.AlignLeft
        )

        right = meta_rect.right()
        count = int(index.data(ConversationRole.MESSAGE_COUNT) or 0)
        right -= row.text_at(meta_rect, _message_count(count), small_font, row.muted, Qt.AlignmentFlag.AlignRight) + 8
        if index.data(ConversationRole.PINNED) and trashed is None:
            size = QFontMetrics(small_font).height()
            _draw_pin(painter, QRectF(right - size, meta_rect.center().y() - size / 2 + 1, size, size), row.muted)
            right -= size + 6
        _draw_chips(
            painter,
            row,
            QRect(meta_rect.left(), meta_rect.top(), right - meta_rect.left(), meta_rect.height()),
            index.data(ConversationRole.TAGS) or (),
            small_font,
        )
        painter.restore()

    # --- editing the title ---

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setObjectName("titleEditor")
        editor.setPlaceholderText(self.tr("Conversation title"))
        editor.setFont(_title_font(option.font))
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QLineEdit):
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        if isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: _Index) -> None:
        # Over the title line, so the time, tags and count stay in view while typing.
        rect = self._row_rect(option, index)
        title_height = QFontMetrics(_title_font(option.font)).height()
        height = max(editor.sizeHint().height(), title_height + 6)
        top = rect.top() + V_PADDING + title_height // 2 - height // 2
        editor.setGeometry(rect.left() + H_PADDING - 5, max(top, rect.top()), rect.width() - 2 * H_PADDING + 10, height)


def _more_rect(row: QRect, base: QFont) -> QRect:
    title_height = QFontMetrics(_title_font(base)).height()
    side = title_height + Space.XS
    top = row.top() + V_PADDING + (title_height - side) // 2
    return QRect(row.right() - H_PADDING - side + Space.XS, top, side, side)


def _message_count(count: int) -> str:
    if count == 0:
        return _tr("no messages yet")
    return _tr("%Ln message(s)", None, count)


def _draw_chips(painter: QPainter, row: _RowPainter, rect: QRect, tags: tuple[str, ...], font: QFont) -> None:
    """Tags as rounded chips from the left; those that do not fit become ``+N``."""
    metrics = QFontMetrics(font)
    painter.setFont(font)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    x = rect.left()
    height = metrics.height() + 2 * CHIP_PADDING_V
    top = rect.top() + (rect.height() - height) // 2
    for position, tag in enumerate(tags):
        rest = len(tags) - position - 1
        more = f"+{rest}" if rest else ""
        reserve = metrics.horizontalAdvance(more) + CHIP_SPACING if more else 0
        available = rect.right() - x - reserve - 2 * CHIP_H_PADDING
        if available < metrics.horizontalAdvance("…") * 3:
            more = f"+{rest + 1}"
            break
        text = metrics.elidedText(tag, Qt.TextElideMode.ElideRight, available)
        width = metrics.horizontalAdvance(text) + 2 * CHIP_H_PADDING
        chip = QRectF(x, top, width, height)
        fill = tag_colour(tag, row.palette)
        if row.selected:
            fill.setAlpha(90)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(chip, height / 2, height / 2)
        painter.setPen(row.text)
        painter.drawText(chip, int(Qt.AlignmentFlag.AlignCenter), text)
        x += int(width) + CHIP_SPACING
        if text != tag:
            break
    else:
        return
    if more:
        painter.setPen(row.muted)
        painter.drawText(QRect(x, top, rect.right() - x, height), int(Qt.AlignmentFlag.AlignVCenter), more)


def _draw_pin(painter: QPainter, rect: QRectF, colour: QColor) -> None:
    """The pin icon in ``colour``, filling ``rect``."""
    scale = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
    painter.drawPixmap(rect.topLeft(), render("pin", colour, rect.size().toSize(), scale))


class SearchResultDelegate(QStyledItemDelegate):
    """Paints a search result, one conversation: its title, how many of its messages match and the time on the
    first line, then who wrote its best match and the snippet (matches in bold) on up to two lines, elided."""

    def __init__(self, parent: QWidget | None = None, *, now: Callable[[], datetime] = utc_now) -> None:
        super().__init__(parent)
        self._now = now
        self._titles: dict[Group, str] = {}
        self._days: dict[datetime, date] = {}
        self._row_heights: dict[str, int] = {}  # QFont.key() -> a row's height without a heading

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        font: QFont = option.font
        snippet = QFontMetrics(_small_font(font)).lineSpacing() * SNIPPET_LINES
        return QSize(200, QFontMetrics(_title_font(font)).height() + LINE_GAP + snippet + 2 * V_PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        painter.save()
        row = _RowPainter(painter, option)
        rect = row.rect
        title_font, small_font = _title_font(row.font), _small_font(row.font)
        title_rect = QRect(rect.left(), rect.top(), rect.width(), QFontMetrics(title_font).height())
        when: datetime = index.data(SearchRole.CREATED_AT)
        age_width = row.text_at(
            title_rect,
            " · ".join(filter(None, (self.count_text(index), relative_time(when, self._now())))),
            small_font,
            row.muted,
            Qt.AlignmentFlag.AlignRight,
        )
        title_rect.setRight(title_rect.right() - age_width - 8)

        body = QRectF(
            rect.left(),
            title_rect.bottom() + 1 + LINE_GAP,
            rect.width(),
            rect.bottom() - title_rect.bottom() - LINE_GAP,
        )
        snippet = str(index.data(SearchRole.SNIPPET))
        matches = list(index.data(SearchRole.MATCHES) or ())
        if index.data(SearchRole.MESSAGE_ID):
            row.text_at(title_rect, str(index.data(SearchRole.TITLE)), title_font, row.text, Qt.AlignmentFlag.AlignLeft)
            label = role_label(index.data(SearchRole.ROLE)) + ":  "
            matches = [(start + len(label), length) for start, length in matches]
            _draw_marked_text(painter, body, label + snippet, len(label), matches, small_font, row, SNIPPET_LINES)
        else:
            _draw_marked_text(painter, QRectF(title_rect), snippet, 0, matches, title_font, row, 1)
            row.text_at(body.toRect(), self.tr("Found in the title"), small_font, row.muted, Qt.AlignmentFlag.AlignTop)
        painter.restore()

    def count_text(self, index: _Index) -> str:
        """How many of the conversation's messages match ("" for one, or none: the snippet says enough)."""
        count = int(index.data(SearchRole.MESSAGE_MATCHES) or 0)
        if count <= 1 and not (count == 1 and index.data(SearchRole.TITLE_MATCHED)):
            return ""
        if not index.data(SearchRole.MATCHES_COMPLETE):
            return self.tr("%Ln+ message(s)", None, count)
        return self.tr("%Ln message(s)", None, count)


def _draw_marked_text(
    painter: QPainter,
    rect: QRectF,
    text: str,
    label_length: int,
    matches: list[tuple[int, int]],
    font: QFont,
    row: _RowPainter,
    max_lines: int,
) -> None:
    """Wrap ``text`` into at most ``max_lines`` lines of ``rect``: the first ``label_length`` characters muted,
    the matches in bold, and an ellipsis where the text is cut."""
    muted = QTextCharFormat()
    muted.setForeground(row.muted)
    bold = QTextCharFormat()
    bold.setFontWeight(QFont.Weight.Bold)
    formats = [_format_range(0, label_length, muted)] if label_length else []
    formats += [_format_range(start, length, bold) for start, length in matches]

    metrics = QFontMetrics(font)
    layout = QTextLayout(text, font)
    layout.setFormats(formats)
    layout.beginLayout()
    y = 0.0
    lines: list[QTextLine] = []
    while len(lines) < max_lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(rect.width())
        line.setPosition(QPointF(0, y))
        y += metrics.lineSpacing()
        lines.append(line)
    layout.endLayout()
    painter.setPen(row.text)
    if not lines:
        return
    last = lines[-1]
    cut = last.textStart() + last.textLength() < len(text)
    if cut:
        # Make room for the ellipsis on the last line: lay it out again a little narrower.
        layout.clearLayout()
        layout.beginLayout()
        y = 0.0
        for number in range(len(lines)):
            line = layout.createLine()
            width = rect.width() - (metrics.horizontalAdvance("…") + 2 if number == len(lines) - 1 else 0)
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            y += metrics.lineSpacing()
            last = line
        layout.endLayout()
    layout.draw(painter, rect.topLeft())
    if cut:
        painter.setFont(font)
        painter.drawText(QPointF(rect.left() + last.naturalTextWidth() + 1, rect.top() + last.y() + last.ascent()), "…")


def _format_range(start: int, length: int, char_format: QTextCharFormat) -> QTextLayout.FormatRange:
    span = QTextLayout.FormatRange()
    span.start, span.length, span.format = start, length, char_format
    return span
