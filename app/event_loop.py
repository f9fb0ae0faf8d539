"""The asyncio event loop that runs on Qt's: qasync's, plus what it leaves out.

qasync's loop does not install asyncio's async-generator hooks (asyncio's own ``run_forever`` does), so
an async generator abandoned part-way, such as httpx's response body when the user presses Stop, would
be finalised by the garbage collector outside the loop and fail noisily. This loop installs the hooks,
so such generators are closed on the loop, as with plain asyncio.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Coroutine
from typing import Any, TypeVar

import qasync
from PySide6.QtWidgets import QApplication

T = TypeVar("T")


class QtEventLoop(qasync.QEventLoop):
    """qasync.QEventLoop with asyncio's async-generator hooks installed for the loop's whole life (from
    creation to `close`), so a generator collected while the loop is between runs is closed on the loop
    at its next run instead of being finalised synchronously, outside any loop."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._saved_agen_hooks: Any = sys.get_asyncgen_hooks()
        sys.set_asyncgen_hooks(firstiter=self._asyncgen_firstiter_hook, finalizer=self._asyncgen_finalizer_hook)

    def close(self) -> None:
        if self._saved_agen_hooks is not None:
            sys.set_asyncgen_hooks(*self._saved_agen_hooks)
            self._saved_agen_hooks = None
        super().close()


def new_loop() -> QtEventLoop:
    """A loop on the running QApplication (made if there is none)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    return QtEventLoop(app)


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` on Qt's event loop (Python 3.11+: ``asyncio.Runner`` takes the loop factory)."""
    with asyncio.Runner(loop_factory=new_loop) as runner:
        return runner.run(coroutine)
