/**
 * The production adapter over the emulator's in-process transport (`createEmulatedCloud`): the
 * wire's units and codes come through the adapter's own mapping, the transport fails the way the
 * SDK fails, and the adapter's waits run on the emulator's clock (stepped, or yielding on a
 * stopped test clock).
 */
import { createEmulatedCloud, type EmulatedCloudOptions } from '../../src/cloud/emulated-cloud';
import { createEmulator, createInProcessTransport, createSeedState, createVirtualClock, type Emulator } from '../../src/cloud/emulator';
import type { CkafkaCloud } from '../../src/cloud/port';
import { TENCENT_CAPABILITIES } from '../../src/cloud/tencent';
import { listPrice } from '../../src/spec/catalog';
import type { ObservedInstance } from '../../src/spec/observed';
import { rejection } from '../support/rejection';
import { HOUR, IDS, MINUTE, T0, call, instanceOf, newEmulator, SEED_INSTANCES } from './emulator/_helpers';

function cloudOf(em: Emulator, options?: EmulatedCloudOptions): CkafkaCloud {
  return createEmulatedCloud(em, options);
}

async function observe(cloud: CkafkaCloud, id: string): Promise<ObservedInstance> {
  const [o] = await cloud.describeInstances({ ids: [id] });
  if (o === undefined) throw new Error(`no ${id}`);
  return o;
}

describe('emulated cloud: reads', () => {
  it('is the Tencent adapter: the real cloud capabilities, kind emulator, the emulator clock', () => {
    const { em } = newEmulator();
    const cloud = cloudOf(em);
    expect(cloud.capabilities()).toBe(TENCENT_CAPABILITIES);
    expect(cloud.kind).toBe('emulator');
    expect(cloud.region).toBe(em.region);
    expect(cloud.clock).toBe(em.clock);
  });

  it('describes instances in natural units, agreeing with the wire (Mbps ÷ 8)', async () => {
    const { em } = newEmulator();
    const observed = await cloudOf(em).describeInstances({ all: true });
    const wire = (await call(em, 'DescribeInstancesDetail', { Limit: 20 })).Result.InstanceList as Array<Record<string, unknown>>;
    expect(observed.map((o) => o.instanceId)).toEqual(wire.map((w) => w.InstanceId as string).sort());
    for (const o of observed) {
      const w = wire.find((x) => x.InstanceId === o.instanceId);
      expect(o.bandwidthMBps).toBe((w?.Bandwidth as number) / 8);
      // DiskSize -1 is elastic storage (telemetry), held as no size.
      expect(o.diskGB).toBe(w?.DiskSize === -1 ? null : w?.DiskSize);
      expect(o.partitions).toBe(w?.MaxPartitionNumber);
      expect(o.partitionsUsed).toBe(w?.PartitionNumber);
      expect(o.statusCode).toBe(w?.Status);
      expect(o.chargeType).toBe(w?.ExpireTime === 0 ? 'POSTPAID_BY_HOUR' : 'PREPAID');
      expect(o.expiresAt === undefined ? 0 : Date.parse(o.expiresAt) / 1000).toBe(w?.ExpireTime);
      expect(o.endpoints).toEqual((w?.VipList as Array<{ Vip: string; Vport: string }>).map((v) => ({ vip: v.Vip, vport: v.Vport })));
    }
    expect(observed.find((o) => o.instanceId === IDS.audit)).toMatchObject({ edition: 'advanced', instanceType: 'premium', status: 'running' });
    expect(observed.find((o) => o.instanceId === IDS.legacy)?.edition).toBe('standard');
  });

  it('describes by ids, leaving out ids that do not exist', async () => {
    const { em } = newEmulator();
    const ids = [IDS.audit, 'ckafka-00000000', IDS.orders, IDS.audit];
    const out = await cloudOf(em).describeInstances({ ids });
    expect(out.map((o) => o.instanceId)).toEqual([IDS.audit, IDS.orders]);
  });

  it('batches ids by 20 (one DescribeInstancesDetail call each)', async () => {
    const { em } = newEmulator();
    const ids = Array.from({ length: 45 }, (_, i) => `ckafka-${String(i).padStart(8, '0')}`);
    await cloudOf(em).describeInstances({ ids: [...ids, IDS.orders] });
    expect(em.snapshot().calls.DescribeInstancesDetail).toBe(3);
  });

  it('assesses migration as DescribeModifyType does', async () => {
    const { em } = newEmulator();
    const cloud = cloudOf(em);
    expect(await cloud.assessMigration(IDS.orders, { edition: 'pro', bandwidthMBps: 300, diskGB: 3000, partitions: 1600 })).toEqual({ required: false, modifyType: 0 });
    // The emulator reads BandWidth as Mbps: asked in MB/s (160, i.e. 20 MB/s) it sees no migration,
    // asked in Mbps (1280) it sees one; the adapter takes the safe side and says why.
    expect(await cloud.assessMigration(IDS.payments, { edition: 'pro', bandwidthMBps: 160, diskGB: 2000, partitions: 1200 })).toEqual({
      required: true,
      modifyType: 1,
      note: expect.stringContaining('(MB/s: no migration, Mbps: migrates); taken as migrating'),
    });
    const e = await rejection(cloud.assessMigration(IDS.legacy, { edition: 'pro', bandwidthMBps: 100, diskGB: 1500, partitions: 800 }));
    expect([e.kind, e.code]).toEqual(['unsupported', 'UnsupportedOperation']);
  });

  it('quotes the catalog list price', async () => {
    const { em } = newEmulator();
    const spec = { edition: 'pro' as const, bandwidthMBps: 400, diskGB: 8000, partitions: 2000 };
    expect(await cloudOf(em).quote({ ...spec, chargeType: 'POSTPAID_BY_HOUR', diskType: 'CLOUD_PREMIUM', zoneId: 100003 })).toEqual({
      currency: 'CNY',
      amount: listPrice(spec, 'hour', 'CLOUD_PREMIUM'),
      per: 'hour',
    });
  });

  it('gathers pre-check facts', async () => {
    const { em } = newEmulator();
    const cloud = cloudOf(em);
    const facts = await cloud.preflight(await observe(cloud, IDS.audit));
    expect(facts.routes).toEqual([{ routeId: 5, statusCode: 2, healthy: true, accessType: 0, vipType: 3, endpoints: [{ vip: '10.0.15.10', vport: '9092' }] }]);
    expect(facts.topics).toEqual([
      { name: 'audit.trail', partitions: 6, replicas: 3, statusCode: 0 },
      { name: 'audit.scratch', partitions: 3, replicas: 1, statusCode: 0 },
    ]);
    // Partitions named as the documented DescribeTopicSyncReplica answer names them.
    expect(facts.outOfSync).toEqual([{ topic: 'audit.trail', partitions: ['partition-2'] }]);
    expect(facts).toMatchObject({ maxMessageBytes: 1048576, zoneInStock: true, diskUsedGB: 122, produceMBps: 4 });
    const media = await cloud.preflight(await observe(cloud, IDS.media));
    expect(media.maxMessageBytes).toBe(8388608);
  });

  it('reports an unhealthy route and a sold-out zone', async () => {
    const { em } = newEmulator();
    await em.update((s) => {
      const i = s.instances.find((x) => x.instanceId === IDS.payments);
      if (i?.routes[0]) i.routes[0].status = 3;
      const z = s.zones.find((x) => x.zoneId === 100004);
      if (z) z.soldOut = true;
    });
    const cloud = cloudOf(em);
    const facts = await cloud.preflight(await observe(cloud, IDS.payments));
    expect(facts.routes[0]).toMatchObject({ statusCode: 3, healthy: false });
    expect(facts.zoneInStock).toBe(false);
  });
});

describe('emulated cloud: writes', () => {
  it('routes prepaid changes to ModifyInstancePre (no mode) and postpaid to InstanceScalingDown with UpgradeStrategy', async () => {
    const { em } = newEmulator();
    const cloud = cloudOf(em);
    const pre = await cloud.submitSpecChange({ instanceId: IDS.orders, bandwidthMBps: 300, diskGB: 3000, partitions: 1600, mode: 'high-speed' });
    expect(pre).toMatchObject({ acceptedBy: 'response' });
    expect(pre.requestId).not.toBe('');
    const post = await cloud.submitSpecChange({ instanceId: IDS.payments, bandwidthMBps: 160, diskGB: 2000, partitions: 1200, mode: 'high-speed' });
    expect(post.acceptedBy).toBe('response');
    const s = em.snapshot();
    expect(s.submissions.map((x) => x.action)).toEqual(['ModifyInstancePre', 'InstanceScalingDown']);
    expect(s.submissions.map((x) => x.params)).toEqual([
      { InstanceId: IDS.orders, DiskSize: 3000, BandWidth: 300, Partition: 1600 },
      { InstanceId: IDS.payments, DiskSize: 2000, BandWidth: 160, Partition: 1200, UpgradeStrategy: 2 },
    ]);
    expect(instanceOf(em, IDS.orders).task?.mode).toBe('stable');
    expect(instanceOf(em, IDS.payments).task?.mode).toBe('high-speed');
    expect((await observe(cloud, IDS.payments)).status).toBe('upgrading');
  });

  it.each([
    ['not-found', 'InvalidParameterValue.InstanceNotExist', { instanceId: 'ckafka-00000000', bandwidthMBps: 300, diskGB: 3000, partitions: 1600 }, 'submitSpecChange'],
    ['invalid', 'InvalidParameterValue', { instanceId: IDS.orders, bandwidthMBps: 310, diskGB: 3000, partitions: 1600 }, 'ModifyInstancePre'],
    // ModifyInstancePre lists no plain UnsupportedOperation (its Go SDK error list).
    ['other', 'FailedOperation', { instanceId: IDS.legacy, bandwidthMBps: 100, diskGB: 2000, partitions: 100 }, 'ModifyInstancePre'],
  ])('fails with a CloudError of kind %s and code %s', async (kind, code, request, action) => {
    const { em } = newEmulator();
    const e = await rejection(cloudOf(em).submitSpecChange({ ...request, mode: 'stable' }));
    expect([e.kind, e.code, e.action]).toEqual([kind, code, action]);
  });

  // The spec-change actions list neither ResourceInUse nor ResourcesSoldOut (their Go SDK error lists).
  it('reports a busy instance and a sold-out zone as the FailedOperation the spec-change actions list', async () => {
    const { em } = newEmulator();
    const cloud = cloudOf(em);
    const req = { instanceId: IDS.payments, bandwidthMBps: 160, diskGB: 2000, partitions: 1200, mode: 'stable' as const };
    await cloud.submitSpecChange(req);
    const busy = await rejection(cloud.submitSpecChange({ ...req, partitions: 1300 }));
    expect([busy.kind, busy.code]).toEqual(['other', 'FailedOperation']);
    expect(busy.message).toMatch(/is upgrading/);
    await em.update((s) => {
      const z = s.zones.find((x) => x.zoneId === 100003);
      if (z) z.soldOut = true;
    });
    const e = await rejection(cloud.submitSpecChange({ ...req, instanceId: IDS.clickstream, bandwidthMBps: 600, diskGB: 8000, partitions: 2400 }));
    expect([e.kind, e.code]).toEqual(['other', 'FailedOperation']);
    expect(e.message).toMatch(/sold out/);
  });

  it('re-times a scheduled change', async () => {
    const { em, clock } = newEmulator();
    await em.scheduleChange({ instanceId: IDS.orders, target: { bandwidthMBps: 300, diskGB: 3000, partitions: 1600 }, mode: 'stable', at: new Date(clock.now().getTime() + HOUR) });
    const cloud = cloudOf(em);
    const at = new Date(clock.now().getTime() + 3 * HOUR + 500);
    await cloud.retimeRebalance(IDS.orders, at);
    expect((await observe(cloud, IDS.orders)).rebalanceAt).toBe(new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString());
    const e = await rejection(cloud.retimeRebalance(IDS.audit, at));
    expect([e.kind, e.code]).toEqual(['other', 'FailedOperation']);
  });

  it('creates and deletes instances', async () => {
    const { em, clock } = newEmulator();
    const cloud = cloudOf(em);
    const created = await cloud.createInstance({
      name: 'fresh',
      edition: 'pro',
      chargeType: 'PREPAID',
      bandwidthMBps: 40,
      diskGB: 500,
      partitions: 800,
      zoneId: 100003,
      vpcId: 'vpc-6b2g8c1d',
      subnetId: 'subnet-3k9f2w7q',
      periodMonths: 2,
    });
    expect((await observe(cloud, created.instanceId)).status).toBe('creating');
    clock.advance(5 * MINUTE);
    expect(await observe(cloud, created.instanceId)).toMatchObject({ status: 'running', name: 'fresh', chargeType: 'PREPAID', bandwidthMBps: 40 });
    await cloud.deleteInstance(created.instanceId);
    clock.advance(2 * MINUTE);
    expect(await cloud.describeInstances({ ids: [created.instanceId] })).toEqual([]);
  });
});

describe('emulated cloud: faults, rate limits and the clock', () => {
  it.each([
    ['throttleRate', 'throttled', 'RequestLimitExceeded', undefined],
    ['errorRate', 'unavailable', 'ClientError.HttpStatusCodeError', 'http'],
    ['dropRate', 'network', 'ClientError.NetworkError', undefined],
  ] as const)('%s surfaces as a CloudError of kind %s', async (fault, kind, code, http) => {
    const { em } = newEmulator({ faults: { [fault]: 1 } });
    const e = await rejection(cloudOf(em, { retry: { maxAttempts: 1 } }).describeInstances({ all: true }));
    expect([e.kind, e.code]).toEqual([kind, code]);
    if (http !== undefined) expect([500, 503]).toContain(e.httpCode);
    expect(e.retryable).toBe(true);
  });

  it('retries reads on retryable faults', async () => {
    const { em } = newEmulator({ faults: { throttleRate: 0.5, seed: 7 } });
    const cloud = cloudOf(em, { retry: { maxAttempts: 10 } });
    for (let i = 0; i < 10; i++) expect(await cloud.describeInstances({ all: true })).toHaveLength(SEED_INSTANCES);
    expect(em.snapshot().calls.DescribeInstancesDetail).toBeGreaterThan(10);
  });

  it('applies faults only to the listed actions', async () => {
    const { em } = newEmulator({ faults: { dropRate: 1, actions: ['ModifyInstancePre'] } });
    const cloud = cloudOf(em);
    expect(await cloud.describeInstances({ all: true })).toHaveLength(SEED_INSTANCES);
    const e = await rejection(cloud.submitSpecChange({ instanceId: IDS.orders, bandwidthMBps: 300, diskGB: 3000, partitions: 1600, mode: 'stable' }));
    expect(e.kind).toBe('outcome-unknown');
    expect(em.snapshot().submissions).toEqual([]);
  });

  it('a lost response after the submit applied: re-observed, it is accepted by observation and not sent twice', async () => {
    const { em } = newEmulator({ faults: { dropAfterRate: 1, actions: ['InstanceScalingDown'] } });
    const r = await cloudOf(em).submitSpecChange({ instanceId: IDS.payments, bandwidthMBps: 160, diskGB: 2000, partitions: 1200, mode: 'stable' });
    expect(r.acceptedBy).toBe('observation');
    expect(em.snapshot().submissions).toHaveLength(1);
    expect(em.snapshot().calls.InstanceScalingDown).toBe(1);
  });

  it('a submit dropped before it applied is resubmitted once at most', async () => {
    const { em } = newEmulator({ faults: { dropRate: 1, actions: ['InstanceScalingDown'] } });
    const e = await rejection(cloudOf(em).submitSpecChange({ instanceId: IDS.payments, bandwidthMBps: 160, diskGB: 2000, partitions: 1200, mode: 'stable' }));
    // Not the lost answer's own (retryable) network error: no caller may take it as leave to send again.
    expect([e.kind, e.code, e.retryable]).toEqual(['outcome-unknown', 'ClientError.OutcomeUnknown', false]);
    expect(e.message).toContain('resubmitted once');
    expect(em.snapshot().calls.InstanceScalingDown).toBe(2);
    expect(em.snapshot().submissions).toEqual([]);
  });

  it('enforces per-action rate limits per virtual second', async () => {
    const { em, clock } = newEmulator();
    const cloud = cloudOf(em, { retry: { maxAttempts: 1 } });
    for (let i = 0; i < 20; i++) await cloud.describeInstances({ ids: [IDS.orders] });
    const e = await rejection(cloud.describeInstances({ ids: [IDS.orders] }));
    expect([e.kind, e.code]).toEqual(['throttled', 'RequestLimitExceeded']);
    // Another action has its own window.
    await cloud.assessMigration(IDS.orders, { edition: 'pro', bandwidthMBps: 300, diskGB: 3000, partitions: 1600 });
    clock.advance(1000);
    expect(await cloud.describeInstances({ ids: [IDS.orders] })).toHaveLength(1);
  });

  it('can switch rate limits off', async () => {
    const { em } = newEmulator({ faults: { rateLimitsEnabled: false } });
    const cloud = cloudOf(em, { retry: { maxAttempts: 1 } });
    for (let i = 0; i < 50; i++) await cloud.describeInstances({ ids: [IDS.orders] });
    expect(em.snapshot().calls.DescribeInstancesDetail).toBe(50);
  });

  it('stops at once when the signal is aborted', async () => {
    const { em } = newEmulator();
    const ac = new AbortController();
    ac.abort();
    const e = await rejection(cloudOf(em).describeInstances({ all: true }, { signal: ac.signal }));
    expect([e.kind, e.code]).toEqual(['aborted', 'ClientError.Aborted']);
    expect(em.snapshot().calls.DescribeInstancesDetail ?? 0).toBe(0);
  });

  it('leaves the emulator open on close unless it owns it', async () => {
    const { em } = newEmulator();
    await cloudOf(em).close();
    expect(await cloudOf(em).describeInstances({ all: true })).toHaveLength(SEED_INSTANCES);
    const owner = cloudOf(em, { ownsEmulator: true });
    await owner.close();
    expect(() => em.snapshot()).toThrow(/closed/);
  });

  it('waits on a stepping clock by moving it: a retried read costs virtual time, no real time', async () => {
    const clock = createVirtualClock({ start: T0, speed: 0, stepOnSleep: true });
    const em = createEmulator({ state: createSeedState({ now: T0 }), clock, faults: { throttleRate: 1, actions: ['DescribeInstancesDetail'] } });
    const started = Date.now();
    const e = await rejection(cloudOf(em, { random: () => 0.5 }).describeInstances({ all: true }));
    expect(e.kind).toBe('throttled');
    // Five attempts, four back-offs of 125, 250, 500 and 1000 ms (half the cap each, random 0.5).
    expect(em.snapshot().calls.DescribeInstancesDetail).toBe(5);
    expect(clock.now().getTime() - T0.getTime()).toBeGreaterThanOrEqual(1875);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('on a stopped clock nobody steps, a wait only yields (it would never wake otherwise)', async () => {
    const { em, clock } = newEmulator({ faults: { throttleRate: 1, actions: ['DescribeInstancesDetail'] } });
    const e = await rejection(cloudOf(em).describeInstances({ all: true }));
    expect(e.kind).toBe('throttled');
    expect(clock.now()).toEqual(T0);
  });
});

describe('in-process transport', () => {
  it('answers through JSON, as the wire does: the caller holds no reference into the state', async () => {
    const { em } = newEmulator();
    const transport = createInProcessTransport(em);
    const r = await transport.request('DescribeInstancesDetail', { InstanceIdList: [IDS.orders], Offset: 0, Limit: 20 });
    const detail = r.Result?.InstanceList?.[0];
    expect(detail?.Bandwidth).toBe(1600);
    if (detail !== undefined) detail.Bandwidth = 1;
    expect(instanceOf(em, IDS.orders).bandwidthMBps).toBe(200);
  });

  it.each([
    ['an API error', { throttleRate: 1 }, { code: 'RequestLimitExceeded', httpCode: undefined }],
    ['a 5xx answer', { errorRate: 1 }, { code: undefined, httpCode: expect.any(Number) }],
    ['a dropped connection', { dropRate: 1 }, { code: undefined, httpCode: undefined }],
  ])('fails on %s with the fields the SDK exception carries', async (_what, faults, fields) => {
    const { em } = newEmulator({ faults });
    let thrown: unknown;
    try {
      await createInProcessTransport(em).request('DescribeCkafkaZone', {});
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toMatchObject({ ...fields, message: expect.any(String) });
  });
});
