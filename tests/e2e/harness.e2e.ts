import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badge, launchExtension, listEvents, restartServiceWorker, sendToBackground, snapshot, type ExtensionSession } from './harness';

// The harness itself: the background answers through an extension page, survives a worker restart
// and keeps its data when the browser restarts on the same profile.
describe('harness', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await launchExtension();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('finds the extension id from the service worker', () => {
    expect(session.extensionId).toMatch(/^[a-p]{32}$/);
  });

  it('reads the counted events and the snapshot', async () => {
    expect(Array.isArray(await listEvents(session))).toBe(true);
    const snap = await snapshot(session);
    expect(typeof snap.at).toBe('number');
  });

  it('refuses an unknown message with an error envelope', async () => {
    const answer = await sendToBackground(session, { type: 'no-such-message' });
    expect(answer.ok).toBe(false);
  });

  it('reads the badge', async () => {
    const b = await badge(session);
    expect(typeof b.text).toBe('string');
    expect(b.title.length).toBeGreaterThan(0);
  });

  it('restarts the service worker and is answered again', async () => {
    await restartServiceWorker(session);
    expect(Array.isArray(await listEvents(session))).toBe(true);
  });
});
