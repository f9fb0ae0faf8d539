"""Damaged and unusual surroundings, against the real `samtal` processes and the window's start-up.

One table of cases. Each runs `samtal --data-dir DATA ...` (or the window's `--smoke-test`) as a process
on real files: a store damaged in one way or another, a read-only folder (a read-only mount), a full disk
(a full tmpfs), a malformed settings file, a hostile import file. Every case checks the exit status, the
one line on standard error (`samtal: ...`), what the store holds afterwards (the prior messages exactly as
they were, or a damaged file left byte for byte), that nothing was sent when nothing should be, that the
command line never moves or rewrites a user's file, and that the token appears nowhere: not on either
output, not in any file.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pytest

from app.demo import DemoServer, Pause, Stream, text_events
from app.settings import FORMAT
from app.store import SCHEMA_VERSION, ReplyDetails, Store
from tests.fixtures.surroundings import changed, full_disk, read_only, snapshot
from tests.unit.store.test_transfer import lying_zip

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "sk-surroundings-canary-7d41c2e9b0"
WINDOW = ("--smoke-test",)
PRIOR_TITLES = ("Swedish lakes", "Bread")
OPEN = r"samtal: Cannot open the conversation store {store}: "
NOT_CHANGED = r"\. The file was not changed\."
READ_ONLY = r"samtal: The data folder {data} is read-only: conversations can be read, but nothing can be saved\."
WINDOW_READ_ONLY = (
    r"samtal: The data folder {data} is read-only: you can read and search your conversations, "
    r"but nothing can be sent or saved\."
)
DISK_FULL = OPEN + "the disk is full" + NOT_CHANGED
SETTINGS = r"samtal: {settings} can't be used: "
LONG_REPLY = "".join(f"word-{n:06d} " for n in range(60_000))  # 720 kB


@dataclass
class World:
    """One case's files: the data folder (store and settings), files to import, and the demo server."""

    root: Path
    server: DemoServer
    prior: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def files(self) -> Path:
        return self.root / "files"

    @property
    def store(self) -> Path:
        return self.data / "samtal.sqlite3"

    @property
    def settings(self) -> Path:
        return self.data / "config" / "settings.json"

    def words(self, text: str) -> str:
        """``text`` with {data}, {store}, {settings} and {files} filled in (escaped for a regular expression)."""
        return text.format(
            data=re.escape(str(self.data)),
            store=re.escape(str(self.store)),
            settings=re.escape(str(self.settings)),
            files=re.escape(str(self.files)),
        )


Prepare = Callable[[World], None]


@dataclass(frozen=True)
class Case:
    """What to do to the surroundings, what to run, and what must come of it."""

    argv: tuple[str, ...]  # after `samtal --data-dir DATA`; {files} is the folder of files to import
    status: int
    line: str | None  # the one line on standard error (a regular expression); None: not a word
    prepare: Prepare = lambda world: None
    surroundings: Literal["as they are", "read-only", "full disk"] = "as they are"
    free: int = 0  # on a full disk: the bytes left
    store: Literal["prior kept", "file unchanged", "any"] = "prior kept"
    untouched: bool = False  # nothing in the data folder may change (reading commands)
    sent: bool = False  # whether a request may reach the server
    out: str | None = None  # a regular expression standard output must match
    lines: int = 1  # how many lines (each matching `line`) standard error holds
    env: Mapping[str, str | None] = field(default_factory=dict)
    check: Callable[[World, subprocess.CompletedProcess[str]], None] | None = None


# --- the surroundings ---


def seed(world: World) -> None:
    world.data.mkdir(parents=True)
    world.files.mkdir()
    with Store.open(world.store) as store:
        lakes = store.create_conversation(PRIOR_TITLES[0])
        store.add_message(lakes.id, "user", "Which lake is the largest?")
        store.add_message(lakes.id, "assistant", "Vänern, by far.", details=ReplyDetails(model="claude-demo"))
        bread = store.create_conversation(PRIOR_TITLES[1])
        store.add_message(bread.id, "user", "Why is my loaf dense?")
        store.add_message(bread.id, "assistant", "Often a weak starter.", status="stopped")
    world.prior = prior_messages(world.store)


def reading(path: Path) -> sqlite3.Connection:
    """An ordinary connection that can't write: unlike a read-only one, it leaves no -wal or -shm file."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True)
    conn.execute("PRAGMA query_only = ON")
    return conn


def prior_messages(path: Path) -> list[tuple[str, str, str, str]]:
    conn = reading(path)
    try:
        marks = ",".join("?" * len(PRIOR_TITLES))
        return conn.execute(
            "SELECT m.uuid, m.role, m.content, m.status FROM messages m JOIN conversations c"
            f" ON c.id = m.conversation_id WHERE c.title IN ({marks}) ORDER BY m.id",
            PRIOR_TITLES,
        ).fetchall()
    finally:
        conn.close()


def stored_replies(path: Path) -> list[tuple[str, str]]:
    """(status, text) of every reply outside the prior conversations, oldest first."""
    conn = reading(path)
    try:
        marks = ",".join("?" * len(PRIOR_TITLES))
        rows = conn.execute(
            "SELECT m.status, m.content FROM messages m JOIN conversations c ON c.id = m.conversation_id"
            f" WHERE c.title NOT IN ({marks}) AND m.role = 'assistant' ORDER BY m.id",
            PRIOR_TITLES,
        ).fetchall()
    finally:
        conn.close()
    return [(status, "".join(b.get("text", "") for b in json.loads(content))) for status, content in rows]


def write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    path.write_bytes(data)


def truncated(world: World) -> None:
    data = world.store.read_bytes()
    world.store.write_bytes(data[: len(data) // 2])


def garbage(world: World) -> None:
    world.store.write_bytes(b"My notes, not a database.\n" * 400)


def foreign(world: World) -> None:
    world.store.unlink()
    conn = sqlite3.connect(world.store)
    conn.execute("CREATE TABLE bookmarks (url TEXT)")
    conn.execute("INSERT INTO bookmarks VALUES ('https://example.org')")
    conn.commit()
    conn.close()


def newer(world: World) -> None:
    conn = sqlite3.connect(world.store)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()


def mangled_schema(world: World) -> None:
    data = bytearray(world.store.read_bytes())
    data[100:4096] = b"\xa5" * (4096 - 100)  # page 1 past the header: the schema
    world.store.write_bytes(bytes(data))


def store_is_a_folder(world: World) -> None:
    world.store.unlink()
    (world.store / "inside").mkdir(parents=True)


def emptied(world: World) -> None:
    world.store.write_bytes(b"")


def garbage_log(world: World) -> None:
    write(world.store.with_name("samtal.sqlite3-wal"), os.urandom(64 * 1024))


def log_of_a_crash(world: World) -> None:
    """The store as a process that died while writing leaves it: the last commit only in the -wal file."""
    code = (
        "import os, sys\n"
        "from app.store import Store\n"
        "store = Store.open(sys.argv[1])\n"
        "store._conn.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "c = store.create_conversation('Written just before the crash')\n"
        "store.add_message(c.id, 'user', 'kept in the log')\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(world.store)], cwd=ROOT, check=True, timeout=30)
    assert world.store.with_name("samtal.sqlite3-wal").stat().st_size > 0


def no_store(world: World) -> None:
    for path in world.data.glob("samtal.sqlite3*"):
        if path.is_dir():
            path.rmdir()
        else:
            path.unlink()


def settings(content: bytes | str) -> Prepare:
    return lambda world: write(world.settings, content)


def settings_is_a_folder(world: World) -> None:
    (world.settings / "inside").mkdir(parents=True)


def import_file(name: str, content: bytes | str) -> Prepare:
    return lambda world: write(world.files / name, content)


def zipped(name: str, members: Mapping[str, bytes | str]) -> Prepare:
    def prepare(world: World) -> None:
        with zipfile.ZipFile(world.files / name, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
            for member, content in members.items():
                bundle.writestr(member, content)

    return prepare


def bomb(real: int, claimed: int) -> Prepare:
    def prepare(world: World) -> None:
        lying_zip(world.files / "bomb.zip", real=real, claimed=claimed)

    return prepare


def cut_short(world: World) -> None:
    """A zip as an interrupted download leaves it."""
    noise = os.urandom(100_000).hex()  # does not compress: the zip is large enough to cut
    zipped("whole.zip", {"conversations.json": export([{**ONE_CONVERSATION, "summary": noise}])})(world)
    whole = (world.files / "whole.zip").read_bytes()
    write(world.files / "cut.zip", whole[: len(whole) // 2])


def streaming_long_reply(world: World) -> None:
    """The next reply streams 720 kB over about three seconds, so that it is saved several times."""
    events = text_events(LONG_REPLY, chunk=24_000)
    items: list[object] = []
    for event in events:
        items.append(event)
        if event["type"] == "content_block_delta":
            items.append(Pause(0.1))
    world.server.script.push(Stream(items))  # type: ignore[arg-type]


def both(*steps: Prepare) -> Prepare:
    def prepare(world: World) -> None:
        for step in steps:
            step(world)

    return prepare


def export(conversations: list[object], **extra: object) -> str:
    return json.dumps(conversations if not extra else {**extra, "conversations": conversations})


ONE_CONVERSATION = {"uuid": "c-imported", "name": "Imported", "chat_messages": [
    {"uuid": "m-imported", "sender": "human", "text": "an imported question"}
]}  # fmt: skip
NUL_CONVERSATION = {"uuid": "c-nul", "name": "NUL", "chat_messages": [
    {"uuid": "m-nul", "sender": "human", "text": "before\u0000after"}
]}  # fmt: skip


# --- extra checks ---


def lists_the_prior_conversations(world: World, done: subprocess.CompletedProcess[str]) -> None:
    assert [line.split(maxsplit=4)[-1].split("  ")[0] for line in done.stdout.splitlines()][:2] == [
        "Bread",
        "Swedish lakes",
    ]


def reply_printed(world: World, done: subprocess.CompletedProcess[str]) -> None:
    assert "This is the **Samtal demo server**" in done.stdout


def reply_is_a_prefix_of_what_was_shown(world: World, done: subprocess.CompletedProcess[str]) -> None:
    ((status, text),) = stored_replies(world.store)
    assert status in ("streaming", "interrupted")  # left by a process that stopped; shown as interrupted
    assert 0 < len(text) < len(LONG_REPLY)
    assert done.stdout.startswith(text)  # what was saved, the reader saw


def nothing_stored(world: World, done: subprocess.CompletedProcess[str]) -> None:
    assert stored_replies(world.store) == []


def shows_the_log(world: World, done: subprocess.CompletedProcess[str]) -> None:
    assert "Written just before the crash" in done.stdout


def set_aside_by_the_window(content: str) -> Callable[[World, subprocess.CompletedProcess[str]], None]:
    def check(world: World, done: subprocess.CompletedProcess[str]) -> None:
        (aside,) = world.settings.parent.glob("settings.json.broken-*")
        assert aside.read_text() == content
        assert f"It was kept as {aside.name}" in done.stderr

    return check


def imported(count: int) -> Callable[[World, subprocess.CompletedProcess[str]], None]:
    def check(world: World, done: subprocess.CompletedProcess[str]) -> None:
        assert f"{count} new conversation" in done.stdout
        assert not (world.root / "etc").exists()  # a member's path never decides where anything is written

    return check


def nul_kept(world: World, done: subprocess.CompletedProcess[str]) -> None:
    with Store.open(world.store, read_only=True) as store:
        (message,) = store.path(store.conversations.find("c-nul").id)
        assert message.text == "before\x00after"


# --- the cases ---

DAMAGED = {
    "truncated": (truncated, "SQLite can't read it \\(database disk image is malformed\\)"),
    "not a database": (garbage, "it is not an SQLite database"),
    "another program's database": (foreign, "it is an SQLite database of another program"),
    "newer schema": (
        newer,
        f"it was written by a newer version of Samtal \\(schema version {SCHEMA_VERSION + 1}; this version "
        f"understands up to {SCHEMA_VERSION}\\)\\. Update Samtal to open it",
    ),
    "mangled schema page": (mangled_schema, "SQLite can't read it \\(.*\\)"),
    "a folder": (store_is_a_folder, "it can't be read \\(Is a directory\\)"),
}
DAMAGED_COMMANDS = {
    "list": ("list",),
    "ask": ("ask", "hello"),
    "import": ("import", "{files}/conversations.json"),
    "window": WINDOW,
}

CASES: dict[str, Case] = {}
for damage, (make, reason) in DAMAGED.items():
    for command, argv in DAMAGED_COMMANDS.items():
        CASES[f"damaged store, {damage}: {command}"] = Case(
            argv,
            1,
            OPEN + reason + NOT_CHANGED,
            prepare=both(make, import_file("conversations.json", export([ONE_CONVERSATION]))),
            store="file unchanged",
            untouched=command == "list",
        )

CASES.update(
    {
        "empty store file: list": Case(
            ("list",), 0, None, prepare=emptied, store="file unchanged", out="^$", untouched=True
        ),
        "empty store file: ask": Case(("ask", "hello"), 0, None, prepare=emptied, store="any", sent=True),
        "garbage in the -wal file: list": Case(
            ("list",), 0, None, prepare=garbage_log, check=lists_the_prior_conversations
        ),
        # --- a read-only data folder ---
        "read-only: list": Case(("list",), 0, None, surroundings="read-only", check=lists_the_prior_conversations),
        "read-only: show": Case(("show", "1", "--json"), 0, None, surroundings="read-only", out='"Vänern, by far."'),
        "read-only: search": Case(("search", "Vänern"), 0, None, surroundings="read-only", out="Swedish lakes"),
        "read-only: export": Case(
            ("export", "--all", "-o", "{files}/all.json"),
            0,
            r"Exported 2 conversations to {files}/all\.json",  # the command's own report, as always
            surroundings="read-only",
        ),
        "read-only: ask": Case(("ask", "hello"), 1, READ_ONLY, surroundings="read-only"),
        "read-only: ask --no-save": Case(
            ("ask", "--no-save", "hello"), 0, None, surroundings="read-only", sent=True, check=reply_printed
        ),
        "read-only: import": Case(
            ("import", "{files}/conversations.json"),
            1,
            READ_ONLY,
            prepare=import_file("conversations.json", export([ONE_CONVERSATION])),
            surroundings="read-only",
        ),
        "read-only: window": Case(WINDOW, 0, WINDOW_READ_ONLY, surroundings="read-only"),
        "read-only, with the log of a crash: list": Case(
            ("list",), 0, None, prepare=log_of_a_crash, surroundings="read-only", check=shows_the_log
        ),
        "read-only, no store yet: list": Case(
            ("list",), 0, None, prepare=no_store, surroundings="read-only", store="file unchanged", out="^$"
        ),
        "read-only, no store yet: ask": Case(
            ("ask", "hello"), 1, READ_ONLY, prepare=no_store, surroundings="read-only", store="file unchanged"
        ),
        # --- a full disk ---
        "full disk: list": Case(("list",), 0, None, surroundings="full disk", check=lists_the_prior_conversations),
        "full disk: ask": Case(("ask", "hello"), 1, DISK_FULL, surroundings="full disk", check=nothing_stored),
        "full disk: import": Case(
            ("import", "{files}/conversations.json"),
            1,
            DISK_FULL,
            prepare=import_file("conversations.json", export([ONE_CONVERSATION])),
            surroundings="full disk",
        ),
        "full disk: window": Case(WINDOW, 1, DISK_FULL, surroundings="full disk"),
        "disk full during a reply: ask": Case(
            ("ask", "hello"),
            1,
            r"samtal: Could not save to the conversation store {store}: the disk is full\.",
            prepare=streaming_long_reply,
            surroundings="full disk",
            free=300_000,
            sent=True,
            check=reply_is_a_prefix_of_what_was_shown,
        ),
        # --- a settings file that can't be used ---
        "settings, not JSON": Case(
            ("ask", "--profile", "work", "hello"),
            1,
            SETTINGS + r"it is not valid JSON: Expecting ',' delimiter \(line 3, column 3\)",
            prepare=settings('{\n  "profiles": []\n  "theme": "dark"\n}\n'),
        ),
        "settings, not JSON, for the active profile": Case(
            ("ask", "hello"),
            1,
            SETTINGS + r"it is not valid JSON: Expecting value \(line 1, column 1\)",
            prepare=settings(""),
            env={"ANTHROPIC_API_KEY": None, "ANTHROPIC_BASE_URL": None},
        ),
        "settings, an array": Case(
            ("ask", "--profile", "work", "hello"),
            1,
            SETTINGS + "it should hold a JSON object of settings, not an array",
            prepare=settings("[]"),
        ),
        "settings, a newer format": Case(
            ("ask", "--profile", "work", "hello"),
            1,
            SETTINGS
            + rf"it was written by a newer version of Samtal \(settings format 7; this version reads format {FORMAT}\)",
            prepare=settings('{"version": 7}'),
        ),
        "settings, profiles of the wrong type": Case(
            ("ask", "--profile", "work", "hello"),
            1,
            SETTINGS + r'its "profiles" should be an array of profiles \(objects\), not an object',
            prepare=settings('{"profiles": {"work": {}}}'),
        ),
        "settings, a profile without its base URL": Case(
            ("ask", "--profile", "work", "hello"),
            1,
            SETTINGS + r'its profile #1 \(work\) has no "base_url"',
            prepare=settings('{"profiles": [{"id": "w", "name": "work", "kind": "custom"}]}'),
        ),
        "settings, not UTF-8": Case(
            ("ask", "--profile", "work", "hello"),
            1,
            SETTINGS + r"it is not UTF-8 text \(byte 0xff at offset 11\)",
            prepare=settings(b'{"theme": "\xffdark"}'),
        ),
        "settings, a folder": Case(
            ("ask", "--profile", "work", "hello"),
            1,
            r"samtal: {settings} can't be read \(Is a directory\)",
            prepare=settings_is_a_folder,
        ),
        "settings not JSON: list does not need them": Case(
            ("list",), 0, None, prepare=settings("{oops"), untouched=True, check=lists_the_prior_conversations
        ),
        "settings not JSON: window": Case(
            WINDOW,
            0,
            SETTINGS + r"it is not valid JSON: .* It was kept as settings\.json\.broken-\d{{8}}-\d{{6}} and the "
            r"default settings are used\.",
            prepare=settings("{oops"),
            check=set_aside_by_the_window("{oops"),
        ),
        # --- hostile import files ---
        "import, a zip whose headers understate its size": Case(
            ("import", "{files}/bomb.zip"),
            1,
            r"samtal: {files}/bomb\.zip can't be read: Bad CRC-32 for file 'conversations\.json'",
            prepare=bomb(real=300_000_000, claimed=100),
        ),
        "import, a zip that says it unpacks to 2 GB": Case(
            ("import", "{files}/bomb.zip"),
            1,
            r"samtal: {files}/bomb\.zip unpacks to more than 1,074 MB, more than any real export holds",
            prepare=bomb(real=10_000, claimed=2_000_000_000),
        ),
        "import, member names that climb out": Case(
            ("import", "{files}/climb.zip"),
            0,
            None,
            prepare=zipped(
                "climb.zip",
                {"../../etc/conversations.json": export([ONE_CONVERSATION]), "/etc/passwd": "root:x:0:0"},
            ),
            check=imported(1),
        ),
        "import, a zip without conversations.json": Case(
            ("import", "{files}/other.zip"),
            1,
            r"samtal: {files}/other\.zip holds no conversations\.json",
            prepare=zipped("other.zip", {"users.json": "[]"}),
        ),
        "import, a zip cut short": Case(
            ("import", "{files}/cut.zip"),
            1,
            r"samtal: {files}/cut\.zip is not a zip archive \(a damaged or unfinished download\?\)",
            prepare=cut_short,
        ),
        "import, not JSON": Case(
            ("import", "{files}/notes.json"),
            1,
            r"samtal: {files}/notes\.json is not JSON: Expecting value: line 1 column 1 \(char 0\)",
            prepare=import_file("notes.json", "just my notes"),
        ),
        "import, not UTF-8": Case(
            ("import", "{files}/latin1.json"),
            1,
            r"samtal: {files}/latin1\.json is not JSON: 'utf-8' codec can't decode byte 0xe9 .*",
            prepare=import_file("latin1.json", b'[{"name": "caf\xe9"}]'),
        ),
        "import, NUL bytes in the text": Case(
            ("import", "{files}/nul.json"),
            1,
            r"samtal: {files}/nul\.json is not JSON: Invalid control character at: character 13",
            prepare=import_file("nul.json", b'[{"name": "a\x00b"}]'),
        ),
        "import, NUL characters escaped": Case(
            ("import", "{files}/nul.json"),
            0,
            None,
            prepare=import_file("nul.json", export([NUL_CONVERSATION])),
            check=nul_kept,
        ),
        "import, nested a hundred thousand deep": Case(
            ("import", "{files}/deep.json"),
            1,
            r"samtal: {files}/deep\.json can't be read: its JSON is nested too deeply",
            prepare=import_file("deep.json", "[" * 100_000),
        ),
        "import, one conversation nested too deeply": Case(
            ("import", "{files}/deep.json"),
            1,
            r"samtal: {files}/deep\.json can't be read: its JSON is nested too deeply",
            prepare=import_file(
                "deep.json", export([ONE_CONVERSATION]).replace('"Imported"', '{"a": ' * 100_000 + "1" + "}" * 100_000)
            ),
        ),
        "import, not an export": Case(
            ("import", "{files}/settings.json"),
            1,
            r"samtal: {files}/settings\.json can't be imported: this is not a claude\.ai export \(no list of "
            r"conversations\)",
            prepare=import_file("settings.json", '{"theme": "dark"}'),
        ),
        "import, a list of numbers": Case(
            ("import", "{files}/numbers.json"),
            1,
            r"samtal: import: conversation #\d: not a JSON object",
            prepare=import_file("numbers.json", "[1, 2, 3]"),
            lines=3,
            out="0 errors|3 errors",
        ),
        "import, an archive from a newer Samtal": Case(
            ("import", "{files}/archive.json"),
            1,
            r"samtal: import: archive format version 9 is newer than this Samtal understands",
            prepare=import_file(
                "archive.json", json.dumps({"format": "samtal.conversations", "version": 9, "conversations": []})
            ),
        ),
        "import, a folder": Case(
            ("import", "{files}"),
            1,
            r"samtal: {files} can't be read: Is a directory",
        ),
        "import, an empty file": Case(
            ("import", "{files}/empty.json"),
            1,
            r"samtal: {files}/empty\.json is not JSON: Expecting value: line 1 column 1 \(char 0\)",
            prepare=import_file("empty.json", ""),
        ),
    }
)


# --- running a case ---


@pytest.fixture(scope="module")
def server() -> Iterator[DemoServer]:
    with DemoServer(delay=0.0) as running:
        yield running


def environment(world: World, overrides: Mapping[str, str | None]) -> dict[str, str]:
    home = world.root / "home"
    home.mkdir(exist_ok=True)
    kept = ("ANTHROPIC_", "DBUS_", "SAMTAL_", "XDG_", "QT_", "DISPLAY", "WAYLAND_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(kept)}
    env.update(
        HOME=str(home),
        XDG_RUNTIME_DIR=str(world.root),
        QT_QPA_PLATFORM="offscreen",
        ANTHROPIC_API_KEY=TOKEN,
        ANTHROPIC_BASE_URL=world.server.url,
    )
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def run(world: World, case: Case) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "app.main", "--data-dir", str(world.data)]
    argv += [part.format(files=world.files) for part in case.argv]
    if case.surroundings == "read-only":
        surroundings = read_only(world.data)
    elif case.surroundings == "full disk":
        surroundings = full_disk(world.data, free=case.free)
    else:
        surroundings = contextlib.nullcontext(list)
    with surroundings as wrap:
        return subprocess.run(
            wrap(argv),
            cwd=ROOT,
            env=environment(world, case.env),
            capture_output=True,
            text=True,
            timeout=120,
            stdin=subprocess.DEVNULL,
            check=False,
        )


@pytest.mark.parametrize("name", list(CASES))
def test_surroundings(name: str, tmp_path: Path, server: DemoServer) -> None:
    case = CASES[name]
    server.script.clear()
    world = World(tmp_path, server)
    seed(world)
    case.prepare(world)
    before = snapshot(world.data)
    user_settings = world.settings.read_bytes() if world.settings.is_file() else None
    requests = len(server.requests)

    done = run(world, case)

    assert done.returncode == case.status, done.stderr
    said = done.stderr.splitlines()
    if case.argv == WINDOW:  # Qt may add its own lines; the window's own say "samtal:"
        said = [line for line in said if line.startswith("samtal:")]
    if case.line is None:
        assert said == []
    else:
        assert len(said) == case.lines, done.stderr
        for line in said:
            assert re.fullmatch(world.words(case.line), line), line
    if case.out is not None:
        assert re.search(case.out, done.stdout), done.stdout
    if not case.sent:
        assert len(server.requests) == requests, "something was sent"

    # What the store holds afterwards (looked at last: a connection may tidy a crashed writer's log).
    if case.untouched or case.surroundings == "read-only":
        assert changed(before, snapshot(world.data)) == []
    if case.store == "file unchanged":
        assert snapshot(world.data).get("samtal.sqlite3") == before.get("samtal.sqlite3")
    elif case.store == "prior kept":
        assert prior_messages(world.store) == world.prior

    # The user's files: the command line never moves or rewrites them.
    if case.argv != WINDOW:
        assert list(world.data.glob("config/*.broken-*")) == []
        if user_settings is not None:
            assert world.settings.read_bytes() == user_settings

    # The token, nowhere.
    assert TOKEN not in done.stdout
    assert TOKEN not in done.stderr
    for path in world.root.rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), f"the token is in {path}"

    if case.check is not None:
        case.check(world, done)


def test_the_table_is_as_large_as_promised() -> None:
    assert len(CASES) >= 60
