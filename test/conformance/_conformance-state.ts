/**
 * The emulator state documented requests are replayed against: one instance per instance the
 * examples name, with the spec the example needs to be a valid request (the examples' own ids
 * where they are real ids, and placeholders such as `ckafka-test` bound per replay).
 */
import {
  createEmulator,
  createManualClock,
  defaultFaults,
  EMULATOR_STATE_FORMAT_VERSION,
  type Emulator,
  type EmulatorState,
  type InstanceState,
  type RouteState,
  type TopicState,
} from '../../src/cloud/emulator';

/** The virtual time of every replay. */
export const REPLAY_NOW = new Date('2026-12-06T02:00:00.000Z');

const GB = 1024 ** 3;
const VPC = 'vpc-ks7w9y0b';
const SUBNET = 'subnet-5rhipsse';

function daysAgo(days: number): string {
  return new Date(REPLAY_NOW.getTime() - days * 86400000).toISOString();
}

function topic(name: string, topicId: string, partitions: number, replicas: number, dataGB: number, outOfSync: number[] = []): TopicState {
  return { name, topicId, partitions, replicas, status: 0, outOfSyncPartitions: outOfSync, dataBytes: Math.round(dataGB * GB), createTime: daysAgo(100) };
}

function route(routeId: number, vipType: 1 | 3 | 7, accessType: 0 | 1, vip: string, vport: string): RouteState {
  return { routeId, accessType, vipType, vip, vport, status: 2, vpcId: VPC, subnetId: SUBNET };
}

type InstanceInput = Pick<InstanceState, 'instanceId' | 'name' | 'chargeType' | 'bandwidthMBps' | 'diskGB' | 'partitions'> & Partial<InstanceState>;

function instance(i: InstanceInput): InstanceState {
  return {
    instanceType: 'profession',
    zoneId: 100006,
    zoneIds: [100006, 100007],
    vpcId: VPC,
    subnetId: SUBNET,
    createTime: daysAgo(400),
    expireTime: i.chargeType === 'PREPAID' ? new Date(REPLAY_NOW.getTime() + 30 * 86400000).toISOString() : null,
    renewFlag: 0,
    status: 1,
    statusSince: daysAgo(30),
    healthy: 1,
    diskType: 'CLOUD_PREMIUM',
    kafkaVersion: '2.8.1',
    maxMessageBytes: 1048576,
    msgRetentionMinutes: 4320,
    produceMBps: 5,
    publicNetworkMbps: 3,
    tags: [{ key: 'Application', value: 'conformance' }],
    capacity: { bandwidthMBps: Math.max(i.bandwidthMBps * 4, 400), diskGB: Math.max(i.diskGB * 4, 8000) },
    routes: [route(0, 3, 0, '10.0.1.17', '9092')],
    topics: [topic('yourname', `topic-${i.instanceId.slice(7, 15)}`, 10, 2, 1)],
    task: null,
    pendingTask: null,
    failures: { brokerAddressUpdateFails: false },
    migrations: 0,
    ...i,
  };
}

/** Instance ids of the state; the documented ones are the examples' own. */
export const REPLAY_IDS = {
  /** DescribeModifyType example: a prepaid Pro instance at 20 MB/s, so either reading of BandWidth 320 is an upgrade. */
  modifyType: 'ckafka-6er88krk',
  /** DescribeInstanceAttributes example: prepaid Pro at 150 MB/s (1200 Mbps), as documented. */
  attributes: 'ckafka-pkwxedpq',
  /** DescribeRoute example: postpaid Pro at 400 MB/s with an internal-support, a VPC and a public route. */
  routes: 'ckafka-na37x9qa',
  /** DescribeTopicFlowRanking example: postpaid Pro at 2400 MB/s with three topics. */
  flowRanking: 'ckafka-vv7wpp93',
  /** Prepaid Pro 20 MB/s / 500 GB / 800 partitions: ModifyInstancePre to 40 MB/s / 600 GB, attributes, prepaid delete. */
  prepaid: 'ckafka-tstpre01',
  /** Postpaid Pro 60 MB/s / 1000 GB / 1000 partitions with topic `topic-test` (one partition out of sync): scaling down to 40 / 900 / 1000, sync replicas, postpaid delete. */
  postpaid: 'ckafka-tstpost1',
  /** Prepaid Pro 20 MB/s / 200 GB / 400 partitions: the Terraform provider's prepaid acceptance step (disk to 300 GB). */
  terraformPrepaid: 'ckafka-tfpre001',
  /** Postpaid Pro 20 MB/s / 500 GB / 400 partitions: the Terraform provider's postpaid acceptance step (disk to 400 GB). */
  terraformPostpaid: 'ckafka-tfpost01',
} as const;

/** A state holding one instance per documented example, at {@link REPLAY_NOW}. */
export function replayState(): EmulatorState {
  const instances: InstanceState[] = [
    instance({ instanceId: REPLAY_IDS.modifyType, name: 'modify-type', chargeType: 'PREPAID', bandwidthMBps: 20, diskGB: 500, partitions: 800 }),
    instance({
      instanceId: REPLAY_IDS.attributes,
      name: 'spock-test',
      chargeType: 'PREPAID',
      bandwidthMBps: 150,
      diskGB: 1000,
      partitions: 1200,
      diskType: 'CLOUD_PREMIUM',
      kafkaVersion: '2.4.1',
      publicNetworkMbps: 6,
      routes: [route(1, 3, 0, '172.16.0.17', '9092')],
      topics: [topic('yourname', 'topic-4mi2t5w2', 10, 2, 2), topic('test-shilinlu', 'topic-24gugwns', 1, 2, 1)],
    }),
    instance({
      instanceId: REPLAY_IDS.routes,
      name: 'exporter',
      chargeType: 'POSTPAID_BY_HOUR',
      bandwidthMBps: 400,
      diskGB: 3000,
      partitions: 2000,
      kafkaVersion: '2.4.1',
      zoneIds: [],
      routes: [route(136207, 7, 0, '11.135.14.76', '7608'), route(137005, 3, 0, '10.0.0.15', '9092'), route(137270, 1, 1, '81.71.20.57', '50000')],
    }),
    instance({
      instanceId: REPLAY_IDS.flowRanking,
      name: 'flow-ranking',
      chargeType: 'POSTPAID_BY_HOUR',
      bandwidthMBps: 2400,
      diskGB: 10000,
      partitions: 5000,
      topics: [topic('test-bing-v1w', 'topic-1jcib81g', 10, 2, 3), topic('alert-go-s1', 'topic-o8gy2gta', 3, 2, 1), topic('alter-go-s2', 'topic-d6t7j7vc', 10, 2, 1)],
    }),
    instance({ instanceId: REPLAY_IDS.prepaid, name: 'prepaid', chargeType: 'PREPAID', bandwidthMBps: 20, diskGB: 500, partitions: 800 }),
    instance({
      instanceId: REPLAY_IDS.postpaid,
      name: 'postpaid',
      chargeType: 'POSTPAID_BY_HOUR',
      bandwidthMBps: 60,
      diskGB: 1000,
      partitions: 1000,
      topics: [topic('topic-test', 'topic-t0st0001', 10, 2, 5, [1])],
    }),
    instance({ instanceId: REPLAY_IDS.terraformPrepaid, name: 'tf-prepaid', chargeType: 'PREPAID', bandwidthMBps: 20, diskGB: 200, partitions: 400, diskType: 'CLOUD_BASIC' }),
    instance({ instanceId: REPLAY_IDS.terraformPostpaid, name: 'tf-postpaid', chargeType: 'POSTPAID_BY_HOUR', bandwidthMBps: 20, diskGB: 500, partitions: 400, diskType: 'CLOUD_BASIC' }),
  ];
  // Default routes get ids of their own; the documented ones keep theirs.
  instances.forEach((inst, n) => inst.routes.forEach((r) => (r.routeId = r.routeId === 0 ? 1000 + n : r.routeId)));
  const zone = (zoneId: number, name: string) => ({ zoneId, name, soldOut: false, diskStockGB: 200000 });
  return {
    formatVersion: EMULATOR_STATE_FORMAT_VERSION,
    revision: 0,
    region: 'ap-guangzhou',
    clock: { virtualAt: REPLAY_NOW.toISOString(), realAt: 0, speed: 0, revision: 0 },
    instances,
    zones: [zone(100006, '广州六区'), zone(100007, '广州七区'), zone(450001, 'zone-450001'), zone(450002, 'zone-450002'), zone(450003, 'zone-450003')],
    faults: defaultFaults(),
    submissions: [],
    // DescribeTaskStatus example: FlowId 1003, finished.
    flows: [{ flowId: 1003, action: 'DeleteInstancePost', instanceId: REPLAY_IDS.postpaid, startedAt: daysAgo(2), doneAt: daysAgo(1) }],
    counters: { requests: 0, faultDraws: 0, instances: 0, deals: 0, flows: 1003, routes: 200000, topics: 100 },
    calls: {},
    rateWindows: {},
  };
}

/** A fresh emulator on {@link replayState} with a stopped clock, so each replay starts from the same state. */
export function replayEmulator(state: EmulatorState = replayState()): Emulator {
  return createEmulator({ state, clock: createManualClock(REPLAY_NOW) });
}

/** Calls one action at the wire level and returns the inner `Response`. */
export async function replay(em: Emulator, action: string, request: Record<string, unknown>): Promise<Record<string, unknown>> {
  const out = (await em.handleAction(action, request)) as { Response: Record<string, unknown> };
  return out.Response;
}

/** A documented request with its placeholder instance id bound to an instance of the state. */
export function bindInstance(request: Record<string, unknown>, instanceId: string | undefined): Record<string, unknown> {
  return instanceId === undefined ? request : { ...request, InstanceId: instanceId };
}
