"""What the app asks the user, and how it tells them something that needs an OK: the questions behind the
library's and the window's dialogs, as one small interface. The window passes `app.ui.prompts.QtPrompts`
(Qt's dialogs); tests pass an object that answers as they choose, so no test has to patch Qt."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Protocol


class Prompts(Protocol):
    """Questions to the user (each returns None, False or [] when the user cancels; `choose_items` None, as []
    is an answer there) and messages to confirm.

    Text given to `tell` is shown as written, never read as markup: it may quote a file's name or contents."""

    def ask_text(self, title: str, label: str, text: str) -> str | None:
        """A line of text (``text`` filled in to start with); None when cancelled."""
        ...

    def confirm(self, title: str, text: str) -> bool:
        """Yes or No."""
        ...

    def open_file(self, title: str, directory: str, filters: str) -> str | None:
        """One existing file to read."""
        ...

    def open_files(self, title: str, directory: str, filters: str) -> list[str]:
        """Existing files to read."""
        ...

    def save_file(self, title: str, path: str, filters: str) -> tuple[str, str] | None:
        """Where to write, and the filter chosen (of ``filters``, separated by ``;;``)."""
        ...

    def choose_tags(
        self, all_tags: Sequence[str], tag_sets: Sequence[Collection[str]], subject: str
    ) -> tuple[list[str], list[str]] | None:
        """Tags to add to and to remove from every one of some conversations (``tag_sets``: the tags each
        has now; ``subject``: what is tagged, for the heading)."""
        ...

    def choose_items(self, title: str, text: str, items: Sequence[str], checked: Collection[int]) -> list[int] | None:
        """Some of ``items`` (the indices of those ticked, in order; [] when none is), ``checked`` ticked to
        start with; None when cancelled."""
        ...

    def tell(self, title: str, text: str, *, warning: bool = False) -> None:
        """A message in plain text, with OK."""
        ...

    def about(self, title: str, rich_text: str) -> None:
        """The About box (``rich_text``: markup written by the app, anything quoted in it escaped)."""
        ...
