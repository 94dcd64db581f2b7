import { useCallback, useEffect, useState } from 'react';
import type { ChannelName, RequestOf, ResponseOf } from '../../../shared/contract';
import { useAppStore } from '../state/app-store';

export interface RegistryRead<T> {
  value: T | null;
  /** Why the registry could not be read, in words; the last value read stays beside it. */
  problem: string | null;
  loading: boolean;
  reload(): void;
}

/**
 * One read of a Registry screen channel, made when the panel opens and again whenever `request`
 * changes (compare by `key`). An answer to a request since replaced is dropped.
 */
export function useRegistryRead<C extends ChannelName>(channel: C, request: RequestOf<C>, key: string): RegistryRead<ResponseOf<C>> {
  const api = useAppStore((s) => s.api);
  const refreshSession = useAppStore((s) => s.refreshSession);
  const [value, setValue] = useState<ResponseOf<C> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  // Which ask the shown answer is for: loading until the latest ask has its answer.
  const asking = `${key}#${round}`;
  const [answered, setAnswered] = useState<string | null>(null);
  useEffect(() => {
    if (!api) return;
    let current = true;
    void api.invoke(channel, request).then((result) => {
      if (!current) return;
      setAnswered(asking);
      if (result.ok) {
        setValue(result.value);
        setProblem(null);
      } else {
        setProblem(result.error.message);
        if (result.error.code === 'SIGNED_OUT') void refreshSession();
      }
    });
    return () => {
      current = false;
    };
    // `key` stands for `request`: a new object each render must not ask again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, channel, asking, refreshSession]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { value, problem, loading: answered !== asking, reload };
}
