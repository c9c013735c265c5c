/**
 * API errors at the wire level, per action, with the codes the real CKafka API uses: each one
 * in the action's own error list (tencentcloud-sdk-go client.go, test/conformance/actions.json)
 * or a common code, with the few exceptions named below.
 */
import { actionFacts } from '../../conformance/_corpus';
import { IDS, errorCode, newEmulator, call } from './_helpers';

const VPC = 'vpc-6b2g8c1d';
const SUBNET = 'subnet-3k9f2w7q';
const MODIFY_TYPE = { InstanceId: IDS.orders, BandWidth: 300, DiskSize: 3000, DiskType: 'CLOUD_PREMIUM', Partition: 1400, Topic: 3, Type: 'sp_ckafka_profession' };
const PRICE = { InstanceType: 'profession', Bandwidth: 200, InquiryDiskParam: { DiskType: 'CLOUD_PREMIUM', DiskSize: 3000 }, Partition: 1400 };
const POST = { VpcId: VPC, SubnetId: SUBNET, ZoneId: 100003, BandWidth: 40, DiskSize: 500, Partition: 800 };
const PRE = { InstanceName: 'new', ZoneId: 100003, Period: '1m', InstanceType: 1, VpcId: VPC, SubnetId: SUBNET, SpecificationsType: 'profession' };

type Case = [name: string, action: string, request: Record<string, unknown>, code: string];

const cases: Case[] = [
  // Common request checking
  ['fails when an action does not exist', 'DescribeEverything', {}, 'InvalidAction'],
  ['fails when a parameter is unknown', 'DescribeInstancesDetail', { Foo: 1 }, 'UnknownParameter'],
  ['fails when a nested parameter is unknown', 'InquireCkafkaPrice', { ...PRICE, InquiryDiskParam: { DiskSize: 3000, Size: 1 } }, 'UnknownParameter'],
  ['fails when a parameter has the wrong type', 'DescribeInstancesDetail', { Limit: '10' }, 'InvalidParameter'],
  ['fails when an integer is fractional', 'ModifyInstancePre', { InstanceId: IDS.orders, BandWidth: 300.5 }, 'InvalidParameter'],
  ['fails when an array holds the wrong type', 'DescribeInstancesDetail', { Status: ['1'] }, 'InvalidParameter'],
  ['fails when a required parameter is missing', 'DescribeInstanceAttributes', {}, 'MissingParameter'],
  // DescribeInstancesDetail
  ['fails when Limit is above 20', 'DescribeInstancesDetail', { Limit: 21 }, 'InvalidParameterValue'],
  ['fails when Limit is 0', 'DescribeInstancesDetail', { Limit: 0 }, 'InvalidParameterValue'],
  ['fails when Offset is negative', 'DescribeInstancesDetail', { Offset: -1 }, 'InvalidParameterValue'],
  ['fails when a filter has more than 10 values', 'DescribeInstancesDetail', { Filters: [{ Name: 'VpcId', Values: Array.from({ length: 11 }, (_, i) => `vpc-${i}`) }] }, 'InvalidParameterValue'],
  ['fails when a filter name is not supported', 'DescribeInstancesDetail', { Filters: [{ Name: 'Zone', Values: ['1'] }] }, 'InvalidParameterValue'],
  // DescribeInstanceAttributes
  ['fails when the instance does not exist', 'DescribeInstanceAttributes', { InstanceId: 'ckafka-00000000' }, 'InvalidParameterValue.InstanceNotExist'],
  // DescribeModifyType
  ['fails when DescribeModifyType misses Type', 'DescribeModifyType', { ...MODIFY_TYPE, Type: undefined }, 'MissingParameter'],
  ['fails when DescribeModifyType asks a bandwidth of 0', 'DescribeModifyType', { ...MODIFY_TYPE, BandWidth: 0 }, 'InvalidParameterValue'],
  ['fails when DescribeModifyType asks a zone change', 'DescribeModifyType', { ...MODIFY_TYPE, ModifyZone: true }, 'UnsupportedOperation'],
  ['fails when DescribeModifyType names an unknown Type', 'DescribeModifyType', { ...MODIFY_TYPE, Type: 'sp_ckafka_gold' }, 'InvalidParameterValue'],
  ['fails when DescribeModifyType asks a conversion to another edition', 'DescribeModifyType', { ...MODIFY_TYPE, Type: 'sp_ckafka_premium' }, 'UnsupportedOperation'],
  // InquireCkafkaPrice
  ['fails when InstanceType is unknown', 'InquireCkafkaPrice', { ...PRICE, InstanceType: 'gold' }, 'InvalidParameterValue'],
  ['fails when a Pro price lacks Bandwidth', 'InquireCkafkaPrice', { ...PRICE, Bandwidth: undefined }, 'MissingParameter'],
  ['fails when a Pro price lacks the disk', 'InquireCkafkaPrice', { ...PRICE, InquiryDiskParam: undefined }, 'MissingParameter'],
  ['fails when Advanced is priced by the hour', 'InquireCkafkaPrice', { ...PRICE, InstanceType: 'premium', InstanceChargeParam: { InstanceChargeType: 'POSTPAID_BY_HOUR' } }, 'InvalidParameterValue'],
  ['fails when Standard is priced', 'InquireCkafkaPrice', { ...PRICE, InstanceType: 'standards2' }, 'InvalidParameterValue'],
  ['fails when the charge period is above 36 months', 'InquireCkafkaPrice', { ...PRICE, InstanceChargeParam: { InstanceChargeType: 'PREPAID', InstanceChargePeriod: 37 } }, 'InvalidParameterValue'],
  // Reads of routes and topics
  ['fails when DescribeRoute misses InstanceId', 'DescribeRoute', {}, 'MissingParameter'],
  ['fails when DescribeTopicDetail Limit is 0', 'DescribeTopicDetail', { InstanceId: IDS.orders, Limit: 0 }, 'InvalidParameterValue'],
  ['fails when DescribeTopicDetail OrderBy is unknown', 'DescribeTopicDetail', { InstanceId: IDS.orders, OrderBy: 'Name' }, 'InvalidParameterValue'],
  ['fails when a topic does not exist', 'DescribeTopicSyncReplica', { InstanceId: IDS.orders, TopicName: 'nope' }, 'InvalidParameterValue'],
  ['fails when DescribeTopicSyncReplica misses TopicName', 'DescribeTopicSyncReplica', { InstanceId: IDS.orders }, 'MissingParameter'],
  ['fails when RankingType is unknown', 'DescribeTopicFlowRanking', { InstanceId: IDS.orders, RankingType: 'ALL' }, 'InvalidParameterValue'],
  ['fails when BeginDate is not a date', 'DescribeTopicFlowRanking', { InstanceId: IDS.orders, RankingType: 'PRO', BeginDate: 'yesterday' }, 'InvalidParameterValue'],
  ['fails when EndDate is before BeginDate', 'DescribeTopicFlowRanking', { InstanceId: IDS.orders, RankingType: 'PRO', BeginDate: '2026-03-02', EndDate: '2026-03-01' }, 'InvalidParameterValue'],
  // Spec changes
  ['fails when a postpaid instance is changed with ModifyInstancePre', 'ModifyInstancePre', { InstanceId: IDS.payments, BandWidth: 140 }, 'InvalidParameterValue.WrongAction'],
  ['fails when a prepaid instance is changed with InstanceScalingDown', 'InstanceScalingDown', { InstanceId: IDS.orders, BandWidth: 300, UpgradeStrategy: 1 }, 'InvalidParameterValue'],
  ['fails when InstanceScalingDown has no UpgradeStrategy', 'InstanceScalingDown', { InstanceId: IDS.payments, BandWidth: 140 }, 'MissingParameter'],
  ['fails when UpgradeStrategy is not 1 or 2', 'InstanceScalingDown', { InstanceId: IDS.payments, BandWidth: 140, UpgradeStrategy: 3 }, 'InvalidParameterValue'],
  ['fails when the instance to change does not exist', 'ModifyInstancePre', { InstanceId: 'ckafka-00000000', BandWidth: 300 }, 'InvalidParameterValue.InstanceNotExist'],
  ['fails when bandwidth is off-step', 'ModifyInstancePre', { InstanceId: IDS.orders, BandWidth: 210 }, 'InvalidParameterValue'],
  ['fails when bandwidth is between the editions of Pro', 'ModifyInstancePre', { InstanceId: IDS.orders, BandWidth: 1400 }, 'InvalidParameterValue'],
  ['fails when bandwidth is above the maximum', 'ModifyInstancePre', { InstanceId: IDS.orders, BandWidth: 100200 }, 'InvalidParameterValue'],
  ['fails when disk is off-step', 'ModifyInstancePre', { InstanceId: IDS.orders, DiskSize: 3050 }, 'InvalidParameterValue'],
  ['fails when disk is below the tier minimum', 'ModifyInstancePre', { InstanceId: IDS.orders, BandWidth: 320, DiskSize: 2000, Partition: 1800 }, 'InvalidParameterValue'],
  ['fails when partitions are below the tier minimum', 'ModifyInstancePre', { InstanceId: IDS.orders, BandWidth: 400 }, 'InvalidParameterValue'],
  ['fails when partitions decrease', 'ModifyInstancePre', { InstanceId: IDS.orders, Partition: 1300 }, 'InvalidParameterValue'],
  ['fails when partitions are above the maximum', 'ModifyInstancePre', { InstanceId: IDS.orders, Partition: 40100 }, 'InvalidParameterValue'],
  ['fails when nothing changes', 'ModifyInstancePre', { InstanceId: IDS.orders, BandWidth: 200, DiskSize: 3000, Partition: 1400 }, 'InvalidParameterValue'],
  ['fails when no spec value is given', 'ModifyInstancePre', { InstanceId: IDS.orders }, 'InvalidParameterValue'],
  ['fails when disk goes below the data held', 'InstanceScalingDown', { InstanceId: IDS.clickstream, DiskSize: 4000, UpgradeStrategy: 1 }, 'InvalidParameterValue'],
  ['fails when a Standard instance is changed', 'ModifyInstancePre', { InstanceId: IDS.legacy, DiskSize: 2000 }, 'FailedOperation'],
  ['fails when an Advanced instance is scaled down', 'ModifyInstancePre', { InstanceId: IDS.audit, BandWidth: 20 }, 'FailedOperation'],
  ['fails when a disk size is sent for elastic storage', 'InstanceScalingDown', { InstanceId: IDS.telemetry, DiskSize: 2000, UpgradeStrategy: 1 }, 'InvalidParameter'],
  ['fails when an unchanged off-step value rides along with a change to another off-step value', 'ModifyInstancePre', { InstanceId: IDS.reports, BandWidth: 170 }, 'InvalidParameterValue'],
  // ModifyInstanceAttributes
  ['fails when MaxMessageByte is 1024 (exclusive minimum)', 'ModifyInstanceAttributes', { InstanceId: IDS.orders, MaxMessageByte: 1024 }, 'InvalidParameterValue'],
  ['fails when MaxMessageByte is 12582912 (exclusive maximum)', 'ModifyInstanceAttributes', { InstanceId: IDS.orders, MaxMessageByte: 12582912 }, 'InvalidParameterValue'],
  ['fails when RebalanceTime moves nothing', 'ModifyInstanceAttributes', { InstanceId: IDS.orders, RebalanceTime: 1900000000 }, 'FailedOperation'],
  ['fails when InstanceName is too long', 'ModifyInstanceAttributes', { InstanceId: IDS.orders, InstanceName: 'x'.repeat(129) }, 'InvalidParameterValue'],
  ['fails when PublicNetwork is set on Advanced', 'ModifyInstanceAttributes', { InstanceId: IDS.audit, PublicNetwork: 6 }, 'UnsupportedOperation'],
  ['fails when TransactionalIdExpirationMs is out of range', 'ModifyInstanceAttributes', { InstanceId: IDS.orders, TransactionalIdExpirationMs: 1000 }, 'InvalidParameterValue'],
  // DescribeTaskStatus
  ['fails when FlowId is the prepaid placeholder 0', 'DescribeTaskStatus', { FlowId: 0 }, 'InvalidParameterValue'],
  ['fails when FlowId does not exist', 'DescribeTaskStatus', { FlowId: 999 }, 'InvalidParameterValue'],
  // Creation
  ['fails when CreatePostPaidInstance misses VpcId', 'CreatePostPaidInstance', { ...POST, VpcId: undefined }, 'MissingParameter'],
  ['fails when no zone is given', 'CreatePostPaidInstance', { ...POST, ZoneId: undefined }, 'MissingParameter'],
  ['fails when Advanced is bought postpaid', 'CreatePostPaidInstance', { ...POST, SpecificationsType: 'premium' }, 'InvalidParameterValue'],
  ['fails when the zone is not a CKafka zone', 'CreatePostPaidInstance', { ...POST, ZoneId: 123 }, 'InvalidParameterValue.ZoneNotSupport'],
  ['fails when the zone is sold out', 'CreatePostPaidInstance', { ...POST, ZoneId: 100006 }, 'FailedOperation'],
  ['fails when the zone lacks disk stock', 'CreatePostPaidInstance', { ...POST, ZoneId: 100007, BandWidth: 320, DiskSize: 5000, Partition: 1800 }, 'FailedOperation'],
  ['fails when the zone lacks disk stock for a prepaid instance', 'CreateInstancePre', { ...PRE, ZoneId: 100007, BandWidth: 320, DiskSize: 5000, Partition: 1800 }, 'ResourceInsufficient'],
  ['fails when the VPC id is malformed', 'CreatePostPaidInstance', { ...POST, VpcId: 'default' }, 'InvalidParameterValue.VpcIdInvalid'],
  ['fails when the subnet id is malformed', 'CreatePostPaidInstance', { ...POST, SubnetId: 'subnet-1' }, 'InvalidParameterValue.SubnetIdInvalid'],
  ['fails when the Kafka version is not offered', 'CreatePostPaidInstance', { ...POST, KafkaVersion: '3.9.0' }, 'InvalidParameterValue'],
  ['fails when the public bandwidth is not a multiple of 3', 'CreatePostPaidInstance', { ...POST, PublicNetworkMonthly: 4 }, 'InvalidParameterValue'],
  ['fails when the new spec is off-step', 'CreatePostPaidInstance', { ...POST, BandWidth: 50 }, 'InvalidParameterValue'],
  ['fails when a Standard instance is bought (the API default type)', 'CreateInstancePre', { ...PRE, SpecificationsType: undefined }, 'InvalidParameterValue'],
  ['fails when an Advanced instance is bought through CreateInstancePre (Pro only)', 'CreateInstancePre', { ...PRE, SpecificationsType: 'premium' }, 'InvalidParameterValue'],
  ['fails when Period is above 36 months', 'CreateInstancePre', { ...PRE, Period: '40m' }, 'InvalidParameterValue'],
  ['fails when CreateInstancePre misses Period', 'CreateInstancePre', { ...PRE, Period: undefined }, 'MissingParameter'],
  // Deletion
  ['fails when a prepaid instance is deleted with DeleteInstancePost', 'DeleteInstancePost', { InstanceId: IDS.orders }, 'InvalidParameterValue.WrongAction'],
  ['fails when a postpaid instance is deleted with DeleteInstancePre', 'DeleteInstancePre', { InstanceId: IDS.payments }, 'FailedOperation'],
];

/**
 * Codes the emulator answers beyond an action's list, and why: request checking every API 3.0
 * action does (InvalidAction and MissingParameter are on the CKafka page's common list;
 * UnknownParameter is listed by DescribeModifyType), and the UnsupportedOperation the
 * Terraform provider retries deletions on while an instance is busy.
 */
const BEYOND_THE_LISTS: Readonly<Record<string, string>> = {
  UnknownParameter: 'request checking of API 3.0; listed for DescribeModifyType',
  'DeleteInstancePost:UnsupportedOperation': 'the Terraform provider retries DeleteInstancePost on it',
};

function documentedFor(action: string, code: string): boolean {
  const facts = actionFacts();
  const own = facts.actions[action]?.errorCodes ?? [];
  return own.includes(code) || facts.commonErrorCodes.codes.includes(code) || code in BEYOND_THE_LISTS || `${action}:${code}` in BEYOND_THE_LISTS;
}

describe('wire errors', () => {
  it.each(cases)('%s (%s → %s)', async (_name, action, request, code) => {
    const { em } = newEmulator();
    expect(await errorCode(em, action, request)).toBe(code);
  });

  // API point 9 (docs/sources.md): the codes a user meets are codes the cloud sends for that action.
  it.each(cases.filter(([, action]) => action !== 'DescribeEverything'))('answers a code the action documents: %s (%s → %s)', (_name, action, _request, code) => {
    expect(documentedFor(action, code)).toBe(true);
  });

  it.each(cases)('leaves the state unchanged: %s', async (_name, action, request) => {
    const { em } = newEmulator();
    const before = em.snapshot();
    await errorCode(em, action, request);
    const after = em.snapshot();
    expect(after.instances).toEqual(before.instances);
    expect(after.zones).toEqual(before.zones);
    expect(after.submissions).toEqual([]);
  });

  it('answers errors in the Response envelope with a RequestId', async () => {
    const { em } = newEmulator();
    const r = await call(em, 'DescribeInstanceAttributes', { InstanceId: 'ckafka-00000000' });
    expect(Object.keys(r).sort()).toEqual(['Error', 'RequestId']);
    expect(r.Error.Message).toContain('ckafka-00000000');
    expect(r.RequestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('names the allowed values when a bandwidth is off-step', async () => {
    const { em } = newEmulator();
    const r = await call(em, 'ModifyInstancePre', { InstanceId: IDS.orders, BandWidth: 210 });
    // The shared step rule's words (spec/rules/change-rules.ts), under the wire parameter's name.
    expect(r.Error.Message).toMatch(/^BandWidth: bandwidthMBps 210 MB\/s is off the Pro step/);
    expect(r.Error.Message).toContain('200 or 220');
  });

  // Neither spec-change action lists ResourceInUse: a busy instance is a FailedOperation.
  it('refuses a second change while one is running (FailedOperation)', async () => {
    const { em } = newEmulator();
    expect(await errorCode(em, 'ModifyInstancePre', { InstanceId: IDS.orders, BandWidth: 300, Partition: 1600 })).toBeUndefined();
    expect(await errorCode(em, 'ModifyInstancePre', { InstanceId: IDS.orders, BandWidth: 320, DiskSize: 3000, Partition: 1800 })).toBe('FailedOperation');
  });

  it('takes an unchanged off-step value as it runs, and a change to a value on the step (API point 3)', async () => {
    const { em } = newEmulator();
    expect(await errorCode(em, 'ModifyInstancePre', { InstanceId: IDS.reports, BandWidth: 150, DiskSize: 1000, Partition: 1600 })).toBeUndefined();
  });

  it('refuses a postpaid increase through InstanceScalingDown under the fault scalingDownRefusesIncreases, and still takes a decrease (API point 2)', async () => {
    const { em } = newEmulator({ faults: { scalingDownRefusesIncreases: true } });
    const r = await call(em, 'InstanceScalingDown', { InstanceId: IDS.payments, BandWidth: 140, UpgradeStrategy: 1 });
    expect(r.Error).toMatchObject({ Code: 'FailedOperation', Message: expect.stringContaining('scalingDownRefusesIncreases') });
    expect(await errorCode(em, 'InstanceScalingDown', { InstanceId: IDS.clickstream, BandWidth: 300, UpgradeStrategy: 1 })).toBeUndefined();
  });

  it('refuses a change while one is scheduled (FailedOperation)', async () => {
    const { em, clock } = newEmulator();
    await em.scheduleChange({ instanceId: IDS.orders, target: { bandwidthMBps: 300, diskGB: 3000, partitions: 1600 }, mode: 'stable', at: new Date(clock.now().getTime() + 3_600_000) });
    expect(await errorCode(em, 'ModifyInstancePre', { InstanceId: IDS.orders, BandWidth: 240, Partition: 1600 })).toBe('FailedOperation');
  });

  it('fails when RebalanceTime is not in the future', async () => {
    const { em, clock } = newEmulator();
    await em.scheduleChange({ instanceId: IDS.orders, target: { bandwidthMBps: 300, diskGB: 3000, partitions: 1600 }, mode: 'stable', at: new Date(clock.now().getTime() + 3_600_000) });
    expect(await errorCode(em, 'ModifyInstanceAttributes', { InstanceId: IDS.orders, RebalanceTime: Math.floor(clock.now().getTime() / 1000) })).toBe('InvalidParameterValue');
  });

  it('fails when the instance is being deleted', async () => {
    const { em } = newEmulator();
    expect(await errorCode(em, 'DeleteInstancePost', { InstanceId: IDS.payments })).toBeUndefined();
    expect(await errorCode(em, 'DeleteInstancePost', { InstanceId: IDS.payments })).toBe('FailedOperation');
    expect(await errorCode(em, 'InstanceScalingDown', { InstanceId: IDS.payments, BandWidth: 140, UpgradeStrategy: 1 })).toBe('FailedOperation');
  });

  it('refuses to delete an instance that is upgrading (UnsupportedOperation, which Terraform retries)', async () => {
    const { em } = newEmulator();
    await call(em, 'InstanceScalingDown', { InstanceId: IDS.payments, Partition: 1300, UpgradeStrategy: 1 });
    expect(await errorCode(em, 'DeleteInstancePost', { InstanceId: IDS.payments })).toBe('UnsupportedOperation');
  });

  it('treats another region as empty', async () => {
    const { em } = newEmulator();
    const r = (await em.handleAction('DescribeInstancesDetail', {}, 'ap-shanghai')) as { Response: Record<string, unknown> };
    expect(r.Response.Result).toEqual({ TotalCount: 0, InstanceList: [] });
    const e = (await em.handleAction('DescribeInstanceAttributes', { InstanceId: IDS.orders }, 'ap-shanghai')) as { Response: { Error: { Code: string } } };
    expect(e.Response.Error.Code).toBe('InvalidParameterValue.InstanceNotExist');
  });
});
