"""Math in Markdown: where a formula is, and the HTML that shows it.

Delimiters: ``$…$`` and ``\\(…\\)`` inline, ``$$…$$`` and ``\\[…\\]`` displayed. Dollars follow pandoc's rule,
so that prices stay text ("$5 and $10"): an opening ``$`` has no space after it, a closing one no space
before it and no digit after it (mdit-py-plugins' dollarmath, which also takes ``$$`` blocks over several
lines); ``\\$`` is a dollar. Math inside code spans and code blocks stays code (the parser reads those
first). A displayed formula inside a paragraph is set apart from its text, on a line of its own.

A formula becomes ``<img src="math:…">``: the URL holds the formula's source and delimiters (see
:func:`formula_url`); a view draws it (``app.render._formulas``), showing the source until the drawing is
ready, and copies the source. One the drawing would cost too much for (:func:`drawable`) is shown as typed, in
monospace. The scheme is resolved inside the app; nothing is fetched.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin

from app.render._formulas import CLOSING, drawable, formula_source, formula_url

_MEMO = "samtal_math_closing"  # env key: where the search for a closing bracket found none


def enable_math(md: MarkdownIt) -> None:
    """Make ``md`` read math into ``math_inline`` (inline) and ``math_block`` (displayed) tokens, whose
    ``markup`` is the opening delimiter."""
    dollarmath_plugin(
        md, allow_labels=False, allow_space=False, allow_digits=False, allow_blank_lines=False, double_inline=True
    )
    md.inline.ruler.before("escape", "samtal_math_brackets", _bracket_math)
    md.core.ruler.after("inline", "samtal_display_apart", _set_display_apart)


def _bracket_math(state: StateInline, silent: bool) -> bool:
    r"""Inline rule: ``\(…\)`` and ``\[…\]``. Runs before the escape rule (which would read ``\(`` as "(");
    ``\\(`` is an escaped backslash, as the escape rule reads it from the first backslash on."""
    src, start = state.src, state.pos
    if src[start] != "\\" or start + 2 >= state.posMax or src[start + 1] not in "([":
        return False
    opening = src[start : start + 2]
    closing = CLOSING[opening]
    # A text with many openers and no closer would be searched to its end from each: remember that it has none.
    memo: dict[tuple[str, str], int] = state.env.setdefault(_MEMO, {})
    nowhere_after = memo.get((src, closing))
    if nowhere_after is not None and start >= nowhere_after:
        return False
    end = src.find(closing, start + 2, state.posMax)
    if end == -1:
        memo[(src, closing)] = start
        return False
    content = src[start + 2 : end]
    if not content.strip():
        return False
    if not silent:
        token = state.push("math_inline_double" if opening == "\\[" else "math_inline", "math", 0)
        token.content = content
        token.markup = opening
    state.pos = end + 2
    return True


def _set_display_apart(state: StateCore) -> None:
    """Core rule: a paragraph holding a displayed formula (``$$…$$`` or ``\\[…\\]`` within its text) becomes
    the paragraphs of its text around a ``math_block`` of its own."""
    if "$$" not in state.src and "\\[" not in state.src:  # the common case, found in C
        return
    tokens = state.tokens
    if not any(
        token.type == "inline" and any(child.type == "math_inline_double" for child in token.children or ())
        for token in tokens
    ):
        return
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        inline = tokens[index + 1] if index + 2 < len(tokens) else None
        if (
            token.type == "paragraph_open"
            and inline is not None
            and inline.type == "inline"
            and any(child.type == "math_inline_double" for child in inline.children or ())
        ):
            out += _split_paragraph(token, inline, tokens[index + 2])
            index += 3
            continue
        out.append(token)
        index += 1
    state.tokens = out


def _split_paragraph(opening: Token, inline: Token, closing: Token) -> list[Token]:
    out: list[Token] = []
    run: list[Token] = []

    def flush() -> None:
        while run and _blank(run[0]):
            run.pop(0)
        while run and _blank(run[-1]):
            run.pop()
        if run:
            text = Token("inline", "", 0, map=inline.map, level=inline.level, children=list(run), content="")
            out.extend((_copy(opening), text, _copy(closing)))
        run.clear()

    for child in inline.children or ():
        if child.type != "math_inline_double":
            run.append(child)
            continue
        flush()
        block = Token("math_block", "math", 0, map=opening.map, level=opening.level, block=True)
        block.content, block.markup = child.content, child.markup
        out.append(block)
    flush()
    return out


def _blank(token: Token) -> bool:
    return token.type in ("softbreak", "hardbreak") or (token.type == "text" and not token.content.strip())


def _copy(token: Token) -> Token:
    return Token(
        token.type, token.tag, token.nesting, map=token.map, level=token.level, block=True, hidden=token.hidden
    )


def formula_html(latex: str, delimiter: str) -> str:
    """The HTML of a formula: an image the view draws, or the source in monospace when it is not drawable.

    Inline, the image is centred on the text's middle (``app.ui.formula_images`` pads it so that its baseline
    meets the text's); displayed, the caller puts it in a centred paragraph."""
    latex = latex.strip()
    if not drawable(latex):
        return f"<code>{html.escape(formula_source(latex, delimiter), quote=False)}</code>"
    return f'<img src="{formula_url(latex, delimiter)}" style="vertical-align: middle">'


def math_block_html(tokens: Sequence[Token], index: int) -> str:
    """A displayed formula's paragraph."""
    token = tokens[index]
    return f'<p align="center">{formula_html(token.content, token.markup or "$$")}</p>\n'
