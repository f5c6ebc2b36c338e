import { z } from 'zod';
import { CurrencySchema, KpiIdSchema } from '../kpi/definitions';
import { DetectedRecordSchema } from '../crm/record';
import { MonthSchema } from '../db/events';

/**
 * Every message a content script or extension page sends to the background.
 * The background is the only writer: it parses each message with this schema and answers
 * malformed or unknown ones with an error, writing nothing.
 */
export const RequestSchema = z.discriminatedUnion('type', [
  /** A content script saw a record being created. */
  z.object({ type: z.literal('record-detected'), record: DetectedRecordSchema }),
  /** The rep counts something by hand (+1, or a revenue amount). */
  z.object({
    type: z.literal('add-manual'),
    kpi: KpiIdSchema.exclude(['visitors']),
    amount: z.number().finite().positive().max(1e12).optional(),
    currency: CurrencySchema.optional(),
  }),
  /** Remove one counted event (manual or detected). */
  z.object({ type: z.literal('undo'), key: z.string().min(1).max(300) }),
  /** The company's website visitors for a month. */
  z.object({ type: z.literal('set-visitors'), month: MonthSchema, value: z.number().int().nonnegative().max(1e9) }),
  /** The current KPI snapshot. */
  z.object({ type: z.literal('get-snapshot') }),
  /** Counted events, newest first, optionally filtered. */
  z.object({
    type: z.literal('list-events'),
    kpi: KpiIdSchema.optional(),
    from: z.number().int().nonnegative().optional(),
    to: z.number().int().nonnegative().optional(),
    limit: z.number().int().positive().max(100_000).optional(),
  }),
]);
export type Request = z.infer<typeof RequestSchema>;
export type RequestType = Request['type'];

/** Every answer has this envelope so a caller can tell a refusal from a result. */
export type Response<T = unknown> = { ok: true; data: T } | { ok: false; error: string };

/** Broadcast by the background to extension pages and CRM tabs after every write. */
export const ChangedNoticeSchema = z.object({
  type: z.literal('kpi-changed'),
  /** Events just counted (for "Contact counted · Undo" confirmations). */
  counted: z.array(z.object({ key: z.string(), kpi: KpiIdSchema, kind: z.string().optional() })).default([]),
  removed: z.array(z.string()).default([]),
});
export type ChangedNotice = z.infer<typeof ChangedNoticeSchema>;
