import { AbortedError } from '../../../src/cloud/resilience/aborted-error';
import { mapWithConcurrency } from '../../../src/cloud/resilience/map-with-concurrency';
import { Semaphore } from '../../../src/cloud/resilience/semaphore';

/** A promise resolved from outside. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('Semaphore', () => {
  it('never lets more than the limit run at once', async () => {
    const sem = new Semaphore(3);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        sem.run(async () => {
          running += 1;
          peak = Math.max(peak, running);
          for (let k = 0; k < (i % 4) + 1; k++) await tick();
          running -= 1;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(sem.maxInFlight).toBe(3);
    expect(sem.inFlight).toBe(0);
  });

  it('tryAcquire takes a free slot at once, and never one a waiter is queued for', async () => {
    const sem = new Semaphore(1);
    const release = sem.tryAcquire();
    expect(release).toBeDefined();
    expect(sem.tryAcquire()).toBeUndefined();
    const queued = sem.acquire();
    release?.();
    expect(sem.tryAcquire()).toBeUndefined();
    (await queued)();
    expect(sem.tryAcquire()).toBeDefined();
  });

  it('hold counts work above the limit: waiters go only once the holders are below it', async () => {
    const sem = new Semaphore(1);
    const a = sem.hold();
    const b = sem.hold();
    expect(sem.inFlight).toBe(2);
    let granted = false;
    const waiter = sem.acquire().then((release) => {
      granted = true;
      return release;
    });
    a();
    await tick();
    expect(granted).toBe(false);
    b();
    (await waiter)();
    expect(granted).toBe(true);
    expect(sem.inFlight).toBe(0);
  });

  it('serves waiters in arrival order', async () => {
    const sem = new Semaphore(1);
    const gate = deferred();
    const order: number[] = [];
    const first = sem.run(() => gate.promise);
    const rest = [1, 2, 3].map((n) => sem.run(async () => void order.push(n)));
    await tick();
    expect(sem.waiting).toBe(3);
    gate.resolve();
    await Promise.all([first, ...rest]);
    expect(order).toEqual([1, 2, 3]);
  });

  it('drops an aborted waiter from the queue', async () => {
    const sem = new Semaphore(1);
    const release = await sem.acquire();
    const controller = new AbortController();
    const waiting = sem.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortedError);
    expect(sem.waiting).toBe(0);
    release();
    release(); // twice is harmless
    expect(sem.inFlight).toBe(0);
  });

  it.each([[0], [1.5], [-2]])('rejects a limit of %p', (n) => {
    expect(() => new Semaphore(n)).toThrow(RangeError);
  });
});

describe('mapWithConcurrency', () => {
  it('keeps input order, settles failures, and bounds the fan-out', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapWithConcurrency([1, 2, 3, 4, 5, 6, 7], 2, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await tick();
      running -= 1;
      if (n === 4) throw new Error('four');
      return n * 10;
    });
    expect(peak).toBe(2);
    expect(results.map((r) => (r.ok ? r.value : (r.error as Error).message))).toEqual([10, 20, 30, 'four', 50, 60, 70]);
  });

  it('does not start items after the signal fires', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const results = await mapWithConcurrency(
      [1, 2, 3],
      1,
      async (n) => {
        started.push(n);
        controller.abort();
        return n;
      },
      controller.signal,
    );
    expect(started).toEqual([1]);
    expect(results.map((r) => r.ok)).toEqual([true, false, false]);
  });
});
