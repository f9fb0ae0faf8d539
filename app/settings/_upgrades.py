"""The settings format and how files written by an older Samtal are brought up to it.

Both files carry the format they were written in (``"version"``). Each upgrade takes the values of both
files, as read (keys as they were then: never an option of today, whose key may change again), and changes
them into the next format; `UPGRADES` maps each format to the upgrade that produces it, and `FORMAT`, the
format this Samtal writes, is the newest of them. A change of where an option is kept, or of its key or its
shape, is an upgrade: add a function below, with a docstring saying what changed, under the next number.

An upgrade runs whenever either file is older than its target, so it must leave values that are already in
the new shape as they are. It changes the values in memory only; they are written when the settings are
next saved (the command line never saves them: an older file stays as it is for the command line).
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable, Mapping
from typing import Any, Final

from app.settings._option import Section

log = logging.getLogger(__name__)

Values = Mapping[Section, dict[str, Any]]
"""The values of each file, by section, as the upgrades see them."""


def _new_conversation_is_window_state(values: Values) -> None:
    """Format 2: the draft and parameters of a conversation not started yet are window state, not user
    settings (typing in a new conversation no longer rewrites the user's settings file)."""
    user, state = values["user"], values["state"]
    for key in ("new_conversation_draft", "new_conversation_params"):
        if key in user:
            # One already in the window state is the newer: it was written there after an upgrade whose
            # write of the user's file failed, so the user's copy is the one left behind.
            state.setdefault(key, user.pop(key))


UPGRADES: Final[dict[int, Callable[[Values], None]]] = {
    2: _new_conversation_is_window_state,
}

FORMAT: Final = max(UPGRADES, default=1)
"""The format this Samtal reads and writes; a file in a newer one can't be used (it says so)."""


def upgrade(values: Values, version: int, upgrades: Mapping[int, Callable[[Values], None]] = UPGRADES) -> set[Section]:
    """Run the upgrades after ``version``, in order, on ``values``; the sections whose values changed."""
    before = copy.deepcopy(dict(values))
    for target in sorted(upgrades):
        if target > version:
            log.info("settings: upgrading to format %d: %s", target, (upgrades[target].__doc__ or "").split("\n")[0])
            upgrades[target](values)
    return {section for section, now in values.items() if now != before[section]}
