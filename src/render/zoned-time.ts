/**
 * Instants as wall-clock time in a time zone, on `Intl.DateTimeFormat` alone, for the renderers:
 * in a window's zone, in UTC, and as an interval. Pure: every instant comes from the plan.
 */
import { boundedMemo } from '../spec/bounded-memo';

/** Wall-clock parts of an instant in a time zone. */
export interface ZonedTime {
  /** `Sat` */
  readonly weekday: string;
  /** `2026-11-28` */
  readonly date: string;
  /** `01:00` */
  readonly time: string;
  /** `+08:00` */
  readonly offset: string;
}

// Building a formatter is the slow part of Intl; a fleet has few zones, so they are kept.
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        weekday: 'short',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      });
    } catch {
      // An unknown zone name: the caller falls back to UTC and says so.
      formatter = null;
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

// Formatting is the slow part after that, and a plan shows the same few instants (its creation,
// the windows its instances share) once per instance: answers are kept too, up to a bound.
const rememberZoned = boundedMemo<ZonedTime | undefined>(4096);

/** An ISO-8601 instant as wall-clock time in `timeZone`; `undefined` when either is unusable. */
export function toZoned(iso: string, timeZone: string): ZonedTime | undefined {
  return rememberZoned(`${timeZone} ${iso}`, () => computeZoned(iso, timeZone));
}

function computeZoned(iso: string, timeZone: string): ZonedTime | undefined {
  const ms = Date.parse(iso);
  const formatter = formatterFor(timeZone);
  if (Number.isNaN(ms) || formatter === null) return undefined;
  const parts: Record<string, string> = {};
  for (const p of formatter.formatToParts(new Date(ms))) parts[p.type] = p.value;
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  const hour = Number(parts.hour);
  const minute = Number(parts.minute);
  const wallMs = Date.UTC(year, month - 1, day, hour, minute);
  const offsetMinutes = Math.round((wallMs - Math.floor(ms / 60000) * 60000) / 60000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return Object.freeze({
    weekday: parts.weekday ?? '',
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    offset: `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`,
  });
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** An instant in UTC: `2026-11-27 17:00 UTC`, or the raw text when it does not parse. */
export function formatUtc(iso: string): string {
  const z = toZoned(iso, 'UTC');
  return z === undefined ? iso : `${z.date} ${z.time} UTC`;
}

/** Whether Intl knows a time zone name. */
export function isKnownZone(timeZone: string): boolean {
  return formatterFor(timeZone) !== null;
}

/** An instant in a zone with its weekday: `Sat 2026-11-28 01:00 Asia/Shanghai`; UTC when the zone is unknown. */
export function formatInZone(iso: string, timeZone: string): string {
  const z = toZoned(iso, timeZone);
  if (z !== undefined) return `${z.weekday} ${z.date} ${z.time} ${timeZone}`;
  const utc = toZoned(iso, 'UTC');
  return utc === undefined ? iso : `${utc.weekday} ${utc.date} ${utc.time} UTC (time zone ${timeZone} unknown)`;
}

/** An interval in UTC: `Fri 2026-11-27 17:00–22:00 UTC`, or its start alone when the end is missing or unreadable. */
export function formatUtcRange(startIso: string, endIso: string | undefined): string {
  const start = toZoned(startIso, 'UTC');
  if (start === undefined) return startIso;
  const end = endIso === undefined ? undefined : toZoned(endIso, 'UTC');
  if (end === undefined) return `${start.weekday} ${start.date} ${start.time} UTC`;
  const until = end.date === start.date ? end.time : `${end.weekday} ${end.time}`;
  return `${start.weekday} ${start.date} ${start.time}–${until} UTC`;
}
