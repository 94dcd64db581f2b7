import fs from 'node:fs';
import path from 'node:path';
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from 'sql.js';
import { AppFailure } from '../../shared/errors';
import { MIGRATIONS } from './migrations';
import { JournalWriter, readJournal } from './journal-file';
import { readSnapshot, writeSnapshot } from './snapshot-file';
import { decodeChange, encodeChange, type Statement } from './change-codec';

let sqlJs: Promise<SqlJsStatic> | undefined;
function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= initSqlJs();
  return sqlJs;
}

export type Row = Record<string, SqlValue>;

export interface StoreOptions {
  /** The 256-bit data key from the vault. */
  key: Buffer;
  now?: () => Date;
  /** Start a snapshot once the journal holds this many bytes (or a quarter of the snapshot). */
  compactAfterBytes?: number;
  /** The schema to bring the store up to; tests open older versions to prove each upgrade. */
  migrations?: readonly string[];
}

export interface OpenedStore {
  store: Store;
  /** What the operator must be told about what happened while opening. */
  notices: string[];
}

/** Free pages kept in a snapshot: an eighth of the database (as sql.js grows a file), at least 64 KB. */
const SLACK_FRACTION = 8;
const SLACK_MIN_PAGES = 16;

const SNAPSHOT = /^store\.snapshot\.(\d+)$/;
const JOURNAL = /^store\.journal\.(\d+)$/;
const snapshotName = (generation: number) => `store.snapshot.${generation}`;
const journalName = (generation: number) => `store.journal.${generation}`;

function generationsOf(dir: string, pattern: RegExp): number[] {
  return fs
    .readdirSync(dir)
    .map((name) => pattern.exec(name)?.[1])
    .filter((g): g is string => g !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

function wrongKey(): AppFailure {
  return new AppFailure(
    'STORAGE_FAILED',
    'This data folder was locked with a different key than the one in this computer’s keychain — it was probably copied from another PC, ' +
      'or the keychain was reset. KYC Desk will not open or change it. Restore the keychain or ask your IT team.',
  );
}

/**
 * The local database: sql.js in memory, kept on disk as an encrypted snapshot plus an encrypted
 * change journal.
 *
 * Durable before acknowledged: `write` runs a transaction, records the statements it ran, appends
 * them to the journal and fdatasyncs it, and only then commits in memory and returns. If the disk
 * refuses, the transaction is rolled back, so memory never claims what the disk does not hold. The
 * cost of a save is one small append, whatever the size of the store. Snapshots are taken in the
 * background; the last two generations are kept so a damaged snapshot still leaves a good one.
 */
export class Store {
  private recording: Statement[] | null = null;
  private compacting: Promise<void> | null = null;
  private snapshotBytes = 0;

  private constructor(
    private readonly db: Database,
    readonly dir: string,
    private readonly key: Buffer,
    private journal: JournalWriter,
    private readonly now: () => Date,
    private readonly compactAfterBytes: number,
    private readonly migrations: readonly string[],
  ) {}

  static async open(dir: string, options: StoreOptions): Promise<OpenedStore> {
    const SQL = await loadSqlJs();
    const now = options.now ?? (() => new Date());
    if (options.key.length !== 32) throw new AppFailure('INTERNAL', 'The data key must be 256 bits.');
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const notices: string[] = [];
    const stamp = () => now().toISOString().replace(/[:.]/g, '-');
    const setAside = (name: string, why: string) => {
      const aside = `${name}.damaged-${stamp()}`;
      fs.renameSync(path.join(dir, name), path.join(dir, aside));
      notices.push(`${why} It was kept as ${aside} for your IT team.`);
    };

    // 1. The newest snapshot that opens; a damaged one is set aside and the one before it used.
    let db: Database | undefined;
    let base = 0;
    for (const generation of generationsOf(dir, SNAPSHOT).reverse()) {
      const read = readSnapshot(path.join(dir, snapshotName(generation)), options.key);
      if (read.kind === 'wrong-key') throw wrongKey();
      if (read.kind === 'damaged') {
        setAside(snapshotName(generation), `A saved copy of the database could not be read (${read.reason}); KYC Desk used the copy before it.`);
        continue;
      }
      db = new SQL.Database(read.bytes);
      base = generation;
      break;
    }
    db ??= new SQL.Database();

    // 2. Replay every journal from the snapshot's generation on, in order.
    const journals = generationsOf(dir, JOURNAL).filter((g) => g >= base);
    let writer: JournalWriter | undefined;
    let lastGeneration = base;
    db.exec('BEGIN'); // replay as one transaction: thousands of entries in milliseconds
    for (const [i, generation] of journals.entries()) {
      const file = path.join(dir, journalName(generation));
      const read = readJournal(file, options.key);
      if (read.kind === 'wrong-key') throw wrongKey();
      if (read.kind === 'damaged') {
        setAside(journalName(generation), `A change journal could not be read (${read.reason}).`);
        continue;
      }
      for (const entry of read.entries) {
        for (const statement of decodeChange(entry)) db.run(statement[0], statement[1] ?? undefined);
      }
      const isLast = i === journals.length - 1;
      if (read.tail === 'damaged' || (read.tail === 'torn' && !isLast)) {
        // Keep the whole file as it was, then carry on from the intact part.
        fs.copyFileSync(file, `${file}.damaged-${stamp()}`);
        notices.push(
          `Part of the change journal was damaged (${read.tailReason ?? 'unreadable'}). KYC Desk kept the ${read.entries.length} changes before it; ` +
            `the damaged file was copied aside as ${journalName(generation)}.damaged-… for your IT team.`,
        );
      }
      // A torn last entry is a save that never finished, so it was never acknowledged: cut it.
      if (isLast) writer = JournalWriter.resume(file, generation, options.key, read.goodLength, read.entries.length);
      lastGeneration = generation;
    }
    db.exec('COMMIT');
    writer ??= JournalWriter.create(path.join(dir, journalName(lastGeneration)), lastGeneration, options.key);

    const store = new Store(db, dir, options.key, writer, now, options.compactAfterBytes ?? 4 * 1024 * 1024, options.migrations ?? MIGRATIONS);
    store.migrate();
    return { store, notices };
  }

  get schemaVersion(): number {
    return Number(this.db.exec('PRAGMA user_version')[0]?.values[0]?.[0] ?? 0);
  }

  private migrate(): void {
    const from = this.schemaVersion;
    if (from > this.migrations.length) {
      throw new AppFailure('STORAGE_FAILED', 'This data folder was written by a newer version of KYC Desk. Install the newer version.');
    }
    for (let version = from; version < this.migrations.length; version++) {
      this.write(() => {
        this.run(this.migrations[version]!);
        this.run(`PRAGMA user_version = ${version + 1}`);
      });
    }
  }

  all(sql: string, params: SqlValue[] = []): Row[] {
    const statement = this.db.prepare(sql);
    try {
      statement.bind(params);
      const rows: Row[] = [];
      while (statement.step()) rows.push(statement.getAsObject());
      return rows;
    } finally {
      statement.free();
    }
  }

  get(sql: string, params: SqlValue[] = []): Row | undefined {
    return this.all(sql, params)[0];
  }

  /** Change the database. Only inside `write`: a change outside one would never reach the disk. */
  run(sql: string, params: SqlValue[] = []): number {
    if (!this.recording) throw new Error('Store.run must be called inside Store.write');
    this.db.run(sql, params.length > 0 ? params : undefined);
    this.recording.push(params.length > 0 ? [sql, params] : [sql]);
    return this.db.getRowsModified();
  }

  /** Run `change` as one transaction; return only once it is on disk. */
  write<T>(change: () => T): T {
    if (this.recording) throw new Error('Store.write does not nest');
    this.recording = [];
    this.db.exec('BEGIN IMMEDIATE');
    let result: T;
    let statements: Statement[];
    try {
      result = change();
      statements = this.recording;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    } finally {
      this.recording = null;
    }
    if (statements.length > 0) {
      try {
        this.journal.append(encodeChange(statements));
      } catch (error) {
        this.db.exec('ROLLBACK');
        throw diskFailure(error);
      }
    }
    this.db.exec('COMMIT');
    this.maybeCompact();
    return result;
  }

  private maybeCompact(): void {
    if (this.compacting || this.journal.bytes < Math.max(this.compactAfterBytes, this.snapshotBytes / 4)) return;
    this.compacting = this.compact().finally(() => (this.compacting = null));
  }

  /**
   * Fold the journal into a new snapshot. The export is taken and a fresh journal started at
   * once, so saves go on while the snapshot is sealed and written; the previous generation stays
   * on disk until the next snapshot, as a fall-back.
   */
  async compact(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    this.keepSlack();
    const bytes = this.db.export();
    const next = this.journal.generation + 1;
    const previous = this.journal;
    this.journal = JournalWriter.create(path.join(this.dir, journalName(next)), next, this.key);
    previous.close();
    try {
      await writeSnapshot(path.join(this.dir, snapshotName(next)), next, this.key, bytes);
      this.snapshotBytes = bytes.length;
      for (const g of generationsOf(this.dir, SNAPSHOT)) if (g < next - 1) fs.rmSync(path.join(this.dir, snapshotName(g)), { force: true });
      for (const g of generationsOf(this.dir, JOURNAL)) if (g < next - 1) fs.rmSync(path.join(this.dir, journalName(g)), { force: true });
    } catch {
      // The journals still hold every change; the next compaction tries again.
    }
  }

  /**
   * Leave free pages inside the database file, so the saves after a cold open reuse them instead
   * of growing the file. sql.js holds the file in one typed array, and growing it copies the whole
   * database to new memory: at 100,000 records, the first save after opening took 0.97 s, against
   * 18 ms once there was room. A table of zeros is made and dropped in one transaction: its pages
   * go to SQLite's free list, no row changes (so nothing is journaled), and on disk they deflate
   * to almost nothing.
   */
  private keepSlack(): void {
    const pragma = (name: string) => Number(this.db.exec(`PRAGMA ${name}`)[0]?.values[0]?.[0] ?? 0);
    const pages = pragma('page_count');
    const free = pragma('freelist_count');
    // x more free pages make (free + x) ≥ (pages + x) / 8 once they are added: x ≥ (pages − 8·free) / 7.
    const missing = Math.max(SLACK_MIN_PAGES - free, Math.ceil((pages - SLACK_FRACTION * free) / (SLACK_FRACTION - 1)));
    if (missing <= 0) return;
    this.db.exec(`BEGIN IMMEDIATE; CREATE TABLE store_slack (zeros BLOB);
      INSERT INTO store_slack VALUES (zeroblob(${missing * pragma('page_size')})); DROP TABLE store_slack; COMMIT`);
  }

  /** Wait for a snapshot under way (tests, shutdown). */
  async settle(): Promise<void> {
    await this.compacting;
  }

  async close(): Promise<void> {
    await this.settle();
    this.journal.close();
    this.db.close();
  }
}

function diskFailure(error: unknown): AppFailure {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppFailure('STORAGE_FULL', 'The disk is full, so this was not saved. Free some space and save again; nothing already saved was lost.');
  }
  return new AppFailure('STORAGE_FAILED', `The disk refused the save (${code ?? 'unknown error'}). Nothing already saved was lost; try again.`);
}
