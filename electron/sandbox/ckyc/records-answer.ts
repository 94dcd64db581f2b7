/** An answer of the records API and its token endpoint, in their own envelope (seed 001, seed 002 §1). */
export interface SandboxAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export const json = (status: number, body: unknown): SandboxAnswer => ({ status, headers: { 'content-type': 'application/json' }, body });
