/**
 * The in-process CkafkaCloud adapter: natural units straight from the domain core, the same
 * error codes as the wire, faults and rate limits honoured, ambiguous submits re-observed.
 */
import { CloudError } from '../../../src/cloud/port';
import { listPrice } from '../../../src/spec/catalog';
import type { ObservedInstance } from '../../../src/spec/observed';
import { EMULATED_CAPABILITIES } from '../../../src/cloud/emulator';
import { HOUR, IDS, MINUTE, call, instanceOf, newEmulator, SEED_INSTANCES } from './_helpers';

async function rejection(p: Promise<unknown>): Promise<CloudError> {
  try {
    await p;
  } catch (e) {
    if (CloudError.isCloudError(e)) return e;
    throw e;
  }
  throw new Error('expected a CloudError, the call succeeded');
}

async function observe(cloud: ReturnType<ReturnType<typeof newEmulator>['em']['cloud']>, id: string): Promise<ObservedInstance> {
  const [o] = await cloud.describeInstances({ ids: [id] });
  if (o === undefined) throw new Error(`no ${id}`);
  return o;
}

describe('in-process adapter: reads', () => {
  it('says what the real cloud can do', () => {
    const { em } = newEmulator();
    expect(em.cloud().capabilities()).toEqual(EMULATED_CAPABILITIES);
    expect(EMULATED_CAPABILITIES).toEqual({ modeSelectable: { PREPAID: false, POSTPAID_BY_HOUR: true }, editionConversionByApi: false, migrationEstimates: false, usageMetrics: true });
    expect(em.cloud().kind).toBe('emulator');
    expect(em.cloud().clock).toBe(em.clock);
  });

  it('describes instances in natural units, agreeing with the wire (Mbps ÷ 8)', async () => {
    const { em } = newEmulator();
    const observed = await em.cloud().describeInstances({ all: true });
    const wire = (await call(em, 'DescribeInstancesDetail', { Limit: 20 })).Result.InstanceList as Array<Record<string, any>>;
    expect(observed.map((o) => o.instanceId)).toEqual(wire.map((w) => w.InstanceId as string).sort());
    for (const o of observed) {
      const w = wire.find((x) => x.InstanceId === o.instanceId);
      expect(o.bandwidthMBps).toBe((w?.Bandwidth as number) / 8);
      expect(o.diskGB).toBe(w?.DiskSize);
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
    const out = await em.cloud().describeInstances({ ids });
    expect(out.map((o) => o.instanceId)).toEqual([IDS.audit, IDS.orders]);
  });

  it('batches ids by 20 (one DescribeInstancesDetail call each)', async () => {
    const { em } = newEmulator();
    const ids = Array.from({ length: 45 }, (_, i) => `ckafka-${String(i).padStart(8, '0')}`);
    await em.cloud().describeInstances({ ids: [...ids, IDS.orders] });
    expect(em.snapshot().calls.DescribeInstancesDetail).toBe(3);
  });

  it('assesses migration as DescribeModifyType does', async () => {
    const { em } = newEmulator();
    const cloud = em.cloud();
    expect(await cloud.assessMigration(IDS.orders, { edition: 'pro', bandwidthMBps: 300, diskGB: 3000, partitions: 1600 })).toEqual({ required: false, modifyType: 0 });
    expect(await cloud.assessMigration(IDS.payments, { edition: 'pro', bandwidthMBps: 160, diskGB: 2000, partitions: 1200 })).toEqual({ required: true, modifyType: 1 });
    const e = await rejection(cloud.assessMigration(IDS.legacy, { edition: 'pro', bandwidthMBps: 100, diskGB: 1500, partitions: 800 }));
    expect([e.kind, e.code]).toEqual(['unsupported', 'UnsupportedOperation']);
  });

  it('quotes the catalog list price', async () => {
    const { em } = newEmulator();
    const spec = { edition: 'pro' as const, bandwidthMBps: 400, diskGB: 8000, partitions: 2000 };
    expect(await em.cloud().quote({ ...spec, chargeType: 'POSTPAID_BY_HOUR', diskType: 'CLOUD_PREMIUM', zoneId: 100003 })).toEqual({
      currency: 'CNY',
      amount: listPrice(spec, 'hour', 'CLOUD_PREMIUM'),
      per: 'hour',
    });
  });

  it('gathers pre-check facts', async () => {
    const { em } = newEmulator();
    const cloud = em.cloud();
    const facts = await cloud.preflight(await observe(cloud, IDS.audit));
    expect(facts.routes).toEqual([{ routeId: 5, statusCode: 2, healthy: true, accessType: 0, vipType: 3, endpoints: [{ vip: '10.0.15.10', vport: '9092' }] }]);
    expect(facts.topics).toEqual([
      { name: 'audit.trail', partitions: 6, replicas: 3, statusCode: 0 },
      { name: 'audit.scratch', partitions: 3, replicas: 1, statusCode: 0 },
    ]);
    expect(facts.outOfSync).toEqual([{ topic: 'audit.trail', partitions: ['2'] }]);
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
    const cloud = em.cloud();
    const facts = await cloud.preflight(await observe(cloud, IDS.payments));
    expect(facts.routes[0]).toMatchObject({ statusCode: 3, healthy: false });
    expect(facts.zoneInStock).toBe(false);
  });
});

describe('in-process adapter: writes', () => {
  it('routes prepaid changes to ModifyInstancePre (no mode) and postpaid to InstanceScalingDown with UpgradeStrategy', async () => {
    const { em } = newEmulator();
    const cloud = em.cloud();
    const pre = await cloud.submitSpecChange({ instanceId: IDS.orders, chargeType: 'PREPAID', bandwidthMBps: 300, diskGB: 3000, partitions: 1600, mode: 'high-speed' });
    expect(pre).toMatchObject({ action: 'ModifyInstancePre', acceptedBy: 'response' });
    expect(pre.requestId).not.toBe('');
    const post = await cloud.submitSpecChange({ instanceId: IDS.payments, chargeType: 'POSTPAID_BY_HOUR', bandwidthMBps: 160, diskGB: 2000, partitions: 1200, mode: 'high-speed' });
    expect(post.action).toBe('InstanceScalingDown');
    const s = em.snapshot();
    expect(s.submissions.map((x) => x.params)).toEqual([
      { InstanceId: IDS.orders, DiskSize: 3000, BandWidth: 300, Partition: 1600 },
      { InstanceId: IDS.payments, DiskSize: 2000, BandWidth: 160, Partition: 1200, UpgradeStrategy: 2 },
    ]);
    expect(instanceOf(em, IDS.orders).task?.mode).toBe('stable');
    expect(instanceOf(em, IDS.payments).task?.mode).toBe('high-speed');
    expect((await observe(cloud, IDS.payments)).status).toBe('upgrading');
  });

  it.each([
    ['not-found', 'InvalidParameterValue.InstanceNotExist', { instanceId: 'ckafka-00000000', chargeType: 'PREPAID' as const, bandwidthMBps: 300, diskGB: 3000, partitions: 1600 }],
    ['invalid', 'InvalidParameterValue.WrongAction', { instanceId: IDS.payments, chargeType: 'PREPAID' as const, bandwidthMBps: 160, diskGB: 2000, partitions: 1200 }],
    ['invalid', 'InvalidParameterValue', { instanceId: IDS.orders, chargeType: 'PREPAID' as const, bandwidthMBps: 310, diskGB: 3000, partitions: 1600 }],
    ['unsupported', 'UnsupportedOperation', { instanceId: IDS.legacy, chargeType: 'PREPAID' as const, bandwidthMBps: 100, diskGB: 2000, partitions: 100 }],
  ])('fails with a CloudError of kind %s and code %s', async (kind, code, request) => {
    const { em } = newEmulator();
    const e = await rejection(em.cloud().submitSpecChange({ ...request, mode: 'stable' }));
    expect([e.kind, e.code, e.action]).toEqual([kind, code, 'ModifyInstancePre']);
    expect(e.requestId).toBeDefined();
  });

  it('reports ResourceInUse as kind in-use and a sold-out zone as kind sold-out', async () => {
    const { em } = newEmulator();
    const cloud = em.cloud();
    const req = { instanceId: IDS.payments, chargeType: 'POSTPAID_BY_HOUR' as const, bandwidthMBps: 160, diskGB: 2000, partitions: 1200, mode: 'stable' as const };
    await cloud.submitSpecChange(req);
    expect((await rejection(cloud.submitSpecChange({ ...req, partitions: 1300 }))).kind).toBe('in-use');
    await em.update((s) => {
      const z = s.zones.find((x) => x.zoneId === 100003);
      if (z) z.soldOut = true;
    });
    const e = await rejection(cloud.submitSpecChange({ ...req, instanceId: IDS.clickstream, bandwidthMBps: 600, diskGB: 8000, partitions: 2400 }));
    expect([e.kind, e.code]).toEqual(['sold-out', 'ResourcesSoldOut']);
  });

  it('re-times a scheduled change', async () => {
    const { em, clock } = newEmulator();
    await em.scheduleChange({ instanceId: IDS.orders, target: { bandwidthMBps: 300, diskGB: 3000, partitions: 1600 }, mode: 'stable', at: new Date(clock.now().getTime() + HOUR) });
    const cloud = em.cloud();
    const at = new Date(clock.now().getTime() + 3 * HOUR + 500);
    await cloud.retimeRebalance(IDS.orders, at);
    expect((await observe(cloud, IDS.orders)).rebalanceAt).toBe(new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString());
    const e = await rejection(cloud.retimeRebalance(IDS.audit, at));
    expect([e.kind, e.code]).toEqual(['other', 'FailedOperation']);
  });

  it('creates and deletes instances', async () => {
    const { em, clock } = newEmulator();
    const cloud = em.cloud();
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
    await cloud.deleteInstance(created.instanceId, 'PREPAID');
    clock.advance(2 * MINUTE);
    expect(await cloud.describeInstances({ ids: [created.instanceId] })).toEqual([]);
  });
});

describe('in-process adapter: faults and rate limits', () => {
  it.each([
    ['throttleRate', 'throttled', 'RequestLimitExceeded', undefined],
    ['errorRate', 'unavailable', 'ClientError.HttpStatusCodeError', 'http'],
    ['dropRate', 'network', 'ClientError.NetworkError', undefined],
  ] as const)('%s surfaces as a CloudError of kind %s', async (fault, kind, code, http) => {
    const { em } = newEmulator({ faults: { [fault]: 1 } });
    const e = await rejection(em.cloud({ readRetry: { attempts: 1 } }).describeInstances({ all: true }));
    expect([e.kind, e.code]).toEqual([kind, code]);
    if (http !== undefined) expect([500, 503]).toContain(e.httpCode);
    expect(e.retryable).toBe(true);
  });

  it('retries reads on retryable faults', async () => {
    const { em } = newEmulator({ faults: { throttleRate: 0.5, seed: 7 } });
    const cloud = em.cloud({ readRetry: { attempts: 10 } });
    for (let i = 0; i < 10; i++) expect(await cloud.describeInstances({ all: true })).toHaveLength(SEED_INSTANCES);
    expect(em.snapshot().calls.DescribeInstancesDetail).toBeGreaterThan(10);
  });

  it('applies faults only to the listed actions', async () => {
    const { em } = newEmulator({ faults: { dropRate: 1, actions: ['ModifyInstancePre'] } });
    const cloud = em.cloud({ reobserveAmbiguousSubmits: false });
    expect(await cloud.describeInstances({ all: true })).toHaveLength(SEED_INSTANCES);
    const e = await rejection(cloud.submitSpecChange({ instanceId: IDS.orders, chargeType: 'PREPAID', bandwidthMBps: 300, diskGB: 3000, partitions: 1600, mode: 'stable' }));
    expect(e.kind).toBe('network');
    expect(em.snapshot().submissions).toEqual([]);
  });

  it('a lost response after the submit applied: raw, the caller sees a network error but the change is in the cloud', async () => {
    const { em } = newEmulator({ faults: { dropAfterRate: 1, actions: ['InstanceScalingDown'] } });
    const cloud = em.cloud({ reobserveAmbiguousSubmits: false });
    const e = await rejection(cloud.submitSpecChange({ instanceId: IDS.payments, chargeType: 'POSTPAID_BY_HOUR', bandwidthMBps: 160, diskGB: 2000, partitions: 1200, mode: 'stable' }));
    expect(e.kind).toBe('network');
    expect(em.snapshot().submissions).toHaveLength(1);
    expect(instanceOf(em, IDS.payments).status).toBe(7);
  });

  it('a lost response after the submit applied: re-observed, it is accepted by observation and not sent twice', async () => {
    const { em } = newEmulator({ faults: { dropAfterRate: 1, actions: ['InstanceScalingDown'] } });
    const r = await em.cloud().submitSpecChange({ instanceId: IDS.payments, chargeType: 'POSTPAID_BY_HOUR', bandwidthMBps: 160, diskGB: 2000, partitions: 1200, mode: 'stable' });
    expect(r.acceptedBy).toBe('observation');
    expect(em.snapshot().submissions).toHaveLength(1);
    expect(em.snapshot().calls.InstanceScalingDown).toBe(1);
  });

  it('a submit dropped before it applied is resubmitted once at most', async () => {
    const { em } = newEmulator({ faults: { dropRate: 1, actions: ['InstanceScalingDown'] } });
    const e = await rejection(em.cloud().submitSpecChange({ instanceId: IDS.payments, chargeType: 'POSTPAID_BY_HOUR', bandwidthMBps: 160, diskGB: 2000, partitions: 1200, mode: 'stable' }));
    // Not the lost answer's own (retryable) network error: no caller may take it as leave to send again.
    expect([e.kind, e.code, e.retryable]).toEqual(['other', 'ClientError.OutcomeUnknown', false]);
    expect(e.message).toContain('resubmitted once');
    expect(em.snapshot().calls.InstanceScalingDown).toBe(2);
    expect(em.snapshot().submissions).toEqual([]);
  });

  it('enforces per-action rate limits per virtual second', async () => {
    const { em, clock } = newEmulator();
    const cloud = em.cloud({ readRetry: { attempts: 1 } });
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
    const cloud = em.cloud({ readRetry: { attempts: 1 } });
    for (let i = 0; i < 50; i++) await cloud.describeInstances({ ids: [IDS.orders] });
    expect(em.snapshot().calls.DescribeInstancesDetail).toBe(50);
  });

  it('stops at once when the signal is aborted', async () => {
    const { em } = newEmulator();
    const ac = new AbortController();
    ac.abort();
    const e = await rejection(em.cloud().describeInstances({ all: true }, { signal: ac.signal }));
    expect(e.code).toBe('ClientError.Aborted');
  });

  it('refuses calls after close', async () => {
    const { em } = newEmulator();
    const cloud = em.cloud();
    await cloud.close();
    expect((await rejection(cloud.describeInstances({ all: true }))).code).toBe('ClientError.Closed');
    // The emulator itself stays open unless the adapter owns it.
    expect(await em.cloud().describeInstances({ all: true })).toHaveLength(SEED_INSTANCES);
  });
});
