/** When a change may start, in words: in the window's zone and in UTC, or in UTC alone. */
import type { PlanSchedule } from '../plan/types';
import type { RebalanceWindow } from '../spec/types';
import { formatInZone, formatUtc, formatUtcRange, isKnownZone, toZoned } from './zoned-time';

/** A window's definition: `Sat, Sun 01:00–05:00 Asia/Shanghai`, and what `mustFinishInside` asks. */
export function describeWindow(window: RebalanceWindow): string {
  const days = window.days.map((d) => d.charAt(0).toUpperCase() + d.slice(1)).join(', ');
  const overnight = window.end <= window.start ? ' (closes the next day)' : '';
  const finish = window.mustFinishInside === true ? '; a change starts only if its estimate fits before the close' : '';
  return `${days} ${window.start}–${window.end}${overnight} ${window.timezone}${finish}`;
}

/** The schedule in words. */
export interface ScheduleWords {
  /** `now (when apply runs)`, `not before …`, `next window opens …`. */
  readonly headline: string;
  /** The same opening in UTC, when the headline is in another zone. */
  readonly utc?: string;
  /** Short form for table cells. */
  readonly short: string;
  /** The window's definition, for a window schedule. */
  readonly window?: string;
  /** A task already scheduled in the cloud. */
  readonly pending?: string;
  readonly note: string;
}

/**
 * Describes when a change may start, in the window's zone (and UTC), or in UTC. `plannedAt` (the
 * plan's `createdAt`) tells a window open when the plan was made ("inside the window now") from
 * one that opens later.
 */
export function describeSchedule(schedule: PlanSchedule, plannedAt?: string): ScheduleWords {
  // An unknown zone name cannot be shown as local time; everything is then said in UTC once.
  const zone = schedule.window !== undefined && isKnownZone(schedule.window.timezone) ? schedule.window.timezone : undefined;
  const pending =
    schedule.pendingAt === undefined
      ? {}
      : {
          pending: `a task is already scheduled in the cloud for ${
            zone === undefined ? formatUtc(schedule.pendingAt) : `${formatInZone(schedule.pendingAt, zone)} (${formatUtc(schedule.pendingAt)})`
          }`,
        };
  const base = { note: schedule.note, ...pending };
  const startsAt = schedule.startsAt;
  if (schedule.kind === 'now') return { ...base, headline: 'now (when apply runs)', short: 'now' };
  if (schedule.kind === 'at') {
    if (startsAt === null) return { ...base, headline: 'at a time that could not be read', short: 'unknown' };
    const utc = formatUtc(startsAt);
    return { ...base, headline: `not before ${utc}`, short: `not before ${utc}` };
  }
  const window = schedule.window === undefined ? {} : { window: describeWindow(schedule.window) };
  if (startsAt === null) return { ...base, ...window, headline: 'no window opening found', short: 'no window opening' };
  if (zone === undefined) {
    const opens = `${formatUtcRange(startsAt, schedule.endsAt)} (time zone ${schedule.window?.timezone ?? 'missing'} unknown)`;
    return { ...base, ...window, headline: `next window opens ${opens}`, short: `window ${opens}` };
  }
  const opens = formatInZone(startsAt, zone);
  let closes = '';
  if (schedule.endsAt !== undefined) {
    const start = toZoned(startsAt, zone);
    const end = toZoned(schedule.endsAt, zone);
    if (start !== undefined && end !== undefined) {
      closes = start.date === end.date ? ` (closes ${end.time})` : ` (closes ${end.weekday} ${end.time})`;
    }
  }
  // A window open when the plan was made starts at the plan's own time.
  if (plannedAt !== undefined && Date.parse(startsAt) === Date.parse(plannedAt)) {
    return { ...base, ...window, headline: `inside the window now${closes}`, utc: formatUtcRange(startsAt, schedule.endsAt), short: `inside the window now${closes}` };
  }
  return {
    ...base,
    ...window,
    headline: `next window opens ${opens}${closes}`,
    utc: formatUtcRange(startsAt, schedule.endsAt),
    short: `window ${opens}${closes}`,
  };
}
