"""The render cache is bounded by the size of what it holds: many long replies cannot grow it without limit."""

from __future__ import annotations

import pytest

from app.render import DARK, LIGHT, _markdown, cached_render, render_markdown_with_code
from app.render._cache import SizedCache


def by_length(key: str, value: str) -> int:
    return len(value)


def test_least_recently_used_values_leave_first_when_over_budget() -> None:
    cache: SizedCache[str, str] = SizedCache(10, by_length)
    cache.put("a", "xxxx")
    cache.put("b", "yyyy")
    assert cache.get("a") == "xxxx"  # now "b" is the least recently used
    cache.put("c", "zzzz")
    assert cache.get("b") is None
    assert cache.get("a") == "xxxx"
    assert cache.get("c") == "zzzz"
    assert cache.size == 8


def test_replacing_a_key_counts_its_size_once() -> None:
    cache: SizedCache[str, str] = SizedCache(10, by_length)
    cache.put("a", "xxxx")
    cache.put("a", "xxxxxx")
    assert cache.size == 6
    assert len(cache) == 1


def test_a_value_larger_than_the_budget_is_not_kept_and_evicts_nothing() -> None:
    cache: SizedCache[str, str] = SizedCache(10, by_length)
    cache.put("a", "xxxx")
    cache.put("huge", "h" * 11)
    assert cache.get("huge") is None
    assert cache.get("a") == "xxxx"


def test_cached_render_equals_a_fresh_render_per_theme() -> None:
    text = "# Title\n\n```python\nprint('hi')\n```\n"
    assert cached_render(text, theme=LIGHT) == render_markdown_with_code(text, theme=LIGHT)
    assert cached_render(text, theme=DARK) == render_markdown_with_code(text, theme=DARK)
    assert cached_render(text, theme=LIGHT) is cached_render(text, theme=LIGHT)


def test_cached_renders_stay_within_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    small = SizedCache(20_000, _markdown._renders._size_of)
    monkeypatch.setattr(_markdown, "_renders", small)
    for n in range(40):
        cached_render(f"reply {n}\n\n" + "word " * 400)
    assert 0 < small.size <= 20_000
    assert len(small) < 40
