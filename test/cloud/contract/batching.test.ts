/**
 * Batching: describing N instances by id costs at most ceil(N/20) DescribeInstancesDetail calls
 * (the API's page size), counted by the emulator over both transports (the SDK over HTTP and the
 * in-process transport); listing the whole region costs one call per page of 20.
 */
import { sealEmulatorState, type EmulatorState, type InstanceState } from '../../../src/cloud/emulator';
import { IDS, inProcessFront, seedState, tencentHttpFront, withFront, type FrontFactory } from './_fronts';

/** The seed fleet plus copies of `orders` up to 100 instances, validated once and frozen (`sealEmulatorState`). */
function hundredInstances(): EmulatorState {
  const state = seedState();
  const orders = state.instances.find((i) => i.instanceId === IDS.orders) as InstanceState;
  for (let k = state.instances.length; k < 100; k++) {
    const id = `ckafka-bulk${String(k).padStart(4, '0')}`;
    state.instances.push({ ...structuredClone(orders), instanceId: id, name: `bulk-${k}`, routes: orders.routes.map((r) => ({ ...r, routeId: 1000 + k })) });
  }
  return sealEmulatorState(state);
}

const STATE = hundredInstances();
const ALL_IDS = STATE.instances.map((i) => i.instanceId);

const fronts: ReadonlyArray<[string, FrontFactory]> = [
  ['the adapter over HTTP', tencentHttpFront],
  ['the adapter over the in-process transport', inProcessFront],
];

describe.each(fronts)('batching: %s', (_name, factory) => {
  it.each([1, 2, 19, 20, 21, 40, 41, 99, 100])('describing N = %i instance(s) by id costs ceil(N/20) DescribeInstancesDetail calls', async (n) => {
    await withFront(factory, { state: STATE }, async (front) => {
      const ids = ALL_IDS.slice(0, n);
      const before = front.em.snapshot('calls').DescribeInstancesDetail ?? 0;
      const found = await front.cloud.describeInstances({ ids });
      const calls = (front.em.snapshot('calls').DescribeInstancesDetail ?? 0) - before;
      expect(found.map((o) => o.instanceId).sort()).toEqual([...ids].sort());
      // No more than ceil(N/20); and no fewer, since a page holds 20 ids at most.
      expect(calls).toBe(Math.ceil(n / 20));
    });
  });

  it('duplicate and unknown ids: the distinct ids are what is batched (45 distinct → 3 calls)', async () => {
    await withFront(factory, { state: STATE }, async (front) => {
      const ids = [...ALL_IDS.slice(0, 40), ...ALL_IDS.slice(0, 40), 'ckafka-00000000', 'ckafka-00000001', 'ckafka-00000002', 'ckafka-00000003', 'ckafka-00000004'];
      const before = front.em.snapshot('calls').DescribeInstancesDetail ?? 0;
      const found = await front.cloud.describeInstances({ ids });
      expect(found).toHaveLength(40);
      expect((front.em.snapshot('calls').DescribeInstancesDetail ?? 0) - before).toBe(3);
    });
  });

  it('listing the region ({all: true}) costs one call per page of 20', async () => {
    await withFront(factory, { state: STATE }, async (front) => {
      const found = await front.cloud.describeInstances({ all: true });
      expect(found.map((o) => o.instanceId)).toEqual([...ALL_IDS].sort());
      expect(front.em.snapshot('calls').DescribeInstancesDetail).toBe(5);
    });
  });
});
