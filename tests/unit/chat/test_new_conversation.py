"""The conversation not started yet: its draft and chosen parameters, kept in the window state until it starts."""

from __future__ import annotations

from pathlib import Path

from app.chat.new_conversation import NewConversation
from app.paths import resolve_paths
from app.settings import Settings
from app.settings.options import NEW_DRAFT, NEW_PARAMS


def _new(path: Path) -> tuple[NewConversation, list[int]]:
    settings = Settings.load(resolve_paths(path.parent))
    saves: list[int] = []
    return NewConversation(settings, draft=NEW_DRAFT, params=NEW_PARAMS, save=lambda: saves.append(1)), saves


def test_draft_and_params_are_kept_and_saved_until_it_starts(tmp_path: Path) -> None:
    new, saves = _new(tmp_path / "settings.json")
    assert (new.draft(), new.chosen_params(), new.chose_model()) == ("", {}, False)
    new.keep_draft("half a question")
    new.keep_params({"model": "claude-x", "temperature": 0.2})
    assert len(saves) == 2
    assert new.draft() == "half a question"
    assert new.chose_model()
    new.forget()
    assert (new.draft(), new.chosen_params(), new.chose_model()) == ("", {}, False)


def test_it_starts_with_the_defaults_then_what_was_chosen(tmp_path: Path) -> None:
    new, _saves = _new(tmp_path / "settings.json")
    defaults = {"temperature": 1.0, "system": "Be brief."}
    assert new.start_params(defaults, model="m-default", max_tokens=4096) == {
        "temperature": 1.0,
        "system": "Be brief.",
        "model": "m-default",
        "max_tokens": 4096,
    }
    new.keep_params({"temperature": 0.2, "max_tokens": 100, "model": "m-chosen"})
    assert new.start_params(defaults, model="m-default", max_tokens=4096) == {
        "temperature": 0.2,
        "system": "Be brief.",
        "model": "m-chosen",
        "max_tokens": 100,
    }
