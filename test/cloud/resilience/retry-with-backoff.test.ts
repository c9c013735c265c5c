import { AbortedError } from '../../../src/cloud/resilience/aborted-error';
import {
  DEFAULT_RETRY_POLICY,
  backoffDelay,
  resolveRetryPolicy,
  retryWithBackoff,
  type RetryPolicy,
} from '../../../src/cloud/resilience/retry-with-backoff';
import { VirtualClock } from './virtual-clock';

const policy: RetryPolicy = { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1000, maxElapsedMs: 60_000 };

/** A function that fails `failures` times with `error`, then resolves 'done'. */
function failing(failures: number, error: unknown = new Error('boom')): { fn: (attempt: number) => Promise<string>; attempts: number[] } {
  const attempts: number[] = [];
  return {
    attempts,
    fn: async (attempt) => {
      attempts.push(attempt);
      if (attempts.length <= failures) throw error;
      return 'done';
    },
  };
}

describe('backoffDelay (full jitter under an exponential cap)', () => {
  it.each([
    // retry, random, expected: floor(random * min(1000, 100 * 2^(retry-1)))
    [1, 0.999, 99],
    [1, 0.5, 50],
    [2, 0.5, 100],
    [3, 0.5, 200],
    [4, 0.5, 400],
    [5, 0.5, 500], // cap 1000
    [9, 0.5, 500],
    [3, 0, 0],
  ])('retry %i with random %f waits %i ms', (retry, random, expected) => {
    expect(backoffDelay(retry, policy, () => random)).toBe(expected);
  });

  it('never exceeds the cap whatever the random source returns', () => {
    for (let retry = 1; retry < 20; retry++) {
      expect(backoffDelay(retry, policy, () => 7)).toBeLessThanOrEqual(policy.maxDelayMs);
      expect(backoffDelay(retry, policy, () => -3)).toBe(0);
    }
  });
});

describe('resolveRetryPolicy', () => {
  it('fills missing fields from the defaults', () => {
    expect(resolveRetryPolicy({ maxAttempts: 2 })).toEqual({ ...DEFAULT_RETRY_POLICY, maxAttempts: 2 });
  });

  it.each([[{ maxAttempts: 0 }], [{ maxAttempts: 1.5 }], [{ baseDelayMs: -1 }], [{ maxElapsedMs: Number.NaN }]])('rejects %j', (p) => {
    expect(() => resolveRetryPolicy(p)).toThrow(RangeError);
  });
});

describe('retryWithBackoff', () => {
  it('retries until success, sleeping the jittered backoff between attempts', async () => {
    const clock = new VirtualClock();
    const { fn, attempts } = failing(3);
    const retries: number[] = [];
    await expect(
      retryWithBackoff(fn, { policy, shouldRetry: () => true, timer: clock.timer, random: () => 0.5, onRetry: (i) => retries.push(i.delayMs) }),
    ).resolves.toBe('done');
    expect(attempts).toEqual([1, 2, 3, 4]);
    expect(clock.sleeps).toEqual([50, 100, 200]);
    expect(retries).toEqual([50, 100, 200]);
  });

  it('stops after maxAttempts and rethrows the last error unchanged', async () => {
    const clock = new VirtualClock();
    const error = new Error('still failing');
    const { fn, attempts } = failing(100, error);
    await expect(retryWithBackoff(fn, { policy: { ...policy, maxAttempts: 3 }, shouldRetry: () => true, timer: clock.timer })).rejects.toBe(error);
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('does not retry what shouldRetry refuses', async () => {
    const clock = new VirtualClock();
    const { fn, attempts } = failing(5);
    await expect(retryWithBackoff(fn, { policy, shouldRetry: () => false, timer: clock.timer })).rejects.toThrow('boom');
    expect(attempts).toEqual([1]);
    expect(clock.sleeps).toEqual([]);
  });

  it('stops when the next backoff would end past maxElapsedMs', async () => {
    const clock = new VirtualClock();
    const attempts: number[] = [];
    const fn = async (attempt: number): Promise<string> => {
      attempts.push(attempt);
      clock.advance(400); // each attempt takes 400 ms
      throw new Error('slow failure');
    };
    // elapsed after attempt 1: 400 + backoff 99 < 1000; after attempt 2: 400+99+400 = 899 + 199 > 1000.
    await expect(
      retryWithBackoff(fn, { policy: { ...policy, maxElapsedMs: 1000 }, shouldRetry: () => true, timer: clock.timer, random: () => 0.999 }),
    ).rejects.toThrow('slow failure');
    expect(attempts).toEqual([1, 2]);
  });

  it('ends a backoff at once when the signal fires, with AbortedError', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const { fn, attempts } = failing(10);
    const onRetry = (): void => controller.abort(new Error('user pressed ctrl-c'));
    const run = retryWithBackoff(fn, { policy, shouldRetry: () => true, timer: clock.timer, signal: controller.signal, onRetry });
    await expect(run).rejects.toBeInstanceOf(AbortedError);
    expect(attempts).toEqual([1]);
  });

  it('never starts when the signal has already fired', async () => {
    const controller = new AbortController();
    controller.abort();
    const { fn, attempts } = failing(0);
    await expect(retryWithBackoff(fn, { policy, shouldRetry: () => true, timer: new VirtualClock().timer, signal: controller.signal })).rejects.toBeInstanceOf(
      AbortedError,
    );
    expect(attempts).toEqual([]);
  });

  it('does not retry an AbortedError thrown by the attempt itself', async () => {
    const { fn, attempts } = failing(3, new AbortedError());
    await expect(retryWithBackoff(fn, { policy, shouldRetry: () => true, timer: new VirtualClock().timer })).rejects.toBeInstanceOf(AbortedError);
    expect(attempts).toEqual([1]);
  });
});
