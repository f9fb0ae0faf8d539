"""The conversation library: what the user does to whole conversations (rename, pin, archive, move to the
trash and back, delete for good, tag, import, export), over the store, and what changed in the store, said
in Qt signals so that every list follows (the sidebar's model subscribes; nobody refreshes it by hand).

It is the window's one subscriber to ``store.changes``: whoever writes (this library, the chat controller, a
compare), what a write changed in a conversation's entry reaches the lists as ``changed``/``removed``/
``tags_changed``, once per committed transaction. Another process's writes are seen by
`ConversationLibrary.pick_up_outside_changes` and reported as ``reloaded``.

Questions (which file, are you sure, which tags) go through the `app.chat.prompts.Prompts` it is given. A
write the store refuses (a read-only data folder, a full disk) is reported with ``store_refused``; nothing is
half done then that the lists would not show.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from PySide6.QtCore import QObject, Signal

from app.chat.prompts import Prompts
from app.store import (
    Change,
    ConversationChanged,
    ConversationCreated,
    ConversationDeleted,
    ConversationRestored,
    ConversationTrashed,
    Store,
    StoreError,
    TagsChanged,
)

_P = ParamSpec("_P")
_R = TypeVar("_R")

# What a conversation's entry in a list shows; a change to its draft or parameters alone is no news to a list.
ENTRY_FIELDS = frozenset({"title", "pinned", "archived", "updated_at", "message_count"})
IMPORT_ERRORS_SHOWN = 10  # an import's error lines listed in its report; the rest are counted
NOTICE_MS = 6000


def _reports_store_errors(
    method: Callable[Concatenate[ConversationLibrary, _P], _R],
) -> Callable[Concatenate[ConversationLibrary, _P], _R | None]:
    """A write the store refuses is reported (``store_refused``) instead of ending in a traceback nobody sees."""

    @functools.wraps(method)
    def guarded(library: ConversationLibrary, *args: _P.args, **kwargs: _P.kwargs) -> _R | None:
        try:
            return method(library, *args, **kwargs)
        except StoreError as exc:
            library.store_refused.emit(exc)
            return None

    return guarded


class ConversationLibrary(QObject):
    """Whole-conversation operations over the store (see the module docstring).

    ``stop(conversation_id)`` stops a conversation's replies before it goes to the trash or is deleted.

    Signals:
        changed(int): a conversation's entry changed in the store, whoever wrote it: its title, pin,
            archive or trash state, tags, last update or number of messages (or it is new); lists read it
            again and show, move or hide it.
        removed(int): a conversation was deleted for good.
        reloaded(): many conversations may have changed (an import, another process): read every list again.
        tags_changed(): the tags in use may have changed.
        put_away(list): these conversations were archived, moved to the trash or deleted: whoever shows one
            should leave it.
        undo_offered(str, list): say ``text`` with an Undo for these conversations (Undo: `restore`).
        notice(str): a short message for the status bar.
        store_refused(object): the store refused a write (the `StoreError`).
    """

    changed = Signal(int)
    removed = Signal(int)
    reloaded = Signal()
    tags_changed = Signal()
    put_away = Signal(list)
    undo_offered = Signal(str, list)
    notice = Signal(str)
    store_refused = Signal(object)

    def __init__(
        self,
        store: Store,
        prompts: Prompts,
        *,
        stop: Callable[[int], object] = lambda _conversation_id: None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self.prompts = prompts
        self._stop = stop
        self._data_version = store.data_version()
        self._quiet = False
        store.changes.subscribe(self._forward)
        forward = self._forward  # the store may outlive this object: it must not call a deleted one
        self.destroyed.connect(lambda: store.changes.unsubscribe(forward))

    def _forward(self, changes: Sequence[Change]) -> None:
        """Say what a committed transaction changed in conversations' entries (each conversation once)."""
        if self._quiet:
            return
        changed: dict[int, None] = {}  # in order, once each
        removed: dict[int, None] = {}
        tags = False
        for change in changes:
            match change:
                case ConversationDeleted(conversation_id=cid):
                    removed[cid] = None
                case ConversationChanged(conversation_id=cid, fields=fields) if fields & ENTRY_FIELDS:
                    changed[cid] = None
                case ConversationCreated(conversation_id=cid):
                    changed[cid] = None
                case ConversationTrashed(conversation_id=cid) | ConversationRestored(conversation_id=cid):
                    changed[cid] = None
                case TagsChanged(conversation_id=cid):
                    changed[cid] = None
                    tags = True
        for cid in changed:
            if cid not in removed:
                self.changed.emit(cid)
        for cid in removed:
            self.removed.emit(cid)
        if tags:
            self.tags_changed.emit()

    @contextmanager
    def _many_changes(self) -> Iterator[None]:
        """Writes that may change many conversations (an import): the lists read everything again after."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False
            self.reloaded.emit()
            self.tags_changed.emit()

    # --- one conversation's entry ---

    @_reports_store_errors
    def rename(self, conversation_id: int, title: str) -> None:
        self._store.conversations.rename(conversation_id, title)

    def rename_asking(self, conversation_id: int) -> None:
        """Ask for a new title (the old one filled in) and rename; a blank answer changes nothing."""
        old = self._store.conversation(conversation_id).title
        title = self.prompts.ask_text(self.tr("Rename"), self.tr("Title:"), old)
        if title is not None and title.strip():
            self.rename(conversation_id, title.strip())

    @_reports_store_errors
    def set_pinned(self, ids: list[int], pinned: bool) -> None:
        for conversation_id in _real(ids):
            self._store.conversations.set_pinned(conversation_id, pinned)

    @_reports_store_errors
    def set_archived(self, ids: list[int], archived: bool) -> None:
        """Archive (with an Undo offered) or take out of the archive."""
        ids = _real(ids)
        for conversation_id in ids:
            self._store.conversations.set_archived(conversation_id, archived)  # leaves (or joins) the list
        if archived and ids:
            self._put_away(ids, self.tr("Archived the conversation"), self.tr("Archived {n} conversations"))

    def toggle_archived(self, conversation_id: int) -> None:
        self.set_archived([conversation_id], not self._store.conversation(conversation_id).archived)

    @_reports_store_errors
    def move_to_trash(self, ids: list[int]) -> None:
        """To the trash, its replies stopped (with an Undo offered)."""
        ids = _real(ids)
        if not ids:
            return
        for conversation_id in ids:
            self._stop(conversation_id)
            self._store.conversations.move_to_trash(conversation_id)
        self._put_away(
            ids, self.tr("Moved the conversation to the trash"), self.tr("Moved {n} conversations to the trash")
        )

    def _put_away(self, ids: list[int], one: str, many: str) -> None:
        """Say that these left the list, and offer to undo it (``one``/``many``: what was done)."""
        self.put_away.emit(ids)
        self.undo_offered.emit(one if len(ids) == 1 else many.format(n=len(ids)), ids)

    @_reports_store_errors
    def restore(self, ids: list[int]) -> None:
        """Back to the list: out of the trash (Restore, or Undo after a delete), or out of the archive
        (Undo after archiving: only then is a restored conversation archived and not in the trash)."""
        for conversation_id in ids:
            if self._store.conversation(conversation_id).in_trash:
                self._store.conversations.restore(conversation_id)
            else:
                self._store.conversations.set_archived(conversation_id, False)

    @_reports_store_errors
    def delete_forever(self, ids: list[int]) -> None:
        """Delete for good, once the user said yes (their replies stopped: Shift+Del works outside the trash)."""
        question = self.tr("Delete %Ln conversation(s) permanently? This can't be undone.", None, len(ids))
        if not self.prompts.confirm(self.tr("Delete permanently"), question):
            return
        for conversation_id in ids:
            self._stop(conversation_id)
            self._store.conversations.delete(conversation_id)
        self.put_away.emit(ids)

    @_reports_store_errors
    def delete_unsent(self, conversation_id: int) -> None:
        """Delete a conversation made for a message that was not sent after all (no question asked)."""
        self._store.conversations.delete(conversation_id)

    # --- what the window keeps with a conversation ---

    @_reports_store_errors
    def keep_draft(self, conversation_id: int, text: str) -> None:
        """The text typed in the composer and not sent yet."""
        self._store.conversations.set_draft(conversation_id, text)

    @_reports_store_errors
    def keep_params(self, conversation_id: int, params: Mapping[str, Any]) -> None:
        """The parameters its next message goes with."""
        self._store.conversations.set_params(conversation_id, dict(params))

    # --- tags ---

    @_reports_store_errors
    def edit_tags(self, ids: list[int]) -> None:
        """Ask which tags to add and remove, for one conversation or several at once."""
        ids = _real(ids)
        if not ids:
            return
        conversations = [self._store.conversation(i) for i in ids]
        if len(conversations) == 1:
            subject = f"“{conversations[0].title or self.tr('New conversation')}”"
        else:
            subject = self.tr("{n} conversations").format(n=len(conversations))
        all_tags = [t for t, _n in self._store.conversations.tags()]
        answer = self.prompts.choose_tags(all_tags, [c.tags for c in conversations], subject)
        if answer is None:
            return
        added, removed = answer
        with self._store.batch():  # one change for the lists: each conversation read once
            for conversation_id in ids:
                for tag in added:
                    self._store.conversations.add_tag(conversation_id, tag)
                for tag in removed:
                    self._store.conversations.remove_tag(conversation_id, tag)

    # --- changes from elsewhere ---

    def pick_up_outside_changes(self) -> bool:
        """Whether another process (``samtal ask``, an import from the command line) changed the store since
        this was last asked; when it did, every list is read again."""
        version = self._store.data_version()
        if version == self._data_version:
            return False
        self._data_version = version
        self.reloaded.emit()
        return True

    # --- import and export ---

    def import_asking(self) -> None:
        """Ask for a claude.ai export or a Samtal JSON file, import it, and report what came of it."""
        path = self.prompts.open_file(
            self.tr("Import conversations"),
            str(Path.home()),
            self.tr("claude.ai export or Samtal JSON (*.zip *.json);;All files (*)"),
        )
        if not path:
            return
        from app.store import ImportFileError, import_file

        try:
            with self._many_changes():
                report = import_file(self._store, Path(path))
        except (ImportFileError, StoreError, OSError, ValueError) as exc:
            self.prompts.tell(self.tr("Import failed"), str(exc), warning=True)
            return
        text = self.tr("Imported from {name}: {summary}").format(name=Path(path).name, summary=report.summary())
        title = self.tr("Import finished")
        if report.errors:  # say which conversations were left out and why, as `samtal import` does
            title = self.tr("Import finished with errors")
            shown = report.errors[:IMPORT_ERRORS_SHOWN]
            more = report.error_count - len(shown)
            text += "\n\n" + "\n".join(shown) + (self.tr("\n… and {n} more").format(n=more) if more else "")
        self.prompts.tell(title, text, warning=bool(report.errors))

    def export_asking(self, ids: Sequence[int]) -> None:
        """Ask where to export these conversations (Markdown or lossless JSON) and write them there."""
        ids = _real(list(ids))
        if not ids:
            return
        title = self._store.conversation(ids[0]).title if len(ids) == 1 else "conversations"
        safe = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in title).strip() or "conversation"
        answer = self.prompts.save_file(
            self.tr("Export"), str(Path.home() / f"{safe}.md"), self.tr("Markdown (*.md);;JSON, lossless (*.json)")
        )
        if answer is not None:
            target, as_json = export_target(*answer)
            self.export(target, ids, as_json=as_json)

    def export_all_asking(self) -> None:
        """`export_asking` for every conversation that is not in the trash."""
        ids = [c.id for c in self._store.list_conversations(limit=None)]
        ids += [c.id for c in self._store.list_conversations(archived=True, limit=None)]
        self.export_asking(ids)

    def export(self, path: Path, ids: Sequence[int], *, as_json: bool) -> bool:
        """Write these conversations to ``path``; what went wrong is told. Returns whether it was written."""
        from app.store import conversation_markdown, export_archive

        try:
            if as_json:
                text = json.dumps(export_archive(self._store, list(ids)), ensure_ascii=False, indent=1)
            else:
                text = "\n\n---\n\n".join(conversation_markdown(self._store, i) for i in ids)
            path.write_text(text, encoding="utf-8")
        except OSError as exc:  # its own text is "[Errno 2] No such file or directory: '/…'"
            reason = exc.strerror or str(exc)
            failed = self.tr("Can't write {path}: {reason}").format(path=path, reason=reason)
            self.prompts.tell(self.tr("Export failed"), failed, warning=True)
            return False
        except StoreError as exc:
            self.prompts.tell(self.tr("Export failed"), str(exc), warning=True)
            return False
        self.notice.emit(self.tr("Exported to {p}").format(p=path))
        return True


def export_target(path: str, chosen_filter: str) -> tuple[Path, bool]:
    """Where an export goes and whether as JSON: the name's suffix decides (.json, or .md, .markdown or
    .txt for Markdown, as for ``samtal export``); any other name gets the chosen filter's suffix and format."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix in (".json", ".md", ".markdown", ".txt"):
        return target, suffix == ".json"
    as_json = "json" in chosen_filter.lower()
    return target.with_name(target.name + (".json" if as_json else ".md")), as_json


def _real(ids: list[int]) -> list[int]:
    """The ids that name a conversation (0 or None: the one not started yet)."""
    return [i for i in ids if i]
