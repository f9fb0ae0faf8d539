"""What each model and each API version accepts, refused the way the API refuses it.

- `anthropic-version`: 2023-06-01 (also 2023-01-01) or 2026-10-21; any other value is a 400. A request
  without the header is read as 2023-06-01 (the demo is lenient there; the API wants the header).
  Under 2026-10-21 `temperature`, `top_p` and `top_k` are unknown fields on every model.
- Sampling: the 5 family refuses each of them ("`temperature` is deprecated for this model."); the 4.x
  models take them, but not temperature and top_p together.
- Thinking: `enabled` (a budget) only where the model takes it, `adaptive` likewise.
- Effort (`output_config.effort`): only the levels the model has; none at all on a model without effort.

The messages are the API's own, as clients have reported them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.demo.model_catalog import DemoModel

__all__ = [
    "API_VERSIONS",
    "DEFAULT_API_VERSION",
    "LATEST_API_VERSION",
    "SAMPLING_FIELDS",
    "InvalidRequest",
    "ModelNotFound",
    "api_version",
    "check_model_rules",
    "takes_sampling_fields",
]

API_VERSIONS = ("2023-01-01", "2023-06-01", "2026-10-21")
DEFAULT_API_VERSION = "2023-06-01"
LATEST_API_VERSION = "2026-10-21"
SAMPLING_FIELDS = ("temperature", "top_p", "top_k")


class InvalidRequest(Exception):
    """A request the API refuses with 400 `invalid_request_error`; `str()` is the API-style message."""


class ModelNotFound(Exception):
    """A request naming a model that is not (or no longer) served: a 404 `not_found_error`."""

    def __init__(self, model: str) -> None:
        super().__init__(f"model: {model}")
        self.model = model


def api_version(header: str | None) -> str:
    """The API version a request asks for; raises InvalidRequest for one the API does not have."""
    if header is None:
        return DEFAULT_API_VERSION
    if header not in API_VERSIONS:
        raise InvalidRequest(f'anthropic-version: "{header}" is not a valid version')
    return header


def takes_sampling_fields(version: str) -> bool:
    """Whether `temperature`, `top_p` and `top_k` are fields of the request schema under `version`."""
    return version != LATEST_API_VERSION


def check_model_rules(body: Mapping[str, Any], model: DemoModel, *, sampling: bool = True) -> None:
    """Refuse what `model` does not take (`sampling`: check the sampling fields, absent from count_tokens)."""
    if sampling:
        _sampling(body, model)
    thinking = body.get("thinking")
    kind = thinking.get("type") if isinstance(thinking, Mapping) else None
    if kind == "enabled" and "enabled" not in model.thinking_types:
        raise InvalidRequest(
            '"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and '
            '"output_config.effort" to control thinking behavior.'
        )
    if kind == "adaptive" and "adaptive" not in model.thinking_types:
        raise InvalidRequest("adaptive thinking is not supported on this model")
    output_config = body.get("output_config")
    effort = output_config.get("effort") if isinstance(output_config, Mapping) else None
    if effort is not None:
        if not model.effort_levels:
            raise InvalidRequest("This model does not support the effort parameter.")
        if effort not in model.effort_levels:
            supported = ", ".join(sorted(model.effort_levels))
            raise InvalidRequest(f"This model does not support effort level '{effort}'. Supported levels: {supported}.")


def _sampling(body: Mapping[str, Any], model: DemoModel) -> None:
    if model.sampling == "refused":
        for name in SAMPLING_FIELDS:
            if name in body:
                raise InvalidRequest(f"`{name}` is deprecated for this model.")
    elif "temperature" in body and "top_p" in body:
        raise InvalidRequest("`temperature` and `top_p` cannot both be specified for this model. Please use only one.")
