import type { z } from 'zod';
import type { CalendarDate } from '../dates/calendar-date';
import type { KycImage } from '../record/kyc-record';

/**
 * A kind of record: what KYC Desk captures, checks, keeps and hands to a service. The capture flow,
 * validation, drafts, the queue, maker–checker, documents and retention know a record only through
 * its kind, so a new kind (a UAE partner customer, a video-KYC session) is a new folder beside
 * ckyc-individual/ and one line in index.ts. How to add one: docs/architecture.md § Record kinds;
 * why this shape: docs/decisions/0035-record-kinds.md.
 *
 * The methods take the kind's own record type R. A kind is only ever handed records of its own
 * kind: main reads a record's kind from its row (or the request) before asking the kind about it.
 */

/** Problems by the record's dotted field path ('permanentAddress.pinCode'), in plain words. */
export type FieldErrors = Record<string, string>;

export type RecordCheck<R> = { ok: true; value: R } | { ok: false; errors: FieldErrors };

/** One step of the capture form: its id, the title its tab shows. */
export interface CaptureStep {
  id: string;
  title: string;
}

/** What the queue shows of a record, kept in the records table's columns so the queue can filter and sort in SQL. */
export interface RecordColumns {
  /** Upper-case as the kind normalises it: the queue's name search matches on it. */
  name: string;
  panMasked: string;
  mobileMasked: string;
}

/**
 * What names the customer of a record, for the look-up that finds the same customer twice
 * (electron/records/same-customer/): as typed, main normalises it. An Aadhaar-based identity
 * document's last 4 digits are given but never matched: 4 digits identify nobody.
 */
export interface SameCustomerFields {
  pan?: string;
  /** `path`: the form's field of the number, where it is not the individual's `identityDocuments.<i>.number`. */
  identityDocuments?: ReadonlyArray<{ code: string; number: string; path?: string }>;
  ckycNumber?: string;
  /**
   * The CKYC number this record asks the registry to change (an application of type Update): the
   * customer whose earlier record here the registry gave that number is this customer, on purpose,
   * so that record is not a second capture of them.
   */
  updateOf?: string;
}

/** Facts only main has, for the checks a kind makes when a record is saved. */
export interface SaveFacts {
  /** Whether the shipped PIN list has this PIN. */
  isListedPin(pin: string): boolean;
}

export interface RecordKind<R = unknown> {
  /** Stored on each record and draft; lower-case letters, digits and hyphens ('ckyc-individual'). */
  readonly id: string;
  /** For people: 'CKYC individual'. */
  readonly label: string;
  /** The record's shape (types and bounds), checked before anything else looks at it. */
  readonly schema: z.ZodType<R>;
  /**
   * Who lets a saved record go. 'checker' (the default): it waits for a checker's approval
   * (maker–checker). 'on-request': it is ready as soon as it is saved, on the saving operator's
   * say-so — only for a kind that carries nothing a checker could verify and is sent while the
   * customer waits (a video-KYC link request: a phone number and a reference; docs/decisions/0042).
   */
  readonly approval?: 'checker' | 'on-request';
  /** The capture form's steps, in order (the flow adds its own Review step after them). */
  readonly steps: readonly CaptureStep[];

  /** The step that shows the field at `path`; a path the record does not have belongs to the first step. */
  stepOf(path: string): string;
  /** The form's label for a field path, for messages that name a field. */
  fieldLabel(path: string): string;
  /** A blank record for the form. */
  blank(): R;

  /** The whole record's rules: its normalised value, or every field's first problem. `today` is the operator's local date. */
  validate(input: unknown, today?: CalendarDate): RecordCheck<R>;
  /**
   * Checks only main can make when the record is saved (facts from this PC): the record to store
   * and the problems found. Optional: a kind without such checks stores what `validate` gave.
   */
  checkBeforeSave?(record: R, facts: SaveFacts): { record: R; errors: FieldErrors };

  /** The fields where a person types free text or a number of their choosing, by field path (a draft refuses a full Aadhaar in them). */
  freeTextFields(record: R): Array<[path: string, text: string]>;
  /** What the queue shows of the record. */
  columns(record: R): RecordColumns;
  /** The images the record refers to (each a document in the encrypted document store). */
  images(record: R): readonly KycImage[];
  /** The record with its images as main's document store knows them. */
  withImages(record: R, images: KycImage[]): R;
  /** The record carrying its customer reference number, given by main when it is first saved. */
  withReference(record: R, reference: string): R;
  /** What names the record's customer (PAN, identity documents, CKYC number). Optional: a kind without it is never matched. */
  sameCustomerFields?(record: R): SameCustomerFields;
}
