/**
 * Schema versions, applied in order; PRAGMA user_version records the last one applied. A migration
 * is never edited once released: add a new one.
 */
/**
 * An individual as the ten-field thin form stored it (schemas 1–4), rebuilt in SQL as the canonical
 * record (shared/record/kyc-record.ts) with every field it did not have left empty, as
 * emptyKycRecord() leaves it. `column` holds the old JSON; `day` is the capture date, which stands
 * for the declaration and verification dates those records never asked for.
 */
function individualAsKycRecord(column: string, day: string): string {
  const field = (name: string) => `json_extract(${column}, '$.${name}')`;
  const emptyName = `json_object('prefix', '', 'firstName', '', 'middleName', '', 'lastName', '')`;
  const address = (line1: string, city: string, state: string, pin: string) =>
    `json_object('poaCode', '', 'line1', ${line1}, 'line2', '', 'line3', '', 'cityOrVtc', ${city}, 'district', '', 'state', ${state}, 'country', 'IN', 'pinCode', ${pin})`;
  return `json_object(
    'applicationType', '01', 'ckycNumber', '', 'accountType', '01', 'constitution', '01', 'prefix', '',
    'firstName', ${field('firstName')}, 'middleName', '', 'lastName', ${field('lastName')},
    'maidenName', ${emptyName},
    'fatherOrSpouse', json_object('prefix', '', 'firstName', '', 'middleName', '', 'lastName', '', 'relation', '01'),
    'mother', ${emptyName},
    'gender', ${field('gender')}, 'maritalStatus', '', 'dateOfBirth', ${field('dateOfBirth')},
    'citizenship', 'IN', 'nationality', 'IN', 'residentialStatus', '', 'occupation', '',
    'pan', ${field('pan')}, 'form60', json('false'), 'identityDocuments', json('[]'),
    'permanentAddress', ${address(field('addressLine1'), field('city'), field('state'), field('pinCode'))},
    'correspondenceAddress', json_insert(${address("''", "''", "''", "''")}, '$.sameAsPermanent', json('true'), '$.addressType', ''),
    'contact', json_object('mobileIsd', '91', 'mobile', ${field('mobile')}, 'email', ''),
    'disability', json_object('flag', json('false'), 'impairmentType', '', 'percentage', '', 'udid', ''),
    'taxResidency', json_object('taxResidentOutsideIndia', json('false'), 'countries', json('[]')),
    'relatedPersons', json('[]'), 'images', json('[]'),
    'declaration', json_object('date', ${day}, 'place', ''),
    'verification', json_object('date', ${day}, 'kycMode', ''),
    'remarks', ''
  )`;
}

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
  // 5: the canonical record. Records and drafts of the thin form become full records (the fields
  // they lacked left empty); a document knows whether its Aadhaar digits were masked.
  `
  UPDATE records SET data = ${individualAsKycRecord('data', 'substr(created_at, 1, 10)')}
    WHERE json_extract(data, '$.applicationType') IS NULL;
  UPDATE drafts SET data = json_object('record', ${individualAsKycRecord('data', "''")}, 'editing', json('null'))
    WHERE json_extract(data, '$.record') IS NULL;
  ALTER TABLE documents ADD COLUMN masked INTEGER NOT NULL DEFAULT 0;
  `,
  // 6: name search at 100,000 full records. The newest-first index also holds the name, so a search
  // filters and counts on the index (a few MB) instead of reading every record (hundreds of MB).
  `
  CREATE INDEX records_updated_name ON records(updated_at, id, name);
  DROP INDEX records_updated;
  `,
  // 7: the three submission routes. A batch knows its ZIP (size, SHA-256, bytes acknowledged) and
  // what the SFTP response folder said of it, and who verified it (to build its ZIP again); a record keeps the CKYC number the registry gave it.
  `
  ALTER TABLE batches ADD COLUMN file_bytes INTEGER;
  ALTER TABLE batches ADD COLUMN file_sha256 TEXT;
  ALTER TABLE batches ADD COLUMN sent_bytes INTEGER;
  ALTER TABLE batches ADD COLUMN response_files TEXT;
  ALTER TABLE batches ADD COLUMN verifier TEXT;
  ALTER TABLE records ADD COLUMN ckyc_number TEXT;
  ALTER TABLE records ADD COLUMN registry_errors TEXT;
  CREATE TABLE batch_records (
    batch_id    TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    reference   TEXT NOT NULL,
    state       TEXT NOT NULL,
    message     TEXT,
    ckyc_number TEXT,
    PRIMARY KEY (batch_id, record_id)
  );
  CREATE INDEX batch_records_record ON batch_records(record_id);
  INSERT INTO batch_records (batch_id, record_id, reference, state, message, ckyc_number)
    SELECT batch_id, id, reference, state, message, ckyc_number FROM records WHERE batch_id IS NOT NULL;
  `,
  // 8: who may read what. A maker reads only their own records: their queue newest first with every
  // filter (name, reference, capture date) and its state counts are answered on these indexes alone
  // at 100,000 records, as everyone's queue is on records_updated_name (reading a row costs its
  // whole record). A document not yet on a record is readable by whoever put it (put_by).
  `
  CREATE INDEX records_creator_queue ON records(created_by, updated_at, id, name, reference, created_at);
  CREATE INDEX records_creator_state ON records(created_by, state, updated_at, id);
  DROP INDEX records_creator;
  ALTER TABLE documents ADD COLUMN put_by TEXT;
  `,
  // 9: lock-out that does not tell whether an employee code exists. Wrong passwords typed with a code
  // no operator has are counted and locked like an operator's (operators.failed_attempts, locked_until).
  `
  CREATE TABLE unknown_code_failures (
    employee_code   TEXT PRIMARY KEY,
    failed_attempts INTEGER NOT NULL,
    locked_until    TEXT,
    updated_at      TEXT NOT NULL
  );
  CREATE INDEX unknown_code_failures_updated ON unknown_code_failures(updated_at);
  `,
  // 10: record kinds (shared/record-kinds/). Each record names its kind; every record stored before
  // kinds existed is a CKYC individual, which the default says without rewriting a row. Drafts carry
  // their kind inside their JSON (absent: the CKYC individual), so they need no change here.
  `
  ALTER TABLE records ADD COLUMN kind TEXT NOT NULL DEFAULT 'ckyc-individual';
  `,
  // 11: readers that survive a real vendor. A batch keeps the other side's last answer as it came
  // (capped), for an admin to read when the batch needs a person's attention.
  `
  ALTER TABLE batches ADD COLUMN last_answer TEXT;
  `,
  // 12: people fetched from the CKYC registry (bulk download). One row per person of a download
  // request (a record of kind ckyc-download-request), by their place in it, written once the
  // registry answered for them; rewritten, never duplicated, when the same answer is read again.
  // \`data\` holds the canonical record and the fields as the registry sent them (an Aadhaar-based
  // number already cut to its last 4 digits). Purged with its request (retention/purge.ts).
  `
  CREATE TABLE fetched_people (
    request_id     TEXT NOT NULL,
    position       INTEGER NOT NULL,
    ckyc_number    TEXT NOT NULL,
    state          TEXT NOT NULL,
    registry_state TEXT,
    error          TEXT,
    data           TEXT,
    photo_hash     TEXT,
    fetched_at     TEXT,
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (request_id, position)
  );
  `,
  // 13: the same customer twice. Keyed hashes (HMAC under a key derived from the data key) of each
  // record's normalised PAN, identity document numbers and CKYC number, so a number being typed is
  // found on an index without a readable copy of it. SQL cannot compute the hashes: records stored
  // before this schema keep identity_indexed 0 and are indexed at start-up (records/same-customer/).
  // A deleted record (retention) takes its hashes with it. The registry's CKYC numbers are looked
  // up on their own column.
  `
  CREATE TABLE record_identifiers (
    hash      TEXT NOT NULL,
    record_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    PRIMARY KEY (hash, record_id)
  );
  CREATE INDEX record_identifiers_record ON record_identifiers(record_id);
  ALTER TABLE records ADD COLUMN identity_indexed INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX records_identity_backlog ON records(identity_indexed) WHERE identity_indexed = 0;
  CREATE INDEX records_ckyc_number ON records(ckyc_number) WHERE ckyc_number IS NOT NULL;
  CREATE TRIGGER record_identifiers_follow_delete AFTER DELETE ON records
    BEGIN DELETE FROM record_identifiers WHERE record_id = OLD.id; END;
  `,
  // 14: video-KYC and digital-KYC sessions (the agent API). One row per request record (a link
  // request or a push) once the vendor answered: the link's URL, id, expiry and validity, the
  // session id, its latest status and the latest details answer as the vendor sent it (the store
  // is sealed at rest, so this is too). A final verdict is written against the customer's own
  // record, one row per session. Both go when their record goes (retention), by trigger.
  `
  CREATE TABLE agent_sessions (
    record_id        TEXT PRIMARY KEY,
    service          TEXT NOT NULL,
    source_record_id TEXT,
    session_id       TEXT NOT NULL,
    link_id          TEXT,
    link_url         TEXT,
    link_expires_at  TEXT,
    validity_seconds INTEGER,
    status           TEXT NOT NULL,
    final            INTEGER NOT NULL DEFAULT 0,
    details          TEXT,
    checked_at       TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
  );
  CREATE INDEX agent_sessions_session ON agent_sessions(session_id);
  CREATE INDEX agent_sessions_newest ON agent_sessions(created_at);
  CREATE TABLE session_verdicts (
    record_id   TEXT NOT NULL,
    session_id  TEXT NOT NULL,
    request_id  TEXT NOT NULL,
    service     TEXT NOT NULL,
    verdict     TEXT NOT NULL,
    status      TEXT NOT NULL,
    decided_at  TEXT NOT NULL,
    PRIMARY KEY (record_id, session_id)
  );
  CREATE TRIGGER agent_sessions_follow_delete AFTER DELETE ON records
    BEGIN
      DELETE FROM agent_sessions WHERE record_id = OLD.id;
      DELETE FROM session_verdicts WHERE record_id = OLD.id;
    END;
  `,
  // 15: what the UAE CDP said of a customer it holds (issue 14). One row per UAE customer record
  // once the CDP has them: the ECRN, customer status, AML scan status, PEP flag and AML category as
  // the CDP gave them (a found customer's look-up gives no PEP flag or AML category, but its id's
  // status and expiry), and how it came: onboarded here, found by the first look-up, or found by
  // the look-up after doubt. Written in the same write as the record's end, rewritten (never
  // duplicated) when the same answer is read again; it goes when its record goes, by trigger.
  `
  CREATE TABLE cdp_enrolments (
    record_id       TEXT PRIMARY KEY,
    ecrn            TEXT NOT NULL,
    customer_status TEXT,
    aml_scan_status TEXT,
    pep             INTEGER,
    aml_category    TEXT,
    id_status       TEXT,
    id_expiry       TEXT,
    how             TEXT NOT NULL CHECK (how IN ('onboarded', 'found', 'found-after-doubt')),
    noted_at        TEXT NOT NULL
  );
  CREATE INDEX cdp_enrolments_newest ON cdp_enrolments(noted_at);
  CREATE TRIGGER cdp_enrolments_follow_delete AFTER DELETE ON records
    BEGIN DELETE FROM cdp_enrolments WHERE record_id = OLD.id; END;
  `,
];
