"""The request inspector: what was sent for one reply and what came back.

It shows the request body exactly as it was handed to the API client (attachment data abbreviated to
``<image/png, 183.2 kB, sha256 ab12cd34…>``), highlighted and copyable; the response headers kept with the
reply (request id, rate limits with their reset times made human); the stop reason, usage, cost, timings
and model; and "Copy as cURL", a runnable command for the provider in use that reads the token from
``$ANTHROPIC_API_KEY`` or ``$ANTHROPIC_AUTH_TOKEN``. The token itself is never part of a stored request,
so it cannot appear here.

The dialog does no I/O: the composition root hands it an `Inspection` whose callables read attachment
details and data from the store.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import shlex
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.api.params import MAX_NONSTREAMING_TOKENS
from app.api.providers import DEFAULT_API_VERSION, Provider
from app.api.request import params_of_request
from app.attachments import format_size
from app.chat.pricing import Cost
from app.language import format_number, format_usd
from app.language import tr as _tr
from app.render import DARK, LIGHT
from app.store.models import Message, refusal_reason
from app.ui.design import Space
from app.ui.param_choices import cache_options, label_of, property_count
from app.ui.rich_text import monospace_font
from app.ui.screen_fit import resize_to_fit

__all__ = [
    "AttachmentInfo",
    "Inspection",
    "InspectorDialog",
    "abbreviate_attachments",
    "curl_command",
    "describe_header",
    "human_duration",
]

AttachmentInfo = Callable[[str], tuple[str, int] | None]  # sha256 → (media type, size in bytes)

API_KEY_VARIABLE = "ANTHROPIC_API_KEY"
AUTH_TOKEN_VARIABLE = "ANTHROPIC_AUTH_TOKEN"
ATTACHMENT_KEY = "_attachment"
MAX_HIGHLIGHT_CHARS = 200_000  # beyond this Pygments takes too long: plain text
_HASH_SHOWN = 8
SIZE = (860, 680)
SMALL_WIDTH = 560  # for a message with no request: a few lines


@dataclass(frozen=True)
class Inspection:
    """Everything the inspector shows about one reply.

    ``request`` is the stored body (attachments as ``_attachment`` references), ``full_request`` reads it
    with the attachment data (called only when a copy with the data is asked for), ``attachment_info``
    describes a stored attachment, ``provider`` is where a cURL command sends the request (None: not
    connected) and ``api_version`` the ``anthropic-version`` it sends, ``cost`` what the reply cost (None:
    unknown).
    """

    message: Message
    request: dict[str, Any] | None
    full_request: Callable[[], dict[str, Any] | None]
    attachment_info: AttachmentInfo
    provider: Provider | None
    cost: Cost | None
    api_version: str = DEFAULT_API_VERSION


# --- the request, for people and for the shell ---


def abbreviate_attachments(request: Mapping[str, Any], attachment_info: AttachmentInfo) -> dict[str, Any]:
    """A copy of ``request`` whose attachment data (stored references or inline base64) reads like
    ``<image/png, 183.2 kB, sha256 ab12cd34…>``, so that the JSON stays readable."""

    def visit(value: Any) -> Any:
        if isinstance(value, list):
            return [visit(item) for item in value]
        if not isinstance(value, dict):
            return value
        ref = value.get(ATTACHMENT_KEY)
        source = value.get("source")
        if isinstance(source, dict) and (isinstance(ref, str) or _is_inline_data(source)):
            info = attachment_info(ref) if isinstance(ref, str) else _inline_info(source)
            digest = ref if isinstance(ref, str) else _inline_digest(source)
            block = {key: visit(item) for key, item in value.items() if key != ATTACHMENT_KEY}
            block["source"] = {**source, "data": _placeholder(source, info, digest)}
            return block
        return {key: visit(item) for key, item in value.items()}

    result: dict[str, Any] = visit(dict(request))
    return result


def _is_inline_data(source: Mapping[str, Any]) -> bool:
    return source.get("type") == "base64" and isinstance(source.get("data"), str)


def _inline_info(source: Mapping[str, Any]) -> tuple[str, int] | None:
    raw = _decoded(source)
    return (str(source.get("media_type") or ""), len(raw)) if raw is not None else None


def _inline_digest(source: Mapping[str, Any]) -> str:
    raw = _decoded(source)
    return hashlib.sha256(raw).hexdigest() if raw is not None else ""


def _decoded(source: Mapping[str, Any]) -> bytes | None:
    try:
        return base64.b64decode(str(source.get("data")), validate=True)
    except (binascii.Error, ValueError):
        return None


def _placeholder(source: Mapping[str, Any], info: tuple[str, int] | None, digest: str) -> str:
    media_type = info[0] if info and info[0] else str(source.get("media_type") or "data")
    parts = [media_type]
    if info is not None:
        parts.append(format_size(info[1]))
    if digest:
        parts.append(f"sha256 {digest[:_HASH_SHOWN]}…")
    return f"<{', '.join(parts)}>"


def curl_command(request: Mapping[str, Any], provider: Provider, api_version: str = DEFAULT_API_VERSION) -> str:
    """A shell command that sends ``request`` to ``provider`` with curl, as ``api_version``.

    The token is read from ``$ANTHROPIC_API_KEY`` (x-api-key providers) or ``$ANTHROPIC_AUTH_TOKEN``
    (bearer providers); the body goes on standard input through a quoted here-document, so nothing in it
    is expanded by the shell and no size limit on arguments applies. A request without "stream" is sent
    whole (curl prints the reply at once), except when its max_tokens is more than the API accepts
    unstreamed: then it asks for the stream, so that the command works.
    """
    if "stream" not in request and _is_big(request.get("max_tokens")):
        request = {**request, "stream": True}
    body = json.dumps(request, ensure_ascii=False, indent=2)
    lines = body.splitlines()
    delimiter = "JSON"
    while delimiter in lines:  # impossible for json.dumps output, but the command must stay right
        delimiter += "_END"
    if provider.auth == "bearer":
        auth = f'-H "Authorization: Bearer ${AUTH_TOKEN_VARIABLE}"'
    else:
        auth = f'-H "x-api-key: ${API_KEY_VARIABLE}"'
    options = [
        f"curl -sS{'N' if request.get('stream') is True else ''} {shlex.quote(provider.base_url + '/v1/messages')}",
        "-H 'content-type: application/json'",
        f"-H 'anthropic-version: {api_version}'",
        auth,
        f"--data-binary @- <<'{delimiter}'",
    ]
    return " \\\n  ".join(options) + "\n" + body + "\n" + delimiter + "\n"


def _is_big(max_tokens: object) -> bool:
    return isinstance(max_tokens, int) and not isinstance(max_tokens, bool) and max_tokens > MAX_NONSTREAMING_TOKENS


# --- response headers ---


def human_duration(seconds: float) -> str:
    """``42 s``, ``3 min 5 s``, ``2 h 10 min``."""
    total = max(0, round(seconds))
    if total < 60:
        return _tr("{s} s").format(s=total)
    minutes, secs = divmod(total, 60)
    if minutes < 60:
        return _tr("{m} min {s} s").format(m=minutes, s=secs) if secs else _tr("{m} min").format(m=minutes)
    hours, minutes = divmod(minutes, 60)
    return _tr("{h} h {m} min").format(h=hours, m=minutes) if minutes else _tr("{h} h").format(h=hours)


def describe_header(name: str, value: str, headers: Mapping[str, str], now: datetime) -> str:
    """What a response header means for people (``in 42 s`` for a rate-limit reset), or ``""``."""
    lowered = name.lower()
    if lowered.endswith("-reset"):
        return _describe_reset(value, now)
    if lowered.endswith("-remaining"):
        limit = headers.get(lowered[: -len("remaining")] + "limit")
        if limit is not None:
            return _tr("{remaining} of {limit} left").format(remaining=_number(value), limit=_number(limit))
    if lowered in ("retry-after", "retry-after-ms"):
        try:
            seconds = float(value) / (1000 if lowered.endswith("-ms") else 1)
        except ValueError:
            return ""
        return _tr("wait {t} before retrying").format(t=human_duration(seconds))
    if lowered in ("request-id", "x-request-id"):
        return _tr("quote this id when you ask support about this reply")
    return ""


def _describe_reset(value: str, now: datetime) -> str:
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone()
    shown = local.strftime("%H:%M:%S" if local.date() == now.astimezone().date() else "%Y-%m-%d %H:%M:%S")
    seconds = (moment - now).total_seconds()
    if seconds > 0:
        return _tr("in {t} (at {time})").format(t=human_duration(seconds), time=shown)
    return _tr("passed (at {time})").format(time=shown)


def _number(text: str) -> str:
    try:
        return format_number(int(text))
    except ValueError:
        return text


# --- highlighting ---


def _highlighted_html(text: str, language: str, style: str) -> str | None:
    """Pygments' inline-styled HTML for ``text`` in a wrapping ``<pre>``, or None when it is too long."""
    if len(text) > MAX_HIGHLIGHT_CHARS:
        return None
    from pygments import highlight
    from pygments.formatters.html import HtmlFormatter
    from pygments.lexers import get_lexer_by_name

    spans = highlight(text, get_lexer_by_name(language), HtmlFormatter(style=style, noclasses=True, nowrap=True))
    return f'<pre style="margin: 0px; white-space: pre-wrap;">{spans}</pre>'


class _CodeView(QTextBrowser):
    """Read-only, selectable monospace text, highlighted when it is not too long."""

    def __init__(self, object_name: str, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setAccessibleName(accessible_name)
        self.setOpenLinks(False)
        self.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)
        self.document().setDefaultFont(monospace_font())

    def show_code(self, text: str, language: str) -> None:
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        rendered = _highlighted_html(text, language, (DARK if dark else LIGHT).pygments_style)
        if rendered is None:
            self.setPlainText(text)
        else:
            self.setHtml(rendered)


# --- the dialog ---


class InspectorDialog(QDialog):
    """Shows an `Inspection`; see the module docstring. Non-modal: it can stay open while chatting and
    be pointed at another reply with `show_inspection`."""

    def __init__(self, parent: QWidget | None = None, *, clock: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self._clock = clock or (lambda: datetime.now(UTC))
        self._inspection: Inspection | None = None
        self._shown_request: dict[str, Any] | None = None
        self.setWindowTitle(self.tr("Request Inspector"))
        resize_to_fit(self, *SIZE)

        layout = QVBoxLayout(self)
        self.summary = QGridLayout()
        self.summary.setHorizontalSpacing(Space.M)
        self.summary.setVerticalSpacing(Space.XS)
        self.summary.setColumnStretch(1, 1)
        self.summary.setColumnStretch(3, 1)
        self._fields: dict[str, QLabel] = {}
        self._captions: dict[str, QLabel] = {}
        rows = [
            ("model", self.tr("Model")),
            ("status", self.tr("Status")),
            ("stop", self.tr("Stop reason")),
            ("request_id", self.tr("Request id")),
            ("tokens", self.tr("Tokens")),
            ("cost", self.tr("Cost")),
            ("timings", self.tr("Timings")),
            ("message_id", self.tr("Message id")),
            ("options", self.tr("Sent with")),
        ]
        per_column = (len(rows) + 1) // 2
        for index, (key, title) in enumerate(rows):
            row, column = index % per_column, (index // per_column) * 2
            caption = QLabel(title + ":", self)
            caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            field = QLabel(self)
            field.setObjectName(f"inspector-{key}")
            field.setWordWrap(True)
            field.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            field.setTextFormat(Qt.TextFormat.PlainText)  # error messages and ids are not markup
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.summary.addWidget(caption, row, column)
            self.summary.addWidget(field, row, column + 1)
            self._fields[key] = field
            self._captions[key] = caption
        layout.addLayout(self.summary)

        # A message with no request (imported: Samtal records the request of every reply it sends) has
        # nothing for the tabs and buttons: this says so instead, under what is known.
        self.no_request_note = QLabel(
            self.tr(
                "No request was recorded for this message: it was imported (an export from claude.ai keeps the "
                "conversation, not the requests). What is known about it is shown above."
            ),
            self,
        )
        self.no_request_note.setObjectName("inspectorNoRequest")
        self.no_request_note.setWordWrap(True)
        self.no_request_note.hide()
        layout.addWidget(self.no_request_note)

        self.tabs = QTabWidget(self)
        self.request_view = _CodeView("inspectorRequest", self.tr("Request body"), self)
        self.request_note = QLabel(self)
        self.request_note.setWordWrap(True)
        request_page = QWidget(self)
        request_layout = QVBoxLayout(request_page)
        request_layout.setContentsMargins(0, 0, 0, 0)
        request_layout.addWidget(self.request_view)
        request_layout.addWidget(self.request_note)
        self.headers_table = QTableWidget(0, 3, self)
        self.headers_table.setHorizontalHeaderLabels([self.tr("Header"), self.tr("Value"), self.tr("Meaning")])
        self.headers_table.verticalHeader().hide()
        self.headers_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.headers_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.headers_table.horizontalHeader().setStretchLastSection(True)
        self.curl_view = _CodeView("inspectorCurl", self.tr("cURL command"), self)
        self.tabs.addTab(request_page, self.tr("Request"))
        self.tabs.addTab(self.headers_table, self.tr("Response headers"))
        self.tabs.addTab(self.curl_view, self.tr("cURL"))
        layout.addWidget(self.tabs, 1)
        self._no_request_stretch = QWidget(self)  # keeps the summary at the top while the tabs are hidden
        self._no_request_stretch.hide()
        layout.addWidget(self._no_request_stretch, 1)

        buttons = QHBoxLayout()
        self.copy_json_button = QPushButton(self.tr("Copy JSON"), self)
        self.copy_json_button.setToolTip(self.tr("Copy the request body"))
        self.copy_json_button.clicked.connect(self.copy_json)
        self.copy_curl_button = QPushButton(self.tr("Copy as cURL"), self)
        self.copy_curl_button.setToolTip(
            self.tr("Copy a curl command that sends this request; it reads the token from an environment variable")
        )
        self.copy_curl_button.clicked.connect(self.copy_curl)
        self.full_data_box = QCheckBox(self.tr("Include attachment data"), self)
        self.full_data_box.setToolTip(
            self.tr("Copy the attachments in full (a runnable request) rather than abbreviated")
        )
        self.full_data_box.setChecked(True)
        self.feedback = QLabel(self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        for widget in (self.copy_json_button, self.copy_curl_button, self.full_data_box, self.feedback):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)

    # --- the contract ---

    @property
    def inspection(self) -> Inspection | None:
        return self._inspection

    def field_text(self, key: str) -> str:
        """The text of one summary field (``model``, ``status``, ``stop``, ``tokens``, ``cost``,
        ``timings``, ``request_id``, ``message_id``, ``options``: what the request asked for beyond the model)."""
        return self._fields[key].text()

    def show_inspection(self, inspection: Inspection) -> None:
        """Show everything about ``inspection``'s reply."""
        self._inspection = inspection
        message = inspection.message
        request = inspection.request
        self._shown_request = (
            abbreviate_attachments(request, inspection.attachment_info) if request is not None else None
        )
        self.setWindowTitle(self.tr("Request Inspector — reply {id}").format(id=message.id))
        self._show_summary(message, request, inspection.cost)
        self._show_request()
        self._show_headers(message.response_headers or {})
        recorded = request is not None
        for key, field in self._fields.items():  # without a request, only what is known: no rows of dashes
            known = recorded or field.text() != "–"
            field.setVisible(known)
            self._captions[key].setVisible(known)
        was_recorded = self.tabs.isVisibleTo(self)
        self.no_request_note.setVisible(not recorded)
        self._no_request_stretch.setVisible(not recorded)
        self.tabs.setVisible(recorded)
        if recorded != was_recorded:  # a few lines need a small window; a request, the big one again
            layout = self.layout()
            if layout is not None:
                layout.activate()
            wanted = (SIZE[0], SIZE[1]) if recorded else (SMALL_WIDTH, self.minimumSizeHint().height() + 24)
            resize_to_fit(self, *wanted)
        self.full_data_box.setVisible(recorded and _has_attachments(request or {}))
        self.copy_json_button.setVisible(recorded)
        self.copy_curl_button.setVisible(recorded)
        self.copy_curl_button.setEnabled(inspection.provider is not None)
        self.feedback.clear()

    def request_text(self) -> str:
        """The request body as shown: pretty JSON, attachment data abbreviated."""
        if self._shown_request is None:
            return ""
        return json.dumps(self._shown_request, ensure_ascii=False, indent=2)

    def curl_text(self, *, full_data: bool | None = None) -> str:
        """The cURL command ("" when there is no request or no provider); ``full_data`` (default: the
        check box) puts the attachment data in, making the command runnable."""
        inspection = self._inspection
        if inspection is None or inspection.provider is None:
            return ""
        body = self._copied_request(self.full_data_box.isChecked() if full_data is None else full_data)
        return curl_command(body, inspection.provider, inspection.api_version) if body is not None else ""

    def copy_json(self) -> None:
        """Put the request body on the clipboard (attachment data per the check box)."""
        body = self._copied_request(self.full_data_box.isChecked())
        if body is not None:
            QGuiApplication.clipboard().setText(json.dumps(body, ensure_ascii=False, indent=2))
            self.feedback.setText(self.tr("Copied the request"))

    def copy_curl(self) -> None:
        """Put the cURL command on the clipboard."""
        text = self.curl_text()
        if text:
            QGuiApplication.clipboard().setText(text)
            variable = AUTH_TOKEN_VARIABLE if self._auth_is_bearer() else API_KEY_VARIABLE
            self.feedback.setText(self.tr("Copied: set ${name} before running it").format(name=variable))

    # --- internals ---

    def _auth_is_bearer(self) -> bool:
        inspection = self._inspection
        return inspection is not None and inspection.provider is not None and inspection.provider.auth == "bearer"

    def _copied_request(self, full_data: bool) -> dict[str, Any] | None:
        inspection = self._inspection
        if inspection is None or inspection.request is None:
            return None
        if full_data and _has_attachments(inspection.request):
            return inspection.full_request()
        return self._shown_request

    def _show_summary(self, message: Message, request: Mapping[str, Any] | None, cost: Cost | None) -> None:
        asked = request.get("model") if request is not None else None
        model = message.model or (str(asked) if asked else "")
        if asked and message.model and asked != message.model:
            model = self.tr("{model} (asked for {asked})").format(model=message.model, asked=asked)
        self._fields["model"].setText(model or "–")
        status: str = message.status
        if message.error is not None:
            status = f"{status}: {message.error.type}: {message.error.message}"
        self._fields["status"].setText(status)
        stop = message.stop_reason or "–"
        if message.stop_sequence:
            stop += " " + self.tr("(stop sequence {s})").format(s=json.dumps(message.stop_sequence, ensure_ascii=False))
        if reason := refusal_reason(message.stop_details):
            stop += " " + self.tr("({reason})").format(reason=reason)
        self._fields["stop"].setText(stop)
        self._fields["options"].setText(self._options_text(request))
        self._fields["tokens"].setText(self._tokens_text(message.usage))
        self._fields["cost"].setText(self._cost_text(cost, message.usage))
        self._fields["timings"].setText(self._timings_text(message.timings))
        headers = message.response_headers or {}
        request_id = headers.get("request-id") or (message.error.request_id if message.error else None)
        self._fields["request_id"].setText(request_id or "–")
        self._fields["message_id"].setText(message.api_id or "–")

    def _tokens_text(self, usage: Mapping[str, Any] | None) -> str:
        if not usage:
            return "–"

        def count(key: str) -> str:
            value = usage.get(key)
            return format_number(value) if isinstance(value, int) else "0"

        text = self.tr("{i} input · {o} output · cache: {r} read, {w} written").format(
            i=count("input_tokens"),
            o=count("output_tokens"),
            r=count("cache_read_input_tokens"),
            w=count("cache_creation_input_tokens"),
        )
        creation = usage.get("cache_creation")
        if isinstance(creation, Mapping):
            by_ttl = [
                label.format(n=format_number(value))
                for key, label in (
                    ("ephemeral_5m_input_tokens", self.tr("{n} for 5 minutes")),
                    ("ephemeral_1h_input_tokens", self.tr("{n} for 1 hour")),
                )
                if isinstance(value := creation.get(key), int) and value
            ]
            if by_ttl:
                text += " (" + ", ".join(by_ttl) + ")"
        tools = usage.get("server_tool_use")
        if isinstance(tools, Mapping):
            if isinstance(searches := tools.get("web_search_requests"), int) and searches:
                text += " · " + self.tr("%Ln web search(es)", None, searches)
            if isinstance(fetches := tools.get("web_fetch_requests"), int) and fetches:
                text += " · " + self.tr("%Ln web fetch(es)", None, fetches)
        if isinstance(tier := usage.get("service_tier"), str) and tier:
            text += " · " + self.tr("{tier} tier").format(tier=tier)
        return text

    def _options_text(self, request: Mapping[str, Any] | None) -> str:
        """What the request asked for beyond model and messages: effort, thinking, structured output, prompt
        caching, server tools, strict tools and the service tier, read back from the body as it was sent."""
        if request is None:
            return "–"
        params = params_of_request(request)
        parts = []
        if effort := params.get("effort"):
            parts.append(self.tr("effort {level}").format(level=effort))
        thinking = params.get("thinking")
        if isinstance(thinking, Mapping):
            kind = str(thinking.get("type") or "")
            budget = thinking.get("budget_tokens")
            text = (
                self.tr("thinking, budget {n}").format(n=format_number(budget))
                if kind == "enabled" and isinstance(budget, int)
                else self.tr("thinking {kind}").format(kind=kind)
            )
            if display := thinking.get("display"):
                text += " " + self.tr("({display})").format(display=display)
            parts.append(text)
        if isinstance(schema := params.get("output_format"), Mapping):
            parts.append(self.tr("structured output (%Ln properties)", None, property_count(schema)))
        if ttl := params.get("cache_ttl"):
            parts.append(self.tr("cache {ttl}").format(ttl=label_of(cache_options(), str(ttl))))
        for key, name in (("web_search", self.tr("web search")), ("web_fetch", self.tr("web fetch"))):
            options = params.get(key)
            if isinstance(options, Mapping):
                uses = options.get("max_uses")
                parts.append(name + (" " + self.tr("(at most {n})").format(n=uses) if isinstance(uses, int) else ""))
        tools = [tool for tool in params.get("tools") or [] if isinstance(tool, Mapping)]
        if tools:
            strict = sum(1 for tool in tools if tool.get("strict") is True)
            text = self.tr("%Ln tool(s)", None, len(tools))
            if strict:
                text += " " + self.tr("({n} strict)").format(n=strict)
            parts.append(text)
        if tier := params.get("service_tier"):
            parts.append(self.tr("service tier {tier}").format(tier=tier))
        return " · ".join(parts) or self.tr("model defaults")

    def _cost_text(self, cost: Cost | None, usage: Mapping[str, Any] | None) -> str:
        if cost is None:
            return self.tr("no price for this model (see Edit ▸ Prices…)") if usage else "–"
        if cost.reported:
            return self.tr("{usd} (reported by the provider)").format(usd=format_usd(cost.usd))
        return self.tr("{usd} (from the price table)").format(usd=format_usd(cost.usd))

    def _timings_text(self, timings: Mapping[str, Any] | None) -> str:
        timings = timings or {}
        parts = []
        for key, label, decimals in (
            ("time_to_first_byte", self.tr("first byte {v} s"), 2),
            ("time_to_first_text", self.tr("first text {v} s"), 2),
            ("duration", self.tr("total {v} s"), 2),
            ("output_tokens_per_second", self.tr("{v} tokens/s"), 1),
        ):
            value = timings.get(key)
            if isinstance(value, int | float):
                parts.append(label.format(v=format_number(value, decimals)))
        return " · ".join(parts) or "–"

    def _show_request(self) -> None:
        if self._shown_request is None:
            self.request_view.setPlainText(self.tr("No request was kept with this message."))
            self.curl_view.setPlainText("")
            self.request_note.setText("")
            return
        self.request_view.show_code(self.request_text(), "json")
        note = self.tr(
            'The request body Samtal kept for this reply. When sending it, Samtal added "stream" (true unless '
            "streaming was turned off); the cURL command leaves it out, so curl prints the whole reply at once "
            "(above {n} max_tokens, which the API takes only streamed, it asks for the stream)."
        ).format(n=format_number(MAX_NONSTREAMING_TOKENS))
        inspection = self._inspection
        if inspection is not None and inspection.request is not None and _has_attachments(inspection.request):
            note += " " + self.tr(
                "Attachment data is abbreviated here; Copy JSON and Copy as cURL include it in full while "
                "“Include attachment data” is ticked."
            )
        self.request_note.setText(note)
        if inspection is not None and inspection.provider is not None:
            self.curl_view.show_code(
                curl_command(self._shown_request, inspection.provider, inspection.api_version), "bash"
            )
        else:
            self.curl_view.setPlainText(self.tr("Not connected to a provider."))

    def _show_headers(self, headers: Mapping[str, str]) -> None:
        now = self._clock()
        lowered = {name.lower(): value for name, value in headers.items()}
        self.headers_table.clearSpans()
        self.headers_table.setRowCount(0)
        for name in sorted(lowered):
            row = self.headers_table.rowCount()
            self.headers_table.insertRow(row)
            value = lowered[name]
            for column, text in enumerate((name, value, describe_header(name, value, lowered, now))):
                self.headers_table.setItem(row, column, QTableWidgetItem(text))
        if not lowered:
            self.headers_table.setRowCount(1)
            item = QTableWidgetItem(self.tr("No response headers were kept with this message."))
            self.headers_table.setItem(0, 0, item)
            self.headers_table.setSpan(0, 0, 1, 3)


def _has_attachments(request: Mapping[str, Any]) -> bool:
    """Whether ``request`` references stored attachment data (anywhere, tool results included)."""

    def visit(value: Any) -> bool:
        if isinstance(value, dict):
            return ATTACHMENT_KEY in value or any(visit(item) for item in value.values())
        if isinstance(value, list):
            return any(visit(item) for item in value)
        return False

    return visit(request)
