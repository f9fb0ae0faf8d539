"""Importing a claude.ai data export, in the odd shapes it comes in."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from app.store import Store, import_document
from app.store.transfer import ImportFileError

ROOT = "00000000-0000-4000-8000-000000000000"  # claude.ai's parent of a first message


def synthetic_export() -> list[Any]:
    """One conversation of each shape the importer must cope with."""
    return [
        {
            "uuid": "c0000001-0000-4000-8000-000000000001",
            "name": "Sourdough help",
            "created_at": "2024-05-01T10:00:00.000000Z",
            "updated_at": "2024-05-01T10:05:00.000000Z",
            "model": "claude-3-5-sonnet-20241022",
            "account": {"uuid": "acct"},
            "chat_messages": [
                {
                    "uuid": "m0000001-0000-4000-8000-000000000001",
                    "sender": "human",
                    "text": "flattened text that must not win",
                    "created_at": "2024-05-01T10:00:00.000000Z",
                    "content": [
                        {
                            "type": "text",
                            "text": "How do I keep a starter alive?",
                            "start_timestamp": "2024-05-01T10:00:00Z",
                            "stop_timestamp": "2024-05-01T10:00:01Z",
                            "citations": [],
                        }
                    ],
                    "attachments": [
                        {
                            "file_name": "notes.txt",
                            "file_size": 12,
                            "file_type": "text/plain",
                            "extracted_content": "Day 1: flour",
                        },
                        {"file_name": "empty.bin", "extracted_content": ""},
                    ],
                    "files": [{"file_name": "photo.jpg"}],
                },
                {
                    "uuid": "m0000001-0000-4000-8000-000000000002",
                    "sender": "assistant",
                    "created_at": "2024-05-01T10:00:05.000000Z",
                    "text": "",
                    "content": [
                        {"type": "thinking", "thinking": "They want feeding advice.", "summaries": []},
                        {"type": "text", "text": "Feed it daily.", "flags": None},
                        {
                            "type": "tool_use",
                            "id": "toolu_1",
                            "name": "artifacts",
                            "input": {"title": "Schedule", "content": "Mon: feed", "language": "markdown"},
                            "message": "Creating artifact",
                            "integration_name": None,
                        },
                        {"type": "tool_result", "tool_use_id": "toolu_1", "content": [{"type": "text", "text": "OK"}]},
                        {"type": "voice_note", "duration": 3, "transcript": "unknown block kept whole"},
                    ],
                },
            ],
        },
        {  # older shape: "messages", text only, no uuids on messages, no title
            "uuid": "c0000002-0000-4000-8000-000000000002",
            "name": "",
            "created_at": "2023-01-01T00:00:00Z",
            "updated_at": "2023-01-01T00:10:00Z",
            "messages": [
                {"sender": "human", "text": "What is a quokka?", "created_at": "2023-01-01T00:00:00Z"},
                {"sender": "assistant", "text": "A small marsupial.", "created_at": "not a date"},
                {"sender": "system", "text": "ignored sender"},
                {"sender": "human", "text": "   ", "content": []},
            ],
        },
        {"uuid": "c0000003-0000-4000-8000-000000000003", "name": "Nothing", "chat_messages": []},
        {
            "uuid": "c0000004-0000-4000-8000-000000000004",
            "name": "Only blanks",
            "chat_messages": [{"uuid": "x", "sender": "human", "text": "", "content": []}],
        },
        {"uuid": "c0000005-0000-4000-8000-000000000005", "name": "Broken", "chat_messages": "oops"},
        "not a conversation at all",
        {  # a tree: the second answer is an alternative to the first
            "uuid": "c0000006-0000-4000-8000-000000000006",
            "name": "Branches",
            "created_at": "2024-06-01T00:00:00Z",
            "current_leaf_message_uuid": "m0000006-0000-4000-8000-000000000002",
            "chat_messages": [
                {
                    "uuid": "m0000006-0000-4000-8000-000000000000",
                    "parent_message_uuid": ROOT,
                    "sender": "human",
                    "text": "Pick a colour",
                    "created_at": "2024-06-01T00:00:00Z",
                },
                {
                    "uuid": "m0000006-0000-4000-8000-000000000001",
                    "sender": "assistant",
                    "text": "Blue",
                    "parent_message_uuid": "m0000006-0000-4000-8000-000000000000",
                    "created_at": "2024-06-01T00:00:01Z",
                },
                {
                    "uuid": "m0000006-0000-4000-8000-000000000002",
                    "sender": "assistant",
                    "text": "Green",
                    "parent_message_uuid": "m0000006-0000-4000-8000-000000000000",
                    "created_at": "2024-06-01T00:00:02Z",
                },
            ],
        },
    ]


def test_the_export_is_imported_leniently(store: Store) -> None:
    report = import_document(store, synthetic_export())
    assert report.conversations_added == 3
    assert report.messages_added == 2 + 2 + 3
    assert report.skipped == 2
    assert len(report.errors) == 2
    assert report.errors[0].startswith("conversation c0000005-0000-4000-8000-000000000005 (#5): ")
    assert report.errors[1] == "conversation #6: not a JSON object"
    assert "3 new conversations" in report.summary()

    sourdough = store.conversations.find("c0000001")
    assert sourdough.title == "Sourdough help"
    assert sourdough.params == {"model": "claude-3-5-sonnet-20241022"}
    question, answer = store.path(sourdough.id)
    assert question.role == "user"
    assert question.uuid == "m0000001-0000-4000-8000-000000000001"
    assert question.content == [
        {
            "type": "document",
            "source": {"type": "text", "media_type": "text/plain", "data": "Day 1: flour"},
            "title": "notes.txt",
        },
        {
            "type": "text",
            "text": "How do I keep a starter alive?",
            "_claude": {"start_timestamp": "2024-05-01T10:00:00Z", "stop_timestamp": "2024-05-01T10:00:01Z"},
        },
    ]
    assert [block["type"] for block in answer.content] == ["thinking", "text", "tool_use", "tool_result", "voice_note"]
    assert answer.content[2]["_claude"] == {"message": "Creating artifact"}
    assert answer.content[4] == {"type": "voice_note", "duration": 3, "transcript": "unknown block kept whole"}
    assert answer.model == "claude-3-5-sonnet-20241022"
    assert answer.created_at.isoformat() == "2024-05-01T10:00:05+00:00"
    assert sourdough.updated_at.isoformat() == "2024-05-01T10:05:00+00:00"

    quokka = store.conversations.find("c0000002")
    assert quokka.title == "What is a quokka?"
    assert [(m.role, m.text) for m in store.path(quokka.id)] == [
        ("user", "What is a quokka?"),
        ("assistant", "A small marsupial."),
    ]
    first, second = store.path(quokka.id)
    assert second.created_at == first.created_at  # an unreadable time borrows the one before

    branches = store.conversations.find("c0000006")
    assert store.path(branches.id)[-1].text == "Green"
    assert [m.text for m in store.messages.siblings(store.path(branches.id)[-1].id)] == ["Blue", "Green"]

    assert [h.conversation_id for h in store.search("marsupial")] == [quokka.id]
    assert len(store.search("flour")) == 1  # the attachment's text is searchable


def test_importing_the_same_export_again_adds_nothing(store: Store) -> None:
    import_document(store, synthetic_export())
    before = store._conn.execute("SELECT count(*) FROM messages").fetchone()[0]
    again = import_document(store, {"conversations": synthetic_export()})
    assert (again.conversations_added, again.conversations_merged, again.messages_added) == (0, 0, 0)
    assert again.conversations_unchanged == 3
    assert store._conn.execute("SELECT count(*) FROM messages").fetchone()[0] == before


def test_a_later_export_adds_only_the_new_messages(store: Store) -> None:
    import_document(store, synthetic_export())
    later = copy.deepcopy(synthetic_export())
    later[0]["chat_messages"].append(
        {
            "uuid": "m0000001-0000-4000-8000-000000000003",
            "sender": "human",
            "text": "Thanks!",
            "created_at": "2024-05-02T09:00:00Z",
        }
    )
    report = import_document(store, later)
    assert (report.conversations_merged, report.messages_added, report.conversations_unchanged) == (1, 1, 2)
    sourdough = store.conversations.find("c0000001")
    assert [m.text for m in store.path(sourdough.id)][-1] == "Thanks!"


def test_an_edited_first_message_is_a_branch_beside_the_first(store: Store) -> None:
    def message(number: int, sender: str, text: str, parent: str) -> dict[str, str]:
        uuid = f"m0000007-0000-4000-8000-00000000000{number}"
        return {"uuid": uuid, "sender": sender, "text": text, "parent_message_uuid": parent}

    first, edit = "m0000007-0000-4000-8000-000000000001", "m0000007-0000-4000-8000-000000000003"
    conversation = {
        "uuid": "c0000007-0000-4000-8000-000000000007",
        "name": "Greetings",
        "current_leaf_message_uuid": "m0000007-0000-4000-8000-000000000004",
        "chat_messages": [
            message(1, "human", "Say hi", ROOT),
            message(2, "assistant", "Hi!", first),
            message(3, "human", "Say hello", ROOT),  # the first message, edited on claude.ai
            message(4, "assistant", "Hello!", edit),
        ],
    }
    import_document(store, [conversation])
    greetings = store.conversations.find("c0000007")
    path = store.path(greetings.id)
    assert [m.text for m in path] == ["Say hello", "Hello!"]
    assert [m.text for m in store.messages.siblings(path[0].id)] == ["Say hi", "Say hello"]


def test_a_single_conversation_object_is_accepted(store: Store) -> None:
    report = import_document(store, synthetic_export()[1])
    assert report.conversations_added == 1


@pytest.mark.parametrize("document", [{"something": "else"}, 42, "text", None])
def test_a_document_that_is_not_an_export_is_refused(store: Store, document: object) -> None:
    with pytest.raises(ImportFileError, match=r"not a claude\.ai export"):
        import_document(store, document)
