"""Background threads that run Python hand the interpreter back to the UI thread often.

The UI thread goes between Qt and Python many times in a turn of the event loop: every slot, every event
handler Samtal overrides, and every Qt call made from Python lets go of the interpreter and takes it back.
While another thread runs Python (a conversion in the render thread, a formula drawn in the formula thread,
a library imported there), each of those takes waits until that thread is made to let go, which Python does
after ``sys.getswitchinterval()``: 5 ms by default. A turn that needs 15 ms of CPU then took up to 160-300 ms of
the UI thread while the render thread converted a hostile reply (``tests/bench/bench_markdown.py --shapes-only``:
the third figure of a stall), and some 0-25 ms with :data:`SHARED_SWITCH_INTERVAL`.

So such work runs :func:`sharing_the_interpreter`: the interval is :data:`SHARED_SWITCH_INTERVAL` while any of
it runs, and what it was before once the last of it ends. A shorter interval costs nothing while the UI thread
is idle (Python switches only when another thread waits), and a background thread that has to let go more
often loses a little of its speed only while the UI thread has work.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

SHARED_SWITCH_INTERVAL = 0.0005
"""Seconds a thread may keep the interpreter while another waits for it, as long as background work runs."""

_lock = threading.Lock()
_users = 0
_interval_before: float | None = None  # what to restore (None: nothing was changed)

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def sharing_the_interpreter() -> Iterator[None]:
    """Within: the interpreter changes threads every :data:`SHARED_SWITCH_INTERVAL` at most (if it was longer).
    Any number of threads may be within at once; the interval is restored when the last one leaves."""
    global _users, _interval_before
    with _lock:
        if _users == 0 and sys.getswitchinterval() > SHARED_SWITCH_INTERVAL:
            # Only then: Python keeps whole microseconds, so setting what it reads can change it a little.
            _interval_before = sys.getswitchinterval()
            sys.setswitchinterval(SHARED_SWITCH_INTERVAL)
        _users += 1
    try:
        yield
    finally:
        with _lock:
            _users -= 1
            if _users == 0 and _interval_before is not None:
                sys.setswitchinterval(_interval_before)
                _interval_before = None


def sharing(function: Callable[P, R]) -> Callable[P, R]:
    """``function`` run :func:`sharing_the_interpreter` (for work submitted to a background thread)."""

    def shared(*args: P.args, **kwargs: P.kwargs) -> R:
        with sharing_the_interpreter():
            return function(*args, **kwargs)

    return shared
