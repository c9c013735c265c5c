/** The Tencent adapter end to end (_adapter-harness.ts): describeInstances' batching and paging, read retries, migration assessments and quotes. */
import type { TencentCallEvent } from '../../../src/cloud/tencent/tencent-ckafka-cloud';
import { rejection } from '../../support/rejection';
import { gaps, useAdapterHarness } from './_adapter-harness';
import { FakeCkafkaServer, type Reply } from './fake-ckafka-server';
import { anInstanceDetail, describeInstancesDetail, ids } from './fixtures';

const h = useAdapterHarness();
const { makeCloud, timedTransport, withInstances } = h;

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
    expect(h.server.calls('DescribeInstancesDetail')).toHaveLength(calls);
    for (const r of h.server.requests) {
      expect(r.body.InstanceIdList.length).toBeLessThanOrEqual(20);
      expect(r.body.Limit).toBe(20);
    }
    expect(found.map((o) => o.instanceId)).toEqual(wanted.filter((_, i) => i % 2 === 0));
  });

  it('costs nothing for no ids and counts each id once', async () => {
    withInstances(anInstanceDetail());
    const cloud = makeCloud();
    expect(await cloud.describeInstances({ ids: [] })).toEqual([]);
    expect(h.server.requests).toHaveLength(0);
    await cloud.describeInstances({ ids: ['ckafka-abc12345', 'ckafka-abc12345'] });
    expect(h.server.requests[0]?.body.InstanceIdList).toEqual(['ckafka-abc12345']);
  });

  it('pages region-wide at 20 until TotalCount: page 1 first, then the rest', async () => {
    const all = ids(45, 'ckafka-r').map((id) => anInstanceDetail({ InstanceId: id }));
    withInstances(...all.reverse());
    const found = await makeCloud().describeInstances({ all: true });
    const calls = h.server.calls('DescribeInstancesDetail');
    expect(calls.map((r) => r.body.Offset).sort((a: number, b: number) => a - b)).toEqual([0, 20, 40]);
    expect(calls[0]?.body).toEqual({ Offset: 0, Limit: 20 });
    expect(found.map((o) => o.instanceId)).toEqual(ids(45, 'ckafka-r'));
  });

  it('spaces the calls of one action at its rate (20/s for DescribeInstancesDetail)', async () => {
    withInstances();
    const sent: Record<string, number[]> = {};
    await makeCloud({ transport: timedTransport(sent) }).describeInstances({ ids: ids(100) });
    expect(h.server.calls('DescribeInstancesDetail')).toHaveLength(5);
    expect(gaps(sent.DescribeInstancesDetail)).toEqual([50, 50, 50, 50]);
  });

  it('keeps at most `concurrency` calls in flight', async () => {
    const inner = describeInstancesDetail(() => []);
    h.server.on('DescribeInstancesDetail', (req) => ({ delayMs: 15, then: inner(req) as Reply }));
    const cloud = makeCloud({ concurrency: 3, rateLimits: { DescribeInstancesDetail: 100_000 } });
    await cloud.describeInstances({ ids: ids(200) });
    expect(h.server.calls('DescribeInstancesDetail')).toHaveLength(10);
    expect(h.server.maxInFlight).toBeLessThanOrEqual(3);
    expect(cloud.stats().maxInFlight).toBe(3);
  });
});

describe('reads are retried with backoff', () => {
  it('retries throttling, sleeping the jittered backoff on the injected clock', async () => {
    withInstances(anInstanceDetail());
    h.server.script(
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
    expect(h.clock.sleeps).toEqual([125, 250]);
  });

  it('retries HTTP 5xx and a dropped connection', async () => {
    withInstances(anInstanceDetail());
    h.server.script('DescribeInstancesDetail', { status: 500 }, { drop: true }, { status: 503 });
    const cloud = makeCloud();
    expect(await cloud.describeInstances({ ids: ['ckafka-abc12345'] })).toHaveLength(1);
    expect(cloud.stats().calls.DescribeInstancesDetail).toBe(4);
  });

  it('retries a request that timed out', async () => {
    withInstances(anInstanceDetail());
    h.server.script('DescribeInstancesDetail', { delayMs: 2000, then: { ok: { Result: { TotalCount: 0, InstanceList: [] } } } });
    const events: TencentCallEvent[] = [];
    const cloud = makeCloud({ requestTimeoutSeconds: 0.2, onCall: (e) => events.push(e) });
    expect(await cloud.describeInstances({ ids: ['ckafka-abc12345'] })).toHaveLength(1);
    expect(events[0]).toMatchObject({ ok: false, code: 'ClientError.NetworkError' });
    expect(events[0]?.message).toContain('network timeout');
    expect(events[1]).toMatchObject({ ok: true, attempt: 2 });
  });

  it('gives up after the policy bounds with the HTTP status in the error', async () => {
    h.server.on('DescribeInstancesDetail', () => ({ status: 503 }));
    const e = await rejection(makeCloud().describeInstances({ ids: ['ckafka-a'] }));
    expect([e.kind, e.code, e.httpCode, e.action]).toEqual(['unavailable', 'ClientError.HttpStatusCodeError', 503, 'DescribeInstancesDetail']);
    expect(e.message).toContain('after 5 attempts');
    expect(h.server.requests).toHaveLength(5);
  });

  it('does not retry an API refusal, and maps code and request id', async () => {
    h.server.script('DescribeInstancesDetail', { error: { code: 'InvalidParameterValue', message: 'bad id' }, requestId: 'rid-77' });
    const e = await rejection(makeCloud().describeInstances({ ids: ['x'] }));
    expect([e.kind, e.code, e.requestId, e.httpCode]).toEqual(['invalid', 'InvalidParameterValue', 'rid-77', undefined]);
    expect(h.server.requests).toHaveLength(1);
  });

  it('reports a refused connection as a network error', async () => {
    const port = Number(new URL(h.server.endpoint).port);
    await h.server.close();
    const e = await rejection(makeCloud({ endpoint: `http://127.0.0.1:${port}`, retry: { maxAttempts: 2 } }).describeInstances({ ids: ['x'] }));
    expect([e.kind, e.code, e.httpCode]).toEqual(['network', 'ClientError.NetworkError', undefined]);
    expect(e.message).toContain('ECONNREFUSED');
    h.server = await FakeCkafkaServer.start(); // for afterEach
  });

  it('stops retrying when the signal fires', async () => {
    h.server.on('DescribeInstancesDetail', () => ({ status: 500 }));
    const controller = new AbortController();
    const cloud = makeCloud({ onCall: () => controller.abort() });
    const e = await rejection(cloud.describeInstances({ ids: ['x'] }, { signal: controller.signal }));
    expect(e.code).toBe('ClientError.Aborted');
    expect(h.server.requests).toHaveLength(1);
  });
});

describe('assessMigration and quote', () => {
  // API point 1 (docs/sources.md): the unit of BandWidth is unconfirmed, so the adapter asks in MB/s and in Mbps and
  // takes migration if either says so.
  it('asks DescribeModifyType in both readings of BandWidth, with the observed disk type and topic count', async () => {
    withInstances(anInstanceDetail());
    h.server.on('DescribeModifyType', (r) => ({
      ok: { Result: (r.body as { BandWidth: number }).BandWidth === 800 ? { ModifyType: 0, MigrateFlag: false } : { ModifyType: 1, MigrateFlag: true, MigrateCostTime: 17066 } },
    }));
    const cloud = makeCloud();
    await cloud.describeInstances({ ids: ['ckafka-abc12345'] });
    const a = await cloud.assessMigration('ckafka-abc12345', { edition: 'pro', bandwidthMBps: 800, diskGB: 9000, partitions: 2600 });
    expect(a).toEqual({ required: true, modifyType: 1, cloudEstimateSeconds: { stable: 17066 }, note: expect.stringContaining('(MB/s: no migration, Mbps: migrates)') });
    const asked = { InstanceId: 'ckafka-abc12345', DiskSize: 9000, DiskType: 'CLOUD_PREMIUM', Partition: 2600, Topic: 120, Type: 'sp_ckafka_profession' };
    expect(h.server.calls('DescribeModifyType').map((c) => c.body)).toEqual(expect.arrayContaining([{ ...asked, BandWidth: 800 }, { ...asked, BandWidth: 6400 }]));
    expect(h.server.calls('DescribeModifyType')).toHaveLength(2);
    // The earlier observation was reused: one describe in all.
    expect(h.server.calls('DescribeInstancesDetail')).toHaveLength(1);
  });

  it('fails the assessment when either reading cannot be asked: the caller then plans the change as migrating', async () => {
    withInstances(anInstanceDetail());
    h.server.on('DescribeModifyType', (r) =>
      (r.body as { BandWidth: number }).BandWidth === 800 ? { ok: { Result: { ModifyType: 0, MigrateFlag: false } } } : { error: { code: 'InvalidParameterValue', message: 'BandWidth 6400 is out of range' } },
    );
    const e = await rejection(makeCloud().assessMigration('ckafka-abc12345', { edition: 'pro', bandwidthMBps: 800, diskGB: 9000, partitions: 2600 }));
    expect([e.kind, e.code]).toEqual(['invalid', 'InvalidParameterValue']);
  });

  it('asks about an instance with elastic storage with the DiskSize -1 it reports', async () => {
    withInstances(anInstanceDetail({ DiskSize: -1, ExpireTime: 0 }));
    h.server.on('DescribeModifyType', () => ({ ok: { Result: { ModifyType: 0, MigrateFlag: false } } }));
    await makeCloud().assessMigration('ckafka-abc12345', { edition: 'pro', bandwidthMBps: 800, diskGB: 9000, partitions: 2600 });
    expect(h.server.calls('DescribeModifyType').map((c) => (c.body as { DiskSize: number }).DiskSize)).toEqual([-1, -1]);
  });

  it('observes the instance first when it was not described before, and says so when it is missing', async () => {
    withInstances(anInstanceDetail());
    h.server.script('DescribeModifyType', { ok: { Result: { ModifyType: 2, MigrateFlag: false } } }, { ok: { Result: { ModifyType: 2, MigrateFlag: false } } });
    const cloud = makeCloud();
    await expect(cloud.assessMigration('ckafka-abc12345', { edition: 'pro', bandwidthMBps: 400, diskGB: 7000, partitions: 2000 })).resolves.toEqual({
      required: false,
      modifyType: 2,
    });
    const e = await rejection(cloud.assessMigration('ckafka-nope', { edition: 'pro', bandwidthMBps: 400, diskGB: 7000, partitions: 2000 }));
    // The code DescribeModifyType would answer for a missing instance.
    expect([e.kind, e.code]).toEqual(['not-found', 'InvalidParameterValue.InstanceNotExist']);
  });

  it('prices a spec with InquireCkafkaPrice', async () => {
    h.server.script('InquireCkafkaPrice', {
      ok: { Result: { InstancePrice: { DiscountPrice: 4253, Currency: 'CNY', TimeSpan: 1, TimeUnit: 'm' } } },
    });
    const q = await makeCloud().quote({ edition: 'pro', bandwidthMBps: 180, diskGB: 3000, partitions: 1400, chargeType: 'PREPAID', diskType: 'CLOUD_PREMIUM', zoneId: 100003 });
    expect(q).toEqual({ currency: 'CNY', amount: 4253, per: 'month' });
    expect(h.server.calls('InquireCkafkaPrice')[0]?.body).toEqual({
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
