/**
 * The Tencent adapter end to end: the real SDK (tencentcloud-sdk-nodejs-ckafka) over HTTP to a
 * fake CKafka endpoint on 127.0.0.1, with a virtual clock so retries, rate limits and
 * re-observation delays never wait for real.
 */
import * as http from 'http';
import type * as M from 'tencentcloud-sdk-nodejs-ckafka/tencentcloud/services/ckafka/v20190819/ckafka_models';
import { CloudError } from '../../../src/cloud/port';
import { createSdkTransport, type CkafkaTransport } from '../../../src/cloud/tencent/sdk-transport';
import {
  TencentCkafkaCloud,
  createTencentCloud,
  type TencentCallEvent,
  type TencentCloudOptions,
} from '../../../src/cloud/tencent/tencent-ckafka-cloud';
import { mapInstanceDetail } from '../../../src/cloud/tencent/mapping';
import type { ObservedInstance } from '../../../src/spec/observed';
import { VirtualClock } from '../resilience/virtual-clock';
import { FakeCkafkaServer, type Reply } from './fake-ckafka-server';
import { anInstanceDetail, describeInstancesDetail, ids, paged } from './fixtures';

const SECRET_ID = 'AKIDtestSecretIdEXAMPLE0000000000000';
const SECRET_KEY = 'sk-ZETA-9f3c-TOP-SECRET-key-for-tests';
const REGION = 'ap-guangzhou';

let server: FakeCkafkaServer;
let clock: VirtualClock;
const clouds: TencentCkafkaCloud[] = [];

beforeEach(async () => {
  server = await FakeCkafkaServer.start();
  clock = new VirtualClock();
});

afterEach(async () => {
  for (const c of clouds.splice(0)) await c.close();
  await server.close();
});

function makeCloud(overrides: Partial<TencentCloudOptions> = {}): TencentCkafkaCloud {
  const cloud = new TencentCkafkaCloud({
    region: REGION,
    credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY },
    endpoint: server.endpoint,
    clock,
    random: () => 0.5,
    reobserveDelayMs: 2000,
    requestTimeoutSeconds: 5,
    ...overrides,
  });
  clouds.push(cloud);
  return cloud;
}

/**
 * The real SDK transport, recording the virtual time each action is sent at. (The fake server
 * cannot tell: under a virtual clock, real network time does not pass in step.)
 */
function timedTransport(sent: Record<string, number[]>): CkafkaTransport {
  const inner = createSdkTransport({
    region: REGION,
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    endpoint: new URL(server.endpoint).host,
    protocol: 'http://',
    reqTimeoutSeconds: 5,
    agent: new http.Agent({ keepAlive: true }),
    language: 'en-US',
  });
  return {
    request(action, params, signal) {
      (sent[action] ??= []).push(clock.nowMs());
      return inner.request(action, params, signal);
    },
    close: () => inner.close(),
  };
}

/** Gaps between consecutive times, sorted. */
function gaps(times: readonly number[] = []): number[] {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted.slice(1).map((t, i) => t - (sorted[i] ?? 0));
}

/** A mutable set of instances behind DescribeInstancesDetail. */
function withInstances(...details: M.InstanceDetail[]): Map<string, M.InstanceDetail> {
  const store = new Map(details.map((d) => [d.InstanceId ?? '', d]));
  server.on('DescribeInstancesDetail', describeInstancesDetail(() => [...store.values()]));
  return store;
}

async function caught(p: Promise<unknown>): Promise<CloudError> {
  try {
    await p;
  } catch (e) {
    if (CloudError.isCloudError(e)) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

const prepaidChange = { instanceId: 'ckafka-abc12345', bandwidthMBps: 800, diskGB: 9000, partitions: 2600, mode: 'stable' } as const;

describe('requests as the SDK sends them', () => {
  it('signs with TC3, sends action, version, region and language headers, and a JSON body', async () => {
    withInstances(anInstanceDetail());
    const cloud = makeCloud({ credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY, token: 'sts-session-token-123' } });
    const [observed] = await cloud.describeInstances({ ids: ['ckafka-abc12345'] });
    expect(observed?.bandwidthMBps).toBe(400);
    const [req] = server.requests;
    expect(req?.headers['x-tc-action']).toBe('DescribeInstancesDetail');
    expect(req?.headers['x-tc-version']).toBe('2019-08-19');
    expect(req?.region).toBe(REGION);
    expect(req?.headers['x-tc-language']).toBe('en-US');
    expect(req?.headers['x-tc-token']).toBe('sts-session-token-123');
    expect(req?.headers['content-type']).toBe('application/json');
    // An http endpoint on this machine is addressed as ckafka.localhost: the SDK signs as service ckafka.
    expect(req?.headers.authorization).toMatch(new RegExp(`^TC3-HMAC-SHA256 Credential=${SECRET_ID}/\\d{4}-\\d{2}-\\d{2}/ckafka/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$`));
    expect(req?.headers.host).toMatch(/^ckafka\.localhost:\d+$/);
    expect(req?.body).toEqual({ InstanceIdList: ['ckafka-abc12345'], Offset: 0, Limit: 20 });
  });

  it('sends a prepaid change as ModifyInstancePre with all three values in MB/s, GB and partitions', async () => {
    withInstances(anInstanceDetail());
    server.script('ModifyInstancePre', { ok: { Result: { ReturnCode: '0', ReturnMessage: 'ok', Data: { FlowId: 0, DealNames: ['20260601-deal'] } } } });
    const result = await makeCloud().submitSpecChange(prepaidChange);
    // req-0 is the observation that tells the instance's billing (prepaid: ExpireTime > 0).
    expect(result).toEqual({ requestId: 'req-1', reference: '20260601-deal', acceptedBy: 'response' });
    expect(server.calls('ModifyInstancePre')[0]?.rawBody).toBe('{"InstanceId":"ckafka-abc12345","BandWidth":800,"DiskSize":9000,"Partition":2600}');
  });

  it.each([
    ['stable', 1],
    ['high-speed', 2],
  ] as const)('sends a postpaid %s change as InstanceScalingDown with UpgradeStrategy %i', async (mode, strategy) => {
    withInstances(anInstanceDetail({ ExpireTime: 0 }));
    server.script('InstanceScalingDown', { ok: { Result: { DealNames: ['d-1'] } } });
    const result = await makeCloud().submitSpecChange({ ...prepaidChange, mode });
    expect(result).toMatchObject({ acceptedBy: 'response', reference: 'd-1' });
    expect(server.calls('ModifyInstancePre')).toHaveLength(0);
    expect(server.calls('InstanceScalingDown')[0]?.body).toEqual({
      InstanceId: 'ckafka-abc12345',
      UpgradeStrategy: strategy,
      BandWidth: 800,
      DiskSize: 9000,
      Partition: 2600,
    });
  });

  // API point 4 (docs/sources.md): elastic storage (DiskSize -1) has no size to send.
  it('leaves DiskSize out of a change to an instance with elastic storage', async () => {
    withInstances(anInstanceDetail({ ExpireTime: 0, DiskSize: -1 }));
    server.script('InstanceScalingDown', { ok: { Result: { DealNames: ['d-1'] } } });
    await makeCloud().submitSpecChange({ ...prepaidChange, mode: 'stable' });
    expect(server.calls('InstanceScalingDown')[0]?.body).toEqual({ InstanceId: 'ckafka-abc12345', UpgradeStrategy: 1, BandWidth: 800, Partition: 2600 });
  });

  // API point 2: whether InstanceScalingDown takes increases is unconfirmed; a refusal says what to do.
  it('explains a postpaid increase refused by InstanceScalingDown, keeping its code, and names the console as the fallback', async () => {
    withInstances(anInstanceDetail({ ExpireTime: 0 }));
    server.script('InstanceScalingDown', { error: { code: 'FailedOperation', message: 'only scaling down is supported' } });
    const e = await caught(makeCloud().submitSpecChange({ ...prepaidChange, mode: 'stable' }));
    expect([e.kind, e.code, e.action]).toEqual(['other', 'FailedOperation', 'InstanceScalingDown']);
    expect(e.message).toMatch(/only scaling down is supported.*InstanceScalingDown refused an increase of postpaid instance ckafka-abc12345: the API documents it as downsizing.*nothing was changed. Make the increase in the CKafka console/);
    expect(server.calls('InstanceScalingDown')).toHaveLength(1);
  });

  // API point 5: the API keeps a task's time after it ran.
  it('reads a RebalanceTime long before its clock as no scheduled task, a later one as a task, and a recent one as possibly still to come', async () => {
    // The test clock reads 2026-06-01 12:00 UTC (20:00 Beijing).
    withInstances(
      anInstanceDetail({ RebalanceTime: '2023-07-04 10:30:58' }),
      anInstanceDetail({ InstanceId: 'ckafka-abc12346', RebalanceTime: '2026-06-02 01:00:00' }),
      // 14:00 Beijing is 06:00 UTC, passed; read as UTC, 14:00 is still to come.
      anInstanceDetail({ InstanceId: 'ckafka-abc12347', RebalanceTime: '2026-06-01 14:00:00' }),
      // 03:00 Beijing is 19:00 UTC the day before: passed under either reading.
      anInstanceDetail({ InstanceId: 'ckafka-abc12348', RebalanceTime: '2026-06-01 03:00:00' }),
    );
    const [past, future, recent, older] = await makeCloud().describeInstances({ ids: ['ckafka-abc12345', 'ckafka-abc12346', 'ckafka-abc12347', 'ckafka-abc12348'] });
    expect(past?.rebalanceAt).toBeUndefined();
    expect(future?.rebalanceAt).toBe('2026-06-01T17:00:00.000Z');
    expect(recent?.rebalanceAt).toBe('2026-06-01T06:00:00.000Z');
    expect(older?.rebalanceAt).toBeUndefined();
  });

  it('never uses http_proxy from the environment for a loopback endpoint', async () => {
    withInstances(anInstanceDetail());
    const saved = process.env.http_proxy;
    // A proxy that does not exist: the SDK's own default would send the request there and fail.
    process.env.http_proxy = 'http://127.0.0.1:9';
    try {
      const found = await makeCloud().describeInstances({ ids: ['ckafka-abc12345'] });
      expect(found).toHaveLength(1);
      expect(server.requests).toHaveLength(1);
    } finally {
      if (saved === undefined) delete process.env.http_proxy;
      else process.env.http_proxy = saved;
    }
  });
});

describe('describeInstances: batching and paging', () => {
  it.each([
    [1, 1],
    [20, 1],
    [21, 2],
    [45, 3],
    [100, 5],
  ])('%i ids cost exactly %i DescribeInstancesDetail calls', async (n, calls) => {
    const wanted = ids(n);
    // Only the even ones exist: absent ids are left out, the rest come back in request order.
    withInstances(...wanted.filter((_, i) => i % 2 === 0).map((id) => anInstanceDetail({ InstanceId: id })));
    const found = await makeCloud({ rateLimits: { DescribeInstancesDetail: 1000 } }).describeInstances({ ids: wanted });
    expect(server.calls('DescribeInstancesDetail')).toHaveLength(calls);
    for (const r of server.requests) {
      expect(r.body.InstanceIdList.length).toBeLessThanOrEqual(20);
      expect(r.body.Limit).toBe(20);
    }
    expect(found.map((o) => o.instanceId)).toEqual(wanted.filter((_, i) => i % 2 === 0));
  });

  it('costs nothing for no ids and counts each id once', async () => {
    withInstances(anInstanceDetail());
    const cloud = makeCloud();
    expect(await cloud.describeInstances({ ids: [] })).toEqual([]);
    expect(server.requests).toHaveLength(0);
    await cloud.describeInstances({ ids: ['ckafka-abc12345', 'ckafka-abc12345'] });
    expect(server.requests[0]?.body.InstanceIdList).toEqual(['ckafka-abc12345']);
  });

  it('pages region-wide at 20 until TotalCount: page 1 first, then the rest', async () => {
    const all = ids(45, 'ckafka-r').map((id) => anInstanceDetail({ InstanceId: id }));
    withInstances(...all.reverse());
    const found = await makeCloud().describeInstances({ all: true });
    const calls = server.calls('DescribeInstancesDetail');
    expect(calls.map((r) => r.body.Offset).sort((a: number, b: number) => a - b)).toEqual([0, 20, 40]);
    expect(calls[0]?.body).toEqual({ Offset: 0, Limit: 20 });
    expect(found.map((o) => o.instanceId)).toEqual(ids(45, 'ckafka-r'));
  });

  it('spaces the calls of one action at its rate (20/s for DescribeInstancesDetail)', async () => {
    withInstances();
    const sent: Record<string, number[]> = {};
    await makeCloud({ transport: timedTransport(sent) }).describeInstances({ ids: ids(100) });
    expect(server.calls('DescribeInstancesDetail')).toHaveLength(5);
    expect(gaps(sent.DescribeInstancesDetail)).toEqual([50, 50, 50, 50]);
  });

  it('keeps at most `concurrency` calls in flight', async () => {
    const inner = describeInstancesDetail(() => []);
    server.on('DescribeInstancesDetail', (req) => ({ delayMs: 15, then: inner(req) as Reply }));
    const cloud = makeCloud({ concurrency: 3, rateLimits: { DescribeInstancesDetail: 100_000 } });
    await cloud.describeInstances({ ids: ids(200) });
    expect(server.calls('DescribeInstancesDetail')).toHaveLength(10);
    expect(server.maxInFlight).toBeLessThanOrEqual(3);
    expect(cloud.stats().maxInFlight).toBe(3);
  });
});

describe('reads are retried with backoff', () => {
  it('retries throttling, sleeping the jittered backoff on the injected clock', async () => {
    withInstances(anInstanceDetail());
    server.script(
      'DescribeInstancesDetail',
      { error: { code: 'RequestLimitExceeded', message: 'too many requests' } },
      { error: { code: 'RequestLimitExceeded.UinLimitExceeded', message: 'too many requests' } },
    );
    const cloud = makeCloud();
    expect(await cloud.describeInstances({ ids: ['ckafka-abc12345'] })).toHaveLength(1);
    const stats = cloud.stats();
    expect(stats.calls).toEqual({ DescribeInstancesDetail: 3 });
    expect(stats.retries).toEqual({ DescribeInstancesDetail: 2 });
    expect(stats.throttles).toEqual({ DescribeInstancesDetail: 2 });
    // random 0.5 under caps of 250 and 500 ms.
    expect(clock.sleeps).toEqual([125, 250]);
  });

  it('retries HTTP 5xx and a dropped connection', async () => {
    withInstances(anInstanceDetail());
    server.script('DescribeInstancesDetail', { status: 500 }, { drop: true }, { status: 503 });
    const cloud = makeCloud();
    expect(await cloud.describeInstances({ ids: ['ckafka-abc12345'] })).toHaveLength(1);
    expect(cloud.stats().calls.DescribeInstancesDetail).toBe(4);
  });

  it('retries a request that timed out', async () => {
    withInstances(anInstanceDetail());
    server.script('DescribeInstancesDetail', { delayMs: 2000, then: { ok: { Result: { TotalCount: 0, InstanceList: [] } } } });
    const events: TencentCallEvent[] = [];
    const cloud = makeCloud({ requestTimeoutSeconds: 0.2, onCall: (e) => events.push(e) });
    expect(await cloud.describeInstances({ ids: ['ckafka-abc12345'] })).toHaveLength(1);
    expect(events[0]).toMatchObject({ ok: false, code: 'ClientError.NetworkError' });
    expect(events[0]?.message).toContain('network timeout');
    expect(events[1]).toMatchObject({ ok: true, attempt: 2 });
  });

  it('gives up after the policy bounds with the HTTP status in the error', async () => {
    server.on('DescribeInstancesDetail', () => ({ status: 503 }));
    const e = await caught(makeCloud().describeInstances({ ids: ['ckafka-a'] }));
    expect([e.kind, e.code, e.httpCode, e.action]).toEqual(['unavailable', 'ClientError.HttpStatusCodeError', 503, 'DescribeInstancesDetail']);
    expect(e.message).toContain('after 5 attempts');
    expect(server.requests).toHaveLength(5);
  });

  it('does not retry an API refusal, and maps code and request id', async () => {
    server.script('DescribeInstancesDetail', { error: { code: 'InvalidParameterValue', message: 'bad id' }, requestId: 'rid-77' });
    const e = await caught(makeCloud().describeInstances({ ids: ['x'] }));
    expect([e.kind, e.code, e.requestId, e.httpCode]).toEqual(['invalid', 'InvalidParameterValue', 'rid-77', undefined]);
    expect(server.requests).toHaveLength(1);
  });

  it('reports a refused connection as a network error', async () => {
    const port = Number(new URL(server.endpoint).port);
    await server.close();
    const e = await caught(makeCloud({ endpoint: `http://127.0.0.1:${port}`, retry: { maxAttempts: 2 } }).describeInstances({ ids: ['x'] }));
    expect([e.kind, e.code, e.httpCode]).toEqual(['network', 'ClientError.NetworkError', undefined]);
    expect(e.message).toContain('ECONNREFUSED');
    server = await FakeCkafkaServer.start(); // for afterEach
  });

  it('stops retrying when the signal fires', async () => {
    server.on('DescribeInstancesDetail', () => ({ status: 500 }));
    const controller = new AbortController();
    const cloud = makeCloud({ onCall: () => controller.abort() });
    const e = await caught(cloud.describeInstances({ ids: ['x'] }, { signal: controller.signal }));
    expect(e.code).toBe('ClientError.Aborted');
    expect(server.requests).toHaveLength(1);
  });
});

describe('writes are never retried blindly', () => {
  const ok: Reply = { ok: { Result: { ReturnCode: '0', ReturnMessage: 'ok', Data: { FlowId: 0, DealNames: ['deal-2'] } } } };

  it('retries a throttled submission: the API refused it before doing anything', async () => {
    withInstances(anInstanceDetail());
    server.script('ModifyInstancePre', { error: { code: 'RequestLimitExceeded', message: 'slow down' } }, ok);
    const cloud = makeCloud();
    await expect(cloud.submitSpecChange(prepaidChange)).resolves.toMatchObject({ acceptedBy: 'response', reference: 'deal-2' });
    expect(server.calls('ModifyInstancePre')).toHaveLength(2);
    // Only the observation before the write (its billing): a throttle needs no re-observation.
    expect(server.calls('DescribeInstancesDetail')).toHaveLength(1);
  });

  it('does not resubmit after a dropped connection when re-observation shows the change running', async () => {
    const store = withInstances(anInstanceDetail());
    // The cloud applies the change, then the connection drops before the answer.
    server.on('ModifyInstancePre', () => {
      store.set('ckafka-abc12345', anInstanceDetail({ Status: 7 }));
      return { drop: true };
    });
    const cloud = makeCloud();
    const result = await cloud.submitSpecChange(prepaidChange);
    expect(result.acceptedBy).toBe('observation');
    expect(result.reference).toContain('upgrading');
    expect(server.calls('ModifyInstancePre')).toHaveLength(1);
    // One observation before the write, one after the lost answer.
    expect(server.calls('DescribeInstancesDetail')).toHaveLength(2);
    expect(cloud.stats()).toMatchObject({ reobservations: 1, resubmissions: 0 });
    expect(clock.sleeps).toContain(2000); // the re-observation delay, on the injected clock
  });

  it('resubmits once when every look of the settling period shows nothing changed and the instance idle', async () => {
    withInstances(anInstanceDetail());
    server.script('ModifyInstancePre', { drop: true }, ok);
    const cloud = makeCloud();
    await expect(cloud.submitSpecChange(prepaidChange)).resolves.toMatchObject({ acceptedBy: 'response' });
    expect(server.calls('ModifyInstancePre')).toHaveLength(2);
    // Three looks, at 1×, 3× and 8× the re-observation delay, before anything is sent again (and one before the write).
    expect(server.calls('DescribeInstancesDetail')).toHaveLength(4);
    expect(clock.sleeps).toEqual(expect.arrayContaining([2000, 6000, 16000]));
    expect(cloud.stats()).toMatchObject({ reobservations: 1, resubmissions: 1 });
  });

  it('does not resubmit a change the cloud shows only on a later look (a slow order is not a lost one)', async () => {
    const store = new Map([['ckafka-abc12345', anInstanceDetail()]]);
    server.script('ModifyInstancePre', { drop: true });
    const answer = describeInstancesDetail(() => [...store.values()]);
    let looks = 0;
    server.on('DescribeInstancesDetail', (request) => {
      looks += 1;
      // The accepted order becomes visible on the second look after the lost answer (the first read tells the billing).
      if (looks === 3) store.set('ckafka-abc12345', anInstanceDetail({ Status: 7 }));
      return answer(request);
    });
    const cloud = makeCloud();
    const result = await cloud.submitSpecChange(prepaidChange);
    expect(result).toMatchObject({ acceptedBy: 'observation' });
    expect(server.calls('ModifyInstancePre')).toHaveLength(1);
    expect(cloud.stats()).toMatchObject({ resubmissions: 0 });
  });

  it('resubmits at most once, then reports the outcome as unknown', async () => {
    withInstances(anInstanceDetail());
    server.on('ModifyInstancePre', () => ({ drop: true }));
    const e = await caught(makeCloud().submitSpecChange(prepaidChange));
    expect([e.kind, e.code]).toEqual(['outcome-unknown', 'ClientError.OutcomeUnknown']);
    expect(e.retryable).toBe(false);
    expect(e.message).toContain('resubmitted once');
    expect(server.calls('ModifyInstancePre')).toHaveLength(2);
  });

  it.each<[string, Partial<M.InstanceDetail>, string]>([
    ['at the target spec (a quota-only change finished)', { Bandwidth: 6400, DiskSize: 9000, MaxPartitionNumber: 2600 }, 'at the target spec'],
    ['with a task scheduled', { RebalanceTime: '2026-06-02 03:00:00' }, 'scheduled for 2026-06-01T19:00:00.000Z'],
  ])('accepts by observation after an HTTP 502 when the instance is %s', async (_name, state, words) => {
    const store = withInstances(anInstanceDetail());
    server.on('ModifyInstancePre', () => {
      store.set('ckafka-abc12345', anInstanceDetail(state));
      return { status: 502 };
    });
    const result = await makeCloud().submitSpecChange(prepaidChange);
    expect(result).toMatchObject({ acceptedBy: 'observation' });
    expect(result.reference).toContain(words);
    expect(server.calls('ModifyInstancePre')).toHaveLength(1);
  });

  it('re-observes after an InternalError answer too', async () => {
    withInstances(anInstanceDetail({ Status: 7, ExpireTime: 0 }));
    server.script('InstanceScalingDown', { error: { code: 'InternalError', message: 'oops' } });
    const result = await makeCloud().submitSpecChange(prepaidChange);
    expect(result.acceptedBy).toBe('observation');
  });

  it('does not resubmit when the instance is neither idle nor upgrading', async () => {
    withInstances(anInstanceDetail({ Status: 5 }));
    server.script('ModifyInstancePre', { drop: true });
    const e = await caught(makeCloud().submitSpecChange(prepaidChange));
    expect(e.code).toBe('ClientError.OutcomeUnknown');
    expect(e.message).toContain('isolated');
    expect(server.calls('ModifyInstancePre')).toHaveLength(1);
  });

  it.each<[string, string, string]>([
    ['ResourceInUse', 'in-use', 'instance is upgrading'],
    ['AuthFailure.SignatureFailure', 'auth', 'signature mismatch'],
    ['InvalidParameterValue', 'invalid', 'BandWidth off step'],
    ['FailedOperation', 'other', 'refused'],
  ])('surfaces %s as kind %s without retry or re-observation', async (code, kind, message) => {
    withInstances(anInstanceDetail());
    server.script('ModifyInstancePre', { error: { code, message } });
    const e = await caught(makeCloud().submitSpecChange(prepaidChange));
    expect([e.kind, e.code, e.action]).toEqual([kind, code, 'ModifyInstancePre']);
    expect(server.calls('ModifyInstancePre')).toHaveLength(1);
    expect(server.calls('DescribeInstancesDetail')).toHaveLength(1);
  });

  it('treats a non-zero ReturnCode as a failure', async () => {
    withInstances(anInstanceDetail());
    server.script('ModifyInstancePre', { ok: { Result: { ReturnCode: '1001', ReturnMessage: 'not allowed now' } } });
    const e = await caught(makeCloud().submitSpecChange(prepaidChange));
    expect(e.code).toBe('FailedOperation');
    expect(e.message).toContain('ReturnCode 1001: not allowed now');
  });

  it('refuses a spec that is not whole numbers before calling', async () => {
    const e = await caught(makeCloud().submitSpecChange({ ...prepaidChange, bandwidthMBps: 12.5 }));
    // The API's code for a value an Integer field cannot take; nothing is sent, not even the observation.
    expect([e.kind, e.code]).toEqual(['invalid', 'InvalidParameter']);
    expect(server.requests).toHaveLength(0);
  });
});

describe('assessMigration and quote', () => {
  // API point 1 (docs/sources.md): the unit of BandWidth is unconfirmed, so the adapter asks in MB/s and in Mbps and
  // takes migration if either says so.
  it('asks DescribeModifyType in both readings of BandWidth, with the observed disk type and topic count', async () => {
    withInstances(anInstanceDetail());
    server.on('DescribeModifyType', (r) => ({
      ok: { Result: (r.body as { BandWidth: number }).BandWidth === 800 ? { ModifyType: 0, MigrateFlag: false } : { ModifyType: 1, MigrateFlag: true, MigrateCostTime: 17066 } },
    }));
    const cloud = makeCloud();
    await cloud.describeInstances({ ids: ['ckafka-abc12345'] });
    const a = await cloud.assessMigration('ckafka-abc12345', { edition: 'pro', bandwidthMBps: 800, diskGB: 9000, partitions: 2600 });
    expect(a).toEqual({ required: true, modifyType: 1, cloudEstimateSeconds: { stable: 17066 }, note: expect.stringContaining('(MB/s: no migration, Mbps: migrates)') });
    const asked = { InstanceId: 'ckafka-abc12345', DiskSize: 9000, DiskType: 'CLOUD_PREMIUM', Partition: 2600, Topic: 120, Type: 'sp_ckafka_profession' };
    expect(server.calls('DescribeModifyType').map((c) => c.body)).toEqual(expect.arrayContaining([{ ...asked, BandWidth: 800 }, { ...asked, BandWidth: 6400 }]));
    expect(server.calls('DescribeModifyType')).toHaveLength(2);
    // The earlier observation was reused: one describe in all.
    expect(server.calls('DescribeInstancesDetail')).toHaveLength(1);
  });

  it('fails the assessment when either reading cannot be asked: the caller then plans the change as migrating', async () => {
    withInstances(anInstanceDetail());
    server.on('DescribeModifyType', (r) =>
      (r.body as { BandWidth: number }).BandWidth === 800 ? { ok: { Result: { ModifyType: 0, MigrateFlag: false } } } : { error: { code: 'InvalidParameterValue', message: 'BandWidth 6400 is out of range' } },
    );
    const e = await caught(makeCloud().assessMigration('ckafka-abc12345', { edition: 'pro', bandwidthMBps: 800, diskGB: 9000, partitions: 2600 }));
    expect([e.kind, e.code]).toEqual(['invalid', 'InvalidParameterValue']);
  });

  it('asks about an instance with elastic storage with the DiskSize -1 it reports', async () => {
    withInstances(anInstanceDetail({ DiskSize: -1, ExpireTime: 0 }));
    server.on('DescribeModifyType', () => ({ ok: { Result: { ModifyType: 0, MigrateFlag: false } } }));
    await makeCloud().assessMigration('ckafka-abc12345', { edition: 'pro', bandwidthMBps: 800, diskGB: 9000, partitions: 2600 });
    expect(server.calls('DescribeModifyType').map((c) => (c.body as { DiskSize: number }).DiskSize)).toEqual([-1, -1]);
  });

  it('observes the instance first when it was not described before, and says so when it is missing', async () => {
    withInstances(anInstanceDetail());
    server.script('DescribeModifyType', { ok: { Result: { ModifyType: 2, MigrateFlag: false } } }, { ok: { Result: { ModifyType: 2, MigrateFlag: false } } });
    const cloud = makeCloud();
    await expect(cloud.assessMigration('ckafka-abc12345', { edition: 'pro', bandwidthMBps: 400, diskGB: 7000, partitions: 2000 })).resolves.toEqual({
      required: false,
      modifyType: 2,
    });
    const e = await caught(cloud.assessMigration('ckafka-nope', { edition: 'pro', bandwidthMBps: 400, diskGB: 7000, partitions: 2000 }));
    // The code DescribeModifyType would answer for a missing instance.
    expect([e.kind, e.code]).toEqual(['not-found', 'InvalidParameterValue.InstanceNotExist']);
  });

  it('prices a spec with InquireCkafkaPrice', async () => {
    server.script('InquireCkafkaPrice', {
      ok: { Result: { InstancePrice: { DiscountPrice: 4253, Currency: 'CNY', TimeSpan: 1, TimeUnit: 'm' } } },
    });
    const q = await makeCloud().quote({ edition: 'pro', bandwidthMBps: 180, diskGB: 3000, partitions: 1400, chargeType: 'PREPAID', diskType: 'CLOUD_PREMIUM', zoneId: 100003 });
    expect(q).toEqual({ currency: 'CNY', amount: 4253, per: 'month' });
    expect(server.calls('InquireCkafkaPrice')[0]?.body).toEqual({
      InstanceType: 'profession',
      InstanceChargeParam: { InstanceChargeType: 'PREPAID', InstanceChargePeriod: 1 },
      InstanceNum: 1,
      Bandwidth: 180,
      InquiryDiskParam: { DiskType: 'CLOUD_PREMIUM', DiskSize: 3000 },
      Partition: 1400,
      ZoneIds: [100003],
    });
  });
});

describe('preflight', () => {
  const GIB = 1024 ** 3;
  /** 45 topics: every 5th single-replica, topic 7 being deleted, the others 3 replicas. */
  const topics: M.TopicDetail[] = Array.from({ length: 45 }, (_, i) => ({
    TopicName: `topic-${String(i).padStart(2, '0')}`,
    PartitionNum: 6,
    ReplicaNum: i % 5 === 0 ? 1 : 3,
    Status: i === 7 ? 2 : 0,
  }));
  const checked = topics.filter((t) => t.ReplicaNum === 3 && t.Status === 0).map((t) => t.TopicName);
  /** topic-01: 2 partitions out of sync; topic-02: 25 (two pages). */
  const lagging: Record<string, M.TopicInSyncReplicaInfo[]> = {
    'topic-01': [
      { Partition: '0', Replica: '1,2,3', InSyncReplica: '1,2', OutOfSyncReplica: '3' },
      { Partition: '4', Replica: '1,2,3', InSyncReplica: '1,3', OutOfSyncReplica: '2' },
    ],
    'topic-02': Array.from({ length: 25 }, (_, p) => ({ Partition: String(p), OutOfSyncReplica: '2' })),
  };
  function happyCloud(): TencentCkafkaCloud {
    server
      .on('DescribeRoute', () => ({
        ok: {
          Result: {
            Routers: [
              { RouteId: 1, Status: 2, AccessType: 0, VipType: 3, VipList: [{ Vip: '10.0.0.8', Vport: '9092' }] },
              { RouteId: 2, Status: 3, AccessType: 3, VipType: 1, VipList: [{ Vip: '1.2.3.4', Vport: '9093' }] },
            ],
          },
        },
      }))
      .on('DescribeTopicDetail', paged(topics, 'TopicList'))
      .on('DescribeTopicSyncReplica', (req) => paged(lagging[req.body.TopicName as string] ?? [], 'TopicInSyncReplicaList')(req))
      .on('DescribeInstanceAttributes', () => ({ ok: { Result: { InstanceId: 'ckafka-abc12345', MaxMessageByte: 8_388_608 } } }))
      .on('DescribeCkafkaZone', () => ({ ok: { Result: { ZoneList: [{ ZoneId: '100003', SoldOut: 'false' }] } } }))
      .on('DescribeTopicFlowRanking', () => ({
        ok: {
          Result: {
            TopicFlow: [{ TopicName: 'topic-01', TopicTraffic: '864000', MessageHeap: 1 }],
            TopicMessageHeap: [
              { TopicName: 'topic-01', MessageHeap: 1500 * GIB },
              { TopicName: 'topic-02', MessageHeap: 548 * GIB },
            ],
          },
        },
      }));
    return makeCloud();
  }

  const instance = (): ObservedInstance => mapInstanceDetail(anInstanceDetail());

  it('gathers every fact with the documented page sizes and one sync check per replicated live topic', async () => {
    const cloud = happyCloud();
    const facts = await cloud.preflight(instance());
    expect(facts.routes.map((r) => [r.routeId, r.healthy])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(facts.topics).toHaveLength(45);
    expect(facts.outOfSync).toEqual([
      { topic: 'topic-01', partitions: ['0', '4'] },
      { topic: 'topic-02', partitions: Array.from({ length: 25 }, (_, p) => String(p)) },
    ]);
    expect(facts).toMatchObject({ maxMessageBytes: 8_388_608, zoneInStock: true, diskUsedGB: 2048, produceMBps: 10 });
    expect(facts.errors).toBeUndefined();

    const stats = cloud.stats();
    expect(stats.calls.DescribeTopicDetail).toBe(3); // 45 topics, 20 a page
    // One call per checked topic, plus a second page for topic-02's 25 partitions.
    expect(stats.calls.DescribeTopicSyncReplica).toBe(checked.length + 1);
    const syncBodies = server.calls('DescribeTopicSyncReplica').map((r) => r.body);
    expect(new Set(syncBodies.map((b) => b.TopicName))).toEqual(new Set(checked));
    for (const b of syncBodies) expect(b).toMatchObject({ InstanceId: 'ckafka-abc12345', OutOfSyncReplicaOnly: true, Limit: 20 });
    expect(server.calls('DescribeTopicDetail')[0]?.body).toEqual({ InstanceId: 'ckafka-abc12345', Offset: 0, Limit: 20, OrderBy: 'CreateTime', OrderType: 0 });
    const ranking = server.calls('DescribeTopicFlowRanking')[0]?.body;
    expect(ranking).toEqual({ InstanceId: 'ckafka-abc12345', RankingType: 'PRO', BeginDate: '2026-05-31T12:00:00+00:00', EndDate: '2026-06-01T12:00:00+00:00' });
  });

  it('keeps DescribeTopicSyncReplica under its 5/s limit', async () => {
    happyCloud();
    const sent: Record<string, number[]> = {};
    const start = clock.nowMs();
    await makeCloud({ transport: timedTransport(sent) }).preflight(instance());
    expect(sent.DescribeTopicSyncReplica).toHaveLength(checked.length + 1);
    for (const gap of gaps(sent.DescribeTopicSyncReplica)) expect(gap).toBeGreaterThanOrEqual(200);
    // The other facts' calls were not held back behind the slow action.
    expect(Math.max(...(sent.DescribeRoute ?? []), ...(sent.DescribeCkafkaZone ?? [])) - start).toBeLessThan(200);
  });

  it('reports optional facts that fail instead of inventing them', async () => {
    const cloud = happyCloud();
    server.on('DescribeCkafkaZone', () => ({ error: { code: 'UnauthorizedOperation', message: 'no permission' } }));
    server.on('DescribeTopicFlowRanking', () => ({ error: { code: 'InternalError', message: 'monitor down' } }));
    const facts = await cloud.preflight(instance());
    expect(facts.zoneInStock).toBeUndefined();
    expect(facts.diskUsedGB).toBeUndefined();
    expect(facts.produceMBps).toBeUndefined();
    expect(facts.maxMessageBytes).toBe(8_388_608);
    expect(facts.errors?.map((e) => [e.what, e.fact, e.code])).toEqual([
      ['preflight', 'zoneInStock', 'UnauthorizedOperation'],
      ['preflight', 'diskUsedGB', 'InternalError'],
      ['preflight', 'produceMBps', 'InternalError'],
    ]);
  });

  it('rejects when routes cannot be read, rather than report no routes', async () => {
    const cloud = happyCloud();
    server.on('DescribeRoute', () => ({ error: { code: 'AuthFailure.UnauthorizedOperation', message: 'denied' } }));
    const e = await caught(cloud.preflight(instance()));
    expect([e.kind, e.code]).toEqual(['auth', 'AuthFailure.UnauthorizedOperation']);
    expect(e.message).toContain('routes could not be gathered');
  });

  it('keeps out-of-sync replicas it found when some topics cannot be checked, and says so', async () => {
    const cloud = happyCloud();
    const inner = paged(lagging['topic-01'] ?? [], 'TopicInSyncReplicaList');
    server.on('DescribeTopicSyncReplica', (req) =>
      req.body.TopicName === 'topic-01' ? inner(req) : req.body.TopicName === 'topic-03' ? { error: { code: 'InvalidParameterValue', message: 'gone' } } : paged([], 'x')(req),
    );
    const facts = await cloud.preflight(instance());
    expect(facts.outOfSync).toEqual([{ topic: 'topic-01', partitions: ['0', '4'] }]);
    expect(facts.errors?.[0]).toMatchObject({ fact: 'outOfSync', code: 'InvalidParameterValue' });
    expect(facts.errors?.[0]?.message).toContain(`1 of ${checked.length} topics`);
  });

  it('rejects when topics could not be checked and none were found out of sync', async () => {
    const cloud = happyCloud();
    server.on('DescribeTopicSyncReplica', (req) =>
      req.body.TopicName === 'topic-03' ? { error: { code: 'InvalidParameterValue', message: 'gone' } } : paged([], 'x')(req),
    );
    const e = await caught(cloud.preflight(instance()));
    expect(e.message).toContain('outOfSync could not be gathered');
  });
});

describe('other operations', () => {
  it('re-times a scheduled task with ModifyInstanceAttributes.RebalanceTime in Unix seconds', async () => {
    server.script('ModifyInstanceAttributes', { ok: { Result: { ReturnCode: '0', ReturnMessage: 'ok' } } });
    await makeCloud().retimeRebalance('ckafka-abc12345', new Date('2026-06-06T18:00:00Z'));
    expect(server.calls('ModifyInstanceAttributes')[0]?.body).toEqual({ InstanceId: 'ckafka-abc12345', RebalanceTime: 1780768800 });
  });

  it('creates a postpaid Pro instance with CreatePostPaidInstance', async () => {
    withInstances();
    server.script('CreatePostPaidInstance', { ok: { Result: { ReturnCode: '0', Data: { InstanceId: 'ckafka-new00001', FlowId: 0 } } } });
    const r = await makeCloud().createInstance({
      name: 'events',
      edition: 'pro',
      chargeType: 'POSTPAID_BY_HOUR',
      bandwidthMBps: 40,
      diskGB: 500,
      partitions: 800,
      zoneId: 100003,
      vpcId: 'vpc-6b2g8c1d',
      subnetId: 'subnet-3k9f2w7q',
      diskType: 'CLOUD_SSD',
    });
    expect(r).toEqual({ instanceId: 'ckafka-new00001', requestId: expect.any(String) });
    expect(server.calls('CreatePostPaidInstance')[0]?.body).toEqual({
      InstanceName: 'events',
      VpcId: 'vpc-6b2g8c1d',
      SubnetId: 'subnet-3k9f2w7q',
      InstanceType: 1,
      SpecificationsType: 'profession',
      BandWidth: 40,
      DiskSize: 500,
      Partition: 800,
      ZoneId: 100003,
      DiskType: 'CLOUD_SSD',
    });
  });

  it('creates a prepaid instance with CreateInstancePre for the given months', async () => {
    withInstances();
    server.script('CreateInstancePre', { ok: { Result: { ReturnCode: '0', Data: { InstanceId: 'ckafka-new00002' } } } });
    await makeCloud().createInstance({
      name: 'audit',
      edition: 'pro',
      chargeType: 'PREPAID',
      periodMonths: 3,
      bandwidthMBps: 40,
      diskGB: 500,
      partitions: 800,
      zoneId: 100003,
      vpcId: 'vpc-6b2g8c1d',
      subnetId: 'subnet-3k9f2w7q',
    });
    expect(server.calls('CreateInstancePre')[0]?.body).toMatchObject({ InstanceName: 'audit', Period: '3m', SpecificationsType: 'profession', ZoneId: 100003 });
  });

  it('finds a created instance by name after a lost answer, and never orders twice', async () => {
    const store = withInstances(anInstanceDetail({ InstanceId: 'ckafka-old', InstanceName: 'events' }));
    server.on('CreatePostPaidInstance', () => {
      store.set('ckafka-fresh', anInstanceDetail({ InstanceId: 'ckafka-fresh', InstanceName: 'events', ExpireTime: 0, Status: 0 }));
      return { drop: true };
    });
    const request = {
      name: 'events',
      edition: 'pro',
      chargeType: 'POSTPAID_BY_HOUR',
      bandwidthMBps: 40,
      diskGB: 500,
      partitions: 800,
      zoneId: 100003,
      vpcId: 'vpc-6b2g8c1d',
      subnetId: 'subnet-3k9f2w7q',
    } as const;
    const cloud = makeCloud();
    await expect(cloud.createInstance(request)).resolves.toMatchObject({ instanceId: 'ckafka-fresh' });
    server.on('CreatePostPaidInstance', () => ({ drop: true }));
    const e = await caught(cloud.createInstance({ ...request, name: 'other' }));
    expect(e.code).toBe('ClientError.OutcomeUnknown');
    expect(e.message).toContain('not resubmitted');
    expect(server.calls('CreatePostPaidInstance')).toHaveLength(2); // one per createInstance call
  });

  it('refuses postpaid for editions other than Pro', async () => {
    const e = await caught(
      makeCloud().createInstance({
        name: 'x',
        edition: 'advanced',
        chargeType: 'POSTPAID_BY_HOUR',
        bandwidthMBps: 40,
        diskGB: 500,
        partitions: 800,
        zoneId: 1,
        vpcId: 'v',
        subnetId: 's',
      }),
    );
    // The API's answer to a postpaid Advanced order (Advanced is sold monthly only).
    expect([e.kind, e.code]).toEqual(['invalid', 'InvalidParameterValue']);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ['PREPAID', 'DeleteInstancePre'],
    ['POSTPAID_BY_HOUR', 'DeleteInstancePost'],
  ] as const)('deletes a %s instance with %s', async (chargeType, action) => {
    withInstances(anInstanceDetail(chargeType === 'PREPAID' ? {} : { ExpireTime: 0 }));
    server.script(action, { ok: { Result: { ReturnCode: '0', FlowId: 1 } } });
    await makeCloud().deleteInstance('ckafka-abc12345');
    expect(server.calls(action)[0]?.body).toEqual({ InstanceId: 'ckafka-abc12345' });
    expect(server.requests.map((r) => r.headers['x-tc-action'])).toEqual(['DescribeInstancesDetail', action]);
  });

  it('counts a missing instance as deleted, and a lost answer with the instance deleting as done', async () => {
    const store = withInstances(anInstanceDetail({ ExpireTime: 0 }));
    const cloud = makeCloud();
    // Not listed: nothing to delete, nothing sent.
    await expect(cloud.deleteInstance('ckafka-gone')).resolves.toBeUndefined();
    // Listed, but gone by the time the delete arrives.
    server.script('DeleteInstancePost', { error: { code: 'ResourceNotFound', message: 'no such instance' } });
    await expect(cloud.deleteInstance('ckafka-abc12345')).resolves.toBeUndefined();
    server.on('DeleteInstancePost', () => {
      store.set('ckafka-abc12345', anInstanceDetail({ ExpireTime: 0, Status: 2 }));
      return { drop: true };
    });
    await expect(cloud.deleteInstance('ckafka-abc12345')).resolves.toBeUndefined();
    expect(server.calls('DeleteInstancePost')).toHaveLength(2);
  });

  it('states its capabilities', () => {
    expect(makeCloud().capabilities()).toEqual({
      modeSelectable: { PREPAID: false, POSTPAID_BY_HOUR: true },
      editionConversionByApi: false,
      migrationEstimates: false,
      usageMetrics: true,
    });
  });
});

describe('construction', () => {
  it.each<[string, Parameters<typeof createTencentCloud>[0], string]>([
    ['no region', { credentials: { secretId: 'a', secretKey: 'b' } }, 'ClientError.RegionMissing'],
    ['a blank region', { region: '  ', credentials: { secretId: 'a', secretKey: 'b' } }, 'ClientError.RegionMissing'],
    ['no credentials', { region: REGION }, 'ClientError.CredentialsMissing'],
    ['an empty secret key', { region: REGION, credentials: { secretId: 'a', secretKey: '' } }, 'ClientError.CredentialsMissing'],
    ['a bad concurrency', { region: REGION, credentials: { secretId: 'a', secretKey: 'b' }, concurrency: 0 }, 'ClientError.InvalidOption'],
    ['a bad timeout', { region: REGION, credentials: { secretId: 'a', secretKey: 'b' }, requestTimeoutSeconds: -1 }, 'ClientError.InvalidOption'],
    ['a bad endpoint', { region: REGION, credentials: { secretId: 'a', secretKey: 'b' }, endpoint: 'ftp://x' }, 'ClientError.InvalidEndpoint'],
  ])('refuses %s with %s', (_name, init, code) => {
    expect(() => createTencentCloud(init)).toThrow(CloudError);
    try {
      createTencentCloud(init);
    } catch (e) {
      expect((e as CloudError).code).toBe(code);
    }
  });

  it('loads the SDK when an adapter is created, not when the module is imported', () => {
    jest.isolateModules(() => {
      let loads = 0;
      jest.doMock('tencentcloud-sdk-nodejs-ckafka', () => {
        loads += 1;
        return jest.requireActual('tencentcloud-sdk-nodejs-ckafka');
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require('../../../src/cloud/tencent') as typeof import('../../../src/cloud/tencent');
      expect(loads).toBe(0);
      const cloud = mod.createTencentCloud({ region: REGION, credentials: { secretId: 'a', secretKey: 'b' }, endpoint: server.endpoint });
      expect(loads).toBe(1);
      void cloud.close();
    });
  });

  it('is created from explicit options, defaulting to the public endpoint', async () => {
    const cloud = createTencentCloud({ region: REGION, credentials: { secretId: 'a', secretKey: 'b' } });
    expect([cloud.kind, cloud.region, cloud.endpoint.url]).toEqual(['tencent', REGION, 'https://ckafka.tencentcloudapi.com/']);
    await cloud.close();
  });
});
