"""Every way a Messages API call can fail, as one exception tree.

```
APIError                         .status .type .message .request_id .retryable .headers
├── BadRequestError              400  invalid_request_error
├── AuthenticationError          401  authentication_error
├── BillingError                 402  billing_error
├── PermissionDeniedError        403  permission_error
├── NotFoundError                404  not_found_error
│   └── ModelNotFoundError       the model is retired or unknown ("model: <id>"): .model, .successor
├── ConflictError                409
├── RequestTooLargeError         413  request_too_large
├── UnprocessableEntityError     422
├── RateLimitError               429  rate_limit_error
├── InternalServerError          other >= 500, api_error, timeout_error
├── OverloadedError              529  overloaded_error
├── APIConnectionError           no HTTP response: type "connection_error" ("redirect_refused": a
│   │                            redirect to another host, to plain http or to a GET, not followed)
│   └── APITimeoutError          type "timeout"
├── StreamInterruptedError       the reply stream ended early: type "stream_interrupted"
└── StreamCorruptError           part of the reply stream could not be read as sent (not JSON, not
                                 UTF-8, undecodable compression, an event that does not fit the
                                 reply): type "stream_corrupt"
```

An HTTP error response is classed by its status; an `error` event inside a stream (``status`` None) by its
``error.type``; a status without a class of its own gives a plain `APIError`. ``type`` comes from the
Anthropic envelope ``{"type":"error","error":{"type","message"},"request_id"}``, else from Ace Data
Cloud's ``{"success":false,"error":{"code","message"},"trace_id"}``, else from the HTTP status.
"""

from __future__ import annotations

import http
import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from app.api.retry import is_retryable

if TYPE_CHECKING:
    import httpx

_MAX_MESSAGE_CHARS = 2000
_MODEL_NOT_FOUND = re.compile(r"model: ?([\w.:@/-]{1,200})")  # the API's words for a retired or unknown model
_MIN_SECRET_CHARS = 8

# Ace Data Cloud's error codes, translated to the Anthropic error type that means the same.
_ACE_CODE_TYPES = {
    "invalid_token": "authentication_error",
    "token_expired": "authentication_error",
    "no_token": "authentication_error",
    "token_mismatched": "permission_error",
    "disabled": "permission_error",
    "used_up": "billing_error",
    "too_many_requests": "rate_limit_error",
    "bad_request": "invalid_request_error",
    "api_not_implemented": "not_found_error",
    "api_error": "api_error",
}

_STATUS_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    402: "billing_error",
    403: "permission_error",
    404: "not_found_error",
    408: "timeout_error",
    413: "request_too_large",
    429: "rate_limit_error",
    504: "timeout_error",
    529: "overloaded_error",
}


class APIError(Exception):
    """A failed Messages API call.

    ``status`` is the HTTP status (None for transport errors and for errors reported inside a stream),
    ``type`` the API's error type (e.g. ``overloaded_error``; ``connection_error``, ``timeout`` or
    ``stream_interrupted`` for transport failures), ``message`` a human-readable sentence, ``request_id``
    the id to quote to support, ``retryable`` whether trying again may help, and ``headers`` the
    response headers when there was a response. ``str(error)`` is a one-line summary.
    """

    def __init__(
        self,
        message: str,
        *,
        type: str,
        status: int | None = None,
        request_id: str | None = None,
        retryable: bool = False,
        headers: httpx.Headers | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.type = type
        self.status = status
        self.request_id = request_id
        self.retryable = retryable
        self.headers = headers

    def __str__(self) -> str:
        where = [f"HTTP {self.status}"] if self.status is not None else []
        if self.request_id:
            where.append(f"request id {self.request_id}")
        suffix = f" ({', '.join(where)})" if where else ""
        return f"{self.type}: {' '.join(self.message.split())}{suffix}"

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(type={self.type!r}, status={self.status!r}, "
            f"request_id={self.request_id!r}, message={self.message!r})"
        )


class BadRequestError(APIError):
    """HTTP 400, or an ``invalid_request_error``: the request itself is wrong."""


class AuthenticationError(APIError):
    """HTTP 401: the token is missing, wrong or expired."""


class BillingError(APIError):
    """HTTP 402, or a ``billing_error``: the account has no credit left."""


class PermissionDeniedError(APIError):
    """HTTP 403: the token may not use this resource."""


class NotFoundError(APIError):
    """HTTP 404: wrong base URL, endpoint or model."""


class ModelNotFoundError(NotFoundError):
    """The model asked for is retired, or unknown to the provider (the API answers 404 ``not_found_error``
    with the message ``model: <id>``). ``model`` is its id, ``successor`` the current model of its line to
    continue with (None when none is known: see ``current``), ``current`` the current models to offer; the
    message says the model is no longer available and names them."""

    def __init__(self, message: str, *, model: str, successor: str | None, current: tuple[str, ...], **kwargs: Any):
        super().__init__(message, **kwargs)
        self.model = model
        self.successor = successor
        self.current = current


def model_not_found(model: str, **kwargs: Any) -> ModelNotFoundError:
    """The `ModelNotFoundError` for ``model``, its message built from the catalog: when the model retired,
    the model of its line to use instead, and the current models (the demo's own for a demo model)."""
    from app.api.catalog import catalog  # the model data is read only when a model is missing

    models = catalog()
    family = models.family(model)
    demo = family is not None and family.demo
    successor = models.successor_of(model)
    newest: dict[str, str] = {}
    for candidate in models.current(demo=demo):
        if candidate.lifecycle.status == "active":
            newest.setdefault(candidate.line, candidate.id)
    itself = family.id if family is not None else model
    others = tuple(model_id for model_id in newest.values() if model_id not in (successor, itself))[:3]
    lifecycle = models.lifecycle(model)
    if family is not None and lifecycle is not None and lifecycle.status == "retired":
        when = f" on {lifecycle.date}" if lifecycle.date else ""
        why = f"{model} is no longer available: {family.display_name} was retired{when}."
    elif family is not None and family.listed:
        why = f"{model} is not available from this provider."
    else:
        why = f"{model} is no longer available, or not offered by this provider."
    if successor is not None:
        advice = f" Continue with {successor}" + (
            f", or another current model: {', '.join(others)}." if others else "."
        )
    else:
        advice = f" Current models: {', '.join(others)}." if others else ""
    current = ((successor,) if successor else ()) + others
    return ModelNotFoundError(why + advice, model=model, successor=successor, current=current, **kwargs)


class ConflictError(APIError):
    """HTTP 409."""


class RequestTooLargeError(APIError):
    """HTTP 413: the request is over the size limit (often answered by a proxy, not the API)."""


class UnprocessableEntityError(APIError):
    """HTTP 422."""


class RateLimitError(APIError):
    """HTTP 429, or a ``rate_limit_error``."""


class InternalServerError(APIError):
    """HTTP 500 and any other 5xx except 529, or an ``api_error``."""


class OverloadedError(APIError):
    """HTTP 529, or an ``overloaded_error`` event in the middle of a stream."""


class APIConnectionError(APIError):
    """No HTTP response arrived: connection refused or reset, DNS or TLS failure."""


class APITimeoutError(APIConnectionError):
    """The server did not answer (or stopped sending) within the configured timeout."""


class StreamInterruptedError(APIError):
    """The reply stream ended before ``message_stop``; the partial reply stays on the stream."""


class StreamCorruptError(APIError):
    """Part of the reply stream could not be read as the server sent it; the reply stops before that part
    (kept on the stream), since a reply with a hole in it is not the server's reply. Made by `stream_corrupt`."""


def stream_corrupt(what: str, *, request_id: str | None = None) -> StreamCorruptError:
    """The `StreamCorruptError` for a stream in which ``what`` (e.g. "a content_block_delta event that is not
    JSON") arrived: one sentence saying so, and that the reply is kept up to that point."""
    return StreamCorruptError(
        f"The reply stream was damaged: {what}. The reply is kept up to that point.",
        type="stream_corrupt",
        request_id=request_id,
        retryable=True,
    )


# The types an `APIConnectionError` carries: the server was not reached, or not where it should be (worth
# checking the provider's settings).
CONNECTION_ERROR_TYPES = frozenset({"connection_error", "redirect_refused", "timeout"})

_STATUS_CLASSES: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: BillingError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    413: RequestTooLargeError,
    422: UnprocessableEntityError,
    429: RateLimitError,
    529: OverloadedError,
}

_TYPE_CLASSES: dict[str, type[APIError]] = {
    "invalid_request_error": BadRequestError,
    "authentication_error": AuthenticationError,
    "billing_error": BillingError,
    "permission_error": PermissionDeniedError,
    "not_found_error": NotFoundError,
    "request_too_large": RequestTooLargeError,
    "rate_limit_error": RateLimitError,
    "api_error": InternalServerError,
    "timeout_error": InternalServerError,
    "overloaded_error": OverloadedError,
}


def error_from_response(status: int, headers: httpx.Headers, body: bytes, *, secret: str | None = None) -> APIError:
    """The `APIError` for an HTTP error response; ``secret`` (the token) is blanked out of the message."""
    # Blanked out before anything is cut short: a cut could split the token and leave its first part.
    text = _redact(body.decode("utf-8", "replace"), secret)
    payload = _parse_json(text)
    error = payload.get("error") if isinstance(payload, dict) else None
    body_type = _error_type(error)
    error_type = body_type or _status_type(status)
    message = _message_from_payload(payload) or _message_from_text(status, headers, text)
    cls = _STATUS_CLASSES.get(status) or (InternalServerError if status >= 500 else None)
    cls = cls or _TYPE_CLASSES.get(body_type or "", APIError)
    details: dict[str, Any] = {
        "type": error_type,
        "status": status,
        "request_id": headers.get("request-id") or _body_request_id(payload),
        "retryable": is_retryable(status, headers, payload, error_type),
        "headers": headers,
    }
    missing = _missing_model(error_type, message)
    if missing is not None:
        return model_not_found(missing, **details)
    return cls(message[:_MAX_MESSAGE_CHARS], **details)


def error_from_event(payload: object, *, request_id: str | None = None, secret: str | None = None) -> APIError:
    """The `APIError` for an ``error`` event received inside a stream (``payload`` is its parsed data,
    or its raw text when that was not JSON); the class follows ``error.type``."""
    error = payload.get("error") if isinstance(payload, dict) else None
    error_type = _error_type(error) or "api_error"
    message = _message_from_payload(payload) or (" ".join(payload.split()) if isinstance(payload, str) else "")
    missing = _missing_model(error_type, message)
    if missing is not None:
        return model_not_found(missing, type=error_type, request_id=request_id or _body_request_id(payload))
    return _TYPE_CLASSES.get(error_type, APIError)(
        _redact(message, secret)[:_MAX_MESSAGE_CHARS] or "The server reported an error in the middle of the reply.",
        type=error_type,
        request_id=request_id or _body_request_id(payload),
        retryable=is_retryable(None, None, payload, error_type),
    )


def _missing_model(error_type: str, message: str) -> str | None:
    """The model id of a ``not_found_error`` about a model (``model: claude-opus-4-1``), else None."""
    found = _MODEL_NOT_FOUND.fullmatch(message.strip()) if error_type == "not_found_error" else None
    return found.group(1) if found is not None else None


def _parse_json(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return None


def _error_type(error: object) -> str | None:
    if not isinstance(error, dict):
        return None
    if isinstance(error.get("type"), str) and error["type"]:
        return str(error["type"])
    return _ACE_CODE_TYPES.get(error.get("code"))  # type: ignore[arg-type]


def _status_type(status: int) -> str:
    if status in _STATUS_TYPES:
        return _STATUS_TYPES[status]
    return "api_error" if status >= 500 else "invalid_request_error"


def _message_from_payload(payload: object) -> str | None:
    """The human-readable message of any JSON error envelope we know: ``error.message`` (Anthropic, Ace),
    a bare string ``error``, or a top-level ``message``/``detail``; not yet cut short."""
    if not isinstance(payload, dict):
        return None
    error = payload.get("error")
    candidates = [error.get("message") if isinstance(error, dict) else error]
    candidates += [payload.get("message"), payload.get("detail")]
    for candidate in candidates:
        if isinstance(candidate, str) and candidate.strip():
            return candidate.strip()
    return None


def web_page_error(status: int, headers: httpx.Headers, body: bytes, *, secret: str | None = None) -> APIError:
    """The `APIError` for a successful answer that is a web page instead of the API's reply: something
    other than the API answered (a proxy, a captive portal, a wrong base URL)."""
    title = _page_title(_redact(body.decode("utf-8", "replace"), secret))
    shown = f" (“{title}”)" if title else ""
    return APIError(
        f"The server answered with a web page{shown} instead of the API's reply: a proxy, a captive portal or "
        "a wrong base URL is in the way. Check the base URL and the network.",
        type="api_error",
        status=status,
        request_id=headers.get("request-id"),
        headers=headers,
    )


def _message_from_text(status: int, headers: httpx.Headers, body: str) -> str:
    """A sentence for a body that is not an API error envelope: never a dump of an HTML page."""
    reason = _reason_phrase(status)
    text = body.strip()
    if not text:
        return f"The server answered HTTP {status} ({reason}) with an empty body."
    if "html" in headers.get("content-type", "").lower() or re.match(r"<(!doctype|html|head|body)\b", text, re.I):
        title = _page_title(text)
        shown = f": {title}" if title else ""
        return f"The server answered HTTP {status} ({reason}) with a web page instead of an API error{shown}."
    return f"HTTP {status} ({reason}): {' '.join(text.split())}"


def _page_title(page: str) -> str:
    """The title of an HTML page, on one line and at most 200 characters ("" when it has none)."""
    title = re.search(r"<title[^>]*>(.*?)</title>", page, re.I | re.S)
    return " ".join(title.group(1).split())[:200] if title else ""


def _reason_phrase(status: int) -> str:
    if status == 529:
        return "Overloaded"
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return "Unknown status"


def _body_request_id(payload: object) -> str | None:
    if not isinstance(payload, Mapping):
        return None
    for key in ("request_id", "trace_id"):
        value = payload.get(key)
        if isinstance(value, str) and value:
            return value
    return None


def _redact(text: str, secret: str | None) -> str:
    # A token too short to be a real one would blank out ordinary words.
    return text.replace(secret, "[redacted]") if secret and len(secret) >= _MIN_SECRET_CHARS else text
