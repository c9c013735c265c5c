import type * as M from 'tencentcloud-sdk-nodejs-ckafka/tencentcloud/services/ckafka/v20190819/ckafka_models';
import { CloudError } from '../../../src/cloud/port';
import {
  bandwidthMBpsFromMbps,
  mapInstanceDetail,
  mapModifyType,
  mapPrice,
  mapRoute,
  mapTopic,
  modifyTypeOf,
  outOfSyncPartitions,
  parseRebalanceTime,
  MODIFY_TYPE_READINGS,
  toDescribeModifyType,
  toInquireCkafkaPrice,
  usageFromFlowRanking,
  zoneStock,
} from '../../../src/cloud/tencent/mapping';
import { deleteCall, retimeCall, specChangeCall, upgradeStrategyOf } from '../../../src/cloud/tencent/api-calls';
import type { ObservedInstance } from '../../../src/spec/observed';
import { anInstanceDetail } from './fixtures';

describe('bandwidth units: read APIs report Mbps, ckafka-iac holds MB/s', () => {
  // The TCCLI examples' InstanceDetail.Bandwidth values and the MB/s the console shows for them.
  it.each([
    [160, 20],
    [800, 100],
    [1200, 150],
    [1600, 200],
    [3200, 400],
    [19200, 2400],
  ])('Bandwidth %i Mbps → %i MB/s', (mbps, mbytes) => {
    expect(bandwidthMBpsFromMbps(mbps)).toBe(mbytes);
    expect(mapInstanceDetail(anInstanceDetail({ Bandwidth: mbps })).bandwidthMBps).toBe(mbytes);
  });

  it.each([
    [20, 20],
    [400, 400],
    [2400, 2400],
  ])('writes send MB/s as given: %i MB/s → BandWidth %i', (mbytes, sent) => {
    const change = { bandwidthMBps: mbytes, diskGB: 6000, partitions: 2400, mode: 'stable' as const };
    expect(specChangeCall('ckafka-a', 'PREPAID', change).params.BandWidth).toBe(sent);
    expect(specChangeCall('ckafka-a', 'POSTPAID_BY_HOUR', change).params.BandWidth).toBe(sent);
    expect(toInquireCkafkaPrice({ edition: 'pro', bandwidthMBps: mbytes, diskGB: 6000, partitions: 2400, chargeType: 'PREPAID', diskType: 'CLOUD_SSD', zoneId: 1 }).Bandwidth).toBe(sent);
  });
});

describe('mapInstanceDetail', () => {
  it('maps every field of a prepaid Pro instance', () => {
    expect(mapInstanceDetail(anInstanceDetail())).toEqual<ObservedInstance>({
      instanceId: 'ckafka-abc12345',
      name: 'orders',
      edition: 'pro',
      instanceType: 'profession',
      status: 'running',
      statusCode: 1,
      bandwidthMBps: 400,
      diskGB: 6000,
      partitions: 2000,
      partitionsUsed: 640,
      topicsUsed: 120,
      diskType: 'CLOUD_PREMIUM',
      chargeType: 'PREPAID',
      expiresAt: '2027-01-15T08:00:00.000Z',
      zoneId: 100003,
      zoneIds: [100003],
      vpcId: 'vpc-1',
      subnetId: 'subnet-1',
      endpoints: [{ vip: '10.0.0.8', vport: '9092' }],
      kafkaVersion: '2.8.1',
      healthy: 1,
    });
  });

  it.each([
    [0, 'POSTPAID_BY_HOUR', undefined],
    [1_800_000_000, 'PREPAID', '2027-01-15T08:00:00.000Z'],
  ])('ExpireTime %i → %s', (expire, chargeType, expiresAt) => {
    const o = mapInstanceDetail(anInstanceDetail({ ExpireTime: expire }));
    expect(o.chargeType).toBe(chargeType);
    expect(o.expiresAt).toBe(expiresAt);
  });

  it.each([
    ['profession', 'pro'],
    ['premium', 'advanced'],
    ['standards2', 'standard'],
    ['standard', 'standard'],
    ['serverless', undefined],
  ])('InstanceType %s → edition %s', (type, edition) => {
    expect(mapInstanceDetail(anInstanceDetail({ InstanceType: type })).edition).toBe(edition);
  });

  it.each([
    [1, 'running'],
    [7, 'upgrading'],
    [0, 'creating'],
    [5, 'isolated'],
    [-1, 'create-failed'],
    [42, 'unknown'],
  ])('Status %i → %s', (code, status) => {
    expect(mapInstanceDetail(anInstanceDetail({ Status: code })).status).toBe(status);
  });

  it('falls back to Vip/Vport when VipList is empty', () => {
    expect(mapInstanceDetail(anInstanceDetail({ VipList: [], Vip: '10.1.1.1', Vport: '9093' })).endpoints).toEqual([{ vip: '10.1.1.1', vport: '9093' }]);
    expect(mapInstanceDetail(anInstanceDetail({ VipList: [], Vip: '' })).endpoints).toEqual([]);
  });

  it('reads a scheduled rebalance as UTC', () => {
    expect(mapInstanceDetail(anInstanceDetail({ RebalanceTime: '2023-07-04 10:30:58' })).rebalanceAt).toBe('2023-07-04T02:30:58.000Z');
  });

  it.each(['Bandwidth', 'DiskSize', 'MaxPartitionNumber', 'PartitionNumber', 'TopicNum', 'Status', 'ExpireTime', 'InstanceType', 'InstanceId'] as const)(
    'fails on a missing %s instead of guessing',
    (field) => {
      const d: M.InstanceDetail = { ...anInstanceDetail() };
      delete d[field];
      expect(() => mapInstanceDetail(d)).toThrow(CloudError);
      try {
        mapInstanceDetail(d);
      } catch (e) {
        expect((e as CloudError).code).toBe('ClientError.UnexpectedResponse');
        expect((e as CloudError).message).toContain(field);
      }
    },
  );
});

describe('parseRebalanceTime (Beijing wall time, UTC+8)', () => {
  it.each([
    ['0000-00-00 00:00:00', undefined],
    ['', undefined],
    [undefined, undefined],
    [null, undefined],
    ['2023-07-04 10:30:58', '2023-07-04T02:30:58.000Z'],
    ['2026-01-01 03:00:00', '2025-12-31T19:00:00.000Z'],
  ])('%p → %p', (value, iso) => {
    expect(parseRebalanceTime(value)).toBe(iso);
  });

  it.each(['2023/07/04 10:30', 'tomorrow', '2023-13-45 99:00:00'])('fails on %p', (value) => {
    expect(() => parseRebalanceTime(value, 'ckafka-x')).toThrow(/RebalanceTime "/);
  });
});

describe('API calls of the steps', () => {
  it('a prepaid change is ModifyInstancePre with all three target values and no mode', () => {
    expect(specChangeCall('ckafka-a', 'PREPAID', { bandwidthMBps: 400, diskGB: 6000, partitions: 2400, mode: 'high-speed' })).toEqual({
      action: 'ModifyInstancePre',
      params: { InstanceId: 'ckafka-a', BandWidth: 400, DiskSize: 6000, Partition: 2400 },
    });
  });

  it.each([
    ['stable', 1],
    ['high-speed', 2],
  ] as const)('a postpaid change is InstanceScalingDown, mode %s → UpgradeStrategy %i', (mode, strategy) => {
    expect(upgradeStrategyOf(mode)).toBe(strategy);
    expect(specChangeCall('ckafka-a', 'POSTPAID_BY_HOUR', { bandwidthMBps: 200, diskGB: 3000, partitions: 1400, mode })).toEqual({
      action: 'InstanceScalingDown',
      params: { InstanceId: 'ckafka-a', BandWidth: 200, DiskSize: 3000, Partition: 1400, UpgradeStrategy: strategy },
    });
  });

  it('a re-time is ModifyInstanceAttributes with RebalanceTime in whole Unix seconds', () => {
    expect(retimeCall('ckafka-a', new Date('2026-03-07T17:00:00.900Z'))).toEqual({
      action: 'ModifyInstanceAttributes',
      params: { InstanceId: 'ckafka-a', RebalanceTime: Date.parse('2026-03-07T17:00:00Z') / 1000 },
    });
  });

  it.each([
    ['PREPAID', 'DeleteInstancePre'],
    ['POSTPAID_BY_HOUR', 'DeleteInstancePost'],
  ] as const)('a %s instance is deleted with %s', (chargeType, action) => {
    expect(deleteCall('ckafka-a', chargeType)).toEqual({ action, params: { InstanceId: 'ckafka-a' } });
  });
});

describe('DescribeModifyType', () => {
  it.each([
    ['pro', 'sp_ckafka_profession'],
    ['advanced', 'sp_ckafka_premium'],
    ['standard', 'sp_ckafka_standards2'],
  ] as const)('edition %s → Type %s', (edition, type) => {
    expect(modifyTypeOf(edition)).toBe(type);
  });

  it('builds one request per reading of BandWidth (MB/s, then Mbps) from the observation and the target', () => {
    const observed = mapInstanceDetail(anInstanceDetail());
    const base = { InstanceId: 'ckafka-abc12345', DiskSize: 9000, DiskType: 'CLOUD_PREMIUM', Partition: 2600, Topic: 120, Type: 'sp_ckafka_profession' };
    expect(MODIFY_TYPE_READINGS).toEqual(['MB/s', 'Mbps']);
    expect(toDescribeModifyType(observed, { edition: 'pro', bandwidthMBps: 800, diskGB: 9000, partitions: 2600 })).toEqual([
      { ...base, BandWidth: 800 },
      { ...base, BandWidth: 6400 },
    ]);
  });

  it('reads MigrateFlag, ModifyType and the estimates older endpoints still send', () => {
    expect(mapModifyType({ ModifyType: 1, MigrateFlag: true, MigrateCostTime: 17066 } as M.DescModifyType, 'x')).toEqual({
      required: true,
      modifyType: 1,
      cloudEstimateSeconds: { stable: 17066 },
    });
    expect(mapModifyType({ MigrateFlag: false }, 'x')).toEqual({ required: false });
  });

  it('fails without MigrateFlag', () => {
    expect(() => mapModifyType({ ModifyType: 1 }, 'ckafka-x')).toThrow(/no MigrateFlag for ckafka-x/);
  });
});

describe('InquireCkafkaPrice', () => {
  it.each([
    ['PREPAID', { InstanceChargeType: 'PREPAID', InstanceChargePeriod: 1 }],
    ['POSTPAID_BY_HOUR', { InstanceChargeType: 'POSTPAID_BY_HOUR' }],
  ] as const)('%s request', (chargeType, chargeParam) => {
    expect(
      toInquireCkafkaPrice({ edition: 'pro', bandwidthMBps: 40, diskGB: 500, partitions: 800, chargeType, diskType: 'CLOUD_SSD', zoneId: 100001 }),
    ).toEqual({
      InstanceType: 'profession',
      InstanceChargeParam: chargeParam,
      InstanceNum: 1,
      Bandwidth: 40,
      InquiryDiskParam: { DiskType: 'CLOUD_SSD', DiskSize: 500 },
      Partition: 800,
      ZoneIds: [100001],
    });
  });

  it('prices Standard by its fixed type', () => {
    const r = toInquireCkafkaPrice({ edition: 'standard', bandwidthMBps: 100, diskGB: 1500, partitions: 100, chargeType: 'PREPAID', diskType: 'CLOUD_BASIC', zoneId: 1 });
    expect(r.InstanceType).toBe('standards2');
    expect(r.BillType).toBe('sv_ckafka_instance_s2_2');
  });

  it.each([
    [{ DiscountPrice: 67.67, Currency: 'CNY', TimeSpan: 1, TimeUnit: 'm' }, 'PREPAID', { currency: 'CNY', amount: 67.67, per: 'month' }],
    [{ DiscountPrice: 9.4, Currency: 'CNY', TimeSpan: 1, TimeUnit: 'h' }, 'POSTPAID_BY_HOUR', { currency: 'CNY', amount: 9.4, per: 'hour' }],
    [{ DiscountPrice: 30, Currency: 'USD' }, 'POSTPAID_BY_HOUR', { currency: 'USD', amount: 30, per: 'hour' }],
  ] as const)('maps %j (%s)', (price, chargeType, quote) => {
    expect(mapPrice({ InstancePrice: price }, chargeType)).toEqual(quote);
  });

  it('fails without a price', () => {
    expect(() => mapPrice({}, 'PREPAID')).toThrow(/DiscountPrice/);
  });
});

describe('preflight models', () => {
  it.each([
    [2, true],
    [1, false],
    [3, false],
    [6, false],
  ])('route Status %i → healthy %s', (status, healthy) => {
    expect(mapRoute({ RouteId: 7, Status: status, AccessType: 0, VipType: 3, VipList: [{ Vip: '10.0.0.9', Vport: '9092' }] })).toEqual({
      routeId: 7,
      statusCode: status,
      healthy,
      accessType: 0,
      vipType: 3,
      endpoints: [{ vip: '10.0.0.9', vport: '9092' }],
    });
  });

  it('reports a route without status as status -1, not healthy', () => {
    expect(mapRoute({ RouteId: 1 })).toMatchObject({ statusCode: -1, healthy: false });
  });

  it('maps a topic, and a topic without status as -1', () => {
    expect(mapTopic({ TopicName: 't', PartitionNum: 6, ReplicaNum: 3, Status: 0 })).toEqual({ name: 't', partitions: 6, replicas: 3, statusCode: 0 });
    expect(mapTopic({ TopicName: 't', PartitionNum: 6, ReplicaNum: 3 }).statusCode).toBe(-1);
    expect(() => mapTopic({ PartitionNum: 1, ReplicaNum: 1 })).toThrow(CloudError);
  });

  it.each([
    [[{ Partition: '0', OutOfSyncReplica: '2' }], ['0']],
    [[{ Partition: '1', OutOfSyncReplica: '' , Replica: '1,2,3', InSyncReplica: '1,2,3' }], []],
    [[{ Partition: '2', Replica: '1,2,3', InSyncReplica: '1,3' }], ['2']],
    [[{ Partition: '3' }], []],
  ])('out-of-sync partitions of %j → %j', (list, expected) => {
    expect(outOfSyncPartitions(list)).toEqual(expected);
  });

  const instance = mapInstanceDetail(anInstanceDetail({ ZoneId: 100003, ZoneIds: [100003], Version: '2.8.1' }));
  const zone = (z: Partial<M.ZoneInfo>): M.ZoneInfo => ({ ZoneId: '100003', SoldOut: 'false', ...z });

  it.each([
    ['zone SoldOut false', [zone({})], { inStock: true }],
    ['zone SoldOut true', [zone({ SoldOut: 'true' })], { inStock: false }],
    [
      'platform+version entry decides',
      [zone({ SoldOut: 'true', SalesInfo: [{ Platform: 'profession', Version: '2.8.1', SoldOut: false }, { Platform: 'profession', Version: '2.4.1', SoldOut: true }] })],
      { inStock: true },
    ],
    [
      'platform entries all sold out',
      [zone({ SalesInfo: [{ Platform: 'profession', Version: '3.2.3', SoldOut: true }, { Platform: 'premium', Version: '2.8.1', SoldOut: false }] })],
      { inStock: false },
    ],
    ['zone not listed', [zone({ ZoneId: '100004' })], { missingZones: [100003] }],
  ])('%s', (_name, zones, expected) => {
    expect(zoneStock(zones, instance)).toEqual(expected);
  });

  it('a multi-zone instance is in stock only if every zone is', () => {
    const multi: ObservedInstance = { ...instance, zoneIds: [100003, 100004] };
    expect(zoneStock([zone({}), zone({ ZoneId: '100004', SoldOut: 'true' })], multi)).toEqual({ inStock: false });
  });

  it('sums MessageHeap bytes to GB and TopicTraffic MB over the range to MB/s', () => {
    const gib = 1024 ** 3;
    expect(
      usageFromFlowRanking(
        {
          TopicFlow: [
            { TopicName: 'a', TopicTraffic: '43200', MessageHeap: 1 },
            { TopicName: 'b', TopicTraffic: '43200', MessageHeap: 1 },
          ],
          TopicMessageHeap: [
            { TopicName: 'a', MessageHeap: 300 * gib },
            { TopicName: 'b', MessageHeap: 212 * gib },
          ],
        },
        86400,
      ),
    ).toEqual({ diskUsedGB: 512, produceMBps: 1 });
    expect(usageFromFlowRanking({ TopicFlow: [{ TopicTraffic: '86400', MessageHeap: 2 * gib }] }, 86400)).toEqual({ diskUsedGB: 2, produceMBps: 1 });
    expect(usageFromFlowRanking({}, 86400)).toEqual({});
  });
});
