/**
 * Schema versions, applied in order; PRAGMA user_version records the last one applied. A migration
 * is never edited once released: add a new one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: records and batches for the capture → sync path
  `
  CREATE TABLE records (
    id          TEXT PRIMARY KEY,
    reference   TEXT NOT NULL UNIQUE,
    state       TEXT NOT NULL,
    data        TEXT NOT NULL,
    name        TEXT NOT NULL,
    pan_masked  TEXT NOT NULL,
    mobile_masked TEXT NOT NULL,
    batch_id    TEXT,
    message     TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
  );
  CREATE INDEX records_state ON records(state, updated_at);
  CREATE INDEX records_batch ON records(batch_id);
  CREATE TABLE batches (
    id              TEXT PRIMARY KEY,
    batch_file_name TEXT NOT NULL UNIQUE,
    route           TEXT NOT NULL,
    kind            TEXT NOT NULL,
    state           TEXT NOT NULL,
    client_id       TEXT,
    remote_state    TEXT,
    record_count    INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    next_poll_at    TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
  );
  CREATE INDEX batches_state ON batches(state);
  `,
  // 2: operators, audit trail, settings, documents; who created / approved a record and when it ended
  `
  CREATE TABLE operators (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    employee_code   TEXT NOT NULL UNIQUE,
    designation     TEXT NOT NULL,
    branch          TEXT NOT NULL,
    organisation    TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('maker', 'checker', 'admin')),
    password_hash   TEXT NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    active          INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
  );
  CREATE TABLE audit_log (
    seq           INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    operator_id   TEXT,
    operator_name TEXT,
    action        TEXT NOT NULL,
    subject       TEXT,
    details       TEXT,
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL
  );
  CREATE INDEX audit_action ON audit_log(action, at);
  CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE documents (
    hash       TEXT PRIMARY KEY,
    record_id  TEXT,
    kind       TEXT NOT NULL,
    image_code TEXT,
    mime       TEXT NOT NULL,
    bytes      INTEGER NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX documents_record ON documents(record_id);
  ALTER TABLE records ADD COLUMN created_by TEXT;
  ALTER TABLE records ADD COLUMN approved_by TEXT;
  ALTER TABLE records ADD COLUMN terminal_at TEXT;
  CREATE INDEX records_terminal ON records(terminal_at);
  `,
  // 3: the queue's filters and sort at 100,000 records: newest first, by maker, by capture date
  `
  CREATE INDEX records_updated ON records(updated_at, id);
  CREATE INDEX records_creator ON records(created_by, updated_at);
  CREATE INDEX records_created ON records(created_at);
  `,
  // 4: the capture form's draft per operator, saved as they type
  `
  CREATE TABLE drafts (
    operator_id TEXT PRIMARY KEY,
    data        TEXT NOT NULL,
    updated_at  TEXT NOT NULL
  );
  `,
];
