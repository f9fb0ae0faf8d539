"""WriterLock tells a live writer from a dead one, however the dead one died."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from app.store.writer_lock import WriterLock
from tests.fixtures.processes import started

_HOLD_LOCK = """
import sys, time
from pathlib import Path
from app.store.writer_lock import WriterLock
lock = WriterLock(Path(sys.argv[1]))
print(lock.token, flush=True)
time.sleep(60)
"""


def test_a_lock_is_held_until_released(tmp_path: Path) -> None:
    lock = WriterLock(tmp_path / "writers")
    assert WriterLock.is_held(tmp_path / "writers", lock.token)
    lock.release()
    lock.release()  # idempotent
    assert not WriterLock.is_held(tmp_path / "writers", lock.token)
    assert list((tmp_path / "writers").iterdir()) == []


def test_the_lock_of_a_killed_process_is_free(tmp_path: Path) -> None:
    directory = tmp_path / "writers"
    with started([sys.executable, "-c", _HOLD_LOCK, str(directory)], stdout=subprocess.PIPE, text=True) as child:
        assert child.stdout is not None
        token = child.stdout.readline().strip()
        assert WriterLock.is_held(directory, token)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        assert not WriterLock.is_held(directory, token)
        assert list(directory.iterdir()) == []  # the dead writer's file was tidied away


def test_unknown_or_malformed_tokens_are_not_held(tmp_path: Path) -> None:
    directory = tmp_path / "writers"
    directory.mkdir()
    assert not WriterLock.is_held(directory, "123-0123456789ab")
    (directory / "x.lock").touch()
    assert not WriterLock.is_held(directory, "../x")
    assert not WriterLock.is_held(directory, "x")
