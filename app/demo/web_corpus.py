"""The demo's web: a dozen built-in pages that web search and web fetch answer from, offline.

Nothing here ever touches the network. The pages live on `.example` hosts (a name reserved for
examples, RFC 2606), so a link a person clicks can never lead to someone's real site. Search scores the
pages by the words they share with the query; fetch finds a page by its URL. Domain filters work as the
API documents them: a listed domain covers its subdomains, and may carry a path prefix.

The pages are about solar eclipses, the northern lights, sourdough, why bread rises, coffee, tides,
honeybees, Python's asyncio, Markdown tables, prompt caching and the word samtal.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = [
    "PAGES",
    "RETRIEVED_AT",
    "SERVER_TOOL_TYPES",
    "Page",
    "domain_allowed",
    "find_page",
    "opaque",
    "search",
]

# The server tools the demo runs, by type (the versions the API has), with the name each must be given.
SERVER_TOOL_TYPES = {
    "web_search_20250305": "web_search",
    "web_search_20260209": "web_search",
    "web_search_20260318": "web_search",
    "web_fetch_20250910": "web_fetch",
    "web_fetch_20260209": "web_fetch",
    "web_fetch_20260309": "web_fetch",
    "web_fetch_20260318": "web_fetch",
}
RETRIEVED_AT = "2026-12-15T09:30:00Z"  # fixed, like everything the demo says: the same request, the same reply
_MAX_RESULTS = 5


@dataclass(frozen=True)
class Page:
    """One page: where it is, how old it is, and its text (whose first sentence is the one to cite)."""

    url: str
    title: str
    page_age: str
    text: str

    @property
    def host(self) -> str:
        """The page's host name."""
        return urlsplit(self.url).hostname or ""

    @property
    def sentences(self) -> list[str]:
        """The page's sentences, in order."""
        return [part.strip() for part in re.split(r"(?<=[.!?])\s+", self.text) if part.strip()]


PAGES: tuple[Page, ...] = (
    Page(
        "https://skywatch.example/solar-eclipses",
        "How solar eclipses work | Skywatch",
        "March 4, 2026",
        "A solar eclipse happens when the Moon passes between the Sun and the Earth and casts its shadow on "
        "the Earth. A total eclipse is seen only inside the narrow path of the Moon's darkest shadow, the "
        "umbra. Outside that path observers see a partial eclipse. An annular eclipse happens when the Moon "
        "is far enough away that a ring of sunlight stays visible around it.",
    ),
    Page(
        "https://skywatch.example/eclipse-safety",
        "Watching an eclipse safely | Skywatch",
        "2 weeks ago",
        "Looking straight at the Sun without certified eclipse glasses is never safe, even during a partial "
        "eclipse. Ordinary sunglasses do not block enough light. A pinhole projector is an easy and safe way "
        "to watch: it projects an image of the Sun onto paper. Only during totality itself may you look with "
        "the naked eye.",
    ),
    Page(
        "https://skywatch.example/northern-lights",
        "Where and when to see the northern lights | Skywatch",
        "November 2, 2026",
        "The northern lights appear when charged particles from the Sun meet the upper atmosphere near the "
        "magnetic poles. They are seen best on clear, dark nights far from city lights, between September "
        "and March. Strong solar activity can push them far south of the Arctic circle.",
    ),
    Page(
        "https://breadlab.example/sourdough-starter",
        "Keeping a sourdough starter alive | Breadlab",
        "January 18, 2026",
        "A sourdough starter is a mix of flour and water that wild yeast and lactic acid bacteria keep "
        "fermenting. Feed it equal weights of flour and water once a day at room temperature, or once a week "
        "if you keep it in the fridge. A starter is ready to bake with when it doubles within a few hours of "
        "feeding.",
    ),
    Page(
        "https://breadlab.example/why-bread-rises",
        "Why bread rises | Breadlab",
        "3 months ago",
        "Bread rises because yeast eats sugars in the dough and gives off carbon dioxide. Kneading builds a "
        "network of gluten that traps the gas in small bubbles. In the oven the bubbles expand and the "
        "starches set around them, which fixes the crumb.",
    ),
    Page(
        "https://coffee.example/brewing-ratios",
        "Coffee brewing ratios explained | Coffee Notes",
        "July 9, 2026",
        "Most coffee brewing methods work well with about 60 grams of coffee per litre of water. Use a finer "
        "grind for short contact times such as espresso, and a coarser grind for a French press. Water just "
        "off the boil, around 93 degrees Celsius, extracts the most flavour.",
    ),
    Page(
        "https://tides.example/why-tides",
        "Why the sea has tides | Tide Tables",
        "August 21, 2026",
        "Tides are caused mostly by the Moon's gravity pulling on the oceans, with a smaller pull from the "
        "Sun. Most coasts see two high tides and two low tides every lunar day of about 24 hours and 50 "
        "minutes. Spring tides, the largest, come when the Sun and Moon line up at new and full moon.",
    ),
    Page(
        "https://bees.example/waggle-dance",
        "The honeybee waggle dance | Bee Journal",
        "May 30, 2026",
        "Honeybees tell their nestmates where food is with the waggle dance. The angle of the waggle run "
        "shows the direction of the food relative to the Sun, and its length shows the distance. A colony "
        "can redirect its foragers to a new flower patch within an hour.",
    ),
    Page(
        "https://devnotes.example/python-asyncio",
        "asyncio in five minutes | Dev Notes",
        "October 12, 2026",
        "Python's asyncio runs many tasks on one thread by switching between them whenever one waits. A "
        "coroutine that awaits network input lets the event loop run other tasks meanwhile. Keep a reference "
        "to every task you create, or it may be garbage collected before it finishes.",
    ),
    Page(
        "https://devnotes.example/markdown-tables",
        "Writing Markdown tables | Dev Notes",
        "1 month ago",
        "A Markdown table is a header row, a delimiter row of dashes, and one line per row, with cells "
        "separated by pipes. Colons in the delimiter row align a column to the left, right or centre. Most "
        "renderers let a cell hold inline code, emphasis and links, but not lists.",
    ),
    Page(
        "https://devnotes.example/prompt-caching",
        "How prompt caching saves tokens | Dev Notes",
        "December 1, 2026",
        "Prompt caching stores the processed prefix of a request so that a later request starting the same "
        "way reads it instead of paying for it again. A cache write costs a little more than ordinary input, "
        "and a cache read costs a tenth of it. The cache lives for five minutes, or an hour if you ask, and "
        "each read renews it.",
    ),
    Page(
        "https://words.example/samtal",
        "Samtal: the Swedish word for conversation | Words",
        "6 days ago",
        "Samtal is the Swedish word for a conversation or a talk. It is built from sam, together, and tal, "
        "speech. A telefonsamtal is a phone call, and a samtalsterapeut is a talking therapist.",
    ),
)

_BY_URL = {page.url: page for page in PAGES}
_WORD = re.compile(r"[a-z0-9]+")
_STOPWORDS_TEXT = """
    a an the and or of to in on at for with about from how what why when where which who is are was be do
    does can could would should please web search find look up latest news me you i my it this that these
    those read fetch open page tell show"""
_STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _words(text: str) -> list[str]:
    return [_stem(word) for word in _WORD.findall(text.lower()) if word not in _STOPWORDS and len(word) > 1]


def _score(query: set[str], page: Page) -> int:
    """How well `page` matches: each query word counts by how often the page uses it (up to three times),
    and twice more when the title has it."""
    text, title = _words(f"{page.text} {page.url}"), set(_words(page.title))
    return sum(min(text.count(word), 3) + 2 * (word in title) for word in query)


def domain_allowed(url: str, allowed: Sequence[str] | None, blocked: Sequence[str] | None) -> bool:
    """Whether `url` passes the allowed/blocked domain lists (an entry covers its subdomains and may name
    a path prefix: "skywatch.example/eclipse")."""
    parts = urlsplit(url)
    host, path = (parts.hostname or "").lower(), parts.path or "/"

    def covers(entry: str) -> bool:
        domain, _, prefix = entry.lower().removeprefix("https://").removeprefix("http://").partition("/")
        return (host == domain or host.endswith("." + domain)) and path.startswith("/" + prefix)

    if allowed is not None and not any(covers(entry) for entry in allowed):
        return False
    return not (blocked is not None and any(covers(entry) for entry in blocked))


def search(query: str, allowed: Sequence[str] | None = None, blocked: Sequence[str] | None = None) -> list[Page]:
    """The pages that match `query` best (at most five), within the domain lists."""
    wanted = set(_words(query))
    scored = []
    for order, page in enumerate(PAGES):
        if not domain_allowed(page.url, allowed, blocked):
            continue
        score = _score(wanted, page)
        if score:
            scored.append((-score, order, page))
    return [page for _, _, page in sorted(scored)[:_MAX_RESULTS]]


def find_page(url: str) -> Page | None:
    """The page at `url` (a trailing slash or fragment does not matter)."""
    cleaned = url.split("#", 1)[0].rstrip("/")
    return _BY_URL.get(cleaned)


def opaque(*parts: str) -> str:
    """A stable, opaque-looking token (the API's `encrypted_content`/`encrypted_index` are opaque too)."""
    digest = hashlib.sha256("\0".join(parts).encode()).digest()
    return base64.b64encode(b"demo" + digest).decode("ascii")
