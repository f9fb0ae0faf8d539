"""Error responses of every shape met in practice → the right class, type, message and request id."""

from __future__ import annotations

import json

import httpx
import pytest

from app.api import errors
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
    StreamInterruptedError,
    UnprocessableEntityError,
    error_from_event,
    error_from_response,
)


def anthropic_body(error_type: str, message: str, request_id: str | None = "req_body") -> bytes:
    body: dict[str, object] = {"type": "error", "error": {"type": error_type, "message": message}}
    if request_id:
        body["request_id"] = request_id
    return json.dumps(body).encode()


def ace_body(code: str, message: str = "ace says no") -> bytes:
    return json.dumps({"success": False, "error": {"code": code, "message": message}, "trace_id": "trace-1"}).encode()


def response_error(status: int, body: bytes, **headers: str) -> APIError:
    return error_from_response(status, httpx.Headers(headers), body)


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (402, BillingError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (413, RequestTooLargeError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, InternalServerError),
        (502, InternalServerError),
        (503, InternalServerError),
        (529, OverloadedError),
        (405, APIError),
        (418, APIError),
    ],
)
def test_http_status_picks_the_class(status: int, cls: type[APIError]) -> None:
    error = response_error(status, b"")
    assert type(error) is cls
    assert error.status == status


def test_anthropic_envelope() -> None:
    error = response_error(
        404, anthropic_body("not_found_error", "Not found: /v1/mesages"), **{"request-id": "req_hdr"}
    )
    assert (error.type, error.message, error.request_id) == ("not_found_error", "Not found: /v1/mesages", "req_hdr")
    assert not error.retryable


def test_a_retired_model_says_so_and_names_the_model_to_continue_with() -> None:
    # The API's own words for a retired model: 404 not_found_error "model: <id>".
    error = response_error(
        404, anthropic_body("not_found_error", "model: claude-opus-4-1-20250805"), **{"request-id": "r"}
    )
    assert isinstance(error, ModelNotFoundError)
    assert isinstance(error, NotFoundError)
    assert (error.type, error.status, error.request_id) == ("not_found_error", 404, "r")
    assert (error.model, error.successor) == ("claude-opus-4-1-20250805", "claude-opus-5-5")
    assert error.current[0] == "claude-opus-5-5"
    assert error.message == (
        "claude-opus-4-1-20250805 is no longer available: Claude Opus 4.1 was retired on 2026-08-05. "
        "Continue with claude-opus-5-5, or another current model: claude-sonnet-5-5, claude-haiku-5-5, "
        "claude-fable-5-2."
    )


def test_an_unknown_model_says_so_and_names_the_current_models() -> None:
    error = response_error(404, anthropic_body("not_found_error", "model: gpt-4o"))
    assert isinstance(error, ModelNotFoundError)
    assert (error.model, error.successor) == ("gpt-4o", None)
    assert error.message == (
        "gpt-4o is no longer available, or not offered by this provider. "
        "Current models: claude-opus-5-5, claude-sonnet-5-5, claude-haiku-5-5."
    )
    demo = response_error(404, anthropic_body("not_found_error", "model: claude-demo-opus-4-1"))
    assert isinstance(demo, ModelNotFoundError)
    assert demo.successor == "claude-demo-opus-5"  # the demo's own models for a demo model
    assert all(model.startswith("claude-demo-") for model in demo.current)


def test_a_model_error_inside_a_stream_is_a_model_not_found_error_too() -> None:
    error = error_from_event({"type": "error", "error": {"type": "not_found_error", "message": "model: claude-2.1"}})
    assert isinstance(error, ModelNotFoundError)
    assert error.successor == "claude-sonnet-5-5"
    # Other 404s are not about a model.
    assert type(response_error(404, anthropic_body("not_found_error", "model not ready"))) is NotFoundError


def test_request_id_precedence_header_then_body_then_trace_id() -> None:
    body = {"type": "error", "error": {"type": "api_error", "message": "m"}, "request_id": "req_b", "trace_id": "t"}
    encoded = json.dumps(body).encode()
    assert response_error(500, encoded, **{"request-id": "req_h"}).request_id == "req_h"
    assert response_error(500, encoded).request_id == "req_b"
    del body["request_id"]
    assert response_error(500, json.dumps(body).encode()).request_id == "t"
    assert response_error(500, b"").request_id is None


@pytest.mark.parametrize(
    ("code", "error_type"),
    [
        ("invalid_token", "authentication_error"),
        ("token_expired", "authentication_error"),
        ("no_token", "authentication_error"),
        ("token_mismatched", "permission_error"),
        ("disabled", "permission_error"),
        ("used_up", "billing_error"),
        ("too_many_requests", "rate_limit_error"),
        ("bad_request", "invalid_request_error"),
        ("api_not_implemented", "not_found_error"),
        ("api_error", "api_error"),
    ],
)
def test_ace_error_codes_map_to_anthropic_types(code: str, error_type: str) -> None:
    error = response_error(403, ace_body(code))
    assert (error.type, error.message, error.request_id) == (error_type, "ace says no", "trace-1")


def test_ace_unknown_code_falls_back_to_the_status() -> None:
    assert response_error(403, ace_body("moderation")).type == "permission_error"
    assert response_error(503, ace_body("whatever")).type == "api_error"


def test_class_follows_status_even_when_type_says_otherwise() -> None:
    error = response_error(403, ace_body("used_up"))
    assert isinstance(error, PermissionDeniedError)
    assert error.type == "billing_error"  # the UI can still tell the user it is about money


def test_unclassed_status_uses_the_type_class() -> None:
    assert isinstance(response_error(418, anthropic_body("rate_limit_error", "x")), RateLimitError)


def test_cloudflare_html_413_gives_a_sentence_not_html() -> None:
    page = (
        b"<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n"
        b"<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>cloudflare</center>\r\n"
        b"</body>\r\n</html>\r\n"
    )
    error = response_error(413, page, **{"content-type": "text/html"})
    assert isinstance(error, RequestTooLargeError)
    assert error.type == "request_too_large"
    assert "413" in error.message
    assert "<" not in error.message
    assert "cloudflare" not in error.message


def test_html_recognised_without_a_content_type() -> None:
    error = response_error(502, b"<!DOCTYPE html><html><body><h1>Bad gateway</h1>" + b"x" * 5000)
    assert "502" in error.message
    assert "<" not in error.message
    assert len(error.message) < 300


def test_empty_502_gives_a_sentence() -> None:
    error = response_error(502, b"")
    assert isinstance(error, InternalServerError)
    assert (error.type, error.retryable) == ("api_error", True)
    assert error.message == "The server answered HTTP 502 (Bad Gateway) with an empty body."


def test_plain_text_body_is_shown_on_one_line() -> None:
    error = response_error(429, b"Too many\nrequests  ")
    assert error.message == "HTTP 429 (Too Many Requests): Too many requests"
    assert error.type == "rate_limit_error"


def test_other_json_shapes_still_give_their_message() -> None:
    assert response_error(400, b'{"error": "bad thing"}').message == "bad thing"
    assert response_error(422, b'{"detail": "field required"}').message == "field required"
    assert response_error(400, b'{"message": "nope"}').message == "nope"


@pytest.mark.parametrize(
    ("status", "error_type"),
    [(400, "invalid_request_error"), (408, "timeout_error"), (413, "request_too_large"), (504, "timeout_error")],
)
def test_type_from_status_when_the_body_has_none(status: int, error_type: str) -> None:
    assert response_error(status, b"").type == error_type


def test_in_stream_error_classes_follow_the_type_and_have_no_status() -> None:
    for error_type, cls in [
        ("overloaded_error", OverloadedError),
        ("api_error", InternalServerError),
        ("rate_limit_error", RateLimitError),
        ("invalid_request_error", BadRequestError),
        ("authentication_error", AuthenticationError),
        ("billing_error", BillingError),
    ]:
        error = error_from_event({"type": "error", "error": {"type": error_type, "message": "m"}})
        assert type(error) is cls
        assert error.status is None


def test_str_is_one_line_with_type_message_and_request_id() -> None:
    error = response_error(
        401, anthropic_body("authentication_error", "invalid\nx-api-key"), **{"request-id": "req_018EeW"}
    )
    assert str(error) == "authentication_error: invalid x-api-key (HTTP 401, request id req_018EeW)"
    assert str(error_from_event({"error": {"type": "overloaded_error", "message": "Overloaded"}})) == (
        "overloaded_error: Overloaded"
    )


def test_repr_names_the_class_and_fields() -> None:
    error = response_error(404, anthropic_body("not_found_error", "gone", None))
    assert repr(error) == "NotFoundError(type='not_found_error', status=404, request_id=None, message='gone')"


def test_secret_is_blanked_out_of_messages_that_echo_it() -> None:
    secret = "sk-ant-FAKE-0123456789"
    error = error_from_response(
        401, httpx.Headers(), anthropic_body("authentication_error", f"bad key {secret}"), secret=secret
    )
    assert secret not in str(error)
    assert secret not in repr(error)
    assert "[redacted]" in error.message
    event_error = error_from_event(f"token {secret} refused", secret=secret)
    assert secret not in str(event_error)


def test_no_piece_of_the_secret_survives_where_a_long_message_is_cut_short() -> None:
    secret = "sk-ant-FAKE-0123456789"
    long_text = "x" * (errors._MAX_MESSAGE_CHARS - 10) + secret
    from_json = error_from_response(
        401, httpx.Headers(), anthropic_body("authentication_error", long_text), secret=secret
    )
    from_text = error_from_response(502, httpx.Headers(), long_text.encode(), secret=secret)
    from_event = error_from_event({"error": {"type": "api_error", "message": long_text}}, secret=secret)
    from_raw_event = error_from_event(long_text, secret=secret)
    for error in (from_json, from_text, from_event, from_raw_event):
        assert len(error.message) <= errors._MAX_MESSAGE_CHARS
        assert secret[:10] not in error.message


def test_transport_classes_are_connection_errors() -> None:
    assert issubclass(APITimeoutError, APIConnectionError)
    assert not issubclass(StreamInterruptedError, APIConnectionError)
    assert all(
        issubclass(cls, APIError)
        for cls in vars(errors).values()
        if isinstance(cls, type) and cls.__module__ == errors.__name__
    )
