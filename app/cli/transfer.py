"""``samtal export`` and ``samtal import``."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

from app.cli.command import FAILED, OK, USAGE, CommandError, open_store, report
from app.cli.terminal import Output, terminal_safe_json
from app.store import ImportFileError, NotFoundError, Store, conversation_markdown, export_archive, import_file

_SEPARATOR = "\n---\n\n"


def run_export(args: argparse.Namespace) -> int:
    """``samtal export``."""
    if args.all == bool(args.conversations):
        raise CommandError("give conversation ids, or --all (not both)", status=USAGE)
    output = args.output
    # A directory (an existing one, or a path ending in a slash) gets one file per conversation: Markdown
    # unless --format json says otherwise.
    into_directory = output != "-" and (output.endswith(("/", os.sep)) or Path(output).is_dir())
    fmt = args.format or ("md" if into_directory or output.lower().endswith((".md", ".markdown")) else "json")
    if into_directory:
        try:
            Path(output).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CommandError(f"can't create the directory {output}: {exc.strerror}") from None
    with open_store(args, read_only=True) as store:
        ids = _conversation_ids(store, args)
        if fmt == "json":
            text = terminal_safe_json(json.dumps(export_archive(store, ids), ensure_ascii=False, indent=1)) + "\n"
            target = Path(output) / f"samtal-export-{time.strftime('%Y%m%d-%H%M%S')}.json"
            _emit(text, output, target)
        elif into_directory:
            for conversation_id in ids:
                title = store.conversation(conversation_id).title
                _write_atomically(
                    Path(output) / _file_name(conversation_id, title), conversation_markdown(store, conversation_id)
                )
        else:
            text = _SEPARATOR.join(conversation_markdown(store, conversation_id) for conversation_id in ids)
            _emit(text, output, None)
    if output != "-":
        each = " (one Markdown file each)" if into_directory and fmt == "md" else ""
        print(f"Exported {len(ids)} conversation{'s' * (len(ids) != 1)} to {output}{each}", file=sys.stderr)
    return OK


def _conversation_ids(store: Store, args: argparse.Namespace) -> list[int]:
    if args.all:
        kept = store.list_conversations(limit=None) + store.list_conversations(archived=True, limit=None)
        return sorted(conversation.id for conversation in kept)
    try:
        return [store.conversations.find(ref).id for ref in args.conversations]
    except NotFoundError as exc:
        raise CommandError(str(exc)) from None


def _emit(text: str, output: str, directory_target: Path | None) -> None:
    if output == "-":
        Output().write(text)  # on a terminal, without the model's control characters
        return
    path = Path(output)
    if path.is_dir():
        if directory_target is None:
            raise CommandError(f"{output} is a directory")
        path = directory_target
    _write_atomically(path, text)


def _write_atomically(path: Path, text: str) -> None:
    """Write via a temporary file and a rename, so an interrupted export never leaves half a file."""
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise CommandError(f"can't write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _file_name(conversation_id: int, title: str) -> str:
    slug = re.sub(r"[^\w]+", "-", title.lower()).strip("-")[:60].rstrip("-")
    return f"{conversation_id}-{slug or 'untitled'}.md"


def run_import(args: argparse.Namespace) -> int:
    """``samtal import``: exit status 1 when some conversations could not be imported."""
    with open_store(args) as store:
        try:
            result = import_file(store, Path(args.path))
        except ImportFileError as exc:
            raise CommandError(str(exc)) from None
    for error in result.errors:
        report(f"import: {error}")
    if result.errors_left_out:
        report(f"import: … and {result.errors_left_out:,} more errors")
    print(f"Imported from {args.path}: {result.summary()}")
    return FAILED if result.errors else OK
