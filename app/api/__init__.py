"""The Messages API client library: Qt-free, used by the GUI controller, the command line and scripts.

async with MessagesClient(base_url="https://api.acedata.cloud", token=token, auth="bearer") as client:
    async with client.stream(body) as stream:
        async for event in stream:
            ...
    reply = stream.message

Names are loaded on first use (PEP 562), so that importing a light part (the model list, the providers,
the request builder) does not pull in httpx: the GUI shows its window before paying for the HTTP stack.
"""

import typing as _typing

from app.lazy_exports import lazy_exports as _lazy_exports

if _typing.TYPE_CHECKING:
    from app.api.accumulate import MessageAccumulator, parse_event
    from app.api.client import DEFAULT_TIMEOUT, MessagesClient, MessageStream, StreamTimings, WholeReply
    from app.api.errors import (
        APIConnectionError,
        APIError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        BillingError,
        ConflictError,
        InternalServerError,
        ModelNotFoundError,
        NotFoundError,
        OverloadedError,
        PermissionDeniedError,
        RateLimitError,
        RequestTooLargeError,
        StreamCorruptError,
        StreamInterruptedError,
        UnprocessableEntityError,
    )
    from app.api.models import ModelInfo
    from app.api.providers import Provider, from_environment, normalise_base_url
    from app.api.request import build_request, strip_private
    from app.api.sse import ServerSentEvent, SSEDecoder

_WHERE = {
    "MessageAccumulator": "accumulate",
    "parse_event": "accumulate",
    "DEFAULT_TIMEOUT": "client",
    "MessagesClient": "client",
    "MessageStream": "client",
    "StreamTimings": "client",
    "WholeReply": "client",
    **dict.fromkeys(
        (
            "APIConnectionError",
            "APIError",
            "APITimeoutError",
            "AuthenticationError",
            "BadRequestError",
            "BillingError",
            "ConflictError",
            "InternalServerError",
            "ModelNotFoundError",
            "NotFoundError",
            "OverloadedError",
            "PermissionDeniedError",
            "RateLimitError",
            "RequestTooLargeError",
            "StreamCorruptError",
            "StreamInterruptedError",
            "UnprocessableEntityError",
        ),
        "errors",
    ),
    "ModelInfo": "models",
    "Provider": "providers",
    "from_environment": "providers",
    "normalise_base_url": "providers",
    "build_request": "request",
    "strip_private": "request",
    "ServerSentEvent": "sse",
    "SSEDecoder": "sse",
}

__all__ = [
    "DEFAULT_TIMEOUT",
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "BillingError",
    "ConflictError",
    "InternalServerError",
    "MessageAccumulator",
    "MessageStream",
    "MessagesClient",
    "ModelInfo",
    "ModelNotFoundError",
    "NotFoundError",
    "OverloadedError",
    "PermissionDeniedError",
    "Provider",
    "RateLimitError",
    "RequestTooLargeError",
    "SSEDecoder",
    "ServerSentEvent",
    "StreamCorruptError",
    "StreamInterruptedError",
    "StreamTimings",
    "UnprocessableEntityError",
    "WholeReply",
    "build_request",
    "from_environment",
    "normalise_base_url",
    "parse_event",
    "strip_private",
]


__getattr__ = _lazy_exports(__name__, _WHERE, globals())


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
