/** Contract scenarios of partial failures and lost answers: which facts a preflight still gives, and writes made once. */
import { contractState } from './_contract-state';
import { NEW_POSTPAID, ORDERS_FACTS_BASE, ORDERS_UP, PAYMENTS_UP } from './_expected';
import { IDS, settle, type Front } from './_fronts';
import { inject, kindAndCode, ledger, scenario, type Scenario } from './_scenario';

/** A preflight whose fact errors are compared by `what`, `fact` and `code` (the wording is each adapter's). */
async function preflightFacts(front: Front, id: string): Promise<unknown> {
  const [o] = await front.cloud.describeInstances({ ids: [id] });
  if (o === undefined) throw new Error(`${id} was not observed`);
  const facts = await settle(front.cloud.preflight(o));
  if ('error' in facts) return facts;
  const { errors, ...rest } = facts;
  return { ...rest, ...(errors === undefined ? {} : { errors: errors.map((e) => ({ what: e.what, fact: e.fact, code: e.code })) }) };
}

export const PARTIAL_FAILURE_SCENARIOS: readonly Scenario[] = [
  scenario({
    name: 'preflight: usage cannot be read (DescribeTopicFlowRanking 5xx): diskUsedGB and produceMBps undefined, listed in errors',
    run: async (front) => {
      await inject(front, { errorRate: 1, actions: ['DescribeTopicFlowRanking'] });
      return preflightFacts(front, IDS.orders);
    },
    check: (r) =>
      expect(r).toStrictEqual({
        ...ORDERS_FACTS_BASE,
        maxMessageBytes: 1048576,
        zoneInStock: true,
        errors: [
          { what: 'preflight', fact: 'diskUsedGB', code: 'ClientError.HttpStatusCodeError' },
          { what: 'preflight', fact: 'produceMBps', code: 'ClientError.HttpStatusCodeError' },
        ],
      }),
  }),
  scenario({
    name: 'preflight: zone stock cannot be read (DescribeCkafkaZone throttled): zoneInStock undefined, listed in errors',
    run: async (front) => {
      await inject(front, { throttleRate: 1, actions: ['DescribeCkafkaZone'] });
      return preflightFacts(front, IDS.orders);
    },
    check: (r) =>
      expect(r).toStrictEqual({
        ...ORDERS_FACTS_BASE,
        maxMessageBytes: 1048576,
        diskUsedGB: 733,
        produceMBps: 45,
        errors: [{ what: 'preflight', fact: 'zoneInStock', code: 'RequestLimitExceeded' }],
      }),
  }),
  scenario({
    name: 'preflight: the zone is not listed by DescribeCkafkaZone: zoneInStock undefined, listed in errors',
    state: () => {
      const s = structuredClone(contractState());
      s.zones = s.zones.filter((z) => z.zoneId !== 100003);
      return s;
    },
    run: (front) => preflightFacts(front, IDS.orders),
    check: (r) =>
      expect(r).toStrictEqual({
        ...ORDERS_FACTS_BASE,
        maxMessageBytes: 1048576,
        diskUsedGB: 733,
        produceMBps: 45,
        errors: [{ what: 'preflight', fact: 'zoneInStock', code: 'ClientError.UnexpectedResponse' }],
      }),
  }),
  scenario({
    name: 'preflight: routes cannot be read (required): the preflight rejects',
    run: async (front) => {
      await inject(front, { errorRate: 1, actions: ['DescribeRoute'] });
      return kindAndCode(await preflightFacts(front, IDS.orders));
    },
    check: (r) => expect(r).toStrictEqual({ error: { kind: 'unavailable', code: 'ClientError.HttpStatusCodeError' } }),
  }),
  scenario({
    name: 'preflight: replica sync cannot be read (required): the preflight rejects',
    run: async (front) => {
      await inject(front, { throttleRate: 1, actions: ['DescribeTopicSyncReplica'] });
      return preflightFacts(front, IDS.audit);
    },
    check: (r) => expect(r).toStrictEqual({ error: { kind: 'throttled', code: 'RequestLimitExceeded' } }),
  }),
  scenario({
    name: 'a call made with an aborted signal: ClientError.Aborted, kind aborted (not retryable)',
    run: async (front) => {
      const ac = new AbortController();
      ac.abort();
      return settle(front.cloud.describeInstances({ ids: [IDS.orders] }, { signal: ac.signal }));
    },
    check: (r) => expect(r).toStrictEqual({ error: { kind: 'aborted', code: 'ClientError.Aborted' } }),
  }),
  scenario({
    name: 'submitSpecChange throttled on every attempt: RequestLimitExceeded, nothing applied',
    run: async (front) => {
      await inject(front, { throttleRate: 1, actions: ['InstanceScalingDown'] });
      return { outcome: await settle(front.cloud.submitSpecChange(PAYMENTS_UP)), ledger: ledger(front) };
    },
    check: (r) => expect(r).toStrictEqual({ outcome: { error: { kind: 'throttled', code: 'RequestLimitExceeded' } }, ledger: [] }),
  }),
  scenario({
    name: 'submitSpecChange applied but its answer lost: accepted by observation, one write',
    run: async (front) => {
      await inject(front, { dropAfterRate: 1, actions: ['InstanceScalingDown'] });
      const result = await settle(front.cloud.submitSpecChange(PAYMENTS_UP));
      const [o] = await front.cloud.describeInstances({ ids: [IDS.payments] });
      return { result, statusCode: o?.statusCode, writes: ledger(front).map((e) => e.action) };
    },
    check: (r) =>
      expect(r).toStrictEqual({
        result: { requestId: expect.any(String), reference: expect.stringContaining('accepted by observation'), acceptedBy: 'observation' },
        statusCode: 7,
        writes: ['InstanceScalingDown'],
      }),
  }),
  scenario({
    name: 'submitSpecChange whose answer is lost twice before it applies: OutcomeUnknown (kind outcome-unknown, not retryable), nothing applied',
    run: async (front) => {
      await inject(front, { dropRate: 1, actions: ['ModifyInstancePre'] });
      return { outcome: await settle(front.cloud.submitSpecChange(ORDERS_UP)), writes: ledger(front).length };
    },
    check: (r) => expect(r).toStrictEqual({ outcome: { error: { kind: 'outcome-unknown', code: 'ClientError.OutcomeUnknown' } }, writes: 0 }),
  }),
  scenario({
    name: 'createInstance applied but its answer lost: the new instance is found by name, not ordered twice',
    run: async (front) => {
      await inject(front, { dropAfterRate: 1, actions: ['CreatePostPaidInstance'] });
      const result = await settle(front.cloud.createInstance(NEW_POSTPAID));
      return { result, writes: ledger(front).map((e) => [e.action, e.instanceId]) };
    },
    check: (r) => {
      const { result, writes } = r as { result: { instanceId: string }; writes: unknown[] };
      expect(result).toStrictEqual({ instanceId: expect.stringMatching(/^ckafka-/), requestId: expect.any(String) });
      expect(writes).toEqual([['CreatePostPaidInstance', result.instanceId]]);
    },
  }),
  scenario({
    name: 'deleteInstance applied but its answer lost: the instance is seen deleting, done',
    run: async (front) => {
      await inject(front, { dropAfterRate: 1, actions: ['DeleteInstancePre'] });
      const result = await settle(front.cloud.deleteInstance(IDS.orders));
      return { result: result ?? null, writes: ledger(front).map((e) => e.action) };
    },
    check: (r) => expect(r).toStrictEqual({ result: null, writes: ['DeleteInstancePre'] }),
  }),
];
