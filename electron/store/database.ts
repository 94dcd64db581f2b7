import fs from 'node:fs';
import path from 'node:path';
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from 'sql.js';
import { AppFailure } from '../../shared/errors';
import { writeFileAtomic } from './atomic-file';
import { MIGRATIONS } from './migrations';

let sqlJs: Promise<SqlJsStatic> | undefined;
function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= initSqlJs();
  return sqlJs;
}

export type Row = Record<string, SqlValue>;

export interface OpenedStore {
  store: Store;
  /** Things the operator must be told about what happened while opening. */
  notices: string[];
}

/**
 * The local database: sql.js in memory, written to one file on disk after every change.
 * `write` returns only after the change is on disk; if the disk refuses, the in-memory copy is
 * reloaded from the last good file so memory never claims what the disk does not hold.
 */
export class Store {
  private constructor(
    private db: Database,
    private readonly SQL: SqlJsStatic,
    readonly file: string,
  ) {}

  static async open(file: string, now: () => Date = () => new Date()): Promise<OpenedStore> {
    const SQL = await loadSqlJs();
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const notices: string[] = [];
    let db: Database;
    if (fs.existsSync(file)) {
      try {
        db = new SQL.Database(fs.readFileSync(file));
        db.exec('PRAGMA quick_check');
      } catch {
        // Never overwrite what might still be recoverable by hand: move it aside, start afresh.
        const aside = `${file}.damaged-${now().toISOString().replace(/[:.]/g, '-')}`;
        fs.renameSync(file, aside);
        notices.push(
          `The local database could not be read and was set aside as ${path.basename(aside)}. ` +
            'KYC Desk started with an empty database. Tell your IT team before capturing again.',
        );
        db = new SQL.Database();
      }
    } else {
      db = new SQL.Database();
    }
    const store = new Store(db, SQL, file);
    store.migrate();
    return { store, notices };
  }

  get schemaVersion(): number {
    return Number(this.db.exec('PRAGMA user_version')[0]?.values[0]?.[0] ?? 0);
  }

  private migrate(): void {
    const from = this.schemaVersion;
    if (from > MIGRATIONS.length) {
      throw new AppFailure('STORAGE_FAILED', 'This data folder was written by a newer version of KYC Desk. Install the newer version.');
    }
    if (from === MIGRATIONS.length && fs.existsSync(this.file)) return;
    this.write(() => {
      for (let version = from; version < MIGRATIONS.length; version++) {
        this.db.exec(MIGRATIONS[version]!);
        this.db.exec(`PRAGMA user_version = ${version + 1}`);
      }
    });
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

  run(sql: string, params: SqlValue[] = []): number {
    this.db.run(sql, params);
    return this.db.getRowsModified();
  }

  /** Run `change` in one transaction and make it durable before returning. */
  write<T>(change: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    let result: T;
    try {
      result = change();
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
    this.persist();
    return result;
  }

  private persist(): void {
    try {
      writeFileAtomic(this.file, this.db.export());
    } catch (error) {
      this.reloadFromDisk();
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EDQUOT') {
        throw new AppFailure('STORAGE_FULL', 'The disk is full, so this was not saved. Free some space and save again; nothing already saved was lost.');
      }
      throw new AppFailure('STORAGE_FAILED', `The disk refused the save (${code ?? 'unknown error'}). Nothing already saved was lost; try again.`);
    }
  }

  private reloadFromDisk(): void {
    this.db.close();
    this.db = fs.existsSync(this.file) ? new this.SQL.Database(fs.readFileSync(this.file)) : new this.SQL.Database();
  }

  close(): void {
    this.db.close();
  }
}
