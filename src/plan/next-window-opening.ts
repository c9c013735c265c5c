/**
 * Recurring rebalance windows: when the next one opens, in real time, across DST changes.
 */
import { isValidTimeZone, parseWallTime } from '../spec/time';
import type { RebalanceWindow, Weekday } from '../spec/types';
import { addDays, instantOfWallTime, localDateAt, weekdayOf } from './_zoned-time';

/** One occurrence of a window relative to a moment. */
export interface WindowOpening {
  /** When the change may start: the opening, or the moment asked about when it is inside the window. */
  readonly startsAt: Date;
  /** When that occurrence closes. */
  readonly endsAt: Date;
  /** Whether the moment asked about is inside an open occurrence. */
  readonly inside: boolean;
}

// Date#getUTCDay numbering: 0 Sunday … 6 Saturday.
const WEEKDAY_NUMBER: Readonly<Record<Weekday, number>> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** How far ahead to look: a weekly window with any day set opens within 7 days; 8 covers DST edges. */
const LOOKAHEAD_DAYS = 8;

/**
 * What is wrong with a window, in words, or `undefined` when it can be scheduled. The fleet
 * validation reports these with codes first; the planner uses this as a safety net for
 * declarations built in code.
 */
export function windowProblem(window: RebalanceWindow): { code: 'spec/empty-window' | 'spec/bad-time' | 'spec/unknown-timezone'; field: string; message: string } | undefined {
  if (window.days.length === 0) return { code: 'spec/empty-window', field: 'days', message: 'the window names no days' };
  for (const field of ['start', 'end'] as const) {
    if (parseWallTime(window[field]) === undefined)
      return { code: 'spec/bad-time', field, message: `window ${field} must be HH:MM (24-hour), got "${window[field]}"` };
  }
  if (!isValidTimeZone(window.timezone))
    return { code: 'spec/unknown-timezone', field: 'timezone', message: `unknown time zone "${window.timezone}"` };
  return undefined;
}

/**
 * The occurrence of `window` that contains `now`, or else the next one to open.
 *
 * A window opens on each of `days` at local `start` and closes at local `end`; when `end` is not
 * after `start` it closes on the next day (22:00–04:00 opened Saturday closes Sunday 04:00), so
 * an occurrence opened yesterday may still be open now. Wall times are read in the window's IANA
 * zone: a start skipped by a spring-forward change opens at the first valid instant after the
 * gap, an ambiguous fall-back time takes its first occurrence, and `endsAt - startsAt` is real
 * elapsed time. An occurrence that DST shrinks to nothing is skipped.
 *
 * @throws RangeError when the window has no days, a malformed time or an unknown time zone
 *   (see {@link windowProblem}; validated fleets never have these).
 */
export function nextWindowOpening(window: RebalanceWindow, now: Date): WindowOpening {
  const problem = windowProblem(window);
  if (problem !== undefined) throw new RangeError(`${problem.code}: ${problem.message}`);
  const start = parseWallTime(window.start) ?? 0;
  const end = parseWallTime(window.end) ?? 0;
  const overnight = end <= start;
  const days = new Set(window.days.map((d) => WEEKDAY_NUMBER[d]));
  const nowMs = now.getTime();
  const today = localDateAt(nowMs, window.timezone);
  // From yesterday: an overnight occurrence opened yesterday may still be open.
  for (let k = -1; k <= LOOKAHEAD_DAYS; k++) {
    const day = addDays(today, k);
    if (!days.has(weekdayOf(day))) continue;
    const opens = instantOfWallTime(day, start, window.timezone);
    const closes = instantOfWallTime(overnight ? addDays(day, 1) : day, end, window.timezone);
    if (closes <= opens || closes <= nowMs) continue;
    if (opens <= nowMs) return { startsAt: new Date(nowMs), endsAt: new Date(closes), inside: true };
    return { startsAt: new Date(opens), endsAt: new Date(closes), inside: false };
  }
  // Unreachable for a window with days: one of them comes round within a week.
  throw new RangeError(`spec/empty-window: no opening of the window within ${LOOKAHEAD_DAYS} days`);
}

/** How many occurrences {@link nextFittingOpening} looks through: two weeks of a daily window. */
const FITTING_LOOKAHEAD = 16;

/**
 * The first occurrence of `window`, from `now` on, with at least `needMs` of it left: the
 * occurrence containing `now` when enough of it remains, else a later one. `undefined` when no
 * occurrence is that long (the window is shorter than the need, even on a DST night).
 *
 * @throws RangeError as {@link nextWindowOpening} does.
 */
export function nextFittingOpening(window: RebalanceWindow, now: Date, needMs: number): WindowOpening | undefined {
  let at = now;
  for (let i = 0; i < FITTING_LOOKAHEAD; i++) {
    const w = nextWindowOpening(window, at);
    if (w.endsAt.getTime() - w.startsAt.getTime() >= needMs) return w;
    at = new Date(w.endsAt.getTime() + 1);
  }
  return undefined;
}
