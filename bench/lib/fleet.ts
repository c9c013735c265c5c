/**
 * Synthetic fleets for the benchmarks and the soak: an emulator state holding N Pro instances and
 * the fleet file that declares them, with a chosen share changing. Deterministic for given
 * options, so two runs measure the same work.
 */
import { createSeedState, type EmulatorState, type InstanceState, type TopicState } from '../../src/cloud/emulator';

/** How one synthetic instance changes between observed and declared. */
export type ChangeKind = 'none' | 'migrate' | 'in-place';

export interface FleetOptions {
  readonly instances: number;
  /** Share of instances whose declared spec differs from the running one. @default 0.1 */
  readonly changingShare?: number;
  /** Topics per instance (all replicated, so each costs a DescribeTopicSyncReplica call). @default 3 */
  readonly topicsPerInstance?: number;
  /** Which changes migrate data: every changing instance, or every other one. @default 'half' */
  readonly migrating?: 'all' | 'half';
  /** Virtual time the state starts at. */
  readonly now: Date;
  /** Upgrade policy written in the fleet defaults (`window`: weekend nights). @default 'now'; mode high-speed */
  readonly rebalance?: 'now' | 'window';
  /** Data held per instance in GB, varied per instance by this spread (0..1). @default 40 GB, 0.5 */
  readonly dataGB?: number;
  readonly dataSpread?: number;
  /** Partitions of each topic. @default 12 */
  readonly partitionsPerTopic?: number;
  readonly region?: string;
  /** Instance id prefix letter, so fleets of one soak do not collide. @default 'b' */
  readonly idPrefix?: string;
}

export interface DeclaredInstance {
  readonly name: string;
  readonly instanceId: string;
  readonly edition: 'pro';
  readonly bandwidthMBps: number;
  readonly diskGB: number;
  readonly partitions: number;
}

export interface SyntheticFleet {
  readonly state: EmulatorState;
  readonly declared: readonly DeclaredInstance[];
  readonly changes: readonly ChangeKind[];
  /** The fleet file (YAML). */
  readonly yaml: string;
}

const GB = 2 ** 30;
const BASE = { bandwidthMBps: 120, diskGB: 2000, partitions: 1200 } as const;

/** `ckafka-` + 8 base-36 characters, sortable by index. */
export function syntheticInstanceId(index: number, prefix = 'b'): string {
  return `ckafka-${prefix}${index.toString(36).padStart(7, '0')}`;
}

function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

/** The fleet file declaring every instance exactly as it runs: a plan of it changes nothing. */
export function unchangedFleetYaml(fleet: SyntheticFleet, rebalance: 'now' | 'window' = 'now'): string {
  const declared = fleet.state.instances.map((i) => ({
    name: i.name,
    instanceId: i.instanceId,
    edition: 'pro' as const,
    bandwidthMBps: i.bandwidthMBps,
    diskGB: i.diskGB,
    partitions: i.partitions,
  }));
  return renderFleetYaml(declared, fleet.state.region, rebalance);
}

/** Builds the state and the fleet file. */
export function buildSyntheticFleet(options: FleetOptions): SyntheticFleet {
  const n = options.instances;
  const share = options.changingShare ?? 0.1;
  const topicsPer = options.topicsPerInstance ?? 3;
  const perTopicPartitions = options.partitionsPerTopic ?? 12;
  const nowMs = options.now.getTime();
  const seed = createSeedState({ now: options.now, ...(options.region === undefined ? {} : { region: options.region }) });
  const zone = seed.zones[0];
  if (zone === undefined) throw new Error('the seed state has no zone');
  // Stock for every migration the fleet could ask for: the bench measures our code, not a sold-out zone.
  const zones = seed.zones.map((z) => ({ ...z, soldOut: false, diskStockGB: 1e9 }));

  // Changing instances are spread evenly through the fleet (every k-th), as a real PR would touch them.
  const every = share <= 0 ? Infinity : Math.max(1, Math.round(1 / share));
  const changes: ChangeKind[] = [];
  const instances: InstanceState[] = [];
  const declared: DeclaredInstance[] = [];
  let topicSeq = 0;
  const dataGB = options.dataGB ?? 40;
  const spread = options.dataSpread ?? 0.5;
  for (let i = 0; i < n; i++) {
    const id = syntheticInstanceId(i, options.idPrefix);
    const changing = i % every === 0 && share > 0;
    const k = changing ? Math.floor(i / every) : 0;
    const change: ChangeKind = !changing ? 'none' : options.migrating === 'all' || k % 2 === 0 ? 'migrate' : 'in-place';
    changes.push(change);
    // Vary the data so migrations differ in length (deterministic: a fixed pseudo-random walk).
    const wobble = ((i * 2654435761) % 1000) / 1000;
    const data = dataGB * (1 - spread / 2 + spread * wobble);
    const topics: TopicState[] = [];
    for (let t = 0; t < topicsPer; t++) {
      topicSeq += 1;
      topics.push({
        name: `svc-${i}.events-${t}`,
        topicId: `topic-${String(topicSeq).padStart(8, '0')}`,
        partitions: perTopicPartitions,
        replicas: t % 2 === 0 ? 3 : 2,
        status: 0,
        outOfSyncPartitions: [],
        dataBytes: Math.round((data * GB) / Math.max(1, topicsPer)),
        createTime: isoSeconds(nowMs - (300 - (t % 200)) * 86400000),
      });
    }
    const postpaid = i % 2 === 0;
    // A migrating change goes beyond the cluster's capacity; an in-place one stays within it.
    const capacity = change === 'migrate' ? { bandwidthMBps: 120, diskGB: 2000 } : { bandwidthMBps: 240, diskGB: 4000 };
    instances.push({
      instanceId: id,
      name: `svc-${String(i).padStart(5, '0')}`,
      instanceType: 'profession',
      chargeType: postpaid ? 'POSTPAID_BY_HOUR' : 'PREPAID',
      zoneId: zone.zoneId,
      zoneIds: [zone.zoneId],
      vpcId: 'vpc-6b2g8c1d',
      subnetId: 'subnet-3k9f2w7q',
      createTime: isoSeconds(nowMs - 400 * 86400000),
      expireTime: postpaid ? null : isoSeconds(nowMs + 200 * 86400000),
      renewFlag: postpaid ? 0 : 1,
      status: 1,
      statusSince: isoSeconds(nowMs - 30 * 86400000),
      healthy: 1,
      bandwidthMBps: BASE.bandwidthMBps,
      diskGB: BASE.diskGB,
      diskType: 'CLOUD_PREMIUM',
      partitions: topicsPer * perTopicPartitions * 3 > BASE.partitions ? Math.ceil((topicsPer * perTopicPartitions * 3 * 1.2) / 100) * 100 : BASE.partitions,
      kafkaVersion: '2.8.1',
      maxMessageBytes: 1048576,
      msgRetentionMinutes: 4320,
      produceMBps: 20,
      publicNetworkMbps: 3,
      tags: [{ key: 'team', value: `team-${i % 17}` }],
      capacity,
      routes: [{ routeId: i + 1, accessType: 0, vipType: 3, vip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, vport: '9092', status: 2, vpcId: 'vpc-6b2g8c1d', subnetId: 'subnet-3k9f2w7q' }],
      topics,
      task: null,
      pendingTask: null,
      failures: { brokerAddressUpdateFails: false },
      migrations: 0,
    });
    const running = instances[instances.length - 1] as InstanceState;
    const target =
      change === 'migrate'
        ? { bandwidthMBps: 160, diskGB: running.diskGB, partitions: running.partitions }
        : change === 'in-place'
          ? { bandwidthMBps: running.bandwidthMBps, diskGB: 3000, partitions: running.partitions }
          : { bandwidthMBps: running.bandwidthMBps, diskGB: running.diskGB, partitions: running.partitions };
    declared.push({ name: running.name, instanceId: id, edition: 'pro', ...target });
  }
  const state: EmulatorState = {
    ...seed,
    instances,
    zones,
    counters: { ...seed.counters, routes: n, topics: topicSeq },
  };
  return { state, declared, changes, yaml: renderFleetYaml(declared, options.region ?? seed.region, options.rebalance ?? 'now') };
}

/** The fleet file: one flow mapping per instance, as a team generating its fleet would write it. */
export function renderFleetYaml(declared: readonly DeclaredInstance[], region: string, rebalance: 'now' | 'window'): string {
  const lines = [
    '# Generated by bench/lib/fleet.ts',
    `region: ${region}`,
    'defaults:',
    '  upgrade:',
    rebalance === 'now'
      ? '    rebalance: now'
      : '    rebalance:\n      window: { days: [sat, sun], start: "01:00", end: "06:00", timezone: Asia/Shanghai }',
    '    mode: high-speed',
    'instances:',
  ];
  for (const d of declared) {
    lines.push(`  - { name: ${d.name}, instanceId: ${d.instanceId}, edition: ${d.edition}, bandwidthMBps: ${d.bandwidthMBps}, diskGB: ${d.diskGB}, partitions: ${d.partitions} }`);
  }
  return `${lines.join('\n')}\n`;
}
