/**
 * TC3-HMAC-SHA256, the Tencent Cloud API 3.0 signature, for the emulator's HTTP front (to verify
 * requests) and for tests and tools (to sign them without the SDK).
 *
 * CanonicalRequest = method \n path \n query \n canonical headers \n signed headers \n sha256(body);
 * StringToSign = "TC3-HMAC-SHA256" \n timestamp \n date/service/tc3_request \n sha256(canonical request);
 * the key is HMAC("TC3" + secretKey, date) → service → "tc3_request". The SDK signs
 * `content-type;host` with the host name *without* the port, and takes the service from the
 * endpoint's first label (`127` for `127.0.0.1:PORT`). The real API accepts only the service
 * `ckafka` (docs/sources.md, API point 10), and so does the verifier: a client reaches the
 * emulator as `ckafka.localhost:PORT` (or `ckafka.tencentcloudapi.com:PORT`) with an agent that
 * connects to the loopback address (`createLoopbackAgent`).
 *
 * Verification is split so the server can refuse a request before reading its body:
 * {@link checkTc3Headers} (the Authorization, the timestamp, the key id, the service and the host)
 * needs the headers only; {@link verifyTc3Signature} needs the body.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The signature algorithm name, as it opens the Authorization header. */
export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';

/** Hex SHA-256 of a string or bytes. */
export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** The parts of a canonical request. */
export interface CanonicalRequestInput {
  /** @default 'POST' */
  readonly method?: string;
  /** @default '/' */
  readonly path?: string;
  /** The query string without `?`. @default '' */
  readonly query?: string;
  /** Header values by lowercase name; must contain every signed header. */
  readonly headers: Readonly<Record<string, string>>;
  /** Lowercase names of the signed headers, in order. @default ['content-type', 'host'] */
  readonly signedHeaders?: readonly string[];
  /** The raw request body. */
  readonly payload: string | Buffer;
}

/** Builds the canonical request string. */
export function buildCanonicalRequest(input: CanonicalRequestInput): string {
  const signed = input.signedHeaders ?? ['content-type', 'host'];
  const canonicalHeaders = signed.map((name) => `${name}:${(input.headers[name] ?? '').trim().toLowerCase()}\n`).join('');
  return [
    (input.method ?? 'POST').toUpperCase(),
    input.path ?? '/',
    input.query ?? '',
    canonicalHeaders,
    signed.join(';'),
    sha256Hex(input.payload),
  ].join('\n');
}

/** The UTC date (`YYYY-MM-DD`) of a Unix timestamp in seconds, as the credential scope uses it. */
export function tc3Date(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

/** Builds the string to sign. */
export function buildStringToSign(timestamp: number, service: string, canonicalRequest: string, date: string = tc3Date(timestamp)): string {
  return `${TC3_ALGORITHM}\n${timestamp}\n${date}/${service}/tc3_request\n${sha256Hex(canonicalRequest)}`;
}

/** The hex signature of a string to sign. */
export function computeTc3Signature(secretKey: string, date: string, service: string, stringToSign: string): string {
  const kDate = hmac(`TC3${secretKey}`, date);
  const kService = hmac(kDate, service);
  const kSigning = hmac(kService, 'tc3_request');
  return createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
}

/** A parsed `Authorization` header. */
export interface Tc3Authorization {
  readonly secretId: string;
  readonly date: string;
  readonly service: string;
  readonly signedHeaders: string[];
  readonly signature: string;
}

/** Parses `TC3-HMAC-SHA256 Credential=<id>/<date>/<service>/tc3_request, SignedHeaders=…, Signature=…`; `undefined` when malformed. */
export function parseTc3Authorization(header: string | undefined): Tc3Authorization | undefined {
  if (header === undefined) return undefined;
  const m = /^TC3-HMAC-SHA256\s+Credential=([^,\s]+)\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-fA-F]{64})\s*$/.exec(header.trim());
  if (m === null) return undefined;
  const scope = (m[1] ?? '').split('/');
  if (scope.length !== 4 || scope[3] !== 'tc3_request') return undefined;
  const [secretId, date, service] = scope as [string, string, string, string];
  if (secretId === '' || !/^\d{4}-\d{2}-\d{2}$/.test(date) || service === '') return undefined;
  const signedHeaders = (m[2] ?? '').split(';').filter((h) => h !== '');
  if (!signedHeaders.includes('host') || !signedHeaders.includes('content-type')) return undefined;
  return { secretId, date, service, signedHeaders, signature: (m[3] ?? '').toLowerCase() };
}

/** What to sign a request with. */
export interface SignTc3Options {
  readonly secretId: string;
  readonly secretKey: string;
  readonly action: string;
  /** The raw JSON body. */
  readonly payload: string;
  /** Unix seconds. @default now */
  readonly timestamp?: number;
  /** The host as the client names it (`ckafka.localhost:9092`); the port is not signed. */
  readonly host: string;
  /** The service of the credential scope. @default 'ckafka', the only one the API accepts */
  readonly service?: string;
  /**
   * Sign `x-tc-action` too, as Tencent Cloud's signing guide recommends, so the signature cannot
   * be reused for another action. The official SDK signs `content-type;host` only.
   * @default true
   */
  readonly signAction?: boolean;
  /** @default '2019-08-19' */
  readonly version?: string;
  readonly region?: string;
  /** @default 'application/json' */
  readonly contentType?: string;
}

/** Signs a POST request and returns the headers to send with it. */
export function signTc3Request(options: SignTc3Options): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const hostname = options.host.replace(/:\d+$/, '');
  const service = options.service ?? 'ckafka';
  const contentType = options.contentType ?? 'application/json';
  const signedHeaders = options.signAction === false ? ['content-type', 'host'] : ['content-type', 'host', 'x-tc-action'];
  const canonical = buildCanonicalRequest({ headers: { 'content-type': contentType, host: hostname, 'x-tc-action': options.action }, signedHeaders, payload: options.payload });
  const date = tc3Date(timestamp);
  const signature = computeTc3Signature(options.secretKey, date, service, buildStringToSign(timestamp, service, canonical, date));
  return {
    'Content-Type': contentType,
    Host: options.host,
    'X-TC-Action': options.action,
    'X-TC-Version': options.version ?? '2019-08-19',
    'X-TC-Timestamp': String(timestamp),
    ...(options.region !== undefined ? { 'X-TC-Region': options.region } : {}),
    Authorization: `${TC3_ALGORITHM} Credential=${options.secretId}/${date}/${service}/tc3_request, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`,
  };
}

/** Why a request failed verification, as the API's error codes. */
export type Tc3Failure =
  | { readonly code: 'AuthFailure.InvalidAuthorization'; readonly message: string }
  | { readonly code: 'AuthFailure.SignatureExpire'; readonly message: string }
  | { readonly code: 'AuthFailure.SecretIdNotFound'; readonly message: string }
  | { readonly code: 'AuthFailure.SignatureFailure'; readonly message: string };

/** A request as received, for verification. */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  /** Header values by lowercase name. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer;
}

/** The service name the CKafka API accepts in a credential scope. */
export const TC3_SERVICE = 'ckafka';

/** What a verifier accepts besides the keys. */
export interface Tc3Policy {
  /** Timestamps further than this from the verifier's clock are expired. @default 300 (the API's five minutes) */
  readonly maxSkewSeconds?: number;
  /** The service the credential scope must name. @default {@link TC3_SERVICE} */
  readonly service?: string;
  /** Host names (without port, lower case) the request may be addressed and signed to. @default any */
  readonly hosts?: ReadonlySet<string>;
}

/** The headers of a request whose Authorization passed {@link checkTc3Headers}. */
export interface Tc3Checked {
  readonly auth: Tc3Authorization;
  readonly timestamp: number;
  readonly secretKey: string;
}

function hostnameOf(hostHeader: string): string {
  return hostHeader.trim().toLowerCase().replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
}

/**
 * Everything about a TC3 signature that can be checked before the body is read: the
 * Authorization's form, the timestamp against `nowSeconds`, the key id, the credential date, the
 * service and the host. A request that fails here is refused without reading its body.
 */
export function checkTc3Headers(
  headers: Readonly<Record<string, string | undefined>>,
  keys: ReadonlyMap<string, string>,
  nowSeconds: number,
  policy: Tc3Policy = {},
): Tc3Failure | Tc3Checked {
  const maxSkewSeconds = policy.maxSkewSeconds ?? 300;
  const auth = parseTc3Authorization(headers.authorization);
  if (auth === undefined) {
    return {
      code: 'AuthFailure.InvalidAuthorization',
      message: 'the Authorization header is missing or not TC3-HMAC-SHA256 (Credential=<id>/<date>/<service>/tc3_request, SignedHeaders=content-type;host, Signature=<hex>)',
    };
  }
  const ts = Number(headers['x-tc-timestamp']);
  if (!Number.isInteger(ts)) return { code: 'AuthFailure.InvalidAuthorization', message: 'X-TC-Timestamp is missing or not Unix seconds' };
  if (Math.abs(nowSeconds - ts) > maxSkewSeconds) {
    return {
      code: 'AuthFailure.SignatureExpire',
      message: `the request timestamp ${ts} is ${Math.abs(nowSeconds - ts)} s away from the server time ${nowSeconds} (at most ${maxSkewSeconds} s allowed); check the client clock`,
    };
  }
  const secretKey = keys.get(auth.secretId);
  if (secretKey === undefined) return { code: 'AuthFailure.SecretIdNotFound', message: 'the SecretId in the Credential is not known to this server' };
  if (auth.date !== tc3Date(ts)) {
    return { code: 'AuthFailure.SignatureFailure', message: `the credential date ${auth.date} is not the UTC date of X-TC-Timestamp (${tc3Date(ts)})` };
  }
  const service = policy.service ?? TC3_SERVICE;
  if (auth.service !== service) {
    return {
      code: 'AuthFailure.SignatureFailure',
      message: `the credential scope names the service ${JSON.stringify(auth.service)}; this endpoint is ${service}. The official SDK signs with the endpoint's first label: use the endpoint ckafka.localhost:<port> (or ckafka.tencentcloudapi.com:<port>) with an agent that connects to 127.0.0.1`,
    };
  }
  const host = hostnameOf(headers.host ?? '');
  if (policy.hosts !== undefined && !policy.hosts.has(host)) {
    return {
      code: 'AuthFailure.SignatureFailure',
      message: `the request is addressed and signed to the host ${JSON.stringify(host)}; this endpoint answers as ${[...policy.hosts].join(', ')}`,
    };
  }
  return { auth, timestamp: ts, secretKey };
}

/** Whether {@link checkTc3Headers} refused. */
export function isTc3Failure(x: Tc3Failure | Tc3Checked): x is Tc3Failure {
  return 'code' in x;
}

/** Checks the signature itself, over the body, for headers that passed {@link checkTc3Headers}. */
export function verifyTc3Signature(request: ReceivedRequest, checked: Tc3Checked): Tc3Failure | undefined {
  const { auth, timestamp, secretKey } = checked;
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = request.headers[name] ?? '';
    // The SDK signs the host name without the port.
    headers[name] = name === 'host' ? value.replace(/:\d+$/, '') : value;
  }
  const canonical = buildCanonicalRequest({ method: request.method, path: request.path, query: request.query, headers, signedHeaders: auth.signedHeaders, payload: request.body });
  const expected = computeTc3Signature(secretKey, auth.date, auth.service, buildStringToSign(timestamp, auth.service, canonical, auth.date));
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(auth.signature, 'hex');
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    return { code: 'AuthFailure.SignatureFailure', message: 'the request signature does not match; check the SecretKey and that the body is sent exactly as signed' };
  }
  return undefined;
}

/**
 * Verifies a TC3-signed request against known key pairs: {@link checkTc3Headers}, then
 * {@link verifyTc3Signature}. `nowSeconds` is the verifier's real clock. Messages never contain
 * secrets.
 */
export function verifyTc3Request(request: ReceivedRequest, keys: ReadonlyMap<string, string>, nowSeconds: number, policy: Tc3Policy = {}): Tc3Failure | undefined {
  const checked = checkTc3Headers(request.headers, keys, nowSeconds, policy);
  return isTc3Failure(checked) ? checked : verifyTc3Signature(request, checked);
}
