/** What every part of the record's check shares: the errors found so far and the operator's today. */
import { fieldLabel, type KycRecord } from '../../record/kyc-record';
import type { CalendarDate } from '../dates';

export type KycErrors = Record<string, string>;
export type KycRecordCheck = { ok: true; value: KycRecord } | { ok: false; errors: KycErrors };

/** Collects the first error for each path, prefixed with the field's label. */
export class Findings {
  readonly errors: KycErrors = {};

  fail(path: string, reason: string): undefined {
    if (!Object.hasOwn(this.errors, path)) this.errors[path] = `${fieldLabel(path)}: ${reason}`;
    return undefined;
  }

  has(path: string): boolean {
    return Object.hasOwn(this.errors, path);
  }

  get count(): number {
    return Object.keys(this.errors).length;
  }
}

export interface Context {
  readonly f: Findings;
  readonly today: CalendarDate;
}
