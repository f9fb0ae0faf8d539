"""Seeing what happens: the request inspector (per reply, and Conversation ▸ Inspect Last Request…), the live
token count of the next request in the status bar, and what replies cost (under each reply, and for the
whole conversation in the status bar), with the price table under Edit ▸ Prices…."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence, QPalette

from app.chat.pricing import CostTotal, PriceTable, load_prices, store_prices
from app.chat.token_counter import TokenCounter, TooLong
from app.language import format_number, format_usd
from app.store import StoreError
from app.store.models import Message, UsageTotals
from app.ui.main_window import add_status_field
from app.ui.problem_note import severity_colour

if TYPE_CHECKING:  # the dialogs are imported when first opened
    from app.gui import Samtal
    from app.ui.inspector import Inspection, InspectorDialog


class InspectorWiring(QObject):
    """The feature's objects and slots; lives as long as the root (its Qt child)."""

    def __init__(self, root: Samtal) -> None:
        super().__init__(root)
        self._root = root
        self.prices = load_prices(root.settings.user)
        self.dialog: InspectorDialog | None = None
        self._costed: int | None = None  # the conversation whose cost the status bar shows
        self._cost_stale = True
        self._closing = False  # the window closes: the store is about to close too

        self.draft_tokens = add_status_field(root.window, "statusDraftTokens")
        self.conversation_cost = add_status_field(root.window, "statusConversationCost")

        self.counter = TokenCounter(root.connections, self.draft_request, parent=self)
        self.counter.counted.connect(self._show_count)
        self.counter.too_long.connect(self._show_too_long)
        self.counter.hidden.connect(self.draft_tokens.hide)
        self._cost_timer = QTimer(self)
        self._cost_timer.setSingleShot(True)
        self._cost_timer.setInterval(0)  # after the root's own slots have changed the conversation on screen
        self._cost_timer.timeout.connect(self._show_conversation_cost)

        self.inspect_last_action = QAction(self.tr("&Inspect Last Request…"), root.window)
        self.inspect_last_action.setShortcut(QKeySequence("Ctrl+I"))
        self.inspect_last_action.setStatusTip(self.tr("The request, response headers and usage of the last reply"))
        self.inspect_last_action.triggered.connect(self.inspect_last)
        self.prices_action = QAction(self.tr("&Prices…"), root.window)
        self.prices_action.setStatusTip(self.tr("Token prices per model, used for the costs shown"))
        self.prices_action.triggered.connect(self.edit_prices)
        commands = root.window.commands
        root.window.add_command(self.inspect_last_action, commands.regenerate)
        root.window.add_command(self.prices_action, commands.search)

        root.transcript.set_usage_note(self.usage_note)
        self._connect()

    def _connect(self) -> None:
        root = self._root
        root.transcript.inspect_requested.connect(self.inspect)
        root.composer.edit.textChanged.connect(self._on_draft_changed)
        root.composer.attachments_changed.connect(self.counter.schedule)
        root.parameters.params_changed.connect(self.counter.schedule)
        root.connections.changed.connect(self.counter.schedule)
        root.controller.reply_started.connect(lambda cid, _mid: self._on_conversation_changed(cid))
        root.controller.reply_finished.connect(self._on_reply_finished)
        root.controller.branch_changed.connect(self._on_conversation_changed)
        root.controller.conversation_changed.connect(self._on_conversation_changed)
        root.current_changed.connect(self._cost_timer.start)
        root.current_changed.connect(self.counter.schedule)
        root.branch_shown.connect(self._on_branch_shown)
        root.window.closing.connect(self._on_closing)

    def _on_closing(self) -> None:
        self._closing = True
        self.counter.cancel()
        self._cost_timer.stop()

    # --- the inspector ---

    def inspect(self, message_id: int) -> None:
        """Show the request inspector for a reply (brought to the front if already open)."""
        inspection = self._inspection(message_id)
        if inspection is None:
            return
        if self.dialog is None:
            from app.ui.inspector import InspectorDialog

            self.dialog = InspectorDialog(self._root.window)
        self.dialog.show_inspection(inspection)
        if self.dialog.isVisible():  # maybe behind the main window: bring it forward
            self.dialog.raise_()
            self.dialog.activateWindow()
        else:
            self.dialog.show()

    def _inspection(self, message_id: int) -> Inspection | None:
        store = self._root.store
        try:
            message = store.message(message_id)
            request = store.request(message_id)
        except StoreError as exc:
            self._root.window.statusBar().showMessage(str(exc), 8000)
            return None
        connection = self._root.connections.connection
        from app.ui.inspector import Inspection

        return Inspection(
            message=message,
            request=request,
            full_request=lambda: store.request(message_id, with_attachment_data=True),
            attachment_info=self._attachment_info,
            provider=connection.provider if connection is not None else None,
            cost=self.prices.cost(message.model, message.usage),
            api_version=self._root.connections.api_version,
        )

    def inspect_last(self) -> None:
        """Inspect the last reply of the conversation on screen."""
        current = self._root.current
        replies = [m for m in self._root.store.path(current) if m.role == "assistant"] if current is not None else []
        if not replies:
            self._root.window.statusBar().showMessage(self.tr("There is no reply to inspect yet."), 5000)
            return
        self.inspect(replies[-1].id)

    def _attachment_info(self, digest: str) -> tuple[str, int] | None:
        try:
            attachment = self._root.store.attachment(digest)
        except StoreError:
            return None
        return attachment.media_type, attachment.size

    # --- the live token count ---

    def draft_request(self) -> dict[str, Any] | None:
        """The request Send would make now (`Samtal.draft_request`); None: nothing to count, or a reply is
        still streaming in the conversation on screen."""
        root = self._root
        current = root.current
        if self._closing or (current is not None and root.controller.is_streaming(current)):
            return None
        try:
            return root.draft_request()
        except StoreError:  # the conversation was just deleted
            return None

    def _show_count(self, tokens: int) -> None:
        self.draft_tokens.setText(
            self.tr("≈ %Ln input token(s)", None, tokens),
            self.tr("≈ {n} in").format(n=format_number(tokens)),
        )
        self.draft_tokens.setToolTip(
            self.tr(
                "The provider's estimate of the next request: your draft, the conversation so far and the parameters"
            )
        )
        self.draft_tokens.setPalette(QPalette())  # the status bar's colours again
        self.draft_tokens.show()

    def _show_too_long(self, too_long: TooLong) -> None:
        """Where the count goes: the next request would be refused for its length, so say so in the warning
        colour (the provider's own words in the tooltip)."""
        if too_long.tokens is not None and too_long.limit is not None:
            figures = {"n": format_number(too_long.tokens), "limit": format_number(too_long.limit)}
            text = self.tr("Too long for the model: {n} tokens > {limit}").format(**figures)
            short = self.tr("Too long: {n} > {limit}").format(**figures)
        else:
            text, short = self.tr("Too long for the model"), self.tr("Too long")
        self.draft_tokens.setText(text, short)
        advice = self.tr(
            "The provider refuses this request as it stands: “{message}”. Remove attachments or text, or choose "
            "a model with a larger context."
        )
        # Rich text on purpose, with the provider's words escaped: a tooltip guesses plain or rich from its text.
        self.draft_tokens.setToolTip(f"<p>{html.escape(advice.format(message=too_long.message))}</p>")
        palette = self.draft_tokens.palette()
        palette.setColor(QPalette.ColorRole.WindowText, severity_colour("warning", palette))
        self.draft_tokens.setPalette(palette)
        self.draft_tokens.show()

    def _on_draft_changed(self) -> None:
        self.counter.schedule()
        self._cost_timer.start()  # opening another conversation puts its draft in the composer

    def _on_reply_finished(self, conversation_id: int, message_id: int, _status: str) -> None:
        self._on_conversation_changed(conversation_id)
        self._show_again(message_id)  # the reply ended: its headers, usage and timings

    def _show_again(self, message_id: int | None = None) -> None:
        """Show the open inspector's reply again, read afresh (only when it shows ``message_id``, if given)."""
        dialog = self.dialog
        shown = dialog.inspection if dialog is not None and dialog.isVisible() else None
        if dialog is None or shown is None or message_id not in (None, shown.message.id):
            return
        inspection = self._inspection(shown.message.id)
        if inspection is not None:
            dialog.show_inspection(inspection)

    def _on_branch_shown(self) -> None:
        """The branch on screen may be another one, or longer (written by another process): count again."""
        if self._root.current is not None:
            self._on_conversation_changed(self._root.current)

    def _on_conversation_changed(self, conversation_id: int) -> None:
        self._forget(conversation_id)
        if conversation_id == self._root.current:
            self.counter.schedule()

    def _forget(self, conversation_id: int) -> None:
        if conversation_id == self._costed:
            self._cost_stale = True
        self._cost_timer.start()

    # --- costs ---

    def usage_note(self, message: Message) -> str:
        """What a reply cost, added to its usage line in the transcript: what the cache saved (or cost more,
        when it was only written), then the cost (searches included)."""
        cost = self.prices.cost(message.model, message.usage)
        if cost is None:
            return ""
        parts = []
        if cost.cache_saved is not None and abs(cost.cache_saved) >= 0.00005:
            saved = format_usd(abs(cost.cache_saved))
            if cost.cache_saved > 0:
                parts.append(self.tr("cache saved {usd}").format(usd=saved))
            else:
                parts.append(self.tr("cache added {usd}").format(usd=saved))
        usd = format_usd(cost.usd)
        parts.append(self.tr("{cost} (reported)").format(cost=usd) if cost.reported else usd)
        return " · ".join(parts)

    def _show_conversation_cost(self) -> None:
        current = self._root.current
        if self._closing or (current == self._costed and not self._cost_stale):
            return
        self._costed, self._cost_stale = current, False
        if current is None:
            self.conversation_cost.hide()
            return
        store = self._root.store
        try:
            totals = store.usage_totals(current)
            replies = store.reply_usages(current)
        except StoreError:
            self.conversation_cost.hide()
            return
        if not totals.replies:
            self.conversation_cost.hide()
            return
        cost = self.prices.total(replies)
        tokens = totals.total_input_tokens + totals.output_tokens
        text = self.tr("This conversation: %Ln token(s)", None, tokens)
        short = self.tr("all %Ln token(s)", None, tokens)
        if cost.priced:
            text += " · " + format_usd(cost.usd)
            short += " · " + format_usd(cost.usd)
        self.conversation_cost.setText(text, short)
        self.conversation_cost.setToolTip(self._cost_tooltip(totals.replies, cost, totals))
        self.conversation_cost.show()

    def _cost_tooltip(self, replies: int, cost: CostTotal, totals: UsageTotals) -> str:
        lines = [
            self.tr("Every reply of this conversation, all branches ({n}):").format(n=replies),
            self.tr(
                "Input: %Ln token(s) ({r} read from the cache, {w} written to it)", None, totals.total_input_tokens
            ).format(
                r=format_number(totals.cache_read_input_tokens), w=format_number(totals.cache_creation_input_tokens)
            ),
            self.tr("Output: %Ln token(s)", None, totals.output_tokens),
        ]
        if cost.searches:
            lines.append(self.tr("%Ln web search(es)", None, cost.searches))
        if cost.priced:
            lines.append(self.tr("Cost: {usd}").format(usd=format_usd(cost.usd)))
            if cost.cache_saved >= 0.00005:
                lines.append(self.tr("Saved by the prompt cache: {usd}").format(usd=format_usd(cost.cache_saved)))
            elif cost.cache_saved <= -0.00005:
                lines.append(self.tr("Added by cache writes: {usd}").format(usd=format_usd(-cost.cache_saved)))
        if cost.reported:
            lines.append(self.tr("{n} of the costs reported by the provider").format(n=cost.reported))
        if cost.unpriced:
            lines.append(self.tr("%Ln replies of models without a price (Edit ▸ Prices…)", None, cost.unpriced))
        return "\n".join(lines)

    # --- prices ---

    def edit_prices(self) -> None:
        """The price table dialog; accepted edits are kept in the settings."""
        from app.ui.price_table import PriceTableDialog

        dialog = PriceTableDialog(self.prices, self._root.window)
        try:
            if dialog.exec():
                self.set_prices(dialog.table())
        finally:
            dialog.deleteLater()

    def set_prices(self, table: PriceTable) -> None:
        """Use ``table`` from now on, keep it in the settings and show the costs again."""
        self.prices = table
        store_prices(self._root.settings.user, table)
        self._root.save_user_settings()
        self._root.transcript.set_usage_note(self.usage_note)
        self._cost_stale = True
        self._cost_timer.start()
        self._show_again()  # its cost too


def install(root: Samtal) -> None:
    """Install the inspector, the token count and the costs (see the module docstring)."""
    InspectorWiring(root)
