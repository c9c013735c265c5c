/**
 * Rehearsal snapshots: real instances read through the port (normally the Tencent adapter) into
 * an emulator state file, so a team can plan and apply against a copy of its fleet before doing
 * it for real. Only what the API reveals is copied; what it does not is filled in conservatively
 * and listed in `notes`.
 */
import type { ObservedInstance, PreflightFacts } from '../spec/observed';
import { createSeedState } from './emulator/seed-state';
import type { EmulatorState, InstanceState, RouteState, TopicState, ZoneState } from './emulator/state-schema';
import type { CallOptions, CkafkaCloud } from './port';

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
const DAY_MS = 24 * 3600 * 1000;
/**
 * How far back copies are dated. The port does not report creation times, and the emulator
 * counts produce traffic only since an instance's creation: a copy dated at the snapshot would
 * read no traffic over the 24-hour usage window (a high-speed migration under heavy load would
 * pass its check in the rehearsal). Thirty days is well past that window.
 */
const BACKDATE_DAYS = 30;
/** The disk stock given to every copied zone: the API does not reveal it. */
const ZONE_DISK_STOCK_GB = 100000;

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

/** A partition as DescribeTopicSyncReplica names it (`partition-3` in the documented answer, `3` elsewhere) as its index. */
export function partitionIndex(name: string): number {
  const m = /^(?:partition-)?(\d+)$/.exec(name.trim());
  return m === null ? Number.NaN : Number(m[1]);
}

/** The disk an elastic copy starts with: the data held, rounded up to the 100 GB step, at least one step. */
function elasticDiskGB(facts: PreflightFacts | undefined): number {
  return Math.max(100, Math.ceil((facts?.diskUsedGB ?? 0) / 100) * 100);
}

function topicsOf(facts: PreflightFacts | undefined, createTime: string): TopicState[] {
  if (facts === undefined) return [];
  // A deleted topic (status 1) holds no data: the instance's data is spread over the others only.
  const weight = (t: { partitions: number; replicas: number; statusCode: number }) => (t.statusCode === 1 ? 0 : t.partitions * t.replicas);
  const total = facts.topics.reduce((s, t) => s + weight(t), 0);
  const bytes = (facts.diskUsedGB ?? 0) * GB;
  const outOfSync = new Map(facts.outOfSync.map((o) => [o.topic, o.partitions.map(partitionIndex).filter(Number.isInteger)]));
  return facts.topics.map((t) => ({
    name: t.name,
    topicId: t.name,
    partitions: t.partitions,
    replicas: Math.min(3, Math.max(1, t.replicas)),
    status: ([0, 1, 2].includes(t.statusCode) ? t.statusCode : 0) as TopicState['status'],
    outOfSyncPartitions: outOfSync.get(t.name) ?? [],
    // The API gives data held per instance here, not per topic: spread it by partition weight.
    dataBytes: total === 0 ? 0 : Math.round((bytes * weight(t)) / total),
    createTime,
  }));
}

/**
 * An emulated instance from an instance as the port reports it and its pre-check facts (what a
 * snapshot reads). What the port does not reveal is filled in cautiously: no headroom (any growth
 * migrates), the console's defaults; what could not be copied is added to `notes`.
 */
function instanceStateOf(o: ObservedInstance, facts: PreflightFacts | undefined, now: string, createTime: string, notes: string[]): InstanceState {
  const note = (text: string) => notes.push(`${o.name} (${o.instanceId}): ${text}`);
  if (facts === undefined) note('pre-check facts could not be read: no topics copied, routes taken from the endpoints');
  if (o.status === 'upgrading') note('was upgrading; the emulator cannot know the target of that change, so the copy is running at the current spec');
  if (o.rebalanceAt !== undefined) note(`has a change scheduled for ${o.rebalanceAt} whose target the API does not reveal; it is not copied`);
  const diskGB = o.diskGB ?? elasticDiskGB(facts);
  if (o.diskGB === null) note(`has elastic storage (DiskSize -1); the copy reports it the same way, over ${diskGB} GB (the data held, rounded up)`);
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
    createTime,
    expireTime: o.expiresAt ?? null,
    renewFlag: 0,
    status: status as InstanceState['status'],
    statusSince: now,
    healthy: ([1, 2, 3].includes(o.healthy) ? o.healthy : 1) as InstanceState['healthy'],
    bandwidthMBps: o.bandwidthMBps,
    diskGB,
    ...(o.diskGB === null ? { elasticStorage: true } : {}),
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
    capacity: { bandwidthMBps: o.bandwidthMBps, diskGB },
    routes: routesOf(facts, o),
    topics: topicsOf(facts, createTime),
    task: null,
    pendingTask: null,
    failures: { brokerAddressUpdateFails: false },
    migrations: 0,
  };
}

function zonesOf(o: ObservedInstance): number[] {
  return [...new Set([o.zoneId, ...o.zoneIds])];
}

/**
 * The stock of each zone the copies are in. Only a Pro or Advanced instance tells: Standard
 * reads sold out everywhere (no longer sold), whatever the zone has. A zone is in stock when
 * such an instance in it reads in stock (for a multi-zone instance that means every one of its
 * zones); sold out when such instances in it read sold out and none reads in stock (a multi-zone
 * instance reading sold out counts against each of its zones, the cautious side); and assumed
 * in stock, with a note, when none tells.
 */
function zonesFrom(seen: ReadonlyArray<{ readonly o: ObservedInstance; readonly facts: PreflightFacts | undefined }>, region: string, notes: string[]): ZoneState[] {
  const inStock = new Set<number>();
  const soldOut = new Set<number>();
  const all = new Set<number>();
  for (const { o, facts } of seen) {
    for (const z of zonesOf(o)) all.add(z);
    if (o.edition === 'standard' || o.edition === undefined || facts?.zoneInStock === undefined) continue;
    for (const z of zonesOf(o)) (facts.zoneInStock ? inStock : soldOut).add(z);
  }
  const zones = [...all].sort((a, b) => a - b);
  const unknown = zones.filter((z) => !inStock.has(z) && !soldOut.has(z));
  if (unknown.length > 0) notes.push(`zone ${unknown.join(', ')}: no Pro or Advanced instance copied there reports its stock; assumed in stock`);
  return zones.map((zoneId) => ({ zoneId, name: `${region}-${zoneId}`, soldOut: soldOut.has(zoneId) && !inStock.has(zoneId), diskStockGB: ZONE_DISK_STOCK_GB }));
}

/**
 * Reads instances (and their pre-check facts) through `cloud` into a new emulator state.
 * Costs one describe per 20 instances plus the pre-check reads of each instance. Copies are
 * dated {@link BACKDATE_DAYS} days before the snapshot (creation times are not read), so their
 * produce traffic shows over the whole usage window; a note says so.
 */
export async function snapshotFromCloud(cloud: CkafkaCloud, options: SnapshotOptions = {}): Promise<Snapshot> {
  const call = options.signal === undefined ? {} : { signal: options.signal };
  const observed = await cloud.describeInstances(options.ids === undefined ? { all: true } : { ids: options.ids }, call);
  const now = options.now ?? cloud.clock.now();
  const iso = now.toISOString();
  const createTime = new Date(now.getTime() - BACKDATE_DAYS * DAY_MS).toISOString();
  const notes: string[] = [];
  const instances: InstanceState[] = [];
  const seen: Array<{ o: ObservedInstance; facts: PreflightFacts | undefined }> = [];
  for (const o of observed) {
    if (o.edition === undefined) {
      notes.push(`${o.name} (${o.instanceId}): ${o.instanceType} instances are not emulated; skipped`);
      continue;
    }
    const facts = await cloud.preflight(o, call).catch(() => undefined);
    instances.push(instanceStateOf(o, facts, iso, createTime, notes));
    seen.push({ o, facts });
  }
  if (instances.length > 0) {
    notes.push(`every instance: creation times are not read through the port; the copies and their topics are dated ${createTime} (${BACKDATE_DAYS} days back), so their produce traffic counts over the whole usage window`);
  }
  const zones = zonesFrom(seen, cloud.region, notes);
  const seed = createSeedState({ region: cloud.region, now, speed: options.speed ?? 1 });
  const state: EmulatorState = { ...seed, instances, zones, submissions: [] };
  const notFound = (options.ids ?? []).filter((id) => !observed.some((o) => o.instanceId === id));
  return { state, notes, notFound };
}
