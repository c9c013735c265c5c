/**
 * Units and shapes on the wire: Mbps on reads, MB/s on writes, Unix seconds, Beijing-time
 * RebalanceTime, paging, and Response objects as the SDK models declare them (golden files).
 */
import { join } from 'node:path';
import { listPrice } from '../../../src/spec/catalog';
import { BYTES_PER_GB } from '../../../src/cloud/emulator';
import { expectGolden } from '../../support/golden';
import { HOUR, IDS, MINUTE, T0, call, newEmulator, SEED_INSTANCES } from './_helpers';

const golden = (name: string) => join(__dirname, 'golden', name);

describe('units on the wire', () => {
  it('reports Bandwidth in Mbps (MB/s × 8) on reads', async () => {
    const { em } = newEmulator();
    const detail = await call(em, 'DescribeInstancesDetail', { InstanceId: IDS.orders });
    expect(detail.Result.InstanceList[0].Bandwidth).toBe(200 * 8);
    const attrs = await call(em, 'DescribeInstanceAttributes', { InstanceId: IDS.payments });
    expect(attrs.Result.Bandwidth).toBe(120 * 8);
  });

  it('takes BandWidth in MB/s on writes', async () => {
    const { em, clock } = newEmulator();
    await call(em, 'ModifyInstancePre', { InstanceId: IDS.orders, BandWidth: 300, Partition: 1600 });
    clock.advance(2 * MINUTE);
    const detail = await call(em, 'DescribeInstancesDetail', { InstanceId: IDS.orders });
    expect(detail.Result.InstanceList[0].Bandwidth).toBe(2400);
    expect(em.snapshot().instances.find((i) => i.instanceId === IDS.orders)?.bandwidthMBps).toBe(300);
  });

  it('reports ExpireTime 0 for postpaid and Unix seconds for prepaid', async () => {
    const { em } = newEmulator();
    const list = (await call(em, 'DescribeInstancesDetail', {})).Result.InstanceList as Array<Record<string, unknown>>;
    const byId = new Map(list.map((i) => [i.InstanceId, i]));
    expect(byId.get(IDS.payments)?.ExpireTime).toBe(0);
    expect(byId.get(IDS.orders)?.ExpireTime).toBe(Math.floor(T0.getTime() / 1000) + 200 * 86400);
    expect(byId.get(IDS.orders)?.CreateTime).toBe(Math.floor(T0.getTime() / 1000) - 400 * 86400);
    const attrs = await call(em, 'DescribeInstanceAttributes', { InstanceId: IDS.payments });
    expect(attrs.Result.InstanceChargeType).toBe('POSTPAID_BY_HOUR');
  });

  it('reports RebalanceTime in Beijing time, and 0000-00-00 00:00:00 when nothing is scheduled', async () => {
    const { em } = newEmulator();
    const before = await call(em, 'DescribeInstancesDetail', { InstanceId: IDS.orders });
    expect(before.Result.InstanceList[0].RebalanceTime).toBe('0000-00-00 00:00:00');
    await em.scheduleChange({ instanceId: IDS.orders, target: { bandwidthMBps: 300, diskGB: 3000, partitions: 1600 }, mode: 'stable', at: new Date('2026-03-07T18:30:00Z') });
    const after = await call(em, 'DescribeInstancesDetail', { InstanceId: IDS.orders });
    expect(after.Result.InstanceList[0].RebalanceTime).toBe('2026-03-08 02:30:00');
  });

  it('takes RebalanceTime in Unix seconds', async () => {
    const { em } = newEmulator();
    await em.scheduleChange({ instanceId: IDS.orders, target: { bandwidthMBps: 300, diskGB: 3000, partitions: 1600 }, mode: 'stable', at: new Date(T0.getTime() + HOUR) });
    const r = await call(em, 'ModifyInstanceAttributes', { InstanceId: IDS.orders, RebalanceTime: Date.parse('2026-03-03T16:00:00Z') / 1000 });
    expect(r.Result).toEqual({ ReturnCode: '0', ReturnMessage: 'ok', Data: { FlowId: 0 } });
    const after = await call(em, 'DescribeInstancesDetail', { InstanceId: IDS.orders });
    expect(after.Result.InstanceList[0].RebalanceTime).toBe('2026-03-04 00:00:00');
  });

  it('reports MaxPartitionNumber, PartitionNumber (replicas included) and MaxTopicNumber', async () => {
    const { em } = newEmulator();
    const i = (await call(em, 'DescribeInstancesDetail', { InstanceId: IDS.audit })).Result.InstanceList[0];
    expect(i.MaxPartitionNumber).toBe(800);
    expect(i.PartitionNumber).toBe(6 * 3 + 3 * 1);
    expect(i.MaxTopicNumber).toBe(400);
    expect(i.TopicNum).toBe(2);
    expect(i.InstanceType).toBe('premium');
  });

  it('prices a spec with the catalog list price, split into details', async () => {
    const { em } = newEmulator();
    const spec = { edition: 'pro' as const, bandwidthMBps: 200, diskGB: 3000, partitions: 1600 };
    const monthly = await call(em, 'InquireCkafkaPrice', {
      InstanceType: 'profession',
      Bandwidth: 200,
      InquiryDiskParam: { DiskType: 'CLOUD_PREMIUM', DiskSize: 3000 },
      Partition: 1600,
      InstanceChargeParam: { InstanceChargeType: 'PREPAID', InstanceChargePeriod: 3 },
    });
    const price = monthly.Result.InstancePrice;
    expect(price.UnitPriceDiscount).toBe(listPrice(spec, 'month', 'CLOUD_PREMIUM'));
    expect(price.TimeUnit).toBe('m');
    expect(price.TimeSpan).toBe(3);
    expect(price.DiscountPrice).toBeCloseTo(3 * price.UnitPrice, 2);
    const d = price.DetailPrices;
    expect(d.InstanceTypePrice.UnitPrice + d.DiskPrice.UnitPrice + d.PartitionPrice.UnitPrice).toBeCloseTo(price.UnitPrice, 2);
    expect(d.PartitionPrice.Value).toBe(200);
    expect(d.DiskPrice.Value).toBe(3000);
    const hourly = await call(em, 'InquireCkafkaPrice', {
      InstanceType: 'profession',
      Bandwidth: 200,
      InquiryDiskParam: { DiskType: 'CLOUD_PREMIUM', DiskSize: 3000 },
      Partition: 1600,
      InstanceChargeParam: { InstanceChargeType: 'POSTPAID_BY_HOUR' },
    });
    expect(hourly.Result.InstancePrice.UnitPrice).toBe(listPrice(spec, 'hour', 'CLOUD_PREMIUM'));
    expect(hourly.Result.InstancePrice.TimeUnit).toBe('h');
  });

  it('reports data volume in bytes and produce traffic in MB summed over the range', async () => {
    const { em } = newEmulator();
    // The whole Beijing day before T0: 86400 s at the audit instance's 4 MB/s.
    const r = await call(em, 'DescribeTopicFlowRanking', { InstanceId: IDS.audit, RankingType: 'PRO', BeginDate: '2026-03-01', EndDate: '2026-03-01' });
    const flows = r.Result.TopicFlow as Array<{ TopicName: string; TopicTraffic: string; MessageHeap: number }>;
    const total = flows.reduce((n, f) => n + Number(f.TopicTraffic), 0);
    expect(total).toBeCloseTo(4 * 86400, 0);
    const heap = (r.Result.TopicMessageHeap as Array<{ MessageHeap: number }>).reduce((n, t) => n + t.MessageHeap, 0);
    expect(heap).toBe(Math.round(120 * BYTES_PER_GB) + Math.round(2 * BYTES_PER_GB));
    expect(typeof flows[0]?.TopicTraffic).toBe('string');
  });

  it('honours exact instants in a flow ranking range', async () => {
    const { em } = newEmulator();
    const r = await call(em, 'DescribeTopicFlowRanking', {
      InstanceId: IDS.orders,
      RankingType: 'PRO',
      BeginDate: new Date(T0.getTime() - HOUR).toISOString(),
      EndDate: T0.toISOString(),
    });
    const total = (r.Result.TopicFlow as Array<{ TopicTraffic: string }>).reduce((n, f) => n + Number(f.TopicTraffic), 0);
    expect(total).toBeCloseTo(45 * 3600, 0);
  });

  it('reports zones with sold-out flags as the models declare them', async () => {
    const { em } = newEmulator();
    const r = await call(em, 'DescribeCkafkaZone', {});
    const zones = r.Result.ZoneList as Array<Record<string, unknown>>;
    expect(zones.map((z) => [z.ZoneId, z.SoldOut, z.Flag])).toEqual([
      ['100003', 'false', false],
      ['100004', 'false', false],
      ['100006', 'true', true],
      ['100007', 'false', false],
    ]);
    const pro = JSON.parse(r.Result.Profession as string);
    expect(pro.BasicEdition.Bandwidth).toEqual({ Maximum: 1200, Minimal: 20, Step: 20 });
    expect(pro.BasicEdition.Partition['240'].Minimal).toBe(1600);
    expect(pro.HighPerformanceEdition.Bandwidth).toEqual({ Maximum: 100000, Minimal: 1600, Step: 200 });
    const s2 = JSON.parse(r.Result.StandardS2 as string);
    expect(s2.InstanceTypeConfigSet.map((t: { Bandwidth: number }) => t.Bandwidth)).toEqual([320, 800, 1200]);
  });
});

describe('paging', () => {
  it('pages DescribeInstancesDetail with Offset and Limit (default 10)', async () => {
    const { em } = newEmulator();
    const all = await call(em, 'DescribeInstancesDetail', {});
    expect(all.Result.TotalCount).toBe(SEED_INSTANCES);
    expect(all.Result.InstanceList).toHaveLength(10);
    const page = await call(em, 'DescribeInstancesDetail', { Offset: 4, Limit: 4 });
    expect(page.Result.TotalCount).toBe(SEED_INSTANCES);
    expect(page.Result.InstanceList.map((i: { InstanceId: string }) => i.InstanceId)).toEqual([IDS.audit, IDS.legacy, 'ckafka-8cq3d5of', 'ckafka-6kx1c7lm']);
  });

  it('filters DescribeInstancesDetail by ids, status, search word, tags and filters', async () => {
    const { em } = newEmulator();
    const ids = (r: Awaited<ReturnType<typeof call>>) => r.Result.InstanceList.map((i: { InstanceId: string }) => i.InstanceId);
    expect(ids(await call(em, 'DescribeInstancesDetail', { InstanceIdList: [IDS.audit, IDS.orders, 'ckafka-00000000'] }))).toEqual([IDS.orders, IDS.audit]);
    await call(em, 'InstanceScalingDown', { InstanceId: IDS.payments, Partition: 1300, UpgradeStrategy: 1 });
    expect(ids(await call(em, 'DescribeInstancesDetail', { Status: [7] }))).toEqual([IDS.payments]);
    expect(ids(await call(em, 'DescribeInstancesDetail', { SearchWord: 'CLICK' }))).toEqual([IDS.clickstream, 'ckafka-6kx1c7lm']);
    expect(ids(await call(em, 'DescribeInstancesDetail', { TagList: [{ TagKey: 'team', TagValue: 'security' }] }))).toEqual([IDS.audit]);
    expect(ids(await call(em, 'DescribeInstancesDetail', { Filters: [{ Name: 'InstanceType', Values: ['standards2'] }] }))).toEqual([IDS.legacy]);
    expect(ids(await call(em, 'DescribeInstancesDetail', { Filters: [{ Name: 'Ip', Values: ['10.0.15.10'] }] }))).toEqual([IDS.audit]);
  });

  it('pages DescribeTopicDetail, newest first by default', async () => {
    const { em } = newEmulator();
    const r = await call(em, 'DescribeTopicDetail', { InstanceId: IDS.orders, Limit: 2 });
    expect(r.Result.TotalCount).toBe(3);
    expect(r.Result.TopicList.map((t: { TopicName: string }) => t.TopicName)).toEqual(['orders.dlq', 'orders.updated']);
    const rest = await call(em, 'DescribeTopicDetail', { InstanceId: IDS.orders, Offset: 2, Limit: 2 });
    expect(rest.Result.TopicList.map((t: { TopicName: string }) => t.TopicName)).toEqual(['orders.created']);
    const byPartitions = await call(em, 'DescribeTopicDetail', { InstanceId: IDS.orders, OrderBy: 'PartitionNum', OrderType: 0 });
    expect(byPartitions.Result.TopicList.map((t: { PartitionNum: number }) => t.PartitionNum)).toEqual([6, 24, 24]);
  });

  it('pages DescribeTopicSyncReplica per topic, and filters out-of-sync replicas', async () => {
    const { em } = newEmulator();
    const all = await call(em, 'DescribeTopicSyncReplica', { InstanceId: IDS.audit, TopicName: 'audit.trail', Limit: 4 });
    expect(all.Result.TotalCount).toBe(6);
    expect(all.Result.TopicInSyncReplicaList).toHaveLength(4);
    const bad = await call(em, 'DescribeTopicSyncReplica', { InstanceId: IDS.audit, TopicName: 'audit.trail', OutOfSyncReplicaOnly: true });
    expect(bad.Result.TotalCount).toBe(1);
    const row = bad.Result.TopicInSyncReplicaList[0];
    // Named as the documented answer names partitions.
    expect(row.Partition).toBe('partition-2');
    expect(row.OutOfSyncReplica).not.toBe('');
    expect(row.Replica.split(',')).toHaveLength(3);
    expect(row.InSyncReplica.split(',')).toHaveLength(2);
  });
});

describe('response shapes (golden)', () => {
  it('DescribeInstancesDetail of the seed fleet', async () => {
    const { em } = newEmulator();
    expectGolden(golden('describe-instances-detail.json'), `${JSON.stringify(await em.handleAction('DescribeInstancesDetail', {}), null, 2)}\n`);
  });

  it('DescribeInstanceAttributes, DescribeRoute and DescribeTopicDetail of one instance', async () => {
    const { em } = newEmulator();
    const out = {
      DescribeInstanceAttributes: await em.handleAction('DescribeInstanceAttributes', { InstanceId: IDS.orders }),
      DescribeRoute: await em.handleAction('DescribeRoute', { InstanceId: IDS.orders }),
      DescribeTopicDetail: await em.handleAction('DescribeTopicDetail', { InstanceId: IDS.orders, Limit: 1 }),
      DescribeModifyType: await em.handleAction('DescribeModifyType', {
        InstanceId: IDS.orders,
        // Mbps, as the documented request reads (600 MB/s).
        BandWidth: 4800,
        DiskSize: 6000,
        DiskType: 'CLOUD_PREMIUM',
        Partition: 2400,
        Topic: 3,
        Type: 'sp_ckafka_profession',
      }),
    };
    expectGolden(golden('one-instance.json'), `${JSON.stringify(out, null, 2)}\n`);
  });

  it('the write actions', async () => {
    const { em } = newEmulator();
    const out = {
      ModifyInstancePre: await em.handleAction('ModifyInstancePre', { InstanceId: IDS.orders, BandWidth: 300, Partition: 1600 }),
      InstanceScalingDown: await em.handleAction('InstanceScalingDown', { InstanceId: IDS.payments, BandWidth: 160, UpgradeStrategy: 2 }),
      ModifyInstanceAttributes: await em.handleAction('ModifyInstanceAttributes', { InstanceId: IDS.audit }),
      CreatePostPaidInstance: await em.handleAction('CreatePostPaidInstance', { VpcId: 'vpc-6b2g8c1d', SubnetId: 'subnet-3k9f2w7q', ZoneId: 100004, InstanceName: 'new' }),
      DeleteInstancePost: await em.handleAction('DeleteInstancePost', { InstanceId: IDS.clickstream }),
      DescribeTaskStatus: await em.handleAction('DescribeTaskStatus', { FlowId: 1 }),
    };
    expectGolden(golden('write-actions.json'), `${JSON.stringify(out, null, 2)}\n`);
  });
});
