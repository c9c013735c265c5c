/**
 * Follows running spec changes until they finish. One poller serves every tracked instance, so
 * a hundred migrations cost one DescribeInstancesDetail call per 20 instances per poll, not one
 * call each. Time is the cloud's clock: the emulator's virtual clock makes hours pass in seconds.
 */
import type { CkafkaCloud } from '../cloud/port';
import { specChanges } from '../plan/spec-changes';
import type { ObservedInstance } from '../spec/observed';
import type { SpecValues } from '../spec/types';

export type TrackOutcome =
  | { readonly kind: 'done'; readonly observed: ObservedInstance }
  /** Seen upgrading, for a request that follows a change only until it starts. */
  | { readonly kind: 'started'; readonly observed: ObservedInstance }
  | { readonly kind: 'mismatch'; readonly observed: ObservedInstance; readonly reason: string }
  | { readonly kind: 'gone' }
  | { readonly kind: 'timeout'; readonly observed?: ObservedInstance }
  | { readonly kind: 'interrupted'; readonly observed?: ObservedInstance };

export interface TrackRequest {
  readonly instanceId: string;
  readonly target: SpecValues;
  /** When the change was submitted or found running (cloud clock). */
  readonly since: Date;
  /** Whether the instance was already seen upgrading (status 7). */
  readonly sawUpgrading: boolean;
  /** Give up following after this long (the change keeps running in the cloud). */
  readonly timeoutMs: number;
  /**
   * Follow until the change ends (`done`), or only until the cloud shows it started (`started`:
   * the instance upgrading confirms the cloud took the change on).
   * @default 'done'
   */
  readonly until?: 'done' | 'started';
  readonly onPoll?: (observed: ObservedInstance, elapsedMs: number) => void;
}

export interface TrackerOptions {
  /** @default 30000 (cloud clock) */
  readonly pollIntervalMs?: number;
  /**
   * How long a submitted change may take to show as upgrading before apply concludes the cloud did
   * not start it. The real cloud may take a moment to process the order.
   * @default 600000 (10 minutes, cloud clock)
   */
  readonly startGraceMs?: number;
  readonly signal?: AbortSignal;
}

interface Waiter extends TrackRequest {
  sawUpgrading: boolean;
  last?: ObservedInstance;
  resolve: (o: TrackOutcome) => void;
}

function atTarget(o: ObservedInstance, t: SpecValues): boolean {
  return o.edition !== undefined && specChanges(t, { ...o, edition: o.edition }).length === 0;
}

export class Tracker {
  private readonly waiters = new Map<string, Waiter>();
  private loop: Promise<void> | undefined;
  private readonly pollIntervalMs: number;
  private readonly startGraceMs: number;
  /** DescribeInstancesDetail calls made by the poller, for benchmarks. */
  polls = 0;

  constructor(
    private readonly cloud: CkafkaCloud,
    private readonly options: TrackerOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 30_000;
    this.startGraceMs = options.startGraceMs ?? 600_000;
  }

  /** Resolves when the change finishes, the instance disappears, tracking times out or apply is interrupted. */
  track(request: TrackRequest): Promise<TrackOutcome> {
    return new Promise<TrackOutcome>((resolve) => {
      // One follower per instance: a second request for the same instance (which the planner does
      // not produce) must not silently replace the first and leave it unsettled.
      if (this.waiters.has(request.instanceId)) throw new Error(`internal: ${request.instanceId} is already being followed`);
      this.waiters.set(request.instanceId, { ...request, resolve });
      this.loop ??= this.run().finally(() => {
        this.loop = undefined;
      });
    });
  }

  private async run(): Promise<void> {
    const signal = this.options.signal;
    while (this.waiters.size > 0) {
      await this.cloud.clock.sleep(this.pollIntervalMs, signal);
      if (signal?.aborted) {
        for (const w of this.waiters.values()) w.resolve({ kind: 'interrupted', ...(w.last ? { observed: w.last } : {}) });
        this.waiters.clear();
        return;
      }
      const ids = [...this.waiters.keys()];
      let observed: ObservedInstance[];
      try {
        this.polls++;
        observed = await this.cloud.describeInstances({ ids }, signal === undefined ? {} : { signal });
      } catch {
        // The adapter already retried; a failed poll is not a failed change. Try again next poll,
        // still bounded by each waiter's timeout.
        observed = [];
        this.expire(ids);
        continue;
      }
      const now = this.cloud.clock.now();
      const byId = new Map(observed.map((o) => [o.instanceId, o]));
      for (const id of ids) {
        const w = this.waiters.get(id);
        if (w === undefined) continue;
        const o = byId.get(id);
        const outcome = o === undefined ? ({ kind: 'gone' } as const) : this.evaluate(w, o, now.getTime() - w.since.getTime());
        if (outcome !== undefined) {
          this.waiters.delete(id);
          w.resolve(outcome);
        }
      }
    }
  }

  // A failed poll still lets time run out for each waiter.
  private expire(ids: readonly string[]): void {
    const now = this.cloud.clock.now().getTime();
    for (const id of ids) {
      const w = this.waiters.get(id);
      if (w !== undefined && now - w.since.getTime() > w.timeoutMs) {
        this.waiters.delete(id);
        w.resolve({ kind: 'timeout', ...(w.last ? { observed: w.last } : {}) });
      }
    }
  }

  private evaluate(w: Waiter, o: ObservedInstance, elapsedMs: number): TrackOutcome | undefined {
    w.last = o;
    w.onPoll?.(o, elapsedMs);
    if (o.status === 'upgrading') {
      if (w.until === 'started') return { kind: 'started', observed: o };
      w.sawUpgrading = true;
      return elapsedMs > w.timeoutMs ? { kind: 'timeout', observed: o } : undefined;
    }
    if (o.status === 'running') {
      if (atTarget(o, w.target)) return { kind: 'done', observed: o };
      if (w.sawUpgrading) return { kind: 'mismatch', observed: o, reason: 'the change finished but the instance is not at the target spec' };
      if (elapsedMs > this.startGraceMs)
        return { kind: 'mismatch', observed: o, reason: `the cloud accepted the change but the instance did not start upgrading within ${Math.round(this.startGraceMs / 60000)} minutes` };
      return undefined;
    }
    return { kind: 'mismatch', observed: o, reason: `the instance is ${o.status} (status ${o.statusCode})` };
  }
}
