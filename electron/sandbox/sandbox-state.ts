import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../store/atomic-file';

export interface SandboxRequest {
  clientId: string;
  kind: 'upload' | 'update';
  batchFileName: string;
  receivedAt: number;
  kycRefs: string[];
  /** Rule failures found on receipt; the batch fails with them once "processed". */
  ruleErrors: string[];
}

/**
 * What the sandbox registry has received, kept on disk so a batch sent before the app restarted
 * can still be followed to its end, as with the real registry.
 */
export class SandboxState {
  private readonly requests = new Map<string, SandboxRequest>();
  private readonly byBatchFileName = new Map<string, string>();
  private readonly file: string;

  constructor(dir: string) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.file = path.join(dir, 'requests.json');
    if (fs.existsSync(this.file)) {
      for (const request of JSON.parse(fs.readFileSync(this.file, 'utf8')) as SandboxRequest[]) this.remember(request);
    }
  }

  private remember(request: SandboxRequest): void {
    this.requests.set(request.clientId, request);
    this.byBatchFileName.set(request.batchFileName, request.clientId);
  }

  add(request: SandboxRequest): void {
    const next = [...this.requests.values(), request];
    writeFileAtomic(this.file, Buffer.from(JSON.stringify(next)));
    this.remember(request);
  }

  get(clientId: string): SandboxRequest | undefined {
    return this.requests.get(clientId);
  }

  clientIdForBatch(batchFileName: string): string | undefined {
    return this.byBatchFileName.get(batchFileName);
  }
}
