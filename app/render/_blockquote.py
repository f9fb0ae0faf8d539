"""markdown-it's block quote rule, at a cost bounded by the lines a quote takes rather than the lines after it.

To find where a quote ends, markdown-it's rule reads on over every following line that could lazily continue
it, to the end of the text, before parsing the quote's content, which often ends much sooner (a code fence in
the quote ends at the first lazy line). The next quote then reads the same lines again: a reply alternating
``> ```\\n`` with paragraph lines cost quadratic time. Here the rule reads at most a window of lines ahead; a
quote that ends inside the window is what the whole text gives (nothing in it saw past the window), and one
that reaches the window's end is parsed again with a window four times as long.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block import blockquote as _blockquote

FIRST_WINDOW_LINES = 16
# The rules a quote can interrupt: markdown-it's own list for its blockquote rule.
_INTERRUPTS = ["paragraph", "reference", "blockquote", "list"]


def bound_blockquotes(md: MarkdownIt) -> None:
    """Make ``md`` parse block quotes with :func:`blockquote`."""
    md.block.ruler.at("blockquote", blockquote, {"alt": _INTERRUPTS})


def blockquote(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """markdown-it's blockquote rule, reading ahead a window of lines at a time (see the module's docstring)."""
    window = FIRST_WINDOW_LINES
    while not silent and start_line + window < end_line:
        limit = start_line + window
        tokens = len(state.tokens)
        if not _blockquote(state, start_line, limit, False):
            return False
        if state.line < limit:
            return True
        del state.tokens[tokens:]  # it may go on past the window: again, with a longer one
        state.line = start_line
        window *= 4
    return _blockquote(state, start_line, end_line, silent)
