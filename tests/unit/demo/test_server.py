"""DemoServer's life cycle: start on 127.0.0.1, stop quickly and completely, no signal handlers."""

from __future__ import annotations

import re
import signal
import socket
import threading
import time

import httpx
import pytest

from app.demo import DemoServer, Hang, Stream, text_events
from tests.fixtures.demo import demo_server  # noqa: F401  (the fixture under test)

HEADERS = {"x-api-key": "sk-demo"}


def test_start_serves_on_loopback_and_stop_closes_the_port() -> None:
    server = DemoServer()
    server.stop()  # not running: nothing to do
    with pytest.raises(RuntimeError):
        _ = server.url
    handlers = (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM))
    server.start()
    try:
        url = server.url
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url)
        with pytest.raises(RuntimeError):
            server.start()
        assert httpx.get(f"{url}/v1/models", headers=HEADERS).status_code == 200
    finally:
        server.stop()
    server.stop()  # idempotent
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == handlers
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{url}/v1/models", headers=HEADERS)
    server.start()  # a stopped server can start again
    try:
        assert httpx.get(f"{server.url}/v1/models", headers=HEADERS).status_code == 200
    finally:
        server.stop()


def test_stop_is_quick_and_cuts_a_hanging_stream() -> None:
    outcome: list[BaseException | None] = []
    first_bytes = threading.Event()

    def listen(url: str) -> None:
        try:
            with httpx.Client(timeout=10) as client, client.stream("POST", url, headers=HEADERS, json={}) as response:
                for _ in response.iter_raw():
                    first_bytes.set()
            outcome.append(None)
        except httpx.HTTPError as error:
            outcome.append(error)

    with DemoServer() as server:
        server.script.push(Stream([*text_events("Stuck")[:2], Hang()]))
        listener = threading.Thread(target=listen, args=(f"{server.url}/v1/messages",))
        listener.start()
        assert first_bytes.wait(5)
        started = time.perf_counter()
        server.stop()
        assert time.perf_counter() - started < 1.0
    listener.join(5)
    assert isinstance(outcome[0], httpx.RemoteProtocolError | httpx.ReadError)


def test_a_busy_port_is_reported() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(OSError):
            DemoServer(port=taken.getsockname()[1]).start()


def test_a_fixed_port_is_used() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with DemoServer(port=port) as server:
        assert server.url == f"http://127.0.0.1:{port}"


def test_delay_must_not_be_negative() -> None:
    with pytest.raises(ValueError, match="delay"):
        DemoServer(delay=-0.1)
    server = DemoServer(delay=0.5)
    assert server.delay == 0.5
    with pytest.raises(ValueError, match="delay"):
        server.delay = -1


def test_the_demo_server_fixture_gives_a_running_server(demo_server: DemoServer) -> None:  # noqa: F811
    assert httpx.get(f"{demo_server.url}/v1/models", headers=HEADERS).status_code == 200
    assert demo_server.requests[0].path == "/v1/models"


def test_requests_can_go_unrecorded() -> None:
    with DemoServer(record_requests=False) as server:
        assert httpx.get(f"{server.url}/v1/models", headers=HEADERS).status_code == 200
        assert server.requests == []
