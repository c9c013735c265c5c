/**
 * Fixture builders for tests across layers: realistic defaults, overridden per test.
 *
 * The defaults describe one healthy prepaid Pro instance, `orders` (ckafka-abc12345) in
 * ap-guangzhou: 320 MB/s, 3000 GB, 1800 partitions, running. `aDesired()` declares exactly that
 * spec, so a test states the change it is about through overrides.
 */
import type { CloudCapabilities, InstanceFacts, ObservedInstance, PreflightFacts } from '../../src/spec/observed';
import type { DesiredInstance } from '../../src/spec/types';

/** A fixed clock for tests: Wednesday 2026-06-03 02:00 UTC (10:00 in Asia/Shanghai). */
export const NOW = new Date('2026-06-03T02:00:00.000Z');

/** A declared instance; by default it matches {@link anObserved} exactly. */
export function aDesired(overrides: Partial<DesiredInstance> = {}): DesiredInstance {
  return {
    name: 'orders',
    instanceId: 'ckafka-abc12345',
    edition: 'pro',
    bandwidthMBps: 320,
    diskGB: 3000,
    partitions: 1800,
    upgrade: { rebalance: 'now', mode: 'stable' },
    allowScaleDown: false,
    source: { file: 'fleet.yaml', path: 'instances[0]' },
    ...overrides,
  };
}

/** An instance as the cloud reports it: healthy, running, prepaid Pro. */
export function anObserved(overrides: Partial<ObservedInstance> = {}): ObservedInstance {
  return {
    instanceId: 'ckafka-abc12345',
    name: 'orders',
    edition: 'pro',
    instanceType: 'profession',
    status: 'running',
    statusCode: 1,
    bandwidthMBps: 320,
    diskGB: 3000,
    partitions: 1800,
    partitionsUsed: 600,
    topicsUsed: 120,
    diskType: 'CLOUD_BASIC',
    chargeType: 'PREPAID',
    expiresAt: '2026-12-31T16:00:00.000Z',
    zoneId: 100003,
    zoneIds: [100003],
    vpcId: 'vpc-1a2b3c4d',
    subnetId: 'subnet-5e6f7a8b',
    endpoints: [{ vip: '10.0.0.8', vport: '9092' }],
    kafkaVersion: '2.8.1',
    healthy: 1,
    ...overrides,
  };
}

/** Pre-check facts that all pass: healthy routes and topics, replicas in sync, stock, 1 MiB messages. */
export function aPreflight(overrides: Partial<PreflightFacts> = {}): PreflightFacts {
  return {
    routes: [{ routeId: 1, statusCode: 2, healthy: true, accessType: 0, vipType: 3, endpoints: [{ vip: '10.0.0.8', vport: '9092' }] }],
    topics: [
      { name: 'orders.v1', partitions: 12, replicas: 3, statusCode: 0 },
      { name: 'payments.v1', partitions: 6, replicas: 2, statusCode: 0 },
    ],
    outOfSync: [],
    maxMessageBytes: 1_048_576,
    zoneInStock: true,
    diskUsedGB: 1000,
    produceMBps: 60,
    peakProduceMBps7d: 110,
    ...overrides,
  };
}

/** Facts for a changing instance: the cloud says data migrates, and every pre-check passes. */
export function someFacts(overrides: Partial<InstanceFacts> = {}): InstanceFacts {
  return {
    migration: { required: true, modifyType: 1 },
    preflight: aPreflight(),
    ...overrides,
  };
}

/** What Tencent Cloud can do: mode selectable for postpaid only, no conversion by API, no estimates. */
export function aCapabilities(overrides: Partial<CloudCapabilities> = {}): CloudCapabilities {
  return {
    modeSelectable: { PREPAID: false, POSTPAID_BY_HOUR: true },
    editionConversionByApi: false,
    migrationEstimates: false,
    usageMetrics: true,
    ...overrides,
  };
}
