"""The request inspector, Copy as cURL, the live token count and the costs: the pieces on their own, then
through the real root against the demo server (the token is a canary: it must never be shown or copied)."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import shlex
import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QAbstractButton, QLabel, QMenu, QTableWidget, QTextEdit, QWidget
from pytestqt.qtbot import QtBot

from app.api.params import MAX_NONSTREAMING_TOKENS
from app.api.providers import Provider
from app.attachments import attachment_from_bytes
from app.chat.pricing import DEFAULT_RULES, Price, PriceRule, PriceTable, format_usd
from app.demo import DemoServer, Reply, Stream, text_events
from app.settings.options import PRICES
from app.store.models import Message, MessageStatus
from app.ui.inspector import (
    InspectorDialog,
    abbreviate_attachments,
    curl_command,
    describe_header,
    human_duration,
)
from app.ui.problem_note import severity_colour
from app.wiring.inspector import InspectorFeature
from tests.gui.window_harness import TOKEN, Running, running  # noqa: F401 (the fixture)

COUNT_PATH = "/v1/messages/count_tokens"
NOW = datetime(2026, 3, 1, 12, 0, 0, tzinfo=UTC)
TRICKY_TEXT = "It's $HOME and `date` and \\n and \"quotes\"\nJSON\n'JSON'\nEOF — ünïcödé ✓"


def _png(width: int = 40, height: int = 30) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a7bd5"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def _split_curl(command: str) -> tuple[list[str], dict[str, Any]]:
    """The curl arguments (as the shell would split them, without expanding variables) and the JSON body
    read from the here-document."""
    head, _, rest = command.partition("\n{")
    arguments = shlex.split(head)
    assert arguments[-1].startswith("<<")
    delimiter = arguments[-1][2:]
    body_text, _, tail = ("{" + rest).partition(f"\n{delimiter}\n")
    assert tail == ""  # nothing after the here-document's end
    return arguments[:-1], json.loads(body_text)


def _bare_reply(message_id: int, status: MessageStatus, created_at: datetime) -> Message:
    """An assistant message with no content, as the store gives it."""
    return Message(
        id=message_id,
        uuid="u",
        conversation_id=1,
        parent_id=None,
        role="assistant",
        content=[],
        status=status,
        created_at=created_at,
    )


def _headers_of(arguments: list[str]) -> list[str]:
    return [arguments[i + 1] for i, word in enumerate(arguments) if word == "-H"]


# --- the pieces ---


@pytest.mark.parametrize(
    ("provider", "auth_header"),
    [
        (Provider.anthropic(), "x-api-key: $ANTHROPIC_API_KEY"),
        (Provider.acedata(), "Authorization: Bearer $ANTHROPIC_AUTH_TOKEN"),
    ],
)
def test_curl_command_parses_back_to_the_request(provider: Provider, auth_header: str) -> None:
    request = {
        "model": "claude-sonnet-4-5",
        "max_tokens": 100,
        "messages": [{"role": "user", "content": TRICKY_TEXT}],
    }
    arguments, body = _split_curl(curl_command(request, provider))
    assert arguments[:3] == ["curl", "-sS", provider.base_url + "/v1/messages"]
    headers = _headers_of(arguments)
    assert auth_header in headers
    assert "anthropic-version: 2023-06-01" in headers
    assert "content-type: application/json" in headers
    assert arguments[-2:] == ["--data-binary", "@-"]
    assert body == request


def test_a_streamed_request_is_not_buffered_by_curl() -> None:
    arguments, body = _split_curl(curl_command({"model": "m", "stream": True, "messages": []}, Provider.anthropic()))
    assert arguments[1] == "-sSN"
    assert body["stream"] is True


def test_a_request_too_big_to_send_unstreamed_asks_for_the_stream() -> None:
    big = {"model": "m", "max_tokens": MAX_NONSTREAMING_TOKENS + 1, "messages": []}
    arguments, body = _split_curl(curl_command(big, Provider.anthropic()))
    assert arguments[1] == "-sSN"
    assert body == {**big, "stream": True}
    small = {**big, "max_tokens": MAX_NONSTREAMING_TOKENS}
    arguments, body = _split_curl(curl_command(small, Provider.anthropic()))
    assert arguments[1] == "-sS"
    assert body == small
    unstreamed = {**big, "stream": False}  # as the user had it: kept (the API's refusal explains itself)
    assert _split_curl(curl_command(unstreamed, Provider.anthropic()))[1] == unstreamed


@pytest.mark.skipif(shutil.which("curl") is None or shutil.which("bash") is None, reason="needs curl and bash")
@pytest.mark.parametrize(("auth", "variable"), [("x-api-key", "ANTHROPIC_API_KEY"), ("bearer", "ANTHROPIC_AUTH_TOKEN")])
def test_curl_command_runs_against_the_demo_server(demo_server: DemoServer, auth: str, variable: str) -> None:
    demo_server.require_token = TOKEN
    image = base64.b64encode(_png()).decode("ascii")
    request = {
        "model": "claude-demo-sonnet-4-6",
        "max_tokens": 200,
        "messages": [
            {
                "role": "user",
                "content": [
                    {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": image}},
                    {"type": "text", "text": TRICKY_TEXT},
                ],
            }
        ],
    }
    command = curl_command(request, Provider.for_url(demo_server.url, auth))  # type: ignore[arg-type]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), variable: TOKEN}
    done = subprocess.run(["bash", "-c", command], env=env, capture_output=True, text=True, timeout=30, check=False)
    assert done.returncode == 0, done.stderr
    reply = json.loads(done.stdout)
    assert reply["type"] == "message"
    assert reply["content"][0]["type"] == "text"
    received = demo_server.requests[-1]
    assert received.json == request  # byte for byte what the command held, through the shell
    assert TOKEN not in command


def test_attachments_are_abbreviated_whether_stored_or_inline() -> None:
    digest = "ab12cd34ef" + "0" * 54
    request = {
        "messages": [
            {
                "role": "user",
                "content": [
                    {
                        "type": "image",
                        "source": {"type": "base64", "media_type": "image/png"},
                        "_attachment": digest,
                    },
                    {
                        "type": "tool_result",
                        "tool_use_id": "t1",
                        "content": [
                            {
                                "type": "document",
                                "source": {
                                    "type": "base64",
                                    "media_type": "application/pdf",
                                    "data": base64.b64encode(b"%PDF" * 600).decode(),
                                },
                            }
                        ],
                    },
                ],
            }
        ]
    }
    shown = abbreviate_attachments(request, lambda h: ("image/png", 183 * 1024) if h == digest else None)
    image, result = shown["messages"][0]["content"]
    assert image == {
        "type": "image",
        "source": {"type": "base64", "media_type": "image/png", "data": "<image/png, 187.4 kB, sha256 ab12cd34…>"},
    }
    document = result["content"][0]["source"]["data"]
    assert document.startswith("<application/pdf, 2.4 kB, sha256 ")
    assert "_attachment" not in json.dumps(shown)
    assert request["messages"][0]["content"][0]["_attachment"] == digest  # the original is left alone


@pytest.mark.parametrize(
    ("name", "value", "meaning"),
    [
        ("anthropic-ratelimit-requests-reset", "2026-03-01T12:00:42Z", "in 42 s (at "),
        ("anthropic-ratelimit-tokens-reset", "2026-03-01T12:03:05Z", "in 3 min 5 s (at "),
        ("anthropic-ratelimit-tokens-reset", "2026-03-01T11:59:00Z", "passed (at "),
        ("anthropic-ratelimit-requests-remaining", "49", "49 of 50 left"),
        ("retry-after", "7", "wait 7 s before retrying"),
        ("request-id", "req_1", "quote this id when you ask support about this reply"),
        ("anthropic-ratelimit-requests-reset", "not a time", ""),
        ("x-other", "1", ""),
    ],
)
def test_headers_are_described_for_people(name: str, value: str, meaning: str) -> None:
    headers = {"anthropic-ratelimit-requests-limit": "50"}
    described = describe_header(name, value, headers, NOW)
    assert described.startswith(meaning) if meaning else described == ""


def test_human_durations() -> None:
    assert [human_duration(s) for s in (0, 42.4, 60, 185, 3600, 7800)] == [
        "0 s",
        "42 s",
        "1 min",
        "3 min 5 s",
        "1 h",
        "2 h 10 min",
    ]


# --- through the real root ---


def _all_text(widget: QWidget) -> str:
    """Every piece of text the dialog holds: labels, text views (plain and HTML), tables, buttons, tips."""
    parts: list[str] = [widget.windowTitle()]
    for child in [widget, *widget.findChildren(QWidget)]:
        parts.append(child.toolTip())
        if isinstance(child, QLabel | QAbstractButton):
            parts.append(child.text())
        if isinstance(child, QTextEdit):
            parts += [child.toPlainText(), child.toHtml()]
        if isinstance(child, QTableWidget):
            for row in range(child.rowCount()):
                for column in range(child.columnCount()):
                    item = child.item(row, column)
                    if item is not None:
                        parts.append(item.text())
    return "\n".join(parts)


def _wiring(app: Running) -> InspectorFeature:
    return app.root.inspector


async def _send_image(app: Running) -> int:
    photo = attachment_from_bytes(_png(), "blue.png")
    return await app.finished_reply(lambda: app.root.view.send("What colour is this?", [photo]))


@pytest.mark.asyncio
async def test_inspect_a_reply_shows_request_headers_and_usage_without_the_token(
    qtbot: QtBot,
    running: Running,  # noqa: F811 (the fixture)
) -> None:
    running.server.require_token = TOKEN  # the canary is the token the connection really uses
    reply_id = await _send_image(running)
    view = running.root.transcript.message_view(reply_id)
    assert view is not None
    assert view.inspect_button.isVisible()
    user_view = running.root.transcript.message_views()[0]
    assert user_view.role == "user"
    assert user_view.inspect_button.isHidden()  # only replies have a request
    qtbot.mouseClick(view.inspect_button, Qt.MouseButton.LeftButton)

    dialog = _wiring(running).dialog
    assert dialog is not None
    assert dialog.isVisible()
    message = running.store.message(reply_id)
    assert dialog.field_text("model") == message.model
    assert dialog.field_text("stop") == "end_turn"
    assert dialog.field_text("request_id") == message.response_headers["request-id"]  # type: ignore[index]
    assert "input ·" in dialog.field_text("tokens")
    assert dialog.field_text("cost").endswith("(from the price table)")
    assert "first byte" in dialog.field_text("timings")
    text = dialog.request_text()
    assert "<image/png, " in text
    assert "sha256 " in text
    assert json.loads(text)["messages"][-1]["content"][1]["text"] == "What colour is this?"
    assert len(text) < 2_000  # the image data is not in it
    assert "#" in dialog.request_view.toHtml()  # highlighted: coloured spans
    assert "“Include attachment data” is ticked" in dialog.request_note.text()  # names the box it means
    table = dialog.headers_table
    names = [table.item(row, 0).text() for row in range(table.rowCount())]  # type: ignore[union-attr]
    assert "request-id" in names
    reset_row = names.index("anthropic-ratelimit-requests-reset")
    assert table.item(reset_row, 2).text().startswith("in ")  # type: ignore[union-attr]

    curl = dialog.curl_text()
    arguments, body = _split_curl(curl)
    assert "x-api-key: $ANTHROPIC_API_KEY" in _headers_of(arguments)
    assert arguments[2] == running.server.url + "/v1/messages"
    sent_image = body["messages"][-1]["content"][0]["source"]["data"]
    assert base64.b64decode(sent_image) == _png()  # full data: a runnable request
    sent = [r for r in running.server.requests if r.path == "/v1/messages"][-1]
    assert sent.json == {**body, "stream": True}  # what the client sent (it adds "stream")

    dialog.copy_curl()
    copied_curl = QGuiApplication.clipboard().text()
    dialog.copy_json()
    copied_json = QGuiApplication.clipboard().text()
    assert copied_curl == curl
    assert json.loads(copied_json) == body
    dialog.full_data_box.setChecked(False)
    assert "<image/png, " in dialog.curl_text()
    for shown in (_all_text(dialog), curl, copied_curl, copied_json, dialog.curl_text()):
        assert TOKEN not in shown
    assert sent.headers["x-api-key"] == TOKEN  # it was the connection's token


@pytest.mark.asyncio
async def test_inspect_last_request_from_the_menu_and_after_the_reply_ends(
    qtbot: QtBot,
    running: Running,  # noqa: F811 (the fixture)
) -> None:
    root = running.root
    wiring = _wiring(running)
    assert root.window.commands.inspect_last_request.shortcut().toString() == "Ctrl+I"
    menus = root.window.menuBar().findChildren(QMenu)
    conversation_menu = next(m for m in menus if root.window.commands.regenerate in m.actions())
    edit_menu = next(m for m in menus if root.window.commands.copy_last_reply in m.actions())
    assert root.window.commands.inspect_last_request in conversation_menu.actions()
    assert root.window.commands.prices in edit_menu.actions()
    root.window.commands.inspect_last_request.trigger()
    assert wiring.dialog is None  # nothing to inspect yet
    assert "no reply" in root.window.statusBar().currentMessage()

    await running.send(qtbot, "first")
    second = await running.send(qtbot, "second question")
    root.window.commands.inspect_last_request.trigger()
    dialog = wiring.dialog
    assert dialog is not None
    assert dialog.inspection is not None
    assert dialog.inspection.message.id == second
    assert "second question" in dialog.request_text()
    assert dialog.full_data_box.isHidden()  # no attachments to include or leave out


@pytest.mark.asyncio
async def test_the_open_inspector_follows_its_reply_to_the_end(
    qtbot: QtBot,
    running: Running,  # noqa: F811 (the fixture)
) -> None:
    root = running.root
    running.server.script.push(Stream([*text_events("Slow answer", model="claude-demo-sonnet-4-6", chunk=2)]))
    running.server.delay = 0.02
    started: list[int] = []
    root.controller.reply_started.connect(lambda _c, m: started.append(m))
    root.view.send("hello")
    await running.until(lambda: started)
    wiring = _wiring(running)
    wiring.inspect(started[0])
    dialog = wiring.dialog
    assert dialog is not None
    await running.until(lambda: dialog.field_text("stop") == "end_turn")
    assert dialog.headers_table.rowCount() > 1


@pytest.mark.asyncio
async def test_live_token_count_in_the_status_bar(
    qtbot: QtBot,
    running: Running,  # noqa: F811 (the fixture)
) -> None:
    root = running.root
    figures = root.figures
    label = figures.draft_tokens
    root.composer.focus_input()
    qtbot.keyClicks(root.composer.edit, "How many tokens will this take?")
    await running.until(lambda: label.isVisible())
    first = figures.draft_count
    assert first is not None
    assert label.text() == f"≈ {first:,} input tokens"
    counts = [r for r in running.server.requests if r.path == COUNT_PATH]
    assert len(counts) == 1  # one request for the whole burst of keys
    assert counts[0].json is not None
    assert counts[0].json["messages"][-1]["content"] == [{"type": "text", "text": "How many tokens will this take?"}]

    qtbot.keyClicks(root.composer.edit, " And this much longer addition to the draft, too?" * 3)
    await running.until(lambda: (figures.draft_count or 0) > first)
    longer = figures.draft_count
    assert longer is not None
    assert label.text() == f"≈ {longer:,} input tokens"

    root.composer.add_attachments([attachment_from_bytes(_png(), "blue.png")])  # an attachment counts too
    await running.until(lambda: (figures.draft_count or 0) > longer)
    sent = [r for r in running.server.requests if r.path == COUNT_PATH][-1].json
    assert sent is not None
    assert [block["type"] for block in sent["messages"][-1]["content"]] == ["image", "text"]
    root.composer.clear_attachments()

    root.composer.clear()
    await running.until(lambda: not label.isVisible())  # nothing to count in a new conversation


@pytest.mark.asyncio
async def test_a_draft_too_long_for_the_model_is_a_warning_where_the_count_was(
    qtbot: QtBot,
    running: Running,  # noqa: F811 (the fixture)
) -> None:
    root = running.root
    label = root.figures.draft_tokens
    root.composer.focus_input()
    qtbot.keyClicks(root.composer.edit, "Summarise the attached notes")
    await running.until(lambda: label.text().startswith("≈ "))

    notes = ("Some notes, written at length. " * 40_000).encode()  # 1.2 MB: ~300,000 tokens
    root.composer.add_attachments([attachment_from_bytes(notes, "notes.txt")])

    await running.until(lambda: label.text().startswith("too long"))
    assert label.isVisible()
    assert root.figures.too_long is not None
    tokens, limit = root.figures.too_long
    assert limit == 200_000
    assert tokens is not None
    assert tokens > limit
    assert label.text() == f"too long for the model: {tokens:,} tokens > {limit:,}"
    assert label.caption() == "Next"
    assert label.palette().color(QPalette.ColorRole.WindowText) == severity_colour("warning", label.palette())
    assert "prompt is too long" in label.toolTip()
    assert _wiring(running).counter.offered

    root.composer.clear_attachments()  # short enough again: the count is back, in the usual colour
    await running.until(lambda: label.text().startswith("≈ "))
    assert label.palette().color(QPalette.ColorRole.WindowText) == root.window.statusBar().palette().color(
        QPalette.ColorRole.WindowText
    )


@pytest.mark.asyncio
async def test_a_provider_without_token_counting_hides_the_count_and_is_not_asked_again(
    qtbot: QtBot,
    running: Running,  # noqa: F811 (the fixture)
) -> None:
    running.server.script.push(Reply(status=404), COUNT_PATH)
    root = running.root
    wiring = _wiring(running)
    root.composer.focus_input()
    qtbot.keyClicks(root.composer.edit, "count me")
    await running.until(lambda: not wiring.counter.running and not wiring.counter.offered)
    assert not root.figures.draft_tokens.isVisible()
    qtbot.keyClicks(root.composer.edit, " again")
    await asyncio.sleep(0.8)  # longer than the debounce
    assert not wiring.counter.running
    assert len([r for r in running.server.requests if r.path == COUNT_PATH]) == 1
    assert not root.figures.draft_tokens.isVisible()


@pytest.mark.asyncio
async def test_costs_per_reply_and_per_conversation_follow_the_edited_prices(
    qtbot: QtBot,
    running: Running,  # noqa: F811 (the fixture)
) -> None:
    root = running.root
    wiring = _wiring(running)
    reply_id = await running.send(qtbot, "Tell me something")
    view = root.transcript.message_view(reply_id)
    assert view is not None
    message = running.store.message(reply_id)
    assert message.model
    builtin = PriceTable.default().cost(message.model, message.usage)
    assert builtin is not None  # the model a new conversation gets has a built-in price
    assert view.footer.text().endswith(" · " + format_usd(builtin.usd))
    await running.until(lambda: root.figures.conversation_cost.isVisible())
    assert root.figures.conversation_cost.text() == (
        f"{message.usage['input_tokens'] + message.usage['output_tokens']:,} tokens"  # type: ignore[index]
        f" · {format_usd(builtin.usd)}"
    )
    assert "all branches" in root.figures.conversation_cost.toolTip()
    wiring.inspect(reply_id)  # left open while the prices are edited
    dialog = wiring.dialog
    assert dialog is not None
    assert dialog.field_text("cost") == f"{format_usd(builtin.usd)} (from the price table)"

    priced = PriceTable(
        [*DEFAULT_RULES, PriceRule(message.model, "Expensive test model", Price(3000, 15000, 3750, 300))]
    )
    wiring.set_prices(priced)
    edited = priced.cost(message.model, message.usage)
    assert edited is not None
    assert edited.usd > builtin.usd
    assert view.footer.text().endswith(" · " + format_usd(edited.usd))
    assert dialog.field_text("cost") == f"{format_usd(edited.usd)} (from the price table)"
    await running.until(lambda: root.figures.conversation_cost.text().endswith(format_usd(edited.usd)))
    stored = json.loads(root.paths.settings.read_text(encoding="utf-8"))
    assert stored[PRICES.key][message.model]["input"] == 3000.0


@pytest.mark.asyncio
async def test_the_conversation_cost_counts_one_token_and_one_reply_in_the_singular(
    qtbot: QtBot,
    running: Running,  # noqa: F811 (the fixture)
) -> None:
    running.server.script.push(Stream(text_events("Hi", model="model-without-a-price", input_tokens=1)))
    await running.send(qtbot, "hello")
    await running.until(lambda: running.root.figures.conversation_cost.isVisible())
    assert running.root.figures.conversation_cost.text() == "2 tokens"
    assert running.root.figures.conversation_cost.caption() == "Conversation"
    tooltip = running.root.figures.conversation_cost.toolTip().splitlines()
    assert tooltip[1:3] == ["Input: 1 token (0 read from the cache, 0 written to it)", "Output: 1 token"]
    assert tooltip[-1] == "1 reply of a model without a price (Edit ▸ Prices…)"


@pytest.mark.asyncio
async def test_a_cost_reported_by_the_provider_is_shown_as_such(
    qtbot: QtBot,
    running: Running,  # noqa: F811 (the fixture)
) -> None:
    events = text_events("Priced by the gateway", model="claude-sonnet-4-5")
    for event in events:
        if event["type"] == "message_delta":
            event["usage"] = {**event["usage"], "cost": 0.0042}
    running.server.script.push(Stream(events))
    reply_id = await running.send(qtbot, "hello")
    view = running.root.transcript.message_view(reply_id)
    assert view is not None
    assert view.footer.text().endswith("$0.0042 (reported)")
    wiring = _wiring(running)
    wiring.inspect(reply_id)
    assert wiring.dialog is not None
    assert wiring.dialog.field_text("cost") == "$0.0042 (reported by the provider)"


def _cached_events(text: str) -> list[dict[str, Any]]:
    """A reply of claude-sonnet-4-5 that read 12,000 tokens from the cache and wrote 300 (5 uncached)."""
    events = text_events(text, model="claude-sonnet-4-5", input_tokens=5)
    for event in events:  # message_start and message_delta: the delta's counts are cumulative
        usage = event["message"]["usage"] if event["type"] == "message_start" else event.get("usage")
        if usage is not None:
            usage.update(cache_read_input_tokens=12_000, cache_creation_input_tokens=300)
    return events


@pytest.mark.asyncio
async def test_the_status_bar_counts_a_replys_input_tokens_as_its_footer_does(
    qtbot: QtBot,
    running: Running,  # noqa: F811 (the fixture)
) -> None:
    events = _cached_events("From the cache")
    running.server.script.push(Stream(events))
    reply_id = await running.send(qtbot, "hello")
    view = running.root.transcript.message_view(reply_id)
    assert view is not None
    output = running.store.message(reply_id).usage["output_tokens"]  # type: ignore[index]
    assert view.footer.text().startswith(f"12,305 in · {output:,} out")  # uncached, written and read
    assert running.root.window.status.reply.text().startswith(f"12,305 in · {output:,} out")
    await running.until(lambda: running.root.figures.conversation_cost.isVisible())
    assert running.root.figures.conversation_cost.text().startswith(f"{12_305 + output:,} tokens")


@pytest.mark.asyncio
async def test_a_replys_footer_says_what_the_cache_saved_and_counts_its_searches_in_the_cost(
    qtbot: QtBot,
    running: Running,  # noqa: F811 (the fixture)
) -> None:
    events = _cached_events("Found it")
    events[-2]["usage"]["server_tool_use"] = {"web_search_requests": 3, "web_fetch_requests": 0}  # message_delta
    running.server.script.push(Stream(events))
    reply_id = await running.send(qtbot, "hello")
    view = running.root.transcript.message_view(reply_id)
    assert view is not None
    message = running.store.message(reply_id)
    cost = PriceTable.default().cost(message.model, message.usage)
    assert cost is not None
    # Reads at $0.30 instead of $3, writes at $3.75 instead of $3: $0.0324 - $0.000225 saved.
    assert cost.cache_saved == pytest.approx(0.032175)
    assert cost.search_usd == pytest.approx(0.03)
    assert view.footer.text().endswith(
        f" · cache 12,000 read, 300 written · 3 searches · cache saved $0.032 · {format_usd(cost.usd)}"
    )
    await running.until(lambda: running.root.figures.conversation_cost.isVisible())
    tooltip = running.root.figures.conversation_cost.toolTip().splitlines()
    assert "3 web searches" in tooltip
    assert f"Cost: {format_usd(cost.usd)}" in tooltip
    assert "Saved by the prompt cache: $0.032" in tooltip


def test_the_inspector_without_a_request_or_headers(qtbot: QtBot) -> None:
    from app.ui.inspector import Inspection

    dialog = InspectorDialog(clock=lambda: NOW)
    qtbot.addWidget(dialog)
    message = _bare_reply(7, "error", NOW - timedelta(minutes=1))
    dialog.show_inspection(Inspection(message, None, lambda: None, lambda _h: None, None, None))
    assert not dialog.copy_curl_button.isVisibleTo(dialog)
    assert not dialog.copy_json_button.isVisibleTo(dialog)
    assert dialog.curl_text() == ""
    assert dialog.no_request_note.isVisibleTo(dialog)
    assert dialog.field_text("cost") == "–"


def test_the_request_note_explains_stream_and_names_no_box_when_there_is_none(qtbot: QtBot) -> None:
    from app.ui.inspector import Inspection

    dialog = InspectorDialog(clock=lambda: NOW)
    qtbot.addWidget(dialog)
    message = _bare_reply(3, "complete", NOW)
    request = {"model": "claude-sonnet-4-5", "max_tokens": 64, "messages": [{"role": "user", "content": "hi"}]}
    dialog.show_inspection(Inspection(message, request, lambda: request, lambda _h: None, Provider.anthropic(), None))
    note = dialog.request_note.text()
    assert '"stream"' in note
    assert "curl prints the whole reply at once" in note
    assert "stream" not in _split_curl(dialog.curl_text())[1]  # as the note says
    assert dialog.full_data_box.isHidden()
    assert "ticked" not in note  # no box to tick: no attachments


@pytest.mark.asyncio
async def test_inspecting_an_imported_reply_says_no_request_was_recorded_and_shows_what_is_known(
    qtbot: QtBot,
    running: Running,  # noqa: F811 (the fixture)
    tmp_path: Path,
) -> None:
    from app.store import import_file

    export = tmp_path / "conversations.json"
    conversation = {
        "uuid": "c2000001-0000-4000-8000-000000000001",
        "name": "Kyoto",
        "model": "claude-3-5-sonnet-20241022",
        "chat_messages": [
            {"uuid": "m2000001-0000-4000-8000-000000000001", "sender": "human", "text": "Plan a day in Kyoto"},
            {"uuid": "m2000001-0000-4000-8000-000000000002", "sender": "assistant", "text": "Fushimi Inari."},
        ],
    }
    export.write_text(json.dumps([conversation]), encoding="utf-8")
    import_file(running.store, export)
    root = running.root
    root.list_model.reload()
    cid = running.store.list_conversations()[0].id
    root.view.open_conversation(cid)
    reply = root.transcript.message_views()[-1]
    assert reply.role == "assistant"
    qtbot.mouseClick(reply.inspect_button, Qt.MouseButton.LeftButton)

    dialog = _wiring(running).dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.no_request_note.isVisible()
    assert "No request was recorded" in dialog.no_request_note.text()
    assert "imported" in dialog.no_request_note.text()
    assert dialog.field_text("model") == "claude-3-5-sonnet-20241022"
    shown = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
    assert "–" not in shown  # no rows of dashes: what is not known is not listed
    assert "Model:" in shown
    assert "Timings:" not in shown
    for hidden in (dialog.tabs, dialog.copy_json_button, dialog.copy_curl_button, dialog.full_data_box):
        assert not hidden.isVisible()  # nothing to copy, rather than buttons that do nothing
    assert dialog.height() < 300  # a few lines: a small window, not a big one of empty space

    # A reply of this session afterwards: the request and its buttons are back.
    dialog.close()
    root.view.new_conversation()
    reply_id = await running.send(qtbot, "hello")
    _wiring(running).inspect(reply_id)
    assert not dialog.no_request_note.isVisible()
    assert dialog.tabs.isVisible()
    assert dialog.height() > 400  # room for the request again
    assert dialog.copy_json_button.isVisible()
    assert dialog.copy_json_button.isEnabled()
    assert dialog.copy_curl_button.isVisible()
    assert dialog.copy_curl_button.isEnabled()


def test_an_imported_reply_with_usage_shows_its_tokens_and_stop_reason(qtbot: QtBot) -> None:
    from app.ui.inspector import Inspection

    dialog = InspectorDialog(clock=lambda: NOW)
    qtbot.addWidget(dialog)
    message = replace(
        _bare_reply(9, "complete", NOW),
        model="claude-sonnet-4-5",
        stop_reason="end_turn",
        usage={"input_tokens": 12, "output_tokens": 34},
    )
    dialog.show_inspection(Inspection(message, None, lambda: None, lambda _h: None, Provider.anthropic(), None))
    dialog.show()
    assert dialog.field_text("stop") == "end_turn"
    assert dialog.field_text("tokens").startswith("12 input · 34 output")
    assert dialog.findChild(QLabel, "inspector-tokens").isVisible()  # type: ignore[union-attr]
    assert not dialog.findChild(QLabel, "inspector-request_id").isVisible()  # type: ignore[union-attr]
    assert dialog.no_request_note.isVisible()


def test_the_summary_names_what_the_request_asked_for_and_what_the_reply_used(qtbot: QtBot) -> None:
    from app.ui.inspector import Inspection

    dialog = InspectorDialog(clock=lambda: NOW)
    qtbot.addWidget(dialog)
    schema = {"type": "object", "properties": {"label": {"type": "string"}}, "additionalProperties": False}
    request = {
        "model": "claude-sonnet-5-5",
        "max_tokens": 4096,
        "messages": [{"role": "user", "content": "Hi"}],
        "thinking": {"type": "adaptive", "display": "omitted"},
        "output_config": {"effort": "low", "format": {"type": "json_schema", "schema": schema}},
        "cache_control": {"type": "ephemeral", "ttl": "1h"},
        "tools": [
            {"name": "f", "input_schema": {"type": "object"}, "strict": True},
            {"type": "web_search_20250305", "name": "web_search", "max_uses": 3},
        ],
        "service_tier": "standard_only",
    }
    message = replace(
        _bare_reply(9, "complete", NOW),
        model="claude-sonnet-5-5",
        stop_reason="refusal",
        stop_details={"type": "refusal", "category": "cyber", "explanation": "Exploit code."},
        usage={
            "input_tokens": 12,
            "output_tokens": 34,
            "cache_creation_input_tokens": 2048,
            "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 2048},
            "server_tool_use": {"web_search_requests": 2, "web_fetch_requests": 0},
            "service_tier": "standard",
        },
    )
    dialog.show_inspection(Inspection(message, request, lambda: request, lambda _h: None, Provider.anthropic(), None))
    assert dialog.field_text("options") == (
        "effort low · thinking adaptive (omitted) · structured output (1 property) · cache 1 hour"
        " · web search (at most 3) · 1 tool (1 strict) · service tier standard_only"
    )
    assert dialog.field_text("stop") == "refusal (cyber: Exploit code.)"
    assert dialog.field_text("tokens") == (
        "12 input · 34 output · cache: 0 read, 2,048 written (2,048 for 1 hour) · 2 web searches · standard tier"
    )
    plain = {"model": "m", "max_tokens": 10, "messages": []}
    dialog.show_inspection(Inspection(message, plain, lambda: plain, lambda _h: None, Provider.anthropic(), None))
    assert dialog.field_text("options") == "model defaults"
