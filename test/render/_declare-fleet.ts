/**
 * Declaring instances for the renderer fixtures (fixtures.ts) as `ckafka plan` meets them: each as
 * a fleet file declares it, as DescribeInstancesDetail reports it, with the pre-check facts the
 * adapter gathers, planned by `planFleet` on Tencent Cloud at a fixed time.
 */
import { planFleet } from '../../src/plan';
import { digestPlan } from '../../src/plan/digest-plan';
import { summarizePlan } from '../../src/plan/summarize-plan';
import type { Plan, PlannedInstance } from '../../src/plan/types';
import type { CloudCapabilities, InstanceFacts, ObservedInstance, PreflightFacts, TopicFact } from '../../src/spec/observed';
import type { DesiredInstance, RebalancePolicy, RebalanceWindow, SpecValues } from '../../src/spec/types';

/** The plan's `now`: Tuesday 2026-11-24, 10:00 in Shanghai. */
export const NOW = '2026-11-24T02:00:00.000Z';

/** Weekend nights in Shanghai; the next opening after NOW is Sat 2026-11-28 01:00 +08:00. */
export const WEEKEND_WINDOW: RebalanceWindow = { days: ['sat', 'sun'], start: '01:00', end: '06:00', timezone: 'Asia/Shanghai' };

/** Weekday nights in Berlin; the next opening after NOW is Tue 2026-11-24 23:00 +01:00. */
export const BERLIN_WINDOW: RebalanceWindow = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '23:00', end: '03:00', timezone: 'Europe/Berlin' };

/** What Tencent Cloud can do (src/cloud/tencent): mode selectable for postpaid only, no conversion by API, no estimates. */
export const TENCENT_CAPABILITIES: CloudCapabilities = {
  modeSelectable: { PREPAID: false, POSTPAID_BY_HOUR: true },
  editionConversionByApi: false,
  migrationEstimates: false,
  usageMetrics: true,
};

/** One instance as declared, as the cloud reports it (absent: not found), and the facts gathered for it. */
export interface Declared {
  readonly desired: DesiredInstance;
  readonly observed?: ObservedInstance;
  readonly facts?: InstanceFacts;
}

/** The fleet file every declaration comes from, and where in it. */
export const FLEET_FILE = 'fleet/prod.yaml';

export const spec = (edition: SpecValues['edition'], bandwidthMBps: number, diskGB: number, partitions: number): SpecValues => ({ edition, bandwidthMBps, diskGB, partitions });

/** A declaration of `name` with `target`, at its place in the fleet file. */
export function declare(
  name: string,
  instanceId: string | undefined,
  target: SpecValues,
  options: { rebalance?: RebalancePolicy; mode?: 'stable' | 'high-speed'; allowScaleDown?: boolean; index?: number; line?: number } = {},
): DesiredInstance {
  const index = options.index ?? 0;
  return {
    name,
    ...(instanceId === undefined ? {} : { instanceId }),
    ...target,
    upgrade: { rebalance: options.rebalance ?? { window: WEEKEND_WINDOW }, mode: options.mode ?? 'stable' },
    allowScaleDown: options.allowScaleDown ?? false,
    source: { file: FLEET_FILE, path: `instances[${index}]`, line: options.line ?? 4 + index * 12, column: 17 },
  };
}

/** A running Pro instance as DescribeInstancesDetail reports it, at `running`. */
export function observe(name: string, instanceId: string, running: SpecValues, overrides: Partial<ObservedInstance> = {}): ObservedInstance {
  return {
    instanceId,
    name,
    edition: running.edition,
    instanceType: { standard: 'standards2', advanced: 'premium', pro: 'profession' }[running.edition],
    status: 'running',
    statusCode: 1,
    bandwidthMBps: running.bandwidthMBps,
    diskGB: running.diskGB,
    partitions: running.partitions,
    partitionsUsed: Math.floor(running.partitions / 3),
    topicsUsed: 48,
    diskType: 'CLOUD_SSD',
    chargeType: 'PREPAID',
    expiresAt: '2026-12-15T16:00:00.000Z',
    zoneId: 100003,
    zoneIds: [100003],
    vpcId: 'vpc-1a2b3c4d',
    subnetId: 'subnet-5e6f7a8b',
    endpoints: [{ vip: '10.0.1.20', vport: '9092' }],
    kafkaVersion: '2.8.1',
    healthy: 1,
    ...overrides,
  };
}

/** 48 healthy topics of 3 replicas, then `extra`. */
export function topics(extra: readonly TopicFact[] = []): TopicFact[] {
  const healthy = Array.from({ length: 48 - extra.length }, (_, i) => ({ name: `events.v${i + 1}`, partitions: 12, replicas: 3, statusCode: 0 }));
  return [...healthy, ...extra];
}

/**
 * Pre-check facts that all pass for `observed`: a healthy VPC route to each of its endpoints, 48
 * topics in sync, stock, 1 MiB messages, a light load.
 */
export function preflight(observed: ObservedInstance, overrides: Partial<PreflightFacts> = {}): PreflightFacts {
  return {
    routes: observed.endpoints.map((e, i) => ({ routeId: i + 1, statusCode: 2, healthy: true, accessType: 0, vipType: 3, endpoints: [e] })),
    topics: topics(),
    outOfSync: [],
    maxMessageBytes: 1_048_576,
    zoneInStock: true,
    diskUsedGB: 400,
    produceMBps: 8,
    peakProduceMBps7d: 12,
    ...overrides,
  };
}

/** A declaration, its instance as observed, and the facts for it (`preflight` over the passing ones). */
export function declared(desired: DesiredInstance, observed: ObservedInstance, facts: Omit<InstanceFacts, 'preflight'> & { preflight?: Partial<PreflightFacts> }): Declared {
  return { desired, observed, facts: { ...facts, preflight: preflight(observed, facts.preflight) } };
}

/** Plans the declared instances as `ckafka plan` does on Tencent Cloud at NOW. */
export function planDeclared(declared: readonly Declared[], options: { now?: string; cloudKind?: string } = {}): Plan {
  const facts: Record<string, InstanceFacts> = {};
  for (const d of declared) if (d.observed !== undefined && d.facts !== undefined) facts[d.observed.instanceId] = d.facts;
  return planFleet(
    { region: 'ap-guangzhou', instances: declared.map((d) => d.desired) },
    declared.flatMap((d) => (d.observed === undefined ? [] : [d.observed])),
    facts,
    { now: new Date(options.now ?? NOW), cloudKind: options.cloudKind ?? 'tencent', capabilities: TENCENT_CAPABILITIES },
  );
}

/** A plan around instances planned separately: the summary and digest as `planFleet` computes them. */
export function aPlan(instances: readonly PlannedInstance[], overrides: Partial<Plan> = {}): Plan {
  const body = {
    formatVersion: 2 as const,
    createdAt: NOW,
    region: 'ap-guangzhou',
    cloud: { kind: 'tencent', capabilities: TENCENT_CAPABILITIES },
    instances,
    summary: summarizePlan(instances),
    ...overrides,
  };
  return { ...body, digest: overrides.digest ?? digestPlan(body) };
}
