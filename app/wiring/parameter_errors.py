"""When the API refuses a request (400 invalid_request_error) although the panel's checks passed, its
message is shown in the parameters panel next to the parameter it names, until that value changes; a
reply that succeeds clears it."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from app.api.params import field_of_api_error

if TYPE_CHECKING:
    from app.gui import Samtal

INVALID_REQUEST = "invalid_request_error"


def install(root: Samtal) -> None:
    root.controller.reply_finished.connect(partial(show_refusal, root))


def show_refusal(root: Samtal, conversation_id: int, message_id: int, status: str) -> None:
    """After a reply in the conversation on screen: show a refused request's message by its parameter."""
    if conversation_id != root.current:
        return
    if status == "complete":
        root.parameters.clear_api_error()
        return
    if status != "error":
        return
    error = root.store.message(message_id).error
    if error is None or error.type != INVALID_REQUEST:
        return
    field = field_of_api_error(error.message)
    if field is not None:
        root.parameters.show_api_error(field, error.message)
