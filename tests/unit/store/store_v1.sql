-- A conversation store exactly as schema version 1 of Samtal wrote it (made by migration 1, then
-- filled). Frozen: the migration tests load it and check that every later migration keeps the data.
-- It holds a branched conversation, a reply left 'streaming' by a dead process, an attachment, tags,
-- a trashed conversation and a preset.
BEGIN TRANSACTION;
CREATE TABLE attachments (
        hash        TEXT PRIMARY KEY,
        media_type  TEXT NOT NULL,
        data        BLOB NOT NULL,
        created_at  INTEGER NOT NULL
    );
INSERT INTO "attachments" VALUES('4efdbc8bee468b3686067c6fa3b92fd764ed20ba1fe189b52bafa3eb619144ef','image/png',X'89504E470D0A1A0A206669787475726520696D616765',1700000000000);
CREATE TABLE conversations (
        id          INTEGER PRIMARY KEY,
        uuid        TEXT NOT NULL UNIQUE,
        title       TEXT NOT NULL DEFAULT '',
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL,
        pinned      INTEGER NOT NULL DEFAULT 0,
        archived    INTEGER NOT NULL DEFAULT 0,
        trashed_at  INTEGER,
        head_id     INTEGER REFERENCES messages(id) ON DELETE SET NULL,
        params      TEXT NOT NULL DEFAULT '{}',
        draft       TEXT NOT NULL DEFAULT ''
    );
INSERT INTO "conversations" VALUES(1,'0b7f7c52-3c1e-4f7e-9d6e-5a8a3c2b9f01','Swedish lakes',1700000000000,1700000004000,1,0,NULL,5,'{"model":"claude-sonnet-4-5","max_tokens":1024,"temperature":0.5}','unsent words');
INSERT INTO "conversations" VALUES(2,'5d1e2f3a-4b5c-4d6e-8f70-819a2b3c4d5e','Trashed one',1700000010000,1700000011000,0,1,1700000012000,6,'{}','');
CREATE TABLE message_attachments (
        message_id  INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        hash        TEXT NOT NULL REFERENCES attachments(hash),
        PRIMARY KEY (message_id, hash)
    ) WITHOUT ROWID
    ;
INSERT INTO "message_attachments" VALUES(1,'4efdbc8bee468b3686067c6fa3b92fd764ed20ba1fe189b52bafa3eb619144ef');
CREATE TABLE messages (
        id               INTEGER PRIMARY KEY,
        uuid             TEXT NOT NULL UNIQUE,
        conversation_id  INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        parent_id        INTEGER REFERENCES messages(id) ON DELETE CASCADE,
        role             TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
        status           TEXT NOT NULL DEFAULT 'complete'
                         CHECK (status IN ('complete', 'streaming', 'stopped', 'error', 'interrupted')),
        writer           TEXT,
        created_at       INTEGER NOT NULL,
        model            TEXT,
        stop_reason      TEXT,
        stop_sequence    TEXT,
        input_tokens                 INTEGER,
        output_tokens                INTEGER,
        cache_creation_input_tokens  INTEGER,
        cache_read_input_tokens      INTEGER,
        api_id           TEXT,
        error            TEXT,
        usage            TEXT,
        timings          TEXT,
        response_headers TEXT,
        -- The large values last: SQLite reads a row's columns in order, and a column after a big one
        -- costs a walk through overflow pages.
        content          TEXT NOT NULL DEFAULT '[]',
        request          TEXT
    );
INSERT INTO "messages" VALUES(1,'11111111-0000-4000-8000-000000000001',1,NULL,'user','complete',NULL,1700000000000,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'[{"type":"text","text":"Which is the largest lake in Sweden?"},{"type":"image","source":{"type":"base64","media_type":"image/png"},"_attachment":"4efdbc8bee468b3686067c6fa3b92fd764ed20ba1fe189b52bafa3eb619144ef"}]',NULL);
INSERT INTO "messages" VALUES(2,'11111111-0000-4000-8000-000000000002',1,1,'assistant','complete',NULL,1700000001000,'claude-sonnet-4-5','end_turn',NULL,12,9,NULL,NULL,'msg_fixture1',NULL,'{"input_tokens":12,"output_tokens":9}','{"duration":1.25}','{"request-id":"req_fixture"}','[{"type":"text","text":"Vänern is the largest lake in Sweden."}]',NULL);
INSERT INTO "messages" VALUES(3,'11111111-0000-4000-8000-000000000003',1,1,'assistant','complete',NULL,1700000002000,'claude-sonnet-4-5','end_turn',NULL,12,6,NULL,NULL,NULL,NULL,'{"input_tokens":12,"output_tokens":6}',NULL,NULL,'[{"type":"text","text":"Lake Vänern, by far."}]',NULL);
INSERT INTO "messages" VALUES(4,'11111111-0000-4000-8000-000000000004',1,3,'user','complete',NULL,1700000003000,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'[{"type":"text","text":"And the deepest?"}]',NULL);
INSERT INTO "messages" VALUES(5,'11111111-0000-4000-8000-000000000005',1,4,'assistant','streaming','1-000000000000',1700000004000,'claude-sonnet-4-5',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'[{"type":"text","text":"Hornavan is the deep"}]',NULL);
INSERT INTO "messages" VALUES(6,'22222222-0000-4000-8000-000000000006',2,NULL,'user','complete',NULL,1700000010000,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'[{"type":"text","text":"forgotten question about quokkas"}]',NULL);
CREATE TABLE presets (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE,
        params      TEXT NOT NULL DEFAULT '{}',
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL
    );
INSERT INTO "presets" VALUES(1,'Precise','{"temperature":0.0}',1700000000000,1700000000000);
CREATE TABLE tags (
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        tag             TEXT NOT NULL COLLATE NOCASE,
        PRIMARY KEY (conversation_id, tag)
    ) WITHOUT ROWID
    ;
INSERT INTO "tags" VALUES(1,'geography');
INSERT INTO "tags" VALUES(1,'Sweden');
CREATE INDEX conversations_recent
        ON conversations(archived, pinned DESC, updated_at DESC, id DESC) WHERE trashed_at IS NULL
    ;
CREATE INDEX conversations_trash ON conversations(trashed_at) WHERE trashed_at IS NOT NULL;
CREATE INDEX messages_conversation ON messages(conversation_id, created_at);
CREATE INDEX messages_parent ON messages(parent_id, created_at);
CREATE INDEX messages_streaming ON messages(writer) WHERE status = 'streaming';
CREATE INDEX messages_usage ON messages(
        created_at, model, input_tokens, output_tokens, cache_creation_input_tokens, cache_read_input_tokens
    ) WHERE output_tokens IS NOT NULL
    ;
CREATE INDEX tags_by_tag ON tags(tag, conversation_id);
CREATE INDEX message_attachments_hash ON message_attachments(hash);
PRAGMA user_version = 1;
PRAGMA application_id = 1398893940;
COMMIT;
