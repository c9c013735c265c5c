/**
 * What the contract expects of the contract state (./_contract-state.ts): the seed instances as
 * `ObservedInstance`, and the requests the scenarios send.
 */
import type { CreateInstanceRequest, SpecChangeRequest } from '../../../src/cloud/port';
import type { ObservedInstance } from '../../../src/spec/observed';
import { CLONES } from './_contract-state';
import { DAY, IDS, MINUTE, T0 } from './_fronts';

export const VPC = { vpcId: 'vpc-6b2g8c1d', subnetId: 'subnet-3k9f2w7q' } as const;
export const VPC_PARAMS = { VpcId: VPC.vpcId, SubnetId: VPC.subnetId } as const;
const PREPAID_EXPIRY = new Date(T0.getTime() + 200 * DAY).toISOString();
/** A change scheduled as the console does, at an odd second so the Beijing-time round trip shows. */
export const SCHEDULED_AT = new Date(T0.getTime() + DAY + 30 * MINUTE + 15_000);

/** `orders` (seed): prepaid Pro, 200 MB/s (1600 Mbps on the wire). */
export const ORDERS: ObservedInstance = {
  instanceId: IDS.orders,
  name: 'orders',
  edition: 'pro',
  instanceType: 'profession',
  status: 'running',
  statusCode: 1,
  bandwidthMBps: 200,
  diskGB: 3000,
  partitions: 1400,
  partitionsUsed: (24 + 24 + 6) * 3,
  topicsUsed: 3,
  diskType: 'CLOUD_PREMIUM',
  chargeType: 'PREPAID',
  expiresAt: PREPAID_EXPIRY,
  zoneId: 100003,
  zoneIds: [100003],
  ...VPC,
  endpoints: [{ vip: '10.0.11.10', vport: '9092' }],
  kafkaVersion: '2.8.1',
  healthy: 1,
};

export const PAYMENTS: ObservedInstance = {
  instanceId: IDS.payments,
  name: 'payments',
  edition: 'pro',
  instanceType: 'profession',
  status: 'running',
  statusCode: 1,
  bandwidthMBps: 120,
  diskGB: 2000,
  partitions: 1200,
  partitionsUsed: (12 + 12) * 3,
  topicsUsed: 2,
  diskType: 'CLOUD_PREMIUM',
  chargeType: 'POSTPAID_BY_HOUR',
  zoneId: 100004,
  zoneIds: [100004],
  ...VPC,
  endpoints: [{ vip: '10.0.12.10', vport: '9092' }],
  kafkaVersion: '2.8.1',
  healthy: 1,
};

export const AUDIT: ObservedInstance = {
  instanceId: IDS.audit,
  name: 'audit',
  edition: 'advanced',
  instanceType: 'premium',
  status: 'running',
  statusCode: 1,
  bandwidthMBps: 40,
  diskGB: 500,
  partitions: 800,
  partitionsUsed: 6 * 3 + 3 * 1,
  topicsUsed: 2,
  diskType: 'CLOUD_PREMIUM',
  chargeType: 'PREPAID',
  expiresAt: PREPAID_EXPIRY,
  zoneId: 100004,
  zoneIds: [100004],
  ...VPC,
  endpoints: [{ vip: '10.0.15.10', vport: '9092' }],
  kafkaVersion: '2.8.1',
  healthy: 1,
};

export const LEGACY: ObservedInstance = {
  instanceId: IDS.legacy,
  name: 'legacy-events',
  edition: 'standard',
  instanceType: 'standards2',
  status: 'running',
  statusCode: 1,
  bandwidthMBps: 100,
  diskGB: 1500,
  partitions: 100,
  partitionsUsed: 6 * 2,
  topicsUsed: 1,
  diskType: 'CLOUD_BASIC',
  chargeType: 'PREPAID',
  expiresAt: PREPAID_EXPIRY,
  zoneId: 100003,
  zoneIds: [100003],
  ...VPC,
  endpoints: [{ vip: '10.0.16.10', vport: '9092' }],
  kafkaVersion: '1.1.1',
  healthy: 1,
};

/** A copy of orders across two zones, in alarm, whose VPC route is listed after a public one. */
export const MULTI_ZONE: ObservedInstance = {
  ...ORDERS,
  instanceId: CLONES.multiZone,
  name: 'multi-zone',
  zoneIds: [100003, 100004],
  healthy: 2,
  kafkaVersion: '3.2.3',
  diskType: 'CLOUD_SSD',
  endpoints: [{ vip: '10.1.202.10', vport: '19092' }],
};

export const ISOLATED: ObservedInstance = {
  ...PAYMENTS,
  instanceId: CLONES.isolated,
  name: 'isolated',
  status: 'isolated',
  statusCode: 5,
  endpoints: [{ vip: '10.1.102.10', vport: '9092' }],
};

/** A Pro change of `orders` that fits its cluster (no migration: 90 s in place). */
export const ORDERS_UP: SpecChangeRequest = { instanceId: IDS.orders, bandwidthMBps: 300, diskGB: 3000, partitions: 1600, mode: 'stable' };
/** payments is at capacity: 160 MB/s migrates 900 GB (stable: about 11 h). */
export const PAYMENTS_UP: SpecChangeRequest = { instanceId: IDS.payments, bandwidthMBps: 160, diskGB: 2000, partitions: 1200, mode: 'stable' };
/** pulumi-events is at capacity: 160 MB/s migrates 400 GB (high-speed: about 1.4 h). */
export const EVENTS_UP: SpecChangeRequest = { instanceId: IDS.pulumiEvents, bandwidthMBps: 160, diskGB: 2000, partitions: 1200, mode: 'high-speed' };

export const NEW_POSTPAID: CreateInstanceRequest = {
  name: 'contract-new',
  edition: 'pro',
  chargeType: 'POSTPAID_BY_HOUR',
  bandwidthMBps: 40,
  diskGB: 500,
  partitions: 800,
  zoneId: 100004,
  ...VPC,
};
// CreateInstancePre creates Pro only (API page 597/74261): the prepaid instance is Pro.
export const NEW_PREPAID: CreateInstanceRequest = {
  name: 'contract-prepaid',
  edition: 'pro',
  chargeType: 'PREPAID',
  periodMonths: 2,
  bandwidthMBps: 60,
  diskGB: 500,
  partitions: 900,
  zoneId: 100003,
  ...VPC,
  diskType: 'CLOUD_SSD',
  kafkaVersion: '2.8.1',
};

/** The preflight facts of `orders` that no fault in the scenarios touches: routes, topics, replica sync. */
export const ORDERS_FACTS_BASE = {
  routes: [{ routeId: 1, statusCode: 2, healthy: true, accessType: 0, vipType: 3, endpoints: [{ vip: '10.0.11.10', vport: '9092' }] }],
  topics: [
    { name: 'orders.created', partitions: 24, replicas: 3, statusCode: 0 },
    { name: 'orders.updated', partitions: 24, replicas: 3, statusCode: 0 },
    { name: 'orders.dlq', partitions: 6, replicas: 3, statusCode: 0 },
  ],
  outOfSync: [],
};
