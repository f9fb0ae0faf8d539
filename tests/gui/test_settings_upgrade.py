"""The window on settings files an older Samtal wrote: what was typed for a new conversation is still there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.demo import DemoServer
from app.settings import FORMAT
from tests.gui import window_harness

OLD_KEYS = ("new_conversation_draft", "new_conversation_params")


@pytest.mark.asyncio
async def test_a_new_conversations_draft_kept_by_format_1_survives_the_upgrade(
    qtbot: QtBot, tmp_path: Path, demo_server: DemoServer
) -> None:
    first = await window_harness.start_root(tmp_path, demo_server)
    await window_harness.stop_root(first)
    paths = first.root.paths
    # The files as format 1 kept them: a new conversation's draft and parameters with the user's settings.
    user = json.loads(paths.settings.read_text())
    state = {k: v for k, v in json.loads(paths.window_state.read_text()).items() if k not in OLD_KEYS}
    params = {"model": "claude-demo-sonnet-4-6", "max_tokens": 777}
    user |= {"version": 1, OLD_KEYS[0]: "typed before the upgrade", OLD_KEYS[1]: params}
    paths.settings.write_text(json.dumps(user))
    paths.window_state.write_text(json.dumps({**state, "version": 1}))

    restarted = await window_harness.start_root(tmp_path, demo_server, first.keyring)
    try:
        assert restarted.root.composer.text() == "typed before the upgrade"
        assert restarted.root.parameters.params()["max_tokens"] == 777
        assert restarted.root.settings.active_profile == first.root.settings.active_profile
    finally:
        await window_harness.stop_root(restarted)

    upgraded_user = json.loads(paths.settings.read_text())
    upgraded_state = json.loads(paths.window_state.read_text())
    assert upgraded_user["version"] == upgraded_state["version"] == FORMAT
    assert not set(OLD_KEYS) & set(upgraded_user)
    assert upgraded_state[OLD_KEYS[0]] == "typed before the upgrade"
    assert upgraded_state[OLD_KEYS[1]]["max_tokens"] == 777
