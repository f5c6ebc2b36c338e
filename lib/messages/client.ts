import { browser } from 'wxt/browser';
import type { Request, Response } from './schemas';

export class BackgroundError extends Error {
  override name = 'BackgroundError';
}

/**
 * Sends one request to the background and unwraps its envelope.
 * Rejects with the background's own reason when it refused the request.
 */
export async function ask<T = unknown>(request: Request): Promise<T> {
  const answer = (await browser.runtime.sendMessage(request)) as Response<T> | undefined;
  if (!answer) throw new BackgroundError('The background did not answer.');
  if (!answer.ok) throw new BackgroundError(answer.error);
  return answer.data;
}
