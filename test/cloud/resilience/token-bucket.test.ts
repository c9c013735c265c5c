import { AbortedError } from '../../../src/cloud/resilience/aborted-error';
import { RateLimiter, TokenBucket } from '../../../src/cloud/resilience/token-bucket';
import { VirtualClock } from './virtual-clock';

/** Takes `n` tokens concurrently and returns the virtual times at which each was granted, in grant order. */
async function grantTimes(take: () => Promise<number>, clock: VirtualClock, n: number): Promise<number[]> {
  const start = clock.nowMs();
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: n }, async () => {
      await take();
      times.push(clock.nowMs() - start);
    }),
  );
  return times.sort((a, b) => a - b);
}

describe('TokenBucket', () => {
  it.each([
    [20, 5, [0, 50, 100, 150, 200]],
    [5, 4, [0, 200, 400, 600]],
    [100, 3, [0, 10, 20]],
  ])('at %i/s with burst 1 spaces %i concurrent calls evenly', async (rate, n, expected) => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket({ ratePerSecond: rate, timer: clock.timer });
    expect(await grantTimes(() => bucket.take(), clock, n)).toEqual(expected);
  });

  it('lets a burst through at once, then spaces the rest', async () => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 3, timer: clock.timer });
    expect(await grantTimes(() => bucket.take(), clock, 5)).toEqual([0, 0, 0, 100, 200]);
  });

  it('refills while idle, up to the burst and no more', async () => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 2, timer: clock.timer });
    await grantTimes(() => bucket.take(), clock, 2);
    clock.advance(10_000); // a long quiet spell refills 2 tokens, not 100
    expect(await grantTimes(() => bucket.take(), clock, 4)).toEqual([0, 0, 100, 200]);
  });

  it('never grants more than rate × seconds + burst over a long run', async () => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket({ ratePerSecond: 5, timer: clock.timer });
    const times = await grantTimes(() => bucket.take(), clock, 26);
    // 26 calls at 5/s with burst 1: the last one is granted at 5 s.
    expect(times[times.length - 1]).toBe(5000);
    for (let i = 1; i < times.length; i++) expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBe(200);
  });

  it('gives the token back when the wait is aborted', async () => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket({ ratePerSecond: 10, timer: clock.timer });
    await bucket.take(); // uses the one token
    const controller = new AbortController();
    const waiting = bucket.take(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortedError);
    // The aborted reservation was returned: the next caller waits one interval, not two.
    expect(await grantTimes(() => bucket.take(), clock, 1)).toEqual([100]);
  });

  it.each([[0], [-1], [Number.NaN]])('rejects a rate of %p', (rate) => {
    expect(() => new TokenBucket({ ratePerSecond: rate, timer: new VirtualClock().timer })).toThrow(RangeError);
  });
});

describe('RateLimiter', () => {
  it('keeps one bucket per key, each at its own rate', async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter({ rates: { Slow: 5 }, defaultRate: 20, timer: clock.timer });
    expect(limiter.rateOf('Slow')).toBe(5);
    expect(limiter.rateOf('Other')).toBe(20);
    const [slow, fast] = await Promise.all([
      grantTimes(() => limiter.take('Slow'), clock, 3),
      grantTimes(() => limiter.take('Other'), clock, 3),
    ]);
    expect(slow).toEqual([0, 200, 400]);
    expect(fast).toEqual([0, 50, 100]);
  });

  it('rejects a bad rate when created', () => {
    expect(() => new RateLimiter({ rates: { X: 0 }, defaultRate: 20, timer: new VirtualClock().timer })).toThrow('rate of X');
  });
});
