/**
 * The CKafka API endpoint: the public default or an override (CKAFKA_ENDPOINT, or the
 * `endpoint` option) such as the emulator at `http://127.0.0.1:8080` or a private gateway at
 * `https://ckafka.internal.example:443`, split the way the SDK takes it.
 */
import { EMULATOR_HOSTNAME } from '../loopback-agent';
import { redact } from '../redact';
import { CLIENT_ERROR, clientError } from './errors';
import { isLoopbackHost } from './select-proxy';

/** The China-site API endpoint; the international site is `ckafka.intl.tencentcloudapi.com`. */
export const DEFAULT_ENDPOINT = 'https://ckafka.tencentcloudapi.com';

/** An endpoint split for the SDK. */
export interface ParsedEndpoint {
  /** The SDK's `httpProfile.protocol`. */
  readonly protocol: 'http://' | 'https://';
  /**
   * The SDK's `httpProfile.endpoint`: `host[:port]` (a default port is dropped). The SDK takes
   * the TC3 service name from its first dot-separated label, so `ckafka.…` signs as `ckafka` and
   * `127.0.0.1:8080` as `127`, which the API refuses: a plain-http endpoint on this machine is
   * therefore given to the SDK as `ckafka.localhost:<port>` (see `connectHost`).
   */
  readonly sdkEndpoint: string;
  /**
   * Where connections really go when `sdkEndpoint` names another host: for an emulator on this
   * machine (`http://127.0.0.1:8080`), the address given, while the SDK signs for
   * `ckafka.localhost` as service `ckafka` (src/cloud/loopback-agent.ts). `undefined`: connect to
   * the host of `sdkEndpoint`.
   */
  readonly connectHost?: string;
  /** Host name without brackets or port, lower case. */
  readonly hostname: string;
  /** The port requests go to (the scheme's default when none is given). */
  readonly port: number;
  /** The normalised URL, e.g. `http://127.0.0.1:8080/`. */
  readonly url: string;
}

/**
 * Parses `https://host[:port]`, `http://host[:port]` or a bare `host[:port]` (taken as https).
 *
 * @param source Where the value came from, for the error message (`CKAFKA_ENDPOINT`, `endpoint`).
 * @throws CloudError `invalid` / `ClientError.InvalidEndpoint` when the value is not such a URL
 *   (another scheme, a path, a query, or a user name or password in it).
 */
export function parseEndpoint(value: string, source = 'endpoint'): ParsedEndpoint {
  const given = value.trim();
  const fail = (why: string): never => {
    throw clientError(
      'invalid',
      CLIENT_ERROR.invalidEndpoint,
      `${source} must be a URL like https://ckafka.tencentcloudapi.com or http://127.0.0.1:8080, got "${redact(given)}": ${why}`,
    );
  };
  if (given === '') fail('it is empty');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(given) ? given : `https://${given}`;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    return fail('it does not parse as a URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') fail(`the scheme ${u.protocol.slice(0, -1)} is not supported; use http or https`);
  if (u.username !== '' || u.password !== '') fail('credentials do not belong in the endpoint; use TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY');
  if (u.pathname !== '/' && u.pathname !== '') fail('the SDK always posts to "/", so a path cannot be honoured');
  if (u.search !== '' || u.hash !== '') fail('a query or fragment cannot be honoured');
  if (u.hostname === '') fail('it has no host');
  const protocol = u.protocol === 'http:' ? 'http://' : 'https://';
  const port = u.port === '' ? (protocol === 'http://' ? 80 : 443) : Number(u.port);
  const hostname = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  // Plain http on this machine is an emulator: signed as the service it pins (`ckafka`).
  const local = protocol === 'http://' && isLoopbackHost(hostname);
  return {
    protocol,
    sdkEndpoint: local ? `${EMULATOR_HOSTNAME}:${port}` : u.host,
    ...(local ? { connectHost: hostname.endsWith('.localhost') ? '127.0.0.1' : hostname } : {}),
    hostname,
    port,
    url: `${protocol}${u.host}/`,
  };
}
