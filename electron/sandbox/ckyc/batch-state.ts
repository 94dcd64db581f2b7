import type { RemoteState } from '../../connectors/ckyc-bulk/wire';
import { JsonStateFile } from '../shell/state-file';

/** What the sandbox keeps of one individual: nothing a customer gave in clear (see wire.ts). */
export interface SandboxIndividual {
  kycRefNo: string;
  panMasked: string;
  mobileMasked: string;
  /** HMAC of the PAN / full name with the ledger key, or null without a PAN. */
  panKey: string | null;
  nameKey: string | null;
  /**
   * HMAC of `dob:<YYYY-MM-DD>` / `mobile:<digits>` with the ledger key: what a bulk download is
   * verified against. Absent on individuals kept before downloads existed.
   */
  dobKey?: string;
  mobileKey?: string;
  /** Declared at initialize (wire `image_files`); undefined when not declared. */
  imageFiles?: string[];
  ckycNumber?: string;
  /** The shared rules' problems found on receipt. */
  ruleProblems: string[];
}

export interface SandboxFile {
  sha256: string;
  bytes: number;
  fileName: string | null;
  receivedAt: number;
  batchProblems: string[];
  individualProblems: Record<string, string[]>;
  /** How it came: upload-file (absent: stored before SFTP existed) or an SFTP drop. */
  via?: 'http' | 'sftp';
  /** SFTP: the terminal result file is in response/ (written once, after processing). */
  resultWritten?: boolean;
}

export interface SandboxResult {
  kycRefNo: string;
  state: 'succeeded' | 'failed';
  ckycNumber: string | null;
  error: string | null;
}

/** The terminal answer, computed once and never again (seed: terminal answers are cached). */
export interface SandboxTerminal {
  state: Extract<RemoteState, 'upload_succeeded' | 'upload_failed'>;
  error: string | null;
  at: number;
  results: SandboxResult[];
}

export interface SandboxRequest {
  clientId: string;
  kind: 'upload' | 'update';
  batchFileName: string;
  receivedAt: number;
  kycRefs: string[];
  /** Rule failures found on receipt, `<ref>: <problems>` (kept for requests stored before `individuals`). */
  ruleErrors: string[];
  individuals?: SandboxIndividual[];
  /** Processing waits for the batch ZIP. */
  needsFile?: boolean;
  file?: SandboxFile;
  terminal?: SandboxTerminal;
}

/**
 * What the sandbox registry has received, kept on disk so a batch sent before the app restarted
 * can still be followed to its end, as with the real registry.
 */
export class SandboxState {
  private readonly requests = new Map<string, SandboxRequest>();
  private readonly byBatchFileName = new Map<string, string>();
  private readonly file: JsonStateFile<SandboxRequest>;

  constructor(dir: string) {
    this.file = new JsonStateFile<SandboxRequest>(dir, 'requests.json');
    for (const request of this.file.load()) this.remember(request);
  }

  private remember(request: SandboxRequest): void {
    this.requests.set(request.clientId, request);
    this.byBatchFileName.set(request.batchFileName, request.clientId);
  }

  private persist(requests: SandboxRequest[]): void {
    this.file.save(requests);
  }

  add(request: SandboxRequest): void {
    this.persist([...this.requests.values(), request]);
    this.remember(request);
  }

  /** Replace a stored request (durably) with its new version. */
  update(request: SandboxRequest): void {
    this.persist([...this.requests.values()].map((r) => (r.clientId === request.clientId ? request : r)));
    this.remember(request);
  }

  get(clientId: string): SandboxRequest | undefined {
    return this.requests.get(clientId);
  }

  all(): SandboxRequest[] {
    return [...this.requests.values()];
  }

  clientIdForBatch(batchFileName: string): string | undefined {
    return this.byBatchFileName.get(batchFileName);
  }
}
