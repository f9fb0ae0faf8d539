"""`samtal export` and `samtal import`."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.unit.cli.conftest import Samtal
from tests.unit.store.test_claude_import import synthetic_export


@pytest.fixture
def filled(samtal: Samtal) -> Samtal:
    with samtal.store() as store:
        for title in ("First: a/b", "Second"):
            conversation = store.create_conversation(title)
            store.add_message(conversation.id, "user", f"question in {title}")
            store.add_message(conversation.id, "assistant", f"answer in {title}")
        archived = store.create_conversation("Archived")
        store.add_message(archived.id, "user", "old")
        store.conversations.set_archived(archived.id)
        trashed = store.create_conversation("Trashed")
        store.conversations.move_to_trash(trashed.id)
    return samtal


def test_json_export_of_everything_imports_into_another_store(filled: Samtal, tmp_path: Path) -> None:
    target = tmp_path / "all.json"
    result = filled("export", "--all", "-o", str(target))
    assert (result.status, result.err) == (0, f"Exported 3 conversations to {target}\n")
    document = json.loads(target.read_text(encoding="utf-8"))
    assert [c["title"] for c in document["conversations"]] == ["First: a/b", "Second", "Archived"]

    other = filled.elsewhere(tmp_path / "other")
    imported = other("import", str(target))
    assert imported.status == 0
    assert imported.out == (
        f"Imported from {target}: 3 new conversations, 0 updated, 0 already present; 5 new messages; "
        "0 skipped (empty); 0 errors\n"
    )
    again = other("import", str(target))
    assert "0 new conversations, 0 updated, 3 already present; 0 new messages" in again.out
    assert json.loads(other("show", "1", "--json").out)["messages"][1]["text"] == "answer in First: a/b"


def test_export_format_follows_the_extension_and_stdout_works(filled: Samtal, tmp_path: Path) -> None:
    target = tmp_path / "two.md"
    assert filled("export", "1", "2", "-o", str(target)).status == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# First: a/b\n")
    assert "\n---\n\n# Second\n" in text
    printed = filled("export", "--format", "json", "2", "-o", "-")
    assert json.loads(printed.out)["conversations"][0]["title"] == "Second"
    assert printed.err == ""


def test_markdown_export_into_a_directory_writes_one_file_each(filled: Samtal, tmp_path: Path) -> None:
    directory = tmp_path / "notes"
    directory.mkdir()
    assert filled("export", "--all", "--format", "md", "-o", str(directory)).status == 0
    assert sorted(p.name for p in directory.iterdir()) == ["1-first-a-b.md", "2-second.md", "3-archived.md"]


def test_a_directory_means_one_markdown_file_each_even_when_it_does_not_exist_yet(
    filled: Samtal, tmp_path: Path
) -> None:
    done = filled("export", "1", "2", "-o", f"{tmp_path}/notes/")
    assert done.status == 0
    assert sorted(p.name for p in (tmp_path / "notes").iterdir()) == ["1-first-a-b.md", "2-second.md"]
    assert "one Markdown file each" in done.err


def test_json_export_into_a_directory_gets_a_dated_name(filled: Samtal, tmp_path: Path) -> None:
    assert filled("export", "1", "--format", "json", "-o", str(tmp_path)).status == 0
    (written,) = tmp_path.glob("samtal-export-*.json")
    assert json.loads(written.read_text(encoding="utf-8"))["format"] == "samtal.conversations"


def test_export_usage_errors(filled: Samtal, tmp_path: Path) -> None:
    assert filled("export", "-o", str(tmp_path / "x.json")).status == 2
    assert filled("export", "--all", "1", "-o", str(tmp_path / "x.json")).status == 2
    missing = filled("export", "1", "42", "-o", str(tmp_path / "x.json"))
    assert (missing.status, missing.err) == (1, "samtal: No conversation 42\n")
    assert not (tmp_path / "x.json").exists()
    unwritable = filled("export", "1", "-o", str(tmp_path / "no" / "such" / "dir.json"))
    assert unwritable.status == 1
    assert unwritable.err.startswith("samtal: can't write ")


def test_importing_a_claude_zip_reports_counts_and_errors(samtal: Samtal, tmp_path: Path) -> None:
    bundle = tmp_path / "claude.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr("conversations.json", json.dumps(synthetic_export()))
    result = samtal("import", str(bundle))
    assert result.status == 1  # two conversations were malformed; the rest was imported
    assert "3 new conversations" in result.out
    assert "2 skipped (empty); 2 errors" in result.out
    assert result.err.splitlines()[1] == "samtal: import: conversation #6: not a JSON object"
    assert len(samtal("list").out.splitlines()) == 3


def test_importing_an_unusable_file_is_one_line(samtal: Samtal, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not json")
    result = samtal("import", str(path))
    assert result.status == 1
    assert result.err.startswith(f"samtal: {path} is not JSON")
    assert result.err.count("\n") == 1


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_an_export_to_a_terminal_has_no_control_characters(
    samtal: Samtal, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    # As for `samtal show`: the model's escape sequences must not reach a terminal (in a pipe the text is exact).
    import sys

    hostile = "ok\x1b]0;owned\x07 \x1b[2J\x9b31m done"
    with samtal.store() as store:
        conversation = store.create_conversation("Hostile")
        store.add_message(conversation.id, "user", "hi")
        store.add_message(conversation.id, "assistant", hostile)
    piped = samtal("export", "--format", fmt, "1", "-o", "-")
    assert "\x1b" in piped.out if fmt == "md" else "\\u001b" in piped.out

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    shown = samtal("export", "--format", fmt, "1", "-o", "-")
    assert shown.status == 0
    assert "done" in shown.out
    assert not any((ord(char) < 0x20 and char not in "\n\t") or 0x7F <= ord(char) <= 0x9F for char in shown.out)
    if fmt == "json":
        exported = json.loads(shown.out)["conversations"][0]["messages"][1]["content"][0]["text"]
        assert exported == hostile  # still the same JSON


def test_a_file_of_countless_broken_conversations_lists_a_thousand_and_counts_the_rest(
    samtal: Samtal, tmp_path: Path
) -> None:
    path = tmp_path / "conversations.json"
    path.write_text("[" + ", ".join(["7"] * 5000) + "]", encoding="utf-8")
    result = samtal("import", str(path))
    assert result.status == 1
    lines = result.err.splitlines()
    assert len(lines) == 1001
    assert lines[0] == "samtal: import: conversation #1: not a JSON object"
    assert lines[-1] == "samtal: import: … and 4,000 more errors"
    assert result.out.endswith("0 skipped (empty); 5,000 errors\n")
