/**
 * Bounded concurrency: at most `limit` holders at once, the others wait in arrival order.
 */
import { AbortedError, throwIfAborted } from './aborted-error';

interface Waiter {
  readonly grant: () => void;
  readonly reject: (e: unknown) => void;
}

/** A counting semaphore with FIFO waiters and abortable waits. */
export class Semaphore {
  readonly limit: number;
  private active = 0;
  private peak = 0;
  private readonly queue: Waiter[] = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency must be an integer of at least 1, got ${limit}`);
    this.limit = limit;
  }

  /** Holders right now. */
  get inFlight(): number {
    return this.active;
  }

  /** The most holders there ever were at once. */
  get maxInFlight(): number {
    return this.peak;
  }

  /** Callers waiting for a slot. */
  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Waits for a slot and resolves with its release function (calling it twice is harmless).
   * Rejects with {@link AbortedError} when `signal` fires first.
   */
  acquire(signal?: AbortSignal): Promise<() => void> {
    throwIfAborted(signal);
    const now = this.tryAcquire();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<() => void>((resolve, reject) => {
      const onAbort = (): void => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        reject(new AbortedError(signal?.reason));
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.hold());
        },
        reject,
      };
      this.queue.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /**
   * Takes a slot even when none is free: for work that is already under way and must be counted
   * (a change running in the cloud). Holders above the limit hold waiters back until enough of
   * them have released.
   */
  hold(): () => void {
    this.active += 1;
    this.peak = Math.max(this.peak, this.active);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      // Hand the slot to the next waiter directly, so a newcomer cannot overtake the queue; not
      // while holders above the limit still fill it.
      if (this.active < this.limit) this.queue.shift()?.grant();
    };
  }

  /** Takes a slot if one is free right now (and nobody queues for it); `undefined` otherwise. */
  tryAcquire(): (() => void) | undefined {
    return this.active < this.limit && this.queue.length === 0 ? this.hold() : undefined;
  }

  /** Runs `fn` holding a slot. */
  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(signal);
    try {
      return await fn();
    } finally {
      release();
    }
  }
}
