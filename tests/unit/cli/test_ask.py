"""`samtal ask` against the demo server: output, exit status, what is sent and what is saved."""

from __future__ import annotations

import base64
import json
import logging
import re
import struct
import time
import zlib
from pathlib import Path
from typing import Any

import pytest

from app.api import strip_private
from app.attachments import IMAGE_NAME_KEY
from app.cli import ask as ask_module
from app.cli import provider as provider_module
from app.demo import DemoServer, Drop, Hang, Pause, Reply, Stream, text_events
from app.demo.signatures import sign_thinking
from app.paths import resolve_paths
from app.secrets import SecretStore
from app.settings import Profile, Settings
from tests.fixtures.keyrings import MemoryKeyring
from tests.fixtures.reply_events import reply_events, reply_message
from tests.unit.cli.conftest import TOKEN, Samtal


def after_deltas(events: list[dict[str, object]], count: int) -> int:
    """The index just after the ``count``-th text delta."""
    return [i for i, event in enumerate(events) if event["type"] == "content_block_delta"][count - 1] + 1


OLDER_MODEL = "gateway-model"  # a model the catalog doesn't know: whatever is given is sent (the API decides)
SAMPLER = "claude-sonnet-4-6"  # takes temperature, top_p (not both) and top_k, and thinking with a budget
REPLY = "Stockholm is the capital of Sweden.\n\nIt is built on fourteen islands."


def test_the_reply_streams_to_stdout_and_the_exchange_is_saved(samtal: Samtal, server: DemoServer) -> None:
    server.script.push(Stream(text_events(REPLY, model="claude-demo-sonnet-5")))
    result = samtal("ask", "What is the capital of Sweden?")
    assert (result.status, result.out, result.err) == (0, REPLY + "\n", "")

    (request,) = server.requests
    assert request.json == {
        "model": "claude-sonnet-5-5",
        "max_tokens": 4096,
        "messages": [{"role": "user", "content": [{"type": "text", "text": "What is the capital of Sweden?"}]}],
        "stream": True,
    }
    with samtal.store() as store:
        (conversation,) = store.list_conversations()
        assert conversation.title == "What is the capital of Sweden?"
        assert conversation.params == {"model": "claude-sonnet-5-5", "max_tokens": 4096}
        question, answer = store.path(conversation.id)
        assert (question.role, question.text) == ("user", "What is the capital of Sweden?")
        assert (answer.role, answer.status, answer.text) == ("assistant", "complete", REPLY)
        assert answer.model == "claude-demo-sonnet-5"
        assert answer.stop_reason == "end_turn"
        assert answer.usage is not None
        assert answer.usage["output_tokens"] > 0
        assert answer.timings is not None
        assert answer.timings["duration"] > 0
        assert answer.response_headers is not None
        assert answer.response_headers["request-id"].startswith("req_demo_")
        assert store.requests.get(answer.id) == {k: v for k, v in request.json.items() if k != "stream"}


def test_parameters_given_are_sent_and_no_others(samtal: Samtal, server: DemoServer) -> None:
    result = samtal(
        "ask",
        "--model",
        OLDER_MODEL,
        "--max-tokens",
        "300",
        "--temperature",
        "0.2",
        "--top-p",
        "0.9",
        "--top-k",
        "40",
        "--stop",
        "END",
        "--stop",
        "STOP",
        "--system",
        "Be brief.",
        "--user-id",
        "u-123",
        "hi",
    )
    assert result.status == 0
    body = server.requests[0].json
    assert body is not None
    assert {key: value for key, value in body.items() if key != "messages"} == {
        "model": OLDER_MODEL,
        "max_tokens": 300,
        "temperature": 0.2,
        "top_p": 0.9,
        "top_k": 40,
        "stop_sequences": ["END", "STOP"],
        "system": "Be brief.",
        "metadata": {"user_id": "u-123"},
        "stream": True,
    }


@pytest.mark.parametrize(
    "bad", [["--top-k", "x"], ["--temperature", "warm"], ["-c", "--conversation", "1"], ["--tool-choice", "some"]]
)
def test_bad_options_are_usage_errors(samtal: Samtal, server: DemoServer, bad: list[str]) -> None:
    result = samtal("ask", *bad, "hi")
    assert result.status == 2
    assert server.requests == []


def test_continuing_sends_the_branch_and_extends_it(samtal: Samtal, server: DemoServer) -> None:
    server.script.push(Stream(text_events("First answer.")))
    server.script.push(Stream(text_events("Second answer.")))
    server.script.push(Stream(text_events("Third answer.")))
    assert samtal("ask", "--model", SAMPLER, "--temperature", "0.5", "first question").status == 0
    assert samtal("ask", "-c", "second question").status == 0
    with samtal.store() as store:
        conversation_id = store.list_conversations()[0].id
    assert samtal("ask", "--conversation", str(conversation_id), "third question").status == 0

    texts = [
        [block["text"] for message in r.json["messages"] for block in message["content"]]  # type: ignore[index]
        for r in server.requests
    ]
    assert texts[2] == ["first question", "First answer.", "second question", "Second answer.", "third question"]
    assert server.requests[2].json["temperature"] == 0.5  # type: ignore[index]  # the conversation's own
    with samtal.store() as store:
        (conversation,) = store.list_conversations()
        assert conversation.message_count == 6
        assert store.path(conversation.id)[-1].text == "Third answer."


def test_continuing_needs_a_conversation(samtal: Samtal, server: DemoServer) -> None:
    result = samtal("ask", "-c", "hello?")
    assert (result.status, result.err) == (1, "samtal: there is no conversation to continue yet\n")
    result = samtal("ask", "--conversation", "77", "hello?")
    assert (result.status, result.err) == (1, "samtal: No conversation 77\n")
    assert server.requests == []


def test_no_save_saves_nothing_even_when_continuing(samtal: Samtal, server: DemoServer) -> None:
    server.script.push(Stream(text_events("Kept.")))
    server.script.push(Stream(text_events("Not kept.")))
    assert samtal("ask", "remember me").status == 0
    result = samtal("ask", "--no-save", "-c", "and this?")
    assert (result.status, result.out) == (0, "Not kept.\n")
    assert [m["role"] for m in server.requests[1].json["messages"]] == ["user", "assistant", "user"]  # type: ignore[index]
    with samtal.store() as store:
        assert store.list_conversations()[0].message_count == 2


def test_no_save_without_a_conversation_does_not_even_create_the_store(samtal: Samtal, server: DemoServer) -> None:
    assert samtal("ask", "--no-save", "hello").status == 0
    assert not (samtal.data_dir / "samtal.sqlite3").exists()


def test_the_prompt_can_come_from_stdin(samtal: Samtal, server: DemoServer) -> None:
    assert samtal("ask", stdin="from a pipe\n").status == 0
    assert samtal("ask", "-", stdin="from a dash").status == 0
    assert samtal("ask", stdin="   \n").status == 2
    sent = [r.json["messages"][-1]["content"][0]["text"] for r in server.requests]  # type: ignore[index]
    assert sent == ["from a pipe\n", "from a dash"]


def test_json_prints_the_final_message(samtal: Samtal, server: DemoServer) -> None:
    server.script.push(Stream(text_events("Hi there.", model="claude-demo-opus-5")))
    result = samtal("ask", "--json", "hello")
    assert result.status == 0
    printed = json.loads(result.out)
    assert printed["type"] == "message"
    assert printed["content"] == [{"type": "text", "text": "Hi there."}]
    assert printed["stop_reason"] == "end_turn"
    assert printed["samtal"]["conversation_id"] == 1
    assert printed["samtal"]["message_id"] == 2
    assert printed["samtal"]["request_id"].startswith("req_demo_")


def test_an_api_error_is_one_line_on_stderr_and_saved(samtal: Samtal, server: DemoServer) -> None:
    server.require_token = "some-other-token"
    result = samtal("ask", "hello")
    assert result.status == 1
    assert result.out == ""
    assert result.err.startswith("samtal: authentication_error: invalid x-api-key (request id req_demo_")
    assert result.err.count("\n") == 1
    assert TOKEN not in result.err
    with samtal.store() as store:
        answer = store.path(1)[-1]
        assert (answer.status, answer.content) == ("error", [])
        assert answer.error is not None
        assert (answer.error.type, answer.error.message) == ("authentication_error", "invalid x-api-key")
        assert answer.error.request_id is not None
        assert answer.error.request_id.startswith("req_demo_")


def test_an_error_mid_stream_keeps_the_partial_reply(samtal: Samtal, server: DemoServer) -> None:
    events = text_events("Partial answer that goes on", chunk=8)
    overloaded = {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}
    server.script.push(Stream([*events[: after_deltas(events, 2)], overloaded]))
    result = samtal("ask", "hello")
    assert result.status == 1
    assert result.out == "Partial answer t\n"
    assert result.err.startswith("samtal: overloaded_error: Overloaded")
    with samtal.store() as store:
        answer = store.path(1)[-1]
        assert (answer.status, answer.text) == ("error", "Partial answer t")


def test_a_dropped_connection_leaves_an_interrupted_reply(samtal: Samtal, server: DemoServer) -> None:
    events = text_events("Cut off in the middle", chunk=6)
    server.script.push(Stream([*events[: after_deltas(events, 2)], Pause(0.01), Drop()]))
    result = samtal("ask", "hello")
    assert result.status == 1
    assert result.out == "Cut off in t\n"
    assert "stream_interrupted" in result.err
    with samtal.store() as store:
        answer = store.path(1)[-1]
        assert (answer.status, answer.text) == ("interrupted", "Cut off in t")


def one_line(err: str) -> str:
    """Standard error, checked to be exactly one line starting ``samtal: ``."""
    assert err.count("\n") == 1, err
    assert err.startswith("samtal: "), err
    return err.removesuffix("\n")


def test_a_data_line_that_is_not_json_fails_the_reply_and_keeps_what_arrived(
    samtal: Samtal, server: DemoServer
) -> None:
    events = text_events("before MIDDLE-PIECE after", chunk=7)  # "before ", "MIDDLE-", "PIECE a", "fter"
    hole = after_deltas(events, 2) - 1
    broken = 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"text":"MIDD\n\n'
    server.script.push(Stream([*events[:hole], broken, *events[hole + 1 :]]))
    result = samtal("ask", "hello")
    assert result.status == 1
    assert result.out == "before \n"
    assert re.fullmatch(
        r"samtal: stream_corrupt: The reply stream was damaged: a content_block_delta event whose data is not JSON\. "
        r"The reply is kept up to that point\. \(request id req_demo_\d+\)",
        one_line(result.err),
    )
    with samtal.store() as store:
        answer = store.path(1)[-1]
        assert (answer.status, answer.text) == ("error", "before ")
        assert answer.error is not None
        assert answer.error.type == "stream_corrupt"


def test_a_web_page_instead_of_the_stream_says_so(samtal: Samtal, server: DemoServer) -> None:
    page = "<!DOCTYPE html><html><head><title>Welcome to Airport Wi-Fi</title></head><body>Log in</body></html>"
    server.script.push(Reply(200, headers={"content-type": "text/html; charset=utf-8"}, body=page))
    result = samtal("ask", "hello")
    assert result.status == 1
    assert one_line(result.err).startswith(
        "samtal: api_error: The server answered with a web page (“Welcome to Airport Wi-Fi”) instead of the API's "
        "reply: a proxy, a captive portal or a wrong base URL is in the way."
    )
    with samtal.store() as store:
        assert store.path(1)[-1].status == "error"


def test_a_gzip_stream_that_turns_to_garbage_keeps_the_reply_exactly_as_printed(
    samtal: Samtal, server: DemoServer
) -> None:
    events = text_events("Compressed words arrive one by one", chunk=5)
    stream = b"".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n".encode() for e in events)
    cut = stream.index(b"event: content_block_delta", stream.index(b"Compr") + 200)
    compressor = zlib.compressobj(wbits=zlib.MAX_WBITS | 16)
    good = compressor.compress(stream[:cut]) + compressor.flush(zlib.Z_SYNC_FLUSH)
    server.script.push(Stream([good, Pause(0.05), b"\xff" * 64], headers={"content-encoding": "gzip"}))
    result = samtal("ask", "hello")
    assert result.status == 1
    assert one_line(result.err).startswith(
        "samtal: stream_corrupt: The reply stream was damaged: the gzip compression could not be undone."
    )
    with samtal.store() as store:
        answer = store.path(1)[-1]
        assert answer.status == "error"
        assert answer.text
        assert result.out == answer.text + "\n"


def test_a_bug_ends_in_one_line_and_a_failed_reply_not_a_traceback(
    samtal: Samtal, server: DemoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: object, event: object) -> None:
        raise TypeError("unexpected NoneType")

    monkeypatch.setattr(ask_module._TextPrinter, "event", broken)
    result = samtal("ask", "hello")
    assert result.status == 1
    assert one_line(result.err) == "samtal: internal_error: TypeError: unexpected NoneType"
    with samtal.store() as store:
        assert store.path(1)[-1].status == "error"


def test_timeout_gives_up_on_a_silent_server(samtal: Samtal, server: DemoServer) -> None:
    events = text_events("Half of it")
    server.script.push(Stream([*events[:3], Hang()]))
    started = time.monotonic()
    result = samtal("ask", "--timeout", "0.3", "hello")
    assert time.monotonic() - started < 5
    assert result.status == 1
    where = server.url.removeprefix("http://")
    assert one_line(result.err).startswith(f"samtal: timeout: {where} sent nothing for 0.3 s. (request id req_demo_")
    assert samtal("ask", "--timeout", "0", "hello").status == 2


def test_demo_talks_to_the_built_in_demo_server_whatever_the_environment(
    samtal: Samtal, server: DemoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANTHROPIC_BASE_URL", "http://127.0.0.1:9")  # would fail if used
    for argv in (["--demo", "ask", "Say hi"], ["ask", "--demo", "Say hi"]):
        result = samtal(*argv)
        assert result.status == 0, result.err
        assert result.out.strip()
        assert result.err == ""
    assert server.requests == []  # nor the environment's server
    with samtal.store() as store:
        answer = store.path(1)[-1]
        assert (answer.status, answer.model) == ("complete", "claude-demo-sonnet-5")
        assert result.out == answer.text  # ending in a newline, so none was added
        assert store.requests.get(answer.id)["model"] == "claude-demo-sonnet-5"  # type: ignore[index]
    assert samtal("--demo", "ask", "--base-url", server.url, "hi").status == 2


def test_what_is_logged_while_a_command_runs_is_reported_with_the_prefix(
    samtal: Samtal, server: DemoServer, monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring
) -> None:
    monkeypatch.setenv("ANTHROPIC_BASE_URL", "ftp://example.com")
    monkeypatch.setattr(provider_module, "_secret_store", lambda: SecretStore(backend=memory_keyring))
    result = samtal("ask", "hello")
    assert result.status == 1
    lines = result.err.splitlines()
    assert lines[0].startswith("samtal: warning: ANTHROPIC_BASE_URL is ignored: ")
    assert lines[1].startswith("samtal: no API provider is configured")
    assert len(lines) == 2
    logging.getLogger("app").warning("after the command")  # the handler was only there while it ran
    assert "after the command" not in samtal("list").err


def test_a_retried_request_still_saves_one_reply(samtal: Samtal, server: DemoServer) -> None:
    server.script.push(Reply(status=529, headers={"retry-after": "0"}))
    server.script.push(Stream(text_events("After a retry.")))
    result = samtal("ask", "hello")
    assert (result.status, result.out) == (0, "After a retry.\n")
    with samtal.store() as store:
        assert store.conversation(1).message_count == 2


def test_without_any_provider_it_says_how_to_configure(
    samtal: Samtal, server: DemoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY")
    monkeypatch.setattr(provider_module, "_secret_store", lambda: SecretStore(backend=MemoryKeyring()))
    result = samtal("ask", "hello")
    assert result.status == 1
    assert "no API provider is configured" in result.err
    assert "samtal --demo ask" in result.err
    assert server.requests == []


def test_a_profile_uses_its_keyring_token_and_auth_style(
    samtal: Samtal, server: DemoServer, monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring
) -> None:
    settings = Settings.load(resolve_paths(samtal.data_dir))
    profile = Profile.new("Gateway", "custom", base_url=server.url, auth="bearer")
    settings.put_profile(profile)
    settings.save()
    secrets = SecretStore(backend=memory_keyring)
    secrets.set(profile.id, "profile-token")
    monkeypatch.setattr(provider_module, "_secret_store", lambda: secrets)
    monkeypatch.setenv("ANTHROPIC_BASE_URL", "http://127.0.0.1:9")  # would fail if used

    result = samtal("--profile", "gateway", "ask", "hello")
    assert result.status == 0
    headers = server.requests[0].headers
    assert headers["authorization"] == "Bearer profile-token"
    assert "x-api-key" not in headers
    assert samtal("ask", "--profile", "missing", "hello").status == 1


def test_the_token_never_reaches_the_store(samtal: Samtal, server: DemoServer, tmp_path: Path) -> None:
    assert samtal("ask", "hello").status == 0
    server.require_token = "other"
    assert samtal("ask", "-c", "again").status == 1
    for file in samtal.data_dir.rglob("*"):
        if file.is_file():
            assert TOKEN.encode() not in file.read_bytes(), file


# --- issue 5: parameters checked as the app checks them, tools, thinking, attachments, presets -----------------

WEATHER = {
    "name": "get_weather",
    "description": "The weather in a city.",
    "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
}


def sent(server: DemoServer, index: int = 0) -> dict[str, Any]:
    body = server.requests[index].json
    assert isinstance(body, dict)
    return body


def write_json(path: Path, value: object) -> str:
    path.write_text(json.dumps(value, indent=2), encoding="utf-8")
    return str(path)


def png(width: int, height: int) -> bytes:
    """A grey PNG (8-bit greyscale), made without Qt."""
    row = b"\x00" + b"\x80" * width
    raw = zlib.compress(row * height)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def test_a_newer_model_gets_only_temperature_and_a_warning(samtal: Samtal, server: DemoServer) -> None:
    result = samtal("ask", "--model", SAMPLER, "--temperature", "0.2", "--top-p", "0.9", "Say it short")
    assert result.status == 0
    assert (
        result.err == "samtal: warning: This model refuses temperature and top_p together: only temperature is sent.\n"
    )
    assert sent(server)["temperature"] == 0.2
    assert "top_p" not in sent(server)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--temperature", "1.5"], "Temperature must be a number from 0 to 1."),
        (["--top-p", "nan"], "top_p must be a number from 0 to 1."),
        (["--max-tokens", "0"], "max_tokens must be a whole number of at least 1."),
        (["--top-k", "0"], "top_k must be a whole number of at least 1."),
        (["--stop", "END", "--stop", " "], "Stop sequence 2 is only whitespace: remove it or write one."),
        (["--thinking-budget", "500"], "The thinking budget must be a whole number of at least 1,024 tokens."),
        (
            ["--thinking-budget", "5000", "--max-tokens", "4000"],
            "The thinking budget must be less than max_tokens (4,000).",
        ),
        (
            ["--no-stream", "--max-tokens", "30000"],
            "Non-streaming requests are limited to 21,333 max_tokens (the API refuses longer ones); turn streaming "
            "on or lower max_tokens.",
        ),
        (["--tool-choice", "any"], 'tool_choice "any" needs at least one tool.'),
    ],
)
def test_parameters_the_api_would_refuse_stop_before_anything_is_saved_or_sent(
    samtal: Samtal, server: DemoServer, options: list[str], message: str
) -> None:
    result = samtal("ask", "--model", SAMPLER, *options, "hello")
    assert (result.status, result.out, result.err) == (2, "", f"samtal: {message}\n")
    assert server.requests == []
    with samtal.store() as store:
        assert store.list_conversations() == []


def test_warnings_do_not_stop_the_request(samtal: Samtal, server: DemoServer) -> None:
    result = samtal("ask", "--user-id", "ada@example.com", "Say it short")
    assert result.status == 0
    assert result.err == (
        "samtal: warning: metadata.user_id looks like an e-mail address: send an opaque id such as a hash, "
        "not personal data.\n"
    )
    assert sent(server)["metadata"] == {"user_id": "ada@example.com"}


def test_thinking_is_sent_with_room_for_the_answer_and_without_what_it_refuses(
    samtal: Samtal, server: DemoServer
) -> None:
    result = samtal(
        "ask", "--model", SAMPLER, "--thinking-budget", "2048", "--temperature", "0.5", "--top-k", "5", "Say it short"
    )
    assert result.status == 0
    assert result.err == (
        "samtal: warning: Temperature isn't sent while extended thinking is on.\n"
        "samtal: warning: top_k isn't sent while extended thinking is on.\n"
    )
    body = sent(server)
    assert body["thinking"] == {"type": "enabled", "budget_tokens": 2048}
    assert body["max_tokens"] == 4096 + 2048  # the default answer length, plus the budget
    assert "temperature" not in body
    assert "top_k" not in body
    with samtal.store() as store:
        answer = store.path(1)[-1]
        assert [block["type"] for block in answer.content] == ["thinking", "text"]
        assert result.out == answer.text + "\n"  # the thinking is kept, not printed


def test_a_thinking_budget_of_0_turns_thinking_off(samtal: Samtal, server: DemoServer) -> None:
    assert samtal("ask", "--model", SAMPLER, "--thinking-budget", "1024", "--max-tokens", "2000", "Short").status == 0
    assert samtal("ask", "-c", "--thinking-budget", "0", "Again, short").status == 0
    assert sent(server, 1)["thinking"] == {"type": "disabled"}
    assert sent(server, 1)["max_tokens"] == 2000  # the conversation's own


def test_tools_and_a_reply_that_calls_one(samtal: Samtal, server: DemoServer, tmp_path: Path) -> None:
    tools = write_json(tmp_path / "tools.json", [WEATHER])
    result = samtal("ask", "--tools", tools, "Use get_weather: how is the weather in Paris?")
    assert result.status == 0
    assert sent(server)["tools"] == [WEATHER]
    assert "tool_choice" not in sent(server)
    lines = result.err.splitlines()
    assert re.fullmatch(r'samtal: tool call: get_weather \{"city": "Paris"\} \(id toolu_demo_\w+\)', lines[0])
    assert lines[1:] == [
        "samtal: the reply waits for tool results: answer them in the app (conversation 1); "
        "`samtal ask -c` goes on without them"
    ]
    assert "get_weather" in result.out  # the model's preamble before the call
    with samtal.store() as store:
        conversation = store.conversation(1)
        assert conversation.params["tools"] == [WEATHER]
        answer = store.path(1)[-1]
        assert answer.stop_reason == "tool_use"
        assert answer.content[-1]["input"] == {"city": "Paris"}

    # Going on without an answer: the call is sent as text, and the tools stay with the conversation.
    result = samtal("ask", "-c", "--tool-choice", "none", "Never mind, say it short")
    assert (result.status, result.err) == (0, "")
    assert sent(server, 1)["tools"] == [WEATHER]
    assert sent(server, 1)["messages"][1]["content"][-1]["text"].startswith("[Called the tool get_weather")


def test_forcing_one_tool_at_a_time(samtal: Samtal, server: DemoServer, tmp_path: Path) -> None:
    tools = write_json(tmp_path / "tools.json", [WEATHER, {**WEATHER, "name": "get_time"}])
    options = ["--tools", tools, "--tool-choice", "tool:get_time", "--disable-parallel-tool-use", "--no-save"]
    result = samtal("ask", *options, "--json", "Time in Oslo?")
    assert result.status == 0
    assert sent(server)["tool_choice"] == {"type": "tool", "name": "get_time", "disable_parallel_tool_use": True}
    printed = json.loads(result.out)
    assert [block["name"] for block in printed["content"]] == ["get_time"]  # forced: no preamble
    assert result.err.splitlines()[-1] == "samtal: the reply waits for tool results, which only the app can send"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--tool-choice", "tool:get_time"], 'tool_choice names the tool "get_time", which is not among the tools.'),
        (
            ["--tool-choice", "any", "--thinking-budget", "2000"],
            "Extended thinking can't be used while tool_choice forces a tool: choose auto or none, or turn "
            "thinking off.",
        ),
        (["--tool-choice", "none", "--disable-parallel-tool-use"], "--disable-parallel-tool-use doesn't go with "),
    ],
)
def test_tool_choices_that_cannot_work(
    samtal: Samtal, server: DemoServer, tmp_path: Path, options: list[str], message: str
) -> None:
    result = samtal(
        "ask", "--model", SAMPLER, "--tools", write_json(tmp_path / "tools.json", [WEATHER]), *options, "hi"
    )
    assert result.status == 2
    assert result.err.startswith(f"samtal: {message}")
    assert server.requests == []


def test_a_tools_file_is_checked_like_the_apps_editor(samtal: Samtal, server: DemoServer, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('[\n  {"name": "a",}\n]', encoding="utf-8")
    result = samtal("ask", "--tools", str(broken), "hello")
    assert (result.status, result.err) == (
        2,
        f"samtal: {broken}:2:16: Expecting property name enclosed in double quotes.\n",
    )
    wrong = write_json(tmp_path / "wrong.json", [{"name": "get weather", "input_schema": {"type": "string"}}])
    result = samtal("ask", "--tools", wrong, "hello")
    assert result.status == 2
    assert result.err.splitlines() == [
        f'samtal: {wrong}:3:5: The tool name "get weather" may only use letters, digits, _ and - (at most 128 of '
        "them).",
        f'samtal: {wrong}:4:5: The tool "get weather" has an input_schema that is not an object schema: '
        '{"type": "object", "properties": {...}}.',
    ]
    result = samtal("ask", "--tools", str(tmp_path / "missing.json"), "hello")
    assert result.status == 2
    assert "can't read the tools in" in result.err
    assert server.requests == []


def test_no_stream_sends_one_request_and_prints_the_reply_at_the_end(samtal: Samtal, server: DemoServer) -> None:
    result = samtal("ask", "--no-stream", "--max-tokens", "21333", "Say it short")
    assert (result.status, result.err) == (0, "")
    assert sent(server)["stream"] is False
    with samtal.store() as store:
        conversation = store.list_conversations()[0]
        assert conversation.params["stream"] is False  # kept with the conversation, like the app's switch
        answer = store.path(conversation.id)[-1]
        assert (answer.status, answer.stop_reason) == ("complete", "end_turn")
        assert result.out == answer.text + "\n"
        assert answer.usage is not None
        assert answer.timings is not None
        assert answer.timings["duration"] > 0
        assert store.requests.get(answer.id) == {k: v for k, v in sent(server).items() if k != "stream"}
        assert answer.response_headers is not None
        assert answer.response_headers["request-id"].startswith("req_")  # kept, as for a stream

    result = samtal("ask", "--no-stream", "--json", "--no-save", "Say it short")
    printed = json.loads(result.out)
    assert printed["type"] == "message"
    assert printed["samtal"]["conversation_id"] is None
    assert printed["samtal"]["request_id"].startswith("req_")
    assert printed["samtal"]["response_headers"]["request-id"] == printed["samtal"]["request_id"]


def test_no_stream_keeps_an_api_error(samtal: Samtal, server: DemoServer) -> None:
    result = samtal("ask", "--no-stream", "--max-tokens", "20000", "--model", "claude-demo-opus-4-1", "hello")
    assert result.status == 1
    warning, error = result.err.splitlines()  # the catalog knows it is retired; the API says it is gone
    assert warning.startswith("samtal: warning: Claude Demo Opus 4.1 was retired on 2026-08-05")
    assert error.startswith("samtal: not_found_error: claude-demo-opus-4-1 is no longer available")
    with samtal.store() as store:
        answer = store.path(1)[-1]
        assert answer.status == "error"
        assert answer.error is not None
        assert answer.error.type == "not_found_error"


def test_a_preset_gives_its_parameters_and_the_options_win(samtal: Samtal, server: DemoServer) -> None:
    with samtal.store() as store:
        store.presets.save("Terse", {"model": SAMPLER, "max_tokens": 500, "temperature": 0.3, "system": "Be terse."})
    result = samtal("ask", "--preset", "Terse", "--temperature", "0.9", "Say it short")
    assert result.status == 0
    body = sent(server)
    assert {k: body[k] for k in ("model", "max_tokens", "temperature", "system")} == {
        "model": SAMPLER,
        "max_tokens": 500,
        "temperature": 0.9,
        "system": "Be terse.",
    }
    with samtal.store() as store:
        assert store.conversation(1).params == {
            "model": SAMPLER,
            "max_tokens": 500,
            "temperature": 0.9,
            "system": "Be terse.",
        }

    result = samtal("ask", "--preset", "Chatty", "hello")
    assert (result.status, result.err) == (2, "samtal: there is no preset called 'Chatty' (presets: Terse)\n")
    assert len(server.requests) == 1


def test_a_preset_can_turn_streaming_off_and_a_newer_models_rule_on(samtal: Samtal, server: DemoServer) -> None:
    with samtal.store() as store:
        store.presets.save(
            "Careful",
            {
                "model": SAMPLER,
                "temperature": 0.2,
                "top_p": 0.8,
                "sampling_preference": "top_p",
                "stream": False,
            },
        )
    result = samtal("ask", "--no-save", "--preset", "Careful", "Say it short")
    assert result.status == 0
    assert result.err == "samtal: warning: This model refuses temperature and top_p together: only top_p is sent.\n"
    body = sent(server)
    assert (body["stream"], body["top_p"], "temperature" in body, "sampling_preference" in body) == (
        False,
        0.8,
        False,
        False,
    )


def test_attachments_go_before_the_prompt_and_are_saved(samtal: Samtal, server: DemoServer, tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n\nBuy milk.\n", encoding="utf-8")
    report = tmp_path / "report.pdf"
    report.write_bytes(PDF)
    picture = tmp_path / "picture.png"
    picture.write_bytes(png(4, 3))
    options = ["--attach", str(notes), "--attach", str(report), "--attach", str(picture)]
    result = samtal("ask", *options, "Say it short")
    assert (result.status, result.err) == (0, "")
    content = sent(server)["messages"][0]["content"]
    assert [(block["type"], block["source"]["media_type"]) for block in content[:3]] == [
        ("document", "text/plain"),
        ("document", "application/pdf"),
        ("image", "image/png"),
    ]
    assert content[0]["source"]["data"] == "# Notes\n\nBuy milk.\n"
    assert base64.b64decode(content[1]["source"]["data"]) == PDF
    assert content[3] == {"type": "text", "text": "Say it short"}
    assert result.out.startswith("You attached a document (text/plain, 19 characters) titled `notes.md`")
    with samtal.store() as store:
        (question,) = store.path(1)[:1]
        assert question.text == "Say it short"
        saved = store.messages.api_messages(store.path(1))[0]["content"]
        assert strip_private(saved) == content
        assert saved[2][IMAGE_NAME_KEY] == "picture.png"  # kept for the app's transcript, never sent


def test_a_large_image_is_scaled_down_with_a_note(samtal: Samtal, server: DemoServer, tmp_path: Path) -> None:
    picture = tmp_path / "wide.png"
    picture.write_bytes(png(3136, 1000))
    result = samtal("ask", "--no-save", "--attach", str(picture), "Say it short")
    assert result.status == 0
    assert result.err == "samtal: note: wide.png: scaled from 3136×1000 to 1568×500\n"
    data = base64.b64decode(sent(server)["messages"][0]["content"][0]["source"]["data"])
    assert struct.unpack(">II", data[16:24]) == (1568, 500)  # the PNG header's width and height


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("archive.zip", b"PK\x03\x04" + bytes(range(256)) * 4, "archive.zip is a ZIP archive or an office document."),
        (
            "secret.pdf",
            PDF.replace(b"<< /Root 1 0 R >>", b"<< /Root 1 0 R /Encrypt 5 0 R >>"),
            "secret.pdf is an encrypted",
        ),
        ("empty.txt", b"", "empty.txt is empty."),
    ],
)
def test_a_file_that_cannot_be_attached_stops_the_request(
    samtal: Samtal, server: DemoServer, tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    (tmp_path / name).write_bytes(data)
    result = samtal("ask", "--attach", str(tmp_path / name), "hello")
    assert result.status == 2
    assert result.err.startswith(f"samtal: {message}")
    assert server.requests == []
    assert not (samtal.data_dir / "samtal.sqlite3").exists()


def test_a_missing_attachment_stops_the_request(samtal: Samtal, server: DemoServer, tmp_path: Path) -> None:
    result = samtal("ask", "--attach", str(tmp_path / "nowhere.png"), "hello")
    assert (result.status, result.err) == (2, "samtal: Can't read nowhere.png: No such file or directory.\n")
    assert server.requests == []


def test_a_request_over_32_mb_is_not_sent(samtal: Samtal, server: DemoServer, tmp_path: Path) -> None:
    half = "x" * 17_000_000 + "\n"  # each file alone fits, the two together don't
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(half, encoding="utf-8")
    result = samtal("ask", "--attach", str(tmp_path / "a.txt"), "--attach", str(tmp_path / "b.txt"), "hello")
    assert result.status == 2
    assert re.fullmatch(r"samtal: The request would be [\d.]+ MB, over the API's limit of 32 MB\.\n", result.err)
    assert server.requests == []
    with samtal.store() as store:
        assert store.list_conversations() == []


def test_a_reply_cut_at_max_tokens_says_so(samtal: Samtal, server: DemoServer) -> None:
    result = samtal("ask", "--max-tokens", "5", "tell me a story")
    assert result.status == 0
    assert "stopped at max_tokens" in result.err


def test_the_sampling_option_given_wins_over_a_presets_preference(samtal: Samtal, server: DemoServer) -> None:
    with samtal.store() as store:
        store.presets.save("Nucleus", {"model": SAMPLER, "top_p": 0.9, "sampling_preference": "top_p"})
    result = samtal("ask", "--preset", "Nucleus", "--temperature", "0.7", "short")
    assert result.status == 0
    body = sent(server)
    assert body["temperature"] == 0.7
    assert "top_p" not in body
    assert "only temperature is sent" in result.err


# --- issue 10: the new stop reasons, and what must go back to the API exactly as it came ------------------

REFUSAL = {"type": "refusal", "category": "cyber", "explanation": "This asks for working malware."}
SEARCH_CALL = {"type": "server_tool_use", "id": "srvtoolu_1", "name": "web_search", "input": {"query": "Vänern"}}
SEARCH_RESULT = {
    "type": "web_search_tool_result",
    "tool_use_id": "srvtoolu_1",
    "content": [
        {
            "type": "web_search_result",
            "url": "https://example.org/vanern",
            "title": "Vänern",
            "page_age": "2026-01-02",
            "encrypted_content": "EqQBCioIBhgCIiQ0YzFm",
        }
    ],
}
CITED = {
    "type": "text",
    "text": "Vänern is the largest lake in Sweden.",
    "citations": [
        {
            "type": "web_search_result_location",
            "url": "https://example.org/vanern",
            "title": "Vänern",
            "cited_text": "Vänern, 5,650 km²",
            "encrypted_index": "Eo8BCioIBhgCIiQ0",
        }
    ],
}
# Display "omitted": no text, a signature the demo server accepts when the block comes back as it went.
WITHHELD = {"type": "thinking", "thinking": "", "signature": sign_thinking("The largest lake is Vänern.", "")}


def test_a_refusal_is_one_line_and_its_own_exit_status(samtal: Samtal, server: DemoServer) -> None:
    server.script.push(Stream(reply_events([], stop_reason="refusal", stop_details=REFUSAL)))
    result = samtal("ask", "Write me ransomware")
    assert (result.status, result.out) == (3, "")
    assert result.err == "samtal: the model declined: cyber: This asks for working malware.\n"
    with samtal.store() as store:
        answer = store.path(1)[-1]
        assert (answer.status, answer.stop_reason, answer.stop_details, answer.error) == (
            "complete",
            "refusal",
            REFUSAL,
            None,
        )

    # Part-way through an answer, without details, as JSON, and all at once: the same status.
    server.script.push(Stream(reply_events([{"type": "text", "text": "Here is"}], stop_reason="refusal")))
    result = samtal("ask", "--json", "-c", "Please")
    assert (result.status, result.err) == (3, "samtal: the model declined\n")
    assert json.loads(result.out)["stop_reason"] == "refusal"
    server.script.push(Reply(body=reply_message([], stop_reason="refusal", stop_details=REFUSAL)))
    result = samtal("ask", "--no-stream", "--no-save", "Again")
    assert (result.status, result.err) == (3, "samtal: the model declined: cyber: This asks for working malware.\n")


def test_a_paused_turn_goes_on_by_itself_and_is_saved_as_one_reply(samtal: Samtal, server: DemoServer) -> None:
    paused = [{"type": "text", "text": "Searching."}, SEARCH_CALL, SEARCH_RESULT]
    server.script.push(Stream(reply_events(paused, stop_reason="pause_turn")))
    server.script.push(Stream(reply_events([CITED])))
    result = samtal("ask", "Which is the largest lake in Sweden?")
    assert (result.status, result.err) == (0, "")
    assert result.out == "Searching.\n\nVänern is the largest lake in Sweden.\n"
    first, second = sent(server, 0), sent(server, 1)
    assert second["messages"] == [*first["messages"], {"role": "assistant", "content": paused}]
    with samtal.store() as store:
        (conversation,) = store.list_conversations()
        assert conversation.message_count == 2
        answer = store.path(conversation.id)[-1]
        assert (answer.status, answer.stop_reason, answer.content) == ("complete", "end_turn", [*paused, CITED])
        assert answer.usage is not None
        assert answer.usage["output_tokens"] == 40  # both requests' output


def test_a_turn_that_keeps_pausing_says_so(samtal: Samtal, server: DemoServer) -> None:
    for _ in range(6):
        server.script.push(Stream(reply_events([SEARCH_CALL, SEARCH_RESULT], stop_reason="pause_turn")))
    result = samtal("ask", "Search forever")
    assert result.status == 0
    assert result.err == (
        "samtal: the model paused its turn again after 5 continuations; the reply so far is kept: Continue it in "
        "the app\n"
    )
    assert len(server.requests) == 6
    assert server.script.pending() == 0


def test_a_full_context_window_is_explained(samtal: Samtal, server: DemoServer) -> None:
    text = [{"type": "text", "text": "The summary so"}]
    server.script.push(Stream(reply_events(text, stop_reason="model_context_window_exceeded")))
    result = samtal("ask", "Summarise all of it")
    assert (result.status, result.out) == (0, "The summary so\n")
    assert result.err == (
        "samtal: the reply stopped because the model's context window is full: start a new conversation, or use "
        "a model with a longer context\n"
    )
    with samtal.store() as store:
        answer = store.path(1)[-1]
        assert (answer.status, answer.stop_reason) == ("complete", "model_context_window_exceeded")


def test_withheld_thinking_server_tools_and_citations_go_back_exactly_as_they_came(
    samtal: Samtal, server: DemoServer
) -> None:
    content = [WITHHELD, SEARCH_CALL, SEARCH_RESULT, CITED]
    server.script.push(Stream(reply_events(content)))
    assert samtal("ask", "Which is the largest lake in Sweden?").status == 0
    server.script.push(Reply(body=reply_message(content)))
    assert samtal("ask", "--no-stream", "-c", "And the deepest?").status == 0  # a whole reply, kept as it came
    assert samtal("ask", "-c", "Thanks").status == 0
    messages = sent(server, 2)["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant", "user", "assistant", "user"]
    assert messages[1]["content"] == content
    assert messages[3]["content"] == content
