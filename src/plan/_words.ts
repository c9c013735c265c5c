/**
 * Plain-words formatting shared by the planner's messages. Written by hand rather than with
 * `Intl.NumberFormat` so the text does not depend on the ICU build (plans must be byte-stable).
 */
import type { RebalanceWindow, SpecField } from '../spec/types';
import type { PlanChange } from './types';

/** 1234567.5 → "1,234,567.5"; integers stay integers. */
export function formatNumber(n: number): string {
  const [int = '0', frac] = String(Math.abs(n)).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/** 4253 → "+4,253.00", -12.5 → "-12.50". */
export function formatMoney(amount: number, signed = true): string {
  const cents = Math.round(Math.abs(amount) * 100);
  const int = formatNumber(Math.floor(cents / 100));
  const sign = amount < 0 && cents > 0 ? '-' : signed ? '+' : '';
  return `${sign}${int}.${String(cents % 100).padStart(2, '0')}`;
}

/** 16600 → "4 h 37 min"; 300 → "5 min"; 40 → "1 min". */
export function formatDuration(seconds: number): string {
  const minutes = Math.max(1, Math.round(seconds / 60));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** "sat, sun 01:00–05:00 Asia/Shanghai" */
export function describeWindow(w: RebalanceWindow): string {
  return `${w.days.join(', ')} ${w.start}–${w.end} ${w.timezone}`;
}

const FIELD_WORDS: Readonly<Record<SpecField, string>> = {
  edition: 'edition',
  bandwidthMBps: 'bandwidth',
  diskGB: 'disk',
  partitions: 'partitions',
};

/** "bandwidth 320 → 400 MB/s", "edition standard → pro", "partitions 1,800 → 2,000" */
export function describeChange(c: PlanChange): string {
  const v = (x: string | number): string => (typeof x === 'number' ? formatNumber(x) : x);
  const unit = c.unit === '' || c.unit === 'partitions' ? '' : ` ${c.unit}`;
  return `${FIELD_WORDS[c.field]} ${v(c.from)} → ${v(c.to)}${unit}`;
}

/** "a, b, c and 4 more" */
export function listSome(items: readonly string[], max = 5): string {
  if (items.length <= max) {
    if (items.length <= 1) return items.join('');
    return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  }
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** "1 topic" / "3 topics" */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}
