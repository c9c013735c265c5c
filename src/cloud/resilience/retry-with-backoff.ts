/**
 * Retries with exponential backoff and full jitter: the n-th retry waits a random time in
 * [0, min(maxDelayMs, baseDelayMs · 2^(n-1))). Full jitter spreads the retries of many concurrent
 * callers that failed together (one throttled burst), instead of retrying them in lockstep.
 * Attempts and total time are both bounded, and an AbortSignal stops the wait at once.
 */
import { AbortedError, throwIfAborted } from './aborted-error';

/** Bounds of a retry loop. */
export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  readonly maxAttempts: number;
  /** Cap of the first backoff; each further retry doubles it. */
  readonly baseDelayMs: number;
  /** No single backoff is longer than this. */
  readonly maxDelayMs: number;
  /** No retry starts whose backoff would end later than this after the first attempt started. */
  readonly maxElapsedMs: number;
}

/** 5 attempts, backoff caps 250 ms, 500 ms, 1 s, 2 s (at most 8 s), within 60 s in all. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxElapsedMs: 60_000,
};

/** The time source and sleep a retry loop uses; injected so tests never wait for real. */
export interface Timer {
  /** Milliseconds on a monotonic-enough clock. */
  now(): number;
  /** Resolves after `ms` (or early when `signal` fires; the caller checks the signal). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Options of {@link retryWithBackoff}. */
export interface RetryOptions {
  /** @default DEFAULT_RETRY_POLICY, field by field */
  readonly policy?: Partial<RetryPolicy>;
  /** Whether a failed attempt may be retried; the loop also stops when the policy's bounds are reached. */
  readonly shouldRetry: (error: unknown, attempt: number) => boolean;
  readonly timer: Timer;
  /** A number in [0, 1). @default Math.random */
  readonly random?: () => number;
  /** Stops the loop: no further attempt starts and a backoff in progress ends with {@link AbortedError}. */
  readonly signal?: AbortSignal;
  /** Called before each backoff, e.g. to count retries. */
  readonly onRetry?: (info: { readonly attempt: number; readonly delayMs: number; readonly error: unknown }) => void;
}

/** Merges a partial policy over the defaults and checks it. */
export function resolveRetryPolicy(policy: Partial<RetryPolicy> = {}): RetryPolicy {
  const p = { ...DEFAULT_RETRY_POLICY, ...policy };
  if (!Number.isInteger(p.maxAttempts) || p.maxAttempts < 1) {
    throw new RangeError(`retry maxAttempts must be an integer of at least 1, got ${p.maxAttempts}`);
  }
  for (const k of ['baseDelayMs', 'maxDelayMs', 'maxElapsedMs'] as const) {
    if (!Number.isFinite(p[k]) || p[k] < 0) throw new RangeError(`retry ${k} must be a number of at least 0, got ${p[k]}`);
  }
  return p;
}

/**
 * The backoff before retry number `retry` (1 for the first retry): full jitter under an
 * exponentially growing cap.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(Math.min(Math.max(random(), 0), 1) * cap);
}

/**
 * Runs `fn` until it succeeds, `shouldRetry` says no, or the policy's bounds are reached; then
 * rethrows the last error unchanged. An {@link AbortedError} is never retried.
 */
export async function retryWithBackoff<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const policy = resolveRetryPolicy(options.policy);
  const random = options.random ?? Math.random;
  const { timer, signal } = options;
  const started = timer.now();
  for (let attempt = 1; ; attempt++) {
    throwIfAborted(signal);
    try {
      return await fn(attempt);
    } catch (error) {
      if (AbortedError.isAbortedError(error)) throw error;
      if (attempt >= policy.maxAttempts || !options.shouldRetry(error, attempt)) throw error;
      const delayMs = backoffDelay(attempt, policy, random);
      if (timer.now() - started + delayMs > policy.maxElapsedMs) throw error;
      options.onRetry?.({ attempt, delayMs, error });
      await timer.sleep(delayMs, signal);
      throwIfAborted(signal);
    }
  }
}
