"""`samtal ask` against the demo server: output, exit status, what is sent and what is saved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import ask as ask_module
from app.demo import DemoServer, Drop, Pause, Reply, Stream, text_events
from app.paths import resolve_paths
from app.secrets import SecretStore
from app.settings import Profile, Settings
from tests.fixtures.keyrings import MemoryKeyring
from tests.unit.cli.conftest import TOKEN, Samtal


def after_deltas(events: list[dict[str, object]], count: int) -> int:
    """The index just after the ``count``-th text delta."""
    return [i for i, event in enumerate(events) if event["type"] == "content_block_delta"][count - 1] + 1


REPLY = "Stockholm is the capital of Sweden.\n\nIt is built on fourteen islands."


def test_the_reply_streams_to_stdout_and_the_exchange_is_saved(samtal: Samtal, server: DemoServer) -> None:
    server.script.push(Stream(text_events(REPLY, model="claude-demo-sonnet")))
    result = samtal("ask", "What is the capital of Sweden?")
    assert (result.status, result.out, result.err) == (0, REPLY + "\n", "")

    (request,) = server.requests
    assert request.json == {
        "model": "claude-sonnet-4-5",
        "max_tokens": 4096,
        "messages": [{"role": "user", "content": [{"type": "text", "text": "What is the capital of Sweden?"}]}],
        "stream": True,
    }
    with samtal.store() as store:
        (conversation,) = store.list_conversations()
        assert conversation.title == "What is the capital of Sweden?"
        assert conversation.params == {"model": "claude-sonnet-4-5", "max_tokens": 4096}
        question, answer = store.path(conversation.id)
        assert (question.role, question.text) == ("user", "What is the capital of Sweden?")
        assert (answer.role, answer.status, answer.text) == ("assistant", "complete", REPLY)
        assert answer.model == "claude-demo-sonnet"
        assert answer.stop_reason == "end_turn"
        assert answer.usage is not None
        assert answer.usage["output_tokens"] > 0
        assert answer.timings is not None
        assert answer.timings["duration"] > 0
        assert answer.response_headers is not None
        assert answer.response_headers["request-id"].startswith("req_demo_")
        assert store.request(answer.id) == {k: v for k, v in request.json.items() if k != "stream"}


def test_parameters_given_are_sent_and_no_others(samtal: Samtal, server: DemoServer) -> None:
    result = samtal(
        "ask",
        "--model",
        "claude-demo-haiku",
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
        "model": "claude-demo-haiku",
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
    "bad", [["--temperature", "1.5"], ["--max-tokens", "0"], ["--top-k", "x"], ["-c", "--conversation", "1"]]
)
def test_bad_options_are_usage_errors(samtal: Samtal, server: DemoServer, bad: list[str]) -> None:
    result = samtal("ask", *bad, "hi")
    assert result.status == 2
    assert server.requests == []


def test_continuing_sends_the_branch_and_extends_it(samtal: Samtal, server: DemoServer) -> None:
    server.script.push(Stream(text_events("First answer.")))
    server.script.push(Stream(text_events("Second answer.")))
    server.script.push(Stream(text_events("Third answer.")))
    assert samtal("ask", "--temperature", "0.5", "first question").status == 0
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
    server.script.push(Stream(text_events("Hi there.", model="claude-demo-opus")))
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
    monkeypatch.setattr(ask_module, "_secret_store", lambda: SecretStore(backend=MemoryKeyring()))
    result = samtal("ask", "hello")
    assert result.status == 1
    assert "no API provider is configured" in result.err
    assert "python -m app.demo" in result.err
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
    monkeypatch.setattr(ask_module, "_secret_store", lambda: secrets)
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
