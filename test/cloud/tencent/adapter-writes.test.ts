/** The Tencent adapter end to end (_adapter-harness.ts): spec changes never retried blindly, re-times, creates and deletes. */
import type * as M from 'tencentcloud-sdk-nodejs-ckafka/tencentcloud/services/ckafka/v20190819/ckafka_models';
import { rejection } from '../../support/rejection';
import { prepaidChange, useAdapterHarness } from './_adapter-harness';
import type { Reply } from './fake-ckafka-server';
import { anInstanceDetail, describeInstancesDetail } from './fixtures';

const h = useAdapterHarness();
const { makeCloud, withInstances } = h;

describe('writes are never retried blindly', () => {
  const ok: Reply = { ok: { Result: { ReturnCode: '0', ReturnMessage: 'ok', Data: { FlowId: 0, DealNames: ['deal-2'] } } } };

  it('retries a throttled submission: the API refused it before doing anything', async () => {
    withInstances(anInstanceDetail());
    h.server.script('ModifyInstancePre', { error: { code: 'RequestLimitExceeded', message: 'slow down' } }, ok);
    const cloud = makeCloud();
    await expect(cloud.submitSpecChange(prepaidChange)).resolves.toMatchObject({ acceptedBy: 'response', reference: 'deal-2' });
    expect(h.server.calls('ModifyInstancePre')).toHaveLength(2);
    // Only the observation before the write (its billing): a throttle needs no re-observation.
    expect(h.server.calls('DescribeInstancesDetail')).toHaveLength(1);
  });

  it('does not resubmit after a dropped connection when re-observation shows the change running', async () => {
    const store = withInstances(anInstanceDetail());
    // The cloud applies the change, then the connection drops before the answer.
    h.server.on('ModifyInstancePre', () => {
      store.set('ckafka-abc12345', anInstanceDetail({ Status: 7 }));
      return { drop: true };
    });
    const cloud = makeCloud();
    const result = await cloud.submitSpecChange(prepaidChange);
    expect(result.acceptedBy).toBe('observation');
    expect(result.reference).toContain('upgrading');
    expect(h.server.calls('ModifyInstancePre')).toHaveLength(1);
    // One observation before the write, one after the lost answer.
    expect(h.server.calls('DescribeInstancesDetail')).toHaveLength(2);
    expect(cloud.stats()).toMatchObject({ reobservations: 1, resubmissions: 0 });
    expect(h.clock.sleeps).toContain(2000); // the re-observation delay, on the injected clock
  });

  it('resubmits once when every look of the settling period shows nothing changed and the instance idle', async () => {
    withInstances(anInstanceDetail());
    h.server.script('ModifyInstancePre', { drop: true }, ok);
    const cloud = makeCloud();
    await expect(cloud.submitSpecChange(prepaidChange)).resolves.toMatchObject({ acceptedBy: 'response' });
    expect(h.server.calls('ModifyInstancePre')).toHaveLength(2);
    // Three looks, at 1×, 3× and 8× the re-observation delay, before anything is sent again (and one before the write).
    expect(h.server.calls('DescribeInstancesDetail')).toHaveLength(4);
    expect(h.clock.sleeps).toEqual(expect.arrayContaining([2000, 6000, 16000]));
    expect(cloud.stats()).toMatchObject({ reobservations: 1, resubmissions: 1 });
  });

  it('does not resubmit a change the cloud shows only on a later look (a slow order is not a lost one)', async () => {
    const store = new Map([['ckafka-abc12345', anInstanceDetail()]]);
    h.server.script('ModifyInstancePre', { drop: true });
    const answer = describeInstancesDetail(() => [...store.values()]);
    let looks = 0;
    h.server.on('DescribeInstancesDetail', (request) => {
      looks += 1;
      // The accepted order becomes visible on the second look after the lost answer (the first read tells the billing).
      if (looks === 3) store.set('ckafka-abc12345', anInstanceDetail({ Status: 7 }));
      return answer(request);
    });
    const cloud = makeCloud();
    const result = await cloud.submitSpecChange(prepaidChange);
    expect(result).toMatchObject({ acceptedBy: 'observation' });
    expect(h.server.calls('ModifyInstancePre')).toHaveLength(1);
    expect(cloud.stats()).toMatchObject({ resubmissions: 0 });
  });

  it('resubmits at most once, then reports the outcome as unknown', async () => {
    withInstances(anInstanceDetail());
    h.server.on('ModifyInstancePre', () => ({ drop: true }));
    const e = await rejection(makeCloud().submitSpecChange(prepaidChange));
    expect([e.kind, e.code]).toEqual(['outcome-unknown', 'ClientError.OutcomeUnknown']);
    expect(e.retryable).toBe(false);
    expect(e.message).toContain('resubmitted once');
    expect(h.server.calls('ModifyInstancePre')).toHaveLength(2);
  });

  it.each<[string, Partial<M.InstanceDetail>, string]>([
    ['at the target spec (a quota-only change finished)', { Bandwidth: 6400, DiskSize: 9000, MaxPartitionNumber: 2600 }, 'at the target spec'],
    ['with a task scheduled', { RebalanceTime: '2026-06-02 03:00:00' }, 'scheduled for 2026-06-01T19:00:00.000Z'],
  ])('accepts by observation after an HTTP 502 when the instance is %s', async (_name, state, words) => {
    const store = withInstances(anInstanceDetail());
    h.server.on('ModifyInstancePre', () => {
      store.set('ckafka-abc12345', anInstanceDetail(state));
      return { status: 502 };
    });
    const result = await makeCloud().submitSpecChange(prepaidChange);
    expect(result).toMatchObject({ acceptedBy: 'observation' });
    expect(result.reference).toContain(words);
    expect(h.server.calls('ModifyInstancePre')).toHaveLength(1);
  });

  it('re-observes after an InternalError answer too', async () => {
    withInstances(anInstanceDetail({ Status: 7, ExpireTime: 0 }));
    h.server.script('InstanceScalingDown', { error: { code: 'InternalError', message: 'oops' } });
    const result = await makeCloud().submitSpecChange(prepaidChange);
    expect(result.acceptedBy).toBe('observation');
  });

  it('does not resubmit when the instance is neither idle nor upgrading', async () => {
    withInstances(anInstanceDetail({ Status: 5 }));
    h.server.script('ModifyInstancePre', { drop: true });
    const e = await rejection(makeCloud().submitSpecChange(prepaidChange));
    expect(e.code).toBe('ClientError.OutcomeUnknown');
    expect(e.message).toContain('isolated');
    expect(h.server.calls('ModifyInstancePre')).toHaveLength(1);
  });

  it.each<[string, string, string]>([
    ['ResourceInUse', 'in-use', 'instance is upgrading'],
    ['AuthFailure.SignatureFailure', 'auth', 'signature mismatch'],
    ['InvalidParameterValue', 'invalid', 'BandWidth off step'],
    ['FailedOperation', 'other', 'refused'],
  ])('surfaces %s as kind %s without retry or re-observation', async (code, kind, message) => {
    withInstances(anInstanceDetail());
    h.server.script('ModifyInstancePre', { error: { code, message } });
    const e = await rejection(makeCloud().submitSpecChange(prepaidChange));
    expect([e.kind, e.code, e.action]).toEqual([kind, code, 'ModifyInstancePre']);
    expect(h.server.calls('ModifyInstancePre')).toHaveLength(1);
    expect(h.server.calls('DescribeInstancesDetail')).toHaveLength(1);
  });

  it('treats a non-zero ReturnCode as a failure', async () => {
    withInstances(anInstanceDetail());
    h.server.script('ModifyInstancePre', { ok: { Result: { ReturnCode: '1001', ReturnMessage: 'not allowed now' } } });
    const e = await rejection(makeCloud().submitSpecChange(prepaidChange));
    expect(e.code).toBe('FailedOperation');
    expect(e.message).toContain('ReturnCode 1001: not allowed now');
  });

  it('refuses a spec that is not whole numbers before calling', async () => {
    const e = await rejection(makeCloud().submitSpecChange({ ...prepaidChange, bandwidthMBps: 12.5 }));
    // The API's code for a value an Integer field cannot take; nothing is sent, not even the observation.
    expect([e.kind, e.code]).toEqual(['invalid', 'InvalidParameter']);
    expect(h.server.requests).toHaveLength(0);
  });
});

describe('other operations', () => {
  /** A postpaid Pro order of 40 MB/s in zone 100003. */
  const newEvents = {
    name: 'events',
    edition: 'pro',
    chargeType: 'POSTPAID_BY_HOUR',
    bandwidthMBps: 40,
    diskGB: 500,
    partitions: 800,
    zoneId: 100003,
    vpcId: 'vpc-6b2g8c1d',
    subnetId: 'subnet-3k9f2w7q',
  } as const;

  it('re-times a scheduled task with ModifyInstanceAttributes.RebalanceTime in Unix seconds', async () => {
    h.server.script('ModifyInstanceAttributes', { ok: { Result: { ReturnCode: '0', ReturnMessage: 'ok' } } });
    await makeCloud().retimeRebalance('ckafka-abc12345', new Date('2026-06-06T18:00:00Z'));
    expect(h.server.calls('ModifyInstanceAttributes')[0]?.body).toEqual({ InstanceId: 'ckafka-abc12345', RebalanceTime: 1780768800 });
  });

  it('creates a postpaid Pro instance with CreatePostPaidInstance', async () => {
    withInstances();
    h.server.script('CreatePostPaidInstance', { ok: { Result: { ReturnCode: '0', Data: { InstanceId: 'ckafka-new00001', FlowId: 0 } } } });
    const r = await makeCloud().createInstance({ ...newEvents, diskType: 'CLOUD_SSD' });
    expect(r).toEqual({ instanceId: 'ckafka-new00001', requestId: expect.any(String) });
    expect(h.server.calls('CreatePostPaidInstance')[0]?.body).toEqual({
      InstanceName: 'events',
      VpcId: 'vpc-6b2g8c1d',
      SubnetId: 'subnet-3k9f2w7q',
      InstanceType: 1,
      SpecificationsType: 'profession',
      BandWidth: 40,
      DiskSize: 500,
      Partition: 800,
      ZoneId: 100003,
      DiskType: 'CLOUD_SSD',
    });
  });

  it('creates a prepaid instance with CreateInstancePre for the given months', async () => {
    withInstances();
    h.server.script('CreateInstancePre', { ok: { Result: { ReturnCode: '0', Data: { InstanceId: 'ckafka-new00002' } } } });
    await makeCloud().createInstance({ ...newEvents, name: 'audit', chargeType: 'PREPAID', periodMonths: 3 });
    expect(h.server.calls('CreateInstancePre')[0]?.body).toMatchObject({ InstanceName: 'audit', Period: '3m', SpecificationsType: 'profession', ZoneId: 100003 });
  });

  it('finds a created instance by name after a lost answer, and never orders twice', async () => {
    const store = withInstances(anInstanceDetail({ InstanceId: 'ckafka-old', InstanceName: 'events' }));
    h.server.on('CreatePostPaidInstance', () => {
      store.set('ckafka-fresh', anInstanceDetail({ InstanceId: 'ckafka-fresh', InstanceName: 'events', ExpireTime: 0, Status: 0 }));
      return { drop: true };
    });
    const request = newEvents;
    const cloud = makeCloud();
    await expect(cloud.createInstance(request)).resolves.toMatchObject({ instanceId: 'ckafka-fresh' });
    h.server.on('CreatePostPaidInstance', () => ({ drop: true }));
    const e = await rejection(cloud.createInstance({ ...request, name: 'other' }));
    expect(e.code).toBe('ClientError.OutcomeUnknown');
    expect(e.message).toContain('not resubmitted');
    expect(h.server.calls('CreatePostPaidInstance')).toHaveLength(2); // one per createInstance call
  });

  it('refuses postpaid for editions other than Pro', async () => {
    const e = await rejection(
      makeCloud().createInstance({
        name: 'x',
        edition: 'advanced',
        chargeType: 'POSTPAID_BY_HOUR',
        bandwidthMBps: 40,
        diskGB: 500,
        partitions: 800,
        zoneId: 1,
        vpcId: 'v',
        subnetId: 's',
      }),
    );
    // The API's answer to a postpaid Advanced order (Advanced is sold monthly only).
    expect([e.kind, e.code]).toEqual(['invalid', 'InvalidParameterValue']);
    expect(h.server.requests).toHaveLength(0);
  });

  it.each([
    ['PREPAID', 'DeleteInstancePre'],
    ['POSTPAID_BY_HOUR', 'DeleteInstancePost'],
  ] as const)('deletes a %s instance with %s', async (chargeType, action) => {
    withInstances(anInstanceDetail(chargeType === 'PREPAID' ? {} : { ExpireTime: 0 }));
    h.server.script(action, { ok: { Result: { ReturnCode: '0', FlowId: 1 } } });
    await makeCloud().deleteInstance('ckafka-abc12345');
    expect(h.server.calls(action)[0]?.body).toEqual({ InstanceId: 'ckafka-abc12345' });
    expect(h.server.requests.map((r) => r.headers['x-tc-action'])).toEqual(['DescribeInstancesDetail', action]);
  });

  it('counts a missing instance as deleted, and a lost answer with the instance deleting as done', async () => {
    const store = withInstances(anInstanceDetail({ ExpireTime: 0 }));
    const cloud = makeCloud();
    // Not listed: nothing to delete, nothing sent.
    await expect(cloud.deleteInstance('ckafka-gone')).resolves.toBeUndefined();
    // Listed, but gone by the time the delete arrives.
    h.server.script('DeleteInstancePost', { error: { code: 'ResourceNotFound', message: 'no such instance' } });
    await expect(cloud.deleteInstance('ckafka-abc12345')).resolves.toBeUndefined();
    h.server.on('DeleteInstancePost', () => {
      store.set('ckafka-abc12345', anInstanceDetail({ ExpireTime: 0, Status: 2 }));
      return { drop: true };
    });
    await expect(cloud.deleteInstance('ckafka-abc12345')).resolves.toBeUndefined();
    expect(h.server.calls('DeleteInstancePost')).toHaveLength(2);
  });

  it('states its capabilities', () => {
    expect(makeCloud().capabilities()).toEqual({
      modeSelectable: { PREPAID: false, POSTPAID_BY_HOUR: true },
      editionConversionByApi: false,
      migrationEstimates: false,
      usageMetrics: true,
    });
  });
});
