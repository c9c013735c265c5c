/**
 * Rehearsing one's own fleet without a cloud account: an emulator state holding the instances a
 * fleet declares (ids, names, editions), each running the spec it declares or the current spec an
 * override gives, so `ckafka plan` and `apply` against it show the changes the fleet makes. Built
 * the way a snapshot is (`snapshot-from-cloud.ts`): the declaration stands in for what the API
 * would report, and what no declaration says (billing, data held, traffic, headroom) is assumed
 * and listed in `notes`.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CATALOG } from '../spec/catalog';
import { EDITIONS, type ChargeType, type DesiredFleet, type DesiredInstance, type Edition } from '../spec/types';
import { INSTANCE_ID_PATTERN } from '../spec/fleet-schema';
import type { ObservedInstance, PreflightFacts } from '../spec/observed';
import { rebaseEmulatorState } from './emulator/rebase-state';
import { createSeedState } from './emulator/seed-state';
import type { EmulatorState, InstanceState, ZoneState } from './emulator/state-schema';
import { instanceStateOf } from './snapshot-from-cloud';

/** What runs now, where it differs from the declaration (or what no declaration says). */
export function currentSpecSchema() {
  return z.strictObject({
    edition: z.enum(EDITIONS).optional().describe('The edition running now'),
    bandwidthMBps: z.number().int().positive().optional().describe('Peak bandwidth running now, MB/s'),
    diskGB: z.number().int().positive().optional().describe('Disk running now, GB'),
    partitions: z.number().int().positive().optional().describe('Partition limit running now'),
    billing: z.enum(['prepaid', 'postpaid']).optional().describe('prepaid (monthly) or postpaid (hourly, Pro only)'),
    diskUsedGB: z.number().nonnegative().optional().describe('Data held, GB, replicas included (sets the migration estimate)'),
    produceMBps: z.number().nonnegative().optional().describe('Produce traffic, MB/s (heavy traffic slows high-speed migrations)'),
    capacity: z
      .strictObject({ bandwidthMBps: z.number().int().positive().optional(), diskGB: z.number().int().positive().optional() })
      .optional()
      .describe('What the cluster can grow to without migrating data (default: the current spec, so any growth migrates)'),
  });
}

/** The `--current` file: current specs by instance name. */
export function currentFileSchema() {
  return z.strictObject({ instances: z.record(z.string(), currentSpecSchema()).describe('By instance name, as the fleet declares it') });
}

export type CurrentSpec = z.infer<ReturnType<typeof currentSpecSchema>>;

/** Options of {@link stateFromFleet}. */
export interface StateFromFleetOptions {
  /** The state's virtual time (its clock steps only when a client waits, as the embedded emulator's). */
  readonly now: Date;
  /** The region the state holds. @default the fleet's, else ap-guangzhou */
  readonly region?: string;
  /** Current specs by instance name, where they differ from the declaration. @default none: every instance runs as declared */
  readonly current?: Readonly<Record<string, CurrentSpec>>;
}

/** The state, what was assumed, and the id each instance got. */
export interface FleetState {
  readonly state: EmulatorState;
  /** Assumptions and choices, in words, for stderr. */
  readonly notes: readonly string[];
  /** Each instance's id in the state; `generated` for a declaration without one. */
  readonly instances: ReadonlyArray<{ readonly name: string; readonly instanceId: string; readonly generated: boolean }>;
}

const DAY_MS = 86_400_000;
/** The share of the current disk assumed held, and of the current bandwidth assumed produced. */
const ASSUMED_DISK_USED = 0.3;
const ASSUMED_PRODUCE = 0.2;
const REPLICAS = 3;
const ZONE_DISK_STOCK_GB = 100000;

/** A stable id for a declaration without one: the same name gives the same id in every run. */
function idFor(name: string, taken: ReadonlySet<string>): string {
  for (let salt = 0; ; salt++) {
    const digits = BigInt(`0x${createHash('sha256').update(`${name}\u0000${salt}`).digest('hex').slice(0, 16)}`).toString(36).padStart(8, '0').slice(-8);
    const id = `ckafka-${digits}`;
    if (INSTANCE_ID_PATTERN.test(id) && !taken.has(id)) return id;
  }
}

function billingOf(edition: Edition, current: CurrentSpec | undefined): ChargeType {
  if (current?.billing !== undefined) return current.billing === 'prepaid' ? 'PREPAID' : 'POSTPAID_BY_HOUR';
  return CATALOG[edition].capabilities.chargeTypes[0] ?? 'PREPAID';
}

function observedOf(d: DesiredInstance, instanceId: string, current: CurrentSpec | undefined, zoneId: number, index: number, now: Date): { o: ObservedInstance; facts: PreflightFacts } {
  const edition = current?.edition ?? d.edition;
  const bandwidthMBps = current?.bandwidthMBps ?? d.bandwidthMBps;
  const diskGB = current?.diskGB ?? d.diskGB;
  const partitions = current?.partitions ?? d.partitions;
  const chargeType = billingOf(edition, current);
  const endpoint = { vip: `10.${Math.floor(index / 250) % 250}.${(index % 250) + 1}.10`, vport: '9092' };
  const topicPartitions = Math.max(1, Math.floor(partitions / REPLICAS / 2));
  const o: ObservedInstance = {
    instanceId,
    name: d.name,
    edition,
    instanceType: CATALOG[edition].priceInstanceType,
    status: 'running',
    statusCode: 1,
    bandwidthMBps,
    diskGB,
    partitions,
    partitionsUsed: topicPartitions * REPLICAS,
    topicsUsed: 1,
    diskType: 'CLOUD_PREMIUM',
    chargeType,
    ...(chargeType === 'PREPAID' ? { expiresAt: new Date(now.getTime() + 200 * DAY_MS).toISOString() } : {}),
    zoneId,
    zoneIds: [zoneId],
    vpcId: 'vpc-rehearse',
    subnetId: 'subnet-rehearse',
    endpoints: [endpoint],
    kafkaVersion: '2.8.1',
    healthy: 1,
  };
  const facts: PreflightFacts = {
    routes: [{ routeId: index + 1, statusCode: 2, healthy: true, accessType: 0, vipType: 3, endpoints: [endpoint] }],
    topics: [{ name: `${d.name}.events`, partitions: topicPartitions, replicas: REPLICAS, statusCode: 0 }],
    outOfSync: [],
    maxMessageBytes: 1_048_576,
    zoneInStock: true,
    diskUsedGB: current?.diskUsedGB ?? Math.round(diskGB * ASSUMED_DISK_USED),
    produceMBps: current?.produceMBps ?? Math.round(bandwidthMBps * ASSUMED_PRODUCE),
  };
  return { o, facts };
}

/**
 * An emulator state holding `fleet`'s instances at `options.now`, on a clock that moves only when
 * a client waits. Instances without an `instanceId` get a stable generated one (plans match them by
 * name). Every zone of the region is in stock.
 */
export function stateFromFleet(fleet: DesiredFleet, options: StateFromFleetOptions): FleetState {
  const region = options.region ?? fleet.region ?? 'ap-guangzhou';
  const seed = createSeedState({ region, now: options.now });
  const zones: ZoneState[] = seed.zones.map((z) => ({ ...z, soldOut: false, diskStockGB: ZONE_DISK_STOCK_GB }));
  const zoneId = zones[0]?.zoneId ?? 0;
  const iso = options.now.toISOString();
  // Dated a month back, as a snapshot's copies are: their traffic counts over the whole usage window.
  const createTime = new Date(options.now.getTime() - 30 * DAY_MS).toISOString();
  const taken = new Set(fleet.instances.flatMap((d) => (d.instanceId === undefined ? [] : [d.instanceId])));
  const notes: string[] = [];
  const made: Array<{ name: string; instanceId: string; generated: boolean }> = [];
  const instances: InstanceState[] = fleet.instances.map((d, index) => {
    const current = options.current?.[d.name];
    const instanceId = d.instanceId ?? idFor(d.name, taken);
    taken.add(instanceId);
    made.push({ name: d.name, instanceId, generated: d.instanceId === undefined });
    const { o, facts } = observedOf(d, instanceId, current, zoneId, index, options.now);
    const state = instanceStateOf(o, facts, iso, createTime, notes);
    return {
      ...state,
      capacity: { bandwidthMBps: current?.capacity?.bandwidthMBps ?? state.capacity.bandwidthMBps, diskGB: current?.capacity?.diskGB ?? state.capacity.diskGB },
    };
  });
  const assumed = fleet.instances.filter((d) => options.current?.[d.name]?.billing === undefined);
  if (assumed.length > 0) notes.push(`billing assumed prepaid (monthly) for ${listNames(assumed)}: set billing: postpaid in the --current file for hourly Pro instances (it decides ModifyInstancePre or InstanceScalingDown)`);
  const noData = fleet.instances.filter((d) => options.current?.[d.name]?.diskUsedGB === undefined);
  if (noData.length > 0) notes.push(`data held assumed ${ASSUMED_DISK_USED * 100}% of the disk and produce traffic ${ASSUMED_PRODUCE * 100}% of the bandwidth for ${listNames(noData)} (diskUsedGB, produceMBps in --current set them; they drive the migration estimate)`);
  notes.push('no headroom: any bandwidth or disk growth migrates data, the cautious reading (capacity in --current sets the headroom; DescribeModifyType decides for real)');
  const base: EmulatorState = { ...seed, instances, zones, submissions: [] };
  const state = rebaseEmulatorState(base, options.now, { speed: 0, realAt: Date.now(), stepOnSleep: true });
  return { state, notes, instances: made };
}

function listNames(instances: readonly DesiredInstance[]): string {
  const names = instances.map((d) => d.name);
  return names.length <= 4 ? names.join(', ') : `${names.slice(0, 4).join(', ')} and ${names.length - 4} more`;
}
