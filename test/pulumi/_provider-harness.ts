/**
 * The provider under test: its methods called directly against the emulator through the
 * in-process transport, on the embedded emulator's stepping clock (it moves only when someone
 * waits), with a logger that keeps every line and diagnostic.
 */
import { createEmulatedCloud } from '../../src/cloud/emulated-cloud';
import { createEmulator, createSeedState, createVirtualClock, type Emulator, type Faults, type VirtualClock } from '../../src/cloud/emulator';
import type { CkafkaCloud } from '../../src/cloud/port';
import { CkafkaProvider, CkafkaProviderError, type CkafkaDiagnostic, type CkafkaInstanceInputs, type CkafkaInstanceState } from '../../src/pulumi';

/** Monday 2 March 2026, 10:00 in Beijing: outside a weekend window. */
export const T0 = new Date('2026-03-02T02:00:00Z');
export const MINUTE = 60_000;

/** Seed instances (see src/cloud/emulator/seed-state.ts). */
export const ORDERS = 'ckafka-9x2kq7pe'; // Pro prepaid 200 MB/s, 3000 GB, 1400 partitions; room to 400 MB/s without migration
export const PAYMENTS = 'ckafka-4m7tz1bc'; // Pro postpaid 120 MB/s, 2000 GB, 1200 partitions; at capacity: any increase migrates
export const AUDIT = 'ckafka-2pd8v6fj'; // Advanced prepaid 40 MB/s, 500 GB, 800 partitions; one out-of-sync partition

export const WEEKEND = { days: ['sat', 'sun'], start: '01:00', end: '05:00', timezone: 'Asia/Shanghai' } as const;

export interface Harness {
  readonly em: Emulator;
  readonly clock: VirtualClock;
  readonly cloud: CkafkaCloud;
  readonly provider: CkafkaProvider;
  readonly logs: Array<{ level: 'info' | 'warn'; message: string }>;
  /** What the logger's `diagnostic` received. */
  readonly diagnostics: CkafkaDiagnostic[];
  readonly text: (level?: 'info' | 'warn') => string;
  /** Forgets what was logged so far. */
  readonly clear: () => void;
}

export function harness(faults: Partial<Faults> = {}): Harness {
  // The embedded emulator's clock: it moves only when someone waits, by what they wait.
  const clock = createVirtualClock({ start: T0, speed: 0, stepOnSleep: true });
  // Rate limits are not under test here.
  const em = createEmulator({ state: createSeedState({ now: T0 }), clock, faults: { rateLimitsEnabled: false, ...faults } });
  const cloud = createEmulatedCloud(em);
  const logs: Harness['logs'] = [];
  const diagnostics: CkafkaDiagnostic[] = [];
  const provider = new CkafkaProvider({
    cloud,
    logger: {
      info: (message) => logs.push({ level: 'info', message }),
      warn: (message) => logs.push({ level: 'warn', message }),
      diagnostic: (d) => diagnostics.push(d),
    },
    now: () => clock.now(),
  });
  const text = (level?: 'info' | 'warn') =>
    logs
      .filter((l) => level === undefined || l.level === level)
      .map((l) => l.message)
      .join('\n');
  const clear = () => {
    logs.length = 0;
    diagnostics.length = 0;
  };
  return { em, clock, cloud, provider, logs, diagnostics, text, clear };
}

/** Seconds from `from` to `to`; fails when `to` is missing or before `from`. */
export function secondsAfter(from: string, to: string | undefined): number {
  const s = (Date.parse(to ?? '') - Date.parse(from)) / 1000;
  if (!(s >= 0)) throw new Error(`${to ?? 'nothing'} is not at or after ${from}`);
  return s;
}

export async function failure(work: Promise<unknown>): Promise<CkafkaProviderError> {
  try {
    await work;
  } catch (e) {
    if (CkafkaProviderError.isCkafkaProviderError(e)) return e;
    throw e;
  }
  throw new Error('expected the operation to fail');
}

export function instance(em: Emulator, id: string) {
  return em.snapshot().instances.find((i) => i.instanceId === id);
}

export const ordersInputs = (over: Partial<CkafkaInstanceInputs> = {}): CkafkaInstanceInputs => ({
  name: 'orders',
  instanceId: ORDERS,
  edition: 'pro',
  bandwidthMBps: 200,
  diskGB: 3000,
  partitions: 1400,
  ...over,
});

export const paymentsInputs = (over: Partial<CkafkaInstanceInputs> = {}): CkafkaInstanceInputs => ({
  name: 'payments',
  instanceId: PAYMENTS,
  edition: 'pro',
  bandwidthMBps: 120,
  diskGB: 2000,
  partitions: 1200,
  ...over,
});

export const newInputs = (over: Partial<CkafkaInstanceInputs> = {}): CkafkaInstanceInputs => ({
  name: 'pulumi-fresh',
  edition: 'pro',
  bandwidthMBps: 40,
  diskGB: 500,
  partitions: 800,
  zoneId: 100003,
  vpcId: 'vpc-6b2g8c1d',
  subnetId: 'subnet-3k9f2w7q',
  chargeType: 'POSTPAID_BY_HOUR',
  ...over,
});

/** Adopts an instance with its current spec: the state Pulumi records before any change. */
export async function adopt(provider: CkafkaProvider, inputs: CkafkaInstanceInputs): Promise<CkafkaInstanceState> {
  const r = await provider.create(inputs);
  if (r.outs === undefined) throw new Error('create returned no outputs');
  return r.outs;
}

