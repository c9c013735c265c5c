/**
 * What a spec change costs: the cloud's quotes when it gave them, the catalog's list prices
 * otherwise. Money is rounded to cents so plans stay byte-stable.
 */
import { ADDON_PRICES, CATALOG, listPrice, roundMoney } from '../spec/catalog';
import { sizedSpecOf, type InstanceFacts, type ObservedInstance, type PriceQuote } from '../spec/observed';
import type { SpecValues } from '../spec/types';
import { formatNumber } from './words';
import type { PlanCost } from './types';

/** Hours in a billing month, for showing hourly (postpaid) prices per month. */
export const HOURS_PER_MONTH = 730;

/** Days in a month for prorating prepaid upgrades: the cloud charges the per-day difference. */
export const DAYS_PER_MONTH = 30;

const DAY_MS = 86_400_000;

/** What {@link costOfChange} needs to know. */
export interface CostInput {
  /** The instance as it runs: current spec, charge type, disk type and prepaid expiry. */
  readonly observed: ObservedInstance;
  readonly target: SpecValues;
  /** Facts gathered for the instance: `quote` is used when present. */
  readonly facts?: InstanceFacts;
  /**
   * When the cloud will charge: the moment the change is submitted (the schedule's start).
   * Prepaid days left are counted from here.
   */
  readonly chargeFrom: Date;
}

interface Prices {
  readonly source: PlanCost['source'];
  readonly currency: string;
  readonly per: 'month' | 'hour';
  readonly current: number | undefined;
  readonly target: number | undefined;
  readonly note: string;
}

function quotedPrices(current: PriceQuote, target: PriceQuote): Prices | undefined {
  // Quotes in different units or currencies cannot be subtracted: fall back to list prices.
  if (current.per !== target.per || current.currency !== target.currency) return undefined;
  return {
    source: 'quote',
    currency: current.currency,
    per: current.per,
    current: current.amount,
    target: target.amount,
    note: 'quoted by the cloud (InquireCkafkaPrice: purchase price of the current and the target spec, after discounts)',
  };
}

function listPrices(observed: ObservedInstance, target: SpecValues, per: 'month' | 'hour', why: string): Prices {
  const current = observed.edition === undefined ? undefined : listPrice(sizedSpecOf({ ...observed, edition: observed.edition }, target.diskGB), per, observed.diskType);
  const next = listPrice(target, per, observed.diskType);
  const unknown = [current === undefined ? observed.edition ?? observed.instanceType : undefined, next === undefined ? target.edition : undefined]
    .filter((e): e is string => e !== undefined)
    .map((e) => (e in CATALOG ? `${CATALOG[e as keyof typeof CATALOG].label} edition` : e));
  const note =
    unknown.length > 0
      ? `no list price is published for ${[...new Set(unknown)].join(' or ')} at this spec; the console shows the price`
      : `list price (CNY, China site, before discounts)${why}`;
  return { source: 'list-price', currency: ADDON_PRICES.currency, per, current, target: next, note };
}

/**
 * The cost of moving `observed` to `target`.
 *
 * Source `quote` when the facts carry InquireCkafkaPrice quotes for both specs, else
 * `list-price` from the catalog (per month for prepaid, per hour for postpaid, with the observed
 * disk type). Postpaid: `hourlyDelta`, and monthly figures are hourly × 730 h. Prepaid:
 * `monthlyDelta`, and `proratedCharge` = monthlyDelta / 30 × the days left until `expiresAt`
 * (rounded up), counted from `chargeFrom`. Without a price every figure is `null` and `note` says why.
 */
export function costOfChange(input: CostInput): PlanCost {
  const { observed, target, facts } = input;
  const postpaid = observed.chargeType === 'POSTPAID_BY_HOUR';
  const quote = facts?.quote;
  const quoteError = facts?.errors?.find((e) => e.what === 'quote');
  const quoted = quote === undefined ? undefined : quotedPrices(quote.current, quote.target);
  const why =
    quote !== undefined && quoted === undefined
      ? '; the quotes could not be compared (different units or currencies)'
      : quoteError !== undefined
        ? `; no quote (${quoteError.code}: ${quoteError.message})`
        : '';
  const listed = quoted ?? listPrices(observed, target, postpaid ? 'hour' : 'month', why);
  const prices = observed.diskGB === null ? { ...listed, note: `${listed.note}; elastic storage is billed by use and left out of the difference` } : listed;

  if (prices.current === undefined || prices.target === undefined) {
    return { currency: prices.currency, source: prices.source, currentMonthly: null, targetMonthly: null, monthlyDelta: null, note: prices.note };
  }
  if (prices.per === 'hour') {
    const hourlyDelta = roundMoney(prices.target - prices.current);
    return {
      currency: prices.currency,
      source: prices.source,
      currentMonthly: roundMoney(prices.current * HOURS_PER_MONTH),
      targetMonthly: roundMoney(prices.target * HOURS_PER_MONTH),
      monthlyDelta: roundMoney(hourlyDelta * HOURS_PER_MONTH),
      hourlyDelta,
      note: `${prices.note}; postpaid is billed by the hour: monthly figures are hourly × ${HOURS_PER_MONTH} h`,
    };
  }
  const monthlyDelta = roundMoney(prices.target - prices.current);
  const base = { currency: prices.currency, source: prices.source, currentMonthly: roundMoney(prices.current), targetMonthly: roundMoney(prices.target), monthlyDelta };
  const expires = observed.expiresAt === undefined ? Number.NaN : Date.parse(observed.expiresAt);
  if (Number.isNaN(expires)) return { ...base, note: `${prices.note}; the expiry date is not known, so the prorated charge cannot be computed` };
  const days = Math.ceil((expires - input.chargeFrom.getTime()) / DAY_MS);
  if (days <= 0) return { ...base, note: `${prices.note}; the instance expires before the change starts, so nothing is prorated` };
  const amount = roundMoney((monthlyDelta / DAYS_PER_MONTH) * days);
  // ASSUMED for scale-downs: the same per-day difference, returned rather than charged.
  const direction = monthlyDelta < 0 ? 'returned' : 'charged';
  return {
    ...base,
    proratedCharge: { amount, days, until: new Date(expires).toISOString() },
    note: `${prices.note}; prepaid: the monthly difference / ${DAYS_PER_MONTH} per day is ${direction} for the ${formatNumber(days)} days left until expiry`,
  };
}
