"""The settings dialog: provider profiles and tokens ("Providers") and the General preferences.

It lists what `app.chat.profiles.ProfileService` shows it and emits requests; the service acts. Adding,
editing and re-keying a profile happen in a `TokenDialog` opened on top, whose requests this dialog
passes on (so the service answers this dialog, which hands the answer to the token dialog).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.api.providers import DEFAULT_API_VERSION
from app.chat.profiles import ModelChoice, Preferences, ProfileSummary, SaveOutcome, TestResult
from app.language import NAMES, QT_TR_NOOP, SYSTEM, format_number, tr
from app.settings.options import LANGUAGES, TEXT_SIZES
from app.ui.design import Space
from app.ui.icons import icon
from app.ui.provider_form import Notice, set_secondary, token_place_text
from app.ui.token_dialog import Purpose, TokenDialog

Confirm = Callable[[QWidget, str, str, str], bool]

# (value, label); labels are translated when shown.
THEME_CHOICES: tuple[tuple[str, str], ...] = (
    ("system", QT_TR_NOOP("Same as the system")),
    ("light", QT_TR_NOOP("Light")),
    ("dark", QT_TR_NOOP("Dark")),
)

_PROFILE_ID = Qt.ItemDataRole.UserRole
_DETAILS = Qt.ItemDataRole.UserRole + 1
_ACTIVE = Qt.ItemDataRole.UserRole + 2


class _ProfileDelegate(QStyledItemDelegate):
    """Two lines per profile: the name (bold, with an "Active" mark, for the active one) over its provider
    and token state in the secondary text colour."""

    PADDING = 8

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        lines = 2 * option.fontMetrics.lineSpacing() + 2
        return QSize(200, lines + 2 * self.PADDING)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        view_option = QStyleOptionViewItem(option)
        self.initStyleOption(view_option, index)
        view_option.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, view_option, painter, widget)

        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = option.rect.adjusted(self.PADDING + 2, self.PADDING, -self.PADDING, -self.PADDING)
        line = option.fontMetrics.lineSpacing()
        active = bool(index.data(_ACTIVE))

        painter.save()
        name_font = QFont(option.font)
        name_font.setBold(active)
        painter.setFont(name_font)
        painter.setPen(palette.color(text_role))
        mark = QCoreApplication.translate("SettingsDialog", "Active") if active else ""
        mark_width = QFontMetrics(name_font).horizontalAdvance(mark) + self.PADDING if mark else 0
        name_rect = rect.adjusted(0, 0, -mark_width, 0)
        name = QFontMetrics(name_font).elidedText(str(index.data()), Qt.TextElideMode.ElideRight, name_rect.width())
        painter.drawText(name_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, name)
        if mark:
            if not selected:
                painter.setPen(palette.color(QPalette.ColorRole.Link))
            painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, mark)
        painter.setFont(option.font)
        secondary = palette.color(text_role if selected else QPalette.ColorRole.PlaceholderText)
        painter.setPen(secondary)
        details = option.fontMetrics.elidedText(str(index.data(_DETAILS)), Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(
            rect.adjusted(0, line + 2, 0, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, details
        )
        painter.restore()


def ask_to_confirm(parent: QWidget, title: str, text: str, action: str) -> bool:
    """Ask before something that can't be undone; the safe answer is the default."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Cancel, parent)
    go = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is go


class SettingsDialog(QDialog):
    """Tabs "Providers" (where requests go now, with a way back to the demo; profiles, the active one marked:
    Add, Edit, Replace token, Make active, Forget token, Remove; the default model of the profile in use) and
    "General" (send key, AI titles, theme, text size, language; the data and logs folders). ``confirm`` asks
    before removing a profile or forgetting a token (tests pass an answer).

    Signals:
        test_requested(ProfileDraft), save_requested(ProfileDraft), cancel_test_requested(): passed on from
            the token dialog this dialog opened.
        activate_requested(str): make this profile id the active one (`ask_for_token` if it has no token).
        remove_requested(str): delete this profile and its token.
        forget_token_requested(str): delete this profile's token.
        send_with_ctrl_enter_changed(bool), ai_titles_changed(bool), theme_changed(str), language_changed(str),
            text_size_changed(int): a preference changed (the language: ``system`` or a code of
            app.settings.LANGUAGES; the text size: one of app.settings.options.TEXT_SIZES).
        default_model_changed(str): new conversations of the profile in use start with this model ("": the
            provider's default).
        demo_requested(): talk to the demo server (no token, nothing leaves the computer).
        open_folder_requested(str): show this folder (the data or the logs folder) in the file manager.
    """

    test_requested = Signal(object)
    save_requested = Signal(object)
    cancel_test_requested = Signal()
    activate_requested = Signal(str)
    remove_requested = Signal(str)
    forget_token_requested = Signal(str)
    send_with_ctrl_enter_changed = Signal(bool)
    ai_titles_changed = Signal(bool)
    theme_changed = Signal(str)
    language_changed = Signal(str)
    text_size_changed = Signal(int)
    default_model_changed = Signal(str)
    demo_requested = Signal()
    open_folder_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, confirm: Confirm = ask_to_confirm) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumSize(620, 420)
        self._confirm = confirm
        self._summaries: list[ProfileSummary] = []
        self._storage: tuple[bool, str] | None = None  # (persistent, problem) once the keyring was asked
        self.token_dialog: TokenDialog | None = None

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_providers(), self.tr("&Providers"))
        self.tabs.addTab(self._build_general(), self.tr("&General"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(Space.L, Space.L, Space.L, Space.M)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self._selection_changed()

    def _build_providers(self) -> QWidget:
        page = QWidget(self)
        self.connection_label = QLabel(page)
        self.connection_label.setObjectName("connectionLabel")
        self.connection_label.setTextFormat(Qt.TextFormat.PlainText)
        self.connection_label.setWordWrap(True)
        self.demo_button = QPushButton(self.tr("Use the &Demo"), page)
        self.demo_button.setObjectName("useDemo")
        self.demo_button.setAutoDefault(False)
        self.demo_button.setToolTip(self.tr("Talk to the demo server on this computer: no token, nothing leaves it"))
        self.demo_button.setAccessibleDescription(self.demo_button.toolTip())
        self.profile_list = QListWidget(page)
        self.profile_list.setObjectName("profileList")
        self.profile_list.setAccessibleName(self.tr("Provider profiles"))
        self.profile_list.setItemDelegate(_ProfileDelegate(self.profile_list))
        self.profile_list.setUniformItemSizes(True)
        self.empty_label = QLabel(self.tr("No provider yet. Add one to chat with your own token."), page)
        self.empty_label.setWordWrap(True)

        self.add_button = QPushButton(self.tr("&Add…"), page)
        self.edit_button = QPushButton(self.tr("&Edit…"), page)
        self.replace_button = QPushButton(self.tr("&Replace token…"), page)
        self.activate_button = QPushButton(self.tr("&Make active"), page)
        self.forget_button = QPushButton(self.tr("&Forget token"), page)
        self.remove_button = QPushButton(self.tr("Re&move"), page)
        for button, name in (
            (self.add_button, "addProfile"),
            (self.edit_button, "editProfile"),
            (self.replace_button, "replaceToken"),
            (self.activate_button, "activateProfile"),
            (self.forget_button, "forgetToken"),
            (self.remove_button, "removeProfile"),
        ):
            button.setObjectName(name)
            button.setAutoDefault(False)
        column = QVBoxLayout()
        column.setSpacing(Space.S)
        for button in (self.add_button, self.edit_button, self.replace_button, self.activate_button):
            column.addWidget(button)
        column.addSpacing(Space.M)
        column.addWidget(self.forget_button)
        column.addWidget(self.remove_button)
        column.addStretch(1)

        row = QHBoxLayout()
        row.setSpacing(Space.M)
        row.addWidget(self.profile_list, 1)
        row.addLayout(column)
        self.keyring_notice = Notice(page)
        self.keyring_notice.setObjectName("keyringNotice")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(Space.M, Space.M, Space.M, Space.M)
        layout.setSpacing(Space.M)
        top = QHBoxLayout()
        top.setSpacing(Space.M)
        top.addWidget(self.connection_label, 1)
        top.addWidget(self.demo_button)
        layout.addLayout(top)
        layout.addLayout(row, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.keyring_notice)
        self.model_combo = QComboBox(page)
        self.model_combo.setObjectName("defaultModel")
        self.model_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.model_combo.setMinimumContentsLength(24)
        self.model_combo.setAccessibleName(self.tr("Default model"))
        self.model_combo.setAccessibleDescription(
            self.tr("The model new conversations start with when they use the provider in use")
        )
        self.model_hint = QLabel(page)
        self.model_hint.setObjectName("defaultModelHint")
        self.model_hint.setWordWrap(True)
        set_secondary(self.model_hint)
        model_form = QFormLayout()
        model_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        model_form.addRow(self.tr("Default &model:"), self.model_combo)
        model_form.addRow("", self.model_hint)
        layout.addLayout(model_form)
        self.demo_button.clicked.connect(self.demo_requested)
        self.model_combo.currentIndexChanged.connect(
            lambda: self.default_model_changed.emit(self.model_combo.currentData() or "")
        )

        self.profile_list.currentItemChanged.connect(self._selection_changed)
        self.profile_list.itemDoubleClicked.connect(lambda _item: self._open_token_dialog("edit"))
        self.add_button.clicked.connect(lambda: self._open_token_dialog("add"))
        self.edit_button.clicked.connect(lambda: self._open_token_dialog("edit"))
        self.replace_button.clicked.connect(lambda: self._open_token_dialog("token"))
        self.activate_button.clicked.connect(self._activate_clicked)
        self.forget_button.clicked.connect(self._forget_clicked)
        self.remove_button.clicked.connect(self._remove_clicked)
        return page

    def _build_general(self) -> QWidget:
        page = QWidget(self)
        self.ctrl_enter_box = QCheckBox(self.tr("Ctrl+Enter sends (Enter inserts a newline)"), page)
        self.ctrl_enter_box.setObjectName("sendWithCtrlEnter")
        self.ai_titles_box = QCheckBox(self.tr("Ask the model for conversation titles"), page)
        self.ai_titles_box.setObjectName("aiTitles")
        titles_hint = QLabel(
            self.tr(
                "Costs one short extra request per new conversation. Otherwise a conversation is named after "
                "the start of its first message."
            ),
            page,
        )
        titles_hint.setWordWrap(True)
        set_secondary(titles_hint)
        titles_hint.setContentsMargins(Space.XL, 0, 0, 0)
        self.theme_combo = QComboBox(page)
        self.theme_combo.setObjectName("theme")
        for value, label in THEME_CHOICES:
            self.theme_combo.addItem(tr(label), value)
        theme_row = QFormLayout()
        theme_row.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        theme_row.addRow(self.tr("&Theme:"), self.theme_combo)
        self.language_combo = QComboBox(page)
        self.language_combo.setObjectName("language")
        self.language_combo.addItem(self.tr("Same as the system"), SYSTEM)
        for code in LANGUAGES:  # each language by its own name, as people look for it
            self.language_combo.addItem(NAMES[code], code)
        self.text_size_combo = QComboBox(page)
        self.text_size_combo.setObjectName("textSize")
        for percent in TEXT_SIZES:
            label = self.tr("{percent} %").format(percent=format_number(percent))
            if percent == 100:
                label = self.tr("{percent} % (the system's)").format(percent=format_number(percent))
            self.text_size_combo.addItem(label, percent)
        self.text_size_combo.setAccessibleDescription(
            self.tr("The size of every text in the window; View ▸ Zoom changes the conversation's alone")
        )
        theme_row.addRow(self.tr("Te&xt size:"), self.text_size_combo)
        theme_row.addRow(self.tr("&Language:"), self.language_combo)
        self.language_hint = QLabel(self.tr("A new language is used from the next time Samtal starts."), page)
        self.language_hint.setObjectName("languageHint")
        self.language_hint.setWordWrap(True)
        set_secondary(self.language_hint)
        theme_row.addRow("", self.language_hint)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(Space.L, Space.L, Space.L, Space.L)
        layout.setSpacing(Space.M)
        layout.addWidget(self.ctrl_enter_box)
        layout.addWidget(self.ai_titles_box)
        layout.addWidget(titles_hint)
        layout.addSpacing(Space.S)
        layout.addLayout(theme_row)
        layout.addStretch(1)
        self.data_button = QPushButton(icon("folder"), self.tr("Open &Data Folder"), page)
        self.data_button.setObjectName("openDataFolder")
        self.logs_button = QPushButton(icon("folder"), self.tr("Open Lo&gs Folder"), page)
        self.logs_button.setObjectName("openLogsFolder")
        folders = QHBoxLayout()
        folders.setSpacing(Space.S)
        for button in (self.data_button, self.logs_button):
            button.setAutoDefault(False)
            button.setEnabled(False)  # until show_folders says where they are
            folders.addWidget(button)
        folders.addStretch(1)
        layout.addLayout(folders)
        self._folders = ("", "")
        self.data_button.clicked.connect(lambda: self.open_folder_requested.emit(self._folders[0]))
        self.logs_button.clicked.connect(lambda: self.open_folder_requested.emit(self._folders[1]))
        self.text_size_combo.currentIndexChanged.connect(
            lambda: self.text_size_changed.emit(self.text_size_combo.currentData())
        )

        self.ctrl_enter_box.toggled.connect(self.send_with_ctrl_enter_changed)
        self.ai_titles_box.toggled.connect(self.ai_titles_changed)
        self.theme_combo.currentIndexChanged.connect(lambda: self.theme_changed.emit(self.theme_combo.currentData()))
        self.language_combo.currentIndexChanged.connect(
            lambda: self.language_changed.emit(self.language_combo.currentData())
        )
        return page

    # --- what the service shows ---

    def show_profiles(self, summaries: list[ProfileSummary]) -> None:
        """List the profiles, keeping the selection (or selecting the active one)."""
        selected = self.selected_profile_id()
        self._summaries = list(summaries)
        self.profile_list.clear()
        for summary in summaries:
            item = QListWidgetItem(summary.profile.name, self.profile_list)
            details = self._details(summary)
            item.setData(_PROFILE_ID, summary.profile.id)
            item.setData(_DETAILS, details)
            item.setData(_ACTIVE, summary.active)
            spoken = [summary.profile.name, details] + ([self.tr("active")] if summary.active else [])
            item.setData(Qt.ItemDataRole.AccessibleTextRole, ", ".join(spoken))
        wanted = selected or next((s.profile.id for s in summaries if s.active), "")
        for row in range(self.profile_list.count()):
            if self.profile_list.item(row).data(_PROFILE_ID) == wanted:
                self.profile_list.setCurrentRow(row)
        self.empty_label.setVisible(not summaries)
        self._selection_changed()

    def show_connection(self, label: str) -> None:
        self.connection_label.setText(self.tr("Requests now go to: {label}").format(label=label))

    def show_preferences(self, preferences: Preferences) -> None:
        """Set the General tab without emitting change signals."""
        widgets = (self.ctrl_enter_box, self.ai_titles_box, self.theme_combo, self.language_combo, self.text_size_combo)
        for widget in widgets:
            widget.blockSignals(True)
        self.ctrl_enter_box.setChecked(preferences.send_with_ctrl_enter)
        self.ai_titles_box.setChecked(preferences.ai_titles)
        self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(preferences.theme)))
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(preferences.language)))
        self.text_size_combo.setCurrentIndex(max(0, self.text_size_combo.findData(preferences.text_size)))
        for widget in widgets:
            widget.blockSignals(False)

    def show_model_choice(self, choice: ModelChoice) -> None:
        """The models of the provider in use, its default selected; the demo button unless it is in use."""
        self.demo_button.setEnabled(not choice.demo)
        models, chosen, editable = choice.models, choice.chosen, choice.editable
        self.model_combo.blockSignals(True)
        self.model_combo.clear()
        self.model_combo.addItem(self.tr("The provider's default"), "")
        for model in models:
            self.model_combo.addItem(model.display_name, model.id)
            self.model_combo.setItemData(self.model_combo.count() - 1, model.id, Qt.ItemDataRole.ToolTipRole)
        if chosen and self.model_combo.findData(chosen) < 0:
            self.model_combo.addItem(chosen, chosen)  # chosen once, no longer listed: still shown as it is
        self.model_combo.setCurrentIndex(max(0, self.model_combo.findData(chosen)))
        self.model_combo.setEnabled(editable)
        self.model_combo.blockSignals(False)
        self.model_hint.setText(
            self.tr("For new conversations with this provider; a conversation keeps the model it has.")
            if editable
            else self.tr("Requests don't go through a profile now: the demo and the environment choose their model.")
        )

    def show_folders(self, data: str, logs: str) -> None:
        """Where the data (conversations, attachments) and the logs are (the buttons open them)."""
        self._folders = (data, logs)
        for button, path in ((self.data_button, data), (self.logs_button, logs)):
            button.setEnabled(bool(path))
            button.setToolTip(path)
            button.setAccessibleDescription(path)

    def show_token_storage(self, persistent: bool, problem: str) -> None:
        """A warning when tokens can't be kept after Samtal quits (and the same for a token dialog open now
        or later)."""
        self._storage = (persistent, problem)
        if persistent:
            self.keyring_notice.clear()
        else:
            self.keyring_notice.show_message("warning", self.tr("Tokens can't be kept after Samtal quits."), problem)
        if self.token_dialog is not None:
            self.token_dialog.show_token_storage(persistent, problem)

    def ask_for_token(self, profile_id: str) -> None:
        """The profile has no token: ask for one, and make it active once saved."""
        self._select(profile_id)
        self._open_token_dialog("token", activate=True)

    # Answers to the token dialog's requests.

    def show_test_result(self, result: TestResult) -> None:
        if self.token_dialog is not None:
            self.token_dialog.show_test_result(result)

    def show_save_problem(self, text: str) -> None:
        if self.token_dialog is not None:
            self.token_dialog.show_save_problem(text)

    def show_saved(self, outcome: SaveOutcome) -> None:
        if self.token_dialog is not None:
            self.token_dialog.show_saved(outcome)
        self._select(outcome.profile.id)

    # --- internals ---

    def selected_profile_id(self) -> str:
        item = self.profile_list.currentItem()
        return str(item.data(_PROFILE_ID)) if item is not None else ""

    def _selected(self) -> ProfileSummary | None:
        wanted = self.selected_profile_id()
        return next((s for s in self._summaries if s.profile.id == wanted), None)

    def _select(self, profile_id: str) -> None:
        for row in range(self.profile_list.count()):
            if self.profile_list.item(row).data(_PROFILE_ID) == profile_id:
                self.profile_list.setCurrentRow(row)

    def _details(self, summary: ProfileSummary) -> str:
        details = [summary.provider_label]
        if summary.profile.kind == "custom":
            details.append("Bearer" if summary.profile.auth == "bearer" else "x-api-key")
        if summary.profile.api_version != DEFAULT_API_VERSION:
            details.append(self.tr("API {version}").format(version=summary.profile.api_version))
        details.append(token_place_text(summary.token))
        return " · ".join(details)

    def _selection_changed(self) -> None:
        summary = self._selected()
        for button in (self.edit_button, self.replace_button, self.remove_button):
            button.setEnabled(summary is not None)
        self.activate_button.setEnabled(summary is not None and not summary.active)
        self.forget_button.setEnabled(summary is not None and summary.has_token)

    def _open_token_dialog(self, purpose: Purpose, *, activate: bool | None = None) -> None:
        summary = self._selected()
        if purpose != "add" and summary is None:
            return
        if self.token_dialog is not None:
            self.token_dialog.close()
        if activate is None:  # a new profile is usually added to be used; others keep their state
            activate = purpose == "add" or (summary is not None and summary.active)
        dialog = TokenDialog(summary.profile if summary else None, self, purpose=purpose, activate=activate)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if self._storage is not None:
            dialog.show_token_storage(*self._storage)
        dialog.test_requested.connect(self.test_requested)
        dialog.save_requested.connect(self.save_requested)
        dialog.cancel_test_requested.connect(self.cancel_test_requested)
        dialog.finished.connect(lambda _result: self._token_dialog_closed(dialog))
        self.token_dialog = dialog
        dialog.open()

    def _token_dialog_closed(self, dialog: TokenDialog) -> None:
        if self.token_dialog is dialog:
            self.token_dialog = None

    def _activate_clicked(self) -> None:
        summary = self._selected()
        if summary is not None:
            self.activate_requested.emit(summary.profile.id)

    def _forget_clicked(self) -> None:
        summary = self._selected()
        if summary is None:
            return
        if self._confirm(
            self,
            self.tr("Forget token"),
            self.tr("Delete the token of “{name}” from this computer? Keep a copy if you want to use it again.").format(
                name=summary.profile.name
            ),
            self.tr("Forget token"),
        ):
            self.forget_token_requested.emit(summary.profile.id)

    def _remove_clicked(self) -> None:
        summary = self._selected()
        if summary is None:
            return
        if self._confirm(
            self,
            self.tr("Remove provider"),
            self.tr("Remove “{name}” and delete its token from this computer? Your conversations are kept.").format(
                name=summary.profile.name
            ),
            self.tr("Remove"),
        ):
            self.remove_requested.emit(summary.profile.id)

    def done(self, result: int) -> None:
        if self.token_dialog is not None:
            self.token_dialog.close()
        self.cancel_test_requested.emit()
        super().done(result)
