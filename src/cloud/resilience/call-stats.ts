/**
 * Counters of remote calls, per key (an API action): what benchmarks report and tests assert,
 * e.g. "describing 45 instances cost exactly 3 DescribeInstancesDetail calls".
 */

/** A copy of the counters at one moment. */
export interface CallStatsSnapshot {
  /** Attempts sent, retries included, by key. */
  readonly calls: Readonly<Record<string, number>>;
  /** Attempts that were retries, by key. */
  readonly retries: Readonly<Record<string, number>>;
  /** Attempts the server throttled, by key. */
  readonly throttles: Readonly<Record<string, number>>;
  /** Attempts that failed for any reason (throttles included), by key. */
  readonly failures: Readonly<Record<string, number>>;
  /** Milliseconds spent waiting for rate-limit tokens, all keys together. */
  readonly rateLimitWaitMs: number;
  /** The most calls that were in flight at once. */
  readonly maxInFlight: number;
  /** Attempts sent, all keys together. */
  readonly totalCalls: number;
}

/** Mutable call counters. */
export class CallStats {
  private readonly calls = new Map<string, number>();
  private readonly retries = new Map<string, number>();
  private readonly throttles = new Map<string, number>();
  private readonly failures = new Map<string, number>();
  private waitMs = 0;
  private peak = 0;

  recordCall(key: string): void {
    bump(this.calls, key);
  }

  recordRetry(key: string): void {
    bump(this.retries, key);
  }

  recordFailure(key: string, throttled: boolean): void {
    bump(this.failures, key);
    if (throttled) bump(this.throttles, key);
  }

  recordWait(ms: number): void {
    this.waitMs += ms;
  }

  recordInFlight(n: number): void {
    this.peak = Math.max(this.peak, n);
  }

  snapshot(): CallStatsSnapshot {
    let total = 0;
    for (const n of this.calls.values()) total += n;
    return {
      calls: toRecord(this.calls),
      retries: toRecord(this.retries),
      throttles: toRecord(this.throttles),
      failures: toRecord(this.failures),
      rateLimitWaitMs: this.waitMs,
      maxInFlight: this.peak,
      totalCalls: total,
    };
  }
}

function bump(m: Map<string, number>, key: string): void {
  m.set(key, (m.get(key) ?? 0) + 1);
}

function toRecord(m: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...m.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
