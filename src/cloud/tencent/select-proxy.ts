/**
 * Which proxy, if any, requests to the CKafka endpoint go through, and the agent that does it.
 *
 * The SDK's own rule (tencentcloud-sdk-nodejs-common http/fetch.js) is: with no explicit agent,
 * send everything through `process.env.http_proxy`, ignoring `no_proxy`, `https_proxy` and
 * loopback. That would send emulator traffic on 127.0.0.1 to a corporate proxy. ckafka-iac
 * always passes its own agent and decides as curl does, with one firm rule on top:
 *
 * 1. loopback endpoints (localhost, *.localhost, 127.0.0.0/8, ::1) never use a proxy;
 * 2. an endpoint matched by `no_proxy` / `NO_PROXY` does not use one;
 * 3. an https endpoint uses `https_proxy` / `HTTPS_PROXY`, else `http_proxy` / `HTTP_PROXY`
 *    (the SDK used `http_proxy` for its https endpoint, so setups relying on it keep working);
 * 4. an http endpoint uses `http_proxy` / `HTTP_PROXY`.
 * Lower-case names win over upper-case ones, as in curl.
 */
import * as http from 'http';
import * as https from 'https';
import * as path from 'path';
import { lookupTo } from '../loopback-agent';
import { redact } from '../redact';
import { CLIENT_ERROR, clientError } from './errors';
import type { ParsedEndpoint } from './parse-endpoint';

/** Environment variables, e.g. `process.env`. */
export type Env = Readonly<Record<string, string | undefined>>;

function envValue(env: Env, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = env[n]?.trim();
    if (v !== undefined && v !== '') return v;
  }
  return undefined;
}

/** True for localhost, *.localhost, 127.0.0.0/8, 0.0.0.0 and ::1 (with or without brackets). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1' || h === '0.0.0.0') return true;
  if (/^::ffff:127\./.test(h)) return true;
  const v4 = parseIPv4(h);
  return v4 !== undefined && v4 >>> 24 === 127;
}

function parseIPv4(h: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  if (m === null) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + p, 0);
}

/**
 * Whether `no_proxy` matches a host and port. Entries are separated by commas or spaces; `*`
 * matches everything; `example.com`, `.example.com` and `*.example.com` match the domain and its
 * subdomains; `host:port` matches that port only; `10.0.0.0/8` matches IPv4 addresses in range.
 */
export function matchesNoProxy(noProxy: string, hostname: string, port: number): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  for (const raw of noProxy.split(/[\s,]+/)) {
    let entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    const cidr = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(entry);
    if (cidr !== null) {
      const net = parseIPv4(cidr[1] ?? '');
      const bits = Number(cidr[2]);
      const addr = parseIPv4(host);
      if (net !== undefined && addr !== undefined && bits <= 32) {
        const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
        if (((addr & mask) >>> 0) === ((net & mask) >>> 0)) return true;
      }
      continue;
    }
    let entryPort: number | undefined;
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    if (bracketed !== null) {
      entry = bracketed[1] ?? '';
      entryPort = bracketed[2] === undefined ? undefined : Number(bracketed[2]);
    } else {
      const withPort = /^([^:]+):(\d+)$/.exec(entry);
      if (withPort !== null) {
        entry = withPort[1] ?? '';
        entryPort = Number(withPort[2]);
      }
    }
    if (entryPort !== undefined && entryPort !== port) continue;
    const domain = entry.replace(/^\*?\.+/, '');
    if (domain !== '' && (host === domain || host.endsWith(`.${domain}`))) return true;
  }
  return false;
}

/**
 * The proxy URL to use for `endpoint` under the policy above, or `undefined` for a direct
 * connection. The result may hold credentials: print it only through `redactUrl`.
 */
export function selectProxy(endpoint: ParsedEndpoint, env: Env): string | undefined {
  if (isLoopbackHost(endpoint.hostname)) return undefined;
  const noProxy = envValue(env, 'no_proxy', 'NO_PROXY');
  if (noProxy !== undefined && matchesNoProxy(noProxy, endpoint.hostname, endpoint.port)) return undefined;
  return endpoint.protocol === 'https://'
    ? envValue(env, 'https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY')
    : envValue(env, 'http_proxy', 'HTTP_PROXY');
}

/**
 * Checks a proxy URL and adds `http://` when no scheme is given (curl does the same).
 *
 * @throws CloudError `invalid` / `ClientError.InvalidProxy`, with the value redacted.
 */
export function normaliseProxyUrl(value: string, source = 'proxy'): string {
  const given = value.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(given) ? given : `http://${given}`;
  let u: URL | undefined;
  try {
    u = new URL(withScheme);
  } catch {
    u = undefined;
  }
  if (u === undefined || (u.protocol !== 'http:' && u.protocol !== 'https:') || u.hostname === '') {
    throw clientError(
      'invalid',
      CLIENT_ERROR.invalidProxy,
      `${source} must be an http or https proxy URL like http://proxy.example:3128, got "${redact(given)}"; fix or unset it`,
    );
  }
  return withScheme;
}

/** Options of {@link createAgent}. */
export interface AgentOptions {
  /** At most this many sockets per host: the adapter's concurrency limit. */
  readonly maxSockets: number;
}

/**
 * The agent for the SDK: a keep-alive `http`/`https` agent for a direct connection, or the
 * proxy agent the SDK itself depends on (`https-proxy-agent`, resolved from the SDK's common
 * package so no new dependency is added), which tunnels with CONNECT. An endpoint with a
 * `connectHost` (an emulator on this machine, signed as `ckafka.localhost`) connects there.
 */
export function createAgent(endpoint: ParsedEndpoint, proxyUrl: string | undefined, options: AgentOptions): http.Agent {
  if (proxyUrl === undefined) {
    const agentOptions = {
      keepAlive: true,
      maxSockets: options.maxSockets,
      ...(endpoint.connectHost === undefined ? {} : { lookup: lookupTo(endpoint.connectHost) as http.AgentOptions['lookup'] }),
    };
    return endpoint.protocol === 'https://' ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
  }
  const commonDir = path.dirname(require.resolve('tencentcloud-sdk-nodejs-common/package.json'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path resolved at run time
  const mod = require(require.resolve('https-proxy-agent', { paths: [commonDir] })) as
    | { HttpsProxyAgent: new (proxy: string) => unknown }
    | (new (proxy: string) => unknown);
  const Ctor = 'HttpsProxyAgent' in mod ? mod.HttpsProxyAgent : mod;
  // agent-base agents are not http.Agent subclasses, but node's http.request takes them as agents.
  return new Ctor(proxyUrl) as http.Agent;
}
