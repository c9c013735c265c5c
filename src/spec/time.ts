/**
 * Pure time helpers for declarations: local wall times, time zones and instants. Nothing here
 * reads the clock; "now" is always an argument.
 */
import { TIME_PATTERN } from './fleet-schema';
import { boundedMemo } from './bounded-memo';
import { closestMatch } from './suggest';

/** Minutes after local midnight for `HH:MM`, or `undefined` when malformed. */
export function parseWallTime(text: string): number | undefined {
  if (!TIME_PATTERN.test(text)) return undefined;
  const [h, m] = text.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

// Answers by zone name: building a formatter costs far more than the lookup, and plans and state
// files name the same few zones many times over.
const rememberZone = boundedMemo<boolean>(1000);

/** Whether the runtime's time zone database knows `zone` (IANA names such as `Asia/Shanghai`, and `UTC`). */
export function isValidTimeZone(zone: string): boolean {
  return rememberZone(zone, () => {
    if (zone.trim() === '') return false;
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  });
}

/** The known zone closest to a misspelt one, e.g. `Asia/Shangai` → `Asia/Shanghai`. */
export function suggestTimeZone(zone: string): string | undefined {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return closestMatch(zone, [...zones, 'UTC']);
}

// ISO-8601 date-time with seconds optional, fraction optional, and a mandatory offset:
// without an offset the instant depends on the machine's zone, which a plan must never do.
const INSTANT_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses an ISO-8601 instant that carries an offset (`2026-12-05T02:00:00+08:00` or `…Z`).
 * Returns `undefined` for anything else, including impossible dates such as February 30.
 */
export function parseInstant(text: string): Date | undefined {
  const m = INSTANT_PATTERN.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return undefined;
  // Date.parse rolls over out-of-range fields in some engines; check the local fields survived.
  const probe = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)));
  if (
    probe.getUTCFullYear() !== Number(y) ||
    probe.getUTCMonth() !== Number(mo) - 1 ||
    probe.getUTCDate() !== Number(d) ||
    probe.getUTCHours() !== Number(h) ||
    probe.getUTCMinutes() !== Number(mi)
  )
    return undefined;
  return date;
}
