"""The parameters panel's controls for today's API through the real root against the demo server: what the
panel shows, what the demo server receives, what the reply shows; the API version of the profile in use;
and a reply whose model retired, continued with its successor in one click."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from app.api.params import SETS_ITS_OWN_SAMPLING
from app.ui.message_blocks import AssistantTextView, StructuredOutputView
from app.ui.output_schema_editor import EXAMPLE_SCHEMAS
from app.ui.web_blocks import ServerToolUseView
from tests.gui import window_harness
from tests.gui.window_harness import TOKEN, Running

running = window_harness.running  # the fixture: the real root against the demo server

FIVE = "claude-demo-sonnet-5"


def _sent(running: Running) -> dict[str, Any]:
    """The body of the last Messages request the demo server received."""
    body = [r for r in running.server.requests if r.path == "/v1/messages"][-1].json
    assert body is not None
    return body


def _use(running: Running, **params: Any) -> None:
    """Set the conversation's parameters as the user would see them applied (a preset, say)."""
    running.root.parameters.apply({**running.root.parameters.params(), **params})


@pytest.mark.asyncio
async def test_a_five_family_model_gets_no_sampling_and_the_effort_and_thinking_chosen(
    qtbot: QtBot, running: Running
) -> None:
    panel = running.root.parameters
    _use(running, model=FIVE, temperature=0.4, top_k=20)  # saved for an older model
    assert not panel.temperature.enable.isEnabled()
    assert SETS_ITS_OWN_SAMPLING in panel.notes["sampling"].text()
    qtbot.mouseClick(panel.effort.button("low"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.thinking_mode.button("adaptive"), Qt.MouseButton.LeftButton)
    panel.thinking_display.setCurrentIndex(panel.thinking_display.findData("omitted"))

    reply_id = await running.send(qtbot, "Hello there")

    sent = _sent(running)
    assert not {"temperature", "top_p", "top_k"} & set(sent)  # refused by the model: never sent
    assert sent["output_config"] == {"effort": "low"}
    assert sent["thinking"] == {"type": "adaptive", "display": "omitted"}
    reply = running.store.message(reply_id)
    assert reply.status == "complete"
    thinking = [block for block in reply.content if block.get("type") == "thinking"]
    assert thinking
    assert thinking[0]["thinking"] == ""  # withheld...
    assert thinking[0]["signature"]  # ...with its signature, for the replay
    view = running.root.transcript.message_view(reply_id)
    assert view is not None
    assert view.blocks[0].toggle.text() == "Thinking withheld (display: omitted)"
    params = running.store.conversation(reply.conversation_id).params
    assert params["temperature"] == 0.4  # kept with the conversation, as the user set it

    qtbot.mouseClick(view.inspect_button, Qt.MouseButton.LeftButton)  # what was sent, as the inspector shows it
    inspector = running.root.inspector
    assert inspector.dialog is not None
    assert inspector.dialog.field_text("options") == "effort low · thinking adaptive (omitted)"
    shown = json.loads(inspector.dialog.request_text())
    assert shown["output_config"] == {"effort": "low"}
    assert "temperature" not in shown


@pytest.mark.asyncio
async def test_a_structured_output_reply_is_shown_as_json_checked_against_the_schema(
    qtbot: QtBot, running: Running
) -> None:
    schema = EXAMPLE_SCHEMAS["classification"]
    _use(running, model=FIVE, output_format=schema)
    reply_id = await running.send(qtbot, "I loved the film")
    assert _sent(running)["output_config"] == {"format": {"type": "json_schema", "schema": schema}}
    view = running.root.transcript.message_view(reply_id)
    assert view is not None
    shown = next(block for block in view.blocks if isinstance(block, StructuredOutputView))
    await running.until(lambda: shown.check is not None)
    assert shown.check_label.text() == "✓ Matches the output schema"
    assert json.loads(shown.view.code_block(0))["label"] in ("positive", "neutral", "negative")


@pytest.mark.asyncio
async def test_prompt_caching_writes_then_reads_and_the_status_bar_says_it_is_warm(
    qtbot: QtBot, running: Running
) -> None:
    panel = running.root.parameters
    _use(running, model=FIVE, system="You answer about lakes. " * 400)  # past the 5 family's 1,024 tokens
    qtbot.mouseClick(panel.cache.button("5m"), Qt.MouseButton.LeftButton)
    first = await running.send(qtbot, "Hello")
    assert _sent(running)["cache_control"] == {"type": "ephemeral", "ttl": "5m"}
    second = await running.send(qtbot, "And again")
    usage = [running.store.message(reply).usage or {} for reply in (first, second)]
    assert usage[0]["cache_creation_input_tokens"] > 0
    assert usage[1]["cache_read_input_tokens"] > 0
    view = running.root.transcript.message_view(second)
    assert view is not None
    assert "cache" in view.footer.text()
    field = running.root.figures.cache_warm
    await running.until(
        lambda: field.isVisible() and field.text().startswith("warm for ") and field.caption() == "Cache"
    )


@pytest.mark.asyncio
async def test_web_search_shows_what_was_searched_its_sources_and_citations(qtbot: QtBot, running: Running) -> None:
    panel = running.root.parameters
    _use(running, model=FIVE)
    panel.sections["web"].set_expanded(True)
    enable = panel.web_search.enable
    qtbot.mouseClick(enable, Qt.MouseButton.LeftButton, pos=QPoint(8, enable.height() // 2))
    panel.web_search.max_uses.setValue(2)
    reply_id = await running.send(qtbot, "Search for the latest news about tides")
    tools = _sent(running)["tools"]
    assert tools == [{"type": "web_search_20250305", "name": "web_search", "max_uses": 2}]
    view = running.root.transcript.message_view(reply_id)
    assert view is not None
    searches = [block for block in view.blocks if isinstance(block, ServerToolUseView)]
    assert searches
    assert searches[0].label.text().startswith("Searched the web: ")
    cited = [block for block in view.blocks if isinstance(block, AssistantTextView) and block.sources]
    assert cited
    assert "[1]" in cited[0].view.plain_text()


@pytest.mark.asyncio
async def test_a_profile_on_api_version_2026_10_21_greys_out_sampling_and_sends_that_version(
    qtbot: QtBot, running: Running
) -> None:
    root = running.root
    panel = root.parameters
    _use(running, model="claude-demo-sonnet-4-6", temperature=0.5)
    assert panel.temperature.enable.isEnabled()
    connection = root.connections.connection
    assert connection is not None
    assert connection.profile is not None
    assert root.connections.use_profile(dataclasses.replace(connection.profile, api_version="2026-10-21"), TOKEN)
    assert panel.api_version == "2026-10-21"
    assert not panel.temperature.enable.isEnabled()
    assert "2026-10-21" in panel.notes["sampling"].text()
    await running.send(qtbot, "Hello")
    request = [r for r in running.server.requests if r.path == "/v1/messages"][-1]
    assert request.headers["anthropic-version"] == "2026-10-21"
    assert "temperature" not in _sent(running)


@pytest.mark.asyncio
async def test_a_reply_whose_model_retired_continues_with_its_successor_in_one_click(
    qtbot: QtBot, running: Running
) -> None:
    root = running.root
    _use(running, model="claude-demo-opus-4-1")
    failed = await running.send(qtbot, "Hello")
    message = running.store.message(failed)
    assert message.status == "error"
    assert message.error is not None
    assert message.error.type == "not_found_error"
    view = root.transcript.message_view(failed)
    assert view is not None
    box = view.status_box
    assert box is not None
    assert "no longer available" in box.details.plain_text()
    button = box.switch_model_button
    assert button.isVisibleTo(view)
    assert button.text() == "Continue with Claude Demo Opus 5"

    retried = await running.finished_reply(lambda: qtbot.mouseClick(button, Qt.MouseButton.LeftButton))

    assert _sent(running)["model"] == "claude-demo-opus-5"
    assert running.store.message(retried).status == "complete"
    assert running.store.conversation(message.conversation_id).params["model"] == "claude-demo-opus-5"
    assert root.parameters.model_id() == "claude-demo-opus-5"


@pytest.mark.asyncio
async def test_the_status_bar_says_which_connection_is_in_use_and_where_it_comes_from(
    qtbot: QtBot, running: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = running.root
    field = root.window.status.provider

    def about() -> str:
        return field.toolTip().replace("\xa0", " ")

    assert field.text().startswith("Local demo · ")
    assert "The profile “Local demo”, chosen in Settings." in about()
    monkeypatch.setenv("ANTHROPIC_API_KEY", TOKEN)
    monkeypatch.setenv("ANTHROPIC_BASE_URL", running.server.url)
    assert root.connections.use_environment()  # as at start-up when the shell has a key
    assert "(environment)" in field.text()
    assert "From the environment (ANTHROPIC_API_KEY), which comes before the active profile" in about()
    assert TOKEN not in field.text() + about()
