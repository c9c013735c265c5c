/** Contract scenarios of refusals and transport faults: the same kind and code on every front, and nothing applied. */
import type { CkafkaCloud, SpecChangeRequest } from '../../../src/cloud/port';
import type { ObservedInstance } from '../../../src/spec/observed';
import { CLONES } from './_contract-state';
import { NEW_POSTPAID, NEW_PREPAID, ORDERS, ORDERS_UP, PAYMENTS_UP, SCHEDULED_AT } from './_expected';
import { DAY, HOUR, IDS, T0, settle, type ErrorShape, type Front } from './_fronts';
import { inject, kindAndCode, ledger, type Scenario } from './_scenario';

interface ErrorCase {
  readonly name: string;
  readonly expected: ErrorShape['error'] | 'same on both';
  call(cloud: CkafkaCloud, front: Front): Promise<unknown>;
  setup?(front: Front): Promise<void>;
  readonly cancelsInFlight?: true;
}

const change = (over: Partial<SpecChangeRequest>): SpecChangeRequest => ({ ...ORDERS_UP, ...over });
const observedGhost: ObservedInstance = { ...ORDERS, instanceId: 'ckafka-00000000' };
const NOT_FOUND = { kind: 'not-found', code: 'InvalidParameterValue.InstanceNotExist' } as const;
const INVALID = { kind: 'invalid', code: 'InvalidParameterValue' } as const;
const UNSUPPORTED = { kind: 'unsupported', code: 'UnsupportedOperation' } as const;
/** What the spec-change and create actions answer where their Go SDK error lists have no more specific code. */
const FAILED = { kind: 'other', code: 'FailedOperation' } as const;

export const ERROR_CASES: readonly ErrorCase[] = [
  { name: 'submitSpecChange: instance not found', expected: NOT_FOUND, call: (c) => c.submitSpecChange(change({ instanceId: 'ckafka-00000000' })) },
  {
    name: 'assessMigration: instance not found',
    expected: NOT_FOUND,
    call: (c) => c.assessMigration('ckafka-00000000', { edition: 'pro', bandwidthMBps: 300, diskGB: 3000, partitions: 1600 }),
  },
  { name: 'preflight: instance not found', expected: NOT_FOUND, call: (c) => c.preflight(observedGhost), cancelsInFlight: true },
  { name: 'retimeRebalance: instance not found', expected: NOT_FOUND, call: (c) => c.retimeRebalance('ckafka-00000000', new Date(T0.getTime() + DAY)) },
  { name: 'submitSpecChange: bandwidth off its step (210 MB/s)', expected: INVALID, call: (c) => c.submitSpecChange(change({ bandwidthMBps: 210 })) },
  { name: 'submitSpecChange: disk off its step (3050 GB)', expected: INVALID, call: (c) => c.submitSpecChange(change({ diskGB: 3050 })) },
  { name: 'submitSpecChange: partitions off their step (1650)', expected: INVALID, call: (c) => c.submitSpecChange(change({ partitions: 1650 })) },
  { name: 'submitSpecChange: below the tier minimum disk', expected: INVALID, call: (c) => c.submitSpecChange(change({ bandwidthMBps: 400, diskGB: 2000, partitions: 2000 })) },
  { name: 'submitSpecChange: partition decrease', expected: INVALID, call: (c) => c.submitSpecChange(change({ bandwidthMBps: 200, partitions: 1300 })) },
  { name: 'submitSpecChange: target equals the current spec', expected: INVALID, call: (c) => c.submitSpecChange(change({ bandwidthMBps: 200, diskGB: 3000, partitions: 1400 })) },
  {
    name: 'submitSpecChange: Standard edition (no spec change by API)',
    expected: FAILED,
    call: (c) => c.submitSpecChange({ instanceId: IDS.legacy, bandwidthMBps: 100, diskGB: 2000, partitions: 100, mode: 'stable' }),
  },
  {
    name: 'submitSpecChange: Advanced scale-down',
    expected: FAILED,
    call: (c) => c.submitSpecChange({ instanceId: IDS.audit, bandwidthMBps: 20, diskGB: 500, partitions: 800, mode: 'stable' }),
  },
  {
    name: 'submitSpecChange: an isolated instance',
    expected: FAILED,
    call: (c) => c.submitSpecChange({ ...PAYMENTS_UP, instanceId: CLONES.isolated }),
  },
  {
    name: 'submitSpecChange: a change while one runs',
    expected: FAILED,
    setup: async (front) => void (await front.cloud.submitSpecChange(PAYMENTS_UP)),
    call: (c) => c.submitSpecChange({ ...PAYMENTS_UP, bandwidthMBps: 200, diskGB: 2000, partitions: 1400 }),
  },
  {
    name: 'submitSpecChange: a change while one is scheduled',
    expected: FAILED,
    setup: (front) => front.em.scheduleChange({ instanceId: IDS.payments, target: { bandwidthMBps: 160, diskGB: 2000, partitions: 1200 }, mode: 'stable', at: SCHEDULED_AT }),
    call: (c) => c.submitSpecChange(PAYMENTS_UP),
  },
  {
    name: 'submitSpecChange: a migration in a sold-out zone',
    expected: FAILED,
    call: (c) => c.submitSpecChange({ ...PAYMENTS_UP, instanceId: CLONES.soldOutZone }),
  },
  {
    name: 'submitSpecChange: a migration beyond the zone disk stock',
    expected: FAILED,
    call: (c) => c.submitSpecChange({ ...PAYMENTS_UP, instanceId: CLONES.lowStockZone, diskGB: 4000 }),
  },
  // Refused before any call, with the code the API gives: a value it refuses, a type it cannot take.
  { name: 'submitSpecChange: bandwidth 0', expected: INVALID, call: (c) => c.submitSpecChange(change({ bandwidthMBps: 0 })) },
  { name: 'submitSpecChange: a fractional disk', expected: { kind: 'invalid', code: 'InvalidParameter' }, call: (c) => c.submitSpecChange(change({ diskGB: 3000.5 })) },
  {
    // An assessment is not an order: the emulator answers any target above 0 (the write checks steps).
    name: 'assessMigration: a bandwidth of 0',
    expected: INVALID,
    call: (c) => c.assessMigration(IDS.orders, { edition: 'pro', bandwidthMBps: 0, diskGB: 3000, partitions: 1400 }),
  },
  {
    name: 'assessMigration: an edition conversion (console only)',
    expected: UNSUPPORTED,
    call: (c) => c.assessMigration(IDS.audit, { edition: 'pro', bandwidthMBps: 60, diskGB: 800, partitions: 900 }),
  },
  {
    name: 'quote: Advanced is not sold by the hour',
    expected: INVALID,
    call: (c) => c.quote({ edition: 'advanced', bandwidthMBps: 60, diskGB: 800, partitions: 900, zoneId: 100004, chargeType: 'POSTPAID_BY_HOUR', diskType: 'CLOUD_PREMIUM' }),
  },
  {
    name: 'quote: Standard is no longer sold',
    expected: INVALID,
    call: (c) => c.quote({ edition: 'standard', bandwidthMBps: 100, diskGB: 1500, partitions: 100, zoneId: 100003, chargeType: 'PREPAID', diskType: 'CLOUD_BASIC' }),
  },
  {
    name: 'quote: bandwidth above the Pro maximum',
    expected: INVALID,
    call: (c) => c.quote({ edition: 'pro', bandwidthMBps: 100200, diskGB: 10000, partitions: 6000, zoneId: 100003, chargeType: 'PREPAID', diskType: 'CLOUD_PREMIUM' }),
  },
  { name: 'retimeRebalance: nothing scheduled', expected: { kind: 'other', code: 'FailedOperation' }, call: (c) => c.retimeRebalance(IDS.orders, new Date(T0.getTime() + DAY)) },
  {
    name: 'retimeRebalance: a time in the past',
    expected: INVALID,
    setup: (front) => front.em.scheduleChange({ instanceId: IDS.payments, target: { bandwidthMBps: 160, diskGB: 2000, partitions: 1200 }, mode: 'stable', at: SCHEDULED_AT }),
    call: (c) => c.retimeRebalance(IDS.payments, new Date(T0.getTime() - HOUR)),
  },
  { name: 'createInstance: a sold-out zone', expected: FAILED, call: (c) => c.createInstance({ ...NEW_POSTPAID, zoneId: 100006 }) },
  { name: 'createInstance: Standard is no longer sold', expected: INVALID, call: (c) => c.createInstance({ ...NEW_PREPAID, edition: 'standard', bandwidthMBps: 100, diskGB: 1500, partitions: 100 }) },
  { name: 'createInstance: an invalid VPC id', expected: { kind: 'invalid', code: 'InvalidParameterValue.VpcIdInvalid' }, call: (c) => c.createInstance({ ...NEW_POSTPAID, vpcId: 'vpc-x' }) },
  { name: 'createInstance: an unknown zone', expected: { kind: 'invalid', code: 'InvalidParameterValue.ZoneNotSupport' }, call: (c) => c.createInstance({ ...NEW_POSTPAID, zoneId: 999999 }) },
  { name: 'createInstance: postpaid Advanced (only Pro is sold by the hour)', expected: INVALID, call: (c) => c.createInstance({ ...NEW_PREPAID, edition: 'advanced', chargeType: 'POSTPAID_BY_HOUR' }) },
  { name: 'createInstance: prepaid Advanced (CreateInstancePre creates Pro only)', expected: INVALID, call: (c) => c.createInstance({ ...NEW_PREPAID, edition: 'advanced' }) },
  { name: 'createInstance: postpaid Standard (no longer sold)', expected: INVALID, call: (c) => c.createInstance({ ...NEW_PREPAID, chargeType: 'POSTPAID_BY_HOUR', edition: 'standard', bandwidthMBps: 100, diskGB: 1500, partitions: 100 }) },
  { name: 'createInstance: 37 months', expected: INVALID, call: (c) => c.createInstance({ ...NEW_PREPAID, periodMonths: 37 }) },
  {
    name: 'deleteInstance: an instance being upgraded',
    expected: UNSUPPORTED,
    setup: async (front) => void (await front.cloud.submitSpecChange(PAYMENTS_UP)),
    call: (c) => c.deleteInstance(IDS.payments),
  },
];

/** A scenario per error case: the failure's shape, and the writes recorded by the call (none). */
export function errorScenario(c: ErrorCase): Scenario {
  return {
    name: `error: ${c.name}`,
    run: async (front) => {
      await c.setup?.(front);
      const before = front.em.snapshot('submissions').length;
      const outcome = await settle(c.call(front.cloud, front));
      return { outcome: outcome === undefined || !('error' in (outcome as object)) ? { resolved: true } : outcome, applied: ledger(front, before) };
    },
    check: (r) => {
      const { outcome, applied } = r as { outcome: ErrorShape | { resolved: true }; applied: unknown[] };
      if (c.expected === 'same on both') {
        expect(outcome).toHaveProperty('error');
      } else {
        expect(outcome).toStrictEqual({ error: c.expected });
      }
      expect(applied).toEqual([]);
    },
    ...(c.cancelsInFlight === undefined ? {} : { cancelsInFlight: c.cancelsInFlight }),
  };
}

/** Transport faults surface with the same kind and code on both fronts (the HTTP status aside). */
export const FAULT_SCENARIOS: readonly Scenario[] = (
  [
    ['throttled on every attempt', { throttleRate: 1 }, { kind: 'throttled', code: 'RequestLimitExceeded' }],
    ['HTTP 5xx on every attempt', { errorRate: 1 }, { kind: 'unavailable', code: 'ClientError.HttpStatusCodeError' }],
    ['the connection drops on every attempt', { dropRate: 1 }, { kind: 'network', code: 'ClientError.NetworkError' }],
  ] as const
).map(([name, faults, expected]) => ({
  name: `transport: ${name}`,
  run: async (front: Front) => {
    await inject(front, faults);
    // The status of an injected 5xx is drawn per attempt; fronts retry a different number of times.
    return kindAndCode(await settle(front.cloud.describeInstances({ ids: [IDS.orders] })));
  },
  check: (r: unknown) => expect(r).toStrictEqual({ error: expected }),
}));
