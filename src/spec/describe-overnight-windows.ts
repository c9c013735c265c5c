/**
 * Windows that run overnight, in words. `06:00`–`02:00` is valid (it closes at 02:00 the next
 * day), but it is also what `02:00`–`06:00` looks like with the times swapped: 20 hours instead
 * of 4. `ckafka validate` says so, so that the reading is never silent.
 */
import type { DesiredFleet, RebalanceWindow } from './types';

/** One overnight window and the instances that use it. */
export interface OvernightWindowNote {
  readonly window: RebalanceWindow;
  /** Names of the instances whose (resolved) window it is, in fleet order. */
  readonly instances: readonly string[];
  /** How long each occurrence is open, in minutes (wall-clock time). */
  readonly minutes: number;
  /** The note in words, e.g. `window sat, sun 06:00–02:00 Asia/Shanghai runs overnight: …`. */
  readonly message: string;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function duration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} hour${h === 1 ? '' : 's'}` : `${h}h ${m}m`;
}

/** Every overnight window (an end earlier than its start) of the fleet's instances, defaults included. */
export function describeOvernightWindows(fleet: DesiredFleet): OvernightWindowNote[] {
  const byWindow = new Map<string, { window: RebalanceWindow; instances: string[] }>();
  for (const d of fleet.instances) {
    const r = d.upgrade.rebalance;
    if (typeof r !== 'object' || !('window' in r) || r.window.end >= r.window.start) continue;
    const key = JSON.stringify([r.window.days, r.window.start, r.window.end, r.window.timezone]);
    const entry = byWindow.get(key) ?? { window: r.window, instances: [] };
    entry.instances.push(d.name);
    byWindow.set(key, entry);
  }
  return [...byWindow.values()].map(({ window, instances }) => {
    const minutes = 24 * 60 - minutesOf(window.start) + minutesOf(window.end);
    const used = instances.length <= 3 ? instances.join(', ') : `${instances.slice(0, 3).join(', ')} and ${instances.length - 3} more`;
    return {
      window,
      instances,
      minutes,
      message: `window ${window.days.join(', ')} ${window.start}–${window.end} ${window.timezone} runs overnight: it opens at ${window.start} and closes at ${window.end} the next day, ${duration(minutes)} (${used}); if you meant ${window.end}–${window.start}, swap start and end`,
    };
  });
}
