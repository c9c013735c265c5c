/**
 * The one abortable sleep: resolves after `ms`, or at once when `signal` aborts, and never
 * rejects. It removes its listener either way, so a long-lived signal (a server's, a CLI run's)
 * does not collect one per wait.
 */
export function sleepUnlessAborted(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
}
