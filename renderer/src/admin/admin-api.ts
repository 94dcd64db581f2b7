import { useCallback } from 'react';
import type { ChannelName, RequestOf, ResponseOf } from '../../../shared/contract';
import type { AppError, Result } from '../../../shared/errors';
import { useAppStore } from '../state/app-store';

const NO_CONNECTION: AppError = { code: 'INTERNAL', message: 'KYC Desk is not connected yet. Wait a moment and try again.' };
const UNEXPECTED: AppError = { code: 'INTERNAL', message: 'Something went wrong while asking KYC Desk. Try again; nothing saved was lost.' };

/**
 * `api.invoke` for the admin screens, hardened: errors stay values even if the bridge itself
 * throws, and a SIGNED_OUT answer (the app locked or the operator was switched off meanwhile)
 * makes the shell re-read the session so the lock or sign-in screen takes over.
 */
export function useAdminCall() {
  const api = useAppStore((s) => s.api);
  const refreshSession = useAppStore((s) => s.refreshSession);
  return useCallback(
    async <C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> => {
      if (!api) return { ok: false, error: NO_CONNECTION };
      let result: Result<ResponseOf<C>>;
      try {
        result = await api.invoke(channel, request);
      } catch {
        return { ok: false, error: UNEXPECTED };
      }
      if (!result.ok && result.error.code === 'SIGNED_OUT') void refreshSession();
      return result;
    },
    [api, refreshSession],
  );
}

/**
 * A refusal from the contract check (BAD_REQUEST) names fields in the schema library's words
 * ("Too small: expected …"). Put those in plain words the screen knows for each field.
 */
export function inPlainWords(error: AppError, plain: Record<string, string>): AppError {
  if (error.code !== 'BAD_REQUEST' || !error.fields) return error;
  const fields: Record<string, string> = {};
  for (const key of Object.keys(error.fields)) fields[key] = plain[key] ?? 'Check this value.';
  const count = Object.keys(fields).length;
  return { code: error.code, message: count === 1 ? 'One value was not accepted. Check the marked field.' : `${count} values were not accepted. Check the marked fields.`, fields };
}

/** Field messages that no field on the screen shows, so the alert box can say them instead. */
export function unplacedFieldMessages(error: AppError | null, shown: readonly string[]): string[] {
  if (!error?.fields) return [];
  return Object.entries(error.fields)
    .filter(([key]) => !shown.includes(key))
    .map(([, message]) => message);
}
