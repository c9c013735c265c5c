/**
 * The two transports the contract suite runs the one adapter over, each on a fresh emulator built
 * from the same state and the same stopped clock:
 *
 * - `in-process`: the adapter over the emulator's in-process transport (`createEmulatedCloud`),
 *   as the embedded emulator and most tests run it;
 * - `tencent-http`: the adapter over the official SDK to the emulator's HTTP server, which
 *   verifies every TC3 signature against a fake key pair.
 *
 * Time: the emulator runs on a manual clock (nothing moves until a test calls `advance`). The
 * adapter reads the emulator's virtual time (so `now`-dependent reads such as the 24-hour usage
 * window ask about the same instants), and its own waits (back-off, rate-limit tokens,
 * re-observation pauses) only yield a turn of the event loop: they cost no real time and never
 * move the emulator's clock. The emulator's own rate limits are off by default for the same reason
 * (an HTTP client is limited per real second); tests that want them pass `faults`.
 */
import type { CkafkaCloud, CloudClock } from '../../../src/cloud/port';
import { CloudError } from '../../../src/cloud/port';
import {
  createEmulator,
  createManualClock,
  createSeedState,
  startEmulatorServer,
  type Emulator,
  type EmulatorServer,
  type EmulatorState,
  type Faults,
  type VirtualClock,
} from '../../../src/cloud/emulator';
import { createEmulatedCloud } from '../../../src/cloud/emulated-cloud';
import { createTencentCloud, type TencentCkafkaCloud, type TencentCloudInit } from '../../../src/cloud/tencent';

/** Monday 2 March 2026, 10:00 in Beijing: the seed fleet's `now` and every front's clock start. */
export const T0 = new Date('2026-03-02T02:00:00Z');
export const REGION = 'ap-guangzhou';
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** The fake key pair the HTTP emulator verifies signatures against. */
export const KEY = { secretId: 'AKIDcontractSuiteFakeId0000000000000', secretKey: 'contract-suite-fake-secret-key-0000' } as const;

/** The seed fleet's instance ids (src/cloud/emulator/seed-state.ts). */
export const IDS = {
  orders: 'ckafka-9x2kq7pe', // Pro prepaid, 200 MB/s, capacity 400 MB/s / 6000 GB
  payments: 'ckafka-4m7tz1bc', // Pro postpaid, 120 MB/s, at capacity
  clickstream: 'ckafka-7hw5n3rd', // Pro postpaid, 400 MB/s, produce 340
  media: 'ckafka-3rf6w8ya', // Pro postpaid, MaxMessageByte 8 MiB
  audit: 'ckafka-2pd8v6fj', // Advanced prepaid, out-of-sync partition 2 of audit.trail
  legacy: 'ckafka-5ct9y4ks', // Standard prepaid
  cdktfOrders: 'ckafka-8cq3d5of', // Pro prepaid, 320 MB/s, at capacity
  cdktfClicks: 'ckafka-6kx1c7lm', // Pro postpaid, 200 MB/s, capacity 400 MB/s / 4000 GB
  pulumiOrders: 'ckafka-pu1ord3r', // Pro prepaid, 200 MB/s, capacity 400 MB/s / 6000 GB
  pulumiEvents: 'ckafka-pu1evt5x', // Pro postpaid, 120 MB/s, at capacity
} as const;

export const SEED_IDS: readonly string[] = Object.values(IDS);

/** Which transport a front runs the adapter over. */
export type FrontKind = 'in-process' | 'tencent-http';

export interface FrontOptions {
  /** The emulator's initial state. @default the seed fleet at {@link T0} */
  readonly state?: EmulatorState;
  /** Fault settings of the emulator. @default rate limits off, no faults */
  readonly faults?: Partial<Faults>;
  /** Extra options of the adapter (retry, re-observation delay, …); connection options matter over HTTP only. */
  readonly tencent?: Partial<TencentCloudInit>;
}

/** One adapter on its own emulator. */
export interface Front {
  readonly kind: FrontKind;
  readonly cloud: CkafkaCloud;
  readonly em: Emulator;
  readonly clock: VirtualClock;
  /** The HTTP server (tencent-http only). */
  readonly server?: EmulatorServer;
  /** Closes the adapter, the server and the emulator; safe to call twice. */
  close(): Promise<void>;
}

/** Builds a front on a fresh emulator; `kind` says which adapter it runs. */
export type FrontFactory = ((options?: FrontOptions) => Promise<Front>) & { readonly kind: FrontKind };

/** The seed fleet at {@link T0}, seed 1. */
export function seedState(): EmulatorState {
  return createSeedState({ now: T0, seed: 1 });
}

function newEmulator(options: FrontOptions): { em: Emulator; clock: VirtualClock } {
  const clock = createManualClock(T0);
  const em = createEmulator({
    // The emulator works on a copy of its own; without a state, on the seed fleet it builds at the clock's T0.
    ...(options.state === undefined ? {} : { state: options.state }),
    clock,
    faults: { rateLimitsEnabled: false, ...options.faults },
  });
  return { em, clock };
}

/**
 * A clock for the adapter over HTTP: the emulator's virtual `now`; `sleep` yields one turn of the
 * event loop and never moves virtual time, as the in-process front's waits do on a stopped clock
 * (`waitClockOf`), so both fronts see the same instants.
 */
export function followingClock(clock: VirtualClock): CloudClock {
  return {
    now: () => clock.now(),
    sleep: () => new Promise<void>((resolve) => setImmediate(resolve)),
  };
}

export const inProcessFront: FrontFactory = Object.assign(async (options: FrontOptions = {}): Promise<Front> => {
  const { em, clock } = newEmulator(options);
  const cloud = createEmulatedCloud(em, { region: REGION, ...options.tencent });
  let closed = false;
  return {
    kind: 'in-process',
    cloud,
    em,
    clock,
    async close() {
      if (closed) return;
      closed = true;
      await cloud.close();
      await em.close();
    },
  };
}, { kind: 'in-process' as const });

/** Starts the HTTP emulator with the fake key pair and points a Tencent adapter at it. */
export async function startHttpFront(options: FrontOptions = {}): Promise<Front & { readonly cloud: TencentCkafkaCloud; readonly server: EmulatorServer }> {
  const { em, clock } = newEmulator(options);
  let server: EmulatorServer;
  try {
    server = await startEmulatorServer({ emulator: em, port: 0, credentials: KEY });
  } catch (e) {
    await em.close();
    throw e;
  }
  let cloud: TencentCkafkaCloud;
  try {
    cloud = createTencentCloud({
      region: REGION,
      credentials: { ...KEY },
      endpoint: server.url,
      clock: followingClock(clock),
      requestTimeoutSeconds: 5,
      ...options.tencent,
    });
  } catch (e) {
    await server.close();
    await em.close();
    throw e;
  }
  let closed = false;
  return {
    kind: 'tencent-http',
    cloud,
    em,
    clock,
    server,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await cloud.close();
      } finally {
        try {
          await server.close();
        } finally {
          await em.close();
        }
      }
    },
  };
}

export const tencentHttpFront: FrontFactory = Object.assign((options?: FrontOptions): Promise<Front> => startHttpFront(options), { kind: 'tencent-http' as const });

/** Runs `fn` on a new front and closes it afterwards, even when `fn` fails. */
export async function withFront<T>(factory: FrontFactory, options: FrontOptions | undefined, fn: (front: Front) => Promise<T>): Promise<T> {
  const front = await factory(options);
  try {
    return await fn(front);
  } finally {
    await front.close();
  }
}

/** What a comparison keeps of a failure: what callers act on (`kind`, `code`, `httpCode`), not the wording or request id. */
export interface ErrorShape {
  readonly error: { readonly kind: string; readonly code: string; readonly httpCode?: number };
}

export function errorShape(e: unknown): ErrorShape {
  if (!CloudError.isCloudError(e)) throw e;
  return { error: { kind: e.kind, code: e.code, ...(e.httpCode === undefined ? {} : { httpCode: e.httpCode }) } };
}

/** The result of `p`, or the shape of its CloudError. Anything else is rethrown. */
export async function settle<T>(p: Promise<T>): Promise<T | ErrorShape> {
  try {
    return await p;
  } catch (e) {
    return errorShape(e);
  }
}

/** Deep copy with every `requestId` blanked (they count calls, which differ between fronts by design); `undefined` is kept. */
export function withoutRequestIds<T>(value: T): T {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'requestId' && typeof x === 'string' ? '<request-id>' : walk(x)]));
    }
    return v;
  };
  return walk(value) as T;
}
