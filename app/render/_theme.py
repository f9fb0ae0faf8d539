"""Colours of rendered messages, and the document style sheet that goes with them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Theme:
    """Colours (``#rrggbb``) used by the renderer, plus the Pygments style that colours code.

    The renderer writes the code-block and table colours into the HTML it produces (Qt needs them as
    attributes); the rest reaches Qt through :func:`stylesheet`. ``background`` is not written
    anywhere: the view showing the messages should use it as its base colour.
    """

    name: str
    background: str
    text: str
    muted_text: str
    link: str
    border: str
    code_background: str
    code_header_background: str
    inline_code_background: str
    table_header_background: str
    pygments_style: str


LIGHT = Theme(
    name="light",
    background="#ffffff",
    text="#1f2328",
    muted_text="#59636e",
    link="#0969da",
    border="#d1d9e0",
    code_background="#f6f8fa",
    code_header_background="#e9edf1",
    inline_code_background="#eceff2",
    table_header_background="#f0f3f6",
    pygments_style="default",
)

DARK = Theme(
    name="dark",
    background="#0d1117",
    text="#e6edf3",
    muted_text="#9198a1",
    link="#4493f8",
    border="#3d444d",
    code_background="#161b22",
    code_header_background="#212830",
    inline_code_background="#2a313a",
    table_header_background="#212830",
    pygments_style="github-dark",
)


def stylesheet(theme: Theme = LIGHT) -> str:
    """CSS for ``QTextDocument.setDefaultStyleSheet`` on the document that shows rendered messages.

    Qt applies a default style sheet while it parses HTML (``setHtml`` and ``QTextCursor.insertHtml``
    alike), so set it before inserting any rendered fragment, and re-render after changing theme.
    Only properties Qt's rich-text engine honours are used.
    """
    return (
        f"* {{ color: {theme.text}; }}\n"
        f"a {{ color: {theme.link}; text-decoration: none; }}\n"
        # Quotes are tables (see the converter); these selectors outrank the two above.
        f".quote * {{ color: {theme.muted_text}; }}\n"
        f".quote a {{ color: {theme.link}; }}\n"
        f"code {{ background-color: {theme.inline_code_background}; font-family: monospace; }}\n"
        "p { margin-top: 4px; margin-bottom: 8px; }\n"
        "li { margin-top: 2px; margin-bottom: 2px; }\n"
        "h1, h2, h3, h4, h5, h6 { margin-top: 14px; margin-bottom: 6px; }\n"
        "h1 { font-size: x-large; }\n"
        "h2 { font-size: large; }\n"
        "h3 { font-size: medium; }\n"
        "pre { font-family: monospace; }\n"
    )
