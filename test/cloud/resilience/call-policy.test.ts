import { CallPolicy, type CallAttemptEvent } from '../../../src/cloud/resilience/call-policy';
import { VirtualClock } from './virtual-clock';

class Throttled extends Error {}

describe('CallPolicy', () => {
  it('counts calls, retries, throttles and failures per key', async () => {
    const clock = new VirtualClock();
    const events: CallAttemptEvent[] = [];
    const policy = new CallPolicy({
      timer: clock.timer,
      random: () => 0,
      isThrottle: (e) => e instanceof Throttled,
      onAttempt: (e) => events.push(e),
    });
    let n = 0;
    const value = await policy.run(
      'Read',
      async () => {
        n += 1;
        if (n === 1) throw new Throttled('slow down');
        if (n === 2) throw new Error('flaky');
        return 'ok';
      },
      { retryable: () => true },
    );
    expect(value).toBe('ok');
    await expect(policy.run('Write', async () => Promise.reject(new Error('refused')), { retryable: () => false })).rejects.toThrow('refused');
    const stats = policy.stats();
    expect(stats.calls).toEqual({ Read: 3, Write: 1 });
    expect(stats.retries).toEqual({ Read: 2 });
    expect(stats.throttles).toEqual({ Read: 1 });
    expect(stats.failures).toEqual({ Read: 2, Write: 1 });
    expect(stats.totalCalls).toBe(4);
    expect(events.map((e) => [e.key, e.attempt, e.ok])).toEqual([
      ['Read', 1, false],
      ['Read', 2, false],
      ['Read', 3, true],
      ['Write', 1, false],
    ]);
  });

  it('releases its concurrency slot while backing off, so other calls proceed', async () => {
    const clock = new VirtualClock();
    const policy = new CallPolicy({ concurrency: 1, timer: clock.timer, random: () => 0.999, defaultRate: 1000 });
    const order: string[] = [];
    let first = true;
    await Promise.all([
      policy.run(
        'A',
        async () => {
          order.push('A');
          if (first) {
            first = false;
            throw new Error('retry me');
          }
        },
        { retryable: () => true },
      ),
      policy.run('B', async () => void order.push('B'), { retryable: () => false }),
    ]);
    // B ran during A's backoff, not after A's retry.
    expect(order).toEqual(['A', 'B', 'A']);
    expect(policy.stats().maxInFlight).toBe(1);
  });

  it('applies each key its own rate', async () => {
    const clock = new VirtualClock();
    const policy = new CallPolicy({ timer: clock.timer, rates: { Slow: 5 }, defaultRate: 50 });
    const at: Record<string, number[]> = { Slow: [], Fast: [] };
    const start = clock.nowMs();
    await Promise.all([
      ...Array.from({ length: 3 }, () => policy.run('Slow', async () => void at.Slow?.push(clock.nowMs() - start), { retryable: () => false })),
      ...Array.from({ length: 3 }, () => policy.run('Fast', async () => void at.Fast?.push(clock.nowMs() - start), { retryable: () => false })),
    ]);
    expect(at.Slow).toEqual([0, 200, 400]);
    expect(at.Fast).toEqual([0, 20, 40]);
    expect(policy.rateOf('Slow')).toBe(5);
    expect(policy.stats().rateLimitWaitMs).toBe(200 + 400 + 20 + 40);
  });
});
