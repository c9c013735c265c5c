/** Generic resilience helpers for remote calls: retries, rate limits, concurrency, statistics. */
export { AbortedError, throwIfAborted } from './aborted-error';
export { CallPolicy, type CallAttemptEvent, type CallPolicyOptions, type RunOptions } from './call-policy';
export { CallStats, type CallStatsSnapshot } from './call-stats';
export {
  DEFAULT_RETRY_POLICY,
  backoffDelay,
  resolveRetryPolicy,
  retryWithBackoff,
  type RetryOptions,
  type RetryPolicy,
  type Timer,
} from './retry-with-backoff';
export { mapWithConcurrency, type Settled } from './map-with-concurrency';
export { Semaphore } from './semaphore';
export { sleepUnlessAborted } from './sleep-unless-aborted';
export { RateLimiter, TokenBucket, type RateLimiterOptions, type TokenBucketOptions } from './token-bucket';
