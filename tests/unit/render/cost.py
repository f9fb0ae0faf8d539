"""A deterministic measure of how much work a call does: the Python and C function calls it makes.

Wall time on a shared, loaded machine is too noisy to tell linear from quadratic in a test; a count of
calls is the same on every run. It does not see work done inside one call (a slice or a join costs its
length), so it is a check on algorithms (rescans, re-rendering), not on every constant.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType
from typing import Any


def calls(function: Callable[..., Any], *args: Any, **kwargs: Any) -> int:
    """How many function calls (Python and C) ``function(*args, **kwargs)`` makes."""
    count = 0

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        function(*args, **kwargs)
    finally:
        sys.setprofile(previous)
    return count
