/**
 * Read actions change nothing. The emulator runs them on its state without a copy (a copy of a
 * 10,000-instance state per call would set the pace of a fleet-scale plan), so a read that
 * changed the state would leak into the next call. Each read runs here on a deeply frozen state:
 * any write to it throws.
 */
import { ACTION_NAMES, WRITE_ACTIONS, createSeedState, runWireAction, type EmulatorState } from '../../../src/cloud/emulator';
import { IDS, T0, newEmulator, call } from './_helpers';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const PRO_CHANGE = { InstanceId: IDS.payments, BandWidth: 1600, DiskSize: 4000, DiskType: 'CLOUD_BASIC', Partition: 1200, Topic: 2, Type: 'profession' };

/** A representative valid request for every read action (and some that page or filter). */
const READS: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
  ['DescribeInstancesDetail', {}],
  ['DescribeInstancesDetail', { InstanceIdList: [IDS.orders, IDS.payments], Limit: 1, Offset: 1 }],
  ['DescribeInstancesDetail', { Filters: [{ Name: 'InstanceStatus', Values: ['1', '7'] }], SearchWord: 'o' }],
  ['DescribeInstanceAttributes', { InstanceId: IDS.audit }],
  ['DescribeModifyType', PRO_CHANGE],
  ['InquireCkafkaPrice', { InstanceType: 'profession', InstanceChargeParam: { InstanceChargeType: 'POSTPAID_BY_HOUR' }, Bandwidth: 160, InquiryDiskParam: { DiskType: 'CLOUD_BASIC', DiskSize: 2000 }, Partition: 1200, InstanceId: IDS.payments }],
  ['DescribeRoute', { InstanceId: IDS.orders }],
  ['DescribeTopicDetail', { InstanceId: IDS.orders, Limit: 2, Offset: 1 }],
  ['DescribeTopicSyncReplica', { InstanceId: IDS.audit, TopicName: 'audit.trail', OutOfSyncReplicaOnly: true }],
  ['DescribeCkafkaZone', {}],
  ['DescribeRegion', {}],
  ['DescribeTopicFlowRanking', { InstanceId: IDS.clickstream, RankingType: 'PRO' }],
  ['DescribeTaskStatus', { FlowId: 1 }],
];

/** A state with a change running and one scheduled, so reads see every kind of instance. */
async function busyState(): Promise<EmulatorState> {
  const { em } = newEmulator();
  expect(await call(em, 'InstanceScalingDown', { InstanceId: IDS.payments, UpgradeStrategy: 2, BandWidth: 160, DiskSize: 2000, Partition: 1200 })).not.toHaveProperty('Error');
  const state = em.snapshot();
  await em.close();
  return state;
}

describe('emulator: read actions change nothing', () => {
  it('every action is either a write or covered here', () => {
    const reads = ACTION_NAMES.filter((a) => !WRITE_ACTIONS.has(a));
    expect([...new Set(READS.map(([a]) => a))].sort()).toEqual([...reads].sort());
  });

  it.each(READS)('%s %j on a frozen state', async (action, request) => {
    for (const state of [createSeedState({ now: T0 }), await busyState()]) {
      deepFreeze(state);
      const ctx = { now: T0, requestId: 'r-1', region: state.region };
      let answer: unknown;
      try {
        answer = runWireAction(state, ctx, action, request);
      } catch (e) {
        // An API refusal is an answer too; a TypeError is a write to the frozen state.
        expect(e).not.toBeInstanceOf(TypeError);
        answer = e;
      }
      expect(answer).toBeDefined();
    }
  });
});
