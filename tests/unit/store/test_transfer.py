"""Importing files: zip or JSON, found wherever the export put conversations.json; unusable files refused."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from app.store import ImportFileError, Store, import_file
from app.store import transfer as transfer_module
from tests.unit.store.test_claude_import import synthetic_export

ROOT = Path(__file__).resolve().parents[3]


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
        ("deep.json", b"[" * 100_000, "can't be read: its JSON is nested too deeply$"),
        ("deep-object.json", b'{"a":' * 100_000, "can't be read: its JSON is nested too deeply$"),
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


def lying_zip(path: Path, *, real: int, claimed: int, member: str = "conversations.json") -> Path:
    """A zip whose one member unpacks to ``real`` bytes of spaces while its headers say ``claimed``."""
    deflate = zlib.compressobj(1, zlib.DEFLATED, -15)
    chunk = b" " * (1 << 20)
    parts, crc, done = [], 0, 0
    while done < real:
        piece = chunk[: real - done]
        parts.append(deflate.compress(piece))
        crc, done = zlib.crc32(piece, crc), done + len(piece)
    data = b"".join([*parts, deflate.flush()])
    name = member.encode()
    local = struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data), claimed, len(name), 0) + name
    sizes = (crc, len(data), claimed, len(name))
    central = struct.pack("<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, *sizes, 0, 0, 0, 0, 0, 0) + name
    end = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, 1, 1, len(central), len(local) + len(data), 0)
    path.write_bytes(local + data + central + end)
    return path


# Imports a file in a fresh process and prints the outcome, then the peak of Python's allocations, the peak
# resident memory (bytes) and the seconds taken. argv: file, store[, limit on the unpacked size]. The peak
# resident memory is the process's own VmHWM: getrusage's ru_maxrss keeps the parent's from before exec.
_MEASURED_IMPORT = """
import re, sys, time, tracemalloc
from pathlib import Path
from app.store import ImportFileError, Store, import_file
from app.store import transfer
if len(sys.argv) > 3:
    transfer.MAX_UNPACKED_BYTES = int(sys.argv[3])
with Store.open(Path(sys.argv[2])) as store:
    tracemalloc.start()
    started = time.monotonic()
    try:
        print(import_file(store, Path(sys.argv[1])).summary())
    except ImportFileError as exc:
        print(exc)
    seconds = time.monotonic() - started
    resident = int(re.search(r"VmHWM:\\s+(\\d+) kB", Path("/proc/self/status").read_text()).group(1)) * 1024
    print(tracemalloc.get_traced_memory()[1], resident, seconds)
"""


def measured_import(path: Path, store: Path, *extra: str) -> tuple[str, int, int, float]:
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED_IMPORT, str(path), str(store), *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    said, figures = done.stdout.splitlines()
    python_peak, resident_peak, seconds = figures.split()
    return said, int(python_peak), int(resident_peak), float(seconds)


@pytest.mark.skipif(sys.platform != "linux", reason="/proc/self/status")
def test_a_zip_whose_headers_understate_its_size_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    # 300 MB of spaces in a 1.4 MB zip that claims 100 bytes. zipfile inflated as much as was asked for
    # in one read: the whole cap, into memory, before finding that the size was a lie.
    bomb = lying_zip(tmp_path / "bomb.zip", real=300_000_000, claimed=100)
    said, python_peak, resident_peak, seconds = measured_import(bomb, tmp_path / "store.sqlite3")
    assert said == f"{bomb} can't be read: Bad CRC-32 for file 'conversations.json'"
    assert python_peak < 10_000_000
    assert resident_peak < 100_000_000
    assert seconds < 5


@pytest.mark.skipif(sys.platform != "linux", reason="/proc/self/status")
def test_a_file_past_the_limit_stops_there_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "conversations.json"
    with path.open("wb") as out:
        out.write(b"[")
        for _ in range(60):
            out.write(b" " * 1_000_000)
        out.write(b"]")
    said, python_peak, resident_peak, _ = measured_import(path, tmp_path / "store.sqlite3", "50000000")
    assert said == f"{path} holds more than 50 MB, more than any real export holds"
    assert python_peak < 10_000_000
    assert resident_peak < 100_000_000


@pytest.mark.skipif(sys.platform != "linux", reason="/proc/self/status")
def test_a_large_conversations_json_is_read_one_conversation_at_a_time(tmp_path: Path) -> None:
    # 60 MB of conversations (without messages, so that the test measures reading, not storing).
    path = tmp_path / "conversations.json"
    padding = "x" * 3000
    with path.open("w", encoding="utf-8") as out:
        out.write("[\n")
        conversations = ({"uuid": f"c-{n}", "summary": padding, "chat_messages": []} for n in range(20_000))
        out.write(",\n".join(json.dumps(conversation) for conversation in conversations))
        out.write("\n]\n")
    assert path.stat().st_size > 60_000_000
    said, python_peak, _, _ = measured_import(path, tmp_path / "store.sqlite3")
    assert said.endswith("20,000 skipped (empty); 0 errors")
    assert python_peak < 10_000_000  # json.loads held the whole text and every object: hundreds of MB
