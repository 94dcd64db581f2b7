import { AppFailure } from '../../shared/errors';
import {
  checkListFile,
  MAX_LIST_FILE_BYTES,
  putUaeListsInForce,
  SHIPPED_UAE_LISTS,
  UAE_LIST_NAMES,
  UAE_LIST_TITLES,
  masterListFileSchema,
  type MasterEntry,
  type UaeListName,
  type UaeMasterData as UaeLists,
} from '../../shared/master-data/uae-lists';
import type { AuditActor, AuditLog } from '../audit/audit-log';
import type { Store } from '../store/database';
import { SettingsRepository } from '../store/settings-repository';
import { listFileFromCsv } from './list-csv';

/** Where an imported list is kept: the store's settings, encrypted with the rest of this mode's data. */
const keyOf = (list: UaeListName) => `master-data.uae.${list}`;

/** What the lists screen shows of one list: where it comes from and how long it is. */
export interface UaeListSource {
  list: UaeListName;
  title: string;
  entries: number;
  /** Null: the list shipped with this version. */
  importedAt: string | null;
  importedBy: string | null;
}

interface StoredList {
  importedAt: string;
  importedBy: string;
  entries: MasterEntry[];
}

/**
 * The UAE customer's code lists in force on this PC (docs/decisions/0051): each list as shipped
 * (shared/master-data/uae/*.json) unless an admin imported the CDP's own list over it. An import
 * is checked (its size, shape, that it is the list named, codes unique), kept in this mode's
 * encrypted store with its audit entry in one write, and in force at once for the form and for
 * the record's rules; the next start reads it back. A stored list that no longer reads (a later
 * version's shape) gives way to the shipped one rather than stopping the app.
 */
export class UaeMasterData {
  private readonly settings: SettingsRepository;

  constructor(
    private readonly store: Store,
    private readonly audit: AuditLog,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.settings = new SettingsRepository(store);
  }

  /** Every list in force now: imported over shipped. */
  lists(): UaeLists {
    return Object.fromEntries(UAE_LIST_NAMES.map((list) => [list, this.stored(list)?.entries ?? SHIPPED_UAE_LISTS[list]])) as Record<UaeListName, MasterEntry[]>;
  }

  /** Reads the lists in force and makes them the ones the record's rules use (at start, and after an import). */
  putInForce(): UaeLists {
    const lists = this.lists();
    putUaeListsInForce(lists);
    return lists;
  }

  sources(): UaeListSource[] {
    return UAE_LIST_NAMES.map((list) => {
      const stored = this.stored(list);
      return { list, title: UAE_LIST_TITLES[list], entries: (stored?.entries ?? SHIPPED_UAE_LISTS[list]).length, importedAt: stored?.importedAt ?? null, importedBy: stored?.importedBy ?? null };
    });
  }

  /**
   * An admin's import of `list` from a file's text, JSON or CSV (a spreadsheet export with `code` and
   * `label` columns); refused in plain words, nothing changed, when the file is not right.
   */
  import(list: UaeListName, text: string, actor: NonNullable<AuditActor>): UaeListSource {
    if (Buffer.byteLength(text, 'utf8') > MAX_LIST_FILE_BYTES) {
      throw new AppFailure('VALIDATION_FAILED', `This file is larger than ${MAX_LIST_FILE_BYTES / 1024} KB, too large for a code list. Nothing was changed.`);
    }
    const json = /^\s*[{[]/.test(text) ? { ok: true as const, json: text } : listFileFromCsv(text, list);
    if (!json.ok) throw new AppFailure('VALIDATION_FAILED', `${json.reason} Nothing was changed.`);
    const check = checkListFile(json.json, list);
    if (!check.ok) throw new AppFailure('VALIDATION_FAILED', `${check.reason} Nothing was changed.`);
    const previous = (this.stored(list)?.entries ?? SHIPPED_UAE_LISTS[list]).length;
    const stored: StoredList = { importedAt: this.clock().toISOString(), importedBy: actor.name, entries: check.file.entries };
    this.store.write(() => {
      this.settings.setJson(keyOf(list), stored);
      this.audit.append({ actor, action: 'settings-change', subject: keyOf(list), details: { list: UAE_LIST_TITLES[list], entries: stored.entries.length, previousEntries: previous } });
    });
    this.putInForce();
    return this.sources().find((source) => source.list === list)!;
  }

  /** Back to the shipped list (the admin's way out of a wrong import), audited. */
  revert(list: UaeListName, actor: NonNullable<AuditActor>): UaeListSource {
    this.store.write(() => {
      this.settings.remove(keyOf(list));
      this.audit.append({ actor, action: 'settings-change', subject: keyOf(list), details: { list: UAE_LIST_TITLES[list], entries: SHIPPED_UAE_LISTS[list].length, shipped: true } });
    });
    this.putInForce();
    return this.sources().find((source) => source.list === list)!;
  }

  private stored(list: UaeListName): StoredList | undefined {
    const value = this.settings.getJson(keyOf(list)) as Partial<StoredList> | undefined;
    if (value === undefined || typeof value.importedAt !== 'string' || typeof value.importedBy !== 'string') return undefined;
    const entries = masterListFileSchema.shape.entries.safeParse(value.entries);
    return entries.success ? { importedAt: value.importedAt, importedBy: value.importedBy, entries: entries.data } : undefined;
  }
}
