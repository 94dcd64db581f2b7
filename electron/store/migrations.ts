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
];
