"""Importing a file of conversations, whatever its kind: a Samtal archive (``.json``), or a claude.ai export
(its ``.zip`` or the ``conversations.json`` inside).

Every conversation is imported on its own (a savepoint): a malformed one becomes a line in
:attr:`ImportReport.errors` and the rest go on. Conversations are committed in batches, so an import that
is cut short keeps what it finished, and running it again completes it without duplicating anything.
"""

from __future__ import annotations

import json
import sqlite3
import zipfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any, Final

from app.store import archive, claude_import
from app.store.models import ConversationRecord, ImportReport
from app.store.store import Store

BATCH_SIZE: Final = 200
# The most a claude.ai export's conversations.json may unpack to (real ones are tens to hundreds of MB): a zip
# bomb of a few kilobytes would otherwise unpack gigabytes into memory.
MAX_UNPACKED_BYTES = 1 << 30
_CLAUDE_FILE: Final = "conversations.json"
# What a malformed conversation raises while it is read and stored (OverflowError: a number too large for
# SQLite's 64-bit integers).
_BAD_CONVERSATION = (KeyError, TypeError, ValueError, AttributeError, OverflowError, sqlite3.IntegrityError)


class ImportFileError(Exception):
    """The file can't be imported at all (unreadable, not JSON, no conversations in it)."""


def import_file(store: Store, path: Path) -> ImportReport:
    """Import every conversation in ``path``. Raises ImportFileError when the file as a whole is unusable."""
    return import_document(store, _load(path))


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
    raws: Sequence[Any],
    parse: Callable[[Any], ConversationRecord | None],
    report: ImportReport,
) -> None:
    """Parse and import each raw conversation (None from ``parse`` means skip it), counting into ``report``."""
    for start in range(0, len(raws), BATCH_SIZE):
        with store.batch():
            for index in range(start, min(start + BATCH_SIZE, len(raws))):
                raw = raws[index]
                try:
                    record = parse(raw)
                    if record is None:
                        report.skipped += 1
                        continue
                    report.count(store.import_conversation(record))
                except _BAD_CONVERSATION as exc:
                    report.errors.append(f"conversation {_label(raw, index)}: {_reason(exc)}")


def _load(path: Path) -> object:
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as bundle:
                member = _conversations_member(bundle.namelist())
                if member is None:
                    raise ImportFileError(f"{path} holds no {_CLAUDE_FILE}")
                raw = _read_member(bundle, member, path)
        else:
            raw = path.read_bytes()
            if path.suffix.lower() == ".zip":
                raise ImportFileError(f"{path} is not a zip archive (a damaged or unfinished download?)")
    except OSError as exc:  # the reason alone: the exception's own text repeats the path
        raise ImportFileError(f"{path} can't be read: {exc.strerror or exc}") from None
    except zipfile.BadZipFile as exc:
        raise ImportFileError(f"{path} can't be read: {exc}") from None
    try:
        return json.loads(raw)
    except ValueError as exc:  # UnicodeDecodeError is a ValueError too
        raise ImportFileError(f"{path} is not JSON: {exc}") from None


def _read_member(bundle: zipfile.ZipFile, member: str, path: Path) -> bytes:
    """The unpacked bytes of ``member``, refused (before unpacking) when they would be more than
    MAX_UNPACKED_BYTES; the read is bounded too, whatever the member's header claims."""
    limit = MAX_UNPACKED_BYTES
    too_big = f"{path} unpacks to more than {_megabytes(limit)} MB, more than any real export holds"
    if bundle.getinfo(member).file_size > limit:
        raise ImportFileError(too_big)
    with bundle.open(member) as unpacked:
        raw = unpacked.read(limit + 1)
    if len(raw) > limit:
        raise ImportFileError(too_big)
    return raw


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
    return str(exc) or type(exc).__name__
