import { useState } from 'react';
import type { ChannelName, RequestOf, SessionStateView } from '../../../shared/contract';
import type { AppError } from '../../../shared/errors';
import { useAppStore } from '../state/app-store';

type SessionChannel = Extract<ChannelName, 'session.signIn' | 'session.switchTraining' | 'session.lock' | 'session.unlock' | 'session.signOut' | 'session.createFirstAdmin'>;

/** Run a session channel, apply the answer to the store, and keep the error for the form to show. */
export function useSessionAction() {
  const api = useAppStore((s) => s.api);
  const applySession = useAppStore((s) => s.applySession);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  async function run<C extends SessionChannel>(channel: C, request: RequestOf<C>): Promise<boolean> {
    if (!api || busy) return false;
    setBusy(true);
    setError(null);
    try {
      const result = await api.invoke(channel, request);
      if (!result.ok) {
        setError(result.error);
        return false;
      }
      await applySession(result.value as SessionStateView);
      return true;
    } finally {
      setBusy(false);
    }
  }

  return { run, error, busy };
}
