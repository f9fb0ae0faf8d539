"""Samtal's JSON archive: exporting and re-importing reproduces conversations exactly, branches included."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

from app.store import MessageError, ReplyDetails, Store, export_archive, import_document, import_file
from app.store.archive import FORMAT
from tests.unit.store.conftest import FakeClock

PICTURE = base64.b64encode(b"\x89PNG picture bytes").decode()


def fill(store: Store, clock: FakeClock) -> list[int]:
    """Conversations exercising every field the archive must keep."""
    rich = store.create_conversation("Rich", params={"model": "m", "temperature": 0.3, "system": "Be brief."})
    store.conversations.add_tag(rich.id, "keep")
    store.conversations.set_pinned(rich.id)
    store.conversations.set_draft(rich.id, "unsent")
    question = store.add_message(
        rich.id,
        "user",
        [
            {"type": "text", "text": "What is this?"},
            {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": PICTURE}},
        ],
    )
    clock.advance(1)
    body = {"model": "m", "max_tokens": 50, "messages": store.messages.api_messages(store.path(rich.id))}
    first = store.add_message(
        rich.id,
        "assistant",
        [{"type": "text", "text": "A picture."}],
        request=body,
        details=ReplyDetails(
            model="m",
            usage={"input_tokens": 3, "output_tokens": 2},
            stop_reason="end_turn",
            timings={"duration": 0.5},
            response_headers={"request-id": "req_a"},
            api_id="msg_a",
        ),
    )
    clock.advance(1)
    store.add_message(
        rich.id,
        "assistant",
        [
            {"type": "text", "text": "Partly"},
            {"type": "tool_use", "id": "t", "name": "f", "input": {}, "_incomplete": True},
        ],
        parent_id=question.id,
        status="error",
        details=ReplyDetails(error=MessageError("overloaded_error", "Overloaded", "req_b")),
    )
    store.messages.switch_to(first.id)

    archived = store.create_conversation("Archived")
    store.add_message(archived.id, "user", "old stuff")
    store.conversations.set_archived(archived.id)
    trashed = store.create_conversation("Trashed")
    store.add_message(trashed.id, "user", "regret")
    store.conversations.move_to_trash(trashed.id)
    empty = store.create_conversation("Empty")
    return [rich.id, archived.id, trashed.id, empty.id]


def without_time(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key != "exported_at"}


def test_export_then_import_reproduces_everything(tmp_path: Path, clock: FakeClock) -> None:
    with Store.open(tmp_path / "a.sqlite3", clock=clock) as source:
        exported = export_archive(source, fill(source, clock), clock=clock)
    assert exported["format"] == FORMAT
    assert exported["version"] == 1
    assert list(exported["attachments"]) == [next(iter(exported["attachments"]))]  # stored once
    text = json.dumps(exported)
    assert PICTURE in text
    assert text.count(PICTURE) == 1

    with Store.open(tmp_path / "b.sqlite3", clock=FakeClock(2_000_000_000.0)) as target:
        report = import_document(target, json.loads(text))
        assert (report.conversations_added, report.messages_added, report.errors) == (4, 5, [])
        again = export_archive(
            target,
            [c.id for c in target.list_conversations(limit=None)]
            + [c.id for c in target.list_conversations(archived=True)]
            + [c.id for c in target.list_conversations(trash=True)],
        )
        by_uuid = {c["uuid"]: c for c in again["conversations"]}
        assert [by_uuid[c["uuid"]] for c in exported["conversations"]] == exported["conversations"]
        assert again["attachments"] == exported["attachments"]

        rich = target.conversations.find(exported["conversations"][0]["uuid"])
        assert [m.text for m in target.path(rich.id)] == ["What is this?", "A picture."]
        reply = target.path(rich.id)[-1]
        request = target.requests.get(reply.id, with_attachment_data=True)
        assert request is not None
        assert request["messages"][0]["content"][1]["source"]["data"] == PICTURE
        assert len(target.messages.siblings(reply.id)) == 2


def test_reimporting_an_archive_adds_nothing_and_a_newer_one_merges(tmp_path: Path, clock: FakeClock) -> None:
    with Store.open(tmp_path / "a.sqlite3", clock=clock) as source, Store.open(tmp_path / "b.sqlite3") as target:
        ids = fill(source, clock)
        import_document(target, export_archive(source, ids))
        again = import_document(target, export_archive(source, ids))
        assert (again.conversations_unchanged, again.messages_added) == (4, 0)

        source.add_message(ids[0], "user", "a follow-up")
        later = import_document(target, export_archive(source, ids))
        assert (later.conversations_merged, later.messages_added) == (1, 1)
        rich = target.conversations.find(source.conversation(ids[0]).uuid)
        assert target.path(rich.id)[-1].text == "a follow-up"


def test_one_bad_conversation_does_not_stop_the_import(tmp_path: Path, clock: FakeClock) -> None:
    with Store.open(tmp_path / "a.sqlite3", clock=clock) as source:
        document = export_archive(source, fill(source, clock))
    document["conversations"][1]["messages"][0]["role"] = "narrator"
    document["conversations"][2]["messages"][0]["created_at"] = "yesterday"
    document["conversations"].append({"title": "no uuid"})
    with Store.open(tmp_path / "b.sqlite3") as target:
        report = import_document(target, document)
        assert report.conversations_added == 2
        assert len(report.errors) == 3
        assert "unknown role 'narrator'" in report.errors[0]
        assert "#5" in report.errors[2]
        assert target._conn.execute("SELECT count(*) FROM messages").fetchone()[0] == 3


def test_message_uuids_taken_by_another_conversation_are_an_error(tmp_path: Path, clock: FakeClock) -> None:
    with Store.open(tmp_path / "a.sqlite3", clock=clock) as store:
        document = export_archive(store, fill(store, clock))
        document["conversations"][1]["uuid"] = "a-copy-with-the-same-messages"
        document["conversations"][0]["uuid"] = "another-copy"
        report = import_document(store, document)
        assert report.conversations_added == 0
        assert len(report.errors) == 2
        assert all("UNIQUE" in error for error in report.errors)


def test_an_archive_from_a_newer_samtal_is_not_imported(store: Store) -> None:
    report = import_document(store, {"format": FORMAT, "version": 99, "conversations": []})
    assert report.errors == ["archive format version 99 is newer than this Samtal understands"]


def test_import_file_reads_an_archive_from_disk(tmp_path: Path, clock: FakeClock) -> None:
    with Store.open(tmp_path / "a.sqlite3", clock=clock) as source:
        path = tmp_path / "export.json"
        path.write_text(json.dumps(export_archive(source, fill(source, clock))), encoding="utf-8")
    with Store.open(tmp_path / "b.sqlite3") as target:
        assert import_file(target, path).conversations_added == 4


def test_a_declined_reply_keeps_its_stop_details_through_export_and_import(tmp_path: Path, clock: FakeClock) -> None:
    details = {"type": "refusal", "category": "bio", "explanation": "Declined: a pathogen's enhancement."}
    with Store.open(tmp_path / "a.sqlite3", clock=clock) as source:
        conversation = source.create_conversation("Declined")
        source.add_message(conversation.id, "user", "How do I make it spread faster?")
        source.add_message(
            conversation.id, "assistant", [], details=ReplyDetails(stop_reason="refusal", stop_details=details)
        )
        exported = export_archive(source, [conversation.id], clock=clock)
    assert exported["conversations"][0]["messages"][1]["stop_details"] == details
    with Store.open(tmp_path / "b.sqlite3", clock=clock) as target:
        assert import_document(target, json.loads(json.dumps(exported))).errors == []
        reply = target.path(target.conversations.find(exported["conversations"][0]["uuid"]).id)[-1]
        assert (reply.status, reply.stop_reason, reply.stop_details) == ("complete", "refusal", details)
    # What an older Samtal exported has no stop details; a malformed value is left out.
    exported["conversations"][0]["messages"][1]["stop_details"] = "not an object"
    with Store.open(tmp_path / "c.sqlite3", clock=clock) as target:
        assert import_document(target, exported).errors == []
        assert target.path(1)[-1].stop_details is None
