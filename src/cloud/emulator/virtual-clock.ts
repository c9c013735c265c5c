/**
 * The emulator's virtual clock: `virtual = anchorVirtual + (realNow − anchorReal) × speed`.
 * Speed 1 follows real time; speed 600 turns a ten-hour migration into a minute; speed 0 stops
 * time until `advance(ms)` moves it (the manual clock tests use). With `stepOnSleep` a stopped
 * clock moves only when someone waits: `sleep(ms)` advances it by `ms` at once, so a client that
 * polls a migration of hours sees it finish in as many steps, and time does not run on while a
 * user reads a plan (the embedded emulator of the CLI). The anchors are persisted in the state
 * file so every process sharing that file reads the same virtual time.
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

  const nowMs = (): number => anchorVirtual + (realNow() - anchorReal) * speed;

  const finish = (s: Sleeper): void => {
    if (s.timer !== undefined) clearTimeout(s.timer);
    sleepers.delete(s);
    s.cleanup();
    s.resolve();
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
        if (stepOnSleep && speed === 0) {
          clock.advance(ms);
          // Yield, so a loop of sleeps cannot starve other work in the process.
          return void setImmediate(resolve);
        }
        const onAbort = (): void => finish(sleeper);
        const sleeper: Sleeper = {
          deadline: nowMs() + ms,
          resolve,
          timer: undefined,
          cleanup: () => signal?.removeEventListener('abort', onAbort),
        };
        sleepers.add(sleeper);
        signal?.addEventListener('abort', onAbort, { once: true });
        arm(sleeper);
      });
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
