"""The token store: keyring when usable, memory for the session otherwise, never a file."""

from __future__ import annotations

from pathlib import Path

import keyring.backends.fail
import pytest

from app.secrets import SecretStore
from tests.fixtures.keyrings import MemoryKeyring

TOKEN = "sk-ant-canary-4f1d2c3b9a8e7d6c"


def test_set_get_delete_through_the_keyring(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore(memory_keyring)
    result = store.set("anthropic-1", TOKEN)
    assert result.persistent
    assert memory_keyring.passwords == {("samtal", "anthropic-1"): TOKEN}
    assert store.get("anthropic-1") == TOKEN
    store.delete("anthropic-1")
    assert store.get("anthropic-1") is None
    store.delete("anthropic-1")  # deleting twice is fine


def test_token_is_trimmed_and_empty_refused(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore(memory_keyring)
    store.set("p", f"  {TOKEN}\n")
    assert store.get("p") == TOKEN
    with pytest.raises(ValueError, match="empty"):
        store.set("p", "   ")


def test_no_backend_keeps_token_for_the_session_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    store = SecretStore(keyring.backends.fail.Keyring())
    assert not store.backend_usable
    result = store.set("p", TOKEN)
    assert not result.persistent
    assert "session only" in result.problem
    assert "ANTHROPIC_API_KEY" in result.problem
    assert store.get("p") == TOKEN
    assert not store.persistent
    # Nothing was written anywhere near us.
    assert list(tmp_path.iterdir()) == []
    # A second store (a restart) does not have it.
    assert SecretStore(keyring.backends.fail.Keyring()).get("p") is None


def test_locked_keyring_falls_back_and_says_why(memory_keyring: MemoryKeyring) -> None:
    memory_keyring.refuse = True
    store = SecretStore(memory_keyring)
    result = store.set("p", TOKEN)
    assert not result.persistent
    assert "KeyringLocked" in result.problem
    assert store.get("p") == TOKEN
    assert memory_keyring.passwords == {}


def test_a_keyring_unlocked_again_is_used_again(memory_keyring: MemoryKeyring) -> None:
    memory_keyring.refuse = True
    store = SecretStore(memory_keyring)
    assert not store.set("p", TOKEN).persistent
    memory_keyring.refuse = False
    assert store.set("p", TOKEN).persistent
    # Nothing is left in memory only, so nothing is left to warn about.
    assert (store.persistent, store.problem) == (True, "")
    assert memory_keyring.passwords == {("samtal", "p"): TOKEN}


def test_place_says_where_each_token_is_kept(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore(memory_keyring)
    assert store.place("p") is None
    store.set("p", TOKEN)
    assert store.place("p") == "keyring"
    memory_keyring.refuse = True
    store.set("q", TOKEN)
    assert store.place("q") == "session"  # the keyring refused it: held in memory until Samtal quits
    memory_keyring.refuse = False
    store.delete("q")
    assert store.place("q") is None


def test_the_warning_stays_while_a_token_is_held_in_memory_only(memory_keyring: MemoryKeyring) -> None:
    memory_keyring.refuse = True
    store = SecretStore(memory_keyring)
    store.set("a", TOKEN)
    memory_keyring.refuse = False
    store.set("b", TOKEN)
    assert not store.persistent
    assert "KeyringLocked" in store.problem
    store.delete("a")
    assert (store.persistent, store.problem) == (True, "")


def test_plaintext_backends_are_refused() -> None:
    class PlaintextKeyring(MemoryKeyring):
        pass

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    backend = PlaintextKeyring()
    store = SecretStore(backend)
    assert not store.backend_usable
    store.set("p", TOKEN)
    assert backend.passwords == {}


def test_repr_never_shows_tokens(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore(memory_keyring)
    store.set("p", TOKEN)
    assert TOKEN not in repr(store)


_SUBPROCESS_SCRIPT = """
import sys
from app.secrets import SecretStore
store = SecretStore()
action = sys.argv[1]
if action == "set":
    result = store.set("acedata-test", sys.stdin.read())
    print(store.backend_name, result.persistent)
elif action == "get":
    print(store.get("acedata-test") == sys.stdin.read())
else:
    store.delete("acedata-test")
    print(store.get("acedata-test") is None)
"""


def _run(action: str, stdin: str = "") -> str:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _SUBPROCESS_SCRIPT, action],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert TOKEN not in done.stdout + done.stderr
    return done.stdout.strip()


@pytest.mark.keyring
def test_real_secret_service_round_trip(secret_service: dict[str, str]) -> None:
    """gnome-keyring on a private D-Bus: the app's secret store (in fresh processes, as after a restart)
    saves the token in the real Secret Service, reads it back and deletes it; it is never in a plain file."""
    backend, persistent = _run("set", TOKEN).split()
    assert "SecretService" in backend
    assert persistent == "True"
    assert _run("get", TOKEN) == "True"
    home = Path(secret_service["HOME"])
    files = [p for p in home.rglob("*") if p.is_file()]
    assert files, "gnome-keyring wrote its encrypted keyring under HOME"
    for path in files:
        assert TOKEN.encode() not in path.read_bytes(), f"token in plain text in {path}"
    assert _run("delete") == "True"
