/** The cost of a change in words: the monthly change, its source, and what is billed hourly or charged on submit. */
import type { PlanCost } from '../plan/types';
import { formatMoney, formatSignedMoney } from '../plan/words';
import { toZoned } from './zoned-time';

/** The cost in words. */
export interface CostWords {
  /** `+292.00 CNY/month (list price)`. */
  readonly headline: string;
  /** `5,595.00 → 6,529.00 CNY/month`. */
  readonly range?: string;
  /** `+11.80 CNY/hour, billed hourly`. */
  readonly hourly?: string;
  /** `charged on submit: 204.40 CNY for 21 days (to 2026-12-15)`. */
  readonly prorated?: string;
  readonly note?: string;
  /** Short form for table cells: `+292.00 CNY`. */
  readonly short: string;
}

/** Describes the cost change: monthly delta, its source, hourly delta (postpaid) and prorated charge (prepaid). */
export function describeCost(cost: PlanCost | null): CostWords {
  if (cost === null) return { headline: 'unknown (no price available)', short: 'unknown' };
  const source = cost.source === 'quote' ? 'quote' : 'list price';
  const note = cost.note === undefined ? {} : { note: cost.note };
  const range =
    cost.currentMonthly !== null && cost.targetMonthly !== null
      ? { range: `${formatMoney(cost.currentMonthly)} → ${formatMoney(cost.targetMonthly)} ${cost.currency}/month` }
      : {};
  const hourly =
    cost.hourlyDelta === undefined ? {} : { hourly: `${formatSignedMoney(cost.hourlyDelta)} ${cost.currency}/hour, billed hourly` };
  const p = cost.proratedCharge;
  const prorated =
    p === undefined
      ? {}
      : {
          prorated: `charged on submit: ${formatMoney(p.amount)} ${cost.currency} for ${p.days} ${p.days === 1 ? 'day' : 'days'} (to ${
            toZoned(p.until, 'UTC')?.date ?? p.until
          })`,
        };
  if (cost.monthlyDelta === null) {
    return { headline: `monthly change unknown (${source})`, ...range, ...hourly, ...prorated, ...note, short: 'unknown' };
  }
  return {
    headline: `${formatSignedMoney(cost.monthlyDelta)} ${cost.currency}/month (${source})`,
    ...range,
    ...hourly,
    ...prorated,
    ...note,
    short: `${formatSignedMoney(cost.monthlyDelta)} ${cost.currency}`,
  };
}
