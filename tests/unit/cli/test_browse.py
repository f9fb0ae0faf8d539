"""`samtal list`, `show` and `search`: text for people, stable JSON for scripts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app.store import MessageError, ReplyDetails
from tests.fixtures.surroundings import changed, snapshot
from tests.unit.cli.conftest import Result, Samtal


@pytest.fixture
def filled(samtal: Samtal) -> Samtal:
    with samtal.store() as store:
        lakes = store.create_conversation("Swedish lakes", params={"model": "claude-x"})
        store.conversations.add_tag(lakes.id, "geo")
        store.conversations.set_pinned(lakes.id)
        store.add_message(lakes.id, "user", "Which lake is the largest?")
        store.add_message(
            lakes.id,
            "assistant",
            "Vänern is the largest.",
            details=ReplyDetails(model="claude-x", usage={"output_tokens": 5}),
        )
        bread = store.create_conversation("Bread")
        store.add_message(bread.id, "user", "Why is my loaf dense?")
        store.add_message(
            bread.id,
            "assistant",
            "Often a weak starter",
            status="error",
            details=ReplyDetails(error=MessageError("api_error", "Boom")),
        )
        old = store.create_conversation("Old stuff")
        store.conversations.set_archived(old.id)
        gone = store.create_conversation("Gone")
        store.conversations.move_to_trash(gone.id)
        hostile = store.create_conversation("Hostile")
        store.add_message(hostile.id, "assistant", "evil \x1b]0;title\x07 text with a lake")
    return samtal


def test_list_shows_pinned_first_with_tags(filled: Samtal) -> None:
    result = filled("list")
    assert result.status == 0
    lines = result.out.splitlines()
    parsed = [re.fullmatch(r" *(\d+) ([* ]) \S+ \S+ +(\d+)  (.*)", line) for line in lines]
    assert [m.groups() if m else line for m, line in zip(parsed, lines, strict=True)] == [
        ("1", "*", "2", "Swedish lakes  #geo"),
        ("5", " ", "1", "Hostile"),
        ("2", " ", "2", "Bread"),
    ]


def test_list_filters(filled: Samtal) -> None:
    assert filled("list", "--archived").out.split()[-2:] == ["Old", "stuff"]
    assert filled("list", "--trash").out.split()[-1] == "Gone"
    assert len(filled("list", "--tag", "GEO").out.splitlines()) == 1
    assert len(filled("list", "--limit", "2").out.splitlines()) == 2
    assert filled("list", "--archived", "--trash").status == 2


def test_list_json_is_the_documented_shape(filled: Samtal) -> None:
    conversations = json.loads(filled("list", "--json").out)
    assert [c["title"] for c in conversations] == ["Swedish lakes", "Hostile", "Bread"]
    first = conversations[0]
    assert set(first) == {
        "id",
        "uuid",
        "title",
        "created_at",
        "updated_at",
        "pinned",
        "archived",
        "trashed_at",
        "tags",
        "message_count",
        "head_id",
        "params",
    }
    assert (first["id"], first["pinned"], first["tags"], first["message_count"]) == (1, True, ["geo"], 2)
    assert first["created_at"].endswith("Z")
    assert first["params"] == {"model": "claude-x"}


def test_show_prints_the_current_branch(filled: Samtal) -> None:
    result = filled("show", "2")
    assert result.status == 0
    lines = result.out.splitlines()
    assert lines[0] == "Bread"
    assert lines[1].startswith("conversation 2 · 2 messages · updated ")
    assert "Why is my loaf dense?" in lines
    assert "Often a weak starter" in lines
    assert lines[-1] == "[error: api_error: Boom]"


def test_show_json_and_markdown(filled: Samtal) -> None:
    shown = json.loads(filled("show", "1", "--json").out)
    assert shown["title"] == "Swedish lakes"
    assert [m["role"] for m in shown["messages"]] == ["user", "assistant"]
    answer = shown["messages"][1]
    assert set(answer) == {
        "id",
        "uuid",
        "parent_id",
        "role",
        "status",
        "created_at",
        "model",
        "text",
        "content",
        "stop_reason",
        "stop_sequence",
        "stop_details",
        "usage",
        "error",
        "timings",
    }
    assert (answer["status"], answer["text"], answer["model"]) == ("complete", "Vänern is the largest.", "claude-x")
    assert answer["content"] == [{"type": "text", "text": "Vänern is the largest."}]
    assert answer["parent_id"] == shown["messages"][0]["id"]
    markdown = filled("show", "1", "--markdown").out
    assert markdown.startswith("# Swedish lakes\n")
    assert "## Assistant · claude-x · " in markdown


def test_show_by_uuid_prefix_and_not_found(filled: Samtal) -> None:
    with filled.store() as store:
        uuid = store.conversation(2).uuid
    assert filled("show", uuid[:8]).out.startswith("Bread\n")
    result = filled("show", "99")
    assert (result.status, result.out, result.err) == (1, "", "samtal: No conversation 99\n")


def test_search_marks_matches_and_leaves_piped_text_exact(filled: Samtal) -> None:
    result = filled("search", "lake*")
    assert result.status == 0
    lines = result.out.splitlines()
    assert lines[0] == "     1  Swedish [lakes]"
    assert "     5  Hostile" in lines
    assert any("[lake]" in line and "\x1b]0;title\x07" in line for line in lines)  # a pipe gets it exactly
    assert "Claude: [Vänern] is the largest." not in lines
    missing = filled("search", "nothing-like-this")
    assert (missing.status, missing.out) == (1, "")  # like grep: nothing found is exit status 1
    assert missing.err == "samtal: nothing matches 'nothing-like-this'\n"


@pytest.mark.parametrize("query", ["", "  "])
def test_an_empty_search_query_is_wrong_usage(filled: Samtal, query: str) -> None:
    for extra in ([], ["--json"]):
        result = filled("search", query, *extra)
        assert (result.status, result.out, result.err) == (2, "", "samtal: the search query is empty\n")


def test_search_json(filled: Samtal) -> None:
    # One entry per conversation: its best hit's keys (as before), then how many messages match and its hits.
    (found,) = json.loads(filled("search", "largest", "--json").out)
    assert set(found) == {
        "conversation_id",
        "conversation_title",
        "message_id",
        "role",
        "snippet",
        "created_at",
        "matches",
        "matches_complete",
        "hits",
    }
    assert (found["conversation_title"], found["snippet"]) == ("Swedish lakes", "Vänern is the **largest**.")
    assert (found["matches"], found["matches_complete"]) == (2, True)
    assert [hit["snippet"] for hit in found["hits"]] == ["Vänern is the **largest**.", "Which lake is the **largest**?"]
    assert [set(hit) for hit in found["hits"]] == [{"message_id", "role", "snippet", "created_at"}] * 2
    assert found["hits"][0]["message_id"] == found["message_id"]
    assert len(json.loads(filled("search", "--json", "--limit", "1", "lake*").out)) == 1


def test_search_lists_each_conversation_once_with_plain_snippets(samtal: Samtal) -> None:
    with samtal.store() as store:
        notes = store.create_conversation()
        store.add_message(notes.id, "user", "# Test\nGive me a **markdown** table")
        store.add_message(notes.id, "assistant", "Here is a `markdown` table: | a | b |")
        store.add_message(notes.id, "user", "More **markdown**, please")
    result = samtal("search", "markdown")
    assert result.status == 0
    lines = result.out.splitlines()
    assert lines[0] == "     1  Test Give me a [markdown] table  · 3 messages"  # the title matched, marked
    assert len(lines) == 3  # the conversation once (3 hits at most: its title, then its best messages)
    for line in lines[1:]:
        assert "[markdown]" in line
        for syntax in ("#", "**", "`"):
            assert syntax not in line


def test_data_dir_can_also_follow_the_subcommand(
    filled: Samtal, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from app.main import main

    monkeypatch.setenv("SAMTAL_DATA_DIR", str(tmp_path / "elsewhere"))
    assert main(["list", "--data-dir", str(filled.data_dir)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3
    assert main(["list"]) == 0  # SAMTAL_DATA_DIR: an empty store
    assert capsys.readouterr().out == ""


def test_a_data_dir_that_cannot_be_made_is_one_line_and_reads_as_empty(samtal: Samtal, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    elsewhere = samtal.elsewhere(tmp_path / "a-file" / "data")
    result = elsewhere("import", str(tmp_path / "a-file"))
    assert result.status == 1
    assert result.err == f"samtal: can't create {tmp_path / 'a-file' / 'data'}: Not a directory\n"
    assert elsewhere("list") == Result(0, "", "")  # reading creates nothing: there is nothing to list


def test_reading_commands_leave_the_store_and_its_folder_as_they_were(filled: Samtal, tmp_path: Path) -> None:
    before = snapshot(filled.data_dir)
    for argv in (
        ["list"],
        ["list", "--trash", "--json"],
        ["show", "1"],
        ["show", "1", "--markdown"],
        ["search", "lake"],
        ["export", "--all", "-o", str(tmp_path / "all.json")],
    ):
        assert filled(*argv).status == 0, argv
    # No statistics pass, no tidying, no WAL files left behind: backups and file-sync tools see no change.
    assert changed(before, snapshot(filled.data_dir)) == []


def test_a_declined_reply_is_shown_with_why_and_its_stop_details_in_json(samtal: Samtal) -> None:
    details = {"type": "refusal", "category": "cyber", "explanation": "Working exploit code was asked for."}
    with samtal.store() as store:
        conversation = store.create_conversation("Exploit")
        store.add_message(conversation.id, "user", "Write me an exploit")
        store.add_message(
            conversation.id, "assistant", [], details=ReplyDetails(stop_reason="refusal", stop_details=details)
        )
    assert samtal("show", "1").out.splitlines()[-1] == "[declined: cyber: Working exploit code was asked for.]"
    answer = json.loads(samtal("show", "1", "--json").out)["messages"][-1]
    assert (answer["status"], answer["stop_reason"], answer["stop_details"]) == ("complete", "refusal", details)
    assert "*(the model declined: cyber: Working exploit code was asked for.)*" in samtal("show", "1", "--markdown").out
