/**
 * Cancellation for the resilience helpers. Waiting (for a token, a slot, a backoff) stops as
 * soon as the caller's AbortSignal fires, and the wait rejects with an {@link AbortedError}.
 */

const ABORTED_BRAND = Symbol.for('ckafka-iac.AbortedError');

/** Thrown when an AbortSignal ends a wait; carries the signal's reason when it gave one. */
export class AbortedError extends Error {
  readonly [ABORTED_BRAND] = true;
  override readonly name = 'AbortedError';
  constructor(readonly reason?: unknown) {
    super(reason instanceof Error ? `aborted: ${reason.message}` : 'aborted');
  }

  static isAbortedError(x: unknown): x is AbortedError {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[ABORTED_BRAND] === true;
  }
}

/** Throws an {@link AbortedError} when `signal` has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new AbortedError(signal.reason);
}
