/**
 * One place that wraps every remote call in the same order: wait for a concurrency slot, wait
 * for a rate-limit token, send, and on failure back off outside the slot and try again if the
 * caller's predicate allows. Generic: it knows keys and errors, not any particular cloud.
 */
import { AbortedError } from './aborted-error';
import { CallStats, type CallStatsSnapshot } from './call-stats';
import { retryWithBackoff, resolveRetryPolicy, type RetryPolicy, type Timer } from './retry-with-backoff';
import { RateLimiter } from './token-bucket';
import { Semaphore } from './semaphore';

/** One finished attempt, for logs and tracing. */
export interface CallAttemptEvent {
  readonly key: string;
  readonly attempt: number;
  readonly ok: boolean;
  readonly durationMs: number;
  /** The error of a failed attempt, as the call threw it. */
  readonly error?: unknown;
}

/** Options of a {@link CallPolicy}. */
export interface CallPolicyOptions {
  /** Calls in flight at once, all keys together. @default 8 */
  readonly concurrency?: number;
  /** Requests per second by key. */
  readonly rates?: Readonly<Record<string, number>>;
  /** Requests per second of keys `rates` does not list. @default 20 */
  readonly defaultRate?: number;
  /** Token bucket size. @default 1 (evenly spaced calls) */
  readonly burst?: number;
  /** @default DEFAULT_RETRY_POLICY */
  readonly retry?: Partial<RetryPolicy>;
  readonly timer: Timer;
  /** @default Math.random */
  readonly random?: () => number;
  /** Whether an error means the server throttled the call; such failures are counted apart. @default never */
  readonly isThrottle?: (error: unknown) => boolean;
  /** Called after every attempt. @default no-op */
  readonly onAttempt?: (event: CallAttemptEvent) => void;
}

/** Per-call options of {@link CallPolicy.run}. */
export interface RunOptions {
  /** Whether a failed attempt may be retried (the policy's bounds still apply). */
  readonly retryable: (error: unknown) => boolean;
  readonly signal?: AbortSignal;
}

/** Concurrency limit + per-key rate limit + retries, with call statistics. */
export class CallPolicy {
  readonly retryPolicy: RetryPolicy;
  private readonly semaphore: Semaphore;
  private readonly limiter: RateLimiter;
  private readonly counters = new CallStats();

  constructor(private readonly options: CallPolicyOptions) {
    this.retryPolicy = resolveRetryPolicy(options.retry);
    this.semaphore = new Semaphore(options.concurrency ?? 8);
    this.limiter = new RateLimiter({
      defaultRate: options.defaultRate ?? 20,
      timer: options.timer,
      ...(options.rates === undefined ? {} : { rates: options.rates }),
      ...(options.burst === undefined ? {} : { burst: options.burst }),
    });
  }

  /** The concurrency limit in force. */
  get concurrency(): number {
    return this.semaphore.limit;
  }

  /** The rate in force for `key`, in requests per second. */
  rateOf(key: string): number {
    return this.limiter.rateOf(key);
  }

  /**
   * Runs `fn` under the policy. `fn` receives the 1-based attempt number. The last error is
   * rethrown unchanged; a wait ended by the signal rejects with {@link AbortedError}.
   */
  run<T>(key: string, fn: (attempt: number) => Promise<T>, options: RunOptions): Promise<T> {
    const { signal } = options;
    return retryWithBackoff(
      async (attempt) => {
        // The slot is taken before the token: taking tokens first would let callers that queued
        // for a slot all send at once when slots free up, a burst above the rate.
        const release = await this.semaphore.acquire(signal);
        try {
          this.counters.recordInFlight(this.semaphore.inFlight);
          this.counters.recordWait(await this.limiter.take(key, signal));
          this.counters.recordCall(key);
          const started = this.options.timer.now();
          try {
            const value = await fn(attempt);
            this.options.onAttempt?.({ key, attempt, ok: true, durationMs: this.options.timer.now() - started });
            return value;
          } catch (error) {
            if (!AbortedError.isAbortedError(error)) {
              this.counters.recordFailure(key, this.options.isThrottle?.(error) ?? false);
            }
            this.options.onAttempt?.({ key, attempt, ok: false, durationMs: this.options.timer.now() - started, error });
            throw error;
          }
        } finally {
          release();
        }
      },
      {
        policy: this.retryPolicy,
        shouldRetry: (error) => options.retryable(error),
        timer: this.options.timer,
        onRetry: () => this.counters.recordRetry(key),
        ...(this.options.random === undefined ? {} : { random: this.options.random }),
        ...(signal === undefined ? {} : { signal }),
      },
    );
  }

  /** The call counters so far. */
  stats(): CallStatsSnapshot {
    return this.counters.snapshot();
  }
}
