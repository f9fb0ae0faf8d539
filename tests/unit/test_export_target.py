"""File ▸ Export: the file name's suffix decides the format, as it does for `samtal export`."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.gui import export_target

MARKDOWN = "Markdown (*.md)"
JSON = "JSON, lossless (*.json)"


@pytest.mark.parametrize(
    ("path", "chosen", "expected"),
    [
        ("/x/notes.md", JSON, (Path("/x/notes.md"), False)),  # the name wins over the filter
        ("/x/backup.json", MARKDOWN, (Path("/x/backup.json"), True)),
        ("/x/Backup.JSON", MARKDOWN, (Path("/x/Backup.JSON"), True)),
        ("/x/notes.markdown", JSON, (Path("/x/notes.markdown"), False)),
        ("/x/notes", JSON, (Path("/x/notes.json"), True)),  # no suffix: the filter's
        ("/x/notes", MARKDOWN, (Path("/x/notes.md"), False)),
        ("/x/v1.2 notes", MARKDOWN, (Path("/x/v1.2 notes.md"), False)),  # a dot in the name is no suffix
    ],
)
def test_the_suffix_decides_and_a_missing_one_follows_the_filter(
    path: str, chosen: str, expected: tuple[Path, bool]
) -> None:
    assert export_target(path, chosen) == expected
