import { MIME_OF, sniffDocumentKind } from '../documents/file-kind';
import type { KycRecord } from '../../shared/record/kyc-record';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/database';
import { FetchedPeople, type FetchedPersonRow } from './fetched-people';

/** One person's answer as the download service read it (Aadhaar already cut by its reader). */
export interface FetchedAnswer {
  requestId: string;
  position: number;
  ckycNumber: string;
  state: FetchedPersonRow['state'];
  registryState: string | null;
  error: string | null;
  person: { record: KycRecord; raw: Record<string, unknown>; photograph: Buffer | null } | null;
}

/** The most a fetched photograph may be: the capture form's photograph limit is far below this. */
const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

/**
 * Keeps what a download brought back: each photograph sealed in the document store first (a
 * crash after it leaves an orphan file the start-up tidy removes, never a row pointing at
 * nothing), then every person's row in one write. Keeping the same answers again changes nothing.
 */
export class FetchKeeper {
  private readonly people: FetchedPeople;

  constructor(
    private readonly store: Store,
    private readonly documents: { put(bytes: Uint8Array): { hash: string } },
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.people = new FetchedPeople(store);
  }

  keep(answers: readonly FetchedAnswer[]): void {
    const photos = answers.map((answer) => this.sealPhoto(answer));
    const now = this.clock().toISOString();
    this.store.write(() => {
      answers.forEach((answer, index) => {
        const photo = photos[index];
        if (photo) this.people.notePhotograph(answer.requestId, photo, now);
        const data = answer.person ? { record: answer.person.record, raw: photo ? { ...answer.person.raw, photograph: { documentHash: photo.hash, mime: photo.mime, bytes: photo.bytes } } : answer.person.raw } : null;
        this.people.keep(
          { requestId: answer.requestId, position: answer.position, ckycNumber: answer.ckycNumber, state: answer.state, registryState: answer.registryState, error: answer.error, data, photoHash: photo?.hash ?? null, fetchedAt: answer.person ? now : null },
          now,
        );
      });
    });
  }

  /** The photograph sealed, when it is a JPEG or PNG of a sane size; otherwise the person is kept without it (said in the log). */
  private sealPhoto(answer: FetchedAnswer): { hash: string; kind: string; mime: string; bytes: number } | null {
    const bytes = answer.person?.photograph;
    if (!bytes) return null;
    const kind = sniffDocumentKind(bytes);
    if ((kind !== 'jpeg' && kind !== 'png') || bytes.length > MAX_PHOTO_BYTES) {
      this.logger.warn('fetched photograph not kept: not a JPEG or PNG within 2 MB', { requestId: answer.requestId, position: answer.position, bytes: bytes.length });
      return null;
    }
    return { hash: this.documents.put(bytes).hash, kind, mime: MIME_OF[kind], bytes: bytes.length };
  }
}
