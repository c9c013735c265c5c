/**
 * Two CKafka instances managed with ckafka-iac's Pulumi resource. `pulumi preview` logs each
 * upgrade plan (what changes, whether data migrates, window, mode, estimate, cost, pre-checks);
 * `pulumi up` applies it inside the window, or defers it until a later `pulumi up`.
 *
 * Without Tencent Cloud credentials, choose the embedded emulator on purpose
 * (`pulumi config set ckafka:emulator true`, or CKAFKA_EMULATOR=1): it keeps its state in
 * `.ckafka/emulator-state.json`, whose seed fleet holds both instances. See docs/pulumi.md.
 */
import * as pulumi from '@pulumi/pulumi';
import { CkafkaInstance } from 'ckafka-iac/pulumi';

// Weekend nights in Beijing: changes that migrate data start only then.
const weekendNights = { days: ['sat', 'sun'], start: '01:00', end: '05:00', timezone: 'Asia/Shanghai' } as const;

// A prepaid Pro instance with room to grow: 200 → 300 MB/s migrates no data, so it applies at once.
const orders = new CkafkaInstance('pulumi-orders', {
  instanceId: 'ckafka-pu1ord3r',
  edition: 'pro',
  bandwidthMBps: 300,
  diskGB: 3000,
  partitions: 1600,
  upgrade: { rebalance: { window: weekendNights }, mode: 'stable' },
});

// A postpaid Pro instance at capacity: 120 → 160 MB/s migrates data, unthrottled, in the window.
const events = new CkafkaInstance('pulumi-events', {
  instanceId: 'ckafka-pu1evt5x',
  edition: 'pro',
  bandwidthMBps: 160,
  diskGB: 2000,
  partitions: 1200,
  upgrade: { rebalance: { window: weekendNights }, mode: 'high-speed' },
  // Wait up to 12 hours for the window instead of deferring to the next `pulumi up`.
  wait: true,
  maxWaitMinutes: 720,
});

export const ordersEndpoint = pulumi.interpolate`${orders.vip}:${orders.vport}`;
export const ordersBandwidthMBps = orders.bandwidthMBps;
export const eventsStatus = events.status;
export const eventsLastPlan = events.lastPlan;
