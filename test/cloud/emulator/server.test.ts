/**
 * The HTTP front: Tencent Cloud API 3.0 with TC3-HMAC-SHA256, exercised with the real SDK client
 * (tencentcloud-sdk-nodejs-ckafka) and with hand-signed requests.
 */
import { Agent, request as httpRequest } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { ckafka } from 'tencentcloud-sdk-nodejs-ckafka';
import { signTc3Request, startEmulatorServer, runEmulatorServe, createEmulator, createManualClock, createSeedState, type EmulatorServer } from '../../../src/cloud/emulator';
import { IDS, T0, makeTempDir, newEmulator, SEED_INSTANCES } from './_helpers';

const KEY = { secretId: 'AKIDemulatortest', secretKey: 'emulator-secret-key' };
const agent = new Agent({ keepAlive: false });

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

function signed(server: EmulatorServer, action: string, payload: string, extra: { timestamp?: number; secretKey?: string; version?: string } = {}): Record<string, string> {
  return signTc3Request({
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
      profile: { httpProfile: { endpoint: `127.0.0.1:${port}`, protocol: 'http://', agent } },
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
