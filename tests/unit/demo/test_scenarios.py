"""The script: FIFO per path, and scenarios that refuse nonsense when they are made."""

from __future__ import annotations

import pytest

from app.demo import Drop, Hang, Pause, Redirect, Reply, Script, Stream


def test_scenarios_are_taken_first_in_first_out_per_path() -> None:
    script = Script()
    first, second, other = Reply(status=500), Stream([]), Drop()
    script.push(first)
    script.push(other, path="/v1/models")
    script.push(second)
    assert (script.pending(), script.pending("/v1/messages"), script.pending("/v1/models")) == (3, 2, 1)
    assert script.pop("/v1/messages") is first
    assert script.pop("/v1/messages") is second
    assert script.pop("/v1/messages") is None
    script.push(Hang())
    script.clear()
    assert script.pending() == 0


def test_nonsense_is_refused_when_scripted() -> None:
    script = Script()
    with pytest.raises(TypeError):
        script.push({"status": 200})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="path"):
        script.push(Drop(), path="v1/messages")
    with pytest.raises(ValueError, match="type"):
        Stream([{"delta": {}}])
    with pytest.raises(TypeError):
        Stream([42])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="status"):
        Reply(status=99)
    with pytest.raises(ValueError, match="delay"):
        Reply(delay=-1)
    with pytest.raises(ValueError, match="seconds"):
        Pause(-0.5)
    with pytest.raises(ValueError, match="encoding"):
        Stream([], encoding="br")
    with pytest.raises(ValueError, match="redirect"):
        Redirect("/v1/x", status=200)
