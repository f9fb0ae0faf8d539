"""The status bar names the model the next request will use: it follows the parameters panel as soon as the
model is changed there (also before the first message of a new conversation), not only when another
conversation is opened or the connection changes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.gui import Samtal


def install(root: Samtal) -> None:
    def show_model(_params: dict[str, Any]) -> None:
        root.window.status.show_model(root.parameters.model_id())

    root.parameters.params_changed.connect(show_model)
