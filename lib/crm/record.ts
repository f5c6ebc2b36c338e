import { z } from 'zod';
import { CurrencySchema } from '@/lib/kpi/definitions';
import { AdapterIdSchema, KindIdSchema } from './adapter-schema';

/** A CRM record by its ids: which adapter, which kind, which record (and its page, when known). */
export const RecordRefSchema = z.object({
  adapter: AdapterIdSchema,
  /** Record kind from the adapter's `kinds` table, e.g. contact, quote, order, deal-won, device. */
  kind: KindIdSchema,
  recordId: z.string().min(1).max(128),
  /** The record page URL, when known (query strings and fragments beyond ids are not needed). */
  url: z.string().url().max(2048).optional(),
});
export type RecordRef = z.infer<typeof RecordRefSchema>;

/**
 * What the detection engine reports about one created (or won/confirmed) CRM record.
 * It carries ids and amounts only: never names, emails or page text. `hasEmail` says whether
 * the created contact had an email, without the email itself.
 */
export const DetectedRecordSchema = RecordRefSchema.extend({
  hasEmail: z.boolean().optional(),
  /** The amount without tax where the CRM tells both apart, else the amount the CRM gives. */
  amount: z.number().finite().nonnegative().max(1e12).optional(),
  /** The amount with tax, when the CRM gives it beside the untaxed one. */
  amountWithTax: z.number().finite().nonnegative().max(1e12).optional(),
  currency: CurrencySchema.optional(),
  /** The customer account the record belongs to (for "first order for a new customer"). */
  accountId: z.string().min(1).max(128).optional(),
  /** Which adapter rule fired: route, network or dom rule id. */
  rule: z.string().min(1).max(80),
});
export type DetectedRecord = z.infer<typeof DetectedRecordSchema>;
