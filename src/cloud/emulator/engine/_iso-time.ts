/** Instants of the state: ISO-8601 strings in the state file, milliseconds in arithmetic. */

/** Milliseconds per second. */
export const MS = 1000;

/** The ISO-8601 string of an instant in milliseconds, rounded up to the millisecond. */
export function iso(ms: number): string {
  return new Date(Math.ceil(ms)).toISOString();
}

/** Milliseconds of an ISO-8601 string. */
export function msOf(isoTime: string): number {
  return Date.parse(isoTime);
}
