import { z } from 'zod';

/**
 * Test build only (like the pinned clock): the end-to-end suite cannot wait for an alarm or click
 * an OS notification, so it asks the background to run what the alarm or the click runs. Release
 * builds never parse these.
 */
export const TestTriggerSchema = z.discriminatedUnion('type', [
  /** Runs the reminder alarm's work now and answers with the ids of the reminders it showed. */
  z.object({ type: z.literal('test-run-nudges') }),
  /** Runs the notification click handler for this id and answers with the page it opened. */
  z.object({ type: z.literal('test-click-notification'), id: z.string().min(1).max(200) }),
]);
export type TestTrigger = z.infer<typeof TestTriggerSchema>;
