import type { BulkUpdateClient } from '../connectors/bulk-update/client';

/** The bulk update client in force (Training: the sandbox; Live: the saved connection), or why there is none. */
export type BulkUpdateInForce = { ok: true; client: BulkUpdateClient } | { ok: false; problem: string };
