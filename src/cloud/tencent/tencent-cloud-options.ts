/**
 * Options of the Tencent Cloud adapter and their checks. Nothing here reads the environment
 * (see `tencentConfigFromEnv`).
 */
import type { Agent } from 'http';
import type { CloudClock } from '../port';
import type { CallStatsSnapshot } from '../resilience/call-stats';
import type { RetryPolicy } from '../resilience/retry-with-backoff';
import { sleepUnlessAborted } from '../resilience/sleep-unless-aborted';
import type { CkafkaTransport } from '../transport';
import { CLIENT_ERROR, clientError } from './errors';
import type { TencentCredentials } from './tencent-config-from-env';

/** One finished API call attempt, for logs; never holds a credential. */
export interface TencentCallEvent {
  readonly action: string;
  readonly attempt: number;
  readonly ok: boolean;
  readonly durationMs: number;
  readonly code?: string;
  readonly requestId?: string;
  readonly httpCode?: number;
  /** The (redacted) error message of a failed attempt. */
  readonly message?: string;
}

/** Call statistics, plus the write-safety counters. */
export interface TencentCallStats extends CallStatsSnapshot {
  /** Times a write's lost answer was followed by re-observing the instance. */
  readonly reobservations: number;
  /** Times a write was sent again because re-observation proved it had not applied. */
  readonly resubmissions: number;
}

/** Options of {@link TencentCkafkaCloud}. Nothing here is read from the environment (see `tencentConfigFromEnv`). */
export interface TencentCloudOptions {
  /** The region every call goes to (X-TC-Region), e.g. `ap-guangzhou`. */
  readonly region: string;
  /** Required to sign requests on the SDK transport; not used by a given `transport`. */
  readonly credentials?: TencentCredentials;
  /**
   * What the cloud is, for the plan's record and for messages: `tencent`, or `emulator` when the
   * transport is the emulator's.
   *
   * @default 'tencent'
   */
  readonly kind?: string;
  /**
   * The API endpoint: `https://host[:port]`, `http://host[:port]` or a bare host.
   *
   * @default 'https://ckafka.tencentcloudapi.com'
   */
  readonly endpoint?: string;
  /**
   * An http(s) proxy URL to send every request through, used as given (the env policy of
   * `tencentConfigFromEnv` has already been applied by the caller).
   *
   * @default no proxy: direct connections
   */
  readonly proxy?: string;
  /**
   * The agent to send requests with, instead of the one built from `endpoint` and `proxy`.
   *
   * @default a keep-alive agent for the endpoint's scheme, or the SDK's proxy agent when `proxy` is set
   */
  readonly agent?: Agent;
  /**
   * Per-request timeout in seconds (the SDK's `reqTimeout`). A request that times out is a
   * network error: retried for reads, re-observed for writes.
   *
   * @default 30
   */
  readonly requestTimeoutSeconds?: number;
  /** Calls in flight at once. @default 8 */
  readonly concurrency?: number;
  /**
   * Requests per second by action, merged over {@link TENCENT_RATE_LIMITS}.
   *
   * @default the documented limits
   */
  readonly rateLimits?: Readonly<Record<string, number>>;
  /** Requests per second of actions without a documented limit. @default 20 */
  readonly defaultRateLimit?: number;
  /**
   * Retry bounds, field by field.
   *
   * @default 5 attempts, backoff caps from 250 ms doubling to 8 s, 60 s in all
   */
  readonly retry?: Partial<RetryPolicy>;
  /**
   * How long to wait after a write's answer is lost before re-observing the instance, so the
   * cloud has time to show a change it accepted. A spec change that still shows no change is
   * looked at twice more, after 3× and 8× this delay (about a minute in all by default), before it
   * is taken as not applied and sent again: how fast the real cloud shows an accepted order is
   * UNCONFIRMED, and resending too early would place a second, billed order.
   *
   * @default 5000
   */
  readonly reobserveDelayMs?: number;
  /** The cloud's clock: what `now` is, and what callers of the port wait on. @default the system clock */
  readonly clock?: CloudClock;
  /**
   * The clock the adapter's own waits run on (retry back-off, rate-limit tokens, the pause before
   * re-observing a lost write).
   *
   * @default `clock`
   */
  readonly waitClock?: CloudClock;
  /** A number in [0, 1) for backoff jitter. @default Math.random */
  readonly random?: () => number;
  /** Language of the API's error messages (X-TC-Language). @default 'en-US' */
  readonly language?: 'en-US' | 'zh-CN';
  /** Called after every call attempt, e.g. for `--verbose` logs. @default no-op */
  readonly onCall?: (event: TencentCallEvent) => void;
  /**
   * The transport to send actions with instead of the SDK: the emulator's in-process transport
   * (`createInProcessTransport`), or a recording one in tests.
   *
   * @default the official SDK over HTTPS, required when the adapter is created
   */
  readonly transport?: CkafkaTransport;
}

/** Options of {@link createTencentCloud}: region and credentials may still be missing, and are checked. */
export type TencentCloudInit = Omit<TencentCloudOptions, 'region' | 'credentials'> & {
  readonly region?: string | undefined;
  readonly credentials?: TencentCredentials | undefined;
};

/** The system clock: `Date` and `setTimeout`. */
export const systemClock: CloudClock = {
  now: () => new Date(),
  sleep: sleepUnlessAborted,
};

/** Checks options before anything is built. */
export function checkOptions(init: TencentCloudInit): asserts init is TencentCloudOptions {
  const region = init.region?.trim() ?? '';
  if (region === '' || /\s/.test(region)) {
    throw clientError(
      'invalid',
      CLIENT_ERROR.regionMissing,
      region === ''
        ? 'no region given: set `region` in the fleet file or TENCENTCLOUD_REGION, e.g. ap-guangzhou'
        : `region must be a region name like ap-guangzhou, got "${region}"`,
    );
  }
  const c = init.credentials;
  if (init.transport === undefined && (c === undefined || c.secretId.trim() === '' || c.secretKey.trim() === '')) {
    throw clientError(
      'auth',
      CLIENT_ERROR.credentialsMissing,
      'no Tencent Cloud credentials: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (and TENCENTCLOUD_SESSION_TOKEN for temporary credentials)',
    );
  }
  const positive = (name: string, v: number | undefined, integer: boolean): void => {
    if (v === undefined) return;
    if (!Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) {
      throw clientError('invalid', CLIENT_ERROR.invalidOption, `${name} must be a ${integer ? 'whole ' : ''}number above 0, got ${v}`);
    }
  };
  positive('requestTimeoutSeconds', init.requestTimeoutSeconds, false);
  positive('concurrency', init.concurrency, true);
  positive('defaultRateLimit', init.defaultRateLimit, false);
  for (const [action, rate] of Object.entries(init.rateLimits ?? {})) positive(`rateLimits.${action}`, rate, false);
  if (init.reobserveDelayMs !== undefined && (!Number.isFinite(init.reobserveDelayMs) || init.reobserveDelayMs < 0)) {
    throw clientError('invalid', CLIENT_ERROR.invalidOption, `reobserveDelayMs must be a number of at least 0, got ${init.reobserveDelayMs}`);
  }
}
