/**
 * The emulator's HTTP front: Tencent Cloud API 3.0 on 127.0.0.1, close enough to the real
 * endpoint that the official SDK talks to it with only `endpoint`, `protocol` and `agent` changed
 * (`ckafka.localhost:<port>`, `http://`, `createLoopbackAgent()`).
 *
 * `POST /` with `X-TC-Action`, `X-TC-Version: 2019-08-19`, `X-TC-Region`, `X-TC-Timestamp` and a
 * TC3-HMAC-SHA256 `Authorization`, verified against the configured key pair: the service must be
 * `ckafka` and the host one this server answers as; the timestamp is checked against the *real*
 * clock; a signature is remembered while it is valid, so it cannot be replayed as another action
 * or a write sent twice (replay-guard.ts). Every API answer, errors included, is HTTP 200
 * `{"Response": {...}}`, because the SDK only parses 200 bodies. Injected 5xx faults answer
 * 500/503 with a non-JSON body; dropped connections destroy the socket, before or after the
 * request is applied. The server prints nothing itself.
 *
 * Hostile clients: the method, the host, the Content-Length and the signature's headers are
 * checked before a byte of the body is read; a refused request is answered and its connection
 * closed, unread. A body larger than the API's 10 MB is answered 413. Connections are capped, a
 * request must arrive within a time limit, and `close()` drains requests in progress for a bounded
 * time before it drops them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EMULATOR_HOSTNAME } from '../loopback-agent';
import { sleepUnlessAborted } from '../resilience/sleep-unless-aborted';
import { CKAFKA_API_VERSION } from './actions';
import { createEmulator, type DispatchOutcome, type Emulator, type EmulatorOptions } from './emulator';
import { createReplayGuard } from './replay-guard';
import { checkTc3Headers, isTc3Failure, verifyTc3Signature, type Tc3Checked } from './tc3';

/** A key pair the server accepts. */
export interface EmulatorCredentials {
  readonly secretId: string;
  readonly secretKey: string;
}

/** Host names the server answers as by default: the emulator's own and the real API's. */
export const EMULATOR_SERVER_HOSTS: readonly string[] = [EMULATOR_HOSTNAME, 'ckafka.tencentcloudapi.com', 'ckafka.intl.tencentcloudapi.com', '127.0.0.1', 'localhost', '::1'];

/** Options of {@link startEmulatorServer}. */
export interface EmulatorServerOptions {
  /** The emulator to serve. @default a new one on `statePath` (or in memory) */
  readonly emulator?: Emulator;
  /** The state file of the emulator created when `emulator` is absent. @default in memory */
  readonly statePath?: string;
  /** Options of the emulator created when `emulator` is absent (clock, faults, initial state). */
  readonly emulatorOptions?: Omit<EmulatorOptions, 'statePath'>;
  /** TCP port. @default 0 (any free port) */
  readonly port?: number;
  /**
   * Key pairs requests must be signed with. Without any, requests are accepted signed or not,
   * and the handle says so (`verifiesSignatures: false`) so the caller can warn.
   */
  readonly credentials?: EmulatorCredentials | readonly EmulatorCredentials[];
  /** The real clock for signature expiry, Unix ms. @default Date.now */
  readonly realNow?: () => number;
  /**
   * Host names (the `Host` header without its port) the server answers as; others are refused
   * before anything is read, signed or not (a DNS-rebinding page names its own host).
   * @default {@link EMULATOR_SERVER_HOSTS}
   */
  readonly hosts?: readonly string[];
  /** Open connections at most; more are closed as they arrive. @default 64 */
  readonly maxConnections?: number;
  /** How long `close()` lets requests in progress finish before dropping them. @default 5000 ms */
  readonly drainMs?: number;
  /** A request's headers and body must arrive within this. @default 30000 ms */
  readonly requestTimeoutMs?: number;
}

/** A running server. */
export interface EmulatorServer {
  /** `http://127.0.0.1:<port>`: what `--endpoint` and CKAFKA_ENDPOINT take (the adapter signs it as `ckafka.localhost`). */
  readonly url: string;
  readonly port: number;
  /**
   * The SDK endpoint to configure: `ckafka.localhost:<port>`, with protocol `http://` and an
   * agent that connects to 127.0.0.1 (`createLoopbackAgent()`), so the SDK signs as `ckafka`.
   */
  readonly endpoint: string;
  /** False when no key pair is configured: requests are not authenticated. */
  readonly verifiesSignatures: boolean;
  readonly emulator: Emulator;
  /**
   * Stops listening, lets requests in progress finish for at most `drainMs`, drops whatever
   * connections remain, and closes the emulator if the server created it.
   */
  close(): Promise<void>;
}

/** The API's limit on a TC3-signed POST body (Tencent Cloud API 3.0: "POST requests support up to 10 MB"). */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Reads exactly the declared body; rejects when the connection closes first. */
function readBody(req: IncomingMessage, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const body = Buffer.allocUnsafe(length);
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      // Node's parser never delivers more than Content-Length; the check keeps this true if it did.
      const n = Math.min(chunk.length, length - size);
      chunk.copy(body, size, 0, n);
      size += n;
    });
    req.on('end', () => (size === length ? resolve(body) : reject(new Error('the request body ended early'))));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('the connection closed before the request body arrived'));
    });
  });
}

/** Finishes the response, then closes the connection (a refused request's body is never read). */
function closeAfter(res: ServerResponse, req: IncomingMessage): void {
  res.setHeader('Connection', 'close');
  res.on('finish', () => req.socket.destroy());
}

function sendJson(res: ServerResponse, body: unknown, traceId: string | undefined, status = 200): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    ...(traceId !== undefined ? { 'X-TC-TraceId': traceId } : {}),
  });
  res.end(text);
}

/** Whether the emulator did nothing with a request (its client may send it again as it was). */
function didNothing(out: DispatchOutcome): boolean {
  if (out.kind === 'fault') return true;
  const error = (out.body.Response as { Error?: { Code?: unknown } }).Error;
  return error?.Code === 'RequestLimitExceeded';
}

/** Starts the HTTP front on 127.0.0.1. */
export async function startEmulatorServer(options: EmulatorServerOptions = {}): Promise<EmulatorServer> {
  const ownsEmulator = options.emulator === undefined;
  const emulator =
    options.emulator ??
    createEmulator({ ...(options.emulatorOptions ?? {}), ...(options.statePath !== undefined ? { statePath: options.statePath } : {}) });
  const list = options.credentials === undefined ? [] : Array.isArray(options.credentials) ? options.credentials : [options.credentials as EmulatorCredentials];
  const keys = new Map<string, string>(list.map((c: EmulatorCredentials) => [c.secretId, c.secretKey]));
  const verifies = keys.size > 0;
  const realNow = options.realNow ?? Date.now;
  const hosts = new Set((options.hosts ?? EMULATOR_SERVER_HOSTS).map((h) => h.toLowerCase()));
  const replays = createReplayGuard();
  const stopping = new AbortController();

  const apiError = (res: ServerResponse, code: string, message: string, traceId: string | undefined): void =>
    sendJson(res, { Response: { Error: { Code: code, Message: message }, RequestId: emulator.nextLocalRequestId() } }, traceId);
  /** Refuses a request without reading its body, and closes its connection. */
  const refuse = (req: IncomingMessage, res: ServerResponse, code: string, message: string, traceId: string | undefined, status = 200): void => {
    closeAfter(res, req);
    sendJson(res, { Response: { Error: { Code: code, Message: message }, RequestId: emulator.nextLocalRequestId() } }, traceId, status);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const traceId = headerValue(req, 'x-tc-traceid');
    // Everything that needs no body first: nothing of a refused request is read.
    if (req.method !== 'POST') return refuse(req, res, 'UnsupportedProtocol', `HTTP ${req.method ?? ''} is not supported here; send POST with Content-Type application/json`, traceId);
    const host = (headerValue(req, 'host') ?? '').trim().toLowerCase().replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    if (!hosts.has(host)) return refuse(req, res, 'InvalidParameter', `this endpoint answers as ${[...hosts].join(', ')}, not as the host ${JSON.stringify(host)}`, traceId);
    const lengthHeader = headerValue(req, 'content-length');
    if (lengthHeader === undefined || !/^\d{1,12}$/.test(lengthHeader.trim())) {
      return refuse(req, res, 'InvalidParameter', 'the request has no Content-Length (a chunked body is not accepted); send the JSON body with its length', traceId, 411);
    }
    const length = Number(lengthHeader);
    if (length > MAX_BODY_BYTES) return refuse(req, res, 'RequestSizeLimitExceeded', `the request body of ${length} bytes is larger than ${MAX_BODY_BYTES} bytes`, traceId, 413);
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v[0] : v;
    let checked: Tc3Checked | undefined;
    if (verifies) {
      const pre = checkTc3Headers(headers, keys, Math.floor(realNow() / 1000));
      if (isTc3Failure(pre)) return refuse(req, res, pre.code, pre.message, traceId);
      checked = pre;
    }
    const body = await readBody(req, length);
    const action = headerValue(req, 'x-tc-action');
    if (action === undefined || action === '') return apiError(res, 'MissingParameter', 'the request is missing the X-TC-Action header', traceId);
    const version = headerValue(req, 'x-tc-version');
    if (version === undefined || version === '') return apiError(res, 'MissingParameter', 'the request is missing the X-TC-Version header (2019-08-19)', traceId);
    if (version !== CKAFKA_API_VERSION) return apiError(res, 'NoSuchVersion', `API version ${version} does not exist for ckafka; use ${CKAFKA_API_VERSION}`, traceId);
    if (checked !== undefined) {
      const [path = '/', query = ''] = (req.url ?? '/').split('?', 2);
      const failure = verifyTc3Signature({ method: req.method, path, query, headers, body }, checked);
      if (failure !== undefined) return apiError(res, failure.code, failure.message, traceId);
    }
    const contentType = (headerValue(req, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (contentType !== 'application/json') {
      return apiError(res, 'InvalidParameter', `Content-Type ${JSON.stringify(contentType ?? '')} is not supported; send application/json`, traceId);
    }
    const region = headerValue(req, 'x-tc-region');
    if (region === undefined || region === '') return apiError(res, 'MissingParameter', 'the request is missing the X-TC-Region header; CKafka is a regional product', traceId);
    let request: unknown;
    try {
      request = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      return apiError(res, 'InvalidParameter', 'the request body is not valid JSON', traceId);
    }
    if (checked !== undefined) {
      const replay = replays.admit(checked.auth.signature, action, checked.timestamp, Math.floor(realNow() / 1000));
      if (replay !== undefined) return apiError(res, replay.code, replay.message, traceId);
    }
    const out = await emulator.dispatch(action, request, region, { rateLimitClock: 'real' });
    if (checked !== undefined && didNothing(out)) replays.forget(checked.auth.signature, action);
    if (out.latencyMs > 0) await sleepUnlessAborted(out.latencyMs, stopping.signal);
    if (out.kind === 'fault') {
      if (out.fault === 'drop-before') {
        req.socket.destroy();
        return;
      }
      const text = out.httpStatus === 500 ? '<html><body><h1>500 Internal Server Error</h1></body></html>' : '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>';
      res.writeHead(out.httpStatus, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
      return;
    }
    if (out.lostResponse) {
      req.socket.destroy();
      return;
    }
    sendJson(res, out.body, traceId);
  };

  const inFlight = new Set<Promise<void>>();
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const server: Server = createServer({ requestTimeout: requestTimeoutMs, headersTimeout: Math.min(requestTimeoutMs, 10_000) }, (req, res) => {
    const done = handle(req, res).catch((e: unknown) => {
      if (res.headersSent || req.socket.destroyed) return;
      // An emulator bug or a broken state file: say so as the API would, without secrets.
      const code = (e as { code?: unknown }).code;
      apiError(res, 'InternalError', `the emulator failed: ${typeof code === 'string' ? `${code}: ` : ''}${(e as Error).message}`, headerValue(req, 'x-tc-traceid'));
    });
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  });
  server.maxConnections = options.maxConnections ?? 64;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const drainMs = options.drainMs ?? 5000;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    endpoint: `${EMULATOR_HOSTNAME}:${port}`,
    verifiesSignatures: verifies,
    emulator,
    close() {
      closing ??= (async () => {
        // Stop accepting; requests in progress get `drainMs` to finish (their state is written),
        // then their connections are dropped: a stalled client cannot keep the server up.
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, drainMs)));
        await Promise.race([Promise.all([...inFlight]), deadline]);
        clearTimeout(timer);
        stopping.abort();
        server.closeAllConnections();
        // Handlers still waiting for a body fail as their sockets close; a dispatch finishes its
        // transaction. Either way they settle promptly once the sockets are closed.
        await Promise.allSettled([...inFlight]);
        await stopped;
        if (ownsEmulator) await emulator.close();
      })();
      return closing;
    },
  };
}

/** Options of {@link runEmulatorServe} (`ckafka emulator serve`). */
export interface EmulatorServeOptions {
  readonly port: number;
  /** The state file; created from the seed fleet when missing. */
  readonly statePath: string;
  readonly credentials?: EmulatorCredentials;
  /** Where the listening line goes. */
  readonly out: { write(text: string): unknown };
  /** Where warnings go. @default `out` */
  readonly err?: { write(text: string): unknown };
  /** Virtual clock speed to set (written to the state for other processes). @default the state's */
  readonly speed?: number;
  /** Stops the server when aborted (besides SIGINT/SIGTERM). */
  readonly signal?: AbortSignal;
  /** How long stopping lets requests in progress finish. @default 5000 ms */
  readonly drainMs?: number;
}

/**
 * Runs the emulator server in the foreground until SIGINT, SIGTERM or `signal`, then stops
 * within `drainMs`; a change is saved before it is answered, and reads are written at the stop. Prints
 * `ckafka emulator listening on http://127.0.0.1:<port> (state: <file>)`.
 */
export async function runEmulatorServe(options: EmulatorServeOptions): Promise<void> {
  const emulator = createEmulator({ statePath: options.statePath, ...(options.speed !== undefined ? { clock: { speed: options.speed } } : {}) });
  // HTTP clients wait in real time: a stopped (or stepping) clock would never move for them.
  if (emulator.clock.speed === 0) {
    emulator.clock.setSpeed(1);
    (options.err ?? options.out).write('note: the state\'s clock was stopped or stepping; serving at real time (pass --speed to run faster)\n');
  }
  // Writes the seed state (or the new clock speed) before announcing the server.
  await emulator.update(() => undefined);
  const server = await startEmulatorServer({
    emulator,
    port: options.port,
    ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
    ...(options.drainMs !== undefined ? { drainMs: options.drainMs } : {}),
  });
  options.out.write(`ckafka emulator listening on ${server.url} (state: ${options.statePath})\n`);
  if (!server.verifiesSignatures) {
    (options.err ?? options.out).write('warning: no credentials configured; the emulator accepts requests without checking signatures\n');
  }
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      options.signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    if (options.signal?.aborted === true) stop();
    else options.signal?.addEventListener('abort', stop, { once: true });
  });
  await server.close();
  await emulator.close();
}
