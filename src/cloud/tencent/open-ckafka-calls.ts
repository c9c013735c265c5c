/**
 * The calls of an adapter from its options: the transport (the one given, or the official SDK
 * over HTTPS to the endpoint, through the proxy, signed with the credentials), the secrets every
 * error is redacted of (the credentials and the proxy's password), the documented rate limits,
 * the concurrency and the retries.
 */
import type { CloudClock } from '../port';
import { createRedactor } from '../redact';
import type { CkafkaTransport } from '../transport';
import { CkafkaCalls } from './ckafka-calls';
import { CLIENT_ERROR, clientError } from './errors';
import type { ParsedEndpoint } from './parse-endpoint';
import { DEFAULT_TENCENT_CONCURRENCY, DEFAULT_TENCENT_RATE_LIMIT, TENCENT_RATE_LIMITS } from './rate-limits';
import { createSdkTransport } from './sdk-transport';
import { createAgent, normaliseProxyUrl } from './select-proxy';
import type { TencentCloudOptions } from './tencent-cloud-options';

/** Where the adapter's calls go and whose clock their waits use. */
export interface CallsTarget {
  readonly region: string;
  readonly endpoint: ParsedEndpoint;
  /** The clock of backoff and rate-limit waits. */
  readonly waitClock: CloudClock;
}

/** The adapter's calls, for options already checked (`checkOptions`). The SDK is required only when no transport is given. */
export function openCkafkaCalls(options: TencentCloudOptions, target: CallsTarget): CkafkaCalls {
  const proxy = options.proxy === undefined ? undefined : normaliseProxyUrl(options.proxy, 'proxy');
  let proxyPassword: string | undefined;
  if (proxy !== undefined) {
    const u = new URL(proxy);
    proxyPassword = u.password === '' ? undefined : decodeURIComponent(u.password);
  }
  const { credentials } = options;
  const concurrency = options.concurrency ?? DEFAULT_TENCENT_CONCURRENCY;
  const { waitClock } = target;
  return new CkafkaCalls({
    transport: options.transport ?? sdkTransport(options, target, proxy, concurrency),
    redact: createRedactor([credentials?.secretId, credentials?.secretKey, credentials?.token, proxyPassword]),
    onCall: options.onCall,
    concurrency,
    rates: { ...TENCENT_RATE_LIMITS, ...options.rateLimits },
    defaultRate: options.defaultRateLimit ?? DEFAULT_TENCENT_RATE_LIMIT,
    timer: { now: () => waitClock.now().getTime(), sleep: (ms, signal) => waitClock.sleep(ms, signal) },
    ...(options.retry === undefined ? {} : { retry: options.retry }),
    ...(options.random === undefined ? {} : { random: options.random }),
  });
}

function sdkTransport(options: TencentCloudOptions, target: CallsTarget, proxy: string | undefined, concurrency: number): CkafkaTransport {
  const { credentials } = options;
  // checkOptions requires credentials when no transport is given.
  if (credentials === undefined) throw clientError('auth', CLIENT_ERROR.credentialsMissing, 'no Tencent Cloud credentials');
  return createSdkTransport({
    region: target.region,
    secretId: credentials.secretId,
    secretKey: credentials.secretKey,
    ...(credentials.token === undefined || credentials.token === '' ? {} : { token: credentials.token }),
    endpoint: target.endpoint.sdkEndpoint,
    protocol: target.endpoint.protocol,
    reqTimeoutSeconds: options.requestTimeoutSeconds ?? 30,
    agent: options.agent ?? createAgent(target.endpoint, proxy, { maxSockets: concurrency }),
    language: options.language ?? 'en-US',
  });
}
