/**
 * The seed fleet: a small, realistic CKafka estate the CLI puts in a new state file, so a first
 * `ckafka plan` against the emulator has something real to look at. In `ap-guangzhou`:
 *
 * | name | edition | billing | why it is here |
 * |---|---|---|---|
 * | orders | Pro | prepaid | room to grow: an upgrade to 300 MB/s needs no migration |
 * | payments | Pro | postpaid | at capacity: any bandwidth or disk increase migrates data |
 * | clickstream | Pro | postpaid | heavy produce traffic: high-speed migrations crawl (cause 2) |
 * | media-uploads | Pro | postpaid | MaxMessageByte 8 MiB: a migration stalls until lowered (cause 3) |
 * | audit | Advanced | prepaid | a single-replica topic and an out-of-sync replica (pre-checks) |
 * | legacy-events | Standard | prepaid | no spec change by API (convert in the console) |
 * | cdktf-orders | Pro | prepaid | at capacity: the cdktf example's 400 MB/s migrates data |
 * | cdktf-clickstream | Pro | postpaid | as the cdktf example declares it (no change) |
 * | pulumi-orders | Pro | prepaid | room to grow: the Pulumi example's 300 MB/s applies at once |
 * | pulumi-events | Pro | postpaid | at capacity: the Pulumi example's 160 MB/s migrates data |
 * | reports | Pro | prepaid | as the documented listing's ckafka-pkwxedpq: 150 MB/s (off the 20 MB/s step), CLOUD_BASIC disk, a past RebalanceTime |
 * | telemetry | Pro | postpaid | elastic storage: the API reports DiskSize -1 (the documented listing's ckafka-vv7wpp93) |
 *
 * The quickstart (`examples/quickstart`) plans orders, media-uploads, payments, audit, reports
 * and telemetry; the
 * cdktf example (`examples/cdktf`) finds its two instances by name; the Pulumi example
 * (`examples/pulumi`) adopts its two by id.
 */
import { defaultFaults, EMULATOR_STATE_FORMAT_VERSION, type EmulatorState, type InstanceState, type TopicState, type ZoneState } from './state-schema';
import { BYTES_PER_GB } from './migration-model';

/** Options of {@link createSeedState}. */
export interface SeedStateOptions {
  /** Region of the fleet. @default 'ap-guangzhou' */
  readonly region?: string;
  /** Virtual time the fleet starts at (creation and expiry dates are relative to it). @default the current time */
  readonly now?: Date;
  /** Speed of the virtual clock stored in the state. @default 1 (real time) */
  readonly speed?: number;
  /** Seed of the random draws. @default 1 */
  readonly seed?: number;
}

const ZONES: Readonly<Record<string, ReadonlyArray<readonly [number, string]>>> = {
  'ap-guangzhou': [
    [100003, '广州三区'],
    [100004, '广州四区'],
    [100006, '广州六区'],
    [100007, '广州七区'],
  ],
  'ap-shanghai': [
    [200002, '上海二区'],
    [200003, '上海三区'],
    [200004, '上海四区'],
    [200005, '上海五区'],
  ],
  'ap-beijing': [
    [800003, '北京三区'],
    [800004, '北京四区'],
    [800005, '北京五区'],
    [800006, '北京六区'],
  ],
};

const DAY_MS = 86400000;

function daysFrom(now: Date, days: number): string {
  // Whole seconds: the API reports times in seconds, so round trips stay exact.
  return new Date(Math.floor((now.getTime() + days * DAY_MS) / 1000) * 1000).toISOString();
}

function gb(n: number): number {
  return Math.round(n * BYTES_PER_GB);
}

/** The zones of a region: two with stock, one sold out, one low on disk stock. */
export function seedZones(region: string): ZoneState[] {
  const named = ZONES[region];
  const zoneDefs: ReadonlyArray<readonly [number, string]> = named ?? [1, 2, 3, 4].map((k) => [900000 + k, `${region}-${k}`] as const);
  const z = (i: number): number => zoneDefs[i]?.[0] ?? 0;
  return [
    { zoneId: z(0), name: zoneDefs[0]?.[1] ?? '', soldOut: false, diskStockGB: 80000 },
    { zoneId: z(1), name: zoneDefs[1]?.[1] ?? '', soldOut: false, diskStockGB: 40000 },
    // Sold out: nothing new can be built there (ResourcesSoldOut).
    { zoneId: z(2), name: zoneDefs[2]?.[1] ?? '', soldOut: true, diskStockGB: 0 },
    // Low stock: a large migration there fails with ResourceInsufficient (failure cause 1).
    { zoneId: z(3), name: zoneDefs[3]?.[1] ?? '', soldOut: false, diskStockGB: 3000 },
  ];
}

/** What a seeded instance must be given; everything else has a realistic default. */
export type SeedInstanceFields = Pick<InstanceState, 'instanceId' | 'name' | 'instanceType' | 'chargeType' | 'zoneId' | 'bandwidthMBps' | 'diskGB' | 'partitions' | 'capacity' | 'topics'> &
  Partial<InstanceState> & {
    /** The third octet of the instance's VPC address. */
    readonly vipOctet: number;
  };

/** Builds instances and topics for a seed state, numbering routes and topics as it goes. */
export interface SeedBuilder {
  topic(name: string, partitions: number, replicas: number, dataGB: number, extra?: Partial<TopicState>): TopicState;
  instance(fields: SeedInstanceFields): InstanceState;
  /** A state holding `instances`, with counters that continue after what was built. */
  state(region: string, zones: ZoneState[], instances: InstanceState[], options: Pick<SeedStateOptions, 'speed' | 'seed'>): EmulatorState;
}

/** A {@link SeedBuilder} whose dates are relative to `now`. */
export function createSeedBuilder(now: Date): SeedBuilder {
  const vpcId = 'vpc-6b2g8c1d';
  const subnetId = 'subnet-3k9f2w7q';
  let routeId = 0;
  let topicSeq = 0;
  return {
    topic: (name, partitions, replicas, dataGB, extra = {}) => {
      topicSeq += 1;
      return {
        name,
        topicId: `topic-${String(topicSeq).padStart(8, '0')}`,
        partitions,
        replicas,
        status: 0,
        outOfSyncPartitions: [],
        dataBytes: gb(dataGB),
        createTime: daysFrom(now, -300 + topicSeq),
        ...extra,
      };
    },
    instance: (fields) => {
      routeId += 1;
      const { vipOctet, ...rest } = fields;
      return {
        zoneIds: [fields.zoneId],
        vpcId,
        subnetId,
        createTime: daysFrom(now, -400),
        expireTime: fields.chargeType === 'PREPAID' ? daysFrom(now, 200) : null,
        renewFlag: fields.chargeType === 'PREPAID' ? 1 : 0,
        status: 1,
        statusSince: daysFrom(now, -30),
        healthy: 1,
        diskType: 'CLOUD_PREMIUM',
        kafkaVersion: '2.8.1',
        maxMessageBytes: 1048576,
        msgRetentionMinutes: 4320,
        produceMBps: 20,
        publicNetworkMbps: 3,
        tags: [{ key: 'team', value: 'platform' }],
        routes: [{ routeId, accessType: 0, vipType: 3, vip: `10.0.${vipOctet}.10`, vport: '9092', status: 2, vpcId, subnetId }],
        task: null,
        pendingTask: null,
        failures: { brokerAddressUpdateFails: false },
        migrations: 0,
        ...rest,
      };
    },
    state: (region, zones, instances, options) => ({
      formatVersion: EMULATOR_STATE_FORMAT_VERSION,
      revision: 0,
      region,
      clock: { virtualAt: new Date(now.getTime()).toISOString(), realAt: Date.now(), speed: options.speed ?? 1, revision: 0 },
      instances,
      zones,
      faults: defaultFaults(options.seed ?? 1),
      submissions: [],
      flows: [],
      counters: { requests: 0, faultDraws: 0, instances: 0, deals: 0, flows: 0, routes: routeId, topics: topicSeq },
      calls: {},
      rateWindows: {},
    }),
  };
}

/**
 * Builds the seed state. Deterministic for a given `now`, region and seed.
 */
export function createSeedState(options: SeedStateOptions = {}): EmulatorState {
  const region = options.region ?? 'ap-guangzhou';
  const now = options.now ?? new Date();
  const zones = seedZones(region);
  const z = (i: number): number => zones[i]?.zoneId ?? 0;
  const { topic, instance, state } = createSeedBuilder(now);

  // The documented DescribeInstancesDetail example (tccli DescribeInstancesDetail.md, also
  // cloud.tencent.com/document/api/597/40834) lists a running Pro instance at 1200 Mbps (150 MB/s,
  // off the 20 MB/s step) on CLOUD_BASIC whose RebalanceTime lies in the past, and a postpaid one
  // with DiskSize -1 (elastic storage): `reports` and `telemetry` are built after them.
  const instances: InstanceState[] = [
    instance({
      instanceId: 'ckafka-9x2kq7pe',
      name: 'orders',
      instanceType: 'profession',
      chargeType: 'PREPAID',
      zoneId: z(0),
      bandwidthMBps: 200,
      diskGB: 3000,
      partitions: 1400,
      capacity: { bandwidthMBps: 400, diskGB: 6000 },
      produceMBps: 45,
      vipOctet: 11,
      tags: [
        { key: 'team', value: 'commerce' },
        { key: 'env', value: 'prod' },
      ],
      topics: [topic('orders.created', 24, 3, 420), topic('orders.updated', 24, 3, 310), topic('orders.dlq', 6, 3, 3)],
    }),
    instance({
      instanceId: 'ckafka-4m7tz1bc',
      name: 'payments',
      instanceType: 'profession',
      chargeType: 'POSTPAID_BY_HOUR',
      zoneId: z(1),
      bandwidthMBps: 120,
      diskGB: 2000,
      partitions: 1200,
      capacity: { bandwidthMBps: 120, diskGB: 2000 },
      produceMBps: 30,
      vipOctet: 12,
      tags: [
        { key: 'team', value: 'payments' },
        { key: 'env', value: 'prod' },
      ],
      topics: [topic('payments.ledger', 12, 3, 600), topic('payments.events', 12, 3, 300)],
    }),
    instance({
      instanceId: 'ckafka-7hw5n3rd',
      name: 'clickstream',
      instanceType: 'profession',
      chargeType: 'POSTPAID_BY_HOUR',
      zoneId: z(0),
      bandwidthMBps: 400,
      diskGB: 8000,
      partitions: 2000,
      capacity: { bandwidthMBps: 400, diskGB: 8000 },
      produceMBps: 340,
      vipOctet: 13,
      tags: [{ key: 'team', value: 'analytics' }],
      topics: [topic('clicks.raw', 48, 2, 3800), topic('clicks.sessions', 24, 2, 1200)],
    }),
    instance({
      instanceId: 'ckafka-3rf6w8ya',
      name: 'media-uploads',
      instanceType: 'profession',
      chargeType: 'POSTPAID_BY_HOUR',
      zoneId: z(0),
      bandwidthMBps: 160,
      diskGB: 4000,
      partitions: 1400,
      capacity: { bandwidthMBps: 200, diskGB: 5000 },
      produceMBps: 25,
      maxMessageBytes: 8388608,
      vipOctet: 14,
      tags: [{ key: 'team', value: 'media' }],
      topics: [topic('media.thumbnails', 12, 3, 900), topic('media.manifests', 6, 3, 40)],
    }),
    instance({
      instanceId: 'ckafka-2pd8v6fj',
      name: 'audit',
      instanceType: 'premium',
      chargeType: 'PREPAID',
      zoneId: z(1),
      bandwidthMBps: 40,
      diskGB: 500,
      partitions: 800,
      capacity: { bandwidthMBps: 60, diskGB: 800 },
      produceMBps: 4,
      vipOctet: 15,
      tags: [{ key: 'team', value: 'security' }],
      topics: [topic('audit.trail', 6, 3, 120, { outOfSyncPartitions: [2] }), topic('audit.scratch', 3, 1, 2)],
    }),
    instance({
      instanceId: 'ckafka-5ct9y4ks',
      name: 'legacy-events',
      instanceType: 'standards2',
      chargeType: 'PREPAID',
      zoneId: z(0),
      bandwidthMBps: 100,
      diskGB: 1500,
      partitions: 100,
      capacity: { bandwidthMBps: 100, diskGB: 1500 },
      produceMBps: 6,
      kafkaVersion: '1.1.1',
      diskType: 'CLOUD_BASIC',
      vipOctet: 16,
      tags: [{ key: 'team', value: 'legacy' }],
      topics: [topic('events', 6, 2, 200)],
    }),
    instance({
      instanceId: 'ckafka-8cq3d5of',
      name: 'cdktf-orders',
      instanceType: 'profession',
      chargeType: 'PREPAID',
      zoneId: z(0),
      bandwidthMBps: 320,
      diskGB: 6000,
      partitions: 2400,
      capacity: { bandwidthMBps: 320, diskGB: 6000 },
      produceMBps: 60,
      vipOctet: 17,
      tags: [{ key: 'managed-by', value: 'cdktf' }],
      topics: [topic('cdktf.orders', 24, 3, 900)],
    }),
    instance({
      instanceId: 'ckafka-6kx1c7lm',
      name: 'cdktf-clickstream',
      instanceType: 'profession',
      chargeType: 'POSTPAID_BY_HOUR',
      zoneId: z(0),
      bandwidthMBps: 200,
      diskGB: 2000,
      partitions: 1400,
      capacity: { bandwidthMBps: 400, diskGB: 4000 },
      produceMBps: 50,
      vipOctet: 18,
      tags: [{ key: 'managed-by', value: 'cdktf' }],
      topics: [topic('cdktf.clicks', 24, 2, 500)],
    }),
    instance({
      instanceId: 'ckafka-pu1ord3r',
      name: 'pulumi-orders',
      instanceType: 'profession',
      chargeType: 'PREPAID',
      zoneId: z(0),
      bandwidthMBps: 200,
      diskGB: 3000,
      partitions: 1400,
      capacity: { bandwidthMBps: 400, diskGB: 6000 },
      produceMBps: 40,
      vipOctet: 19,
      tags: [{ key: 'managed-by', value: 'pulumi' }],
      topics: [topic('pulumi.orders', 24, 3, 600)],
    }),
    instance({
      instanceId: 'ckafka-pu1evt5x',
      name: 'pulumi-events',
      instanceType: 'profession',
      chargeType: 'POSTPAID_BY_HOUR',
      zoneId: z(1),
      bandwidthMBps: 120,
      diskGB: 2000,
      partitions: 1200,
      capacity: { bandwidthMBps: 120, diskGB: 2000 },
      produceMBps: 30,
      vipOctet: 20,
      tags: [{ key: 'managed-by', value: 'pulumi' }],
      topics: [topic('pulumi.events', 12, 3, 400)],
    }),
    instance({
      instanceId: 'ckafka-r3p0rts1',
      name: 'reports',
      instanceType: 'profession',
      chargeType: 'PREPAID',
      zoneId: z(1),
      bandwidthMBps: 150,
      diskGB: 1000,
      diskType: 'CLOUD_BASIC',
      partitions: 1200,
      capacity: { bandwidthMBps: 200, diskGB: 2000 },
      produceMBps: 12,
      kafkaVersion: '2.4.1',
      // A change scheduled in the console that ran two months ago: RebalanceTime still shows it.
      lastRebalanceAt: daysFrom(now, -60),
      vipOctet: 21,
      tags: [{ key: 'team', value: 'finance' }],
      topics: [topic('reports.daily', 12, 2, 180), topic('reports.exports', 6, 2, 60)],
    }),
    instance({
      instanceId: 'ckafka-t3l3m7ry',
      name: 'telemetry',
      instanceType: 'profession',
      chargeType: 'POSTPAID_BY_HOUR',
      zoneId: z(0),
      bandwidthMBps: 200,
      // Elastic storage: the API reports DiskSize -1; 1200 GB is what it holds now.
      diskGB: 1200,
      elasticStorage: true,
      partitions: 1400,
      capacity: { bandwidthMBps: 400, diskGB: 4000 },
      produceMBps: 35,
      vipOctet: 22,
      tags: [{ key: 'team', value: 'observability' }],
      topics: [topic('telemetry.metrics', 24, 2, 700), topic('telemetry.traces', 12, 2, 250)],
    }),
  ];

  return state(region, zones, instances, options);
}
