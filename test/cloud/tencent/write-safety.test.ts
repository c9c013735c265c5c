/**
 * The adapter's rules on their own, with scripted sends and observations: write safety after a
 * lost answer (write-safety.ts), the checks before a write (request-checks.ts), and the orders of
 * the preflight (preflight.ts). The contract suite runs them through the adapter over both
 * transports; these cover the branches no scenario there reaches.
 */
import { CloudError, type CreateInstanceRequest, type SpecChangeRequest, type SubmitResult } from '../../../src/cloud/port';
import { compareTopicsByAge, needsSyncCheck, sortFactErrors } from '../../../src/cloud/tencent/preflight';
import { checkCreateRequest, checkSpecNumbers } from '../../../src/cloud/tencent/request-checks';
import { createInstanceSafely, deleteInstanceSafely, submitSpecChangeSafely, type LostAnswerHandling } from '../../../src/cloud/tencent/write-safety';
import type { FactError, ObservedInstance } from '../../../src/spec/observed';
import { rejection } from '../../support/rejection';

const ID = 'ckafka-abc12345';
const lostAnswer = (): CloudError => new CloudError('network', 'ClientError.NetworkError', 'the connection dropped', 'X');
const running: ObservedInstance = {
  instanceId: ID,
  name: 'events',
  edition: 'pro',
  instanceType: 'profession',
  status: 'running',
  statusCode: 1,
  bandwidthMBps: 120,
  diskGB: 2000,
  partitions: 1200,
  partitionsUsed: 0,
  topicsUsed: 0,
  diskType: 'CLOUD_PREMIUM',
  chargeType: 'POSTPAID_BY_HOUR',
  zoneId: 100004,
  zoneIds: [100004],
  vpcId: 'vpc-1',
  subnetId: 'subnet-1',
  endpoints: [],
  kafkaVersion: '2.8.1',
  healthy: 1,
};
const change: SpecChangeRequest = { instanceId: ID, bandwidthMBps: 160, diskGB: 2000, partitions: 1200, mode: 'stable' };

function counting(): LostAnswerHandling & { reobserved: number; resubmitted: number } {
  const h = {
    reobserved: 0,
    resubmitted: 0,
    pause: () => Promise.resolve(),
    onReobserve: () => void (h.reobserved += 1),
    onResubmit: () => void (h.resubmitted += 1),
  };
  return h;
}

/** A send that fails with each error in turn, then answers `ok`. */
function scripted<T>(errors: readonly unknown[], ok: T): { send: () => Promise<T>; sent: () => number } {
  let n = 0;
  return {
    send: async () => {
      const e = errors[n];
      n += 1;
      if (e !== undefined) throw e;
      return ok;
    },
    sent: () => n,
  };
}

const accepted: SubmitResult = { requestId: 'r-1', reference: 'deal-1', acceptedBy: 'response' };

describe('submitSpecChangeSafely', () => {
  it.each<[string, Partial<ObservedInstance>, string]>([
    ['upgrading', { status: 'upgrading', statusCode: 7 }, 'upgrading'],
    ['at the target', { bandwidthMBps: 160 }, 'at the target spec'],
    ['with a task scheduled', { rebalanceAt: '2026-03-03T02:00:00.000Z' }, 'scheduled'],
  ])('accepts by observation a change seen %s, sending it once', async (_what, seen, reference) => {
    const s = scripted([lostAnswer()], accepted);
    const h = counting();
    const r = await submitSpecChangeSafely({ request: change, action: 'InstanceScalingDown', send: s.send, observe: async () => ({ ...running, ...seen }), handling: h });
    expect(r).toMatchObject({ acceptedBy: 'observation', reference: expect.stringContaining(reference) });
    expect([s.sent(), h.reobserved, h.resubmitted]).toEqual([1, 1, 0]);
  });

  it('resends once a change re-observation shows not applied', async () => {
    const s = scripted([lostAnswer()], accepted);
    const h = counting();
    await expect(submitSpecChangeSafely({ request: change, action: 'InstanceScalingDown', send: s.send, observe: async () => running, handling: h })).resolves.toBe(accepted);
    expect([s.sent(), h.resubmitted]).toEqual([2, 1]);
  });

  it.each<[string, () => Promise<ObservedInstance | undefined>, string]>([
    ['the instance is isolated', async () => ({ ...running, status: 'isolated', statusCode: 5 }), 'proves neither outcome'],
    ['the instance is no longer listed', async () => undefined, 'does not list the instance'],
    [
      're-observing fails',
      async () => {
        throw new CloudError('throttled', 'RequestLimitExceeded', 'slow down', 'DescribeInstancesDetail');
      },
      're-observing it failed too (slow down)',
    ],
  ])('fails as OutcomeUnknown (kind outcome-unknown) when %s', async (_what, observe, message) => {
    const s = scripted([lostAnswer()], accepted);
    const e = await rejection(submitSpecChangeSafely({ request: change, action: 'InstanceScalingDown', send: s.send, observe, handling: counting() }));
    expect([e.code, e.kind, e.retryable]).toEqual(['ClientError.OutcomeUnknown', 'outcome-unknown', false]);
    expect(e.message).toContain(message);
    expect(s.sent()).toBe(1);
  });

  it('passes an API refusal and an abort through, without observing', async () => {
    const h = counting();
    const observe = jest.fn(async () => running);
    const refused = new CloudError('in-use', 'ResourceInUse', 'busy', 'InstanceScalingDown');
    const aborted = new CloudError('aborted', 'ClientError.Aborted', 'aborted', 'InstanceScalingDown');
    for (const e of [refused, aborted]) {
      await expect(submitSpecChangeSafely({ request: change, action: 'InstanceScalingDown', send: scripted([e], accepted).send, observe, handling: h })).rejects.toBe(e);
    }
    expect(observe).not.toHaveBeenCalled();
  });
});

describe('createInstanceSafely', () => {
  const created = { instanceId: 'ckafka-new00001', requestId: 'r-2' };

  it('takes the instance of that name that was not there before, and orders once', async () => {
    const s = scripted([lostAnswer()], created);
    const listed = [[{ ...running, instanceId: 'ckafka-old00001' }], [{ ...running, instanceId: 'ckafka-old00001' }, { ...running, instanceId: 'ckafka-new00009' }]];
    let call = 0;
    const r = await createInstanceSafely({ action: 'CreatePostPaidInstance', name: 'events', send: s.send, listByName: async () => listed[call++] ?? [], handling: counting() });
    expect(r.instanceId).toBe('ckafka-new00009');
    expect(s.sent()).toBe(1);
  });

  it('fails as OutcomeUnknown, never ordering again, when no new instance is listed', async () => {
    const s = scripted([lostAnswer()], created);
    const e = await rejection(createInstanceSafely({ action: 'CreateInstancePre', name: 'events', send: s.send, listByName: async () => [running], handling: counting() }));
    expect([e.code, e.kind]).toEqual(['ClientError.OutcomeUnknown', 'outcome-unknown']);
    expect(e.message).toContain('a second order would be billed');
    expect(s.sent()).toBe(1);
  });
});

describe('deleteInstanceSafely', () => {
  it('counts a missing instance as deleted', async () => {
    const missing = new CloudError('not-found', 'InvalidParameterValue.InstanceNotExist', 'no such instance', 'DeleteInstancePost');
    await expect(deleteInstanceSafely({ action: 'DeleteInstancePost', instanceId: ID, send: scripted([missing], undefined).send, observe: async () => running, handling: counting() })).resolves.toBeUndefined();
  });

  it.each<[string, ObservedInstance | undefined]>([
    ['gone', undefined],
    ['deleting', { ...running, status: 'deleting', statusCode: 2 }],
    ['isolated', { ...running, status: 'isolated', statusCode: 5 }],
  ])('is done after a lost answer when the instance is %s', async (_what, seen) => {
    const s = scripted([lostAnswer()], undefined);
    await expect(deleteInstanceSafely({ action: 'DeleteInstancePost', instanceId: ID, send: s.send, observe: async () => seen, handling: counting() })).resolves.toBeUndefined();
    expect(s.sent()).toBe(1);
  });

  it('resends once while the instance runs, then fails as OutcomeUnknown', async () => {
    const s = scripted([lostAnswer(), lostAnswer()], undefined);
    const h = counting();
    const e = await rejection(deleteInstanceSafely({ action: 'DeleteInstancePre', instanceId: ID, send: s.send, observe: async () => running, handling: h }));
    expect([e.code, s.sent(), h.reobserved, h.resubmitted]).toEqual(['ClientError.OutcomeUnknown', 2, 2, 1]);
  });
});

describe('request checks', () => {
  it.each<[string, string | undefined, Partial<SpecChangeRequest>]>([
    ['whole positive numbers', undefined, {}],
    ['a fraction', 'InvalidParameter', { diskGB: 2000.5 }],
    ['zero', 'InvalidParameterValue', { bandwidthMBps: 0 }],
    ['a negative number', 'InvalidParameterValue', { partitions: -100 }],
    ['not a number', 'InvalidParameter', { bandwidthMBps: Number.NaN }],
  ])('a spec of %s → %s', (_what, code, over) => {
    const check = () => checkSpecNumbers({ ...change, ...over }, 'InstanceScalingDown', ID);
    if (code === undefined) expect(check).not.toThrow();
    else expect(check).toThrow(expect.objectContaining({ code, kind: 'invalid' }));
  });

  const create: CreateInstanceRequest = { name: ' events ', edition: 'pro', chargeType: 'PREPAID', bandwidthMBps: 40, diskGB: 500, partitions: 800, zoneId: 100003, vpcId: 'vpc-6b2g8c1d', subnetId: 'subnet-3k9f2w7q' };

  it('settles the name (trimmed) and the months', () => {
    expect(checkCreateRequest({ ...create, periodMonths: 3 })).toEqual({ name: 'events', months: 3 });
    expect(checkCreateRequest({ ...create, chargeType: 'POSTPAID_BY_HOUR' })).toEqual({ name: 'events', months: 1 });
  });

  it.each<[string, Partial<CreateInstanceRequest>, string, string]>([
    ['an empty name', { name: '  ' }, 'invalid', 'InvalidParameterValue'],
    ['a name of 129 characters', { name: 'x'.repeat(129) }, 'invalid', 'InvalidParameterValue'],
    ['0 months', { periodMonths: 0 }, 'invalid', 'InvalidParameterValue'],
    ['1.5 months', { periodMonths: 1.5 }, 'invalid', 'InvalidParameterValue'],
    ['postpaid Advanced', { chargeType: 'POSTPAID_BY_HOUR', edition: 'advanced' }, 'invalid', 'InvalidParameterValue'],
    // Neither create action lists UnsupportedOperation (their Go SDK error lists).
    ['postpaid Standard', { chargeType: 'POSTPAID_BY_HOUR', edition: 'standard' }, 'invalid', 'InvalidParameterValue'],
    ['prepaid Standard', { chargeType: 'PREPAID', edition: 'standard' }, 'invalid', 'InvalidParameterValue'],
    // API point 11 (docs/sources.md): CreateInstancePre "only supports creating Pro Edition instances" (597/74261).
    ['prepaid Advanced (CreateInstancePre creates Pro only)', { chargeType: 'PREPAID', edition: 'advanced' }, 'invalid', 'InvalidParameterValue'],
    ['an off-step bandwidth (a new instance has no running value to keep)', { bandwidthMBps: 50 }, 'invalid', 'InvalidParameterValue'],
    ['a fractional disk', { diskGB: 500.5 }, 'invalid', 'InvalidParameter'],
    // The shared provisioning rules (spec/validate-provisioning.ts), with the codes the create actions list.
    ['37 months (CreateInstancePre takes 1m to 36m)', { periodMonths: 37 }, 'invalid', 'InvalidParameterValue'],
    ['a period on a postpaid request', { chargeType: 'POSTPAID_BY_HOUR', periodMonths: 12 }, 'invalid', 'InvalidParameterValue'],
    ['a disk type a new instance cannot have', { diskType: 'CLOUD_SDD' }, 'invalid', 'InvalidParameterValue'],
    ['a Kafka version not offered', { kafkaVersion: '3.9.0' }, 'invalid', 'InvalidParameterValue'],
    ['a disk below the tier minimum', { bandwidthMBps: 320, diskGB: 2000, partitions: 1800 }, 'invalid', 'InvalidParameterValue'],
    ['a malformed VPC id', { vpcId: 'vpc-1' }, 'invalid', 'InvalidParameterValue.VpcIdInvalid'],
    ['a malformed subnet id', { subnetId: 'subnet-1' }, 'invalid', 'InvalidParameterValue.SubnetIdInvalid'],
  ])('fails on %s', (_what, over, kind, code) => {
    expect(() => checkCreateRequest({ ...create, ...over })).toThrow(expect.objectContaining({ kind, code }));
  });
});

describe('preflight rules', () => {
  it('orders topics oldest first, then by name, unknown creation times last', () => {
    const topics = [
      { name: 'b', createdAtSeconds: 200 },
      { name: 'z', createdAtSeconds: undefined },
      { name: 'c', createdAtSeconds: 100 },
      { name: 'a', createdAtSeconds: 200 },
      { name: 'Y', createdAtSeconds: undefined },
    ];
    expect([...topics].sort(compareTopicsByAge).map((t) => t.name)).toEqual(['c', 'a', 'b', 'Y', 'z']);
  });

  it.each([
    [0, 3, true],
    [0, 1, false],
    [2, 3, false],
    [1, 3, false],
    [-1, 3, false],
  ])('a topic in status %i with %i replicas is checked for sync: %s', (statusCode, replicas, checked) => {
    expect(needsSyncCheck({ statusCode, replicas })).toBe(checked);
  });

  it('lists fact errors by field, keeping their order within a field', () => {
    const e = (fact: string | undefined, code: string): FactError => ({ what: 'preflight', ...(fact === undefined ? {} : { fact }), code, message: code });
    const sorted = sortFactErrors([e('produceMBps', '1'), e(undefined, '2'), e('zoneInStock', '3'), e('routes', '4'), e('routes', '5'), e('diskUsedGB', '6')]);
    expect(sorted.map((x) => x.code)).toEqual(['4', '5', '3', '6', '1', '2']);
  });
});
