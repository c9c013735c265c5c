/**
 * The emulator state the contract scenarios start from: the seed fleet (10 instances) plus 20
 * more, so that describing by ids and listing everything take more than one page of 20, and so
 * that every field and every refusal has an instance to show it:
 *
 * | id | what it shows |
 * |---|---|
 * | ckafka-clone001 | multi-zone, healthy 2 (alarm), vport 19092, Kafka 3.2.3, CLOUD_SSD, a public route listed before the VPC one |
 * | ckafka-clone002 | isolated (status 5) |
 * | ckafka-clone003 | at capacity in the sold-out zone 100006: a migration is refused (FailedOperation) |
 * | ckafka-clone004 | at capacity in the low-stock zone 100007 (3000 GB): a 4000 GB migration is ResourceInsufficient |
 * | ckafka-clone005 | 60 topics (more than a page of 20 or of 50), one deleted, routes creating and failed |
 * | ckafka-clone006 | topics whose creation order is not their list order, and one being deleted with an out-of-sync replica |
 * | ckafka-clone007 | created 12 hours ago: younger than the 24-hour usage window |
 * | ckafka-clone008 … ckafka-clone020 | plain copies of orders (prepaid) and payments (postpaid) |
 */
import { sealEmulatorState, type EmulatorState, type InstanceState, type RouteState, type TopicState } from '../../../src/cloud/emulator';
import { DAY, IDS, T0, seedState } from './_fronts';

const GB = 1024 ** 3;

export const CLONES = {
  multiZone: 'ckafka-clone001',
  isolated: 'ckafka-clone002',
  soldOutZone: 'ckafka-clone003',
  lowStockZone: 'ckafka-clone004',
  manyTopics: 'ckafka-clone005',
  unorderedTopics: 'ckafka-clone006',
  young: 'ckafka-clone007',
} as const;

/** Ids of the plain copies, clone008 … clone020. */
export const PLAIN_CLONES: readonly string[] = Array.from({ length: 13 }, (_, i) => `ckafka-clone${String(i + 8).padStart(3, '0')}`);

/** Every instance id of {@link contractState}, in id order. */
export function contractIds(): string[] {
  return contractState()
    .instances.map((i) => i.instanceId)
    .sort();
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function topic(name: string, seq: number, fields: Partial<TopicState> = {}): TopicState {
  return {
    name,
    topicId: `topic-c${String(seq).padStart(7, '0')}`,
    partitions: 6,
    replicas: 3,
    status: 0,
    outOfSyncPartitions: [],
    dataBytes: 10 * GB,
    createTime: iso(T0.getTime() - 100 * DAY + seq * 1000),
    ...fields,
  };
}

function route(routeId: number, octet: number, fields: Partial<RouteState> = {}): RouteState {
  return { routeId, accessType: 0, vipType: 3, vip: `10.1.${octet}.10`, vport: '9092', status: 2, vpcId: 'vpc-6b2g8c1d', subnetId: 'subnet-3k9f2w7q', ...fields };
}

let sealed: EmulatorState | undefined;

/**
 * The seed fleet plus the 20 instances above, validated against the state schema once and frozen
 * (`sealEmulatorState`): every emulator starts from a copy of its own without validating it
 * again. A scenario that derives another state changes a `structuredClone` of it.
 */
export function contractState(): EmulatorState {
  sealed ??= sealEmulatorState(buildContractState());
  return sealed;
}

function buildContractState(): EmulatorState {
  const state = seedState();
  const byId = (id: string): InstanceState => {
    const found = state.instances.find((i) => i.instanceId === id);
    if (found === undefined) throw new Error(`seed instance ${id} is missing`);
    return found;
  };
  const orders = byId(IDS.orders);
  const payments = byId(IDS.payments);
  let routeId = 100;
  let octet = 100;
  const copy = (template: InstanceState, instanceId: string, name: string, fields: Partial<InstanceState> = {}): InstanceState => {
    routeId += 1;
    octet += 1;
    const base = structuredClone(template);
    return {
      ...base,
      instanceId,
      name,
      routes: [route(routeId, octet)],
      topics: base.topics.map((tp, i) => ({ ...tp, topicId: `${tp.topicId.slice(0, 10)}${instanceId.slice(-3)}${i}` })),
      ...fields,
    };
  };

  const added: InstanceState[] = [
    copy(orders, CLONES.multiZone, 'multi-zone', {
      zoneIds: [100003, 100004],
      healthy: 2,
      kafkaVersion: '3.2.3',
      diskType: 'CLOUD_SSD',
      routes: [route(201, 201, { vipType: 1, accessType: 1, vip: '119.28.1.10', vport: '29092' }), route(202, 202, { vport: '19092' })],
    }),
    copy(payments, CLONES.isolated, 'isolated', { status: 5 }),
    copy(payments, CLONES.soldOutZone, 'sold-out-zone', { zoneId: 100006, zoneIds: [100006] }),
    copy(payments, CLONES.lowStockZone, 'low-stock-zone', { zoneId: 100007, zoneIds: [100007] }),
    copy(orders, CLONES.manyTopics, 'many-topics', {
      topics: Array.from({ length: 60 }, (_, i) =>
        topic(`bulk.t${String(i).padStart(2, '0')}`, i + 1, {
          replicas: i % 7 === 0 ? 1 : i % 2 === 0 ? 2 : 3,
          partitions: 3 + (i % 5),
          ...(i === 17 ? { status: 1 as const } : {}),
          ...(i === 23 ? { outOfSyncPartitions: [0, 4] } : {}),
          ...(i === 41 ? { outOfSyncPartitions: [1] } : {}),
        }),
      ),
      routes: [route(301, 31), route(302, 32, { status: 1, vipType: 7 }), route(303, 33, { status: 3, accessType: 3 })],
    }),
    copy(orders, CLONES.unorderedTopics, 'unordered-topics', {
      topics: [
        topic('zeta.newest', 103, { createTime: iso(T0.getTime() - 1 * DAY) }),
        topic('alpha.oldest', 101, { createTime: iso(T0.getTime() - 300 * DAY) }),
        topic('mid.deleting', 102, { createTime: iso(T0.getTime() - 200 * DAY), status: 2, outOfSyncPartitions: [1] }),
      ],
    }),
    copy(orders, CLONES.young, 'young', { createTime: iso(T0.getTime() - 12 * 3600_000) }),
    ...PLAIN_CLONES.map((id, i) => (i % 2 === 0 ? copy(orders, id, `orders-copy-${i + 8}`) : copy(payments, id, `payments-copy-${i + 8}`))),
  ];
  state.instances.push(...added);
  state.counters.routes = 400;
  state.counters.topics = 200;
  return state;
}
