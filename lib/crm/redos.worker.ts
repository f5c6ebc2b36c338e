import type { AdapterInput } from './adapter-schema';
import { adapterRedosIssues, type AdapterRedosIssue } from './redos';

/**
 * Runs recheck off the options page's main thread: the page stays responsive while a rep's
 * adapters are checked, and the page can stop a check that takes too long by ending the worker.
 * Loaded only when there is an adapter to check, so opening Options does not load recheck.
 */
export interface RedosRequest {
  adapters: AdapterInput[];
}
export interface RedosAnswer {
  /** For each adapter, the fields whose pattern failed. */
  issues: AdapterRedosIssue[][];
}

self.onmessage = (event: MessageEvent<RedosRequest>) => {
  const issues = event.data.adapters.map((adapter) => adapterRedosIssues(adapter));
  (self as unknown as { postMessage(answer: RedosAnswer): void }).postMessage({ issues });
};
