"""The Messages API client library: Qt-free, used by the GUI controller, the command line and scripts.

async with MessagesClient(base_url="https://api.acedata.cloud", token=token, auth="bearer") as client:
    async with client.stream(body) as stream:
        async for event in stream:
            ...
    reply = stream.message
"""

from app.api.accumulate import MessageAccumulator, parse_event
from app.api.client import DEFAULT_TIMEOUT, MessagesClient, MessageStream, StreamTimings
from app.api.errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    BillingError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    OverloadedError,
    PermissionDeniedError,
    RateLimitError,
    RequestTooLargeError,
    StreamInterruptedError,
    UnprocessableEntityError,
)
from app.api.models import DEFAULT_MODEL, ModelInfo
from app.api.providers import Provider, from_environment, normalise_base_url
from app.api.request import build_request, strip_private
from app.api.sse import ServerSentEvent, SSEDecoder

__all__ = [
    "DEFAULT_MODEL",
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
    "NotFoundError",
    "OverloadedError",
    "PermissionDeniedError",
    "Provider",
    "RateLimitError",
    "RequestTooLargeError",
    "SSEDecoder",
    "ServerSentEvent",
    "StreamInterruptedError",
    "StreamTimings",
    "UnprocessableEntityError",
    "build_request",
    "from_environment",
    "normalise_base_url",
    "parse_event",
    "strip_private",
]
