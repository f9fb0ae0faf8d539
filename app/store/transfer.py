"""Importing a file of conversations, whatever its kind: a Samtal archive (``.json``), or a claude.ai export
(its ``.zip`` or the ``conversations.json`` inside).

Every conversation is imported on its own (a savepoint): a malformed one becomes a line in
:attr:`ImportReport.errors` and the rest go on. Conversations are committed in batches, so an import that
is cut short keeps what it finished, and running it again completes it without duplicating anything.

The file is read in chunks (:mod:`app.store.json_stream`), never more than MAX_UNPACKED_BYTES of it
whatever a zip's headers claim, and a claude.ai ``conversations.json`` (a top-level array) one
conversation at a time: memory holds one conversation, not the export.
"""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import IO, Any, Final

from app.store import archive, claude_import
from app.store.json_stream import ELEMENT_LIMIT, JsonStream, TooLargeError
from app.store.models import ConversationRecord, ImportReport
from app.store.store import Store

BATCH_SIZE: Final = 200
# The most a claude.ai export's conversations.json may unpack to (real ones are tens to hundreds of MB): a zip
# bomb of a few kilobytes would otherwise unpack gigabytes into memory.
MAX_UNPACKED_BYTES = 1 << 30
_CLAUDE_FILE: Final = "conversations.json"
# What a malformed conversation raises while it is read and stored (OverflowError: a number too large for
# SQLite's 64-bit integers; RecursionError: content nested deeper than Python's recursion allows).
_BAD_CONVERSATION = (
    KeyError,
    TypeError,
    ValueError,
    AttributeError,
    OverflowError,
    RecursionError,
    sqlite3.IntegrityError,
)


class ImportFileError(Exception):
    """The file can't be imported at all (unreadable, not JSON, no conversations in it)."""


def import_file(store: Store, path: Path) -> ImportReport:
    """Import every conversation in ``path``. Raises ImportFileError when the file as a whole is unusable
    (conversations imported before the point where it turned out so are kept)."""
    try:
        with _opened(path) as raw:
            reader = JsonStream(raw, limit=MAX_UNPACKED_BYTES)
            if reader.first_character() == "[":  # a claude.ai conversations.json: one conversation at a time
                report = ImportReport()
                import_conversations(store, reader.array_elements(), claude_import.parse_conversation, report)
                return report
            data = reader.document()
    except OSError as exc:  # the reason alone: the exception's own text repeats the path
        raise ImportFileError(f"{path} can't be read: {exc.strerror or exc}") from None
    except zipfile.BadZipFile as exc:  # also a damaged member, found while it is unpacked (a bad CRC)
        raise ImportFileError(f"{path} can't be read: {exc}") from None
    except TooLargeError as exc:
        raise ImportFileError(_too_large(path, exc)) from None
    except ValueError as exc:  # UnicodeDecodeError is a ValueError too
        raise ImportFileError(f"{path} is not JSON: {exc}") from None
    except RecursionError:  # json's decoder recurses once per level: [[[[…
        raise ImportFileError(f"{path} can't be read: its JSON is nested too deeply") from None
    try:
        return import_document(store, data)
    except ImportFileError as exc:  # said of the document: name the file
        raise ImportFileError(f"{path} can't be imported: {exc}") from None


def import_document(store: Store, data: object) -> ImportReport:
    """Import a parsed JSON document: a Samtal archive or a claude.ai ``conversations.json``."""
    report = ImportReport()
    if archive.is_archive(data):
        raws = archive.archive_conversations(store, data, report)
        import_conversations(store, raws, archive.parse_conversation, report)
    else:
        try:
            raws = claude_import.export_conversations(data)
        except ValueError as exc:
            raise ImportFileError(str(exc)) from None
        import_conversations(store, raws, claude_import.parse_conversation, report)
    return report


def import_conversations(
    store: Store,
    raws: Iterable[Any],
    parse: Callable[[Any], ConversationRecord | None],
    report: ImportReport,
) -> None:
    """Parse and import each raw conversation (None from ``parse`` means skip it), counting into ``report``.
    ``raws`` may be read lazily (each batch is taken from it as it is imported)."""
    numbered = enumerate(raws)
    while batch := list(itertools.islice(numbered, BATCH_SIZE)):
        with store.batch():
            for index, raw in batch:
                try:
                    record = parse(raw)
                    if record is None:
                        report.skipped += 1
                        continue
                    report.count(store.records.import_conversation(record))
                except _BAD_CONVERSATION as exc:
                    report.add_error(f"conversation {_label(raw, index)}: {_reason(exc)}")


@contextlib.contextmanager
def _opened(path: Path) -> Iterator[IO[bytes]]:
    """The bytes to import: the zip's conversations.json (refused before unpacking when its header says it
    is too large; a header that understates it is found out while reading), or the file itself."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as bundle:
            member = _conversations_member(bundle.namelist())
            if member is None:
                raise ImportFileError(f"{path} holds no {_CLAUDE_FILE}")
            if bundle.getinfo(member).file_size > MAX_UNPACKED_BYTES:
                raise ImportFileError(_too_large(path, TooLargeError()))
            with bundle.open(member) as unpacked:
                yield unpacked
        return
    if path.suffix.lower() == ".zip" and path.exists():
        raise ImportFileError(f"{path} is not a zip archive (a damaged or unfinished download?)")
    with path.open("rb") as file:
        yield file


def _too_large(path: Path, exc: TooLargeError) -> str:
    if exc.args and exc.args[0] == "element":
        return f"a conversation in {path} takes more than {_megabytes(ELEMENT_LIMIT)} MB, more than any real one"
    verb = "unpacks to" if zipfile.is_zipfile(path) else "holds"
    return f"{path} {verb} more than {_megabytes(MAX_UNPACKED_BYTES)} MB, more than any real export holds"


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.0f}"


def _conversations_member(names: list[str]) -> str | None:
    candidates = [name for name in names if PurePosixPath(name).name == _CLAUDE_FILE]
    return min(candidates, key=lambda name: (name.count("/"), name)) if candidates else None


def _label(raw: Any, index: int) -> str:
    if isinstance(raw, Mapping):
        for key in ("uuid", "name", "title"):
            if isinstance(raw.get(key), str) and raw[key]:
                return f"{raw[key]} (#{index + 1})"
    return f"#{index + 1}"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return f"missing field {exc.args[0]!r}"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc) or type(exc).__name__
