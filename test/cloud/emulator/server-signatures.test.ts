/** The emulator's HTTP front (Tencent Cloud API 3.0) with the real SDK and hand-signed requests: TC3 signatures checked, or not without credentials. */
import { request as httpRequest } from 'node:http';
import { startEmulatorServer, type EmulatorServer } from '../../../src/cloud/emulator';
import { IDS, T0, newEmulator } from './_helpers';
import { KEY, agent, post, sdkClient, sdkError, signed } from './_http-client';

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
