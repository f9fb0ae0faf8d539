"""Starting the window as a process: the Qt application and its event loop, the store (opened read-only when
it can't be written), SIGINT/SIGTERM, and the order things close in. What the window is made of is
`app.gui.Samtal`'s."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import logging
import signal
import socket
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from app import __version__, language
from app.gui import Samtal
from app.logs import setup_logging
from app.paths import AppPaths, resolve_paths
from app.secrets import SecretStore
from app.settings import Settings
from app.settings.options import LANGUAGE
from app.store import ReadOnlyStoreError, Store, StoreError

log = logging.getLogger(__name__)


class _SignalWaker(QObject):
    """Lets SIGINT/SIGTERM close the window cleanly while Qt's C++ loop sleeps (Python signal handlers
    only run when Python code runs: the wake-up fd makes Qt wake up)."""

    def __init__(self, on_signal: Any) -> None:
        super().__init__()
        self._read, write = socket.socketpair()
        self._write = write
        self._read.setblocking(False)
        write.setblocking(False)
        signal.set_wakeup_fd(write.fileno())
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: on_signal())

    def _drain(self) -> None:
        with contextlib.suppress(OSError):
            self._read.recv(64)

    def close(self) -> None:
        signal.set_wakeup_fd(-1)
        self._notifier.setEnabled(False)
        self._read.close()
        self._write.close()


async def _run(args: argparse.Namespace, paths: AppPaths) -> int:
    settings = Settings.load(paths)
    # Before any widget is made: each takes its texts, numbers and dates in the language when it is built.
    language.install(settings.get(LANGUAGE))
    # A settings file that can't be used is moved aside (so that saving does not destroy it), and the
    # status bar says so below; the command line never moves it.
    notices = settings.set_aside_unusable()
    if settings.profiles_problem and not notices:
        notices.append(settings.profiles_problem)
    try:
        store = open_store(paths.store)
    except StoreError as exc:
        print(f"samtal: {exc}", file=sys.stderr)
        if not args.smoke_test:  # the smoke test never waits for a person
            QMessageBox.critical(None, "Samtal", str(exc))
        return 1
    try:
        root = Samtal(paths, settings, store, SecretStore(), smoke=args.smoke_test)
        waker = _SignalWaker(root.window.close)
        if store.read_only:  # the composer says so too, for as long as the window is open
            notices.append(root.controller.read_only_notice().removesuffix("."))
        for notice in notices:  # also for a terminal the window was started from
            print(f"samtal: {notice}.", file=sys.stderr)
        if notices:
            root.window.statusBar().showMessage(". ".join(notices) + ".", 15000)
        demo = args.demo or (args.demo_if_unconfigured and not root.providers.configured(args.profile))
        root.start(demo=demo, profile=args.profile)
        code = await root.finished
        waker.close()
        # Widgets go before the store closes: a pending search must not run against a closed store.
        root.window.deleteLater()
        await asyncio.sleep(0)
        return code
    finally:
        store.close()


def open_store(path: Path) -> Store:
    """The window's store: for reading and writing, or for reading only when it can't be written (a
    read-only folder or media), which the window then says. Raises StoreError."""
    try:
        return Store.open(path)
    except ReadOnlyStoreError as exc:
        log.info("%s", exc)
        return Store.open(path, read_only=True)


def run_gui(args: argparse.Namespace) -> int:
    """Start the window on a qasync event loop; returns the exit code."""
    from app.event_loop import run

    # Not strict: in a read-only data folder the window opens to read (the store says what can't be done).
    paths = resolve_paths(getattr(args, "data_dir", None)).ensure(strict=False)
    setup_logging(paths.logs)
    if QApplication.instance() is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Samtal")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Samtal")
    app.setDesktopFileName("samtal")
    app.setQuitOnLastWindowClosed(False)  # the coroutine ends the loop after saving
    try:
        return run(_run(args, paths))
    except KeyboardInterrupt:
        return 130
    finally:
        gc.enable()  # also when the window never painted (e.g. the store could not be opened)


__all__ = ["open_store", "run_gui"]
