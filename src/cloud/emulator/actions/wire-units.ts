/**
 * The wire's units and times: reads report `Bandwidth` in Mbps (MB/s × 8), writes take MB/s;
 * times are Unix seconds, and `RebalanceTime` is `YYYY-MM-DD HH:mm:ss` in Beijing time (ASSUMED
 * UTC+8). The wire layer converts here and only here.
 */

/** Beijing time's offset from UTC (no daylight saving). */
export const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/** Unix seconds of an ISO time. */
export function unixSeconds(isoTime: string): number {
  return Math.floor(Date.parse(isoTime) / 1000);
}

/** `YYYY-MM-DD HH:mm:ss` in Beijing time (UTC+8, no daylight saving). */
export function formatBeijingTime(isoTime: string): string {
  const shifted = new Date(Date.parse(isoTime) + BEIJING_OFFSET_MS).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)}`;
}

/** Mbps as read APIs report bandwidth. */
export function mbps(mbPerSecond: number): number {
  return mbPerSecond * 8;
}
