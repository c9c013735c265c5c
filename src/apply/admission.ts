/**
 * The slots of one apply: how many instances are checked and submitted at once (`concurrency`),
 * and how many changes run in the cloud at once (`maxRunning`, the blast radius).
 *
 * The concurrency limit bounds the work that calls the API hard (pre-checks, submissions), not
 * the changes in flight: following a migration for hours, or waiting days for a window, holds no
 * slot, or 100 migrations would take 100 / limit times the longest one. A change running in the
 * cloud holds a running-change slot from before its submit (or from when it is found running) to
 * its end; one that outlives its tracking keeps it for the rest of the apply, and once such
 * changes fill the limit nothing more may start.
 */
import { Semaphore } from '../cloud/resilience/semaphore';

/** How a change's turn to start came: at once, after a wait (look again), or not in this apply. */
export type StartTurn = 'ready' | 'waited' | 'interrupted' | 'full';

export interface AdmissionOptions {
  /** Instances checked and submitted at once. @default 8 */
  readonly concurrency?: number;
  /** Changes running in the cloud at once. @default - no limit */
  readonly maxRunning?: number;
  /** Aborting ends every wait for a slot. */
  readonly signal?: AbortSignal;
}

/** Slots by holder: each holder (an instance) holds at most one of each kind. */
export class Admission<K = unknown> {
  private readonly slots: Semaphore;
  /** The release of the concurrency slot each holder holds right now. */
  private readonly held = new Map<K, () => void>();
  private readonly running: Semaphore | undefined;
  /** The release of the running-change slot each holder holds. */
  private readonly runningHeld = new Map<K, () => void>();
  /** Fires when every running-change slot is held by a change that outlived its tracking. */
  private readonly full = new AbortController();
  private stuckCount = 0;

  constructor(private readonly options: AdmissionOptions = {}) {
    this.slots = new Semaphore(options.concurrency ?? 8);
    this.running = options.maxRunning === undefined ? undefined : new Semaphore(options.maxRunning);
  }

  /** The running-change limit, if there is one. */
  get runningLimit(): number | undefined {
    return this.running?.limit;
  }

  /** Changes that outlived their tracking (or were not followed) and keep their running-change slot. */
  get stuck(): number {
    return this.stuckCount;
  }

  private get aborted(): boolean {
    return this.options.signal?.aborted === true;
  }

  /**
   * Counts a change already running in the cloud against `maxRunning`, above the limit if need
   * be: it runs whatever this process does, so it is never held back. Harmless when counted already.
   */
  countRunning(holder: K): void {
    if (this.running !== undefined && !this.runningHeld.has(holder)) this.runningHeld.set(holder, this.running.hold());
  }

  /** Takes a concurrency slot; false when the apply was interrupted before one came free. */
  async enter(holder: K): Promise<boolean> {
    if (this.aborted) return false;
    try {
      this.held.set(holder, await this.slots.acquire(this.options.signal));
    } catch (e) {
      if (this.aborted) return false;
      throw e;
    }
    return !this.aborted;
  }

  /** Gives up the concurrency slot (to follow a change, or to wait). */
  release(holder: K): void {
    this.held.get(holder)?.();
    this.held.delete(holder);
  }

  /** Gives up both slots: a change waiting for its window is not running. */
  pause(holder: K): void {
    this.release(holder);
    this.releaseRunning(holder);
  }

  private releaseRunning(holder: K): void {
    this.runningHeld.get(holder)?.();
    this.runningHeld.delete(holder);
  }

  /**
   * Takes a running-change slot before a change may start. `waited`: it had to wait (giving up its
   * concurrency slot, calling `onQueue` first, and taking one again), so what the caller saw may be
   * hours old; `interrupted`: Ctrl-C; `full`: every slot is held by a change that outlived its
   * tracking, so this one must not start in this apply.
   */
  async startTurn(holder: K, onQueue: (limit: number) => void): Promise<StartTurn> {
    if (this.running === undefined || this.runningHeld.has(holder)) return 'ready';
    if (this.full.signal.aborted) return 'full';
    const free = this.running.tryAcquire();
    if (free !== undefined) {
      this.runningHeld.set(holder, free);
      return 'ready';
    }
    this.release(holder);
    onQueue(this.running.limit);
    const signal = this.options.signal === undefined ? this.full.signal : AbortSignal.any([this.options.signal, this.full.signal]);
    try {
      this.runningHeld.set(holder, await this.running.acquire(signal));
    } catch (e) {
      if (this.aborted) return 'interrupted';
      if (this.full.signal.aborted) return 'full';
      throw e;
    }
    return (await this.enter(holder)) ? 'waited' : 'interrupted';
  }

  /**
   * The holder is done. A change still running in the cloud (`stillRunning`: it outlived its
   * tracking, or is not followed) keeps (or takes) a running-change slot for the rest of the
   * apply, unless the apply was interrupted; everything else is given back.
   */
  leave(holder: K, stillRunning: boolean): void {
    this.release(holder);
    if (!stillRunning || this.aborted || this.running === undefined) return this.releaseRunning(holder);
    this.countRunning(holder);
    this.stuckCount += 1;
    if (this.stuckCount >= this.running.limit) this.full.abort();
  }
}
