"""The status bar's figures beside the reply's own: the live token count of the next request (or why it would
be refused for its length), what the whole conversation cost, and how long its prompt cache stays warm. The
words, tooltips and colours are here; when to show what is decided by `app.wiring.inspector` and
`app.wiring.cache_status`."""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QMainWindow

from app.chat.pricing import CostTotal
from app.language import format_number, format_usd
from app.language import tr as _tr
from app.store.models import UsageTotals
from app.ui.main_window import StatusField, add_status_field
from app.ui.problem_note import severity_colour


class StatusFigures:
    """Three labelled fields of ``window``'s status bar (Next, Conversation, Cache), each hidden until it has
    something to say.

    What they show, as figures: ``draft_count`` (the token count; None: none), ``too_long`` (the tokens and
    the limit of a request too long for the model, when shown), ``cache_seconds_left`` (the countdown)."""

    def __init__(self, window: QMainWindow) -> None:
        self.draft_tokens: StatusField = add_status_field(window, "statusDraftTokens", _tr("Next"))
        self.conversation_cost: StatusField = add_status_field(window, "statusConversationCost", _tr("Conversation"))
        self.cache_warm: StatusField = add_status_field(window, "statusCacheWarm", _tr("Cache"))
        self.draft_count: int | None = None
        self.too_long: tuple[int | None, int | None] | None = None
        self.cache_seconds_left: int | None = None

    # --- the next request ---

    def show_draft_count(self, tokens: int) -> None:
        """The provider's count of the next request's input tokens."""
        self.draft_count, self.too_long = tokens, None
        field = self.draft_tokens
        field.setText(
            _tr("≈ %Ln input token(s)", None, tokens),
            _tr("≈ {n} in").format(n=format_number(tokens)),
        )
        field.setToolTip(
            _tr("The provider's estimate of the next request: your draft, the conversation so far and the parameters")
        )
        field.setPalette(QPalette())  # the status bar's colours again
        field.show()

    def show_too_long(self, tokens: int | None, limit: int | None, message: str) -> None:
        """Where the count goes: the next request would be refused for its length, so say so in the warning
        colour (``message``, the provider's own words, in the tooltip)."""
        self.draft_count, self.too_long = None, (tokens, limit)
        field = self.draft_tokens
        if tokens is not None and limit is not None:
            figures = {"n": format_number(tokens), "limit": format_number(limit)}
            text = _tr("too long for the model: {n} tokens > {limit}").format(**figures)
            short = _tr("too long: {n} > {limit}").format(**figures)
        else:
            text, short = _tr("too long for the model"), _tr("too long")
        field.setText(text, short)
        advice = _tr(
            "The provider refuses this request as it stands: “{message}”. Remove attachments or text, or choose "
            "a model with a larger context."
        )
        # Rich text on purpose, with the provider's words escaped: a tooltip guesses plain or rich from its text.
        field.setToolTip(f"<p>{html.escape(advice.format(message=message))}</p>")
        palette = field.palette()
        palette.setColor(QPalette.ColorRole.WindowText, severity_colour("warning", palette))
        field.setPalette(palette)
        field.show()

    def hide_draft_count(self) -> None:
        self.draft_count, self.too_long = None, None
        self.draft_tokens.hide()

    # --- the conversation's cost ---

    def show_conversation_cost(self, totals: UsageTotals, cost: CostTotal) -> None:
        """Every reply's tokens (and cost, when priced) of the conversation on screen, all branches."""
        tokens = totals.total_input_tokens + totals.output_tokens
        text = _tr("%Ln token(s)", None, tokens)
        short = text
        if cost.priced:
            text += " · " + format_usd(cost.usd)
            short = format_usd(cost.usd)  # what it cost says most in the least room
        self.conversation_cost.setText(text, short)
        self.conversation_cost.setToolTip(_cost_tooltip(totals, cost))
        self.conversation_cost.show()

    def hide_conversation_cost(self) -> None:
        self.conversation_cost.hide()

    # --- the prompt cache ---

    def show_cache_warmth(self, seconds_left: int, ttl: str, last_use: datetime) -> None:
        """ "Cache warm for 3:12" (``ttl``: "5m" or "1h"; ``last_use``: when the last request wrote or read it)."""
        self.cache_seconds_left = seconds_left
        clock = _clock(seconds_left)
        self.cache_warm.setText(_tr("warm for {time}").format(time=clock), clock)
        moment = QDateTime.fromMSecsSinceEpoch(int(last_use.timestamp() * 1000)).toLocalTime()
        last = QLocale().toString(moment.time(), QLocale.FormatType.ShortFormat)
        tip = (
            _tr(
                "The prompt cache of this conversation stays warm for 5 minutes after the last request that wrote "
                "or read it (at {time}). A request sent before then reads the cached start of the conversation "
                "at a fraction of the input price, and keeps the cache warm."
            )
            if ttl == "5m"
            else _tr(
                "The prompt cache of this conversation stays warm for an hour after the last request that wrote "
                "or read it (at {time}). A request sent before then reads the cached start of the conversation "
                "at a fraction of the input price, and keeps the cache warm."
            )
        )
        self.cache_warm.setToolTip(tip.format(time=last))
        self.cache_warm.show()

    def hide_cache_warmth(self) -> None:
        self.cache_seconds_left = None
        self.cache_warm.hide()


def _cost_tooltip(totals: UsageTotals, cost: CostTotal) -> str:
    lines = [
        _tr("Every reply of this conversation, all branches ({n}):").format(n=totals.replies),
        _tr("Input: %Ln token(s) ({r} read from the cache, {w} written to it)", None, totals.total_input_tokens).format(
            r=format_number(totals.cache_read_input_tokens), w=format_number(totals.cache_creation_input_tokens)
        ),
        _tr("Output: %Ln token(s)", None, totals.output_tokens),
    ]
    if cost.searches:
        lines.append(_tr("%Ln web search(es)", None, cost.searches))
    if cost.priced:
        lines.append(_tr("Cost: {usd}").format(usd=format_usd(cost.usd)))
        if cost.cache_saved >= 0.00005:
            lines.append(_tr("Saved by the prompt cache: {usd}").format(usd=format_usd(cost.cache_saved)))
        elif cost.cache_saved <= -0.00005:
            lines.append(_tr("Added by cache writes: {usd}").format(usd=format_usd(-cost.cache_saved)))
    if cost.reported:
        lines.append(_tr("{n} of the costs reported by the provider").format(n=cost.reported))
    if cost.unpriced:
        lines.append(_tr("%Ln replies of models without a price (Edit ▸ Prices…)", None, cost.unpriced))
    return "\n".join(lines)


def _clock(seconds: int) -> str:
    """``3:12``, ``59:59``, ``1:00:00``."""
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
