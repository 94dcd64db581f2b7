import type { RequestOf, SessionDetail, VideoKycSession } from '../../shared/contract';
import { linkTypeProblem } from '../../shared/connections/agent-api-settings';
import { IMAGE_CODE_AADHAAR, IMAGE_CODE_PHOTOGRAPH } from '../../shared/codes/ckyc-codes';
import type { MaskBox } from '../../shared/documents/masking';
import { AppFailure } from '../../shared/errors';
import type { OperatorProfile } from '../../shared/operators/roles';
import { CKYC_INDIVIDUAL_KIND_ID } from '../../shared/record-kinds/ckyc-individual';
import { VIDEO_KYC_LINK, VIDEO_KYC_LINK_KIND_ID, type VideoKycLink } from '../../shared/record-kinds/video-kyc-link';
import type { KycRecord } from '../../shared/record/kyc-record';
import { validateIndianMobile } from '../../shared/validation/identifiers';
import type { SessionMedia } from '../connectors/agent-api/agent-api';
import type { DocumentIntake } from '../documents/document-intake';
import { DocumentRepository } from '../documents/document-repository';
import type { RecordRepository } from '../records/record-repository';
import { NOT_IN_SCOPE_RECORD, type RecordScope } from '../records/record-scope';
import type { RecordService } from '../records/record-service';
import type { Store } from '../store/database';
import type { AgentApiWiring } from './agent-api-in-force';
import type { AgentSessions } from './agent-sessions';
import { detailOf, inSentence, mediumLabel } from './session-detail';
import { SessionList } from './session-list';

/** The largest medium main fetches for a person (a session's video can be long). */
export const MAX_MEDIA_BYTES = 25 * 1024 * 1024;

export interface VideoKycDeskOptions {
  store: Store;
  records: RecordRepository;
  recordService: RecordService;
  sessions: AgentSessions;
  agentApi: AgentApiWiring;
  /** The admin's link types (case-sensitive). */
  linkTypes: () => readonly string[];
  /** Hands the ready link requests to the engine (the video-KYC service). */
  sendReady: (operator: OperatorProfile) => void;
  /** Closes a batch waiting for a person (SyncEngine.closeBatch). */
  closeBatch: (batchId: string, reason: string) => void;
  /** Checks and seals a kept image (an Aadhaar one only masked). */
  intake: Pick<DocumentIntake, 'accept'>;
}

/** Runs inside a save's transaction: the request's audit entry. */
export type OnSaved = (reference: string) => void;

/**
 * Video KYC at the counter (docs/decisions/0042): a link request is saved as a record of kind
 * video-kyc-link, ready on the asking operator's say-so, and handed to the engine at once; the
 * sessions are read back with their link, status, next check and verdict. Media are fetched only
 * when a person opens one, and kept (sealed, an Aadhaar image masked) only when a person keeps it.
 * Every read is within the acting operator's scope (a maker sees the links they asked for).
 */
export class VideoKycDesk {
  readonly list: SessionList;

  constructor(private readonly options: VideoKycDeskOptions) {
    this.list = new SessionList(options.store);
  }

  /** A link for a customer record (its mobile and reference) or typed: checked, saved ready, sent. */
  send(request: RequestOf<'videoKyc.send'>, operator: OperatorProfile, scope: RecordScope, onSaved: OnSaved): Promise<VideoKycSession> {
    const link = request.recordId !== undefined ? this.linkForRecord(request.recordId, scope, request) : this.typedLink(request);
    return this.save(link, operator, scope, onSaved);
  }

  /**
   * A new link in place of an earlier one that ran out, ended, or may have been sent. One waiting
   * for a person is closed first (the vendor rejects the old session as kyc_rejected when it was live).
   */
  async sendAgain(id: string, operator: OperatorProfile, scope: RecordScope, onSaved: OnSaved, onClosed: OnSaved): Promise<VideoKycSession> {
    const old = this.foundLink(id, scope);
    const stored = this.options.records.find(id)!;
    const expired = old.linkExpiresAt !== null && Date.parse(old.linkExpiresAt) <= Date.now();
    if (old.phase === 'sending') throw new AppFailure('CONFLICT', 'This link is still being sent. Wait for the agent API’s answer before sending another.');
    if (old.phase === 'following' && !expired) {
      throw new AppFailure('CONFLICT', 'This link is still valid. A new link now would reject the customer’s current session; send one again once it has expired.');
    }
    const link = stored.record as unknown as VideoKycLink;
    const linkType = this.options.linkTypes().includes(link.linkType) ? link.linkType : (this.options.linkTypes()[0] ?? link.linkType);
    const again: VideoKycLink = { userId: link.userId, phoneNumber: link.phoneNumber, sendNotification: link.sendNotification, linkType, ...(link.sourceRecordId ? { sourceRecordId: link.sourceRecordId } : {}) };
    // The old one waiting for a person is closed only once the new one is sure to be saved.
    const closeOld = old.phase === 'may_have_been_sent' || old.phase === 'needs_attention' ? () => this.closeWaiting(old, 'Replaced by a new link.', onClosed) : () => undefined;
    return this.save(again, operator, scope, onSaved, closeOld);
  }

  /** A person closes a link that may have been sent (or a session waiting for a person): it ends, with why. */
  close(id: string, reason: string, scope: RecordScope, onClosed: OnSaved): VideoKycSession {
    const session = this.foundLink(id, scope);
    if (session.phase !== 'may_have_been_sent' && session.phase !== 'needs_attention') throw new AppFailure('CONFLICT', 'Only a link waiting for a person’s decision can be closed here.');
    this.closeWaiting(session, reason, onClosed);
    return this.found(id, scope);
  }

  detail(id: string, scope: RecordScope): SessionDetail {
    const session = this.found(id, scope);
    const documents = new DocumentRepository(this.options.store);
    const kept = documents.hashesOfRecords('id = ?', [id]).map((hash) => ({ hash, mime: documents.mimeOf(hash) ?? 'image/jpeg' }));
    return detailOf(session, this.options.sessions.find(id) ?? null, kept);
  }

  forRecord(recordId: string, scope: RecordScope): { sessions: VideoKycSession[]; verdicts: Array<{ sessionId: string; verdict: 'approved' | 'not_approved'; status: string; decidedAt: string; service: string }> } {
    if (!this.options.records.findInFull(recordId, scope)) throw new AppFailure('NOT_FOUND', NOT_IN_SCOPE_RECORD);
    const verdicts = this.options.sessions.verdictsFor(recordId).map(({ sessionId, verdict, status, decidedAt, service }) => ({ sessionId, verdict, status, decidedAt, service }));
    return { sessions: this.list.forSource(recordId, scope), verdicts };
  }

  /** One medium, fetched now and handed over from memory: nothing of it is written anywhere. */
  async media(id: string, index: number, scope: RecordScope): Promise<{ mime: string; base64: string; kind: string }> {
    const medium = this.medium(id, index, scope);
    const fetched = await this.fetch(medium);
    return { mime: fetched.mime, base64: Buffer.from(fetched.bytes).toString('base64'), kind: medium.kind };
  }

  /**
   * A person keeps one image with the link request: checked and sealed like any document. An
   * Aadhaar image is kept only masked (main burns the person's boxes in: documents/masking/).
   */
  async keepMedium(id: string, index: number, scope: RecordScope, operator: OperatorProfile, boxes?: readonly MaskBox[]): Promise<{ hash: string; masked: boolean }> {
    const medium = this.medium(id, index, scope);
    if (medium.aadhaar && (boxes === undefined || boxes.length === 0)) throw new AppFailure('VALIDATION_FAILED', 'Mask the first 8 digits of the Aadhaar number and the QR code on this image before it is kept.');
    const fetched = await this.fetch(medium);
    if (!fetched.mime.startsWith('image/')) throw new AppFailure('VALIDATION_FAILED', `Only images are kept with a session; the ${inSentence(mediumLabel(medium.kind))} stays at the vendor.`);
    const imageCode = medium.aadhaar ? IMAGE_CODE_AADHAAR : IMAGE_CODE_PHOTOGRAPH;
    const kept = await this.options.intake.accept({ bytes: fetched.bytes, imageCode, masked: medium.aadhaar, ...(medium.aadhaar ? { boxes } : {}), putBy: operator.id });
    const documents = new DocumentRepository(this.options.store);
    this.options.store.write(() => {
      const already = documents.hashesOfRecords('id = ?', [id]);
      documents.linkToRecord(id, [...new Set([...already, kept.hash])]);
    });
    return { hash: kept.hash, masked: kept.masked };
  }

  private medium(id: string, index: number, scope: RecordScope): SessionMedia {
    this.found(id, scope);
    const medium = this.options.sessions.find(id)?.details?.media[index];
    if (!medium) throw new AppFailure('NOT_FOUND', 'The session’s answer does not point to that image or video (any more).');
    return medium;
  }

  private async fetch(medium: SessionMedia): Promise<{ bytes: Uint8Array; mime: string }> {
    const inForce = await this.options.agentApi.inForce();
    if (!inForce.ok) throw new AppFailure('CONNECTION_NOT_ALLOWED', inForce.problem);
    const outcome = await inForce.api.fetchMedia(medium.url, MAX_MEDIA_BYTES);
    if (!outcome.ok) throw new AppFailure('REMOTE_UNREACHABLE', `The ${inSentence(mediumLabel(medium.kind))} could not be fetched: ${outcome.message}`);
    return { bytes: new Uint8Array(outcome.bytes), mime: outcome.contentType ?? 'application/octet-stream' };
  }

  private closeWaiting(session: VideoKycSession, reason: string, onClosed: OnSaved): void {
    if (!session.batchId) throw new AppFailure('CONFLICT', 'This link has no batch to close.');
    this.options.closeBatch(session.batchId, reason);
    onClosed(session.reference);
  }

  /** A link request: a digital-KYC push listed beside them is decided on its customer's Review page. */
  private foundLink(id: string, scope: RecordScope): VideoKycSession {
    const found = this.found(id, scope);
    if (found.service === 'digital-kyc') throw new AppFailure('CONFLICT', 'This session comes from a digital-KYC push: push again or close it from the customer’s record (its Review page).');
    return found;
  }

  private found(id: string, scope: RecordScope): VideoKycSession {
    const found = this.list.find(id, scope);
    if (!found) throw new AppFailure('NOT_FOUND', NOT_IN_SCOPE_RECORD);
    return found;
  }

  private async save(link: VideoKycLink, operator: OperatorProfile, scope: RecordScope, onSaved: OnSaved, beforeSave: () => void = () => undefined): Promise<VideoKycSession> {
    const problem = linkTypeProblem(link.linkType, this.options.linkTypes());
    if (problem) throw new AppFailure('VALIDATION_FAILED', `Check Link type: ${problem}`, { linkType: problem });
    const inForce = await this.options.agentApi.inForce();
    if (!inForce.ok) throw new AppFailure('CONNECTION_NOT_ALLOWED', `No link was sent: ${inForce.problem}`);
    const check = VIDEO_KYC_LINK.validate(link);
    if (!check.ok) {
      const [field, message] = Object.entries(check.errors)[0]!;
      throw new AppFailure('VALIDATION_FAILED', `Check ${VIDEO_KYC_LINK.fieldLabel(field)}: ${message}`, check.errors);
    }
    beforeSave();
    const saved = this.options.recordService.save({ kind: VIDEO_KYC_LINK_KIND_ID, record: link }, operator, (reference) => onSaved(reference));
    this.options.sendReady(operator);
    return this.found(saved.id, scope);
  }

  /** The customer record's mobile and reference: its own numbers, so a typo cannot send a link to a stranger. */
  private linkForRecord(recordId: string, scope: RecordScope, request: RequestOf<'videoKyc.send'>): VideoKycLink {
    const found = this.options.records.findInFull(recordId, scope);
    if (!found || found.stored.kind !== CKYC_INDIVIDUAL_KIND_ID) throw new AppFailure('NOT_FOUND', NOT_IN_SCOPE_RECORD);
    const record = found.stored.record as KycRecord;
    const mobile = validateIndianMobile(record.contact.mobile);
    if (!mobile.ok) throw new AppFailure('VALIDATION_FAILED', `Record ${found.summary.reference} has no Indian mobile number to send a link to (${mobile.reason}) Type the number instead.`, { phoneNumber: mobile.reason });
    return { userId: found.summary.reference, phoneNumber: mobile.value, sendNotification: request.sendNotification, linkType: request.linkType, sourceRecordId: recordId };
  }

  private typedLink(request: RequestOf<'videoKyc.send'>): VideoKycLink {
    return { userId: (request.userId ?? '').trim(), phoneNumber: request.phoneNumber ?? '', sendNotification: request.sendNotification, linkType: request.linkType };
  }
}
