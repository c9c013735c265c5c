/**
 * Rehearsal snapshots: real instances read through the port (normally the Tencent adapter) into
 * an emulator state file, so a team can plan and apply against a copy of its fleet before doing
 * it for real. Only what the API reveals is copied; what it does not is filled in conservatively
 * and listed in `notes`.
 */
import { createSeedState } from './emulator/seed-state';
import type { EmulatorState, InstanceState, RouteState, TopicState, ZoneState } from './emulator/state-schema';
import type { CallOptions, CkafkaCloud } from './port';
import type { ObservedInstance, PreflightFacts } from '../spec/observed';

export interface SnapshotOptions extends CallOptions {
  /** Instances to copy. @default every instance in the region */
  readonly ids?: readonly string[];
  /** The virtual time the snapshot starts at. @default the cloud's clock */
  readonly now?: Date;
  /** Virtual clock speed stored in the state (1 = real time). @default 1 */
  readonly speed?: number;
}

export interface Snapshot {
  readonly state: EmulatorState;
  /** What could not be copied faithfully, per instance, in words. */
  readonly notes: readonly string[];
  /** Requested ids the cloud does not know. */
  readonly notFound: readonly string[];
}

const GB = 1024 ** 3;
// The API does not report the message retention through DescribeInstancesDetail; the console's
// default is assumed.
const DEFAULT_RETENTION_MINUTES = 4320;
const DEFAULT_MAX_MESSAGE_BYTES = 1_048_576;
const STATUS_CODES = new Set([-1, 0, 1, 2, 3, 4, 5, 7]);
const ROUTE_STATUS = new Set([1, 2, 3, 4, 6]);

function routesOf(facts: PreflightFacts | undefined, o: ObservedInstance): RouteState[] {
  if (facts === undefined)
    return o.endpoints.map((e, i) => ({ routeId: i + 1, accessType: 0 as const, vipType: 3 as const, vip: e.vip, vport: e.vport, status: 2 as const }));
  return facts.routes.map((r) => ({
    routeId: r.routeId,
    accessType: ([0, 1, 2, 3].includes(r.accessType) ? r.accessType : 0) as RouteState['accessType'],
    vipType: ([1, 3, 7].includes(r.vipType) ? r.vipType : 3) as RouteState['vipType'],
    vip: r.endpoints[0]?.vip ?? o.endpoints[0]?.vip ?? '0.0.0.0',
    vport: r.endpoints[0]?.vport ?? o.endpoints[0]?.vport ?? '9092',
    status: (ROUTE_STATUS.has(r.statusCode) ? r.statusCode : 3) as RouteState['status'],
  }));
}

function topicsOf(facts: PreflightFacts | undefined, now: string): TopicState[] {
  if (facts === undefined) return [];
  const weight = (t: { partitions: number; replicas: number }) => t.partitions * t.replicas;
  const total = facts.topics.reduce((s, t) => s + weight(t), 0);
  const bytes = (facts.diskUsedGB ?? 0) * GB;
  const outOfSync = new Map(facts.outOfSync.map((o) => [o.topic, o.partitions.map(Number).filter(Number.isInteger)]));
  return facts.topics.map((t) => ({
    name: t.name,
    topicId: t.name,
    partitions: t.partitions,
    replicas: Math.min(3, Math.max(1, t.replicas)),
    status: ([0, 1, 2].includes(t.statusCode) ? t.statusCode : 0) as TopicState['status'],
    outOfSyncPartitions: outOfSync.get(t.name) ?? [],
    // The API gives data held per instance here, not per topic: spread it by partition weight.
    dataBytes: total === 0 ? 0 : Math.round((bytes * weight(t)) / total),
    createTime: now,
  }));
}

function instanceOf(o: ObservedInstance, facts: PreflightFacts | undefined, now: string, notes: string[]): InstanceState {
  const note = (text: string) => notes.push(`${o.name} (${o.instanceId}): ${text}`);
  if (facts === undefined) note('pre-check facts could not be read: no topics copied, routes taken from the endpoints');
  if (o.status === 'upgrading') note('was upgrading; the emulator cannot know the target of that change, so the copy is running at the current spec');
  if (o.rebalanceAt !== undefined) note(`has a change scheduled for ${o.rebalanceAt} whose target the API does not reveal; it is not copied`);
  const status = o.status === 'upgrading' ? 1 : STATUS_CODES.has(o.statusCode) ? o.statusCode : 1;
  return {
    instanceId: o.instanceId,
    name: o.name,
    instanceType: o.instanceType,
    chargeType: o.chargeType,
    zoneId: o.zoneId,
    zoneIds: [...o.zoneIds],
    vpcId: o.vpcId,
    subnetId: o.subnetId,
    createTime: now,
    expireTime: o.expiresAt ?? null,
    renewFlag: 0,
    status: status as InstanceState['status'],
    statusSince: now,
    healthy: ([1, 2, 3].includes(o.healthy) ? o.healthy : 1) as InstanceState['healthy'],
    bandwidthMBps: o.bandwidthMBps,
    diskGB: o.diskGB,
    diskType: o.diskType || 'CLOUD_BASIC',
    partitions: o.partitions,
    kafkaVersion: o.kafkaVersion || '2.8.1',
    maxMessageBytes: facts?.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    msgRetentionMinutes: DEFAULT_RETENTION_MINUTES,
    produceMBps: facts?.produceMBps ?? 0,
    publicNetworkMbps: 0,
    tags: [],
    // The dedicated cluster's headroom is not visible through the API: assume none, so any growth
    // migrates data in the rehearsal (the cautious side; DescribeModifyType decides for real).
    capacity: { bandwidthMBps: o.bandwidthMBps, diskGB: o.diskGB },
    routes: routesOf(facts, o),
    topics: topicsOf(facts, now),
    task: null,
    pendingTask: null,
    failures: { brokerAddressUpdateFails: false },
    migrations: 0,
  };
}

/**
 * Reads instances (and their pre-check facts) through `cloud` into a new emulator state.
 * Costs one describe per 20 instances plus the pre-check reads of each instance.
 */
export async function snapshotFromCloud(cloud: CkafkaCloud, options: SnapshotOptions = {}): Promise<Snapshot> {
  const call = options.signal === undefined ? {} : { signal: options.signal };
  const observed = await cloud.describeInstances(options.ids === undefined ? { all: true } : { ids: options.ids }, call);
  const now = options.now ?? cloud.clock.now();
  const iso = now.toISOString();
  const notes: string[] = [];
  const instances: InstanceState[] = [];
  const zones = new Map<number, ZoneState>();
  for (const o of observed) {
    if (o.edition === undefined) {
      notes.push(`${o.name} (${o.instanceId}): ${o.instanceType} instances are not emulated; skipped`);
      continue;
    }
    const facts = await cloud.preflight(o, call).catch(() => undefined);
    instances.push(instanceOf(o, facts, iso, notes));
    for (const zoneId of new Set([o.zoneId, ...o.zoneIds]))
      if (!zones.has(zoneId)) zones.set(zoneId, { zoneId, name: `${cloud.region}-${zoneId}`, soldOut: facts?.zoneInStock === false, diskStockGB: 100000 });
  }
  const seed = createSeedState({ region: cloud.region, now, speed: options.speed ?? 1 });
  const state: EmulatorState = { ...seed, instances, zones: [...zones.values()].sort((a, b) => a.zoneId - b.zoneId), submissions: [] };
  const notFound = (options.ids ?? []).filter((id) => !observed.some((o) => o.instanceId === id));
  return { state, notes, notFound };
}
