/** The Tencent adapter end to end (_adapter-harness.ts): the preflight's facts, its rate limit, and the facts that fail. */
import type * as M from 'tencentcloud-sdk-nodejs-ckafka/tencentcloud/services/ckafka/v20190819/ckafka_models';
import type { TencentCkafkaCloud } from '../../../src/cloud/tencent/tencent-ckafka-cloud';
import { mapInstanceDetail } from '../../../src/cloud/tencent/mapping';
import type { ObservedInstance } from '../../../src/spec/observed';
import { rejection } from '../../support/rejection';
import { gaps, useAdapterHarness } from './_adapter-harness';
import { anInstanceDetail, paged } from './fixtures';

const h = useAdapterHarness();
const { makeCloud, timedTransport } = h;

describe('preflight', () => {
  const GIB = 1024 ** 3;
  /** 45 topics: every 5th single-replica, topic 7 being deleted, the others 3 replicas. */
  const topics: M.TopicDetail[] = Array.from({ length: 45 }, (_, i) => ({
    TopicName: `topic-${String(i).padStart(2, '0')}`,
    PartitionNum: 6,
    ReplicaNum: i % 5 === 0 ? 1 : 3,
    Status: i === 7 ? 2 : 0,
  }));
  const checked = topics.filter((t) => t.ReplicaNum === 3 && t.Status === 0).map((t) => t.TopicName);
  /** topic-01: 2 partitions out of sync; topic-02: 25 (two pages). */
  const lagging: Record<string, M.TopicInSyncReplicaInfo[]> = {
    'topic-01': [
      { Partition: '0', Replica: '1,2,3', InSyncReplica: '1,2', OutOfSyncReplica: '3' },
      { Partition: '4', Replica: '1,2,3', InSyncReplica: '1,3', OutOfSyncReplica: '2' },
    ],
    'topic-02': Array.from({ length: 25 }, (_, p) => ({ Partition: String(p), OutOfSyncReplica: '2' })),
  };
  function happyCloud(): TencentCkafkaCloud {
    h.server
      .on('DescribeRoute', () => ({
        ok: {
          Result: {
            Routers: [
              { RouteId: 1, Status: 2, AccessType: 0, VipType: 3, VipList: [{ Vip: '10.0.0.8', Vport: '9092' }] },
              { RouteId: 2, Status: 3, AccessType: 3, VipType: 1, VipList: [{ Vip: '1.2.3.4', Vport: '9093' }] },
            ],
          },
        },
      }))
      .on('DescribeTopicDetail', paged(topics, 'TopicList'))
      .on('DescribeTopicSyncReplica', (req) => paged(lagging[req.body.TopicName as string] ?? [], 'TopicInSyncReplicaList')(req))
      .on('DescribeInstanceAttributes', () => ({ ok: { Result: { InstanceId: 'ckafka-abc12345', MaxMessageByte: 8_388_608 } } }))
      .on('DescribeCkafkaZone', () => ({ ok: { Result: { ZoneList: [{ ZoneId: '100003', SoldOut: 'false' }] } } }))
      .on('DescribeTopicFlowRanking', () => ({
        ok: {
          Result: {
            TopicFlow: [{ TopicName: 'topic-01', TopicTraffic: '864000', MessageHeap: 1 }],
            TopicMessageHeap: [
              { TopicName: 'topic-01', MessageHeap: 1500 * GIB },
              { TopicName: 'topic-02', MessageHeap: 548 * GIB },
            ],
          },
        },
      }));
    return makeCloud();
  }

  const instance = (): ObservedInstance => mapInstanceDetail(anInstanceDetail());

  it('gathers every fact with the documented page sizes and one sync check per replicated live topic', async () => {
    const cloud = happyCloud();
    const facts = await cloud.preflight(instance());
    expect(facts.routes.map((r) => [r.routeId, r.healthy])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(facts.topics).toHaveLength(45);
    expect(facts.outOfSync).toEqual([
      { topic: 'topic-01', partitions: ['0', '4'] },
      { topic: 'topic-02', partitions: Array.from({ length: 25 }, (_, p) => String(p)) },
    ]);
    expect(facts).toMatchObject({ maxMessageBytes: 8_388_608, zoneInStock: true, diskUsedGB: 2048, produceMBps: 10 });
    expect(facts.errors).toBeUndefined();

    const stats = cloud.stats();
    expect(stats.calls.DescribeTopicDetail).toBe(3); // 45 topics, 20 a page
    // One call per checked topic, plus a second page for topic-02's 25 partitions.
    expect(stats.calls.DescribeTopicSyncReplica).toBe(checked.length + 1);
    const syncBodies = h.server.calls('DescribeTopicSyncReplica').map((r) => r.body);
    expect(new Set(syncBodies.map((b) => b.TopicName))).toEqual(new Set(checked));
    for (const b of syncBodies) expect(b).toMatchObject({ InstanceId: 'ckafka-abc12345', OutOfSyncReplicaOnly: true, Limit: 20 });
    expect(h.server.calls('DescribeTopicDetail')[0]?.body).toEqual({ InstanceId: 'ckafka-abc12345', Offset: 0, Limit: 20, OrderBy: 'CreateTime', OrderType: 0 });
    const ranking = h.server.calls('DescribeTopicFlowRanking')[0]?.body;
    expect(ranking).toEqual({ InstanceId: 'ckafka-abc12345', RankingType: 'PRO', BeginDate: '2026-05-31T12:00:00+00:00', EndDate: '2026-06-01T12:00:00+00:00' });
  });

  it('keeps DescribeTopicSyncReplica under its 5/s limit', async () => {
    happyCloud();
    const sent: Record<string, number[]> = {};
    const start = h.clock.nowMs();
    await makeCloud({ transport: timedTransport(sent) }).preflight(instance());
    expect(sent.DescribeTopicSyncReplica).toHaveLength(checked.length + 1);
    for (const gap of gaps(sent.DescribeTopicSyncReplica)) expect(gap).toBeGreaterThanOrEqual(200);
    // The other facts' calls were not held back behind the slow action.
    expect(Math.max(...(sent.DescribeRoute ?? []), ...(sent.DescribeCkafkaZone ?? [])) - start).toBeLessThan(200);
  });

  it('reports optional facts that fail instead of inventing them', async () => {
    const cloud = happyCloud();
    h.server.on('DescribeCkafkaZone', () => ({ error: { code: 'UnauthorizedOperation', message: 'no permission' } }));
    h.server.on('DescribeTopicFlowRanking', () => ({ error: { code: 'InternalError', message: 'monitor down' } }));
    const facts = await cloud.preflight(instance());
    expect(facts.zoneInStock).toBeUndefined();
    expect(facts.diskUsedGB).toBeUndefined();
    expect(facts.produceMBps).toBeUndefined();
    expect(facts.maxMessageBytes).toBe(8_388_608);
    expect(facts.errors?.map((e) => [e.what, e.fact, e.code])).toEqual([
      ['preflight', 'zoneInStock', 'UnauthorizedOperation'],
      ['preflight', 'diskUsedGB', 'InternalError'],
      ['preflight', 'produceMBps', 'InternalError'],
    ]);
  });

  it('rejects when routes cannot be read, rather than report no routes', async () => {
    const cloud = happyCloud();
    h.server.on('DescribeRoute', () => ({ error: { code: 'AuthFailure.UnauthorizedOperation', message: 'denied' } }));
    const e = await rejection(cloud.preflight(instance()));
    expect([e.kind, e.code]).toEqual(['auth', 'AuthFailure.UnauthorizedOperation']);
    expect(e.message).toContain('routes could not be gathered');
  });

  it('keeps out-of-sync replicas it found when some topics cannot be checked, and says so', async () => {
    const cloud = happyCloud();
    const inner = paged(lagging['topic-01'] ?? [], 'TopicInSyncReplicaList');
    h.server.on('DescribeTopicSyncReplica', (req) =>
      req.body.TopicName === 'topic-01' ? inner(req) : req.body.TopicName === 'topic-03' ? { error: { code: 'InvalidParameterValue', message: 'gone' } } : paged([], 'x')(req),
    );
    const facts = await cloud.preflight(instance());
    expect(facts.outOfSync).toEqual([{ topic: 'topic-01', partitions: ['0', '4'] }]);
    expect(facts.errors?.[0]).toMatchObject({ fact: 'outOfSync', code: 'InvalidParameterValue' });
    expect(facts.errors?.[0]?.message).toContain(`1 of ${checked.length} topics`);
  });

  it('rejects when topics could not be checked and none were found out of sync', async () => {
    const cloud = happyCloud();
    h.server.on('DescribeTopicSyncReplica', (req) =>
      req.body.TopicName === 'topic-03' ? { error: { code: 'InvalidParameterValue', message: 'gone' } } : paged([], 'x')(req),
    );
    const e = await rejection(cloud.preflight(instance()));
    expect(e.message).toContain('outOfSync could not be gathered');
  });
});
