"""The whole window, wired by the real composition root, against the demo server: each user flow as a
person would do it (keys, buttons, menu commands), checked in the widgets and in the SQLite store."""

from __future__ import annotations

import asyncio
import gc
import socket

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from app.demo import Hang, Reply, Stream, text_events
from app.settings import Profile
from app.ui.settings_dialog import SettingsDialog
from tests.fixtures.qt import focused
from tests.gui import window_harness
from tests.gui.window_harness import TOKEN, Running

running = window_harness.running  # the fixture: the real root against the demo server


@pytest.mark.asyncio
async def test_send_streams_into_the_transcript_and_the_store(qtbot: QtBot, running: Running) -> None:
    root = running.root
    assert root.window.centre.currentWidget() is root.window.chat_area  # a profile with a token: straight to chat
    reply_id = await running.send(qtbot, "Show me a table")
    cid = root.current
    assert cid is not None
    path = running.store.path(cid)
    assert [m.role for m in path] == ["user", "assistant"]
    assert path[-1].id == reply_id
    assert path[-1].status == "complete"
    texts = running.reply_texts()
    assert texts[0] == "Show me a table"
    assert "|" in texts[1]
    assert root.composer.text() == ""  # cleared once sent
    assert root.sidebar.current_conversation_id() == cid
    assert root.list_model.row_of(cid) == 0
    assert "Show me a table" in root.window.windowTitle()
    assert "out" in root.window.status.reply.text()
    assert root.window.status.provider.textFormat() == Qt.TextFormat.PlainText  # model ids are the provider's
    assert running.server.requests[-1].headers["x-api-key"] == TOKEN  # the profile's token, from the keyring


@pytest.mark.asyncio
async def test_the_status_bar_names_the_model_the_next_message_will_use(qtbot: QtBot, running: Running) -> None:
    root = running.root
    status, panel = root.window.status.provider, root.parameters
    assert root.current is None  # nothing sent yet in this session
    assert status.text() == f"{root.connections.label} · {panel.model_id()}"
    panel.model.setCurrentIndex((panel.model.currentIndex() + 1) % panel.model.count())
    chosen = panel.model_id()
    assert status.text() == f"{root.connections.label} · {chosen}"  # at once, before anything is sent
    await running.send(qtbot, "Which model are you?")
    assert running.store.path(root.current)[-1].model == chosen  # type: ignore[arg-type]
    assert status.text() == f"{root.connections.label} · {chosen}"


@pytest.mark.asyncio
async def test_a_system_prompt_typed_just_before_sending_goes_with_the_message(qtbot: QtBot, running: Running) -> None:
    root = running.root
    await running.send(qtbot, "first")
    qtbot.keyClicks(root.parameters.system, "Answer in French.")  # the panel saves it after a pause
    await running.send(qtbot, "second")  # sent before that pause is over
    sent = [r for r in running.server.requests if r.path == "/v1/messages"][-1].json
    assert sent["system"] == "Answer in French."


@pytest.mark.asyncio
async def test_stop_keeps_the_partial_reply_and_offers_retry_and_continue(qtbot: QtBot, running: Running) -> None:
    root = running.root
    events = text_events("Half of an answer", model="m", chunk=5)
    running.server.script.push(Stream([*events[:5], Hang()]))
    root.composer.focus_input()
    qtbot.keyClicks(root.composer.edit, "hello")
    qtbot.keyClick(root.composer.edit, Qt.Key.Key_Return)
    await running.until(lambda: root.current is not None and root.controller.is_streaming(root.current))
    await running.until(lambda: "Half" in running.reply_texts()[-1])
    assert root.composer.button.text() == "Stop"
    assert root.window.commands.stop.isEnabled()
    root.window.commands.stop.trigger()  # Esc
    await running.until(lambda: root.current is not None and not root.controller.is_streaming(root.current))
    assert root.current is not None
    reply = running.store.path(root.current)[-1]
    assert reply.status == "stopped"
    assert reply.text.startswith("Half")
    box = root.transcript.message_views()[-1].status_box
    assert box is not None
    assert box.retry_button.isVisibleTo(box)
    assert box.continue_button.isVisibleTo(box)
    assert root.composer.button.text() == "Send"


@pytest.mark.asyncio
async def test_error_then_retry_makes_a_second_version(qtbot: QtBot, running: Running) -> None:
    root = running.root
    running.server.script.push(Reply(status=400, headers={"request-id": "req_window_1"}))
    failed = await running.send(qtbot, "hello")
    box = root.transcript.message_views()[-1].status_box
    assert box is not None
    assert "req_window_1" in box.details.toPlainText()
    assert "invalid_request_error" in box.details.toPlainText()
    await running.finished_reply(lambda: qtbot.mouseClick(box.retry_button, Qt.MouseButton.LeftButton))
    last = root.transcript.message_views()[-1]
    assert last.message_id != failed
    navigator = last.navigator
    assert navigator is not None
    assert navigator.label.text() == "2/2"
    # Back to the failed version and forward again: the branch navigator switches what is shown.
    qtbot.mouseClick(navigator.previous_button, Qt.MouseButton.LeftButton)
    await running.until(lambda: root.transcript.message_views()[-1].message_id == failed)
    assert root.current is not None
    assert running.store.path(root.current)[-1].id == failed


@pytest.mark.asyncio
async def test_continue_after_max_tokens(qtbot: QtBot, running: Running) -> None:
    root = running.root
    root.parameters.max_tokens.spin.setValue(10)
    first = await running.send(qtbot, "Tell me a story")
    assert running.store.message(first).stop_reason == "max_tokens"
    assert root.window.commands.continue_reply.isEnabled()
    before = running.store.message(first).text
    grown = await running.finished_reply(root.window.commands.continue_reply.trigger)
    assert grown == first  # the same reply grew
    assert len(running.store.message(first).text) > len(before)
    assert running.reply_texts()[-1].startswith(before.rstrip())


@pytest.mark.asyncio
async def test_edit_makes_a_branch(qtbot: QtBot, running: Running) -> None:
    root = running.root
    await running.send(qtbot, "short question one")
    user_view = root.transcript.message_views()[0]
    await running.finished_reply(
        lambda: root.transcript.edit_submitted.emit(user_view.message_id, "short question two")
    )
    assert running.reply_texts()[0] == "short question two"
    navigator = root.transcript.message_views()[0].navigator
    assert navigator is not None
    assert navigator.label.text() == "2/2"


@pytest.mark.asyncio
async def test_regenerate_from_the_menu(qtbot: QtBot, running: Running) -> None:
    root = running.root
    first = await running.send(qtbot, "hello")
    second = await running.finished_reply(root.window.commands.regenerate.trigger)
    assert root.current is not None
    assert [m.id for m in running.store.messages.siblings(second)] == [first, second]


@pytest.mark.asyncio
async def test_search_opens_the_conversation_at_the_message(qtbot: QtBot, running: Running) -> None:
    root = running.root
    await running.send(qtbot, "tell me about zanzibar spices")
    target = root.current
    root.window.commands.new_conversation.trigger()
    await running.send(qtbot, "something else entirely")
    assert root.current != target
    root.window.commands.search.trigger()  # Ctrl+K
    assert focused(root.sidebar.search_field)
    qtbot.keyClicks(root.sidebar.search_field, "zanzibar")
    await running.until(lambda: root.search_model.rowCount() > 0)
    conversation_id, message_id = root.search_model.result_at(0)
    root.sidebar.conversation_activated.emit(conversation_id, message_id)
    assert root.current == target
    assert "zanzibar" in running.reply_texts()[0]


@pytest.mark.asyncio
async def test_rename_pin_tag_trash_and_undo(qtbot: QtBot, running: Running) -> None:
    root = running.root
    await running.send(qtbot, "first")
    cid = root.current
    assert cid is not None
    root.sidebar.rename_requested.emit(cid, "Renamed chat")
    assert running.store.conversation(cid).title == "Renamed chat"
    assert "Renamed chat" in root.window.windowTitle()
    root.sidebar.pin_requested.emit([cid], True)
    assert running.store.conversation(cid).pinned
    assert root.window.commands.toggle_pin.isChecked()
    running.store.conversations.add_tag(cid, "work")
    root.list_model.refresh_conversation(cid)
    root.sidebar.trash_requested.emit([cid])
    assert running.store.conversation(cid).in_trash
    assert root.current is None  # the window moved on to a new conversation
    assert root.sidebar.undo_bar.isVisibleTo(root.sidebar)
    qtbot.mouseClick(root.sidebar.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    assert not running.store.conversation(cid).in_trash
    assert root.list_model.row_of(cid) is not None


@pytest.mark.asyncio
async def test_the_tags_dialog_names_the_conversation(qtbot: QtBot, running: Running) -> None:
    root = running.root
    await running.send(qtbot, "first")
    assert root.current is not None
    root.sidebar.rename_requested.emit(root.current, "Trip <b>plans</b>")
    running.prompts.answer("choose_tags", (["travel"], []))
    root.window.commands.edit_tags.trigger()  # Ctrl+T
    assert running.prompts.asked == [("choose_tags", "“Trip <b>plans</b>”")]  # the dialog's heading: "Tags of …"
    assert running.store.conversation(root.current).tags == ("travel",)


@pytest.mark.asyncio
async def test_drafts_follow_the_conversation_and_survive_a_restart(qtbot: QtBot, running: Running) -> None:
    root = running.root
    await running.send(qtbot, "first")
    cid = root.current
    qtbot.keyClicks(root.composer.edit, "half-written thought")
    root.window.commands.new_conversation.trigger()
    assert root.composer.text() == ""
    assert cid is not None
    root.view.open_conversation(cid)
    assert root.composer.text() == "half-written thought"
    # A new process, the same files: the draft is still there.
    restarted = await running.restart()
    try:
        restarted.root.view.open_conversation(cid)
        assert restarted.root.composer.text() == "half-written thought"
    finally:
        await window_harness.stop_root(restarted)


@pytest.mark.asyncio
async def test_copy_last_reply_and_every_command_is_in_a_menu(qtbot: QtBot, running: Running) -> None:
    root = running.root
    await running.send(qtbot, "short answer please")
    root.window.commands.copy_last_reply.trigger()  # Ctrl+Shift+C
    assert QGuiApplication.clipboard().text() == running.store.path(root.current or 0)[-1].text
    in_menus = {a for top in root.window.menuBar().actions() for a in top.menu().actions()}
    for action in root.window.commands.all():
        assert action in in_menus, action.text()
    shortcuts = {a.shortcut().toString() for a in root.window.commands.all()}
    for key in ("Ctrl+N", "Ctrl+K", "Esc", "Ctrl+Shift+C", "Ctrl+,", "Ctrl+PgUp", "Ctrl+PgDown"):
        assert key in shortcuts


@pytest.mark.asyncio
async def test_f1_lists_every_shortcut_once_grouped_and_follows_the_send_setting(
    qtbot: QtBot, running: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.ui.key_help import ShortcutsDialog, shortcut_groups

    root = running.root
    groups = dict(shortcut_groups(root.window))
    focus_groups = ["A message (Tab into the transcript)", "Writing a message", "Conversation list", "Search"]
    assert list(groups)[:4] == focus_groups  # where the focus is first
    assert {"File", "Edit", "Conversation", "View", "Help"} <= set(groups)
    lines = [(line.text, line.keys) for group in groups.values() for line in group]
    assert len(lines) == len(set(lines))  # nothing twice
    keys = [line.keys for group in groups.values() for line in group]
    for key in ("F2", "Del", "Shift+Del", "Ctrl+N", "F1"):
        assert keys.count(key) == 1, key
    assert keys.count("Esc") == 2  # Stop Reply, and Leave the search (where the search field has the focus)
    rows = {line.text: line.keys for group in groups.values() for line in group}
    assert rows["Send the message"] == "Enter"
    assert rows["New line in the message"] == "Shift+Enter"
    assert rows["Rename"] == "F2"
    assert rows["Delete the selected conversations for good"] == "Shift+Del"
    assert rows["Search Conversations"] == "Ctrl+K or Ctrl+F"
    for feature in ("Inspect Last Request", "Attach Files", "Compare Parameters"):  # commands the features add
        assert feature in rows
    root.profiles.set_send_with_ctrl_enter(True)
    rows = {line.text: line.keys for _group, group in shortcut_groups(root.window) for line in group}
    assert rows["Send the message"] == "Ctrl+Enter"
    assert rows["New line in the message"] == "Enter"

    shown: list[ShortcutsDialog] = []
    monkeypatch.setattr(ShortcutsDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    root.window.commands.shortcuts_help.trigger()  # F1
    [dialog] = shown
    assert len(dialog.shown_lines()) == len(lines)
    assert dialog.height() < 700  # a dialog that fits, not a message box as tall as the list
    qtbot.keyClicks(dialog.filter, "branch")
    assert {text for _group, text, _keys in dialog.shown_lines()} == {"Regenerate Reply"}
    dialog.filter.setText("ctrl+k")
    assert [(group, text) for group, text, _keys in dialog.shown_lines()] == [("Edit", "Search Conversations")]
    dialog.filter.clear()
    assert len(dialog.shown_lines()) == len(lines)


@pytest.mark.asyncio
async def test_a_rejected_token_offers_to_update_it(qtbot: QtBot, running: Running) -> None:
    running.server.require_token = "sk-the-right-one"
    await running.send(qtbot, "hello")
    reply = running.store.path(running.root.current or 0)[-1]
    assert reply.error is not None
    assert reply.error.type == "authentication_error"
    box = running.root.transcript.message_views()[-1].status_box
    assert box is not None
    assert box.update_token_button.isVisibleTo(box)
    assert TOKEN not in box.details.toPlainText()


@pytest.mark.asyncio
async def test_a_damaged_stream_fails_the_reply_where_it_broke_and_offers_retry_and_continue(
    qtbot: QtBot, running: Running
) -> None:
    root = running.root
    events = text_events("before MIDDLE-PIECE after", model="m", chunk=7)
    broken = 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"te\n\n'
    running.server.script.push(Stream([*events[:4], broken, *events[5:]]))  # the second delta is damaged
    await running.send(qtbot, "hello")
    reply = running.store.path(root.current or 0)[-1]
    assert (reply.status, reply.text) == ("error", "before ")
    assert running.reply_texts()[-1] == "before "  # as shown
    box = root.transcript.message_views()[-1].status_box
    assert box is not None
    assert "stream_corrupt" in box.details.toPlainText()
    assert box.retry_button.isVisibleTo(box)
    assert box.continue_button.isVisibleTo(box)
    assert root.window.commands.continue_reply.isEnabled()


@pytest.mark.asyncio
async def test_a_server_that_cant_be_reached_is_named_with_its_port_and_settings_are_offered(
    qtbot: QtBot, running: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = running.root
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    profile = Profile("nowhere", "Nowhere", "custom", f"http://127.0.0.1:{port}", "x-api-key")
    assert root.connections.use_profile(profile, token=TOKEN)
    await running.send(qtbot, "hello")
    reply = running.store.path(root.current or 0)[-1]
    assert reply.status == "error"
    assert reply.error is not None
    assert reply.error.type == "connection_error"
    box = root.transcript.message_views()[-1].status_box
    assert box is not None
    assert f"Could not reach 127.0.0.1:{port}" in box.details.toPlainText()
    assert box.retry_button.isVisibleTo(box)
    assert box.settings_button.isVisibleTo(box)
    opened: list[object] = []
    monkeypatch.setattr(SettingsDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    box.settings_button.click()
    assert len(opened) == 1


@pytest.mark.asyncio
async def test_deleting_a_conversation_for_good_stops_its_reply(
    qtbot: QtBot, running: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = running.root
    running.server.script.push(Stream([*text_events("Half of an answer", model="m", chunk=5)[:5], Hang()]))
    root.composer.focus_input()
    qtbot.keyClicks(root.composer.edit, "hello")
    qtbot.keyClick(root.composer.edit, Qt.Key.Key_Return)
    await running.until(lambda: "Half" in running.reply_texts()[-1])
    cid = root.current
    assert cid is not None
    running.prompts.answer("confirm", True)
    root.sidebar.delete_forever_requested.emit([cid])  # Shift+Del, in the list of active conversations
    await running.until(lambda: not root.controller.is_streaming(cid))
    assert root.current is None
    assert root.list_model.row_of(cid) is None


@pytest.mark.asyncio
async def test_archive_toggles_and_can_be_undone(qtbot: QtBot, running: Running) -> None:
    root = running.root
    await running.send(qtbot, "first")
    cid = root.current
    assert cid is not None
    root.window.commands.archive.trigger()
    assert running.store.conversation(cid).archived
    assert root.list_model.row_of(cid) is None  # gone from the active list
    qtbot.mouseClick(root.sidebar.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    assert not running.store.conversation(cid).archived
    assert root.list_model.row_of(cid) is not None
    root.view.open_conversation(cid)
    root.window.commands.archive.trigger()
    root.window.commands.show_archived.trigger()
    root.view.open_conversation(cid)
    assert root.window.commands.archive.text().replace("&", "") == "Unarchive"
    root.window.commands.archive.trigger()  # the same command takes it out of the archive
    assert not running.store.conversation(cid).archived


@pytest.mark.asyncio
async def test_tab_reaches_every_control_of_the_conversation_list(qtbot: QtBot, running: Running) -> None:
    window = running.root.window
    sidebar = window.sidebar
    await running.send(qtbot, "first")
    assert running.root.current is not None
    running.store.conversations.add_tag(running.root.current, "work")
    sidebar.list_model.reload()  # the tag filter is shown once there is a tag
    window.show()
    running.root.composer.focus_input()
    visited = []
    for _ in range(60):
        widget = window.focusWidget()
        visited.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        await asyncio.sleep(0)
    # The view buttons are one stop, like radio buttons: the arrow keys move between them.
    controls = [sidebar.search_field, sidebar.new_button, sidebar.view_buttons.checkedButton(), sidebar.tag_combo]
    controls.append(sidebar.list_view)
    assert [control.objectName() for control in controls if control not in visited] == []
    assert visited.index(sidebar.search_field) < visited.index(sidebar.list_view)  # top to bottom


@pytest.mark.asyncio
async def test_hiding_the_panel_that_has_the_focus_gives_it_to_the_composer(qtbot: QtBot, running: Running) -> None:
    window = running.root.window
    window.show()
    window.resize(1400, 800)  # room for the panel beside the chat
    await running.send(qtbot, "first")
    edit = running.root.composer.edit
    window.sidebar.list_view.setFocus()
    window.commands.show_sidebar.trigger()  # Ctrl+Shift+L
    assert not window.sidebar.isVisible()
    assert focused(edit)
    window.commands.show_sidebar.trigger()
    window.parameters.system.setFocus()
    window.commands.show_parameters.trigger()  # Ctrl+Shift+M
    assert focused(edit)
    window.commands.show_parameters.trigger()
    window.sidebar.list_view.setFocus()
    window.commands.show_parameters.trigger()  # a panel without the focus leaves it where it is
    assert focused(window.sidebar.list_view)


@pytest.mark.asyncio
async def test_the_keyboard_focus_survives_the_buttons_of_a_reply_going_away(qtbot: QtBot, running: Running) -> None:
    root = running.root
    window = root.window
    window.show()
    await running.send(qtbot, "short question one")
    await running.finished_reply(
        lambda: root.transcript.edit_submitted.emit(root.transcript.message_views()[0].message_id, "short question two")
    )

    # ‹ and › show another version in a new widget: the focus moves to that version's ‹ ›, so Space steps again.
    navigator = root.transcript.message_views()[0].navigator
    assert navigator is not None
    navigator.previous_button.setFocus()
    qtbot.keyClick(navigator.previous_button, Qt.Key.Key_Space)
    first = root.transcript.message_views()[0]
    assert first.navigator is not None
    assert first.navigator.label.text() == "1/2"
    assert focused(first.navigator.next_button)  # ‹ is disabled at the first version
    qtbot.keyClick(first.navigator.next_button, Qt.Key.Key_Space)
    second = root.transcript.message_views()[0]
    assert second.navigator is not None
    assert second.navigator.label.text() == "2/2"
    assert focused(second.navigator.previous_button)

    # Regenerate replaces the reply and its buttons: the focus goes to the composer.
    reply = root.transcript.message_views()[1]
    reply.regenerate_button.setFocus()
    await running.finished_reply(lambda: qtbot.keyClick(reply.regenerate_button, Qt.Key.Key_Space))
    assert focused(root.composer.edit)


@pytest.mark.asyncio
async def test_a_restart_reopens_the_last_conversation(qtbot: QtBot, running: Running) -> None:
    await running.send(qtbot, "remember me")
    cid = running.root.current
    restarted = await running.restart()
    try:
        assert restarted.root.current == cid
        assert restarted.reply_texts()[0] == "remember me"
        assert "out" in restarted.root.window.status.reply.text()  # the last reply's figures
    finally:
        await window_harness.stop_root(restarted)


@pytest.mark.asyncio
async def test_the_garbage_collector_is_back_on_once_the_window_has_painted(running: Running) -> None:
    gc.disable()  # as app.main does for the start-up
    try:
        restarted = await running.restart()  # returns once the window painted and connected
        try:
            assert gc.isenabled()
        finally:
            await window_harness.stop_root(restarted)
    finally:
        gc.enable()


@pytest.mark.asyncio
async def test_a_narrow_window_keeps_the_chat_readable(qtbot: QtBot, running: Running) -> None:
    window = running.root.window
    window.resize(900, 600)
    await asyncio.sleep(0.05)
    sizes = window.splitter.sizes()
    assert sizes[1] >= 400  # the side panels gave way (they keep only their minimum widths)
    assert sizes[2] <= window.parameters.minimumSizeHint().expandedTo(window.parameters.minimumSize()).width() + 5


@pytest.mark.asyncio
async def test_dark_theme_applies_to_the_window_and_transcript(qtbot: QtBot, running: Running) -> None:
    from app.render import DARK, LIGHT
    from app.ui.theme import apply_theme, is_dark

    root = running.root
    await running.send(qtbot, "short")
    try:
        root.profiles.set_theme("dark")
        assert is_dark(QGuiApplication.palette())
        assert root.transcript.message_views()[-1].entry.message.id  # still shown after the switch
        assert apply_theme("dark") is DARK
    finally:
        root.profiles.set_theme("system")
    assert apply_theme("system") is LIGHT


@pytest.mark.asyncio
async def test_a_failing_shutdown_step_still_quits_and_closes_the_rest(
    qtbot: QtBot, running: Running, caplog: pytest.LogCaptureFixture
) -> None:
    root = running.root

    async def broken() -> None:
        raise RuntimeError("broken on purpose")

    root.profiles.aclose = broken  # type: ignore[method-assign]
    closed: list[bool] = []
    close_connections = root.connections.aclose

    async def tracked() -> None:
        await close_connections()
        closed.append(True)

    root.connections.aclose = tracked  # type: ignore[method-assign]
    root.window.close()
    assert await asyncio.wait_for(root.finished, 10) == 0
    assert closed == [True]  # the step after the broken one ran
    assert "broken on purpose" in caplog.text


@pytest.mark.asyncio
async def test_the_demo_banner_follows_the_theme(qtbot: QtBot, running: Running) -> None:
    from app.ui.theme import is_dark

    root = running.root
    root.connections.use_demo()
    banner = root.window.banner
    assert banner.isVisibleTo(root.window)
    try:
        root.profiles.set_theme("dark")
        await asyncio.sleep(0.05)  # palette changes reach the widgets as events
        background = banner.palette().color(banner.backgroundRole())
        text = banner.text.palette().color(banner.text.foregroundRole())
        assert is_dark(QGuiApplication.palette())
        assert background.lightness() < 100  # a dark strip
        assert text.lightness() > 150  # with light words on it
    finally:
        root.profiles.set_theme("system")


@pytest.mark.asyncio
async def test_conversations_written_by_another_process_appear(qtbot: QtBot, running: Running) -> None:
    from app.store import Store

    root = running.root
    assert root.store.file is not None
    with Store.open(root.store.file) as other:  # as `samtal ask` in a terminal would
        outside = other.create_conversation("From the command line").id
        other.add_message(outside, "user", "hello from a terminal")
    await running.until(lambda: root.list_model.row_of(outside) is not None, timeout=5)


@pytest.mark.asyncio
@pytest.mark.parametrize("usable", [True, False])
async def test_about_says_where_tokens_are_kept(
    qtbot: QtBot, running: Running, monkeypatch: pytest.MonkeyPatch, usable: bool
) -> None:
    import keyring.backends.fail

    from app.secrets import SecretStore

    if not usable:
        running.root.secrets = SecretStore(keyring.backends.fail.Keyring())
    running.root.window.commands.about.trigger()
    [text] = running.prompts.about_texts
    if usable:
        assert "kept in your system keyring, never in a file" in text
    else:
        assert "for this session only, never in a file" in text
        assert "kept in your system keyring" not in text
