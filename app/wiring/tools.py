"""Tool use in the transcript: the results the user writes for a reply's tool calls go to the controller,
which sends them back as ``tool_result`` blocks and streams the model's next reply."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.gui import Samtal


def install(root: Samtal) -> None:
    """Answer tool calls from the transcript (refusals, e.g. an interrupted call, reach the status bar
    through the controller's ``problem`` signal)."""
    root.transcript.tool_results_submitted.connect(root.controller.answer_tools)
