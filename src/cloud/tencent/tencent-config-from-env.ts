/**
 * The only place the Tencent adapter reads environment variables. The CLI and the Pulumi
 * provider call it with `process.env`; tests call it with a plain object. The adapter class
 * itself takes explicit options only.
 */
import { DEFAULT_ENDPOINT, parseEndpoint } from './parse-endpoint';
import { CLIENT_ERROR, clientError } from './errors';
import { normaliseProxyUrl, selectProxy, type Env } from './select-proxy';

/** API credentials: a permanent key pair, or a temporary one with its session token. */
export interface TencentCredentials {
  readonly secretId: string;
  readonly secretKey: string;
  /** Session token of temporary credentials (STS / CAM role). */
  readonly token?: string;
}

/** What the environment (and the declaration) says about reaching CKafka. */
export interface TencentEnvConfig {
  /** `undefined` when TENCENTCLOUD_SECRET_ID or TENCENTCLOUD_SECRET_KEY is missing (the CLI then uses the emulator). */
  readonly credentials: TencentCredentials | undefined;
  /** The declaration's region, else TENCENTCLOUD_REGION; `undefined` when neither gives one. */
  readonly region: string | undefined;
  /** The endpoint override (option, else CKAFKA_ENDPOINT), as given; `undefined` for the public endpoint. */
  readonly endpoint: string | undefined;
  /**
   * The proxy for that endpoint under the documented policy (loopback never, NO_PROXY honoured),
   * or `undefined`. May hold credentials: print it only through `redactUrl`.
   */
  readonly proxy: string | undefined;
  /**
   * CKAFKA_WRITE_SETTLE_MS: the base of the looks after a write whose answer was lost (the
   * adapter's `reobserveDelayMs`). Honoured only for an endpoint on this machine, an emulator that
   * shows an accepted order at once; the cloud may take up to a minute, and resending a write
   * before that could submit it twice. @default - the adapter's 5 s (looks at 5, 15 and 40 s)
   */
  readonly writeSettleMs: number | undefined;
}

/** Values that take precedence over the environment. */
export interface TencentEnvOverrides {
  /** The region from the fleet file or the resource. @default TENCENTCLOUD_REGION */
  readonly region?: string;
  /** An endpoint from a flag or option. @default CKAFKA_ENDPOINT, else the public endpoint */
  readonly endpoint?: string;
}

/**
 * A loopback address by its literal form only: `localhost`, 127.0.0.0/8 or ::1. Not `*.localhost`
 * or any other name a resolver could send elsewhere (the proxy policy may be generous; a shorter
 * write settle time must not).
 */
function isLiteralLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

function nonEmpty(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t === undefined || t === '' ? undefined : t;
}

/**
 * Reads TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY, TENCENTCLOUD_SESSION_TOKEN,
 * TENCENTCLOUD_REGION, CKAFKA_ENDPOINT, CKAFKA_WRITE_SETTLE_MS and the proxy variables (https_proxy, http_proxy,
 * no_proxy, in either case) from `env`. Empty values count as unset.
 *
 * @throws CloudError `invalid` when CKAFKA_ENDPOINT or the chosen proxy variable is malformed, or
 *   CKAFKA_WRITE_SETTLE_MS is not a whole number or is set for an endpoint off this machine;
 *   the message names the variable and never prints a credential.
 */
export function tencentConfigFromEnv(env: Env, overrides: TencentEnvOverrides = {}): TencentEnvConfig {
  const secretId = nonEmpty(env.TENCENTCLOUD_SECRET_ID);
  const secretKey = nonEmpty(env.TENCENTCLOUD_SECRET_KEY);
  const token = nonEmpty(env.TENCENTCLOUD_SESSION_TOKEN);
  const credentials =
    secretId === undefined || secretKey === undefined ? undefined : { secretId, secretKey, ...(token === undefined ? {} : { token }) };
  const endpointOverride = nonEmpty(overrides.endpoint);
  const endpointEnv = nonEmpty(env.CKAFKA_ENDPOINT);
  const endpoint = endpointOverride ?? endpointEnv;
  const parsed = parseEndpoint(endpoint ?? DEFAULT_ENDPOINT, endpointOverride !== undefined ? 'endpoint' : 'CKAFKA_ENDPOINT');
  const chosen = selectProxy(parsed, env);
  const settle = nonEmpty(env.CKAFKA_WRITE_SETTLE_MS);
  let writeSettleMs: number | undefined;
  if (settle !== undefined) {
    writeSettleMs = Number(settle);
    if (!/^\d+$/.test(settle) || !Number.isSafeInteger(writeSettleMs))
      throw clientError('invalid', CLIENT_ERROR.invalidOption, `CKAFKA_WRITE_SETTLE_MS must be a whole number of milliseconds, got "${settle}"`);
    if (endpoint === undefined || !isLiteralLoopback(parsed.hostname))
      throw clientError(
        'invalid',
        CLIENT_ERROR.invalidOption,
        `CKAFKA_WRITE_SETTLE_MS applies only to an endpoint on this machine (an emulator); the cloud shows an accepted order within about a minute, so ${endpoint === undefined ? 'the public endpoint' : parsed.hostname} keeps the default settling time`,
      );
  }
  return {
    credentials,
    region: nonEmpty(overrides.region) ?? nonEmpty(env.TENCENTCLOUD_REGION),
    endpoint,
    proxy: chosen === undefined ? undefined : normaliseProxyUrl(chosen, 'the proxy variable (https_proxy / http_proxy)'),
    writeSettleMs,
  };
}
