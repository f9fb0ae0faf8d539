"""`DemoServer`: the demo Messages API on 127.0.0.1, served by uvicorn (h11) in a background thread.

uvicorn runs quietly (warnings only, no access log, no logging configuration of its own) and never
installs signal handlers, since it does not run on the main thread. Stopping aborts every open
connection first, so `stop()` is quick even while a scripted `Hang` holds a response open.
"""

from __future__ import annotations

import asyncio
import os
import socket
import threading
import time
from collections.abc import Callable
from types import TracebackType

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from app.demo.http_app import ConnectionRegistry, DemoApp, RecordedRequest
from app.demo.scenarios import Script

__all__ = ["DEMO_TOKEN", "INTERACTIVE_DELAY", "DemoServer"]

INTERACTIVE_DELAY = 0.02  # seconds between streamed deltas when a person is watching (`--demo`)
DEMO_TOKEN = "demo"  # what `--demo` sends: the server accepts any token, and this one is no secret
_HOST = "127.0.0.1"
_START_TIMEOUT = 10.0
_STOP_TIMEOUT = 5.0


def _tracking_protocol(connections: ConnectionRegistry) -> type[H11Protocol]:
    """uvicorn's h11 protocol, reporting each connection to `connections` so that it can be cut."""

    class TrackingH11Protocol(H11Protocol):
        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]  # as in uvicorn
            # uvicorn writes a response's head and body separately; without this, Nagle's algorithm and
            # the client's delayed ACK hold every reply on a kept-alive connection back by ~40 ms.
            connection = transport.get_extra_info("socket")
            if connection is not None:
                connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            super().connection_made(transport)
            connections.opened(self.client, transport)

        def connection_lost(self, exc: Exception | None) -> None:
            connections.lost(self.client)
            super().connection_lost(exc)

    return TrackingH11Protocol


class DemoServer:
    """A loopback server speaking the Claude Messages API, for `samtal --demo` and for tests.

    `delay` is the pause between streamed deltas (0: as fast as possible). `port` 0 lets the OS choose.
    `record_requests=False` keeps `requests` empty (for long interactive sessions such as `--demo`).
    `clock` (monotonic seconds) decides when prompt cache entries expire: a test passes its own to make
    time pass. Use `start()`/`stop()` or `with DemoServer() as server:`. `script`, `delay` and
    `require_token` can be changed at any time, from any thread.
    """

    def __init__(
        self,
        delay: float = 0.0,
        *,
        port: int = 0,
        record_requests: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if delay < 0:
            raise ValueError("delay must be non-negative")
        self._app = DemoApp(delay=delay, record_requests=record_requests, clock=clock)
        self._port = port
        self._url: str | None = None
        self._thread: threading.Thread | None = None
        self._server: uvicorn.Server | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def script(self) -> Script:
        """Scenarios to play instead of the default behaviour, FIFO per path."""
        return self._app.script

    @property
    def delay(self) -> float:
        """Seconds between streamed deltas of default replies."""
        return self._app.delay

    @delay.setter
    def delay(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("delay must be non-negative")
        self._app.delay = seconds

    @property
    def require_token(self) -> str | None:
        """When set, requests carrying any other token get 401 `authentication_error`."""
        return self._app.require_token

    @require_token.setter
    def require_token(self, token: str | None) -> None:
        self._app.require_token = token

    @property
    def requests(self) -> list[RecordedRequest]:
        """A snapshot of every request received so far, in arrival order."""
        return self._app.requests

    def clear_requests(self) -> None:
        """Empty the request log."""
        self._app.clear_requests()

    def clear_cache(self) -> None:
        """Forget everything the prompt cache holds."""
        self._app.prompt_cache.clear()

    @property
    def url(self) -> str:
        """`http://127.0.0.1:<port>` (the base URL, without `/v1`)."""
        if self._url is None:
            raise RuntimeError("the demo server is not running")
        return self._url

    def start(self) -> None:
        """Listen and serve in a background thread; return once requests are being answered."""
        if self._thread is not None:
            raise RuntimeError("the demo server is already running")
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            if os.name == "posix":  # so a fixed --port can be reused at once after a restart
                listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind((_HOST, self._port))
        except OSError:
            listener.close()
            raise
        self._app.connections = ConnectionRegistry()
        config = uvicorn.Config(
            self._app,
            http=_tracking_protocol(self._app.connections),
            ws="none",
            lifespan="off",
            interface="asgi3",
            log_config=None,
            log_level="warning",
            access_log=False,
            server_header=False,
            proxy_headers=False,
            timeout_graceful_shutdown=1,
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(target=self._run, args=(server, listener), name="samtal-demo-server", daemon=True)
        self._server, self._thread = server, thread
        thread.start()
        deadline = time.monotonic() + _START_TIMEOUT
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the demo server failed to start")
            time.sleep(0.002)
        self._url = f"http://{_HOST}:{listener.getsockname()[1]}"

    def _run(self, server: uvicorn.Server, listener: socket.socket) -> None:
        async def serve() -> None:
            self._loop = asyncio.get_running_loop()
            await server.serve(sockets=[listener])

        # A plain selector loop of its own: the GUI thread's qasync installs an event-loop policy that
        # would otherwise hand this thread a Qt loop.
        try:
            with asyncio.Runner(loop_factory=asyncio.SelectorEventLoop) as runner:
                runner.run(serve())
        finally:
            listener.close()

    def stop(self) -> None:
        """Cut every connection and stop serving; does nothing if not running."""
        thread, server, loop = self._thread, self._server, self._loop
        if thread is None or server is None:
            return
        self._thread = self._server = self._loop = None
        self._url = None
        server.should_exit = True
        if loop is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(self._app.connections.cut_all)
            except RuntimeError:  # the loop closed in between: nothing left to cut
                pass
        thread.join(_STOP_TIMEOUT)
        if thread.is_alive():
            raise RuntimeError("the demo server did not stop in time")

    def __enter__(self) -> DemoServer:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()
