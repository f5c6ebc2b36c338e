import type { DetectedRecord } from '@/lib/crm/record';

export type TaxBasis = 'excluded' | 'included';

/**
 * The amount a detected record adds to revenue under the rep's setting, and which basis it is.
 * Where the CRM gives both amounts the setting picks one; where it gives one, that one is used and
 * the basis is said only when known (an amount given only with tax is marked so).
 */
export function revenueAmount(record: Pick<DetectedRecord, 'amount' | 'amountWithTax'>, withTax: boolean): { amount?: number; tax?: TaxBasis } {
  const { amount, amountWithTax } = record;
  if (amount !== undefined && amountWithTax !== undefined) {
    return withTax ? { amount: amountWithTax, tax: 'included' } : { amount, tax: 'excluded' };
  }
  if (amountWithTax !== undefined) return { amount: amountWithTax, tax: 'included' };
  return amount === undefined ? {} : { amount };
}
