/** `stateFromFleet`: the state `ckafka emulator init --from-fleet` writes (the CLI tests plan and apply on it). */
import { parseEmulatorState } from '../../src/cloud/emulator';
import { stateFromFleet } from '../../src/cloud/state-from-fleet';
import { validateFleet } from '../../src/spec/validate';
import type { DesiredFleet } from '../../src/spec/types';

const NOW = new Date('2026-03-02T02:00:00Z');

function fleetOf(instances: readonly Record<string, unknown>[]): DesiredFleet {
  const r = validateFleet({ region: 'ap-shanghai', instances });
  if (r.value === undefined) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

const FLEET = fleetOf([
  { name: 'events', instanceId: 'ckafka-ev3nts00', edition: 'pro', bandwidthMBps: 300, diskGB: 4000, partitions: 1600 },
  { name: 'logs', edition: 'pro', bandwidthMBps: 200, diskGB: 3000, partitions: 1400 },
  { name: 'audit', edition: 'advanced', bandwidthMBps: 60, diskGB: 800, partitions: 900 },
]);

describe('stateFromFleet', () => {
  it('holds every declared instance at its declared spec (or the current one), in the fleet\u2019s region, valid against the state schema', () => {
    const { state } = stateFromFleet(FLEET, { now: NOW, current: { events: { bandwidthMBps: 200, billing: 'postpaid', capacity: { bandwidthMBps: 400 } } } });
    expect(() => parseEmulatorState(JSON.parse(JSON.stringify(state)), 'state.json')).not.toThrow();
    expect(state.region).toBe('ap-shanghai');
    expect(state.clock).toMatchObject({ virtualAt: NOW.toISOString(), speed: 0, stepOnSleep: true });
    expect(state.instances.map((i) => [i.name, i.instanceType, i.chargeType, i.bandwidthMBps, i.diskGB, i.partitions, i.capacity])).toEqual([
      ['events', 'profession', 'POSTPAID_BY_HOUR', 200, 4000, 1600, { bandwidthMBps: 400, diskGB: 4000 }],
      ['logs', 'profession', 'PREPAID', 200, 3000, 1400, { bandwidthMBps: 200, diskGB: 3000 }],
      ['audit', 'premium', 'PREPAID', 60, 800, 900, { bandwidthMBps: 60, diskGB: 800 }],
    ]);
    expect(state.zones.every((z) => !z.soldOut)).toBe(true);
    expect(state.submissions).toEqual([]);
  });

  it('keeps declared ids and gives the others a stable one: the same name, the same id, on every run', () => {
    const a = stateFromFleet(FLEET, { now: NOW });
    const b = stateFromFleet(FLEET, { now: new Date('2027-01-01T00:00:00Z') });
    expect(a.instances.map((i) => [i.name, i.generated])).toEqual([
      ['events', false],
      ['logs', true],
      ['audit', true],
    ]);
    expect(a.instances[0]?.instanceId).toBe('ckafka-ev3nts00');
    expect(a.instances.map((i) => i.instanceId)).toEqual(b.instances.map((i) => i.instanceId));
    expect(new Set(a.instances.map((i) => i.instanceId)).size).toBe(3);
    for (const i of a.instances) expect(i.instanceId).toMatch(/^ckafka-[a-z0-9]{8}$/);
  });

  it('says what it assumed: billing, data held and traffic where --current is silent, and no headroom', () => {
    const { notes, state } = stateFromFleet(FLEET, { now: NOW, current: { events: { billing: 'prepaid', diskUsedGB: 1000, produceMBps: 50 } } });
    expect(notes).toEqual([
      expect.stringMatching(/^billing assumed prepaid \(monthly\) for logs, audit:/),
      expect.stringMatching(/^data held assumed 50% of the disk and produce traffic 25% of the bandwidth for logs, audit /),
      expect.stringMatching(/^no headroom: any bandwidth or disk growth migrates data/),
    ]);
    const events = state.instances.find((i) => i.name === 'events');
    expect(events?.produceMBps).toBe(50);
    expect(events?.topics.reduce((s, t) => s + t.dataBytes, 0)).toBe(1000 * 1024 ** 3);
  });

  it('words each assumption for the instances it was made for, and takes every seed field from --current', () => {
    const { notes, state } = stateFromFleet(FLEET, {
      now: NOW,
      current: { events: { diskUsedGB: 1000, capacity: { diskGB: 6000 }, outOfSyncPartitions: 2, maxMessageBytes: 8_388_608 }, logs: { billing: 'postpaid', capacity: { bandwidthMBps: 400 } } },
    });
    expect(notes).toEqual([
      expect.stringMatching(/^billing assumed prepaid \(monthly\) for events, audit:/),
      expect.stringMatching(/^data held assumed 50% of the disk for logs, audit \(diskUsedGB in --current sets it/),
      expect.stringMatching(/^produce traffic assumed 25% of the bandwidth for events, logs, audit \(produceMBps in --current sets it/),
      expect.stringMatching(/^no headroom: any bandwidth or disk growth migrates data for audit, the cautious reading/),
    ]);
    const events = state.instances.find((i) => i.name === 'events');
    expect(events).toMatchObject({ maxMessageBytes: 8_388_608, capacity: { bandwidthMBps: 300, diskGB: 6000 }, produceMBps: 75 });
    expect(events?.topics.flatMap((t) => t.outOfSyncPartitions)).toEqual([0, 1]);
  });
});
