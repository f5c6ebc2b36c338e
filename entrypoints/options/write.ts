import { useCallback, useState } from 'react';
import { ask } from '../../lib/messages/client';
import type { Request } from '../../lib/messages/schemas';

export interface Writer {
  busy: boolean;
  error: string | undefined;
  /** Sends one write to the background; resolves to its answer, or undefined when refused. */
  send<T = unknown>(request: Request): Promise<T | undefined>;
  clearError(): void;
}

/** Every write goes through the background, the only writer; its refusal is shown, never swallowed. */
export function useWriter(): Writer {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const send = useCallback(async <T,>(request: Request): Promise<T | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await ask<T>(request);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, send, clearError: useCallback(() => setError(undefined), []) };
}
