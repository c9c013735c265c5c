/**
 * The HTTP front: Tencent Cloud API 3.0 with TC3-HMAC-SHA256, exercised with the real SDK client
 * (tencentcloud-sdk-nodejs-ckafka) and with hand-signed requests.
 */
import { request as httpRequest, type Agent } from 'node:http';
import { connect, type Socket } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { ckafka } from 'tencentcloud-sdk-nodejs-ckafka';
import {
  signTc3Request,
  startEmulatorServer,
  runEmulatorServe,
  createEmulator,
  createLoopbackAgent,
  createManualClock,
  createSeedState,
  MAX_BODY_BYTES,
  type EmulatorServer,
} from '../../../src/cloud/emulator';
import { IDS, T0, makeTempDir, newEmulator, SEED_INSTANCES } from './_helpers';

const KEY = { secretId: 'AKIDemulatortest', secretKey: 'emulator-secret-key' };
// The SDK reaches the server as ckafka.localhost:<port> (so it signs as service ckafka) through
// an agent that connects to 127.0.0.1.
const agent: Agent = createLoopbackAgent('127.0.0.1', { keepAlive: false });

function sdkClient(server: EmulatorServer, secretKey = KEY.secretKey, secretId = KEY.secretId) {
  return new ckafka.v20190819.Client({
    credential: { secretId, secretKey },
    region: 'ap-guangzhou',
    // An explicit agent, so a developer's http_proxy is not used for loopback.
    profile: { httpProfile: { endpoint: server.endpoint, protocol: 'http://', agent, reqTimeout: 10 } },
  });
}

interface RawResponse {
  status: number;
  contentType: string | undefined;
  text: string;
}

function post(server: EmulatorServer, headers: Record<string, string>, body: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/', headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function signed(server: EmulatorServer, action: string, payload: string, extra: { timestamp?: number; secretKey?: string; version?: string; signAction?: boolean } = {}): Record<string, string> {
  return signTc3Request({
    ...(extra.signAction !== undefined ? { signAction: extra.signAction } : {}),
    secretId: KEY.secretId,
    secretKey: extra.secretKey ?? KEY.secretKey,
    action,
    payload,
    host: server.endpoint,
    region: 'ap-guangzhou',
    ...(extra.timestamp !== undefined ? { timestamp: extra.timestamp } : {}),
    ...(extra.version !== undefined ? { version: extra.version } : {}),
  });
}

async function sdkError(p: Promise<unknown>): Promise<{ code?: string; httpCode?: number; message: string; requestId?: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code?: string; httpCode?: number; message: string; requestId?: string };
  }
  throw new Error('expected the SDK call to fail');
}

describe('HTTP front with signatures', () => {
  let server: EmulatorServer;
  let em: ReturnType<typeof newEmulator>['em'];

  beforeEach(async () => {
    em = newEmulator().em;
    server = await startEmulatorServer({ emulator: em, credentials: KEY });
  });
  afterEach(async () => {
    await server.close();
    await em.close();
  });

  it('accepts a request signed by the real SDK and answers in API units', async () => {
    expect(server.verifiesSignatures).toBe(true);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const r = await sdkClient(server).DescribeInstancesDetail({ InstanceIdList: [IDS.orders] });
    expect(r.Result?.TotalCount).toBe(1);
    expect(r.Result?.InstanceList?.[0]?.Bandwidth).toBe(1600);
    expect(r.RequestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('submits a write through the SDK (MB/s in)', async () => {
    const client = sdkClient(server);
    const r = await client.InstanceScalingDown({ InstanceId: IDS.payments, BandWidth: 160, UpgradeStrategy: 2 });
    expect(r.Result?.DealNames).toHaveLength(1);
    expect(em.snapshot().submissions[0]?.params).toEqual({ InstanceId: IDS.payments, BandWidth: 160, UpgradeStrategy: 2 });
  });

  it('answers business errors with HTTP 200, which the SDK turns into a coded error', async () => {
    const e = await sdkError(sdkClient(server).DescribeInstanceAttributes({ InstanceId: 'ckafka-00000000' }));
    expect(e.code).toBe('InvalidParameterValue.InstanceNotExist');
    expect(e.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const payload = JSON.stringify({ InstanceId: 'ckafka-00000000' });
    const raw = await post(server, signed(server, 'DescribeInstanceAttributes', payload), payload);
    expect(raw.status).toBe(200);
    expect(JSON.parse(raw.text).Response.Error.Code).toBe('InvalidParameterValue.InstanceNotExist');
  });

  it('refuses a wrong secret key (AuthFailure.SignatureFailure)', async () => {
    expect((await sdkError(sdkClient(server, 'not-the-key').DescribeCkafkaZone({}))).code).toBe('AuthFailure.SignatureFailure');
  });

  it('refuses an unknown secret id (AuthFailure.SecretIdNotFound)', async () => {
    expect((await sdkError(sdkClient(server, KEY.secretKey, 'AKIDunknown').DescribeCkafkaZone({}))).code).toBe('AuthFailure.SecretIdNotFound');
  });

  it('refuses a timestamp more than 300 s from the real clock (AuthFailure.SignatureExpire)', async () => {
    const payload = '{}';
    const old = await post(server, signed(server, 'DescribeCkafkaZone', payload, { timestamp: Math.floor(Date.now() / 1000) - 301 }), payload);
    expect(JSON.parse(old.text).Response.Error.Code).toBe('AuthFailure.SignatureExpire');
    const recent = await post(server, signed(server, 'DescribeCkafkaZone', payload, { timestamp: Math.floor(Date.now() / 1000) - 60 }), payload);
    expect(JSON.parse(recent.text).Response.Error).toBeUndefined();
  });

  it('checks the timestamp against the real clock, not the virtual one', async () => {
    // The virtual clock stands at T0 (months away from now); a current timestamp is fine.
    expect(em.clock.now().getTime()).toBe(T0.getTime());
    const payload = '{}';
    const r = await post(server, signed(server, 'DescribeCkafkaZone', payload), payload);
    expect(JSON.parse(r.text).Response.Error).toBeUndefined();
  });

  it('refuses a body that differs from the signed one', async () => {
    const headers = signed(server, 'DescribeInstanceAttributes', JSON.stringify({ InstanceId: IDS.orders }));
    const r = await post(server, headers, JSON.stringify({ InstanceId: IDS.audit }));
    expect(JSON.parse(r.text).Response.Error.Code).toBe('AuthFailure.SignatureFailure');
  });

  it('refuses a request without Authorization (AuthFailure.InvalidAuthorization)', async () => {
    const headers = signed(server, 'DescribeCkafkaZone', '{}');
    delete headers.Authorization;
    expect(JSON.parse((await post(server, headers, '{}')).text).Response.Error.Code).toBe('AuthFailure.InvalidAuthorization');
  });

  it.each([
    ['a wrong API version', { version: '2017-03-12' }, 'DescribeCkafkaZone', 'NoSuchVersion'],
    ['an unknown action', {}, 'DescribeNothing', 'InvalidAction'],
  ])('answers %s with %s', async (_name, extra, action, code) => {
    const r = await post(server, signed(server, action, '{}', extra), '{}');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text).Response.Error.Code).toBe(code);
  });

  it('answers a missing region with MissingParameter', async () => {
    const headers = signed(server, 'DescribeCkafkaZone', '{}');
    delete headers['X-TC-Region'];
    expect(JSON.parse((await post(server, headers, '{}')).text).Response.Error.Code).toBe('MissingParameter');
  });

  it('echoes the trace id', async () => {
    const headers = { ...signed(server, 'DescribeCkafkaZone', '{}'), 'X-TC-TraceId': 'trace-123' };
    const res = await new Promise<string | undefined>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/', headers, agent }, (r) => {
        r.resume();
        resolve(r.headers['x-tc-traceid'] as string | undefined);
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(res).toBe('trace-123');
  });
});

describe('HTTP front without credentials', () => {
  it('accepts unsigned requests and says it does not verify', async () => {
    const { em } = newEmulator();
    const server = await startEmulatorServer({ emulator: em });
    try {
      expect(server.verifiesSignatures).toBe(false);
      const r = await post(server, { 'Content-Type': 'application/json', 'X-TC-Action': 'DescribeCkafkaZone', 'X-TC-Version': '2019-08-19', 'X-TC-Region': 'ap-guangzhou' }, '{}');
      expect(JSON.parse(r.text).Response.Result.ZoneList).toHaveLength(4);
      // Anything signed is fine too.
      const sdk = await sdkClient(server, 'whatever').DescribeCkafkaZone({});
      expect(sdk.Result?.ZoneList).toHaveLength(4);
    } finally {
      await server.close();
    }
  });
});

describe('HTTP front with faults', () => {
  const withServer = async (faults: Record<string, unknown>, fn: (server: EmulatorServer, em: ReturnType<typeof newEmulator>['em']) => Promise<void>) => {
    const { em } = newEmulator({ faults });
    const server = await startEmulatorServer({ emulator: em, credentials: KEY });
    try {
      await fn(server, em);
    } finally {
      await server.close();
    }
  };

  it('throttling is an API error (RequestLimitExceeded, HTTP 200)', async () => {
    await withServer({ throttleRate: 1 }, async (server) => {
      expect((await sdkError(sdkClient(server).DescribeCkafkaZone({}))).code).toBe('RequestLimitExceeded');
    });
  });

  it('5xx answers HTTP 500/503 with a non-JSON body, which the SDK reports by status', async () => {
    await withServer({ errorRate: 1 }, async (server) => {
      const e = await sdkError(sdkClient(server).DescribeCkafkaZone({}));
      expect(e.code).toBeUndefined();
      expect([500, 503]).toContain(e.httpCode);
      const raw = await post(server, signed(server, 'DescribeCkafkaZone', '{}'), '{}');
      expect([500, 503]).toContain(raw.status);
      expect(raw.contentType).toBe('text/html');
      expect(() => JSON.parse(raw.text)).toThrow();
    });
  });

  it('a connection dropped before applying leaves no trace in the state', async () => {
    await withServer({ dropRate: 1, actions: ['InstanceScalingDown'] }, async (server, em) => {
      const e = await sdkError(sdkClient(server).InstanceScalingDown({ InstanceId: IDS.payments, BandWidth: 160, UpgradeStrategy: 1 }));
      expect(e.code).toBeUndefined();
      expect(e.httpCode).toBeUndefined();
      expect(em.snapshot().submissions).toEqual([]);
      expect(em.snapshot().instances.find((i) => i.instanceId === IDS.payments)?.status).toBe(1);
    });
  });

  it('a connection dropped after applying loses the answer, not the change', async () => {
    await withServer({ dropAfterRate: 1, actions: ['InstanceScalingDown'] }, async (server, em) => {
      const e = await sdkError(sdkClient(server).InstanceScalingDown({ InstanceId: IDS.payments, BandWidth: 160, UpgradeStrategy: 1 }));
      expect(e.code).toBeUndefined();
      expect(em.snapshot().submissions).toHaveLength(1);
      const seen = await sdkClient(server).DescribeInstancesDetail({ InstanceId: IDS.payments });
      expect(seen.Result?.InstanceList?.[0]?.Status).toBe(7);
    });
  });

  it('rate-limits HTTP clients per real second', async () => {
    let real = Date.parse('2026-05-01T00:00:00.100Z');
    const clock = createManualClock(T0);
    const em = createEmulator({ state: createSeedState({ now: T0 }), clock, faults: { rateLimits: { DescribeCkafkaZone: 2 } }, realNow: () => real });
    const server = await startEmulatorServer({ emulator: em, credentials: KEY });
    try {
      const client = sdkClient(server);
      const codeOf = () => client.DescribeCkafkaZone({}).then(() => 'ok', (e: { code?: string }) => e.code);
      expect([await codeOf(), await codeOf(), await codeOf()]).toEqual(['ok', 'ok', 'RequestLimitExceeded']);
      // The virtual clock did not move; the real second did.
      real += 1000;
      expect(await codeOf()).toBe('ok');
    } finally {
      await server.close();
    }
  });
});

describe('state file and foreground serve', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.cleanup());

  it('keeps the state in the file, where a new emulator finds it after close', async () => {
    const statePath = join(tmp.dir, 'server', 'state.json');
    const server = await startEmulatorServer({
      statePath,
      credentials: KEY,
      emulatorOptions: { state: createSeedState({ now: T0, speed: 0 }), clock: createManualClock(T0) },
    });
    await sdkClient(server).InstanceScalingDown({ InstanceId: IDS.payments, BandWidth: 160, UpgradeStrategy: 1 });
    await server.close();
    expect(existsSync(statePath)).toBe(true);
    const again = createEmulator({ statePath });
    expect(again.snapshot().submissions).toHaveLength(1);
    expect(again.snapshot().instances.find((i) => i.instanceId === IDS.payments)?.status).toBe(7);
  });

  it('runs in the foreground, prints where it listens, and stops on abort', async () => {
    const statePath = join(tmp.dir, 'serve', 'emulator-state.json');
    const out = new PassThrough();
    let printed = '';
    out.on('data', (c: Buffer) => (printed += c.toString()));
    const ac = new AbortController();
    const running = runEmulatorServe({ port: 0, statePath, out, signal: ac.signal, credentials: KEY });
    while (!printed.includes('\n')) await new Promise((r) => setTimeout(r, 5));
    const m = /^ckafka emulator listening on http:\/\/127\.0\.0\.1:(\d+) \(state: (.+)\)\n$/.exec(printed);
    expect(m?.[2]).toBe(statePath);
    const port = Number(m?.[1]);
    const r = await new ckafka.v20190819.Client({
      credential: KEY,
      region: 'ap-guangzhou',
      profile: { httpProfile: { endpoint: `ckafka.localhost:${port}`, protocol: 'http://', agent } },
    }).DescribeInstancesDetail({});
    expect(r.Result?.TotalCount).toBe(SEED_INSTANCES);
    ac.abort();
    await running;
    expect(JSON.parse(readFileSync(statePath, 'utf8')).calls.DescribeInstancesDetail).toBe(1);
  });

  it('warns when it does not verify signatures', async () => {
    const statePath = join(tmp.dir, 'serve2', 'emulator-state.json');
    const out = new PassThrough();
    const err = new PassThrough();
    let warned = '';
    err.on('data', (c: Buffer) => (warned += c.toString()));
    let printed = '';
    out.on('data', (c: Buffer) => (printed += c.toString()));
    const ac = new AbortController();
    const running = runEmulatorServe({ port: 0, statePath, out, err, signal: ac.signal });
    while (!printed.includes('\n')) await new Promise((r) => setTimeout(r, 5));
    ac.abort();
    await running;
    expect(warned).toContain('without checking signatures');
  });
});

/** Raw HTTP on a socket: what a hostile client sends, byte for byte. */
function rawClient(port: number): { socket: Socket; received: () => string; closed: Promise<void> } {
  const socket = connect(port, '127.0.0.1');
  let data = '';
  socket.setEncoding('latin1').on('data', (d: string) => (data += d));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  return { socket, received: () => data, closed };
}

function requestHead(port: number, headers: Record<string, string>): string {
  return `POST / HTTP/1.1\r\nHost: ckafka.localhost:${port}\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
}

/** Resolves with what `p` gives within `ms` real milliseconds, else with `late`. */
function within<T, L>(p: Promise<T>, ms: number, late: L): Promise<T | L> {
  return Promise.race([p, new Promise<L>((resolve) => setTimeout(() => resolve(late), ms).unref())]);
}

describe('hostile clients (attacks B8–B10 of docs/reliability.md)', () => {
  let server: EmulatorServer;
  let em: ReturnType<typeof newEmulator>['em'];
  beforeEach(async () => {
    em = newEmulator().em;
    server = await startEmulatorServer({ emulator: em, credentials: KEY, maxConnections: 4 });
  });
  afterEach(async () => {
    await server.close();
    await em.close();
  });
  const codeOf = (r: RawResponse): string | undefined => (JSON.parse(r.text) as { Response: { Error?: { Code: string } } }).Response.Error?.Code;

  it('refuses a signed read re-sent with another action, as the SDK signs it (B8)', async () => {
    const payload = JSON.stringify({ InstanceId: IDS.orders });
    // The SDK does not sign X-TC-Action: a captured read, its action swapped.
    const headers = signed(server, 'DescribeInstanceAttributes', payload, { signAction: false });
    expect(codeOf(await post(server, headers, payload))).toBeUndefined();
    const swapped = await post(server, { ...headers, 'X-TC-Action': 'DeleteInstancePre' }, payload);
    expect(codeOf(swapped)).toBe('AuthFailure.SignatureFailure');
    expect(JSON.parse(swapped.text).Response.Error.Message).toContain('already used for DescribeInstanceAttributes');
    expect(em.snapshot().submissions).toEqual([]);
    expect(em.snapshot().instances.find((i) => i.instanceId === IDS.orders)?.status).toBe(1);
  });

  it('refuses an exact replay of a write, which runs once (B8)', async () => {
    const payload = JSON.stringify({ InstanceId: IDS.payments, BandWidth: 160, UpgradeStrategy: 1 });
    const headers = signed(server, 'InstanceScalingDown', payload, { signAction: false });
    expect(codeOf(await post(server, headers, payload))).toBeUndefined();
    const again = await post(server, headers, payload);
    expect(codeOf(again)).toBe('AuthFailure.SignatureFailure');
    expect(JSON.parse(again.text).Response.Error.Message).toContain('already received');
    expect(em.snapshot().submissions).toHaveLength(1);
  });

  it('lets the same read through twice, and a write resent after a throttle (B8)', async () => {
    const read = signed(server, 'DescribeCkafkaZone', '{}', { signAction: false });
    expect(codeOf(await post(server, read, '{}'))).toBeUndefined();
    expect(codeOf(await post(server, read, '{}'))).toBeUndefined();
    await em.update((s) => {
      s.faults.throttleRate = 1;
      s.faults.actions = ['InstanceScalingDown'];
    });
    const payload = JSON.stringify({ InstanceId: IDS.payments, BandWidth: 160, UpgradeStrategy: 1 });
    const write = signed(server, 'InstanceScalingDown', payload, { signAction: false });
    expect(codeOf(await post(server, write, payload))).toBe('RequestLimitExceeded');
    await em.update((s) => {
      s.faults.throttleRate = 0;
    });
    expect(codeOf(await post(server, write, payload))).toBeUndefined();
    expect(em.snapshot().submissions).toHaveLength(1);
  });

  it('refuses the service 127 the SDK signs for the endpoint 127.0.0.1 (B8)', async () => {
    const client = new ckafka.v20190819.Client({ credential: KEY, region: 'ap-guangzhou', profile: { httpProfile: { endpoint: `127.0.0.1:${server.port}`, protocol: 'http://', agent, reqTimeout: 10 } } });
    const e = await sdkError(client.DescribeCkafkaZone({}));
    expect(e.code).toBe('AuthFailure.SignatureFailure');
    expect(e.message).toContain('names the service "127"');
  });

  it('refuses another host, signed for it or not (B8)', async () => {
    const payload = '{}';
    const headers = signTc3Request({ ...KEY, action: 'DescribeCkafkaZone', payload, host: `cvm.tencentcloudapi.com:${server.port}`, region: 'ap-guangzhou' });
    const r = await post(server, headers, payload);
    expect(codeOf(r)).toBe('InvalidParameter');
    expect(JSON.parse(r.text).Response.Error.Message).toContain('not as the host "cvm.tencentcloudapi.com"');
  });

  it('answers an unauthenticated request before reading its 10 MB body, and closes the connection (B9)', async () => {
    const c = rawClient(server.port);
    c.socket.write(requestHead(server.port, { 'Content-Type': 'application/json', 'Content-Length': String(MAX_BODY_BYTES), 'X-TC-Action': 'DescribeCkafkaZone', 'X-TC-Version': '2019-08-19', 'X-TC-Region': 'ap-guangzhou' }));
    c.socket.write('x'.repeat(64 * 1024));
    // The rest of the body is never sent: the answer must not wait for it.
    expect(await within(c.closed, 3000, 'still open')).toBeUndefined();
    expect(c.received()).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(c.received()).toContain('AuthFailure.InvalidAuthorization');
  });

  it('answers 413 to a declared body over 10 MB without reading it, and closes (B9)', async () => {
    const c = rawClient(server.port);
    const headers = signed(server, 'DescribeCkafkaZone', '{}');
    delete headers.Host;
    c.socket.write(requestHead(server.port, { ...headers, 'Content-Length': String(MAX_BODY_BYTES + 1) }));
    expect(await within(c.closed, 3000, 'still open')).toBeUndefined();
    expect(c.received()).toMatch(/^HTTP\/1\.1 413 /);
    expect(c.received()).toContain('RequestSizeLimitExceeded');
  });

  it('refuses a body without a length (chunked) with 411', async () => {
    const c = rawClient(server.port);
    c.socket.write(requestHead(server.port, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'X-TC-Action': 'DescribeCkafkaZone' }));
    expect(await within(c.closed, 3000, 'still open')).toBeUndefined();
    expect(c.received()).toMatch(/^HTTP\/1\.1 411 /);
  });

  it('caps the connections: one over the cap is closed at once, and the server still serves (B9)', async () => {
    const idle = [0, 1, 2, 3].map(() => rawClient(server.port));
    await new Promise((r) => setTimeout(r, 100));
    const extra = rawClient(server.port);
    expect(await within(extra.closed, 3000, 'still open')).toBeUndefined();
    expect(extra.received()).toBe('');
    for (const c of idle) c.socket.destroy();
    await Promise.all(idle.map((c) => c.closed));
    await new Promise((r) => setTimeout(r, 50));
    expect(codeOf(await post(server, signed(server, 'DescribeCkafkaZone', '{}'), '{}'))).toBeUndefined();
  });
});

describe('stopping while a request stalls (attack B10 of docs/reliability.md)', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.cleanup());

  it('stops within its drain time, dropping the stalled request', async () => {
    let printed = '';
    const ac = new AbortController();
    const running = runEmulatorServe({ port: 0, statePath: join(tmp.dir, 'stall', 'state.json'), out: { write: (t: string) => (printed += t) }, err: { write: () => true }, signal: ac.signal, credentials: KEY, drainMs: 200 });
    while (!printed.includes('\n')) await new Promise((r) => setTimeout(r, 5));
    const port = Number(/:(\d+) /.exec(printed)?.[1]);
    const payload = JSON.stringify({ InstanceId: IDS.orders });
    const headers = signTc3Request({ ...KEY, action: 'DescribeInstanceAttributes', payload, host: `ckafka.localhost:${port}`, region: 'ap-guangzhou' });
    delete headers.Host;
    const c = rawClient(port);
    // Headers and half the body, then nothing.
    c.socket.write(requestHead(port, { ...headers, 'Content-Length': String(payload.length) }));
    c.socket.write(payload.slice(0, 10));
    await new Promise((r) => setTimeout(r, 100));
    ac.abort();
    expect(await within(running.then(() => 'stopped'), 5000, 'still up')).toBe('stopped');
    expect(await within(c.closed, 1000, 'still open')).toBeUndefined();
  });
});
