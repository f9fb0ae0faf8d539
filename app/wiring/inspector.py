"""Seeing what happens: the request inspector (per reply, and Conversation ▸ Inspect Last Request…), the live
token count of the next request in the status bar, and what replies cost (under each reply, and for the
whole conversation in the status bar), with the price table under Edit ▸ Prices…."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMainWindow

from app.chat.connection import ConnectionManager
from app.chat.controller import ChatController
from app.chat.on_screen import OnScreen
from app.chat.pricing import PriceTable, load_prices, store_prices
from app.chat.token_counter import TokenCounter, TooLong
from app.language import format_usd
from app.settings import Settings
from app.store import Store, StoreError
from app.store.models import Message
from app.ui.actions import Actions
from app.ui.composer import Composer
from app.ui.parameters_panel import ParametersPanel
from app.ui.status_figures import StatusFigures
from app.ui.transcript import TranscriptView

if TYPE_CHECKING:  # the dialogs are imported when first opened
    from app.ui.inspector import Inspection, InspectorDialog


class InspectorFeature(QObject):
    """The inspector, the token count and the costs (see the module docstring).

    ``draft_request()`` is the request Send would make now (`app.gui.Samtal.draft_request`; None: no
    message); ``save_settings()`` writes the user settings (the price table is kept there)."""

    def __init__(
        self,
        *,
        store: Store,
        connections: ConnectionManager,
        controller: ChatController,
        on_screen: OnScreen,
        user_settings: Settings,
        save_settings: Callable[[], None],
        draft_request: Callable[[], dict[str, Any] | None],
        window: QMainWindow,
        commands: Actions,
        figures: StatusFigures,
        transcript: TranscriptView,
        composer: Composer,
        parameters: ParametersPanel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._connections = connections
        self._controller = controller
        self._on_screen = on_screen
        self._user_settings = user_settings
        self._save_settings = save_settings
        self._draft_request = draft_request
        self._window = window
        self._figures = figures
        self._transcript = transcript
        self.prices = load_prices(user_settings)
        self.dialog: InspectorDialog | None = None
        self._costed: int | None = None  # the conversation whose cost the status bar shows
        self._cost_stale = True
        self._closing = False  # the window closes: the store is about to close too

        self.counter = TokenCounter(connections, self.draft_request, parent=self)
        self.counter.counted.connect(figures.show_draft_count)
        self.counter.too_long.connect(self._show_too_long)
        self.counter.hidden.connect(figures.hide_draft_count)
        # Several changes in one turn of the event loop (a conversation opened: its draft, its branch, its
        # parameters) read the costs once.
        self._cost_timer = QTimer(self)
        self._cost_timer.setSingleShot(True)
        self._cost_timer.setInterval(0)
        self._cost_timer.timeout.connect(self._show_conversation_cost)

        commands.inspect_last_request.triggered.connect(self.inspect_last)
        commands.prices.triggered.connect(self.edit_prices)
        transcript.set_usage_note(self.usage_note)
        transcript.inspect_requested.connect(self.inspect)
        composer.text_changed.connect(self._on_draft_changed)
        composer.attachments_changed.connect(self.counter.schedule)
        parameters.params_changed.connect(self.counter.schedule)
        connections.changed.connect(self.counter.schedule)
        controller.reply_started.connect(lambda cid, _mid: self._on_conversation_changed(cid))
        controller.reply_finished.connect(self._on_reply_finished)
        controller.branch_changed.connect(self._on_conversation_changed)
        controller.conversation_changed.connect(self._on_conversation_changed)
        on_screen.changed.connect(self._cost_timer.start)
        on_screen.changed.connect(self.counter.schedule)
        on_screen.branch_shown.connect(self._on_branch_shown)

    def close(self) -> None:
        """The window closes: count and cost nothing more (the store is about to close)."""
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

            self.dialog = InspectorDialog(self._window)
        self.dialog.show_inspection(inspection)
        if self.dialog.isVisible():  # maybe behind the main window: bring it forward
            self.dialog.raise_()
            self.dialog.activateWindow()
        else:
            self.dialog.show()

    def _inspection(self, message_id: int) -> Inspection | None:
        store = self._store
        try:
            message = store.message(message_id)
            request = store.requests.get(message_id)
        except StoreError as exc:
            self._window.statusBar().showMessage(str(exc), 8000)
            return None
        connection = self._connections.connection
        from app.ui.inspector import Inspection

        return Inspection(
            message=message,
            request=request,
            full_request=lambda: store.requests.get(message_id, with_attachment_data=True),
            attachment_info=self._attachment_info,
            provider=connection.provider if connection is not None else None,
            cost=self.prices.cost(message.model, message.usage),
            api_version=self._connections.api_version,
        )

    def inspect_last(self) -> None:
        """Inspect the last reply of the conversation on screen."""
        current = self._on_screen.id
        replies = [m for m in self._store.path(current) if m.role == "assistant"] if current is not None else []
        if not replies:
            self._window.statusBar().showMessage(self.tr("There is no reply to inspect yet."), 5000)
            return
        self.inspect(replies[-1].id)

    def _attachment_info(self, digest: str) -> tuple[str, int] | None:
        try:
            attachment = self._store.attachments.get(digest)
        except StoreError:
            return None
        return attachment.media_type, attachment.size

    # --- the live token count ---

    def draft_request(self) -> dict[str, Any] | None:
        """The request Send would make now; None: nothing to count, or a reply is still streaming in the
        conversation on screen."""
        current = self._on_screen.id
        if self._closing or (current is not None and self._controller.is_streaming(current)):
            return None
        try:
            return self._draft_request()
        except StoreError:  # the conversation was just deleted
            return None

    def _show_too_long(self, too_long: TooLong) -> None:
        self._figures.show_too_long(too_long.tokens, too_long.limit, too_long.message)

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
        if self._on_screen.id is not None:
            self._on_conversation_changed(self._on_screen.id)

    def _on_conversation_changed(self, conversation_id: int) -> None:
        self._forget(conversation_id)
        if conversation_id == self._on_screen.id:
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
        current = self._on_screen.id
        if self._closing or (current == self._costed and not self._cost_stale):
            return
        self._costed, self._cost_stale = current, False
        if current is None:
            self._figures.hide_conversation_cost()
            return
        try:
            totals = self._store.usage.totals(current)
            replies = self._store.usage.replies(current)
        except StoreError:
            self._figures.hide_conversation_cost()
            return
        if not totals.replies:
            self._figures.hide_conversation_cost()
            return
        self._figures.show_conversation_cost(totals, self.prices.total(replies))

    # --- prices ---

    def edit_prices(self) -> None:
        """The price table dialog; accepted edits are kept in the settings."""
        from app.ui.price_table import PriceTableDialog

        dialog = PriceTableDialog(self.prices, self._window)
        try:
            if dialog.exec():
                self.set_prices(dialog.table())
        finally:
            dialog.deleteLater()

    def set_prices(self, table: PriceTable) -> None:
        """Use ``table`` from now on, keep it in the settings and show the costs again."""
        self.prices = table
        store_prices(self._user_settings, table)
        self._save_settings()
        self._transcript.set_usage_note(self.usage_note)
        self._cost_stale = True
        self._cost_timer.start()
        self._show_again()  # its cost too
