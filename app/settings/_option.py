"""What an option is (`Option`), where it is kept (`Section`), and the registry that holds them all (`Registry`).

The options themselves are declared in :mod:`app.settings.options`, and only there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import KW_ONLY, dataclass
from typing import Any, Final, Generic, Literal, TypeVar, get_args

T = TypeVar("T")

Section = Literal["user", "state"]
"""Which file keeps an option. ``"user"``: the user's settings (``settings.json``), what they chose in the
Settings dialog or wrote by hand (profiles, theme, prices...); the command line reads it. ``"state"``: what
Samtal remembers between runs (``window-state.json``): the window's layout, the conversation on screen and
what was typed for a conversation not started yet. Deleting the second resets the window, never a choice."""

SECTIONS: Final[tuple[Section, ...]] = get_args(Section)


@dataclass(frozen=True)
class Option(Generic[T]):
    """One option: its key in its file, its default, what it is for (``doc``), the file that keeps it
    (``section``) and how to tell a usable stored value (``check``; by default: the default's type)."""

    key: str
    default: T
    doc: str
    _: KW_ONLY
    section: Section
    check: Callable[[Any], bool] | None = None
    expected: str = ""
    """What a usable value is, for a message about one that isn't ("an array of profiles (objects)"); by
    default said from the default's type."""

    def accepts(self, value: Any) -> bool:
        """Whether ``value`` may be stored: ``check`` decides, else the default's type (any number for a number)."""
        if self.check is not None:
            return self.check(value)
        default = self.default
        if isinstance(default, bool):
            return isinstance(value, bool)
        if isinstance(default, int | float) and not isinstance(default, bool):
            return isinstance(value, int | float) and not isinstance(value, bool)
        return isinstance(value, type(default))

    def describe_expected(self) -> str:
        """What a usable value is, in words."""
        if self.expected:
            return self.expected
        default = self.default
        if isinstance(default, bool):
            return "true or false"
        if isinstance(default, int | float):
            return "a number"
        return json_kind(default)


class Registry(Mapping[str, Option[Any]]):
    """Every option, by key. A key names one option whichever file keeps it (an upgrade may move an option
    from one file to the other), so a key declared twice is refused when the registry is built."""

    def __init__(self, options: Iterable[Option[Any]]) -> None:
        self._options: dict[str, Option[Any]] = {}
        for option in options:
            if option.key in self._options:
                raise ValueError(f"the option {option.key!r} is declared twice")
            if option.section not in SECTIONS:
                raise ValueError(f"the option {option.key!r} is kept in an unknown section {option.section!r}")
            self._options[option.key] = option

    def __getitem__(self, key: str) -> Option[Any]:
        return self._options[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._options)

    def __len__(self) -> int:
        return len(self._options)

    def declares(self, option: Option[Any]) -> bool:
        """Whether ``option`` is the one declared under its key (not another object with the same fields)."""
        return self._options.get(option.key) is option


def json_kind(value: object) -> str:
    """What a JSON value is, in words ("a string", "an array"...)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list | tuple):
        return "an array"
    return "an object"
