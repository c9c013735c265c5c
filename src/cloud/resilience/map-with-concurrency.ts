/**
 * Maps over items with at most `limit` calls of `fn` in flight: the fan-out bound for one batch
 * of work (say, one call per topic), inside whatever global limits the calls themselves obey.
 */
import { throwIfAborted } from './aborted-error';

/** Result of one item: its value, or the error its call threw. */
export type Settled<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown };

/**
 * Calls `fn` for every item, `limit` at a time, and resolves with each item's outcome in input
 * order (like `Promise.allSettled`). When `signal` fires, items not yet started are settled with
 * the abort error instead of being called.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
  signal?: AbortSignal,
): Promise<Settled<R>[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be an integer of at least 1, got ${limit}`);
  const results: Settled<R>[] = new Array<Settled<R>>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      try {
        throwIfAborted(signal);
        results[i] = { ok: true, value: await fn(items[i] as T, i) };
      } catch (error) {
        results[i] = { ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
