/**
 * `ckafka doctor`'s checks, fed through a fake transport under the real adapter: every known
 * divergence of docs/sources.md's API points in one answer or another, each of which must be
 * reported, by check, severity and instance; what the DescribeModifyType probe settles of the
 * BandWidth unit; and the redaction of a report.
 */
import type * as M from 'tencentcloud-sdk-nodejs-ckafka/tencentcloud/services/ckafka/v20190819/ckafka_models';
import { hasDivergence, redactDiagnosis, type Diagnosis } from '../../../src/cloud/diagnosis';
import { TencentCkafkaCloud } from '../../../src/cloud/tencent';
import { readUnitProbe } from '../../../src/cloud/tencent/diagnose-settlements';
import { CloudError } from '../../../src/cloud/port';
import type { CkafkaTransport } from '../../../src/cloud/transport';
import { anInstanceDetail } from './fixtures';

const NOW = new Date('2026-06-01T12:00:00Z');
const clock = { now: () => NOW, sleep: async () => undefined };

type Handler = (params: Record<string, unknown>) => Record<string, unknown>;

/** A transport answering each action with a handler's `Result`, or the error it throws (an API error, as the SDK throws one). */
function fakeTransport(handlers: Record<string, Handler>): CkafkaTransport {
  let n = 0;
  return {
    async request(action, params) {
      n += 1;
      const handler = handlers[action];
      if (handler === undefined) throw Object.assign(new Error(`no fake for ${action}`), { code: 'InvalidAction', requestId: `req-${n}` });
      return { Result: handler(params as Record<string, unknown>), RequestId: `req-${n}` } as never;
    },
    close: () => undefined,
  };
}

function refuse(code: string, message: string): never {
  throw Object.assign(new Error(message), { code, requestId: 'req-refused' });
}

const A = 'ckafka-aaaaaaa1'; // prepaid, everything as documented
const B = 'ckafka-bbbbbbb2'; // postpaid, elastic storage
const C = 'ckafka-ccccccc3'; // 150 MB/s, a past RebalanceTime
const D = 'ckafka-ddddddd4'; // no MaxPartitionNumber

const DETAILS: M.InstanceDetail[] = [
  anInstanceDetail({ InstanceId: A }),
  anInstanceDetail({ InstanceId: B, ExpireTime: 0, DiskSize: -1 }),
  anInstanceDetail({ InstanceId: C, Bandwidth: 1200, DiskSize: 1000, MaxPartitionNumber: 1200, RebalanceTime: '2023-07-04 10:30:58' }),
  { ...anInstanceDetail({ InstanceId: D }), MaxPartitionNumber: undefined },
];

/** A cloud whose answers hold one divergence or another, and read DescribeModifyType's BandWidth as MB/s. */
function divergentCloud(): Record<string, Handler> {
  return {
    DescribeInstancesDetail: () => ({ TotalCount: DETAILS.length, InstanceList: DETAILS }),
    DescribeCkafkaZone: () => ({
      ZoneList: [{ ZoneId: '100003', SoldOut: 'false', Flag: true, ZoneStatus: 4, SalesInfo: [{ Platform: 'profession', Version: '2.8.1', SoldOut: false, Flag: false }] }],
    }),
    DescribeInstanceAttributes: (p) => (p.InstanceId === A ? { InstanceId: A } : { InstanceId: p.InstanceId, MaxMessageByte: 1048576 }),
    DescribeRoute: (p) => ({ Routers: [{ RouteId: 1, VipType: 3, AccessType: 0, VipList: [{ Vip: '10.0.0.8', Vport: '9092' }], ...(p.InstanceId === A ? {} : { Status: 2 }) }] }),
    DescribeTopicDetail: (p) =>
      p.InstanceId === B ? refuse('UnsupportedOperation', 'console only') : { TotalCount: 1, TopicList: [{ TopicName: 'orders.v1', PartitionNum: 12, ReplicaNum: 3, Status: 0, CreateTime: 1 }] },
    DescribeTopicSyncReplica: () => ({
      TotalCount: 1,
      TopicInSyncReplicaList: [{ Partition: 'partition-0', Replica: '1,2,3', InSyncReplica: '1,2,3', OutOfSyncReplica: '' }],
    }),
    DescribeTopicFlowRanking: (p) => ({ TopicFlow: [{ TopicName: 'orders.v1', TopicTraffic: p.InstanceId === C ? 'a lot' : '12.50', MessageHeap: 1024 }] }),
    InquireCkafkaPrice: () => ({ InstancePrice: { DiscountPrice: 100, TimeUnit: 'm', Currency: 'CNY' } }),
    // BandWidth read as MB/s: the instance's own bandwidth migrates nothing, 8 times it does.
    DescribeModifyType: (p) => ({ ModifyType: 1, MigrateFlag: (p.BandWidth as number) > 400 }),
  };
}

function cloudOf(handlers: Record<string, Handler>): TencentCkafkaCloud {
  return new TencentCkafkaCloud({ region: 'ap-guangzhou', transport: fakeTransport(handlers), clock, random: () => 0.5, retry: { maxAttempts: 1 } });
}

describe('doctor reports each known divergence', () => {
  let report: Diagnosis;
  beforeAll(async () => {
    report = await cloudOf(divergentCloud()).diagnose({ sample: 10 });
  });

  it.each<[string, string, string, string | undefined, RegExp]>([
    ['DiskSize -1 (elastic storage)', 'elastic-storage', 'handled', B, /reports DiskSize -1: read as elastic storage/],
    ['a running value off the sale step', 'off-step-running', 'handled', C, /runs bandwidthMBps 150, off the sale step/],
    ['a RebalanceTime in the past', 'past-rebalance-time', 'handled', C, /RebalanceTime "2023-07-04 10:30:58", before 2026-06-01/],
    ['a field the adapter needs, missing', 'missing-field', 'divergence', D, /InstanceList\[3\]\.MaxPartitionNumber is missing; the adapter reads it for the partition limit/],
    ['an instance the adapter cannot read', 'mapping-failed', 'divergence', D, /has no numeric MaxPartitionNumber/],
    ['a field of another type', 'wrong-type', 'divergence', C, /TopicFlow\[0\]\.TopicTraffic is string, expected numeric or number/],
    ['a route without Status', 'route-without-status', 'handled', A, /1 of 1 routes have no Status/],
    ['no MaxMessageByte', 'no-max-message-byte', 'handled', A, /no MaxMessageByte/],
    ['DescribeTopicDetail refused (console-only in the Go SDK)', 'action-unanswered', 'handled', B, /DescribeTopicDetail did not answer \(UnsupportedOperation: .*console-only/],
    ['zone signals that disagree', 'zone-signals-disagree', 'handled', A, /Flag marks it sold out and ZoneStatus 4 marks it closed/],
    ['in-sync partitions listed for OutOfSyncReplicaOnly', 'sync-filter-ignored', 'handled', A, /in-sync partitions listed although OutOfSyncReplicaOnly was true/],
    ['partition names', 'partition-name', 'note', A, /named like "partition-N"/],
  ])('%s', (_name, check, severity, instanceId, message) => {
    const found = report.findings.filter((f) => f.check === check && f.instanceId === instanceId);
    expect(found.map((f) => f.severity)).toContain(severity);
    expect(found.map((f) => f.message).join('\n')).toMatch(message);
  });

  it('counts as a report with divergences (exit 1), and asks only read actions', () => {
    expect(hasDivergence(report)).toBe(true);
    expect(report.calls.every((c) => c.action.startsWith('Describe') || c.action === 'InquireCkafkaPrice')).toBe(true);
    expect(report.calls.filter((c) => c.outcome === 'refused').map((c) => [c.action, c.code])).toEqual([['DescribeTopicDetail', 'UnsupportedOperation']]);
  });

  it('settles the BandWidth unit as MB/s when the 8-fold reading migrates and the other does not', () => {
    expect(report.settlements.find((s) => s.question === 'modify-type-bandwidth-unit')).toMatchObject({ answer: 'MB/s', settled: true });
  });

  it('says what the listing showed of the other unconfirmed points', () => {
    const answers = Object.fromEntries(report.settlements.map((s) => [s.question, s.answer]));
    expect(answers).toMatchObject({
      'disk-size-minus-one': 'seen on 1 instance',
      'past-rebalance-time': 'seen on 1 instance',
      'off-step-running-values': 'seen on 1 instance',
      'describe-topic-detail-by-api': 'for some instances',
      'route-status-present': 'no (absent on some routes)',
    });
  });

  it('redacts every instance id and request id, wherever it appears', () => {
    const text = JSON.stringify(redactDiagnosis(report));
    expect(text).not.toMatch(/ckafka-[a-z0-9]{8}/);
    expect(text).not.toMatch(/req-/);
    expect(redactDiagnosis(report).instances.checked).toEqual(['instance-1', 'instance-2', 'instance-3']);
  });
});

describe('a cloud that answers as the adapter expects', () => {
  it('has no divergence and no handled difference', async () => {
    const handlers = divergentCloud();
    const clean = await cloudOf({
      ...handlers,
      DescribeInstancesDetail: () => ({ TotalCount: 1, InstanceList: [anInstanceDetail({ InstanceId: A })] }),
      DescribeCkafkaZone: () => ({ ZoneList: [{ ZoneId: '100003', SoldOut: 'false', Flag: false, ZoneStatus: 3 }] }),
      DescribeInstanceAttributes: () => ({ InstanceId: A, MaxMessageByte: 1048576 }),
      DescribeRoute: () => ({ Routers: [{ RouteId: 1, VipType: 3, Status: 2, VipList: [] }] }),
      DescribeTopicSyncReplica: () => ({ TotalCount: 0, TopicInSyncReplicaList: [] }),
    }).diagnose();
    expect(clean.findings).toEqual([]);
    expect(hasDivergence(clean)).toBe(false);
  });
});

describe('what one DescribeModifyType probe says about the unit', () => {
  const refused = new CloudError('invalid', 'InvalidParameterValue', 'out of range', 'DescribeModifyType');
  it.each<[string, boolean | CloudError, boolean | CloudError, string]>([
    ['the 8-fold reading migrates, the other not: MB/s', false, true, 'MB/s'],
    ['an eighth of the bandwidth refused, the partition-only change answered: Mbps', refused, false, 'Mbps'],
    ['the 8-fold bandwidth refused: MB/s', false, refused, 'MB/s'],
    ['neither migrates: leans Mbps (8-fold in place is rare)', false, false, 'leans Mbps'],
    ['both refused: inconclusive', refused, refused, 'inconclusive'],
  ])('%s', (_name, asMBps, asMbps, expected) => {
    expect(readUnitProbe({ instanceId: A, bandwidthMBps: 400, asMBps, asMbps })).toBe(expected);
  });
});
