import type { CkafkaInstanceInputs } from 'ckafka-iac/pulumi';
import { fleetFromPulumiInputs, planAgainstEmulator, requireFleet } from 'ckafka-iac/testing';

// The inputs your program gives `new CkafkaInstance(name, inputs)`, as plain values.
const events: CkafkaInstanceInputs = {
  name: 'events',
  instanceId: 'ckafka-evt12345',
  edition: 'pro',
  bandwidthMBps: 160,
  diskGB: 2000,
  partitions: 1200,
  chargeType: 'POSTPAID_BY_HOUR',
  upgrade: { rebalance: 'now', mode: 'high-speed' },
};

test('events grows unthrottled, at once, and its pre-checks pass', async () => {
  const fleet = requireFleet(fleetFromPulumiInputs([events], { region: 'ap-guangzhou' }));
  const plan = await planAgainstEmulator(fleet, {
    now: new Date('2026-03-02T02:00:00Z'),
    instances: { events: { running: { bandwidthMBps: 120 }, chargeType: 'POSTPAID_BY_HOUR' } },
  });
  const p = plan.instances[0];
  expect(p?.migration).toMatchObject({ required: true, mode: 'high-speed', modeSelectable: true });
  expect(p?.schedule.kind).toBe('now');
  expect(p?.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual([]);
});

test('a bandwidth the edition does not sell fails as `pulumi preview` would', () => {
  const r = fleetFromPulumiInputs([{ ...events, bandwidthMBps: 170 }]);
  expect(r.issues.map((i) => `${i.code} at ${i.path}`)).toEqual(['spec/off-step at instances[0].bandwidthMBps']);
});
