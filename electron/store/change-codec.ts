import type { SqlValue } from 'sql.js';

/** One statement as run inside a write: SQL and its parameters (none for migrations). */
export type Statement = [sql: string] | [sql: string, params: SqlValue[]];

/** Blobs travel as {"$b": base64} so a change survives JSON unchanged. */
export function encodeChange(statements: Statement[]): Buffer {
  return Buffer.from(
    JSON.stringify(statements, (_key, value: unknown) => (value instanceof Uint8Array ? { $b: Buffer.from(value).toString('base64') } : value)),
  );
}

export function decodeChange(bytes: Buffer): Statement[] {
  const parsed = JSON.parse(bytes.toString('utf8'), (_key, value: unknown) =>
    value && typeof value === 'object' && '$b' in value && typeof (value as { $b: unknown }).$b === 'string'
      ? new Uint8Array(Buffer.from((value as { $b: string }).$b, 'base64'))
      : value,
  ) as unknown;
  if (!Array.isArray(parsed)) throw new Error('journal entry is not a list of statements');
  return parsed as Statement[];
}
