/**
 * Wall-clock time in an IANA time zone, on `Intl.DateTimeFormat` alone (pure: no clock, no tz
 * database of our own). Internal to the planner.
 */
import { boundedMemo } from '../spec/bounded-memo';

/** A calendar date, as local wall time sees it. */
export interface LocalDate {
  readonly year: number;
  readonly month: number; // 1–12
  readonly day: number;
}

const DAY_MS = 86_400_000;

// Formatters are costly to build and a plan asks the same zones many times; the cache holds no
// state that could change an answer.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      // h23, not hour12: false: some ICU versions print midnight as "24" with the latter.
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local wall time at `ms`, expressed as if it were UTC milliseconds (second resolution). */
function wallMs(ms: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}

/** The zone's offset from UTC at `ms`, in milliseconds (local minus UTC). */
function offsetAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallMs(whole, timeZone) - whole;
}

/** The local calendar date at `ms` in the zone. */
export function localDateAt(ms: number, timeZone: string): LocalDate {
  const w = new Date(wallMs(ms, timeZone));
  return { year: w.getUTCFullYear(), month: w.getUTCMonth() + 1, day: w.getUTCDate() };
}

/** `date` moved by `days` calendar days. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Day of the week of a calendar date: 0 Sunday … 6 Saturday. */
export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/**
 * The instant at which the zone's wall clock shows `minuteOfDay` on `date`.
 *
 * A wall time that does not exist (skipped by a spring-forward change) resolves to the first
 * valid instant after the gap, i.e. the transition itself. A wall time that occurs twice (a
 * fall-back change) resolves to its first occurrence.
 */
export function instantOfWallTime(date: LocalDate, minuteOfDay: number, timeZone: string): number {
  return rememberInstant(`${timeZone} ${date.year}-${date.month}-${date.day} ${minuteOfDay}`, () => findInstant(date, minuteOfDay, timeZone));
}

// A plan asks for the same openings many times (instances that share a window, and the schedule
// and its checks each asking), and each answer takes several formatToParts calls: answers are
// kept, up to a bound, as the formatters are.
const rememberInstant = boundedMemo<number>(4096);

function findInstant(date: LocalDate, minuteOfDay: number, timeZone: string): number {
  const naive = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
  // Offsets a day either side bracket any single transition near this wall time.
  const before = offsetAt(naive - DAY_MS, timeZone);
  const after = offsetAt(naive + DAY_MS, timeZone);
  const candidates = [...new Set([before, after, offsetAt(naive, timeZone)])]
    .map((o) => naive - o)
    .filter((t) => wallMs(t, timeZone) === naive)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) return first;
  // In a gap: with the earlier offset the instant is after the transition, with the later one
  // before it. Search for the transition between the two.
  let lo = Math.min(naive - before, naive - after);
  let hi = Math.max(naive - before, naive - after);
  const late = offsetAt(hi, timeZone);
  if (offsetAt(lo, timeZone) === late) return hi;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid, timeZone) === late) hi = mid;
    else lo = mid;
  }
  return hi;
}
