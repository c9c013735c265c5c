/** Fault injection: seeded and reproducible, at the configured rates, per action; rate limits. */
import { createSeedState, defaultFaults, drawFault, rateLimitOf, type EmulatorState } from '../../../src/cloud/emulator';
import { IDS, T0, call, newEmulator } from './_helpers';

function kinds(faults: Partial<EmulatorState['faults']>, count: number, action = 'DescribeRoute'): string[] {
  const state = createSeedState({ now: T0 });
  const f = { ...defaultFaults(), ...faults };
  return Array.from({ length: count }, () => drawFault(state, f, action).kind);
}

describe('fault draws', () => {
  it('are reproducible for a seed and differ between seeds', () => {
    const f = { seed: 42, throttleRate: 0.2, errorRate: 0.2, dropRate: 0.1, dropAfterRate: 0.1 };
    expect(kinds(f, 50)).toEqual(kinds(f, 50));
    expect(kinds({ ...f, seed: 43 }, 50)).not.toEqual(kinds(f, 50));
  });

  it('follow the configured rates', () => {
    const draws = kinds({ seed: 3, throttleRate: 0.3, errorRate: 0.1, dropRate: 0.05, dropAfterRate: 0.05 }, 4000);
    const share = (k: string) => draws.filter((d) => d === k).length / draws.length;
    expect(share('throttle')).toBeCloseTo(0.3, 1);
    expect(share('unavailable')).toBeCloseTo(0.1, 1);
    expect(share('drop-before')).toBeCloseTo(0.05, 1);
    expect(share('drop-after')).toBeCloseTo(0.05, 1);
    expect(share('none')).toBeCloseTo(0.5, 1);
  });

  it('never fire at rate 0 and always at rate 1', () => {
    expect(new Set(kinds({}, 500))).toEqual(new Set(['none']));
    expect(new Set(kinds({ errorRate: 1 }, 100))).toEqual(new Set(['unavailable']));
  });

  it('only hit the listed actions, but latency applies to all', () => {
    const state = createSeedState({ now: T0 });
    const f = { ...defaultFaults(), dropRate: 1, latencyMs: 25, actions: ['ModifyInstancePre'] };
    expect(drawFault(state, f, 'DescribeRoute')).toMatchObject({ kind: 'none', latencyMs: 25 });
    expect(drawFault(state, f, 'ModifyInstancePre').kind).toBe('drop-before');
  });

  it('add latency spikes at their rate', () => {
    const state = createSeedState({ now: T0 });
    const f = { ...defaultFaults(), latencyMs: 10, latencySpikeRate: 1, latencySpikeMs: 500 };
    expect(drawFault(state, f, 'DescribeRoute').latencyMs).toBe(510);
  });
});

describe('rate limits', () => {
  it('use the documented limits and 20/s otherwise', () => {
    const f = defaultFaults();
    expect([
      rateLimitOf(f, 'ModifyInstancePre'),
      rateLimitOf(f, 'InstanceScalingDown'),
      rateLimitOf(f, 'InquireCkafkaPrice'),
      rateLimitOf(f, 'DescribeInstanceAttributes'),
      rateLimitOf(f, 'DescribeCkafkaZone'),
      rateLimitOf(f, 'DescribeTopicSyncReplica'),
      rateLimitOf(f, 'DescribeModifyType'),
    ]).toEqual([20, 20, 20, 100, 100, 5, 20]);
  });

  it('answer RequestLimitExceeded over the limit within one virtual second, per action', async () => {
    const { em, clock } = newEmulator();
    const req = { InstanceId: IDS.audit, TopicName: 'audit.trail' };
    for (let i = 0; i < 5; i++) expect((await call(em, 'DescribeTopicSyncReplica', req)).Error).toBeUndefined();
    expect((await call(em, 'DescribeTopicSyncReplica', req)).Error.Code).toBe('RequestLimitExceeded');
    expect((await call(em, 'DescribeRoute', { InstanceId: IDS.audit })).Error).toBeUndefined();
    clock.advance(1000);
    expect((await call(em, 'DescribeTopicSyncReplica', req)).Error).toBeUndefined();
  });

  it('count every call, throttled or failed, per action', async () => {
    const { em } = newEmulator({ faults: { throttleRate: 1 } });
    await call(em, 'DescribeRoute', { InstanceId: IDS.audit });
    await call(em, 'DescribeRoute', {});
    expect(em.snapshot().calls).toEqual({ DescribeRoute: 2 });
  });
});
