"""The fault matrix: every way a server can fail that we know of, played by the demo server on 127.0.0.1
(scripted with app/demo/scenarios.py) against both `samtal ask` (a real process) and the window's
`ChatController` (in-process), and checked the same way for both:

- the reply's final status (and for `samtal ask` the exit status: 0 only for a complete reply);
- one clear line: `samtal ask` writes exactly one line, ``samtal: <type>: <message>``, on standard error (none
  when the reply is complete); the window's error text is ``<type>: <message>`` on one line;
- the store afterwards: the earlier messages of the conversation byte-identical, the reply exactly what was
  printed (`samtal ask`) or last shown (the window), and `complete` only when it is exactly what the server
  sent;
- the token nowhere: not on standard output or error, not in the database's files, not in the log.

Each row of FAULTS: a name, what the server plays (one scenario per request, in order: a retried request
takes the next one; ``(path, scenario)`` for another path), the reply's final status, the start of the one
line (``{where}`` stands for the server's host:port) and the reply's text. Retries are real: a fault the
client retries (429, 5xx, a connection lost before the answer, silence) is played once per attempt, three
times in all, and a case fails if any scripted scenario is left unplayed.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias

import httpx
import pytest
import pytest_asyncio
from pytestqt.qtbot import QtBot

from app.api import MessagesClient
from app.chat.connection import ConnectionManager
from app.chat.controller import ChatController
from app.demo import DemoServer, Drop, Hang, Pause, Redirect, Reply, Stream, Unencoded, text_events
from app.demo.scenarios import Scenario
from app.paths import resolve_paths
from app.secrets import SecretStore
from app.settings import Profile, Settings
from app.store import ReplyDetails, Store
from tests.fixtures.keyrings import MemoryKeyring
from tests.fixtures.waiting import until

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "sk-ant-fault-matrix-canary-7f3a9c2e51"  # must turn up nowhere
MODEL = "claude-demo-sonnet-4-6"  # a current demo model: a retired one is warned about
PROMPT = "And now?"
TIMEOUT = 1.0  # seconds of silence before the client gives up (both sides)

# --- the reply the server means to send, and pieces of it ---------------------------------------------

TEXT = "Hello there, this reply arrives in pieces."
EVENTS = text_events(TEXT, model=MODEL, chunk=6)  # start, block start, ping, 7 deltas, stop, delta, stop
DELTAS = [i for i, event in enumerate(EVENTS) if event["type"] == "content_block_delta"]
BEFORE = EVENTS[: DELTAS[2]]  # up to the second delta: "Hello there,"
AFTER = EVENTS[DELTAS[2] + 1 :]  # from the fourth delta on (the third is replaced by the fault)
PARTIAL = "Hello there,"
UNICODE = "Grüße, 世界 ☕ – done."


def sse(event: Mapping[str, Any], *, ending: str = "\n") -> bytes:
    """One event as the API writes it."""
    data = json.dumps(event, ensure_ascii=False, separators=(",", ":"))
    return f"event: {event['type']}{ending}data: {data}{ending}{ending}".encode()


def wire(events: Sequence[Mapping[str, Any]], *, ending: str = "\n") -> bytes:
    return b"".join(sse(event, ending=ending) for event in events)


def split_everywhere(data: bytes, size: int) -> list[Any]:
    """``data`` written ``size`` bytes at a time with a pause between (lines and characters cut anywhere)."""
    return [item for i in range(0, len(data), size) for item in (data[i : i + size], Pause(0.002))]


def delta(text: str, index: int = 0) -> dict[str, Any]:
    return {"type": "content_block_delta", "index": index, "delta": {"type": "text_delta", "text": text}}


def error_event(kind: str, message: str) -> dict[str, Any]:
    return {"type": "error", "error": {"type": kind, "message": message}}


def ace(code: str, message: str) -> dict[str, Any]:
    """Ace Data Cloud's error envelope."""
    return {"error": {"code": code, "message": message}, "trace_id": f"trace-{code}"}


NO_REQUEST_ID = {"request-id": ""}  # Ace's gateway sends none: the trace id is the one to quote
HTML = "<!DOCTYPE html><html><head><title>{title}</title></head><body><h1>{title}</h1></body></html>"
HUGE = "word " * 200_000  # 1 MB

Play: TypeAlias = Scenario | tuple[str, Scenario]


@dataclass(frozen=True)
class Fault:
    """One row of the matrix."""

    name: str
    play: tuple[Play, ...]
    status: str  # the reply's final status
    line: str = ""  # the start of "type: message" ("" for a complete reply: no line at all)
    text: str = ""  # the reply's text afterwards
    text_at_most: bool = False  # the text may stop earlier (what arrived in one read with the fault)

    @property
    def exit_status(self) -> int:
        return 0 if self.status == "complete" else 1


def thrice(scenario: Scenario) -> tuple[Scenario, ...]:
    """A fault the client retries: the first attempt and both retries meet it."""
    return (scenario, scenario, scenario)


def damaged(what: str) -> str:
    return f"stream_corrupt: The reply stream was damaged: {what}. The reply is kept up to that point."


FAULTS = [
    # --- every HTTP error class, in Anthropic's envelope (the demo's) ---
    Fault("http_400", (Reply(400),), "error", "invalid_request_error: Invalid request."),
    Fault("http_401", (Reply(401),), "error", "authentication_error: invalid x-api-key"),
    Fault("http_402", (Reply(402),), "error", "billing_error: Your credit balance is too low"),
    Fault("http_403", (Reply(403),), "error", "permission_error: Your API key does not have permission"),
    Fault("http_404", (Reply(404),), "error", "not_found_error: The requested resource could not be found."),
    Fault("http_409", thrice(Reply(409)), "error", "conflict_error: Conflict."),
    Fault("http_413", (Reply(413),), "error", "request_too_large: Request exceeds the maximum allowed number"),
    Fault(
        "http_413_cloudflare_page",
        (Reply(413, {"content-type": "text/html"}, HTML.format(title="413 Request Entity Too Large")),),
        "error",
        "request_too_large: The server answered HTTP 413 (Request Entity Too Large) with a web page instead of an "
        "API error: 413 Request Entity Too Large.",
    ),
    Fault("http_418_unlisted", (Reply(418),), "error", "invalid_request_error: Invalid request."),
    Fault("http_422", (Reply(422),), "error", "invalid_request_error: Invalid request."),
    Fault("http_429", thrice(Reply(429)), "error", "rate_limit_error: Number of request tokens has exceeded"),
    Fault("http_500", thrice(Reply(500)), "error", "api_error: Internal server error"),
    Fault(
        "http_502_empty_body",
        thrice(Reply(502, body=b"")),
        "error",
        "api_error: The server answered HTTP 502 (Bad Gateway) with an empty body.",
    ),
    Fault(
        "http_503_web_page",
        thrice(Reply(503, {"content-type": "text/html"}, HTML.format(title="503 Service Unavailable"))),
        "error",
        "api_error: The server answered HTTP 503 (Service Unavailable) with a web page instead of an API error: "
        "503 Service Unavailable.",
    ),
    Fault("http_504", thrice(Reply(504)), "error", "timeout_error: Request timed out"),
    Fault("http_529", thrice(Reply(529)), "error", "overloaded_error: Overloaded"),
    Fault(
        "http_500_huge_body",
        thrice(Reply(500, body="E" * 3_000_000)),
        "error",
        "api_error: HTTP 500 (Internal Server Error): EEEE",
    ),
    # --- Ace Data Cloud's envelope ---
    Fault(
        "ace_401_invalid_token",
        (Reply(401, NO_REQUEST_ID, ace("invalid_token", "The token is invalid.")),),
        "error",
        "authentication_error: The token is invalid.",
    ),
    Fault(
        "ace_402_used_up",
        (Reply(402, NO_REQUEST_ID, ace("used_up", "Your balance is used up.")),),
        "error",
        "billing_error: Your balance is used up.",
    ),
    Fault(
        "ace_429_too_many_requests",
        thrice(Reply(429, NO_REQUEST_ID, ace("too_many_requests", "Too many requests."))),
        "error",
        "rate_limit_error: Too many requests.",
    ),
    Fault(
        "ace_500_api_error",
        thrice(Reply(500, NO_REQUEST_ID, ace("api_error", "Upstream failed."))),
        "error",
        "api_error: Upstream failed.",
    ),
    Fault(
        "ace_error_with_status_200",
        (Reply(200, NO_REQUEST_ID, ace("used_up", "Your balance is used up.")),),
        "error",
        "billing_error: Your balance is used up.",
    ),
    Fault(
        "anthropic_error_with_status_200",
        (Reply(200, body={"type": "error", "error": {"type": "invalid_request_error", "message": "Too long."}}),),
        "error",
        "invalid_request_error: Too long.",
    ),
    Fault(
        "error_event_mid_stream",
        (Stream([*BEFORE, error_event("overloaded_error", "Overloaded")]),),
        "error",
        "overloaded_error: Overloaded",
        PARTIAL,
    ),
    Fault(
        "ace_error_event_mid_stream",
        (Stream([*BEFORE, f"data: {json.dumps(ace('api_error', 'Upstream failed.'))}\n\n"]),),
        "error",
        "api_error: Upstream failed.",
        PARTIAL,
    ),
    # --- resets at every stage ---
    Fault(
        "reset_before_headers",
        thrice(Drop()),
        "error",
        "connection_error: The connection to {where} failed before an answer arrived",
    ),
    Fault(
        "reset_after_headers",
        (Stream([Drop()]),),
        "interrupted",
        "stream_interrupted: The connection was lost before the reply was complete",
    ),
    Fault(
        "reset_mid_event",
        (Stream([*BEFORE, b'event: content_block_delta\ndata: {"type":"content_block_delta","ind', Drop()]),),
        "interrupted",
        "stream_interrupted: The connection was lost before the reply was complete",
        PARTIAL,
    ),
    Fault(
        "reset_between_events",
        (Stream([*BEFORE, Drop()]),),
        "interrupted",
        "stream_interrupted: The connection was lost before the reply was complete",
        PARTIAL,
    ),
    Fault("reset_after_message_stop", (Stream([*EVENTS, Drop()]),), "complete", text=TEXT),
    # --- hangs at every stage ---
    Fault("hang_before_headers", thrice(Hang()), "error", "timeout: {where} sent nothing for 1.0 s."),
    Fault("hang_after_headers", (Stream([Hang()]),), "error", "timeout: {where} sent nothing for 1.0 s."),
    Fault(
        "hang_mid_event",
        (Stream([*BEFORE, b'event: content_block_delta\ndata: {"ty', Hang()]),),
        "error",
        "timeout: {where} sent nothing for 1.0 s.",
        PARTIAL,
    ),
    Fault(
        "hang_between_events",
        (Stream([*BEFORE, Hang()]),),
        "error",
        "timeout: {where} sent nothing for 1.0 s.",
        PARTIAL,
    ),
    Fault("hang_after_message_stop", (Stream([*EVENTS, Hang()]),), "complete", text=TEXT),
    # --- malformed and truncated streams ---
    Fault(
        "data_line_not_json",
        (
            Stream(
                [*BEFORE, b'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"del\n\n', *AFTER]
            ),
        ),
        "error",
        damaged("a content_block_delta event whose data is not JSON"),
        PARTIAL,
    ),
    Fault(
        "data_line_not_json_unnamed",
        (Stream([*BEFORE, b"data: MIDDLE-PIECE\n\n", *AFTER]),),
        "error",
        damaged("an event whose data is not JSON"),
        PARTIAL,
    ),
    Fault(
        "fields_of_the_wrong_type",
        (Stream([*BEFORE, {**delta(" this "), "index": "0"}, *AFTER]),),
        "error",
        damaged("a content_block_delta event whose fields have the wrong types"),
        PARTIAL,
    ),
    Fault(
        "delta_for_a_block_never_started",
        (Stream([*BEFORE, delta(" this ", index=3), *AFTER]),),
        "error",
        damaged("a text_delta for block 3, which never started"),
        PARTIAL,
    ),
    Fault(
        "second_message_start",
        (Stream([*BEFORE, EVENTS[0], *AFTER]),),
        "error",
        damaged("a message_start after the reply had begun"),
        PARTIAL,
    ),
    Fault(
        "event_after_message_stop",
        (Stream([*EVENTS, delta(" And more.")]),),
        "error",
        damaged("a content_block_delta event after message_stop"),
        TEXT,
    ),
    Fault(
        "no_message_stop",
        (Stream(EVENTS[:-1]),),
        "interrupted",
        "stream_interrupted: The reply stream ended before the reply was complete.",
        TEXT,
    ),
    Fault(
        "ends_in_the_middle_of_an_event",
        (Stream([*BEFORE, b'event: content_block_delta\ndata: {"type"']),),
        "interrupted",
        "stream_interrupted: The reply stream ended in the middle of an event",
        PARTIAL,
    ),
    Fault(
        "empty_stream",
        (Stream([]),),
        "interrupted",
        "stream_interrupted: The server ended the reply stream before sending anything.",
    ),
    Fault(
        "pings_comments_and_unknown_events",
        (
            Stream(
                [
                    *EVENTS[:3],
                    b": keep-alive\n\n",
                    b'event: future_event\ndata: {"type":"future_event","x":1}\n\n',
                    {"type": "content_block_delta", "index": 0, "delta": {"type": "future_delta"}},
                    *EVENTS[3:],
                    b"data: [DONE]\n\n",
                ]
            ),
        ),
        "complete",
        text=TEXT,
    ),
    Fault(
        "cut_at_every_few_bytes",
        (Stream(split_everywhere(wire(text_events(UNICODE, chunk=3)), 5)),),
        "complete",
        text=UNICODE,
    ),
    Fault("crlf_line_endings", (Stream([wire(EVENTS, ending="\r\n")]),), "complete", text=TEXT),
    Fault("byte_order_mark", (Stream([b"\xef\xbb\xbf", *EVENTS]),), "complete", text=TEXT),
    # --- encodings ---
    Fault("gzip", (Stream(EVENTS, encoding="gzip"),), "complete", text=TEXT),
    Fault("deflate", (Stream(EVENTS, encoding="deflate"),), "complete", text=TEXT),
    Fault(
        "gzip_then_garbage",
        (Stream([*BEFORE, Pause(0.2), Unencoded(b"\xff" * 32), *AFTER], encoding="gzip"),),
        "error",
        damaged("the gzip compression could not be undone"),
        PARTIAL,
        text_at_most=True,
    ),
    Fault(
        "encoding_not_asked_for",
        (Stream(EVENTS, headers={"content-encoding": "compress"}),),
        "error",
        "api_error: Unexpected answer from {where} (HTTP 200): It is compressed with 'compress', which Samtal did "
        "not ask for and can't read.",
    ),
    Fault(
        "latin1_charset",
        (
            Stream(
                [*BEFORE, sse(delta(" café ")).replace("é".encode(), b"\xe9"), *AFTER],
                headers={"content-type": "text/event-stream; charset=iso-8859-1"},
            ),
        ),
        "error",
        damaged("a content_block_delta event that is not UTF-8 text"),
        PARTIAL,
    ),
    # --- redirects ---
    Fault("redirect_within_the_host", (Redirect("/v1/messages"), Stream(EVENTS)), "complete", text=TEXT),
    Fault(
        "redirect_to_another_host",
        (Redirect("http://localhost:9/v1/messages"),),
        "error",
        "redirect_refused: {where} redirected the request to another host, localhost.",
    ),
    Fault(
        "redirect_303_to_a_get",
        (Redirect("/v1/elsewhere", status=303),),
        "error",
        "redirect_refused: {where} redirected the request to http://{where}/v1/elsewhere in a way that would send "
        "it again as a GET",
    ),
    Fault(
        "redirect_loop",
        (Redirect("/v1/loop"), *(("/v1/loop", Redirect("/v1/loop")) for _ in range(20))),
        "error",
        "redirect_refused: {where} redirected the request again and again (a redirect loop)",
    ),
    # --- slow and huge ---
    Fault(
        "slow_headers",
        (Reply(200, {"content-type": "text/event-stream"}, wire(EVENTS), delay=0.6),),
        "complete",
        text=TEXT,
    ),
    Fault("slow_first_event", (Stream([Pause(0.6), *EVENTS]),), "complete", text=TEXT),
    Fault(
        "slow_between_events",
        (Stream([item for event in EVENTS for item in (Pause(0.1), event)]),),
        "complete",
        text=TEXT,
    ),
    Fault("huge_reply", (Stream(text_events(HUGE, model=MODEL, chunk=1000)),), "complete", text=HUGE),
    Fault(
        "huge_single_event", (Stream(text_events(HUGE * 2, model=MODEL, chunk=2_000_000)),), "complete", text=HUGE * 2
    ),
    # --- the wrong content type ---
    Fault(
        "web_page_with_status_200",
        (Reply(200, {"content-type": "text/html; charset=utf-8"}, HTML.format(title="Hotel Wi-Fi")),),
        "error",
        "api_error: The server answered with a web page (“Hotel Wi-Fi”) instead of the API's reply: a proxy, a "
        "captive portal or a wrong base URL is in the way.",
    ),
    Fault(
        "web_page_labelled_text_plain",
        (Reply(200, body=HTML.format(title="Hotel Wi-Fi")),),
        "error",
        "api_error: The server answered with a web page (“Hotel Wi-Fi”) instead of the API's reply",
    ),
    Fault(
        "plain_text_with_status_200",
        (Reply(200, body="OK"),),
        "error",
        "api_error: Unexpected answer from {where} (HTTP 200): It is not an event stream (content type text/plain).",
    ),
    Fault(
        "whole_message_instead_of_a_stream",
        (Reply(200, body={"id": "msg_1", "type": "message", "role": "assistant", "content": []}),),
        "error",
        "api_error: Unexpected answer from {where} (HTTP 200): It is JSON instead of an event stream.",
    ),
    Fault(
        "stream_labelled_octet_stream",
        (Stream(EVENTS, headers={"content-type": "application/octet-stream"}),),
        "complete",
        text=TEXT,
    ),
]


def test_the_matrix_is_big_enough_and_its_names_are_unique() -> None:
    assert len(FAULTS) >= 40
    assert len({fault.name for fault in FAULTS}) == len(FAULTS)


# --- shared by both sides ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shared_server() -> Iterator[DemoServer]:
    with DemoServer(delay=0.0) as running:
        yield running


@pytest.fixture
def server(shared_server: DemoServer) -> Iterator[DemoServer]:
    shared_server.script.clear()
    yield shared_server
    shared_server.script.clear()


def play(server: DemoServer, fault: Fault) -> None:
    for item in fault.play:
        path, scenario = item if isinstance(item, tuple) else ("/v1/messages", item)
        server.script.push(scenario, path=path)


def expected_line(fault: Fault, server: DemoServer) -> str:
    return fault.line.format(where=server.url.removeprefix("http://"))


@dataclass(frozen=True)
class Seeded:
    """A conversation with one earlier exchange, and its rows as they were."""

    conversation_id: int
    message_ids: tuple[int, ...]
    rows: list[tuple[Any, ...]]


def seed(store: Store, path: Path) -> Seeded:
    conversation = store.create_conversation(params={"model": MODEL, "max_tokens": 1024})
    question = store.add_message(conversation.id, "user", "An earlier question")
    answer = store.add_message(
        conversation.id,
        "assistant",
        [{"type": "text", "text": "An earlier answer."}],
        details=ReplyDetails(model=MODEL),
    )
    ids = (question.id, answer.id)
    return Seeded(conversation.id, ids, message_rows(path, ids))


def message_rows(path: Path, ids: Sequence[int]) -> list[tuple[Any, ...]]:
    """The rows of these messages, every column, read straight from the file."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        marks = ",".join("?" * len(ids))
        return connection.execute(f"SELECT * FROM messages WHERE id IN ({marks}) ORDER BY id", ids).fetchall()


def check_the_store(fault: Fault, path: Path, seeded: Seeded) -> str:
    """The earlier messages unchanged, one reply after them with the expected status and text; its text."""
    assert message_rows(path, seeded.message_ids) == seeded.rows
    with Store.open(path) as store:
        branch = store.path(seeded.conversation_id)
        assert [m.id for m in branch[:2]] == list(seeded.message_ids)
        assert [m.role for m in branch[2:]] == ["user", "assistant"]
        reply = branch[-1]
        assert reply.status == fault.status
        if fault.text_at_most:
            assert fault.text.startswith(reply.text)
        else:
            assert reply.text == fault.text
        if fault.status == "complete":
            assert reply.stop_reason == "end_turn"  # the whole reply, as the server ended it
            assert reply.error is None
        else:
            assert reply.error is not None
            assert "\n" not in reply.error.message
        return reply.text


def check_no_token_in_files(directory: Path) -> None:
    for file in directory.rglob("*"):
        if file.is_file():
            assert TOKEN.encode() not in file.read_bytes(), file


def check_every_scenario_played(server: DemoServer) -> None:
    assert server.script.pending() == 0, "the client made fewer requests than the fault expects"


# --- samtal ask, a real process ------------------------------------------------------------------------


@pytest.mark.parametrize("fault", FAULTS, ids=lambda fault: fault.name)
def test_samtal_ask(fault: Fault, server: DemoServer, tmp_path: Path) -> None:
    data = tmp_path / "data"
    paths = resolve_paths(data).ensure()
    with Store.open(paths.store) as store:
        seeded = seed(store, paths.store)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "SAMTAL_", "QT_"))}
    env.update({"ANTHROPIC_API_KEY": TOKEN, "ANTHROPIC_BASE_URL": server.url, "HOME": str(tmp_path)})
    conversation = ["--conversation", str(seeded.conversation_id)]
    play(server, fault)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "app.main",
            "--data-dir",
            str(data),
            "ask",
            "--timeout",
            str(TIMEOUT),
            *conversation,
            PROMPT,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=60,  # run() kills the process when it takes longer
        stdin=subprocess.DEVNULL,
        check=False,
    )
    out, err = result.stdout.decode(), result.stderr.decode()
    check_every_scenario_played(server)
    assert result.returncode == fault.exit_status, err
    if fault.status == "complete":
        assert err == ""
    else:
        assert err.count("\n") == 1, err  # one line, and nothing else (no traceback, no bare log line)
        assert err.startswith(f"samtal: {expected_line(fault, server)}"), err
    text = check_the_store(fault, paths.store, seeded)
    assert out == (text + "\n" if text else "")  # the reply is exactly what was printed
    assert TOKEN not in out
    assert TOKEN not in err
    check_no_token_in_files(data)


# --- the window's controller, in-process ----------------------------------------------------------------


@dataclass
class Window:
    """A controller on its own store, talking to the shared server the way the window does."""

    controller: ChatController
    store: Store
    path: Path


async def _no_wait(seconds: float) -> None:
    await asyncio.sleep(0)  # the retries happen; their backoff is not waited for here


@pytest_asyncio.fixture
async def window(qtbot: QtBot, tmp_path: Path, server: DemoServer) -> AsyncIterator[Window]:
    path = tmp_path / "samtal.sqlite3"
    store = Store.open(path)
    settings = Settings.load(resolve_paths(tmp_path))

    def client(**options: Any) -> MessagesClient:
        return MessagesClient(**{"timeout": httpx.Timeout(TIMEOUT), "sleep": _no_wait, **options})

    manager = ConnectionManager(settings, SecretStore(MemoryKeyring()), tmp_path / "cache", client_factory=client)
    assert manager.use_profile(Profile("faults", "Faults", "custom", server.url, "x-api-key"), token=TOKEN)
    controller = ChatController(store, manager, default_params=lambda: {"model": MODEL, "max_tokens": 1024})
    yield Window(controller, store, path)
    await controller.shutdown()
    await manager.aclose()
    store.close()


@pytest.mark.asyncio
@pytest.mark.parametrize("fault", FAULTS, ids=lambda fault: fault.name)
async def test_the_windows_controller(
    fault: Fault, qtbot: QtBot, window: Window, server: DemoServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    seeded = seed(window.store, window.path)
    shown: list[str] = []
    finished: list[str] = []
    controller = window.controller
    controller.reply_progress.connect(lambda _c, _m, partial: shown.append(_text(partial)))
    controller.reply_finished.connect(lambda _c, _m, status: finished.append(status))
    play(server, fault)
    assert controller.send(seeded.conversation_id, PROMPT) is None  # sent
    await until(lambda: finished, timeout=30)
    check_every_scenario_played(server)
    assert finished == [fault.status]
    text = check_the_store(fault, window.path, seeded)
    assert shown[-1] == text  # the reply is exactly what was last shown
    reply = window.store.path(seeded.conversation_id)[-1]
    if fault.status != "complete":
        assert reply.error is not None
        assert f"{reply.error.type}: {reply.error.message}".startswith(expected_line(fault, server))
    assert TOKEN not in caplog.text
    check_no_token_in_files(tmp_path)


def _text(partial: Mapping[str, Any]) -> str:
    blocks = partial.get("content") or []
    return "\n\n".join(b["text"] for b in blocks if b.get("type") == "text" and isinstance(b.get("text"), str))
