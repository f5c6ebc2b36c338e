import { z } from 'zod';
import { KpiIdSchema } from './definitions';

/** The history as the background sends it; pages check it before drawing anything. */
const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const HistoryPointSchema = z.object({
  first: DaySchema,
  last: DaySchema,
  value: z.number().finite().nullable(),
  target: z.number().finite().nonnegative(),
  met: z.boolean(),
  partial: z.boolean(),
  off: z.boolean(),
});
export const HistorySchema = z.array(
  z.object({
    kpi: KpiIdSchema,
    period: z.enum(['week', 'month']),
    points: z.array(HistoryPointSchema).max(24),
    streak: z.number().int().nonnegative(),
    best: HistoryPointSchema.nullable(),
  }),
);
