/**
 * Builders of CKafka API models for the adapter tests, with the values of the TCCLI examples.
 */
import type * as M from 'tencentcloud-sdk-nodejs-ckafka/tencentcloud/services/ckafka/v20190819/ckafka_models';
import type { Handler } from './fake-ckafka-server';

/** One DescribeInstancesDetail row: a running prepaid Pro instance of 400 MB/s (3200 Mbps). */
export function anInstanceDetail(overrides: Partial<M.InstanceDetail> = {}): M.InstanceDetail {
  return {
    InstanceId: 'ckafka-abc12345',
    InstanceName: 'orders',
    Vip: '10.0.0.8',
    Vport: '9092',
    VipList: [{ Vip: '10.0.0.8', Vport: '9092' }],
    Status: 1,
    Bandwidth: 3200,
    DiskSize: 6000,
    ZoneId: 100003,
    ZoneIds: [100003],
    VpcId: 'vpc-1',
    SubnetId: 'subnet-1',
    Healthy: 1,
    CreateTime: 1_700_000_000,
    ExpireTime: 1_800_000_000,
    TopicNum: 120,
    Version: '2.8.1',
    InstanceType: 'profession',
    DiskType: 'CLOUD_PREMIUM',
    MaxTopicNumber: 1000,
    MaxPartitionNumber: 2000,
    RebalanceTime: '0000-00-00 00:00:00',
    PartitionNumber: 640,
    ...overrides,
  };
}

/** Instance ids `ckafka-t0000`, `ckafka-t0001`, … */
export function ids(n: number, prefix = 'ckafka-t'): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
}

/**
 * A DescribeInstancesDetail that behaves like the API on a set of instances: InstanceIdList
 * filtering, SearchWord on names, Offset/Limit paging (Limit at most 20) and TotalCount.
 */
export function describeInstancesDetail(instances: () => readonly M.InstanceDetail[]): Handler {
  return (req) => {
    const body = req.body as M.DescribeInstancesDetailRequest;
    const limit = body.Limit ?? 10;
    if (limit > 20) return { error: { code: 'InvalidParameterValue', message: 'Limit must be at most 20' } };
    let list = [...instances()];
    if (body.InstanceIdList !== undefined) list = list.filter((d) => body.InstanceIdList?.includes(d.InstanceId ?? '') ?? false);
    if (body.SearchWord !== undefined) list = list.filter((d) => (d.InstanceName ?? '').includes(body.SearchWord ?? ''));
    const offset = body.Offset ?? 0;
    return { ok: { Result: { TotalCount: list.length, InstanceList: list.slice(offset, offset + limit) } } };
  };
}

/** A paged list action (DescribeTopicDetail, DescribeTopicSyncReplica) over fixed items. */
export function paged<T>(items: readonly T[], listKey: string): Handler {
  return (req) => {
    const body = req.body as { Offset?: number; Limit?: number };
    const offset = body.Offset ?? 0;
    const limit = body.Limit ?? 20;
    if (limit > 20) return { error: { code: 'InvalidParameterValue', message: 'Limit must be at most 20' } };
    return { ok: { Result: { TotalCount: items.length, [listKey]: items.slice(offset, offset + limit) } } };
  };
}
