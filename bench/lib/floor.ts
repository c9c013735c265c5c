/**
 * The rate-limit floor: the least time a set of API calls can take under per-action limits.
 *
 * Tencent Cloud limits each action separately (calls per second, per action and region), and
 * different actions do not share a limit, so calls of different actions can run side by side
 * while calls of one action queue behind its limit. The floor is therefore the time of the most
 * loaded action:
 *
 *     floor = max over actions a of (calls_a / limit_a)   seconds
 *
 * It ignores latency and the order calls must come in (a topic's replica check needs its topic
 * list first), so a real run is always somewhat above it; how far above is what the benchmark
 * measures.
 */
import { DEFAULT_TENCENT_RATE_LIMIT, TENCENT_RATE_LIMITS } from '../../src/cloud/tencent/rate-limits';
import type { HostCounters } from './emulator-protocol';

export interface Floor {
  readonly floorMs: number;
  /** The action that sets the floor. */
  readonly bottleneck: string | null;
}

/** The limit the client paces `action` to (documented, else the default 20/s). */
export function limitOf(action: string): number {
  return TENCENT_RATE_LIMITS[action] ?? DEFAULT_TENCENT_RATE_LIMIT;
}

/** The floor of a set of calls by action. */
export function rateLimitFloor(calls: Readonly<Record<string, number>>): Floor {
  let floorMs = 0;
  let bottleneck: string | null = null;
  for (const [action, n] of Object.entries(calls)) {
    const ms = (n / limitOf(action)) * 1000;
    if (ms > floorMs) {
      floorMs = ms;
      bottleneck = action;
    }
  }
  return { floorMs: Math.round(floorMs), bottleneck };
}

/**
 * The calls that had to be made, by action: those the emulator served or refused for a reason of
 * its own, leaving out the ones it throttled (a throttled call is retried, so counting it would
 * count the same call twice).
 */
export function requiredCalls(counters: HostCounters): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [action, c] of Object.entries(counters)) {
    const n = c.calls - c.rateLimited - c.injectedThrottles;
    if (n > 0) out[action] = n;
  }
  return out;
}

/** Sum of a record's values. */
export function total(calls: Readonly<Record<string, number>>): number {
  return Object.values(calls).reduce((a, b) => a + b, 0);
}
