"""TranscriptView: pages, streaming (follow / scrolled up / jump), older pages, conversation switches, a message's
actions (drawn on hover and focus) and keys, and the place kept when a version is switched."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt, QUrl
from PySide6.QtGui import QEnterEvent, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication, QScrollBar, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from app.chat.transcript_loader import TranscriptLoader, TranscriptPage
from app.render import DARK
from app.store import Store
from app.ui.message_blocks import AssistantTextView
from app.ui.message_view import MessageView
from app.ui.rich_text import SafeDocument
from app.ui.transcript import TranscriptView
from tests.gui.transcript_samples import (
    HOSTILE_MARKDOWN,
    REPLY_MARKDOWN,
    entry,
    message,
    page,
    showcase_page,
)

LONG_REPLY = "\n\n".join(f"Paragraph {n}: " + "words " * 40 for n in range(6))


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    """The window holding the transcript (as a window itself, its changing minimum size would make the
    offscreen platform warn)."""
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(700, 500)
    return host


@pytest.fixture
def view(qtbot: QtBot, window: QWidget) -> TranscriptView:
    transcript = TranscriptView(window)
    transcript.resize(640, 420)
    window.show()
    qtbot.waitExposed(window)
    return transcript


@pytest.fixture
def big_store() -> Iterator[tuple[Store, int]]:
    """A conversation of 2,000 messages (one branch)."""
    store = Store.open(":memory:")
    conversation = store.create_conversation()
    parent = None
    with store.batch():
        for n in range(2000):
            added = store.add_message(
                conversation.id, "user" if n % 2 == 0 else "assistant", f"Message {n}\n\nsome text", parent_id=parent
            )
            parent = added.id
    yield store, conversation.id
    store.close()


def _bar(view: TranscriptView) -> QScrollBar:
    return view.scroll_area.verticalScrollBar()


def _conversation(count: int, *, has_older: bool = False, last_streaming: bool = False) -> TranscriptPage:
    entries = []
    for n in range(1, count + 1):
        role = "user" if n % 2 else "assistant"
        streaming = last_streaming and n == count
        content = ([] if streaming else LONG_REPLY) if role == "assistant" else f"Question {n}"
        entries.append(entry(message(n, role, content, status="streaming" if streaming else "complete")))
    return page(*entries, has_older=has_older)


def _settle(qtbot: QtBot, view: TranscriptView) -> None:
    """Let layouts and fitted heights finish (they travel through posted events)."""
    qtbot.waitUntil(lambda: _bar(view).maximum() > 0, timeout=2000)
    qtbot.wait(20)


def _viewport_y(view: TranscriptView, message_view: MessageView) -> int:
    return message_view.mapTo(view.scroll_area.viewport(), message_view.rect().topLeft()).y()


def test_show_page_shows_every_message_and_scrolls_to_the_bottom(qtbot: QtBot, view: TranscriptView) -> None:
    view.show_page(_conversation(8))
    _settle(qtbot, view)
    assert [v.message_id for v in view.message_views()] == list(range(1, 9))
    assert view.conversation_id() == 7
    assert _bar(view).value() == _bar(view).maximum()
    assert view.is_following
    assert not view.jump_button.isVisible()


def test_showcase_page_renders_in_light_and_dark(qtbot: QtBot, view: TranscriptView) -> None:
    view.show_page(showcase_page())
    _settle(qtbot, view)
    assert len(view.message_views()) == 4
    view.set_theme(DARK)
    assert view.palette().color(QPalette.ColorRole.Base).name() == DARK.background
    reply = view.message_views()[1].blocks[2]
    assert isinstance(reply, AssistantTextView)
    assert DARK.code_background in reply.view.document().toHtml()
    assert not view.grab().isNull()


def test_reloading_the_same_conversation_keeps_unchanged_messages(qtbot: QtBot, view: TranscriptView) -> None:
    first = _conversation(4)
    view.show_page(first)
    before = view.message_views()
    changed = entry(message(4, "assistant", "A different reply"), sibling_index=1, sibling_count=2)
    view.show_page(page(*first.entries[:3], changed))
    after = view.message_views()
    assert after[:3] == before[:3]  # the same widgets
    assert after[3] is not before[3]
    assert after[3].navigator is not None


def test_the_view_follows_a_stream_until_the_user_scrolls_up(qtbot: QtBot, view: TranscriptView) -> None:
    view.show_page(_conversation(6, last_streaming=True))
    _settle(qtbot, view)
    text = ""
    for n in range(12):
        text += f"Streaming paragraph {n}. " + "more words " * 20 + "\n\n"
        view.update_reply(6, {"content": [{"type": "text", "text": text}]})
        qtbot.wait(5)
        assert _bar(view).value() == _bar(view).maximum()

    _bar(view).setValue(_bar(view).maximum() // 2)  # the user scrolls up
    assert not view.is_following
    qtbot.waitUntil(view.jump_button.isVisible, timeout=1000)
    held = _bar(view).value()
    for n in range(5):
        text += f"Later paragraph {n}. " + "more words " * 20 + "\n\n"
        view.update_reply(6, {"content": [{"type": "text", "text": text}]})
        qtbot.wait(5)
    assert _bar(view).value() == held
    assert _bar(view).maximum() > held

    qtbot.mouseClick(view.jump_button, Qt.MouseButton.LeftButton)
    assert view.is_following
    assert not view.jump_button.isVisible()
    assert _bar(view).value() == _bar(view).maximum()


def test_streaming_touches_only_the_streaming_message(
    qtbot: QtBot, view: TranscriptView, monkeypatch: pytest.MonkeyPatch
) -> None:
    view.show_page(_conversation(6, last_streaming=True))
    _settle(qtbot, view)
    others = {id(v): v.geometry() for v in view.message_views()[:-1]}
    touched: list[int] = []
    original = SafeDocument.setHtml

    def spy(document: SafeDocument, html: str) -> None:
        touched.append(id(document))
        original(document, html)

    monkeypatch.setattr(SafeDocument, "setHtml", spy)
    streaming = view.message_views()[-1].blocks
    text = ""
    for n in range(10):
        text += f"Part {n}.\n\n"
        view.update_reply(6, {"content": [{"type": "text", "text": text}]})
    streaming = view.message_views()[-1].blocks
    assert isinstance(streaming[0], AssistantTextView)
    assert set(touched) == {id(streaming[0].view.document())}
    qtbot.wait(10)
    assert {id(v): v.geometry() for v in view.message_views()[:-1]} == others


def test_scrolling_to_the_top_asks_for_older_messages_once_and_prepending_keeps_the_position(
    qtbot: QtBot, view: TranscriptView
) -> None:
    newest = [entry(message(n, "user" if n % 2 else "assistant", LONG_REPLY)) for n in range(41, 51)]
    view.show_page(page(*newest, has_older=True))
    _settle(qtbot, view)
    with qtbot.waitSignal(view.load_older_requested, timeout=1000):
        _bar(view).setValue(0)
    with qtbot.assertNotEmitted(view.load_older_requested, wait=20):
        _bar(view).setValue(1)

    _bar(view).setValue(150)  # looking at the first shown message, a bit scrolled into it
    anchor = view.message_views()[0]
    y_before = _viewport_y(view, anchor)
    older = [entry(message(n, "user" if n % 2 else "assistant", LONG_REPLY)) for n in range(31, 41)]
    view.prepend_page(page(*older, has_older=False))
    qtbot.wait(50)
    assert [v.message_id for v in view.message_views()] == list(range(31, 51))
    assert _viewport_y(view, anchor) == y_before
    assert _bar(view).value() > 150


def test_a_short_page_with_older_messages_asks_for_more_at_once(qtbot: QtBot, view: TranscriptView) -> None:
    with qtbot.waitSignal(view.load_older_requested, timeout=1000):
        view.show_page(page(entry(message(5, "user", "hi")), has_older=True))


def test_two_thousand_messages_only_the_loaded_page_has_widgets(
    qtbot: QtBot, view: TranscriptView, big_store: tuple[Store, int]
) -> None:
    store, conversation_id = big_store
    loader = TranscriptLoader(store)
    latest = loader.latest(conversation_id)
    view.show_page(latest)
    _settle(qtbot, view)
    assert len(view.findChildren(MessageView)) == 40
    assert view.message_views()[-1].markdown() == "Message 1999\n\nsome text"
    view.prepend_page(loader.older(conversation_id, view.message_views()[0].message_id))
    qtbot.wait(10)
    assert len(view.message_views()) == 80
    assert view.message_views()[0].markdown().startswith("Message 1920")


def test_switching_conversations_while_one_streams(qtbot: QtBot, view: TranscriptView) -> None:
    def conversation_a(stored: str) -> TranscriptPage:
        return page(
            entry(message(1, "user", "Tell me")),
            entry(message(2, "assistant", stored, status="streaming")),
        )

    view.show_page(conversation_a("Hel"))
    view.update_reply(2, {"content": [{"type": "text", "text": "Hello"}]})
    other = page(entry(message(10, "user", "Other", conversation_id=8)), conversation_id=8)
    view.show_page(other)
    view.update_reply(2, {"content": [{"type": "text", "text": "Hello wor"}]})  # not shown: ignored
    assert [v.message_id for v in view.message_views()] == [10]
    qtbot.waitUntil(lambda: len(view.findChildren(MessageView)) == 1, timeout=1000)  # A's widgets are gone

    view.show_page(conversation_a("Hello"))  # what the store has saved so far
    view.update_reply(2, {"content": [{"type": "text", "text": "Hello world, so far"}]})
    reply = view.message_view(2)
    assert reply is not None
    assert reply.is_streaming
    assert reply.markdown() == "Hello world, so far"
    view.finish_reply(entry(message(2, "assistant", "Hello world, so far. Done.")))
    assert not reply.is_streaming
    assert reply.markdown() == "Hello world, so far. Done."
    assert view.last_reply_markdown() == "Hello world, so far. Done."


def test_message_signals_reach_the_transcript(qtbot: QtBot, view: TranscriptView) -> None:
    view.show_page(showcase_page())
    user, reply, _, failed = view.message_views()
    with qtbot.waitSignal(view.regenerate_requested) as regenerate:
        reply.regenerate_button.click()
    with qtbot.waitSignal(view.sibling_requested) as sibling:
        assert reply.navigator is not None
        reply.navigator.next_button.click()
    with qtbot.waitSignal(view.retry_requested) as retry:
        assert failed.status_box is not None
        failed.status_box.retry_button.click()
    with qtbot.waitSignal(view.edit_submitted) as edited:
        user.start_editing()
        assert user.editor is not None
        user.editor.set_text("New text")
        user.editor.send_button.click()
    with qtbot.waitSignal(view.link_activated) as link:
        text = reply.blocks[2]
        assert isinstance(text, AssistantTextView)
        text.view.anchorClicked.emit(QUrl("https://example.com/docs"))
    assert regenerate.args == [2]
    assert sibling.args == [2, 1]
    assert retry.args == [4]
    assert edited.args == [1, "New text"]
    assert link.args == [QUrl("https://example.com/docs")]


def test_continue_update_token_and_settings_reach_the_transcript(qtbot: QtBot, view: TranscriptView) -> None:
    from app.store.models import MessageError

    stopped = entry(message(2, "assistant", "Half", status="stopped"))
    auth = entry(message(4, "assistant", [], status="error", error=MessageError("authentication_error", "bad key")))
    lost = entry(message(6, "assistant", [], status="error", error=MessageError("connection_error", "refused")))
    user = [entry(message(n, "user", "q")) for n in (1, 3, 5)]
    view.show_page(page(user[0], stopped, user[1], auth, user[2], lost))
    boxes = [v.status_box for v in view.message_views() if v.status_box is not None]
    with qtbot.waitSignal(view.continue_requested) as continued:
        boxes[0].continue_button.click()
    with qtbot.waitSignal(view.update_token_requested):
        boxes[1].update_token_button.click()
    with qtbot.waitSignal(view.settings_requested):
        boxes[2].settings_button.click()
    assert continued.args == [2]


def test_hostile_reply_fetches_nothing_and_unsafe_links_emit_nothing(
    qtbot: QtBot, view: TranscriptView, monkeypatch: pytest.MonkeyPatch
) -> None:
    requested: list[str] = []
    original = SafeDocument.loadResource

    def spy(document: SafeDocument, kind: int, name: QUrl | str) -> object:
        requested.append(name.toString() if isinstance(name, QUrl) else name)
        return original(document, kind, name)

    monkeypatch.setattr(SafeDocument, "loadResource", spy)
    view.show_page(page(entry(message(1, "user", HOSTILE_MARKDOWN)), entry(message(2, "assistant", HOSTILE_MARKDOWN))))
    qtbot.wait(20)
    view.grab()
    assert requested == []
    reply = view.message_views()[1].blocks[0]
    assert isinstance(reply, AssistantTextView)
    assert "<script>" in reply.view.plain_text()
    with qtbot.assertNotEmitted(view.link_activated):
        reply.view.anchorClicked.emit(QUrl("javascript:alert(1)"))
        reply.view.anchorClicked.emit(QUrl("data:text/html,<script>alert(1)</script>"))


def test_resizing_rewraps_and_never_scrolls_sideways(qtbot: QtBot, view: TranscriptView) -> None:
    view.show_page(page(entry(message(2, "assistant", REPLY_MARKDOWN + "\n\n" + "x" * 400))))
    qtbot.wait(20)
    reply = view.message_views()[0]
    wide = reply.height()
    view.resize(360, 420)
    qtbot.waitUntil(lambda: reply.height() > wide, timeout=2000)
    viewport = view.scroll_area.viewport()
    assert reply.mapTo(viewport, reply.rect().topRight()).x() <= viewport.width()
    assert not view.scroll_area.horizontalScrollBar().isVisible()


def test_a_reload_can_keep_the_position_on_the_switched_message(qtbot: QtBot, view: TranscriptView) -> None:
    first = _conversation(10)
    view.show_page(first)
    _settle(qtbot, view)
    assert view.scroll_to_message(4)
    qtbot.wait(10)
    y_before = _viewport_y(view, view.message_views()[3])
    switched = entry(message(40, "assistant", LONG_REPLY), sibling_index=1, sibling_count=2)  # replaces 4
    below = [entry(message(n, "user" if n % 2 else "assistant", LONG_REPLY)) for n in range(41, 47)]
    view.show_page(page(*first.entries[:3], switched, *below), keep_position=True)
    qtbot.wait(20)
    assert view.message_views()[3].message_id == 40
    assert _viewport_y(view, view.message_views()[3]) == y_before
    assert not view.is_following


def test_scroll_to_message_needs_a_loaded_message(qtbot: QtBot, view: TranscriptView) -> None:
    view.show_page(_conversation(10))
    _settle(qtbot, view)
    assert not view.scroll_to_message(999)
    assert view.is_following
    assert view.scroll_to_message(2)
    assert _viewport_y(view, view.message_views()[1]) == 0
    assert view.jump_button.isVisible()


def test_clear_and_last_reply(qtbot: QtBot, view: TranscriptView) -> None:
    assert view.last_reply_markdown() is None
    view.show_page(page(entry(message(1, "user", "q")), entry(message(2, "assistant", "**a**"))))
    assert view.last_reply_markdown() == "**a**"
    view.show_page(page(entry(message(1, "user", "q")), entry(message(2, "assistant", [], status="error"))))
    assert view.last_reply_markdown() is None
    view.clear()
    assert view.conversation_id() is None
    assert view.message_views() == []
    qtbot.waitUntil(lambda: view.findChildren(MessageView) == [], timeout=1000)


def _drawn(button: QToolButton) -> QImage:  # what the button paints now
    return button.grab().toImage()


def _hover(shown: MessageView, inside: bool) -> None:
    if inside:
        point = QPointF(5, 5)
        QApplication.sendEvent(shown, QEnterEvent(point, point, shown.mapToGlobal(point)))
    else:
        QApplication.sendEvent(shown, QEvent(QEvent.Type.Leave))


def test_actions_are_icons_drawn_on_hover_and_keep_their_place(qtbot: QtBot, view: TranscriptView) -> None:
    view.show_page(page(entry(message(1, "user", "Hi")), entry(message(2, "assistant", "Hello"))))
    qtbot.wait(20)
    reply = view.message_view(2)
    assert reply is not None
    buttons = (reply.copy_button, reply.regenerate_button, reply.inspect_button)
    for button in buttons:
        assert button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly  # no permanent text links
        assert button.accessibleName()
        assert button.isVisible()  # in the layout and the focus chain even while not drawn
    assert not reply.revealed
    hidden = _drawn(reply.copy_button)
    place = reply.copy_button.geometry()
    _hover(reply, True)
    assert reply.revealed
    assert all(button.revealed for button in buttons)
    assert _drawn(reply.copy_button) != hidden  # the icon is painted now
    assert reply.copy_button.geometry() == place  # nothing moved
    _hover(reply, False)
    assert not reply.revealed
    assert _drawn(reply.copy_button) == hidden


def test_the_keyboard_reaches_messages_and_their_keys_act(qtbot: QtBot, view: TranscriptView) -> None:
    user_entry = entry(message(1, "user", "Question"), sibling_index=0, sibling_count=2)
    view.show_page(page(user_entry, entry(message(2, "assistant", "Answer")), entry(message(3, "user", "More"))))
    qtbot.wait(20)
    first, reply, last = view.message_views()
    assert first.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert first.accessibleDescription()  # says which keys work
    assert view.focus_message(1)
    qtbot.waitUntil(first.hasFocus, timeout=1000)
    assert first.revealed  # the keyboard shows the actions as the pointer does
    assert not reply.revealed
    qtbot.keyClick(first, Qt.Key.Key_Down)
    assert reply.hasFocus()
    assert reply.revealed
    assert not first.revealed
    qtbot.keyClick(reply, Qt.Key.Key_C)
    assert QGuiApplication.clipboard().text() == "Answer"
    with qtbot.waitSignal(view.regenerate_requested, timeout=1000) as regenerated:
        qtbot.keyClick(reply, Qt.Key.Key_R)
    assert regenerated.args == [2]
    with qtbot.waitSignal(view.inspect_requested, timeout=1000) as inspected:
        qtbot.keyClick(reply, Qt.Key.Key_I)
    assert inspected.args == [2]
    qtbot.keyClick(reply, Qt.Key.Key_Up)
    assert first.hasFocus()
    with qtbot.waitSignal(view.sibling_requested, timeout=1000) as stepped:
        qtbot.keyClick(first, Qt.Key.Key_Right)
    assert stepped.args == [1, 1]
    qtbot.keyClick(first, Qt.Key.Key_E)
    assert first.editor is not None
    assert first.editor.isVisible()  # E edits the user's message
    assert last.message_id == 3


def test_switching_versions_keeps_the_message_where_it_was_on_screen(qtbot: QtBot, view: TranscriptView) -> None:
    first = page(
        *_conversation(8).entries, entry(message(9, "user", "Question 9")), entry(message(10, "assistant", "Short."))
    )
    view.show_page(first)
    _settle(qtbot, view)
    assert view.is_following  # at the bottom, as after reading a reply to its end
    target = view.message_views()[8]  # a message in the middle of the screen, not the first visible one
    y_before = _viewport_y(view, target)
    assert 0 < y_before < view.scroll_area.viewport().height()
    # The other version of message 9 has a long answer under it: the branch gets longer below the message.
    switched = entry(message(90, "user", "Question 9, asked another way"), sibling_index=1, sibling_count=2)
    answer = entry(message(91, "assistant", LONG_REPLY))

    def show_other_version(_message_id: int, _offset: int) -> None:
        view.show_page(page(*first.entries[:8], switched, answer), keep_position=True)  # as the root reloads

    view.sibling_requested.connect(show_other_version)
    target.sibling_requested.emit(9, 1)  # its › was clicked
    qtbot.wait(20)
    shown = view.message_view(90)
    assert shown is not None
    assert _viewport_y(view, shown) == y_before  # the version stands where the old one stood
