import { useCallback, useState } from 'react';
import { t } from '@/lib/i18n/messages';
import { ask } from '@/lib/messages/client';
import type { Request } from '@/lib/messages/schemas';

export interface Writer {
  busy: boolean;
  /** What the rep reads when a write was refused: plain words, in their language. */
  error: string | undefined;
  /** The background's own reason (English, technical), for a tooltip or an adapter author. */
  detail: string | undefined;
  /** Sends one write to the background; resolves to its answer, or undefined when refused. */
  send<T = unknown>(request: Request): Promise<T | undefined>;
  clearError(): void;
}

/** Every write goes through the background, the only writer; its refusal is shown, never swallowed. */
export function useWriter(): Writer {
  const [busy, setBusy] = useState(false);
  const [detail, setDetail] = useState<string>();
  const send = useCallback(async <T,>(request: Request): Promise<T | undefined> => {
    setBusy(true);
    setDetail(undefined);
    try {
      return await ask<T>(request);
    } catch (err) {
      setDetail(err instanceof Error ? err.message : String(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  const error = detail === undefined ? undefined : t('error_notSaved');
  return { busy, error, detail, send, clearError: useCallback(() => setDetail(undefined), []) };
}
