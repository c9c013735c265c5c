/** The emulator's HTTP front against hostile clients: replayed and re-targeted signatures, oversized or endless bodies, too many connections. */
import { ckafka } from 'tencentcloud-sdk-nodejs-ckafka';
import { signTc3Request, startEmulatorServer, MAX_BODY_BYTES, type EmulatorServer } from '../../../src/cloud/emulator';
import { IDS, newEmulator } from './_helpers';
import { KEY, agent, post, rawClient, requestHead, sdkError, signed, within, type RawResponse } from './_http-client';

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
