/**
 * Training: practice data, its own store, sent only to the built-in sandbox.
 * Live: the branch's real store, sent only to the configured registry connection.
 */
export const APP_MODES = ['training', 'live'] as const;
export type AppMode = (typeof APP_MODES)[number];
