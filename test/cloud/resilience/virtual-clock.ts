/**
 * A virtual clock for tests: `sleep` never waits for real. Timers fire one at a time, earliest
 * first, each on its own turn of the event loop, so the code a timer resumes can schedule further
 * timers before the next one fires. Time jumps to each timer as it fires.
 */
import type { CloudClock } from '../../../src/cloud/port';
import type { Timer } from '../../../src/cloud/resilience/retry-with-backoff';

interface Pending {
  readonly at: number;
  readonly seq: number;
  readonly resolve: () => void;
}

export class VirtualClock implements CloudClock {
  /** Every sleep requested, in ms, in order. */
  readonly sleeps: number[] = [];
  private t: number;
  private seq = 0;
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(start = Date.UTC(2026, 5, 1, 12, 0, 0)) {
    this.t = start;
  }

  // CloudClock's `now` is a Date and Timer's a number: the class is a CloudClock, `timer` a Timer.
  now(): Date {
    return new Date(this.t);
  }

  nowMs(): number {
    return this.t;
  }

  /** This clock as a resilience `Timer` (milliseconds). */
  get timer(): Timer {
    return { now: () => this.t, sleep: (ms, signal) => this.sleep(ms, signal) };
  }

  /** Moves time forward without firing anything (e.g. the time a call takes). */
  advance(ms: number): void {
    this.t += ms;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    if (signal?.aborted === true) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const entry: Pending = { at: this.t + Math.max(0, ms), seq: this.seq++, resolve };
      this.pending.push(entry);
      signal?.addEventListener(
        'abort',
        () => {
          this.pending = this.pending.filter((p) => p !== entry);
          resolve();
        },
        { once: true },
      );
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pending.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.pending.shift();
      if (next === undefined) return;
      this.t = Math.max(this.t, next.at);
      next.resolve();
      if (this.pending.length > 0) this.schedule();
    });
  }
}
