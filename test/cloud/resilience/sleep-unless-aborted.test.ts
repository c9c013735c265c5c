import { getEventListeners } from 'node:events';
import { sleepUnlessAborted } from '../../../src/cloud/resilience/sleep-unless-aborted';

describe('sleepUnlessAborted', () => {
  it('leaves no listener on the signal after a completed sleep', async () => {
    const controller = new AbortController();
    for (let i = 0; i < 20; i++) await sleepUnlessAborted(0, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('resolves as soon as the signal aborts, and leaves no listener', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const sleeping = sleepUnlessAborted(60_000, controller.signal);
    controller.abort();
    await sleeping;
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('resolves at once on a signal already aborted', async () => {
    await expect(sleepUnlessAborted(60_000, AbortSignal.abort())).resolves.toBeUndefined();
  });
});
