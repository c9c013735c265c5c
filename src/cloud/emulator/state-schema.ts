/**
 * The emulator's state: a zod schema (built by a function, as every schema in this project),
 * the types inferred from it, and the JSON Schema generated from it
 * (`schema/emulator-state.schema.json`; a test keeps the committed file in sync).
 *
 * Units are natural: bandwidth in MB/s, disk in GB, data in bytes, times as ISO-8601 UTC strings
 * of virtual time. The wire layer converts to the API's units (Mbps, Unix seconds, Beijing time).
 */
import { z } from 'zod';

/**
 * The state file format this code writes. Version 1 (no `revision`) is still read, as revision 0.
 */
export const EMULATOR_STATE_FORMAT_VERSION = 2 as const;

const INSTANCE_ID = /^ckafka-[a-z0-9]{8}$/;
const REGION = /^[a-z]{2,4}(-[a-z0-9]+)+$/;

function isoTime() {
  return z.iso.datetime({ offset: true });
}

function count() {
  return z.number().int().nonnegative();
}

function rate() {
  return z.number().min(0).max(1);
}

/** A spec in natural units. */
export function specValuesSchema() {
  return z.strictObject({
    bandwidthMBps: z.number().int().positive().describe('Peak bandwidth, MB/s'),
    diskGB: z.number().int().positive().describe('Disk, GB'),
    partitions: z.number().int().positive().describe('Partition limit (MaxPartitionNumber), replicas included'),
  });
}

/** An access route (DescribeRoute). */
export function routeStateSchema() {
  return z.strictObject({
    routeId: count(),
    accessType: z.literal([0, 1, 2, 3]).describe('0 PLAINTEXT, 1 SASL_PLAINTEXT, 2 SSL, 3 SASL_SSL'),
    vipType: z.literal([1, 3, 7]).describe('1 public, 3 VPC, 7 internal support'),
    vip: z.string().min(1),
    vport: z.string().regex(/^\d{1,5}$/).describe('Port; a migration changes it (the upgrade doc warns ports may change)'),
    status: z.literal([1, 2, 3, 4, 6]).describe('1 creating, 2 ok, 3 create failed, 4 deleting, 6 delete failed'),
    vpcId: z.string().optional(),
    subnetId: z.string().optional(),
  });
}

/** A topic with its replica sync state and data held. */
export function topicStateSchema() {
  return z.strictObject({
    name: z.string().min(1),
    topicId: z.string().min(1),
    partitions: z.number().int().positive(),
    replicas: z.number().int().min(1).max(3),
    status: z.literal([0, 1, 2]).describe('0 ok, 1 deleted, 2 deleting'),
    outOfSyncPartitions: z.array(count()).describe('Partitions whose last replica is out of sync'),
    dataBytes: count().describe('Data held, bytes, replicas included (DescribeTopicFlowRanking MessageHeap)'),
    createTime: isoTime(),
  });
}

/** A running spec change and its progress. */
export function taskStateSchema() {
  return z.strictObject({
    action: z.enum(['ModifyInstancePre', 'InstanceScalingDown', 'Console']).describe('What submitted it; Console = scheduled outside the API'),
    requestId: z.string(),
    from: specValuesSchema(),
    target: specValuesSchema(),
    mode: z.enum(['stable', 'high-speed']),
    migrate: z.boolean().describe('Whether data migrates (decided by the capacity model at submit time)'),
    phase: z
      .enum(['quota', 'provision', 'copy', 'switch'])
      .describe('quota: in-place change; provision: new brokers; copy: data moves; switch: broker addresses update'),
    startedAt: isoTime(),
    phaseStartedAt: isoTime(),
    updatedAt: isoTime().describe('Virtual time up to which progress has been computed'),
    bytesTotal: count().describe('Bytes to copy (data held when the task started)'),
    bytesDone: z.number().nonnegative(),
  });
}

/** A spec change scheduled for later (as the console schedules one). */
export function pendingTaskStateSchema() {
  return z.strictObject({
    action: z.enum(['ModifyInstancePre', 'InstanceScalingDown', 'Console']),
    requestId: z.string().optional(),
    target: specValuesSchema(),
    mode: z.enum(['stable', 'high-speed']),
    rebalanceAt: isoTime().describe('When it starts (shown as RebalanceTime; moved by ModifyInstanceAttributes.RebalanceTime)'),
  });
}

/** One CKafka instance. */
export function instanceStateSchema() {
  return z.strictObject({
    instanceId: z.string().regex(INSTANCE_ID),
    name: z.string().min(1).max(128),
    instanceType: z.string().min(1).describe('API InstanceType: profession (Pro), premium (Advanced), standards2 (Standard)'),
    chargeType: z.enum(['PREPAID', 'POSTPAID_BY_HOUR']),
    zoneId: z.number().int(),
    zoneIds: z.array(z.number().int()),
    vpcId: z.string(),
    subnetId: z.string(),
    createTime: isoTime(),
    expireTime: isoTime().nullable().describe('Prepaid expiry; null for postpaid (the API reports ExpireTime 0)'),
    renewFlag: z.literal([0, 1, 2]),
    status: z.literal([-1, 0, 1, 2, 3, 4, 5, 7]).describe('1 running, 7 upgrading, 0 creating, 2 deleting, 5 isolated, …'),
    statusSince: isoTime().describe('When the status last changed'),
    healthy: z.literal([1, 2, 3]).describe('1 healthy, 2 alarm, 3 abnormal'),
    bandwidthMBps: z.number().int().positive().describe('Peak bandwidth, MB/s; a running instance may hold a value off the sale step (the API example lists 150 MB/s)'),
    diskGB: z.number().int().positive().describe('Disk, GB; with elasticStorage, the disk provisioned now'),
    elasticStorage: z
      .boolean()
      .optional()
      .describe('Elastic storage (StoreQuantityType at creation): the disk grows with use, the API reports DiskSize -1 and a spec change takes no DiskSize'),
    diskType: z.string().min(1),
    partitions: z.number().int().positive().describe('MaxPartitionNumber'),
    kafkaVersion: z.string().min(1),
    maxMessageBytes: z.number().int().describe('Instance-level MaxMessageByte; above 1 MiB a migration stalls'),
    msgRetentionMinutes: z.number().int().positive(),
    produceMBps: z.number().nonnegative().describe('Current produce traffic, MB/s; heavy traffic slows high-speed migrations'),
    publicNetworkMbps: count(),
    tags: z.array(z.strictObject({ key: z.string(), value: z.string() })),
    capacity: z
      .strictObject({ bandwidthMBps: z.number().int().positive(), diskGB: z.number().int().positive() })
      .describe('What the dedicated cluster can grow to without new brokers; a target beyond it migrates data'),
    routes: z.array(routeStateSchema()),
    topics: z.array(topicStateSchema()),
    task: taskStateSchema().nullable().describe('The running spec change'),
    pendingTask: pendingTaskStateSchema().nullable().describe('A spec change scheduled for later (console)'),
    lastRebalanceAt: isoTime()
      .optional()
      .describe('When the last scheduled change started: the API keeps showing it as RebalanceTime once it has run, until another is scheduled'),
    failures: z
      .strictObject({
        brokerAddressUpdateFails: z.boolean().describe('The broker address update of a migration fails: the task stays in status 7'),
      })
      .describe('Failure switches for rehearsals'),
    migrations: count().describe('Completed migrations (ports are derived from it)'),
  });
}

/** An availability zone: sold out or not, and the disk stock new brokers can take. */
export function zoneStateSchema() {
  return z.strictObject({
    zoneId: z.number().int(),
    name: z.string().min(1),
    soldOut: z.boolean(),
    diskStockGB: z.number().nonnegative().describe('Disk new brokers can take; a migration needs its target disk'),
  });
}

/** Fault injection and rate limit settings. */
export function faultsSchema() {
  return z
    .strictObject({
      seed: z.number().int().describe('Seed of every random draw (faults, request ids, ports)'),
      throttleRate: rate().describe('Share of calls answered RequestLimitExceeded'),
      errorRate: rate().describe('Share of calls answered HTTP 500/503 with a non-JSON body (in-process: CloudError unavailable)'),
      dropRate: rate().describe('Share of calls whose connection drops before the request is applied'),
      dropAfterRate: rate().describe('Share of calls applied whose response is then lost (connection dropped)'),
      latencyMs: count().describe('Added latency, real milliseconds'),
      latencySpikeRate: rate(),
      latencySpikeMs: count(),
      actions: z.array(z.string()).describe('Actions the random faults apply to; empty means all'),
      rateLimitsEnabled: z.boolean().describe('Enforce per-action rate limits (per virtual second)'),
      defaultRateLimit: z.number().int().positive().describe('Calls per second for actions without a documented limit (UNCONFIRMED: 20)'),
      rateLimits: z.record(z.string(), z.number().int().positive()).describe('Calls per second by action'),
      scalingDownRefusesIncreases: z
        .boolean()
        .optional()
        .describe('InstanceScalingDown refuses a change that raises bandwidth, disk or partitions (FailedOperation): rehearses the UNCONFIRMED case of a cloud that only scales down through it'),
    })
    .describe('Fault injection');
}

/** One accepted write, as sent (the ledger tests count double submits from). */
export function submissionSchema() {
  return z.strictObject({
    at: isoTime(),
    action: z.string(),
    instanceId: z.string().nullable(),
    params: z.record(z.string(), z.unknown()),
    requestId: z.string(),
  });
}

/** A task DescribeTaskStatus can poll. */
export function flowSchema() {
  return z.strictObject({
    flowId: z.number().int().positive(),
    action: z.string(),
    instanceId: z.string(),
    startedAt: isoTime(),
    doneAt: isoTime(),
  });
}

/** The persisted anchor of the virtual clock. */
export function clockStateSchema() {
  return z.strictObject({
    virtualAt: isoTime().describe('Virtual time at the anchor'),
    realAt: z.number().describe('Real time at the anchor, Unix ms'),
    speed: z.number().min(0).describe('Virtual ms per real ms; 0 = stopped (manual)'),
    revision: count(),
    stepOnSleep: z.boolean().optional().describe('With speed 0: time moves only when ckafka waits, to the earliest wake-up once all its work in the process waits'),
  });
}

/** The whole state file. */
export function emulatorStateSchema() {
  return z
    .strictObject({
      $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors'),
      formatVersion: z.literal(EMULATOR_STATE_FORMAT_VERSION),
      revision: count().describe(
        'Incremented by every write. A process refuses to write when the revision moved since it read the file (another process wrote in between)',
      ),
      region: z.string().regex(REGION),
      clock: clockStateSchema(),
      instances: z.array(instanceStateSchema()),
      zones: z.array(zoneStateSchema()),
      faults: faultsSchema(),
      submissions: z.array(submissionSchema()).describe('Ledger of every accepted write'),
      flows: z.array(flowSchema()).describe('Tasks DescribeTaskStatus can poll (deletions)'),
      counters: z
        .strictObject({
          requests: count(),
          faultDraws: count(),
          instances: count(),
          deals: count(),
          flows: count(),
          routes: count(),
          topics: count(),
        })
        .describe('Sequence numbers behind ids and random draws'),
      calls: z.record(z.string(), count()).describe('Calls by action, faults and errors included'),
      rateWindows: z
        .record(z.string(), z.strictObject({ second: z.number().int(), count: count() }))
        .describe('Calls in the current virtual second, by action'),
    })
    .describe('State of the ckafka-iac CKafka emulator');
}

let cachedSchema: ReturnType<typeof emulatorStateSchema> | undefined;

/**
 * The state schema, built once per process: building it costs milliseconds and every state file
 * read is validated with it.
 */
export function cachedEmulatorStateSchema(): ReturnType<typeof emulatorStateSchema> {
  cachedSchema ??= emulatorStateSchema();
  return cachedSchema;
}

/** The emulator state. */
export type EmulatorState = z.output<ReturnType<typeof emulatorStateSchema>>;
/** One instance of the state. */
export type InstanceState = EmulatorState['instances'][number];
/** One topic of an instance. */
export type TopicState = InstanceState['topics'][number];
/** One route of an instance. */
export type RouteState = InstanceState['routes'][number];
/** A running spec change. */
export type TaskState = NonNullable<InstanceState['task']>;
/** A scheduled spec change. */
export type PendingTaskState = NonNullable<InstanceState['pendingTask']>;
/** One zone. */
export type ZoneState = EmulatorState['zones'][number];
/** Fault settings. */
export type Faults = EmulatorState['faults'];
/** One entry of the submissions ledger. */
export type Submission = EmulatorState['submissions'][number];
/** Bandwidth, disk and partitions in natural units. */
export type SpecValuesState = TaskState['target'];

/**
 * Rate limits the CKafka API documents, calls per second, from each action's API page
 * (ModifyInstancePre 597/73693, InstanceScalingDown 597/95460, InquireCkafkaPrice 597/83552,
 * DescribeInstanceAttributes 597/35358, DescribeCkafkaZone 597/40823, DescribeInstancesDetail
 * 597/40834, DescribeTopicDetail 597/35341, DescribeTopicSyncReplica 597/42213, CreateInstancePre
 * 597/74261, ModifyInstanceAttributes 597/40832, DescribeModifyType 597/125916). Others are
 * UNCONFIRMED and use `defaultRateLimit` (20).
 */
export const DOCUMENTED_RATE_LIMITS: Readonly<Record<string, number>> = {
  ModifyInstancePre: 20,
  CreateInstancePre: 10,
  ModifyInstanceAttributes: 100,
  DescribeModifyType: 20,
  InstanceScalingDown: 20,
  InquireCkafkaPrice: 20,
  DescribeInstanceAttributes: 100,
  DescribeCkafkaZone: 100,
  DescribeInstancesDetail: 20,
  DescribeTopicDetail: 100,
  DescribeTopicSyncReplica: 5,
};

/** Faults off, documented rate limits on. */
export function defaultFaults(seed = 1): Faults {
  return {
    seed,
    throttleRate: 0,
    errorRate: 0,
    dropRate: 0,
    dropAfterRate: 0,
    latencyMs: 0,
    latencySpikeRate: 0,
    latencySpikeMs: 0,
    actions: [],
    rateLimitsEnabled: true,
    defaultRateLimit: 20,
    rateLimits: { ...DOCUMENTED_RATE_LIMITS },
  };
}

/** The JSON Schema of the state file, as committed in `schema/emulator-state.schema.json`. */
export function renderEmulatorStateJsonSchema(): string {
  const schema = z.toJSONSchema(emulatorStateSchema(), { target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, title: 'ckafka-iac emulator state' }, null, 2)}\n`;
}
