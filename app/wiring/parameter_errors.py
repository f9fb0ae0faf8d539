"""When the API refuses a request (400 invalid_request_error) although the panel's checks passed, its
message is shown in the parameters panel next to the parameter it names, until that value changes; a
reply that succeeds clears it."""

from __future__ import annotations

from app.api.params import field_of_api_error
from app.store import Store
from app.ui.parameters_panel import ParametersPanel

INVALID_REQUEST = "invalid_request_error"


def show_refusal(parameters: ParametersPanel, store: Store, message_id: int, status: str) -> None:
    """After a reply in the conversation on screen: show a refused request's message by its parameter."""
    if status == "complete":
        parameters.clear_api_error()
        return
    if status != "error":
        return
    error = store.message(message_id).error
    if error is None or error.type != INVALID_REQUEST:
        return
    field = field_of_api_error(error.message)
    if field is not None:
        parameters.show_api_error(field, error.message)
