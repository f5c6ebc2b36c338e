import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { clockReady } from '@/lib/clock/start';
import { App, type AppProps } from './App';

/**
 * The full popup: React and everything it renders, loaded after the first paint. Rendered in one
 * synchronous step, so the first paint it replaces never leaves a blank frame behind.
 */
export async function startApp(root: HTMLElement, props: AppProps): Promise<void> {
  // The test build's pinned clock, when the end-to-end suite set one; at once in a release build.
  await clockReady();
  const reactRoot = createRoot(root);
  flushSync(() =>
    reactRoot.render(
      <StrictMode>
        <App {...props} />
      </StrictMode>,
    ),
  );
}
