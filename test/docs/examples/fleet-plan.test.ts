import { parseFleet } from 'ckafka-iac';
import { planAgainstEmulator, requireFleet } from 'ckafka-iac/testing';

const fleet = requireFleet(
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
`,
    { file: 'fleet/prod.yaml' },
  ),
);

// A Monday morning in Shanghai: the next window opens on Saturday.
const now = new Date('2026-03-02T02:00:00Z');

test('raising orders from 200 to 400 MB/s migrates data in the weekend window', async () => {
  const plan = await planAgainstEmulator(fleet, { now, instances: { orders: { running: { bandwidthMBps: 200 } } } });
  const orders = plan.instances[0];
  expect(orders?.action).toBe('upgrade');
  expect(orders?.migration.required).toBe(true);
  expect(orders?.schedule).toMatchObject({ kind: 'window', startsAt: '2026-03-06T17:00:00.000Z' });
  expect(orders?.checks.filter((c) => c.status === 'fail')).toEqual([]);
});

test('with room to grow in place, the same change applies at once', async () => {
  const plan = await planAgainstEmulator(fleet, {
    now,
    instances: { orders: { running: { bandwidthMBps: 200 }, capacity: { bandwidthMBps: 600, diskGB: 8000 } } },
  });
  expect(plan.instances[0]?.schedule.kind).toBe('now');
});
