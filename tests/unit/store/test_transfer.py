"""Importing files: zip or JSON, found wherever the export put conversations.json; unusable files refused."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from app.store import ImportFileError, Store, import_file
from app.store import transfer as transfer_module
from tests.unit.store.test_claude_import import synthetic_export


def test_a_claude_zip_is_read_from_its_conversations_json(store: Store, tmp_path: Path) -> None:
    bundle = tmp_path / "data-2025-01-01.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr("export/users.json", "[]")
        archive.writestr("export/projects/conversations.json", "[]")  # deeper: not the one
        archive.writestr("export/conversations.json", json.dumps(synthetic_export()))
    report = import_file(store, bundle)
    assert report.conversations_added == 3


def test_a_plain_conversations_json_is_read(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "conversations.json"
    path.write_text(json.dumps(synthetic_export()), encoding="utf-8")
    assert import_file(store, path).conversations_added == 3


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("missing.json", None, "can't be read: No such file or directory$"),
        ("half.zip", b"<html>not the export</html>", "is not a zip archive"),
        ("notes.txt", b"just notes", "is not JSON"),
        ("latin1.json", b'["\xe9"]', "is not JSON"),
        ("other.zip", "zip-without", "holds no conversations.json"),
    ],
)
def test_unusable_files_are_refused_with_a_reason(
    store: Store, tmp_path: Path, name: str, content: bytes | str | None, problem: str
) -> None:
    path = tmp_path / name
    if content == "zip-without":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("readme.txt", "nothing here")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    with pytest.raises(ImportFileError, match=problem) as caught:
        import_file(store, path)
    assert str(path) in str(caught.value)


def test_a_zip_that_unpacks_to_more_than_the_limit_is_refused_before_it_fills_memory(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A zip bomb: a few kilobytes that unpack to gigabytes. Nothing past the limit is read.
    monkeypatch.setattr(transfer_module, "MAX_UNPACKED_BYTES", 1_000_000)
    bundle = tmp_path / "data-bomb.zip"
    with zipfile.ZipFile(bundle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("conversations.json", "[" + " " * 2_000_000 + "]")
    assert bundle.stat().st_size < 20_000
    with pytest.raises(ImportFileError, match="unpacks to more than 1 MB") as caught:
        import_file(store, bundle)
    assert str(bundle) in str(caught.value)


def test_conversations_are_committed_in_batches(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transfer_module, "BATCH_SIZE", 2)
    commits = []
    store._conn.set_trace_callback(lambda sql: commits.append(sql) if sql == "COMMIT" else None)
    export = [
        {"uuid": f"c-{n}", "name": f"n{n}", "chat_messages": [{"uuid": f"m-{n}", "sender": "human", "text": "hi"}]}
        for n in range(5)
    ]
    report = transfer_module.import_document(store, export)
    assert report.conversations_added == 5
    assert len(commits) == 3


def test_a_conversation_with_values_out_of_range_is_an_error_not_the_end_of_the_import(store: Store) -> None:
    export = [
        {
            "uuid": "c-early",
            "created_at": "0001-01-01T00:00:00+01:00",
            "chat_messages": [
                {
                    "uuid": "m-early",
                    "sender": "human",
                    "text": "a time before year one",
                    "created_at": "0001-01-01T00:00:00+01:00",
                }
            ],
        },
        {"uuid": "c-fine", "chat_messages": [{"uuid": "m-fine", "sender": "human", "text": "hello"}]},
    ]
    report = transfer_module.import_document(store, export)
    assert report.conversations_added == 2  # an unusable time is read as no time
    archive = {
        "format": "samtal.conversations",
        "version": 1,
        "conversations": [
            {
                "uuid": "a-huge",
                "created_at": "2025-01-01T00:00:00Z",
                "updated_at": "2025-01-01T00:00:00Z",
                "messages": [
                    {
                        "uuid": "am-1",
                        "role": "assistant",
                        "content": [],
                        "created_at": "2025-01-01T00:00:00Z",
                        "usage": {"output_tokens": 2**64},
                    }
                ],
            },
            {"uuid": "a-early", "created_at": "0001-01-01T00:00:00+01:00", "updated_at": "2025-01-01T00:00:00Z"},
            {"uuid": "a-fine", "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-01T00:00:00Z"},
        ],
    }
    report = transfer_module.import_document(store, archive)
    assert report.conversations_added == 1
    assert [line.split(":")[0] for line in report.errors] == ["conversation a-huge (#1)", "conversation a-early (#2)"]
