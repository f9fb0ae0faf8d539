"""The A/B compare run against the real controller, demo server and SQLite store: figures, stopping, keeping."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from pytestqt.qtbot import QtBot

import app.attachments
from app.chat.compare import (
    CompareRun,
    ReplyFigures,
    estimate_output_tokens,
    final_figures,
    total_input_tokens,
)
from app.chat.connection import ConnectionManager
from app.chat.controller import ChatController
from app.chat.pricing import Cost, PriceTable
from app.demo import DemoServer, Hang, Pause, Stream, text_events
from app.store import NotFoundError, ReplyDetails, Store
from tests.fixtures.waiting import until

SETS = [{"temperature": 0.2}, {"temperature": 1.0}]


@pytest_asyncio.fixture
async def chat(store: Store, connections: ConnectionManager) -> AsyncIterator[tuple[ChatController, Store]]:
    controller = ChatController(store, connections, default_params=lambda: {"model": "claude-demo-sonnet-4-6"})
    yield controller, store
    await controller.shutdown()


class Seen:
    """Collects a run's signals."""

    def __init__(self, run: CompareRun) -> None:
        self.progress: list[int] = []
        self.finished: dict[int, str] = {}
        self.figures: list[tuple[int, ReplyFigures]] = []
        self.settled = 0
        run.reply_progress.connect(lambda index, _partial: self.progress.append(index))
        run.reply_finished.connect(lambda index, message: self.finished.__setitem__(index, message.status))
        run.figures_changed.connect(lambda index, figures: self.figures.append((index, figures)))
        run.settled.connect(self._on_settled)

    def _on_settled(self) -> None:
        self.settled += 1


def _slow(text: str, *, hang: bool = False) -> Stream:
    """A scripted reply that sends its first words, waits, then ends (or hangs until stopped)."""
    events = text_events(text, model="claude-demo-sonnet-4-6", chunk=4)
    rest: list[Any] = [Hang()] if hang else [Pause(0.3), *events[5:]]
    return Stream([*events[:5], *rest])


# --- figures ---


def test_output_estimate_counts_every_kind_of_content_and_prefers_the_reported_count() -> None:
    partial = {
        "content": [
            {"type": "thinking", "thinking": "a" * 40},
            {"type": "text", "text": "b" * 39},
            {"type": "tool_use", "input": {}, "_partial_json": '{"city": "Oslo"}'},
        ],
        "usage": {"output_tokens": 1},
    }
    assert estimate_output_tokens(partial) == 10 + 10 + 4
    assert estimate_output_tokens({"content": [], "usage": {"output_tokens": 7}}) == 7
    assert estimate_output_tokens({}) == 0


def test_input_tokens_include_the_cache() -> None:
    usage = {"input_tokens": 10, "cache_creation_input_tokens": 5, "cache_read_input_tokens": 100}
    assert total_input_tokens(usage) == 115
    assert total_input_tokens({"output_tokens": 3}) is None
    assert total_input_tokens(None) is None


def test_final_figures_come_from_the_stored_message(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite3") as store:
        cid = store.create_conversation().id
        store.add_message(cid, "user", "q")
        reply = store.add_message(
            cid,
            "assistant",
            "a",
            details=ReplyDetails(
                model="claude-sonnet-4-5",
                usage={"input_tokens": 1000, "output_tokens": 2000},
                timings={"time_to_first_text": 0.5, "output_tokens_per_second": 80.0, "duration": 25.5},
            ),
        )
        figures = final_figures(reply, PriceTable.default().cost)
        unpriced = final_figures(reply)
    assert figures == ReplyFigures(
        status="complete",
        elapsed=25.5,
        input_tokens=1000,
        output_tokens=2000,
        cost=Cost((1000 * 3.0 + 2000 * 15.0) / 1_000_000),
        time_to_first_token=0.5,
        tokens_per_second=80.0,
    )
    assert unpriced.cost is None


# --- running ---


@pytest.mark.asyncio
async def test_replies_stream_side_by_side_with_live_then_stored_figures(
    qtbot: QtBot, chat: tuple[ChatController, Store], demo_server: DemoServer
) -> None:
    controller, store = chat
    demo_server.script.push(_slow("One answer that takes a while to arrive."))
    demo_server.script.push(_slow("Another answer that also takes its time."))
    cid = controller.new_conversation({"model": "claude-demo-sonnet-4-6", "max_tokens": 300})
    run = CompareRun(controller, store, cid, cost_of=PriceTable.default().cost, tick_ms=20)
    seen = Seen(run)

    assert run.start("same question", SETS) == []

    ids = run.reply_ids
    assert len(ids) == 2
    assert [m.id for m in store.messages.siblings(ids[0])] == ids
    await until(lambda: {0, 1} <= set(seen.progress))
    live = run.figures(0)
    assert live.status == "streaming"
    assert live.output_estimated
    assert live.output_tokens is not None
    assert live.output_tokens > 0
    assert live.elapsed is not None
    assert live.elapsed > 0
    assert live.time_to_first_token is not None
    await until(lambda: len(seen.finished) == 2)
    assert seen.finished == {0: "complete", 1: "complete"}
    ticks = [f for _i, f in seen.figures if f.status == "streaming"]
    assert len(ticks) > len(seen.progress) - 2  # the clock ticks on between updates (the 0.3 s pause)
    for index, message_id in enumerate(ids):
        final = run.figures(index)
        stored = store.message(message_id)
        assert final.output_tokens == stored.usage["output_tokens"]  # type: ignore[index]
        assert not final.output_estimated
        assert final.cost == Cost(0.0)  # the demo models are free
        assert final.tokens_per_second == stored.timings["output_tokens_per_second"]  # type: ignore[index]
    assert sorted(r.json["temperature"] for r in demo_server.requests[-2:]) == [0.2, 1.0]
    run.release()


@pytest.mark.asyncio
async def test_keeping_one_stops_and_deletes_the_others(
    qtbot: QtBot, chat: tuple[ChatController, Store], demo_server: DemoServer
) -> None:
    controller, store = chat
    demo_server.script.push(_slow("Hanging answer", hang=True))
    demo_server.script.push(_slow("Hanging answer", hang=True))
    cid = controller.new_conversation({"model": "claude-demo-sonnet-4-6", "max_tokens": 300})
    run = CompareRun(controller, store, cid)
    seen = Seen(run)
    assert run.start("q", SETS) == []
    kept, dropped = run.reply_ids
    await until(lambda: {0, 1} <= set(seen.progress))
    branches: list[int] = []
    controller.branch_changed.connect(branches.append)

    run.keep(0)

    assert run.deciding
    await until(lambda: seen.settled)
    assert seen.finished == {1: "stopped"}  # the kept one goes on streaming
    assert run.is_streaming(0)
    with pytest.raises(NotFoundError):
        store.message(dropped)
    assert [m.id for m in store.messages.siblings(kept)] == [kept]
    assert store.path(cid)[-1].id == kept
    assert branches == [cid]
    assert not run.deciding
    run.stop(0)
    await until(lambda: 0 in seen.finished)
    assert store.message(kept).status == "stopped"
    run.release()


@pytest.mark.asyncio
async def test_a_run_whose_conversation_is_deleted_ends_without_figures(
    qtbot: QtBot, chat: tuple[ChatController, Store], demo_server: DemoServer
) -> None:
    controller, store = chat
    demo_server.script.push(_slow("Hanging answer", hang=True))
    demo_server.script.push(_slow("Hanging answer", hang=True))
    cid = controller.new_conversation({"model": "claude-demo-sonnet-4-6", "max_tokens": 300})
    run = CompareRun(controller, store, cid)
    seen = Seen(run)
    assert run.start("q", SETS) == []
    await until(lambda: {0, 1} <= set(seen.progress))
    controller.stop(cid)  # as Delete Permanently does, then deletes at once
    store.conversations.delete(cid)
    await until(lambda: not run.any_streaming())
    assert seen.finished == {}  # nothing left to show
    run.release()


@pytest.mark.asyncio
async def test_keeping_all_leaves_siblings_and_shows_the_chosen_one(
    qtbot: QtBot, chat: tuple[ChatController, Store]
) -> None:
    controller, store = chat
    cid = controller.new_conversation({"model": "claude-demo-sonnet-4-6", "max_tokens": 60})
    run = CompareRun(controller, store, cid)
    seen = Seen(run)
    assert run.start("q", [*SETS, {"temperature": 0.5}]) == []
    await until(lambda: len(seen.finished) == 3)
    first = run.reply_ids[0]
    assert store.path(cid)[-1].id != first  # the last one started is the head until the user chooses

    run.keep(0, discard_others=False)

    await until(lambda: seen.settled)
    assert [m.id for m in store.messages.siblings(first)] == run.reply_ids
    assert store.path(cid)[-1].id == first
    # The next turn goes on with the chosen set's parameters.
    assert store.conversation(cid).params == {"model": "claude-demo-sonnet-4-6", "max_tokens": 60, "temperature": 0.2}
    run.keep(1)  # decided already: nothing more happens
    await asyncio.sleep(0.05)
    assert len(store.messages.siblings(first)) == 3
    run.release()


@pytest.mark.asyncio
async def test_keeping_some_shows_the_first_kept_and_leaves_the_parameters(
    qtbot: QtBot, chat: tuple[ChatController, Store]
) -> None:
    controller, store = chat
    params = {"model": "claude-demo-sonnet-4-6", "max_tokens": 60}
    cid = controller.new_conversation(params)
    run = CompareRun(controller, store, cid)
    seen = Seen(run)
    assert run.start("q", [*SETS, {"temperature": 0.5}]) == []
    await until(lambda: len(seen.finished) == 3)
    first, second, third = run.reply_ids

    run.keep_some([2, 1])

    assert run.decided
    await until(lambda: seen.settled)
    assert [m.id for m in store.messages.siblings(second)] == [second, third]
    with pytest.raises(NotFoundError):
        store.message(first)
    assert store.path(cid)[-1].id == second
    assert store.conversation(cid).params == params
    run.release()


@pytest.mark.asyncio
async def test_keeping_none_stops_and_deletes_the_replies_and_the_prompt_and_shows_the_branch_before(
    qtbot: QtBot, chat: tuple[ChatController, Store], demo_server: DemoServer
) -> None:
    controller, store = chat
    cid = controller.new_conversation({"model": "claude-demo-sonnet-4-6", "max_tokens": 60})
    store.add_message(cid, "user", "hello")
    before = store.add_message(cid, "assistant", "hi")
    demo_server.script.push(_slow("Hanging answer", hang=True))
    demo_server.script.push(_slow("Hanging answer", hang=True))
    run = CompareRun(controller, store, cid)
    seen = Seen(run)
    assert run.start("q", SETS) == []
    await until(lambda: {0, 1} <= set(seen.progress))
    branches: list[int] = []
    controller.branch_changed.connect(branches.append)

    run.keep_some([])

    await until(lambda: seen.settled)
    assert seen.finished == {0: "stopped", 1: "stopped"}
    assert [m.id for m in store.path(cid)] == [before.parent_id, before.id]
    assert store.conversation(cid).message_count == 2
    assert branches[-1] == cid  # the window shows the branch again
    run.release()


@pytest.mark.asyncio
async def test_keeping_none_of_a_first_message_leaves_an_empty_conversation(
    qtbot: QtBot, chat: tuple[ChatController, Store]
) -> None:
    controller, store = chat
    cid = controller.new_conversation({"model": "claude-demo-sonnet-4-6", "max_tokens": 60})
    run = CompareRun(controller, store, cid)
    seen = Seen(run)
    assert run.start("q", SETS) == []
    await until(lambda: len(seen.finished) == 2)

    run.keep_some([])

    await until(lambda: seen.settled)
    assert store.conversation(cid).message_count == 0
    assert store.path(cid) == []
    run.release()


@pytest.mark.asyncio
async def test_a_reply_the_user_went_on_from_is_not_discarded(qtbot: QtBot, chat: tuple[ChatController, Store]) -> None:
    controller, store = chat
    cid = controller.new_conversation({"model": "claude-demo-sonnet-4-6", "max_tokens": 60})
    run = CompareRun(controller, store, cid)
    seen = Seen(run)
    assert run.start("q", SETS) == []
    await until(lambda: len(seen.finished) == 2)
    kept, other = run.reply_ids
    follow_up = store.add_message(cid, "user", "more, please", parent_id=other)

    run.keep(0)

    await until(lambda: seen.settled)
    assert store.message(follow_up.id).parent_id == other
    assert [m.id for m in store.messages.siblings(kept)] == [kept, other]
    assert store.path(cid)[-1].id == kept


@pytest.mark.asyncio
async def test_a_refused_start_says_why_and_sends_nothing(
    qtbot: QtBot, chat: tuple[ChatController, Store], demo_server: DemoServer
) -> None:
    controller, store = chat
    cid = controller.new_conversation({"model": "claude-demo-sonnet-4-6", "max_tokens": 1024})
    run = CompareRun(controller, store, cid)
    blocking = {"thinking": {"type": "enabled", "budget_tokens": 1024}}

    problems = run.start("q", [{"temperature": 0.2}, blocking])

    assert len(problems) == 1
    assert problems[0].startswith("Set 2: ")
    assert "less than max_tokens" in problems[0]
    assert not run.started
    assert store.path(cid) == []
    assert demo_server.requests == []
    assert run.start("q", [{}]) == ["The compare could not be started."]  # one set is not a compare
    run.release()


@pytest.mark.asyncio
async def test_a_set_whose_own_request_is_too_large_refuses_the_start(
    qtbot: QtBot, chat: tuple[ChatController, Store], demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller, store = chat
    cid = controller.new_conversation({"model": "claude-demo-sonnet-4-6", "max_tokens": 1024})
    run = CompareRun(controller, store, cid)
    monkeypatch.setattr(app.attachments, "MAX_REQUEST_BYTES", 1000)  # the base request is far smaller

    problems = run.start("q", [{"temperature": 0.2}, {"system": "long instructions " * 100}])

    assert len(problems) == 1
    assert "limit" in problems[0]
    assert not run.started
    assert store.path(cid) == []  # the message was not saved either
    assert demo_server.requests == []
    run.release()


@pytest.mark.asyncio
async def test_a_released_run_no_longer_follows_the_replies(
    qtbot: QtBot, chat: tuple[ChatController, Store], demo_server: DemoServer
) -> None:
    controller, store = chat
    demo_server.script.push(_slow("first words then more"))
    demo_server.script.push(_slow("first words then more"))
    cid = controller.new_conversation({"model": "claude-demo-sonnet-4-6", "max_tokens": 300})
    run = CompareRun(controller, store, cid)
    seen = Seen(run)
    finished: list[int] = []
    controller.reply_finished.connect(lambda _c, m, _s: finished.append(m))
    assert run.start("q", SETS) == []
    run.release()
    await until(lambda: len(finished) == 2)  # the replies go on without the run
    assert seen.finished == {}
    assert all(store.message(m).status == "complete" for m in finished)
