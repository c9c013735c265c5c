/**
 * A fake CKafka API endpoint for the adapter tests: an HTTP server on 127.0.0.1 that records
 * each request as the SDK sent it (headers, JSON body) and answers from a script or a handler:
 * success, business error (HTTP 200 with Response.Error, as the real API does), a bare HTTP
 * status, a dropped connection, or a slow answer.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import type { LooseJson } from '../../support/loose-json';

export interface RecordedRequest {
  readonly seq: number;
  readonly action: string;
  readonly region: string | undefined;
  readonly headers: http.IncomingHttpHeaders;
  readonly rawBody: string;
  readonly body: LooseJson;
}

export type Reply =
  | { readonly ok: Record<string, unknown>; readonly requestId?: string }
  | { readonly error: { readonly code: string; readonly message: string }; readonly requestId?: string }
  | { readonly status: number; readonly statusText?: string; readonly body?: string }
  | { readonly drop: true }
  | { readonly delayMs: number; readonly then: Reply };

export type Handler = (req: RecordedRequest) => Reply | Promise<Reply>;

export class FakeCkafkaServer {
  readonly requests: RecordedRequest[] = [];
  private readonly scripts = new Map<string, Reply[]>();
  private readonly handlers = new Map<string, Handler>();
  private active = 0;
  private peak = 0;
  private seq = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly server: http.Server,
    readonly endpoint: string,
  ) {}

  static async start(): Promise<FakeCkafkaServer> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const self = new FakeCkafkaServer(server, `http://127.0.0.1:${port}`);
    // Not awaited: requests are served concurrently; a throwing script is a broken test and surfaces as an unhandled rejection.
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => void self.handle(req, res));
    return self;
  }

  /** Queues replies for an action, used in order before its handler. */
  script(action: string, ...replies: Reply[]): this {
    this.scripts.set(action, [...(this.scripts.get(action) ?? []), ...replies]);
    return this;
  }

  /** Answers an action with a handler once its script is used up. */
  on(action: string, handler: Handler): this {
    this.handlers.set(action, handler);
    return this;
  }

  /** The requests of one action, in arrival order. */
  calls(action: string): RecordedRequest[] {
    return this.requests.filter((r) => r.action === action);
  }

  /** The most requests the server was answering at once. */
  get maxInFlight(): number {
    return this.peak;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.active += 1;
    this.peak = Math.max(this.peak, this.active);
    res.on('close', () => {
      this.active -= 1;
    });
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const action = String(req.headers['x-tc-action'] ?? '');
    const recorded: RecordedRequest = {
      seq: this.seq++,
      action,
      region: req.headers['x-tc-region'] as string | undefined,
      headers: req.headers,
      rawBody,
      body: rawBody === '' ? undefined : JSON.parse(rawBody),
    };
    this.requests.push(recorded);
    const queued = this.scripts.get(action);
    const reply: Reply =
      queued !== undefined && queued.length > 0
        ? (queued.shift() as Reply)
        : ((await this.handlers.get(action)?.(recorded)) ?? { error: { code: 'InvalidAction', message: `no fake for ${action}` } });
    this.send(reply, req, res, recorded.seq);
  }

  private send(reply: Reply, req: http.IncomingMessage, res: http.ServerResponse, seq: number): void {
    const requestId = `req-${seq}`;
    if ('delayMs' in reply) {
      const t = setTimeout(() => {
        this.timers.delete(t);
        if (!res.destroyed) this.send(reply.then, req, res, seq);
      }, reply.delayMs);
      this.timers.add(t);
      return;
    }
    if ('drop' in reply) {
      req.socket.destroy();
      return;
    }
    if ('status' in reply) {
      res.writeHead(reply.status, reply.statusText ?? http.STATUS_CODES[reply.status] ?? 'Error', { 'content-type': 'text/plain' });
      res.end(reply.body ?? '');
      return;
    }
    const response =
      'ok' in reply
        ? { ...reply.ok, RequestId: reply.requestId ?? requestId }
        : { Error: { Code: reply.error.code, Message: reply.error.message }, RequestId: reply.requestId ?? requestId };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ Response: response }));
  }
}
