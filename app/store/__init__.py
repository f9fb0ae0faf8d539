"""The conversation store: SQLite persistence for conversations as message trees, full-text search,
attachments, drafts, presets and usage, plus import and export. Qt-free; see :class:`Store`.

    with Store.open(resolve_paths().store) as store:
        store.changes.subscribe(print)  # what each committed write changed (see app.store.changes)
        conversation = store.create_conversation()
        store.add_message(conversation.id, "user", "Hello")
        recorder = ReplyRecorder.start(store, conversation.id, request=body)
        ...  # recorder.update(stream.message) per event, then recorder.finish("complete", stream.message)
        store.conversations.rename(conversation.id, "Greetings")
"""

import typing as _typing

from app.lazy_exports import lazy_exports as _lazy_exports
from app.store.changes import (
    Change,
    ConversationChanged,
    ConversationCreated,
    ConversationDeleted,
    ConversationRestored,
    ConversationTrashed,
    HeadChanged,
    MessageAdded,
    MessageChanged,
    MessageDeleted,
    PresetsChanged,
    TagsChanged,
)
from app.store.errors import (
    CorruptStoreError,
    MigrationError,
    NewerStoreError,
    NotADatabaseError,
    NotFoundError,
    ReadOnlyStoreError,
    StoreError,
    StoreOpenError,
    StoreWriteError,
)
from app.store.models import (
    ROLES,
    STATUSES,
    Attachment,
    Block,
    Conversation,
    ConversationHits,
    ConversationRecord,
    DailyUsage,
    ImportReport,
    ImportResult,
    Message,
    MessageError,
    MessageFields,
    MessageRecord,
    MessageStatus,
    Preset,
    ReplyDetails,
    Role,
    SearchHit,
    UsageTotals,
    refusal_reason,
)
from app.store.recorder import ReplyRecorder, selected_headers, timings_dict
from app.store.schema import SCHEMA_VERSION
from app.store.search_query import fts_query
from app.store.store import AT_HEAD, TRASH_RETENTION, Store

if _typing.TYPE_CHECKING:
    from app.store.archive import export_archive
    from app.store.markdown_export import conversation_markdown
    from app.store.transfer import ImportFileError, import_document, import_file

# Import and export load when first used (the window needs neither to start).
_WHERE = {
    "export_archive": "archive",
    "conversation_markdown": "markdown_export",
    "ImportFileError": "transfer",
    "import_document": "transfer",
    "import_file": "transfer",
}


__getattr__ = _lazy_exports(__name__, _WHERE, globals())


__all__ = [
    "AT_HEAD",
    "ROLES",
    "SCHEMA_VERSION",
    "STATUSES",
    "TRASH_RETENTION",
    "Attachment",
    "Block",
    "Change",
    "Conversation",
    "ConversationChanged",
    "ConversationCreated",
    "ConversationDeleted",
    "ConversationHits",
    "ConversationRecord",
    "ConversationRestored",
    "ConversationTrashed",
    "CorruptStoreError",
    "DailyUsage",
    "HeadChanged",
    "ImportFileError",
    "ImportReport",
    "ImportResult",
    "Message",
    "MessageAdded",
    "MessageChanged",
    "MessageDeleted",
    "MessageError",
    "MessageFields",
    "MessageRecord",
    "MessageStatus",
    "MigrationError",
    "NewerStoreError",
    "NotADatabaseError",
    "NotFoundError",
    "Preset",
    "PresetsChanged",
    "ReadOnlyStoreError",
    "ReplyDetails",
    "ReplyRecorder",
    "Role",
    "SearchHit",
    "Store",
    "StoreError",
    "StoreOpenError",
    "StoreWriteError",
    "TagsChanged",
    "UsageTotals",
    "conversation_markdown",
    "export_archive",
    "fts_query",
    "import_document",
    "import_file",
    "refusal_reason",
    "selected_headers",
    "timings_dict",
]
