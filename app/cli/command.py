"""What every subcommand shares: opening the store, reporting a failure in one line, exit statuses.

What anything logs at WARNING or above while a subcommand runs is reported the same way (``samtal:
warning: ...``): Python would otherwise print it bare on standard error.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import re
import sqlite3
import sys
from collections.abc import Callable
from typing import Final

from app.paths import AppPaths, resolve_paths
from app.store import Store, StoreError
from app.store.content import one_line

OK: Final = 0
FAILED: Final = 1
USAGE: Final = 2  # wrong usage: a bad option, a bad file, parameters the API would refuse
REFUSED: Final = 3  # the model declined to answer (stop_reason "refusal")
INTERRUPTED: Final = 130
_C1_CONTROL: Final = re.compile(r"[\x80-\x9f]")


class CommandError(Exception):
    """A failure to report to the user as one line on standard error (no traceback)."""

    def __init__(self, message: str, status: int = FAILED) -> None:
        super().__init__(message)
        self.status = status


def run_command(module: str, function: str, args: argparse.Namespace) -> int:
    """Run a subcommand's handler, turning expected failures into a message and an exit status."""
    command: Callable[[argparse.Namespace], int] = getattr(importlib.import_module(module), function)
    root = logging.getLogger()
    handler = _ReportHandler(logging.WARNING)
    root.addHandler(handler)
    try:
        return command(args)
    except CommandError as exc:
        report(str(exc))
        return exc.status
    except StoreError as exc:
        report(str(exc))
        return FAILED
    except sqlite3.Error as exc:  # e.g. the store stayed locked by another program past the busy timeout
        report(f"the conversation store could not be used: {exc}")
        return FAILED
    except KeyboardInterrupt:
        report("stopped")
        return INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`samtal list | head`): not an error. Point stdout at /dev/null so that
        # Python's final flush does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return OK
    finally:
        root.removeHandler(handler)


def report(message: str) -> None:
    """``samtal: <message>`` on standard error, on one line (it may quote a server's words), without control
    characters: C0 and DEL become spaces (`one_line`), and so do the C1 controls (ESC's 8-bit twins)."""
    print(f"samtal: {one_line(_C1_CONTROL.sub(' ', message))}", file=sys.stderr, flush=True)


class _ReportHandler(logging.Handler):
    """Reports each log record as one line (`report`), warnings marked as such, known secrets redacted."""

    def emit(self, record: logging.LogRecord) -> None:
        from app.logs import SecretRedactor  # rarely needed: not paid for at start-up

        try:
            report(("warning: " if record.levelno < logging.ERROR else "") + SecretRedactor.redact(record.getMessage()))
        except Exception:
            self.handleError(record)


def app_paths(args: argparse.Namespace) -> AppPaths:
    """The paths chosen by ``--data-dir``, ``SAMTAL_DATA_DIR`` or the platform."""
    return resolve_paths(getattr(args, "data_dir", None))


def open_store(args: argparse.Namespace, *, read_only: bool = False) -> Store:
    """The conversation store of this run. ``read_only`` (the commands that only read): nothing is created,
    upgraded or written, so reading works in a read-only data folder and leaves the files as they were; a
    writing command in a read-only data folder fails with one line saying so (ReadOnlyStoreError)."""
    paths = app_paths(args)
    if read_only:
        return Store.open(paths.store, read_only=True)
    try:
        paths.data.mkdir(parents=True, exist_ok=True, mode=0o700)  # the store's folder: all a command writes
    except OSError as exc:
        raise CommandError(f"can't create {exc.filename or paths.data}: {exc.strerror or exc}") from None
    return Store.open(paths.store)
