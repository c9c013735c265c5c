/**
 * Seeding an emulator from declarations: every declared instance exists and runs its declared spec
 * unless a test says otherwise, the defaults take the cautious side, and what the emulator cannot
 * hold is refused with a clear error.
 */
import { EmulatorStateError, parseEmulatorState } from '../../src/cloud/emulator';
import type { DesiredFleet } from '../../src/spec/types';
import { parseFleet } from '../../src/spec/parse-fleet';
import { planAgainstEmulator, requireFleet, SEED_ASSUMPTIONS, seedFromDeclarations, seedStateFromDeclarations, type InstanceDeclaration, type SeedFromDeclarationsOptions } from '../../src/testing';

/** Monday 2 March 2026, 10:00 in Shanghai: the weekend window opens on Saturday. */
const NOW = new Date('2026-03-02T02:00:00Z');

const FLEET: DesiredFleet = requireFleet(
  parseFleet(
    `
region: ap-guangzhou
defaults:
  upgrade:
    rebalance: { window: { days: [sat, sun], start: "01:00", end: "05:00", timezone: Asia/Shanghai } }
instances:
  - name: orders
    instanceId: ckafka-abc12345
    edition: pro
    bandwidthMBps: 400
    diskGB: 6000
    partitions: 2400
  - name: audit
    edition: advanced
    bandwidthMBps: 60
    diskGB: 800
    partitions: 900
`,
    { file: 'fleet.yaml' },
  ),
);

const orders = (over: Partial<InstanceDeclaration> = {}): InstanceDeclaration => ({ name: 'orders', instanceId: 'ckafka-abc12345', edition: 'pro', bandwidthMBps: 400, diskGB: 6000, partitions: 2400, ...over });

async function ordersPlan(options: Omit<SeedFromDeclarationsOptions, 'now'>) {
  const plan = await planAgainstEmulator(FLEET, { now: NOW, ...options });
  const p = plan.instances.find((i) => i.name === 'orders');
  if (p === undefined) throw new Error('orders was not planned');
  return p;
}

describe('seedStateFromDeclarations', () => {
  it('holds each declared instance at its declared spec, so the plan has no changes', async () => {
    const state = seedStateFromDeclarations(FLEET.instances, { now: NOW });
    expect(state.instances.map((i) => [i.name, i.instanceType, i.bandwidthMBps, i.diskGB, i.partitions, i.chargeType, i.status])).toEqual([
      ['orders', 'profession', 400, 6000, 2400, 'PREPAID', 1],
      ['audit', 'premium', 60, 800, 900, 'PREPAID', 1],
    ]);
    expect(() => parseEmulatorState(state)).not.toThrow();
    const plan = await planAgainstEmulator(FLEET, { now: NOW });
    expect(plan.summary).toMatchObject({ hasChanges: false, unchanged: 2 });
    expect(plan.cloud.kind).toBe('emulator');
  });

  it('keeps declared ids and derives a stable, well-formed id from the name otherwise', () => {
    const a = seedStateFromDeclarations(FLEET.instances, { now: NOW });
    const b = seedStateFromDeclarations(FLEET.instances, { now: NOW });
    expect(a.instances[0]?.instanceId).toBe('ckafka-abc12345');
    expect(a.instances[1]?.instanceId).toMatch(/^ckafka-[a-z0-9]{8}$/);
    expect(b.instances[1]?.instanceId).toBe(a.instances[1]?.instanceId);
    expect({ ...a, clock: { ...a.clock, realAt: 0 } }).toEqual({ ...b, clock: { ...b.clock, realAt: 0 } });
  });

  it('gives each instance declared by name its own id', () => {
    const names = Array.from({ length: 200 }, (_, i) => `team-${i}`);
    const state = seedStateFromDeclarations(
      names.map((name) => ({ name, edition: 'pro', bandwidthMBps: 40, diskGB: 500, partitions: 800 })),
      { now: NOW },
    );
    expect(new Set(state.instances.map((i) => i.instanceId)).size).toBe(200);
  });

  it('runs what a test says runs: the plan shows that change, migrating by default (no room to grow)', async () => {
    const p = await ordersPlan({ instances: { orders: { running: { bandwidthMBps: 200 } } } });
    expect(p.action).toBe('upgrade');
    expect(p.changes).toEqual([{ field: 'bandwidthMBps', from: 200, to: 400, unit: 'MB/s' }]);
    expect(p.migration.required).toBe(true);
    expect(p.schedule).toMatchObject({ kind: 'window', startsAt: '2026-03-06T17:00:00.000Z' });
    // Prepaid by default: the mode is the cloud's.
    expect(p.migration.modeSelectable).toBe(false);
  });

  it('migrates nothing when the cluster has room, and applies at once', async () => {
    const p = await ordersPlan({ instances: { orders: { running: { bandwidthMBps: 200 }, capacity: { bandwidthMBps: 600, diskGB: 8000 } } } });
    expect(p.migration.required).toBe(false);
    expect(p.schedule.kind).toBe('now');
  });

  it('takes the billing, the data held and out-of-sync replicas from the test', async () => {
    const base = { running: { bandwidthMBps: 200 }, chargeType: 'POSTPAID_BY_HOUR' } as const;
    const little = await ordersPlan({ instances: { orders: { ...base, dataGB: 100 } } });
    const much = await ordersPlan({ instances: { orders: { ...base, dataGB: 3000 } } });
    expect(little.migration.modeSelectable).toBe(true);
    expect(much.migration.estimatedSeconds).toBeGreaterThan(little.migration.estimatedSeconds ?? Infinity);
    const lagging = await ordersPlan({ instances: { orders: { ...base, outOfSyncPartitions: 2 } } });
    expect(lagging.action).toBe('blocked');
    expect(lagging.checks.find((c) => c.id === 'replicas-in-sync')?.status).toBe('fail');
  });

  it('assumes half the disk held and a quarter of the bandwidth produced, every zone in stock, and says for which instances', () => {
    const { state, instances, assumed } = seedFromDeclarations(FLEET.instances, { now: NOW, instances: { orders: { dataGB: 1000, chargeType: 'POSTPAID_BY_HOUR', capacity: { diskGB: 8000 } } } });
    expect(SEED_ASSUMPTIONS).toMatchObject({ dataShareOfDisk: 0.5, produceShareOfBandwidth: 0.25 });
    const held = (name: string) => state.instances.find((i) => i.name === name)?.topics.reduce((sum, t) => sum + t.dataBytes, 0);
    expect([held('orders'), held('audit')]).toEqual([1000 * 1024 ** 3, 400 * 1024 ** 3]);
    expect(state.instances.map((i) => i.produceMBps)).toEqual([100, 15]);
    expect(state.zones.every((z) => !z.soldOut && z.diskStockGB === SEED_ASSUMPTIONS.zoneDiskStockGB)).toBe(true);
    expect(assumed).toEqual({ chargeType: ['audit'], capacity: ['audit'], dataGB: ['audit'], produceMBps: ['orders', 'audit'] });
    expect(instances).toEqual([
      { name: 'orders', instanceId: 'ckafka-abc12345', generated: false },
      { name: 'audit', instanceId: state.instances[1]?.instanceId, generated: true },
    ]);
  });

  it('puts an instance in its declared zone, adding the zone when the region does not list it', () => {
    const state = seedStateFromDeclarations([orders({ zoneId: 100004 }), orders({ name: 'far', instanceId: 'ckafka-far00001', zoneId: 123456 })], { now: NOW });
    expect(state.instances.map((i) => i.zoneId)).toEqual([100004, 123456]);
    expect(state.zones.find((z) => z.zoneId === 123456)).toMatchObject({ soldOut: false });
  });

  it.each<[string, readonly InstanceDeclaration[], SeedFromDeclarationsOptions, RegExp]>([
    ['a malformed instance id', [orders({ instanceId: 'ckafka-ABC' })], {}, /orders: instanceId "ckafka-ABC" is not `ckafka-` and 8 lowercase letters or digits/],
    ['a name declared twice', [orders(), orders({ instanceId: 'ckafka-abc12346' })], {}, /the name "orders" is declared twice/],
    ['an id declared twice', [orders(), orders({ name: 'again' })], {}, /instanceId ckafka-abc12345 is declared twice/],
    ['an override for a name not declared', [orders()], { instances: { order: {} } }, /options\.instances names "order", which is not declared/],
    ['a spec that is not a whole number', [orders({ bandwidthMBps: 12.5 })], {}, /orders: bandwidthMBps must be a whole number of at least 1, got 12\.5/],
    ['more data than disk', [orders()], { instances: { orders: { dataGB: 7000 } } }, /orders: dataGB must be between 0 and the running disk \(6000 GB\), got 7000/],
    ['an unknown edition', [orders({ edition: 'basic' as never })], {}, /orders: edition "basic" is not standard, advanced or pro/],
    ['postpaid billing for an Advanced instance', [orders({ edition: 'advanced' })], { instances: { orders: { chargeType: 'POSTPAID_BY_HOUR' } } }, /orders: "POSTPAID_BY_HOUR" billing is not sold for the advanced edition \(PREPAID\)/],
    ['a negative produce rate', [orders()], { instances: { orders: { produceMBps: -1 } } }, /orders: produceMBps must be a number of at least 0, got -1/],
    ['a MaxMessageByte of 0', [orders()], { instances: { orders: { maxMessageBytes: 0 } } }, /orders: maxMessageBytes must be a whole number of at least 1, got 0/],
  ])('refuses %s', (_what, declarations, options, message) => {
    let error: unknown;
    try {
      seedStateFromDeclarations(declarations, { now: NOW, ...options });
    } catch (e) {
      error = e;
    }
    expect(EmulatorStateError.isEmulatorStateError(error)).toBe(true);
    expect((error as EmulatorStateError).code).toBe('emulator/state-invalid');
    expect((error as Error).message).toMatch(message);
  });
});
