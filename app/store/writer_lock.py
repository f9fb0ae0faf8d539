"""Telling a reply that is still streaming from one left ``streaming`` by a crash.

The GUI and ``samtal ask`` may use one store at the same time, so "a row is ``streaming`` when the store
is opened" does not by itself mean a crash. A process that streams into the store holds an exclusive OS
lock on a small file named by its writer token (``<store>-writers/<token>.lock``) and tags its rows with
that token. The OS drops the lock when the process dies, however it dies (SIGKILL included), so a row
whose token's lock can be taken belongs to a dead process. Unlike a pid check, this is immune to pid reuse.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from pathlib import Path

_TOKEN = re.compile(r"[0-9]+-[0-9a-f]{12}")

if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    # flock, not lockf: flock locks belong to the open file, so a second open in the same process
    # conflicts too (lockf locks belong to the process and would not).
    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class WriterLock:
    """Held by a live process for as long as it may stream into the store. ``token`` tags its rows."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(mode=0o700, exist_ok=True)
        self.token = f"{os.getpid()}-{os.urandom(6).hex()}"
        self._path = directory / f"{self.token}.lock"
        self._fd: int | None = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_lock(self._fd):  # a fresh, uniquely named file: nobody else can hold it
            os.close(self._fd)
            raise OSError(f"could not lock {self._path}")

    def release(self) -> None:
        """Drop the lock and remove the file. Idempotent."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        _unlock(fd)
        os.close(fd)
        with contextlib.suppress(OSError):
            self._path.unlink()

    @staticmethod
    def is_held(directory: Path, token: str) -> bool:
        """Whether the process that wrote rows with ``token`` is still alive."""
        if not _TOKEN.fullmatch(token):
            return False
        path = directory / f"{token}.lock"
        try:
            fd = os.open(path, os.O_RDWR)
        except OSError:
            return False
        try:
            if not _try_lock(fd):
                return True
            _unlock(fd)
        finally:
            os.close(fd)
        with contextlib.suppress(OSError):
            path.unlink()  # its owner is gone: tidy up after it
        return False
