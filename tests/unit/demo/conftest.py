"""Demo tests share one running server per test module (starting is cheap, stopping takes ~0.1 s);
each test gets it back in a fresh state and an httpx client that authenticates with a fake token."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from app.demo import DemoServer

TOKEN = "sk-demo-test-token"


@pytest.fixture(scope="module")
def shared_server() -> Iterator[DemoServer]:
    with DemoServer(delay=0.0) as server:
        yield server


@pytest.fixture
def server(shared_server: DemoServer) -> Iterator[DemoServer]:
    yield shared_server
    leftover = shared_server.script.pending()
    shared_server.script.clear()
    shared_server.clear_requests()
    shared_server.clear_cache()
    shared_server.require_token = None
    shared_server.delay = 0.0
    assert leftover == 0, "the test left scripted scenarios unplayed"


@pytest.fixture
def client(server: DemoServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, headers={"x-api-key": TOKEN}, timeout=10) as made:
        yield made
