/**
 * The emulator: state (memory or file), the virtual clock, fault injection, and the wire front
 * (`dispatch`, `handleAction`) that the HTTP server and the in-process transport both call.
 *
 * Every call is one exclusive transaction: bring the state to the virtual `now`, count the call,
 * draw its fault, enforce the rate limit, run the operation on a copy and keep the copy only if
 * the operation succeeded (call counters and fault draws are kept either way).
 */
import type { UpgradeMode } from '../../spec/types';
import { ApiError, EmulatorStateError } from './api-error';
import { WRITE_ACTIONS, isKnownAction, runWireAction, unknownActionError } from './actions';
import { TIMED_PARTS, advanceState, scheduleConsoleChange, type OpContext, type TimedPart, type TimedState } from './engine';
import type { FileLockOptions } from './file-lock';
import { drawFault, enforceRateLimit, throttleError } from './faults';
import type { SpecNumbers } from './migration-model';
import { isSealedEmulatorState } from './seal-emulator-state';
import { createSeedState } from './seed-state';
import { drawUuid } from './_seeded-random';
import { readEmulatorStateKnown } from './state-file';
import type { EmulatorState, Faults, InstanceState } from './state-schema';
import { createFileStateStore, createMemoryStateStore, type StateStore } from './_state-store';
import { createVirtualClock, restoreVirtualClock, type VirtualClock } from './virtual-clock';

/** Options of {@link createEmulator}. */
export interface EmulatorOptions {
  /**
   * The initial state: the whole state in memory, or, with `statePath`, what a missing file
   * starts as. The emulator works on a copy and validates it first, unless it was sealed
   * (`sealEmulatorState`: validated once for many emulators).
   * @default the seed fleet ({@link createSeedState}) at the clock's current time
   */
  readonly state?: EmulatorState;
  /** A JSON state file shared by processes; created on the first call when missing. @default in memory */
  readonly statePath?: string;
  /**
   * A clock to use as is (a manual clock in tests; never re-anchored from the file), or the speed
   * and start of a new one that is written to the state for other processes.
   * @default the clock persisted in the state, or real time (speed 1) for a new state
   */
  readonly clock?: VirtualClock | { readonly speed?: number; readonly start?: Date };
  /** Fault settings that override the state's, in this process only (not written to the file). @default the state's */
  readonly faults?: Partial<Faults>;
  /** Waiting for the state file lock. @default 10 s timeout, locks older than 30 s are stale */
  readonly lock?: FileLockOptions;
  /** The real clock, Unix ms, for rate-limit windows of HTTP clients. @default Date.now */
  readonly realNow?: () => number;
}

/** A call's outcome on the wire. */
export type DispatchOutcome =
  | {
      readonly kind: 'response';
      /** `{"Response": {..., "RequestId"}}`, sent with HTTP 200 whether it holds a result or an `Error`. */
      readonly body: { readonly Response: Record<string, unknown> };
      readonly requestId: string;
      /** Real milliseconds to delay the answer. */
      readonly latencyMs: number;
      /** The call was applied, but the response is lost: drop the connection instead of answering. */
      readonly lostResponse: boolean;
    }
  | {
      readonly kind: 'fault';
      /** `unavailable`: answer HTTP 500/503 with a non-JSON body; `drop-before`: drop the connection. Nothing was applied. */
      readonly fault: 'unavailable' | 'drop-before';
      readonly httpStatus: 500 | 503;
      readonly requestId: string;
      readonly latencyMs: number;
    };

/** The result of one operation run through the emulator's transaction. */
export type ExecuteResult<T> =
  | { readonly kind: 'ok'; readonly value: T; readonly requestId: string; readonly latencyMs: number; readonly lostResponse: boolean }
  | { readonly kind: 'error'; readonly error: ApiError; readonly requestId: string; readonly latencyMs: number }
  | { readonly kind: 'fault'; readonly fault: 'unavailable' | 'drop-before'; readonly httpStatus: 500 | 503; readonly requestId: string; readonly latencyMs: number };

const FAULT_ERROR_BRAND = Symbol.for('ckafka-iac.emulator.EmulatorFaultError');

/**
 * An injected transport fault seen through {@link Emulator.handleAction}: the call got no API
 * answer. After `drop-after` the call *was* applied.
 */
export class EmulatorFaultError extends Error {
  readonly [FAULT_ERROR_BRAND] = true;
  override readonly name = 'EmulatorFaultError';
  constructor(
    readonly fault: 'unavailable' | 'drop-before' | 'drop-after',
    readonly action: string,
    readonly requestId: string,
    readonly httpStatus?: number,
  ) {
    super(
      fault === 'unavailable'
        ? `${action}: HTTP ${httpStatus ?? 503} (injected fault)`
        : fault === 'drop-before'
          ? `${action}: connection dropped before the request was applied (injected fault)`
          : `${action}: connection dropped after the request was applied (injected fault)`,
    );
  }

  static isEmulatorFaultError(x: unknown): x is EmulatorFaultError {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[FAULT_ERROR_BRAND] === true;
  }
}

/** Options of one call. */
export interface CallTiming {
  /**
   * The time base of rate-limit windows: `virtual` seconds for in-process callers (they wait on
   * the virtual clock), `real` seconds for HTTP clients (the SDK's callers wait in real time).
   * @default 'virtual'
   */
  readonly rateLimitClock?: 'virtual' | 'real';
}

/** A change scheduled as the console schedules one (the API cannot). */
export interface ConsoleChange {
  readonly instanceId: string;
  readonly target: SpecNumbers;
  readonly mode: UpgradeMode;
  readonly at: Date;
}

/** A running emulator. */
export interface Emulator {
  /** The region the state holds. */
  readonly region: string;
  /** The state file, when there is one. */
  readonly statePath: string | undefined;
  /** The virtual clock: `now()`, `sleep()`, `advance(ms)`, `speed`. */
  readonly clock: VirtualClock;
  /**
   * One API call at the wire level: returns `{"Response": {...}}` (API errors inside, as the
   * real API does). Transport faults throw {@link EmulatorFaultError}.
   * @param region `X-TC-Region`. @default the state's region
   */
  handleAction(action: string, request: unknown, region?: string): Promise<unknown>;
  /** One API call with its transport outcome, for the HTTP server. */
  dispatch(action: string, request: unknown, region?: string, timing?: CallTiming): Promise<DispatchOutcome>;
  /** Runs a domain operation as one call of `action` (counters, faults, rate limit, transaction). */
  execute<T>(action: string, region: string, op: (state: EmulatorState, ctx: OpContext) => T, timing?: CallTiming): Promise<ExecuteResult<T>>;
  /** A deep copy of the state, brought to the current virtual time. */
  snapshot(): EmulatorState;
  /**
   * A deep copy of one part of the state, as `snapshot()[part]` reads; cheaper, as only that part
   * is copied (and brought to the current virtual time, for the parts time moves).
   */
  snapshot<K extends keyof EmulatorState>(part: K): EmulatorState[K];
  /**
   * A deep copy of one instance, as `snapshot().instances` shows it; `undefined` when the state
   * holds none by that id (never created, or deleted). Cheaper than `snapshot()`: only the
   * instance and the zones are copied and brought to the current virtual time.
   */
  instance(instanceId: string): InstanceState | undefined;
  /** Changes the state directly (tests, tools), brought to the current virtual time first. */
  update(mutator: (state: EmulatorState) => void): Promise<void>;
  /** Schedules a spec change as the console would, for rehearsals of RebalanceTime handling. */
  scheduleChange(change: ConsoleChange): Promise<void>;
  /** A request id for an answer given outside a transaction (auth failures on the HTTP front). */
  nextLocalRequestId(): string;
  /** Stops the emulator, writing what reads left unwritten (a change is saved before it is answered). */
  close(): Promise<void>;
}

const TIMED: ReadonlySet<string> = new Set(TIMED_PARTS);

/** A part of the state time moves: read from a copy brought to the current virtual time. */
function isTimedPart(part: keyof EmulatorState): part is TimedPart {
  return TIMED.has(part);
}

function isClock(x: unknown): x is VirtualClock {
  return typeof x === 'object' && x !== null && typeof (x as VirtualClock).now === 'function' && typeof (x as VirtualClock).advance === 'function';
}

/** Creates an emulator. A state file that exists is read and validated at once (a bad file fails here). */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const path = options.statePath;
  const fromFile = path === undefined ? undefined : readEmulatorStateKnown(path);
  const base = fromFile?.state ?? options.state;

  let clock: VirtualClock;
  const externalClock = isClock(options.clock);
  if (isClock(options.clock)) {
    clock = options.clock;
  } else if (options.clock !== undefined) {
    const persisted = base === undefined ? undefined : restoreVirtualClock(base.clock);
    clock = createVirtualClock({
      start: options.clock.start ?? persisted?.now() ?? new Date(),
      speed: options.clock.speed ?? persisted?.speed ?? 1,
      // Supersedes the persisted anchor, so other processes adopt this one.
      revision: (base?.clock.revision ?? 0) + 1,
    });
    persisted?.dispose();
  } else if (base !== undefined) {
    clock = restoreVirtualClock(base.clock);
  } else {
    clock = createVirtualClock();
  }

  // A fresh state of the emulator's own: a copy of the caller's (validated by the store unless it
  // was sealed, so validated already), or the seed (built by the engine, trusted in memory).
  const initial = (): EmulatorState => {
    const s = options.state === undefined ? createSeedState({ now: clock.now(), speed: clock.speed }) : structuredClone(options.state);
    s.clock = clock.snapshot();
    return s;
  };
  let store: StateStore;
  // The current state, without copying it whole where the store lends it (memory): `select`
  // copies what it keeps. A file store's state is read whole.
  let look: <T>(select: (current: Readonly<EmulatorState>) => T) => T;
  if (path === undefined) {
    const memory = createMemoryStateStore(initial(), { validate: options.state !== undefined && !isSealedEmulatorState(options.state) });
    store = memory;
    look = memory.look;
  } else {
    const file = createFileStateStore(path, initial, options.lock, undefined, fromFile);
    store = file;
    look = (select) => select(file.peek());
  }
  const region = base?.region ?? store.peek().region;
  const seed = options.faults?.seed ?? base?.faults.seed ?? 1;
  const realNow = options.realNow ?? Date.now;
  let localRequests = 0;
  let closed = false;

  const ensureOpen = (): void => {
    if (closed) throw new EmulatorStateError('emulator/closed', path, 'the emulator is closed; create a new one');
  };
  const syncClock = (current: Pick<EmulatorState, 'clock'>): void => {
    if (!externalClock && current.clock.revision > clock.revision) clock.adopt(current.clock);
  };
  const effectiveFaults = (current: EmulatorState): Faults => ({ ...current.faults, ...options.faults });

  const execute = <T>(action: string, callRegion: string, op: (state: EmulatorState, ctx: OpContext) => T, timing?: CallTiming): Promise<ExecuteResult<T>> => {
    ensureOpen();
    return store.transact((current) => {
      syncClock(current);
      const now = clock.now();
      advanceState(current, now);
      current.calls[action] = (current.calls[action] ?? 0) + 1;
      current.counters.requests += 1;
      const faults = effectiveFaults(current);
      const requestId = drawUuid(faults.seed, 'request', current.counters.requests);
      const decision = drawFault(current, faults, action);
      const base = { requestId, latencyMs: decision.latencyMs };
      // What a read, a refusal or a fault changes is bookkeeping: a file store may write it later.
      const keep = (state: EmulatorState, result: ExecuteResult<T>) => {
        state.clock = clock.snapshot();
        return { state, result, deferrable: state === current };
      };
      try {
        enforceRateLimit(current, faults, action, timing?.rateLimitClock === 'real' ? realNow() : now.getTime());
      } catch (e) {
        if (ApiError.isApiError(e)) return keep(current, { kind: 'error', error: e, ...base });
        throw e;
      }
      if (decision.kind === 'throttle') return keep(current, { kind: 'error', error: throttleError(action), ...base });
      if (decision.kind === 'unavailable' || decision.kind === 'drop-before') {
        return keep(current, { kind: 'fault', fault: decision.kind, httpStatus: decision.httpStatus, ...base });
      }
      // A write works on a draft, so a refusal half-way leaves nothing changed. A read changes
      // nothing (the read-only test in the emulator suite holds every read action to that) and
      // runs on the state itself: copying 10,000 instances per call would make the emulator,
      // not the client, set the pace of a fleet-scale plan.
      const draft = WRITE_ACTIONS.has(action) ? structuredClone(current) : current;
      try {
        const value = op(draft, { now, requestId, region: callRegion, faults });
        return keep(draft, { kind: 'ok', value, lostResponse: decision.kind === 'drop-after', ...base });
      } catch (e) {
        if (ApiError.isApiError(e)) return keep(current, { kind: 'error', error: e, ...base });
        throw e;
      }
    });
  };

  /** A copy of what time moves, brought to the current virtual time; only `only` of the instances when given. */
  const timedCopy = (only?: string): TimedState => {
    const copy = look((s): TimedState => {
      syncClock(s);
      const instances = only === undefined ? s.instances : s.instances.filter((i) => i.instanceId === only);
      return { instances: structuredClone(instances), zones: structuredClone(s.zones), faults: { seed: s.faults.seed } };
    });
    // Instances advance independently (advanceState), so one alone with the zones ends as it
    // would among all the others.
    advanceState(copy, clock.now());
    return copy;
  };

  function snapshot(): EmulatorState;
  function snapshot<K extends keyof EmulatorState>(part: K): EmulatorState[K];
  function snapshot(part?: keyof EmulatorState): EmulatorState | EmulatorState[keyof EmulatorState] {
    ensureOpen();
    if (part === undefined) {
      const s = store.peek();
      syncClock(s);
      advanceState(s, clock.now());
      return s;
    }
    if (isTimedPart(part)) return timedCopy()[part];
    return look((s) => {
      syncClock(s);
      return structuredClone(s[part]);
    });
  }

  const nextLocalRequestId = (): string => {
    localRequests += 1;
    return drawUuid(seed, `local:${process.pid}`, localRequests);
  };

  const dispatch = async (action: string, request: unknown, callRegion: string = region, timing?: CallTiming): Promise<DispatchOutcome> => {
    if (!isKnownAction(action)) {
      const requestId = nextLocalRequestId();
      const e = unknownActionError(action);
      return { kind: 'response', body: { Response: { Error: { Code: e.code, Message: e.message }, RequestId: requestId } }, requestId, latencyMs: 0, lostResponse: false };
    }
    const r = await execute(action, callRegion, (state, ctx) => runWireAction(state, ctx, action, request), timing);
    switch (r.kind) {
      case 'ok':
        return { kind: 'response', body: { Response: { ...r.value, RequestId: r.requestId } }, requestId: r.requestId, latencyMs: r.latencyMs, lostResponse: r.lostResponse };
      case 'error':
        return {
          kind: 'response',
          body: { Response: { Error: { Code: r.error.code, Message: r.error.message }, RequestId: r.requestId } },
          requestId: r.requestId,
          latencyMs: r.latencyMs,
          lostResponse: false,
        };
      case 'fault':
        return r;
    }
  };

  const emulator: Emulator = {
    region,
    statePath: path,
    clock,
    async handleAction(action, request, callRegion) {
      const out = await dispatch(action, request, callRegion);
      if (out.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, out.latencyMs));
      if (out.kind === 'fault') throw new EmulatorFaultError(out.fault, action, out.requestId, out.httpStatus);
      if (out.lostResponse) throw new EmulatorFaultError('drop-after', action, out.requestId);
      return out.body;
    },
    dispatch,
    execute,
    snapshot,
    instance(instanceId) {
      ensureOpen();
      return timedCopy(instanceId).instances[0];
    },
    async update(mutator) {
      ensureOpen();
      await store.transact((current) => {
        syncClock(current);
        advanceState(current, clock.now());
        const draft = structuredClone(current);
        mutator(draft);
        draft.clock = clock.snapshot();
        return { state: draft, result: undefined, validate: true };
      });
    },
    async scheduleChange(change) {
      ensureOpen();
      await store.transact((current) => {
        syncClock(current);
        const now = clock.now();
        advanceState(current, now);
        const draft = structuredClone(current);
        scheduleConsoleChange(draft, { now, requestId: nextLocalRequestId(), region: draft.region }, change);
        draft.clock = clock.snapshot();
        return { state: draft, result: undefined };
      });
    },
    nextLocalRequestId,
    async close() {
      if (closed) return;
      closed = true;
      // Calls already accepted finish and are written before the emulator lets go.
      await store.close();
      if (!externalClock) clock.dispose();
    },
  };
  return emulator;
}
