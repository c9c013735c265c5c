/**
 * Plain-words formatting shared by the planner's messages, the renderers and the CLI, so every
 * output says a duration or an amount the same way. Written by hand rather than with
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

/** Money with two decimals and thousands separators: `4,253.00`, `-1,200.50`. */
export function formatMoney(amount: number): string {
  const cents = Math.round(Math.abs(amount) * 100);
  const sign = amount < 0 && cents > 0 ? '-' : '';
  return `${sign}${formatNumber(Math.floor(cents / 100))}.${String(cents % 100).padStart(2, '0')}`;
}

/** A money difference with its sign: `+292.00`, `-1,200.50`, `±0.00`. */
export function formatSignedMoney(amount: number): string {
  const unsigned = formatMoney(amount);
  if (unsigned === '0.00') return '±0.00';
  return amount > 0 ? `+${unsigned}` : unsigned;
}

/** A duration as people read it: `4h 37m`, `12m`, `2d 3h`, `<1m`; `unknown` for nonsense. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return 'unknown';
  if (seconds < 60) return '<1m';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    const rest = minutes % 60;
    return rest === 0 ? `${hours}h` : `${hours}h ${rest}m`;
  }
  const days = Math.floor(hours / 24);
  const restHours = hours % 24;
  return restHours === 0 ? `${days}d` : `${days}d ${restHours}h`;
}

/** "sat, sun 01:00–05:00 Asia/Shanghai", and ", must finish inside" when it must. */
export function describeWindow(w: RebalanceWindow): string {
  return `${w.days.join(', ')} ${w.start}–${w.end} ${w.timezone}${w.mustFinishInside === true ? ', must finish inside' : ''}`;
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
