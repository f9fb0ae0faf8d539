"""The words of the demo server's replies: deterministic Markdown chosen by a hash of the prompt.

Every answer acknowledges the user's message by quoting its first line inside a code span (so HTML or
Markdown in it stays plain text) and is otherwise built from fixed material, so the same prompt always
gets the same reply and different prompts get visibly different ones.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from app.demo.markdown_quoting import code_span, fenced, first_line

__all__ = [
    "ToolOutcome",
    "cited_sentence",
    "continuation",
    "fetch_failed",
    "fetch_intro",
    "long_answer",
    "math_answer",
    "no_results",
    "refusal_explanation",
    "search_failed",
    "search_intro",
    "short_answer",
    "showcase_answer",
    "site_name",
    "stable_hash",
    "thinking_text",
    "title_answer",
    "tool_preamble",
    "tool_results_answer",
    "web_closing",
]


_T = TypeVar("_T")


def stable_hash(text: str) -> int:
    """A hash of `text` that is the same in every process (unlike `hash()`)."""
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def _pick(options: Sequence[str], seed: int, salt: int = 0) -> str:
    return options[(seed // (salt * 7 + 1) + salt) % len(options)]


def _rotate(options: Sequence[_T], seed: int, count: int) -> list[_T]:
    start = seed % len(options)
    return [options[(start + i) % len(options)] for i in range(count)]


def _acknowledge(prompt: str, speaker: str = "You") -> str:
    line = first_line(prompt)
    return f"{speaker} wrote {code_span(line)}." if line else f"{speaker} sent a message with no text."


def _and_list(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _attachments_paragraph(attachments: Sequence[str]) -> str:
    if not attachments:
        return ""
    return f"You attached {_and_list(attachments)}."


def _join(*parts: str) -> str:
    return "\n\n".join(part for part in parts if part) + "\n"


# --- the showcase (any prompt) --------------------------------------------------------------------

_HEADINGS = (
    "A quick tour of what Samtal can render",
    "Everything a reply can contain",
    "Markdown, tables and code in one reply",
    "What this demo reply shows off",
    "A sampler of rich text",
)
_IDENTIFIERS = ("stream_reply()", "max_tokens", "stop_sequences", "tool_choice", "budget_tokens")
_LOOK_AT = (
    "**Bold** and *italic* text, and `inline code`",
    "A table with a header row",
    "Two fenced code blocks with syntax highlighting",
    "A quotation set off from the text",
    "A link that opens only when you click it",
    "Numbered steps you can follow",
)
_TRY_NEXT = (
    "Ask for something **long** to watch a 4,000-word answer stream in.",
    "Ask for something **short** to get a single sentence.",
    "Press **Stop** halfway through a reply, then **Continue** it.",
    "Turn on thinking and watch the thinking block arrive first.",
    "Define a tool and mention its name in your message.",
    "Attach an image or a PDF: the reply says what arrived.",
    "Turn on web search and ask to **search** for tides or sourdough: the answer cites its sources.",
    "Set effort to **low**, then to **max**, and compare the two replies.",
    "Ask the demo to **refuse** something to see what a refusal looks like.",
)
_TABLE_ROWS = (
    "| the word `long` in your message | about 4,000 words of Markdown |",
    "| the word `short` in your message | a single sentence |",
    "| the word `math` in your message | formulas, inline and displayed |",
    "| the name of a tool you defined | a `tool_use` block, then an answer from its result |",
    "| thinking turned on | a thinking block before the text |",
    "| a small `max_tokens` | the reply stops there with `max_tokens` |",
    "| a stop sequence | the reply ends just before its first match |",
    "| `search` with web search on | a search, then text citing the pages found |",
    "| the word `refuse` | a refusal, with its category |",
    "| a JSON schema as output format | JSON that fits the schema |",
    "| effort `low` | two sentences |",
)
_PYTHON = (
    '''def fibonacci(limit: int) -> list[int]:
    """Fibonacci numbers below `limit`."""
    numbers = [0, 1]
    while numbers[-1] + numbers[-2] < limit:
        numbers.append(numbers[-1] + numbers[-2])
    return numbers


print(fibonacci(100))''',
    """from collections import Counter

text = "the quick brown fox jumps over the lazy dog and the end"
for word, count in Counter(text.split()).most_common(3):
    print(f"{word:>6} {count}")""",
    """from dataclasses import dataclass


@dataclass
class Message:
    role: str
    text: str

    def preview(self, width: int = 24) -> str:
        return self.text if len(self.text) <= width else self.text[: width - 1] + "…"


print(Message("user", "Hello from the Samtal demo server").preview())""",
)
_SECOND_LANGUAGE = (
    (
        "javascript",
        """async function streamReply(url, prompt) {
  const response = await fetch(url, { method: "POST", body: JSON.stringify({ prompt }) });
  for await (const chunk of response.body) {
    console.log(new TextDecoder().decode(chunk));
  }
}""",
    ),
    (
        "rust",
        """fn main() {
    let words = ["streaming", "markdown", "tables", "code"];
    let longest = words.iter().max_by_key(|w| w.len()).unwrap();
    println!("longest word: {longest}");
}""",
    ),
    (
        "javascript",
        """const words = ["streaming", "markdown", "tables", "code"];
const lengths = Object.fromEntries(words.map((w) => [w, w.length]));
console.table(lengths);""",
    ),
    (
        "rust",
        """#[derive(Debug)]
enum StopReason {
    EndTurn,
    MaxTokens,
    StopSequence(String),
}

fn main() {
    let reasons = [StopReason::EndTurn, StopReason::MaxTokens, StopReason::StopSequence("###".into())];
    for reason in &reasons {
        println!("{reason:?}");
    }
}""",
    ),
)
_TIPS = (
    "> **Tip:** press Stop at any time: the partial reply is kept, and Continue picks up where it stopped.",
    "> **Tip:** every reply here is deterministic, so you can see exactly what changing a parameter does.",
    "> **Note:** nothing you type in demo mode leaves this computer; the server listens on 127.0.0.1 only.",
    "> **Tip:** edit one of your earlier messages to branch the conversation; the old branch is kept.",
)
_LINKS = (
    "Read more in the [Messages API reference](https://docs.anthropic.com/en/api/messages).",
    "Markdown syntax is summarised at [commonmark.org](https://commonmark.org/help/).",
    "The Python example follows the [Python tutorial](https://docs.python.org/3/tutorial/).",
)


def showcase_answer(prompt: str, attachments: Sequence[str] = (), effort: str = "high") -> str:
    """The default reply: a Markdown sampler with everything a client must render, as deep as `effort`
    asks (low: two sentences; medium: a shorter sampler; high: the sampler; xhigh and max: more sections)."""
    seed = stable_hash(prompt)
    if effort == "low":
        return _join(
            f"{_acknowledge(prompt)} At low effort the demo server answers in two sentences, like this.",
            _attachments_paragraph(attachments),
        ).rstrip("\n")
    language, second_code = _SECOND_LANGUAGE[(seed >> 12) % len(_SECOND_LANGUAGE)]
    table = "\n".join(
        ["| If you send | the demo server replies with |", "|---|---|", *_rotate(_TABLE_ROWS, seed >> 4, 4)]
    )
    heading = f"## {_pick(_HEADINGS, seed)}"
    introduction = (
        f"{_acknowledge(prompt)} This is the **Samtal demo server** answering from *your own machine*: "
        "no token, no network, and the same prompt always gets the same reply. "
        f"Names such as `{_pick(_IDENTIFIERS, seed, 1)}` are shown as inline code."
    )
    look_at = "### What to look at\n\n" + "\n".join(f"- {item}" for item in _rotate(_LOOK_AT, seed >> 8, 4))
    if effort == "medium":
        return _join(
            heading,
            introduction,
            _attachments_paragraph(attachments),
            look_at,
            fenced(_pick(_PYTHON, seed, 2), "python"),
            "At medium effort this reply leaves out the table, the second code block and the links.",
        )
    parts = [
        heading,
        introduction,
        _attachments_paragraph(attachments),
        look_at,
        "### Things to try next\n\n"
        + "\n".join(f"{n}. {item}" for n, item in enumerate(_rotate(_TRY_NEXT, seed >> 16, 3), 1)),
        table,
        fenced(_pick(_PYTHON, seed, 2), "python"),
        fenced(second_code, language),
        _pick(_TIPS, seed, 3),
        _pick(_LINKS, seed, 4),
    ]
    if effort in ("xhigh", "max"):
        parts += [
            "### Going further",
            f"At {effort} effort the demo server adds this section. A real model spends the extra effort on "
            "harder thinking and more thorough answers; here it shows as more to read.",
            "\n".join(f"- {item}" for item in _rotate(_TRY_NEXT, seed >> 20, 3)),
        ]
    if effort == "max":
        parts += [
            "### Checking the edges",
            "\n".join(["| Edge | What to expect |", "|---|---|", *_EDGES]),
        ]
    return _join(*parts)


_EDGES = (
    "| an empty message | the composer does not send it |",
    "| a reply cut by `max_tokens` | **Continue** picks it up |",
    "| a dropped connection | the partial reply is kept as interrupted |",
    "| a retired model | a 404 that names the model |",
)


# --- the long answer ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Topic:
    heading: str
    subject: str
    fact: str
    example: str


_TOPICS = (
    _Topic("Streaming", "streaming", "text arrives as small deltas of a few words", "a reply that grows as you read"),
    _Topic(
        "Rendering Markdown",
        "Markdown rendering",
        "only the unfinished last block is drawn again",
        "a table that appears row by row",
    ),
    _Topic(
        "Scrolling long replies",
        "scrolling",
        "the view follows the end until you scroll up",
        "a four-thousand-word answer like this one",
    ),
    _Topic(
        "Stopping and continuing",
        "stopping a reply",
        "the partial text is kept and can be continued",
        "a Continue button that resumes mid-sentence",
    ),
    _Topic(
        "Sampling parameters",
        "sampling",
        "temperature, top-p and top-k shape each choice of word",
        "two replies compared side by side",
    ),
    _Topic(
        "Token limits",
        "the token budget",
        "a reply ends exactly where max_tokens runs out",
        "a reply that stops with max_tokens",
    ),
    _Topic(
        "Stop sequences",
        "stop sequences",
        "the reply ends just before the first match",
        "a numbered list that stops before item four",
    ),
    _Topic(
        "Tools",
        "tool use",
        "the model asks for a tool and waits for its result",
        "a weather lookup that returns JSON",
    ),
    _Topic(
        "Extended thinking",
        "extended thinking",
        "a thinking block arrives before the answer",
        "a plan written down before the reply",
    ),
    _Topic(
        "Attachments",
        "attachments",
        "images and PDFs travel as base64 content blocks",
        "a screenshot described in the reply",
    ),
    _Topic(
        "Search and history",
        "conversation history",
        "every message is stored and can be searched",
        "a search that finds last month's question",
    ),
    _Topic(
        "Errors and retries",
        "error handling",
        "rate limits and overloads are retried after a pause",
        "an overloaded server that answers on the second try",
    ),
    _Topic(
        "Privacy",
        "privacy",
        "the token stays in the system keyring",
        "a demo session that never touches the network",
    ),
)
_SENTENCES = (
    "{Subject} is easiest to understand by watching it happen: {fact}.",
    "In this demo, {subject} works without a token, because the server answers from your own computer.",
    "A good way to see it is {example}.",
    "Nothing about {subject} depends on the network, so you can try it anywhere, even offline.",
    "The same prompt always produces the same reply, which makes {subject} easy to compare between runs.",
    "Real models behave the same way, only with less predictable words: {fact}.",
    "If something looks wrong with {subject}, the request log of the demo server shows exactly what was sent.",
    "Keep an eye on the details while you try {subject}; the numbers tell you what the client received.",
    "Most people notice {subject} only when it goes wrong, which is why the demo makes it visible.",
    "There is no hidden trick here: {fact}, and the client simply shows it.",
    "You can repeat the experiment as often as you like, since {subject} costs nothing in demo mode.",
    "A careful client treats everything the model sends as untrusted input, and {subject} is no exception.",
    "The numbers in this section are made up, but the shape of the data is exactly what the API sends.",
    "When you compare two runs, change one setting at a time so that the effect of {subject} stays clear.",
    "Try {example}, then scroll back up: the text above stays exactly where it was.",
    "Good defaults matter more than options, and {subject} is a fine example of that rule.",
    "For {subject}, the interesting part is what happens at the edges: empty input, huge input and interruptions.",
    "It helps to think of {subject} as a conversation between two programs that both keep their promises.",
    "Even a demo should be honest, so {subject} here follows the same rules as the real service.",
    "Watch closely and you will notice that {fact}.",
    "None of this needs configuration: {subject} simply works the moment the demo starts.",
    "Should you want to dig deeper, the API reference describes {subject} field by field.",
    "This section exists mostly to give the scroll bar something to do, yet {subject} deserves the space.",
    "Think about what {example} would look like on a slow connection, and you see why this matters.",
)
_BULLETS = (
    "**What you see:** {fact}.",
    "**Why it matters:** {subject} decides a good part of how the app feels.",
    "**Try it:** {example}.",
    "**In the request:** nothing unusual, just the JSON body every request carries.",
    "**In the reply:** ordinary Markdown, rendered safely.",
    "**Edge case:** an interrupted reply keeps its partial text.",
    "**Cost in demo mode:** no tokens and no network traffic at all.",
)
_EXTRA_CODE = (
    (
        "json",
        '{\n  "model": "claude-demo-sonnet-5",\n  "max_tokens": 1024,\n  "stream": true,\n'
        '  "messages": [{"role": "user", "content": "Hello"}]\n}',
    ),
    ("sql", "SELECT title, updated_at\nFROM conversations\nORDER BY updated_at DESC\nLIMIT 10;"),
    ("bash", "curl -sN http://127.0.0.1:8000/v1/messages \\\n  -H 'x-api-key: demo' -d @request.json"),
    ("python", _PYTHON[0]),
    (_SECOND_LANGUAGE[1][0], _SECOND_LANGUAGE[1][1]),
    (_SECOND_LANGUAGE[0][0], _SECOND_LANGUAGE[0][1]),
)


def _fill(template: str, topic: _Topic) -> str:
    return template.format(
        subject=topic.subject,
        Subject=topic.subject[:1].upper() + topic.subject[1:],
        fact=topic.fact,
        example=topic.example,
    )


def _paragraph(topic: _Topic, seed: int, section: int, paragraph: int, sentences: int) -> str:
    start = seed + section * 5 + paragraph * 11
    picks = [_SENTENCES[(start + i * 3) % len(_SENTENCES)] for i in range(sentences)]
    return " ".join(_fill(template, topic) for template in picks)


def _section_extra(topic: _Topic, seed: int, section: int) -> str:
    match (seed + section) % 4:
        case 0:
            language, code = _EXTRA_CODE[(seed + section) % len(_EXTRA_CODE)]
            return fenced(code, language)
        case 1:
            return "\n".join(
                [
                    "| Setting | Value | Effect |",
                    "|---|---|---|",
                    f"| {topic.heading} | on | {topic.fact} |",
                    "| Demo delay | 0.02 s | about fifty deltas a second |",
                    "| Network | none | everything stays on this computer |",
                ]
            )
        case 2:
            steps = (f"Start a new conversation about {topic.subject}.", f"Try {topic.example}.", "Compare the result.")
            return "\n".join(f"{n}. {step}" for n, step in enumerate(steps, 1))
    return f"> {_fill(_SENTENCES[(seed + section) % len(_SENTENCES)], topic)}"


def long_answer(prompt: str, attachments: Sequence[str] = ()) -> str:
    """About 4,000 words of Markdown in many sections, for watching streaming and scrolling."""
    seed = stable_hash(prompt)
    topics = _rotate(_TOPICS, seed, len(_TOPICS))
    parts = [
        "# A long answer",
        f"{_acknowledge(prompt)} You asked for something long, so here are {len(topics)} sections "
        "about what the app does, each with lists, and some with tables, code or a quotation.",
        _attachments_paragraph(attachments),
    ]
    for section, topic in enumerate(topics, 1):
        bullets = [_fill(template, topic) for template in _rotate(_BULLETS, seed + section, 5)]
        parts += [
            f"## {section}. {topic.heading}",
            _paragraph(topic, seed, section, 0, 5),
            "\n".join(f"- {bullet}" for bullet in bullets),
            _paragraph(topic, seed, section, 1, 4),
            _section_extra(topic, seed, section),
            _paragraph(topic, seed, section, 2, 4),
        ]
    parts += [
        "## Wrapping up",
        "That was the long answer. Scroll back to the top and down again: a well-behaved client keeps "
        "up, and nothing above changed while the end was still streaming in.",
    ]
    return _join(*parts)


# --- short answers, titles, tools, thinking --------------------------------------------------------

_SHORT = (
    "Short answer: the demo server read {quote} and replies with exactly one sentence.",
    "In one sentence: {quote} arrived, and everything here runs locally without a token.",
    "Keeping it short, {quote} gets this single, deterministic sentence from the demo server.",
    "Briefly: {quote} was received, and this one sentence is the whole reply.",
)


def short_answer(prompt: str, attachments: Sequence[str] = ()) -> str:
    """One sentence (preceded by a note on attachments, if any)."""
    line = first_line(prompt)
    sentence = _pick(_SHORT, stable_hash(prompt)).format(quote=code_span(line) if line else "your message")
    return _join(_attachments_paragraph(attachments), sentence).rstrip("\n")


_MATH = r"""{acknowledgement} Formulas are written in LaTeX: inline as `$…$` or `\(…\)`, displayed as `$$…$$`
or `\[…\]`. Prices such as $5 and $10 stay text.

## Roots of a quadratic

The equation $ax^2 + bx + c = 0$ with $a \neq 0$ has the roots

$$x_{{1,2}} = \frac{{-b \pm \sqrt{{b^2 - 4ac}}}}{{2a}}$$

and two equal ones exactly when the discriminant \(\Delta = b^2 - 4ac\) is zero.

## A few classics

- Euler's identity: $e^{{i\pi}} + 1 = 0$
- The Gaussian integral: $\int_{{-\infty}}^{{\infty}} e^{{-x^2}}\,dx = \sqrt{{\pi}}$
- A sum by Gauss: $\sum_{{k=1}}^{{n}} k = \frac{{n(n+1)}}{{2}}$

\[
\begin{{aligned}}
\nabla \cdot \mathbf{{E}} &= \frac{{\rho}}{{\varepsilon_0}} \\
\nabla \times \mathbf{{B}} &= \mu_0 \mathbf{{J}} + \mu_0 \varepsilon_0 \frac{{\partial \mathbf{{E}}}}{{\partial t}}
\end{{aligned}}
\]

A rotation by $\theta$, and the sign function:

$$R(\theta) = \begin{{pmatrix}} \cos\theta & -\sin\theta \\ \sin\theta & \cos\theta \end{{pmatrix}}, \qquad
\operatorname{{sgn}}(x) = \begin{{cases}} -1 & x < 0 \\ 0 & x = 0 \\ 1 & x > 0 \end{{cases}}$$

Selecting a formula and copying it gives its LaTeX, and math inside code stays code: `$x$`."""


def math_answer(prompt: str, attachments: Sequence[str] = ()) -> str:
    """Formulas, inline and displayed, in each of the delimiters replies use (and prices that are not math)."""
    return _join(_attachments_paragraph(attachments), _MATH.format(acknowledgement=_acknowledge(prompt))).rstrip("\n")


_TITLE_STOPWORDS_TEXT = """
    a an the and or but if then so to of in on at by for with from about as into than that this these those
    is are was were be been being do does did have has had i you he she it we they me my your our their its
    what which who whom how why when where can could would should will shall may might must not no yes
    please just also only very more most some any all each every there here up down out over under again
    once give write make create generate suggest summarize summarise title titles conversation conversations
    chat short brief word words reply respond return following below above name using use without quotes
    quote punctuation user assistant message messages text few three four five six less than"""
_TITLE_STOPWORDS = frozenset(_TITLE_STOPWORDS_TEXT.split())
_TITLE_FILLERS = ("Demo", "Conversation", "Notes")
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")


def title_answer(texts: Sequence[str]) -> str:
    """A 3-6 word title from the first meaningful words of `texts`, with no quotes or punctuation."""
    chosen: list[str] = []
    seen: set[str] = set()
    for text in texts:
        for word in _WORD.findall(text):
            key = word.lower()
            if len(word) < 3 or key in _TITLE_STOPWORDS or key in seen:
                continue
            seen.add(key)
            chosen.append(word[:1].upper() + word[1:])
            if len(chosen) == 5:
                return " ".join(chosen)
    for filler in _TITLE_FILLERS:
        if len(chosen) >= 3:
            break
        if filler.lower() not in seen:
            chosen.append(filler)
    return " ".join(chosen)


def tool_preamble(names: Sequence[str]) -> str:
    """The sentence before tool calls."""
    noun = "tool" if len(names) == 1 else "tools"
    return f"I'll use the {_and_list([code_span(name) for name in names])} {noun} for that."


@dataclass(frozen=True)
class ToolOutcome:
    """A tool result as the answer reports it."""

    name: str
    content: str
    is_error: bool


def tool_results_answer(outcomes: Sequence[ToolOutcome]) -> str:
    """The final answer after tool results: each result quoted, errors called out."""
    parts = ["Here is what came back:"]
    for outcome in outcomes:
        verb = "failed (`is_error` was true) with" if outcome.is_error else "returned"
        parts += [f"**{code_span(outcome.name)}** {verb}:", fenced(outcome.content or "(empty result)")]
    if any(outcome.is_error for outcome in outcomes):
        parts.append(
            "A tool reported an error, so this answer is incomplete; a real model would usually explain "
            "the error or try again with different input."
        )
    else:
        parts.append("That completes the request: the answer above comes straight from the tool results.")
    return _join(*parts)


def continuation() -> str:
    """What Continue gets when the partial reply is not a prefix of the demo's own answer."""
    return (
        "\n\nThat is where the earlier reply stopped. The demo server cannot know what a real model would "
        "have written next, so it closes the thought here: everything above was kept, and this paragraph "
        "was added by Continue.\n"
    )


_PLANS = {
    "showcase": "A Markdown showcase fits best: a heading, lists, a table, two code blocks, a quotation and a link.",
    "long": "They asked for something long, so I will write many sections with lists, tables and code.",
    "short": "They want it short, so one sentence is enough.",
    "title": "This is a request for a conversation title: a few words, no quotes, no punctuation.",
    "tool": "The message names a tool I can call, so I will call it with arguments taken from the message.",
    "tool_result": "The tool results are back, so I will report them, including any error.",
    "search": "They want something looked up, so I will search the web and cite what I find.",
    "research": "This needs research: several searches, one after another, then an answer that cites them.",
    "fetch": "They gave me a page to read, so I will fetch it and say what it holds.",
    "refusal": "The message asks me to refuse, so I will start and then stop with a refusal.",
    "context": "They ask about a full context window, so I will write until the window runs out.",
}
_MORE_THINKING = (
    "I should check that the Markdown is well formed before I send it.",
    "A second look: every code block is closed and every table row has the same number of cells.",
    "The reply should stay readable while it streams, so short paragraphs work better than long ones.",
    "If the client shows the thinking, it should come before the answer and stay collapsed afterwards.",
    "Finally, nothing in the reply may depend on the network: the demo answers from this computer.",
)
# How many sentences of `_MORE_THINKING` each effort adds ("high", the API's default, is the classic length).
_THINKING_DEPTH = {"low": 0, "medium": 0, "high": 1, "xhigh": 3, "max": 5}


def thinking_text(plan: str, prompt: str, effort: str = "high") -> str:
    """The thinking that precedes an answer of kind `plan` (a key of the plans above), longer at a
    higher `effort`."""
    sentences = [_acknowledge(prompt, "The user"), _PLANS[plan]]
    if effort != "low":
        sentences.append("The demo server is deterministic, so the same request must always produce the same answer.")
    sentences += _MORE_THINKING[: _THINKING_DEPTH.get(effort, 1)]
    return " ".join(sentences)


# --- refusals, the context window, the web -----------------------------------------------------------


def refusal_explanation() -> str:
    """The `stop_details.explanation` of the demo's refusal."""
    return 'The demo server refuses every message with the word "refuse" in it, to show what a refusal looks like.'


def search_intro(queries: Sequence[str]) -> str:
    """The sentence before the findings of one or more searches."""
    return f"I searched the web for {_and_list([code_span(query) for query in queries])}. Here is what I found:"


def site_name(title: str) -> str:
    """The site a page belongs to, from its title ("How tides work | Tide Tables" → "Tide Tables")."""
    return title.rsplit(" | ", 1)[-1]


def cited_sentence(title: str, sentence: str) -> str:
    """A finding that cites `sentence` from the page titled `title`."""
    return f"According to {site_name(title)}, {sentence[:1].lower()}{sentence[1:]}"


def no_results(query: str) -> str:
    """What a search that found nothing gets."""
    return (
        f"The search for {code_span(query)} found nothing in the demo's small web of twelve pages. It knows about "
        "solar eclipses, the northern lights, sourdough, coffee, tides, honeybees, Python's asyncio, Markdown "
        "tables, prompt caching and the word samtal."
    )


def search_failed(query: str, error_code: str) -> str:
    """What a search that came back as an error gets."""
    if error_code == "max_uses_exceeded":
        return f"I could not search for {code_span(query)}: this request allows no more searches (`max_uses`)."
    return f"The search for {code_span(query)} failed (`{error_code}`)."


def fetch_intro(title: str, url: str) -> str:
    """The sentence before what a fetched page says."""
    return f"I read [{title}]({url}). It says:"


def fetch_failed(url: str, error_code: str) -> str:
    """What a fetch that came back as an error gets."""
    if error_code == "url_not_allowed":
        return f"I could not read {code_span(url)}: its domain is not allowed for web fetch in this request."
    if error_code == "max_uses_exceeded":
        return f"I could not read {code_span(url)}: this request allows no more fetches (`max_uses`)."
    return (
        f"I could not read {code_span(url)}: the demo's web has no such page, and the demo never goes online "
        f"(`{error_code}`)."
    )


def web_closing() -> str:
    """The last sentence of an answer built from the web."""
    return "The numbered sources show where each statement comes from."
