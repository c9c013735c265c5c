/**
 * The emulator's virtual clock: `virtual = anchorVirtual + (realNow − anchorReal) × speed`.
 * Speed 1 follows real time; speed 600 turns a ten-hour migration into a minute; speed 0 stops
 * time until `advance(ms)` moves it (the manual clock tests use). With `stepOnSleep` a stopped
 * clock moves only when someone waits, by a discrete-event rule: once every piece of work in the
 * process is waiting on the clock (no `hold` outstanding, nothing else ran for a few turns of the
 * event loop), it steps to the earliest wake-up and wakes the sleepers due then. A client that
 * polls a migration of hours sees it finish in as many steps; one waiting days for a window does
 * not make the others late, since nobody's wait moves time while someone else still works; and
 * time does not run on while a user reads a plan (the embedded emulator of the CLI). The anchors
 * are persisted in the state file so every process sharing that file reads the same virtual time.
 */
import type { CloudClock } from '../port';

/** The persisted form of a clock (the `clock` of the state file). */
export interface ClockState {
  /** Virtual time at the anchor, ISO-8601 UTC. */
  readonly virtualAt: string;
  /** Real time at the anchor, Unix milliseconds. */
  readonly realAt: number;
  /** Virtual milliseconds per real millisecond; 0 stops time between `advance` calls. */
  readonly speed: number;
  /** Bumped on every `advance` or speed change, so processes adopt the newest anchor. */
  readonly revision: number;
  /** With speed 0: `sleep(ms)` advances the clock by `ms` at once (time moves when a client waits). */
  readonly stepOnSleep?: boolean;
}

/** A clock whose time can run faster than real time, or be moved by hand. */
export interface VirtualClock extends CloudClock {
  /** Virtual milliseconds per real millisecond. */
  readonly speed: number;
  /** Bumped whenever the anchor moves (advance, speed change); see {@link ClockState.revision}. */
  readonly revision: number;
  /** With speed 0, whether `sleep` moves time (see {@link ClockState.stepOnSleep}). */
  readonly stepOnSleep: boolean;
  /** Moves virtual time forward by `ms`, waking sleepers whose time has come. */
  advance(ms: number): void;
  /** Changes the speed from now on; virtual time does not jump. */
  setSpeed(speed: number): void;
  /** The anchor, for persisting. */
  snapshot(): ClockState;
  /** Takes over a persisted anchor (from another process); sleepers are re-timed. */
  adopt(state: ClockState): void;
  /**
   * Marks work in flight that does not wait on the clock (a request to the emulator): a stepping
   * clock does not move until the returned release is called. Harmless on other clocks.
   */
  hold(): () => void;
  /** Cancels pending timers; pending sleeps resolve at once. */
  dispose(): void;
}

/** Options of {@link createVirtualClock}. */
export interface VirtualClockOptions {
  /** Virtual time at creation. @default the current real time */
  readonly start?: Date;
  /** Virtual milliseconds per real millisecond. @default 1 (real time) */
  readonly speed?: number;
  /** The real clock, Unix milliseconds; tests may inject one. @default Date.now */
  readonly realNow?: () => number;
  /** Starting revision, so a re-anchored clock supersedes a persisted one. @default 0 */
  readonly revision?: number;
  /** With speed 0, move time by each `sleep` instead of waiting for `advance`. @default false */
  readonly stepOnSleep?: boolean;
}

interface Sleeper {
  readonly deadline: number;
  readonly resolve: () => void;
  timer: NodeJS.Timeout | undefined;
  cleanup: () => void;
}

// setTimeout overflows above 2^31-1 ms and then fires at once; long waits are re-armed in slices.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Turns of the event loop with nothing happening before a stepping clock takes everyone to be
 * waiting. Promise chains settle within a turn; a few more let callbacks queued with
 * setImmediate run. Work on real I/O declares itself with `hold`.
 */
const QUIET_TURNS = 3;

function checkSpeed(speed: number): number {
  if (!Number.isFinite(speed) || speed < 0) {
    throw new RangeError(`clock speed must be a finite number >= 0, got ${speed}; use 0 for a manual clock, 1 for real time`);
  }
  return speed;
}

/** Creates a virtual clock. */
export function createVirtualClock(options: VirtualClockOptions = {}): VirtualClock {
  const realNow = options.realNow ?? Date.now;
  let anchorReal = realNow();
  let anchorVirtual = options.start !== undefined ? options.start.getTime() : anchorReal;
  let speed = checkSpeed(options.speed ?? 1);
  let revision = options.revision ?? 0;
  let stepOnSleep = options.stepOnSleep ?? false;
  const sleepers = new Set<Sleeper>();
  // The stepping rule's bookkeeping: work holding the clock still, and a counter of anything that
  // happened (a sleep, a wake, a hold, a release), so the idle check starts over after activity.
  let holds = 0;
  let activity = 0;
  let stepScheduled = false;

  const nowMs = (): number => anchorVirtual + (realNow() - anchorReal) * speed;
  const stepping = (): boolean => stepOnSleep && speed === 0;

  const finish = (s: Sleeper): void => {
    if (s.timer !== undefined) clearTimeout(s.timer);
    sleepers.delete(s);
    activity += 1;
    s.cleanup();
    s.resolve();
  };

  /** Steps to the earliest wake-up once every piece of work waits on the clock. */
  const scheduleStep = (): void => {
    if (stepScheduled) return;
    stepScheduled = true;
    let seen = activity;
    let quiet = 0;
    const check = (): void => {
      // A hold's release schedules the next check; a clock no longer stepping has nothing to do.
      if (!stepping() || sleepers.size === 0 || holds > 0) {
        stepScheduled = false;
        return;
      }
      if (activity !== seen) {
        seen = activity;
        quiet = 0;
      } else quiet += 1;
      if (quiet < QUIET_TURNS) return void setImmediate(check);
      stepScheduled = false;
      let earliest = Number.POSITIVE_INFINITY;
      for (const s of sleepers) earliest = Math.min(earliest, s.deadline);
      const now = nowMs();
      if (earliest > now) {
        anchorVirtual += earliest - now;
        revision += 1;
      }
      rearmAll();
      // Those still asleep are stepped to once the woken ones have run and wait again (or end).
      if (sleepers.size > 0) scheduleStep();
    };
    setImmediate(check);
  };

  const arm = (s: Sleeper): void => {
    if (s.timer !== undefined) clearTimeout(s.timer);
    s.timer = undefined;
    const remaining = s.deadline - nowMs();
    if (remaining <= 0) return finish(s);
    // A stopped clock only moves through advance(), which re-arms every sleeper.
    if (speed === 0) return;
    s.timer = setTimeout(() => arm(s), Math.min(MAX_TIMER_MS, Math.max(1, Math.ceil(remaining / speed))));
  };

  const rearmAll = (): void => {
    for (const s of [...sleepers]) arm(s);
  };

  const clock: VirtualClock = {
    now: () => new Date(Math.floor(nowMs())),
    get speed() {
      return speed;
    },
    get revision() {
      return revision;
    },
    get stepOnSleep() {
      return stepOnSleep;
    },
    sleep(ms: number, signal?: AbortSignal): Promise<void> {
      return new Promise<void>((resolve) => {
        if (!(ms > 0) || signal?.aborted) return resolve();
        const onAbort = (): void => finish(sleeper);
        const sleeper: Sleeper = {
          deadline: nowMs() + ms,
          resolve,
          timer: undefined,
          cleanup: () => signal?.removeEventListener('abort', onAbort),
        };
        sleepers.add(sleeper);
        activity += 1;
        signal?.addEventListener('abort', onAbort, { once: true });
        arm(sleeper);
        if (stepping()) scheduleStep();
      });
    },
    hold(): () => void {
      holds += 1;
      activity += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holds -= 1;
        activity += 1;
        if (holds === 0 && sleepers.size > 0 && stepping()) scheduleStep();
      };
    },
    advance(ms: number): void {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance takes a finite number of milliseconds >= 0, got ${ms}`);
      anchorVirtual += ms;
      revision += 1;
      rearmAll();
    },
    setSpeed(next: number): void {
      checkSpeed(next);
      anchorVirtual = nowMs();
      anchorReal = realNow();
      speed = next;
      revision += 1;
      rearmAll();
      if (stepping() && sleepers.size > 0) scheduleStep();
    },
    snapshot(): ClockState {
      return { virtualAt: new Date(Math.floor(anchorVirtual)).toISOString(), realAt: anchorReal, speed, revision, ...(stepOnSleep ? { stepOnSleep } : {}) };
    },
    adopt(state: ClockState): void {
      anchorVirtual = Date.parse(state.virtualAt);
      anchorReal = state.realAt;
      speed = checkSpeed(state.speed);
      revision = state.revision;
      stepOnSleep = state.stepOnSleep ?? false;
      rearmAll();
      if (stepping() && sleepers.size > 0) scheduleStep();
    },
    dispose(): void {
      for (const s of [...sleepers]) finish(s);
    },
  };
  return clock;
}

/** A clock that stands still until `advance(ms)` moves it: for tests. */
export function createManualClock(start: Date = new Date(Date.UTC(2026, 0, 5, 2, 0, 0))): VirtualClock {
  return createVirtualClock({ start, speed: 0 });
}

/** Re-creates a clock from its persisted anchor. */
export function restoreVirtualClock(state: ClockState, realNow?: () => number): VirtualClock {
  const clock = createVirtualClock({ speed: state.speed, ...(realNow ? { realNow } : {}) });
  clock.adopt(state);
  return clock;
}
