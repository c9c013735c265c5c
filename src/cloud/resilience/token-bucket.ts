/**
 * Client-side rate limiting: a token bucket per API action, so ckafka-iac stays under the
 * cloud's documented per-action limits instead of learning them from throttling errors.
 */
import { AbortedError, throwIfAborted } from './aborted-error';
import type { Timer } from './retry-with-backoff';

/** Options of a {@link TokenBucket}. */
export interface TokenBucketOptions {
  /** Tokens added per second: the sustained request rate. */
  readonly ratePerSecond: number;
  /**
   * Tokens the bucket holds at most: how many calls may go at once after a quiet spell.
   *
   * @default 1 — calls are evenly spaced at 1/rate, which stays under the limit whatever
   *   window the server counts in
   */
  readonly burst?: number;
  readonly timer: Timer;
}

/**
 * A token bucket that reserves: a caller that finds no token takes one on credit (the count goes
 * negative) and sleeps until its token would have arrived, so concurrent callers are served in
 * order and spaced at the bucket's rate.
 */
export class TokenBucket {
  readonly ratePerSecond: number;
  readonly burst: number;
  private readonly timer: Timer;
  private tokens: number;
  private last: number;

  constructor(options: TokenBucketOptions) {
    if (!Number.isFinite(options.ratePerSecond) || options.ratePerSecond <= 0) {
      throw new RangeError(`ratePerSecond must be a number above 0, got ${options.ratePerSecond}`);
    }
    const burst = options.burst ?? 1;
    if (!Number.isFinite(burst) || burst < 1) throw new RangeError(`burst must be a number of at least 1, got ${burst}`);
    this.ratePerSecond = options.ratePerSecond;
    this.burst = burst;
    this.timer = options.timer;
    this.tokens = burst;
    this.last = options.timer.now();
  }

  /**
   * Takes one token, waiting until it is available. Resolves with the milliseconds waited.
   * Rejects with {@link AbortedError} (and gives the reserved token back) when `signal` fires.
   */
  async take(signal?: AbortSignal): Promise<number> {
    throwIfAborted(signal);
    const now = this.timer.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.ratePerSecond) / 1000);
    this.last = now;
    this.tokens -= 1;
    if (this.tokens >= 0) return 0;
    const waitMs = Math.ceil((-this.tokens * 1000) / this.ratePerSecond);
    await this.timer.sleep(waitMs, signal);
    if (signal?.aborted === true) {
      this.tokens += 1;
      throw new AbortedError(signal.reason);
    }
    return waitMs;
  }
}

/** Options of a {@link RateLimiter}. */
export interface RateLimiterOptions {
  /** Requests per second by key (an API action name). */
  readonly rates?: Readonly<Record<string, number>>;
  /** The rate of a key that `rates` does not list. */
  readonly defaultRate: number;
  /** @default 1 (see {@link TokenBucketOptions.burst}) */
  readonly burst?: number;
  readonly timer: Timer;
}

/** One {@link TokenBucket} per key, created on first use. */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly options: RateLimiterOptions) {
    for (const [key, rate] of Object.entries(options.rates ?? {})) {
      if (!Number.isFinite(rate) || rate <= 0) throw new RangeError(`rate of ${key} must be a number above 0, got ${rate}`);
    }
  }

  /** The rate in force for `key`. */
  rateOf(key: string): number {
    return this.options.rates?.[key] ?? this.options.defaultRate;
  }

  /** Takes a token of `key`'s bucket; resolves with the milliseconds waited. */
  take(key: string, signal?: AbortSignal): Promise<number> {
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = new TokenBucket({
        ratePerSecond: this.rateOf(key),
        timer: this.options.timer,
        ...(this.options.burst === undefined ? {} : { burst: this.options.burst }),
      });
      this.buckets.set(key, bucket);
    }
    return bucket.take(signal);
  }
}
