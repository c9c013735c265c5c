/**
 * The emulator's HTTP front: Tencent Cloud API 3.0 on 127.0.0.1, close enough to the real
 * endpoint that the official SDK talks to it with only `endpoint` and `protocol` changed.
 *
 * `POST /` with `X-TC-Action`, `X-TC-Version: 2019-08-19`, `X-TC-Region`, `X-TC-Timestamp` and a
 * TC3-HMAC-SHA256 `Authorization`, verified against the configured key pair (the service name is
 * read from the credential scope; the timestamp is checked against the *real* clock). Every API
 * answer, errors included, is HTTP 200 `{"Response": {...}}`, because the SDK only parses 200
 * bodies. Injected 5xx faults answer 500/503 with a non-JSON body; dropped connections destroy the
 * socket, before or after the request is applied. The server prints nothing itself.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CKAFKA_API_VERSION } from './actions';
import { createEmulator, type Emulator, type EmulatorOptions } from './emulator';
import { verifyTc3Request } from './tc3';

/** A key pair the server accepts. */
export interface EmulatorCredentials {
  readonly secretId: string;
  readonly secretKey: string;
}

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
}

/** A running server. */
export interface EmulatorServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  /** The SDK endpoint to configure (`127.0.0.1:<port>`, with protocol `http://`). */
  readonly endpoint: string;
  /** False when no key pair is configured: requests are not authenticated. */
  readonly verifiesSignatures: boolean;
  readonly emulator: Emulator;
  /** Stops listening, drops open connections, and closes the emulator if the server created it. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, body: unknown, traceId: string | undefined): void {
  const text = JSON.stringify(body);
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    ...(traceId !== undefined ? { 'X-TC-TraceId': traceId } : {}),
  });
  res.end(text);
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

  const apiError = (res: ServerResponse, code: string, message: string, traceId: string | undefined): void =>
    sendJson(res, { Response: { Error: { Code: code, Message: message }, RequestId: emulator.nextLocalRequestId() } }, traceId);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const traceId = headerValue(req, 'x-tc-traceid');
    const body = await readBody(req);
    if (req.method !== 'POST') return apiError(res, 'UnsupportedProtocol', `HTTP ${req.method ?? ''} is not supported here; send POST with Content-Type application/json`, traceId);
    if (body === 'too-large') return apiError(res, 'RequestSizeLimitExceeded', `the request body is larger than ${MAX_BODY_BYTES} bytes`, traceId);
    const action = headerValue(req, 'x-tc-action');
    if (action === undefined || action === '') return apiError(res, 'MissingParameter', 'the request is missing the X-TC-Action header', traceId);
    const version = headerValue(req, 'x-tc-version');
    if (version === undefined || version === '') return apiError(res, 'MissingParameter', 'the request is missing the X-TC-Version header (2019-08-19)', traceId);
    if (version !== CKAFKA_API_VERSION) return apiError(res, 'NoSuchVersion', `API version ${version} does not exist for ckafka; use ${CKAFKA_API_VERSION}`, traceId);
    const [path = '/', query = ''] = (req.url ?? '/').split('?', 2);
    if (verifies) {
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v[0] : v;
      const failure = verifyTc3Request({ method: req.method, path, query, headers, body }, keys, Math.floor(realNow() / 1000));
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
    const out = await emulator.dispatch(action, request, region, { rateLimitClock: 'real' });
    if (out.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, out.latencyMs));
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
  const server: Server = createServer((req, res) => {
    const done = handle(req, res).catch((e: unknown) => {
      if (res.headersSent || req.socket.destroyed) return;
      // An emulator bug or a broken state file: say so as the API would, without secrets.
      const code = (e as { code?: unknown }).code;
      apiError(res, 'InternalError', `the emulator failed: ${typeof code === 'string' ? `${code}: ` : ''}${(e as Error).message}`, headerValue(req, 'x-tc-traceid'));
    });
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closed = false;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    endpoint: `127.0.0.1:${port}`,
    verifiesSignatures: verifies,
    emulator,
    async close() {
      if (closed) return;
      closed = true;
      // Stop accepting, let requests in progress finish (their state is written), then drop
      // whatever connections remain.
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await Promise.all([...inFlight]);
      server.closeAllConnections();
      await stopped;
      if (ownsEmulator) await emulator.close();
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
}

/**
 * Runs the emulator server in the foreground until SIGINT, SIGTERM or `signal`, then stops
 * cleanly (the state is saved after every call). Prints
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
  const server = await startEmulatorServer({ emulator, port: options.port, ...(options.credentials !== undefined ? { credentials: options.credentials } : {}) });
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
