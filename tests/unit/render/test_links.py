"""safe_href: only absolute http/https URLs with a host and mailto: addresses become links."""

from __future__ import annotations

import pytest

from app.render import safe_href


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/a?b=1&c=2#d", "https://example.com/a?b=1&c=2#d"),
        ("http://example.com", "http://example.com"),
        ("HTTPS://Example.com/", "HTTPS://Example.com/"),
        ("mailto:someone@example.com", "mailto:someone@example.com"),
        ("  https://example.com/  ", "https://example.com/"),
        ("https://example.com/a b", "https://example.com/a%20b"),
        ("https://example.com/?q=1&amp;r=2", "https://example.com/?q=1&r=2"),  # decoded once, as Qt would
        ("https://[::1]:8080/x", "https://[::1]:8080/x"),
    ],
)
def test_allowed_urls_pass_as_the_exact_string_that_was_checked(url: str, expected: str) -> None:
    assert safe_href(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "\x01javascript:alert(1)",
        " javascript:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;avascript:alert(1)",
        "&#106avascript:alert(1)",  # no semicolon: HTML still decodes it
        "javascript&colon;alert(1)",
        "jav&#x09;ascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "DATA:image/png;base64,AAAA",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "ftp://example.com/file",
        "//evil.example/x",
        "/relative/path",
        "relative/path",
        "#fragment",
        "?query",
        "http://",
        "http:///path-without-host",
        "https://[::1/unclosed-ipv6",
        "mailto:",
        "copy:0",
        "",
        "javascript：alert(1)",  # full-width colon: no scheme at all, so a relative URL
    ],
)
def test_everything_else_is_refused(url: str) -> None:
    assert safe_href(url) is None
