"""The conversation not started yet: what the window shows when no conversation is chosen. Its draft and the
parameters chosen for it are kept in the window state (so they survive a restart) until its first message
is sent, which creates the conversation; then they are forgotten. The one owner of that state: the window,
the compare window and the parameters all ask it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from app.settings import Option, Settings


class NewConversation:
    """The draft and the chosen parameters of the conversation not started yet.

    ``draft`` and ``params`` are the options they are kept under (window state); ``save`` writes the
    settings (a failure is the caller's to log)."""

    def __init__(
        self,
        settings: Settings,
        *,
        draft: Option[str],
        params: Option[dict[str, Any]],
        save: Callable[[], None],
    ) -> None:
        self._user = settings
        self._draft = draft
        self._params = params
        self._save = save

    def draft(self) -> str:
        """The text typed for it so far."""
        return self._user.get(self._draft)

    def keep_draft(self, text: str) -> None:
        self._user.set(self._draft, text)
        self._save()

    def chosen_params(self) -> dict[str, Any]:
        """The parameters the user chose for it (only what was chosen: the defaults are not in it)."""
        chosen: dict[str, Any] = self._user.get(self._params)
        return dict(chosen)

    def keep_params(self, params: Mapping[str, Any]) -> None:
        self._user.set(self._params, dict(params))
        self._save()

    def chose_model(self) -> bool:
        """Whether a model was chosen for it (else it takes the connection's default model)."""
        return "model" in self.chosen_params()

    def start_params(self, defaults: Mapping[str, Any], *, model: str, max_tokens: int) -> dict[str, Any]:
        """The parameters it starts with: the defaults, then what was chosen, with a model and max_tokens."""
        params = {**defaults, **self.chosen_params()}
        if not params.get("model"):
            params["model"] = model
        params.setdefault("max_tokens", max_tokens)
        return params

    def forget(self) -> None:
        """It started (its first message was sent): nothing is kept for it any more."""
        self._user.reset(self._draft)
        self._user.reset(self._params)
