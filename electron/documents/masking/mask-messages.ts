/** What main and the masking thread say to each other (structured clone; bytes by transfer). */
import type { DocumentKind } from '../../../shared/documents/file-kind';
import type { MaskBox } from '../../../shared/documents/masking';
import type { ErrorCode } from '../../../shared/errors';

export interface MaskJob {
  id: number;
  bytes: Uint8Array;
  kind: DocumentKind;
  boxes: readonly MaskBox[];
  limitBytes: number;
}

export type MaskOutcome =
  | { id: number; ok: true; jpeg: Uint8Array; width: number; height: number; quality: number; encodes: number }
  /** `unexpected`: the codec threw something other than a refusal (its name only, never its text). */
  | { id: number; ok: false; code: ErrorCode; message: string; unexpected?: string };
