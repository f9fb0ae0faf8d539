"""Qt item models over the conversation store, for the conversation browser (no widgets here).

:class:`ConversationListModel` lists conversations (pinned first, then most recent; the trash by time of
deletion) and pages them in lazily, so the first page of 10,000 shows in a few milliseconds. It never writes
to the store: after the composition root changes a conversation it calls :meth:`~ConversationListModel.
refresh_conversation`, which updates, moves, inserts or removes that one row without resetting the model, so
views keep their selection and scroll position.

:class:`SearchResultsModel` holds the results of a full-text search (titles and messages), with each
snippet split into plain text and the ranges of the matches, and offered as escaped HTML.
"""

from __future__ import annotations

import html
from bisect import bisect_left
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Final, Literal, get_args

from PySide6 import QtGui
from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.language import tr as _tr
from app.store import Conversation, ConversationHits, NotFoundError, SearchHit, Store

View = Literal["active", "archived", "trash"]
VIEWS: Final[tuple[View, ...]] = get_args(View)
LIST_PAGE_SIZE: Final = 100
SEARCH_PAGE_SIZE: Final = 50
# Private-use characters: they do not occur in what people type, so they can mark matches unambiguously.
MATCH_START: Final = "\ue000"
MATCH_END: Final = "\ue001"

_Index = QModelIndex | QPersistentModelIndex
_ROOT: Final = QModelIndex()


def untitled() -> str:
    """What a conversation without a title is called in lists."""
    return _tr("New conversation")


class ConversationRole(IntEnum):
    """Data roles of :class:`ConversationListModel` besides Display (title), Edit (raw title) and ToolTip."""

    ID = Qt.ItemDataRole.UserRole + 1
    UPDATED_AT = ID + 1  # datetime
    PINNED = ID + 2  # bool
    ARCHIVED = ID + 3  # bool
    TRASHED_AT = ID + 4  # datetime | None
    TAGS = ID + 5  # tuple[str, ...]
    MESSAGE_COUNT = ID + 6  # int
    STREAMING = ID + 7  # bool: a reply is streaming into it now
    # (datetime, bool): when it was last updated (put in the trash, in the trash) and whether it is pinned (never
    # in the trash): what the list's group headings follow, in one call (a view asks for it for every row).
    GROUP = ID + 8


class SearchRole(IntEnum):
    """Data roles of :class:`SearchResultsModel` besides Display (title and snippet as plain text) and ToolTip."""

    CONVERSATION_ID = Qt.ItemDataRole.UserRole + 1
    MESSAGE_ID = CONVERSATION_ID + 1  # int; 0 for a match in the title
    TITLE = CONVERSATION_ID + 2  # str: the conversation's title
    ROLE = CONVERSATION_ID + 3  # "user" | "assistant" | None (title match)
    SNIPPET = CONVERSATION_ID + 4  # str: plain text, the markers removed
    MATCHES = CONVERSATION_ID + 5  # tuple[tuple[int, int], ...]: (start, length) of each match in SNIPPET
    SNIPPET_HTML = CONVERSATION_ID + 6  # str: escaped text, matches in <b>
    CREATED_AT = CONVERSATION_ID + 7  # datetime of the message (of the conversation's last update for titles)
    MESSAGE_MATCHES = CONVERSATION_ID + 8  # int: how many of the conversation's messages match
    MATCHES_COMPLETE = CONVERSATION_ID + 9  # bool: MESSAGE_MATCHES is exact (else: at least that many)
    TITLE_MATCHED = CONVERSATION_ID + 10  # bool: the title matched (then the SNIPPET is the marked title)


_CONVERSATION_ROLE_NAMES: Final = {
    Qt.ItemDataRole.DisplayRole: b"display",
    Qt.ItemDataRole.EditRole: b"edit",
    Qt.ItemDataRole.ToolTipRole: b"toolTip",
    ConversationRole.ID: b"conversationId",
    ConversationRole.UPDATED_AT: b"updatedAt",
    ConversationRole.PINNED: b"pinned",
    ConversationRole.ARCHIVED: b"archived",
    ConversationRole.TRASHED_AT: b"trashedAt",
    ConversationRole.TAGS: b"tags",
    ConversationRole.MESSAGE_COUNT: b"messageCount",
    ConversationRole.STREAMING: b"streaming",
    ConversationRole.GROUP: b"group",
}

_SEARCH_ROLE_NAMES: Final = {
    Qt.ItemDataRole.DisplayRole: b"display",
    Qt.ItemDataRole.ToolTipRole: b"toolTip",
    SearchRole.CONVERSATION_ID: b"conversationId",
    SearchRole.MESSAGE_ID: b"messageId",
    SearchRole.TITLE: b"title",
    SearchRole.ROLE: b"role",
    SearchRole.SNIPPET: b"snippet",
    SearchRole.MATCHES: b"matches",
    SearchRole.SNIPPET_HTML: b"snippetHtml",
    SearchRole.CREATED_AT: b"createdAt",
    SearchRole.MESSAGE_MATCHES: b"messageMatches",
    SearchRole.MATCHES_COMPLETE: b"matchesComplete",
    SearchRole.TITLE_MATCHED: b"titleMatched",
}

_TITLE_ROLES: Final = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole)
# Which roles report each Conversation field, for dataChanged naming only what changed.
_FIELD_ROLES: Final[dict[str, tuple[int, ...]]] = {
    "title": _TITLE_ROLES,
    "updated_at": (ConversationRole.UPDATED_AT, ConversationRole.GROUP),
    "pinned": (ConversationRole.PINNED, ConversationRole.GROUP),
    "archived": (ConversationRole.ARCHIVED,),
    "trashed_at": (ConversationRole.TRASHED_AT, ConversationRole.GROUP),
    "tags": (ConversationRole.TAGS,),
    "message_count": (ConversationRole.MESSAGE_COUNT,),
}


def _role_names(names: dict[Any, bytes]) -> dict[int, QByteArray]:
    return {int(role): QByteArray(name) for role, name in names.items()}


_SortKey = tuple[bool, float, int]


def _list_order(conversation: Conversation) -> _SortKey:
    """Sort key of the active and archived lists, as the store orders them: pinned, then newest first."""
    return (not conversation.pinned, -conversation.updated_at.timestamp(), -conversation.id)


def _trash_order(conversation: Conversation) -> _SortKey:
    """Sort key of the trash, as the store orders it: most recently trashed first."""
    trashed = conversation.trashed_at
    return (False, -(trashed.timestamp() if trashed else 0.0), -conversation.id)


class _PagedListModel(QAbstractListModel):
    """A list model whose rows are paged in through ``fetchMore`` while they last (see ``_has_more``)."""

    def __init__(self, parent: QObject | None) -> None:
        super().__init__(parent)
        self._changing_rows = False

    @contextmanager
    def _change(self) -> Iterator[None]:
        """Hold paging off from ``begin…()`` to ``end…()``: both emit signals, and a slot that pages in (the Qt
        model tester does) would otherwise nest a second change inside this one."""
        self._changing_rows = True
        try:
            yield
        finally:
            self._changing_rows = False

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and not self._changing_rows and self._has_more()

    def _has_more(self) -> bool:
        raise NotImplementedError


class ConversationListModel(_PagedListModel):
    """The conversations of one view (active, archived or trash), optionally of one tag, paged in lazily.

    Read-only over the store: editing the title (``setData`` with EditRole, as an inline editor does) emits
    :attr:`rename_requested` and changes nothing; whoever applies the rename calls
    :meth:`refresh_conversation` afterwards.

    Signals:
        rename_requested(int, str): conversation id and the new title typed into an editor.
        filter_changed(): the view or tag changed (the model was reset).
    """

    rename_requested = Signal(int, str)
    filter_changed = Signal()

    def __init__(self, store: Store, *, page_size: int = LIST_PAGE_SIZE, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.page_size = page_size
        self._tag: str | None = None
        self._view: View = "active"
        self._streaming: set[int] = set()
        self._rows: list[Conversation] = []
        self._rows_by_id: dict[int, int] | None = None  # id -> row, rebuilt after structural changes
        self._total = 0
        self._exhausted = False
        self._set_first_page(self._page(0), self._count())

    # --- filter ---

    @property
    def view(self) -> View:
        return self._view

    @property
    def tag(self) -> str | None:
        return self._tag

    def set_filter(self, *, tag: str | None = None, view: View = "active") -> None:
        """Show ``view`` (active, archived or trash), only conversations tagged ``tag`` when given."""
        if view not in VIEWS:
            raise ValueError(f"Unknown view {view!r}")
        tag = (tag.strip() or None) if tag is not None else None
        if (tag, view) == (self._tag, self._view):
            return
        self._tag, self._view = tag, view
        self.reload()
        self.filter_changed.emit()

    def reload(self) -> None:
        """Read the first page again (after changes that were not reported one by one, e.g. an import)."""
        rows, total = self._page(0), self._count()
        with self._change():
            self.beginResetModel()
            self._set_first_page(rows, total)
            self.endResetModel()

    def total_count(self) -> int:
        """How many conversations the current filter shows, loaded or not."""
        return self._total

    def tag_counts(self) -> list[tuple[str, int]]:
        """Every tag in use and how many conversations outside the trash carry it, by name."""
        return self._store.conversations.tags()

    # --- lookups ---

    def row_of(self, conversation_id: int) -> int | None:
        """The row of a conversation, or None if it is not in the rows loaded so far."""
        if self._rows_by_id is None:
            self._rows_by_id = {conversation.id: row for row, conversation in enumerate(self._rows)}
        return self._rows_by_id.get(conversation_id)

    def conversation_id_at(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def ensure_loaded(self, conversation_id: int) -> int | None:
        """Page in rows until ``conversation_id`` is loaded; its row, or None if the filter hides it."""
        row = self.row_of(conversation_id)
        if row is not None:
            return row
        try:
            if not self._matches(self._store.conversation(conversation_id)):
                return None
        except NotFoundError:
            return None
        while row is None and self.canFetchMore(_ROOT):
            self.fetchMore(_ROOT)
            row = self.row_of(conversation_id)
        return row

    # --- changes reported by the composition root ---

    def refresh_conversation(self, conversation_id: int) -> None:
        """Re-read one conversation after it changed and update its row in place: ``dataChanged`` naming only
        the roles that changed, a move to its new place (a new message takes it to the top of its section),
        an insert (new, or now matching the filter) or a removal (trashed, archived, untagged, deleted)."""
        try:
            fresh = self._store.conversation(conversation_id)
        except NotFoundError:
            self.remove_conversation(conversation_id)
            return
        self._total = self._count()
        old_row = self.row_of(conversation_id)
        if not self._matches(fresh):
            if old_row is not None:
                self._remove_row(old_row)
            return
        others = len(self._rows) - (old_row is not None)
        target = bisect_left(self._rows, self._order(fresh), key=self._order)
        if old_row is not None and old_row < target:
            target -= 1
        if target == others and self._total - 1 > others:
            # Its place is among the rows not loaded yet: it arrives with a later page.
            if old_row is not None:
                self._remove_row(old_row)
            return
        if old_row is None:
            with self._change():
                self.beginInsertRows(_ROOT, target, target)
                self._rows.insert(target, fresh)
                self._rows_by_id = None
                self.endInsertRows()
            return
        old = self._rows[old_row]
        if target != old_row:
            with self._change():
                # beginMoveRows takes the destination in the coordinates before the move.
                self.beginMoveRows(_ROOT, old_row, old_row, _ROOT, target + 1 if target > old_row else target)
                del self._rows[old_row]
                self._rows.insert(target, fresh)
                self._rows_by_id = None
                self.endMoveRows()
        else:
            self._rows[target] = fresh
        changed = [name for name in _FIELD_ROLES if getattr(old, name) != getattr(fresh, name)]
        roles = sorted({role for name in changed for role in _FIELD_ROLES[name]})
        if roles:
            index = self.index(target)
            self.dataChanged.emit(index, index, roles)

    def remove_conversation(self, conversation_id: int) -> None:
        """Drop a conversation's row (it was deleted, or left this view)."""
        self._total = self._count()
        row = self.row_of(conversation_id)
        if row is not None:
            self._remove_row(row)

    def set_streaming(self, conversation_id: int, streaming: bool) -> None:
        """Mark a conversation as receiving a reply now (views show a dot)."""
        if streaming == (conversation_id in self._streaming):
            return
        if streaming:
            self._streaming.add(conversation_id)
        else:
            self._streaming.discard(conversation_id)
        row = self.row_of(conversation_id)
        if row is not None:
            index = self.index(row)
            self.dataChanged.emit(index, index, [ConversationRole.STREAMING])

    # --- QAbstractListModel ---

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.checkIndex(index, QAbstractListModel.CheckIndexOption.IndexIsValid):
            return None
        conversation = self._rows[index.row()]
        match role:
            case ConversationRole.GROUP:  # first: asked for most
                trashed = conversation.trashed_at
                return (trashed or conversation.updated_at, conversation.pinned and trashed is None)
            case Qt.ItemDataRole.DisplayRole:
                return conversation.title or untitled()
            case Qt.ItemDataRole.EditRole:
                return conversation.title
            case Qt.ItemDataRole.ToolTipRole:
                # Plain text: Qt reads a tooltip that looks like markup as HTML, and a title may be the model's words.
                return QtGui.Qt.convertFromPlainText(conversation.title or untitled())
            case ConversationRole.ID:
                return conversation.id
            case ConversationRole.UPDATED_AT:
                return conversation.updated_at
            case ConversationRole.PINNED:
                return conversation.pinned
            case ConversationRole.ARCHIVED:
                return conversation.archived
            case ConversationRole.TRASHED_AT:
                return conversation.trashed_at
            case ConversationRole.TAGS:
                return conversation.tags
            case ConversationRole.MESSAGE_COUNT:
                return conversation.message_count
            case ConversationRole.STREAMING:
                return conversation.id in self._streaming
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """An edited title: emits :attr:`rename_requested` (the store is not written here). Returns whether a
        rename was requested (not for an empty or unchanged title)."""
        if role != Qt.ItemDataRole.EditRole or not self.checkIndex(
            index, QAbstractListModel.CheckIndexOption.IndexIsValid
        ):
            return False
        conversation = self._rows[index.row()]
        title = " ".join(str(value).split())
        if not title or title == conversation.title:
            return False
        self.rename_requested.emit(conversation.id, title)
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self._view != "trash":
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def roleNames(self) -> dict[int, QByteArray]:
        return _role_names(_CONVERSATION_ROLE_NAMES)

    def _has_more(self) -> bool:
        return not self._exhausted and len(self._rows) < self._total

    def fetchMore(self, parent: _Index) -> None:
        if not self.canFetchMore(parent):
            return
        page = self._page(len(self._rows))
        known = {conversation.id for conversation in self._rows}
        fresh = [conversation for conversation in page if conversation.id not in known]
        if not fresh:
            # The store changed behind our back (changes not reported): stop paging until reload().
            self._exhausted = True
            return
        first = len(self._rows)
        with self._change():
            self.beginInsertRows(_ROOT, first, first + len(fresh) - 1)
            self._rows.extend(fresh)
            self._rows_by_id = None
            self.endInsertRows()

    # --- inside ---

    def _set_first_page(self, rows: list[Conversation], total: int) -> None:
        self._rows = rows
        self._total = total
        self._rows_by_id = None
        self._exhausted = False

    def _page(self, offset: int) -> list[Conversation]:
        return self._store.list_conversations(
            tag=self._tag,
            archived=self._view == "archived",
            trash=self._view == "trash",
            limit=self.page_size,
            offset=offset,
        )

    def _count(self) -> int:
        return self._store.conversations.count(
            tag=self._tag, archived=self._view == "archived", trash=self._view == "trash"
        )

    def _matches(self, conversation: Conversation) -> bool:
        if self._view == "trash":
            in_view = conversation.in_trash
        else:
            in_view = not conversation.in_trash and conversation.archived == (self._view == "archived")
        # Tags compare case-insensitively in the store (SQLite NOCASE folds ASCII letters only).
        return in_view and (self._tag is None or _ascii_fold(self._tag) in map(_ascii_fold, conversation.tags))

    def _order(self, conversation: Conversation) -> _SortKey:
        return _trash_order(conversation) if self._view == "trash" else _list_order(conversation)

    def _remove_row(self, row: int) -> None:
        with self._change():
            self.beginRemoveRows(_ROOT, row, row)
            del self._rows[row]
            self._rows_by_id = None
            self.endRemoveRows()


def _ascii_fold(text: str) -> str:
    return text.translate(_ASCII_LOWER)


_ASCII_LOWER: Final = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


# --- search ---


@dataclass(frozen=True, slots=True)
class Snippet:
    """A search snippet: plain text and where the matches are in it."""

    text: str
    matches: tuple[tuple[int, int], ...]  # (start, length)

    @classmethod
    def parse(cls, marked: str, start: str = MATCH_START, end: str = MATCH_END) -> Snippet:
        """Split a snippet whose matches are wrapped in ``start``/``end`` markers. Stray or nested markers
        (the text is untrusted) are dropped rather than trusted to pair up."""
        text: list[str] = []
        matches: list[tuple[int, int]] = []
        length = 0
        opened: int | None = None
        for char in marked:
            if char == start:
                opened = length if opened is None else opened
            elif char == end:
                if opened is not None and length > opened:
                    matches.append((opened, length - opened))
                opened = None
            else:
                text.append(char)
                length += 1
        if opened is not None and length > opened:
            matches.append((opened, length - opened))
        return cls("".join(text), tuple(matches))

    def to_html(self) -> str:
        """The text escaped for Qt's rich text, every match in ``<b>``."""
        parts: list[str] = []
        position = 0
        for start, length in self.matches:
            parts.append(html.escape(self.text[position:start]))
            parts.append(f"<b>{html.escape(self.text[start : start + length])}</b>")
            position = start + length
        parts.append(html.escape(self.text[position:]))
        return "".join(parts)


@dataclass(frozen=True, slots=True)
class _Result:
    found: ConversationHits
    snippet: Snippet  # of its best hit

    @property
    def hit(self) -> SearchHit:
        return self.found.best

    @property
    def key(self) -> int:
        return self.found.conversation_id


class SearchResultsModel(_PagedListModel):
    """Results of a full-text search over titles and messages, one row per conversation (a title match first,
    then by its best message's relevance: `Store.search_conversations`), paged in lazily. A row holds the
    conversation's best hit and how many of its messages match.

    :meth:`search` runs the query at once on the calling thread (the store answers in well under 100 ms);
    debouncing keystrokes is the view's business. A query the search syntax can't read finds nothing rather
    than raising.

    Signals:
        searched(str): a new query's first page is in (the model was reset).
    """

    searched = Signal(str)

    def __init__(self, store: Store, *, page_size: int = SEARCH_PAGE_SIZE, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.page_size = page_size
        self._query = ""
        self._results: list[_Result] = []
        self._exhausted = True

    @property
    def query(self) -> str:
        return self._query

    def search(self, text: str) -> None:
        """Replace the results with the first page of those for ``text`` (blank: no results)."""
        query = text.strip()
        results = self._fetch(query, self.page_size) if query else []
        with self._change():
            self.beginResetModel()
            self._query = query
            self._results = results
            self._exhausted = len(results) < self.page_size
            self.endResetModel()
        self.searched.emit(query)

    def clear(self) -> None:
        self.search("")

    def result_at(self, row: int) -> tuple[int, int] | None:
        """(conversation id, its best message's id, or 0 when its title matched) of the result in ``row``."""
        if not 0 <= row < len(self._results):
            return None
        hit = self._results[row].hit
        return hit.conversation_id, hit.message_id or 0

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._results)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.checkIndex(index, QAbstractListModel.CheckIndexOption.IndexIsValid):
            return None
        result = self._results[index.row()]
        hit = result.hit
        title = hit.conversation_title or untitled()
        match role:
            case Qt.ItemDataRole.DisplayRole:
                return title if hit.message_id is None else f"{title}: {result.snippet.text}"
            case Qt.ItemDataRole.ToolTipRole:
                return QtGui.Qt.convertFromPlainText(title)  # plain text, as above
            case SearchRole.CONVERSATION_ID:
                return hit.conversation_id
            case SearchRole.MESSAGE_ID:
                return hit.message_id or 0
            case SearchRole.TITLE:
                return title
            case SearchRole.ROLE:
                return hit.role
            case SearchRole.SNIPPET:
                return result.snippet.text
            case SearchRole.MATCHES:
                return result.snippet.matches
            case SearchRole.SNIPPET_HTML:
                return result.snippet.to_html()
            case SearchRole.CREATED_AT:
                return hit.created_at
            case SearchRole.MESSAGE_MATCHES:
                return result.found.matches
            case SearchRole.MATCHES_COMPLETE:
                return result.found.complete
            case SearchRole.TITLE_MATCHED:
                return result.found.title_matched
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        return _role_names(_SEARCH_ROLE_NAMES)

    def _has_more(self) -> bool:
        return not self._exhausted

    def fetchMore(self, parent: _Index) -> None:
        if not self.canFetchMore(parent):
            return
        # The next page is read as the best `wanted` results, not by offset: results of equal rank may come in
        # another order each time, so pages by offset could repeat some and skip others.
        wanted = len(self._results) + self.page_size
        best = self._fetch(self._query, wanted)
        seen = {result.key for result in self._results}
        fresh = [result for result in best if result.key not in seen]
        self._exhausted = len(best) < wanted or not fresh
        if fresh:
            first = len(self._results)
            with self._change():
                self.beginInsertRows(_ROOT, first, first + len(fresh) - 1)
                self._results.extend(fresh)
                self.endInsertRows()

    def _fetch(self, query: str, limit: int) -> list[_Result]:
        # One snippet per conversation: the row shows its best match (snippets cost most of a search's time).
        found = self._store.full_text.search_conversations(
            query, limit=limit, markers=(MATCH_START, MATCH_END), per_conversation=1
        )
        return [_Result(group, Snippet.parse(group.best.snippet)) for group in found]
