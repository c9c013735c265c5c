/**
 * The state machine over virtual time: status 1 → 7 → 1, migration or not (capacity model),
 * durations by data volume and mode, the four documented failure causes, RebalanceTime
 * scheduling and re-timing, creation and deletion, determinism.
 */
import { join } from 'node:path';
import { MIGRATION_MODEL, BYTES_PER_GB, estimateChangeSeconds, createEmulator, createManualClock, createSeedState, type EmulatorState } from '../../../src/cloud/emulator';
import { HOUR, IDS, MINUTE, T0, advanceUntil, call, errorCode, instanceOf, makeTempDir, newEmulator } from './_helpers';

const SECOND = 1000;

/** DescribeModifyType for a target in MB/s; the emulator reads its BandWidth as Mbps, as the documented request does (× 8). */
async function modifyType(em: Parameters<typeof call>[0], id: string, bw: number, disk: number, partitions: number): Promise<boolean> {
  const r = await call(em, 'DescribeModifyType', { InstanceId: id, BandWidth: bw * 8, DiskSize: disk, DiskType: 'CLOUD_PREMIUM', Partition: partitions, Topic: 1, Type: 'sp_ckafka_profession' });
  return r.Result.MigrateFlag as boolean;
}

/** Virtual seconds a change on the seed fleet takes, measured by stepping the clock. */
async function measure(options: { id: string; request: Record<string, unknown>; action: string; prepare?: (s: ReturnType<typeof createSeedState>) => void }): Promise<number> {
  const state = createSeedState({ now: T0 });
  options.prepare?.(state);
  const clock = createManualClock(T0);
  const em = createEmulator({ state, clock });
  const r = await call(em, options.action, options.request);
  expect(r.Error).toBeUndefined();
  const ms = advanceUntil(em, clock, () => instanceOf(em, options.id).status === 1, MINUTE, 30 * 24 * HOUR);
  expect(Number.isFinite(ms)).toBe(true);
  return ms / SECOND;
}

describe('a change that fits the cluster (no migration)', () => {
  it('is reported as no migration and completes in about 90 virtual seconds, 1 → 7 → 1', async () => {
    const { em, clock } = newEmulator();
    expect(await modifyType(em, IDS.orders, 300, 3000, 1600)).toBe(false);
    await call(em, 'ModifyInstancePre', { InstanceId: IDS.orders, BandWidth: 300, Partition: 1600 });
    const status = async () => (await call(em, 'DescribeInstancesDetail', { InstanceId: IDS.orders })).Result.InstanceList[0];
    expect((await status()).Status).toBe(7);
    expect((await status()).Bandwidth).toBe(1600);
    clock.advance(MIGRATION_MODEL.quotaChangeSeconds * SECOND - 1);
    expect((await status()).Status).toBe(7);
    clock.advance(1);
    const done = await status();
    expect(done.Status).toBe(1);
    expect(done.Bandwidth).toBe(2400);
    expect(done.MaxPartitionNumber).toBe(1600);
    expect(done.Vport).toBe('9092');
  });

  it('never migrates for a partition-only change, even at capacity', async () => {
    const { em, clock } = newEmulator();
    expect(await modifyType(em, IDS.payments, 120, 2000, 1500)).toBe(false);
    await call(em, 'InstanceScalingDown', { InstanceId: IDS.payments, Partition: 1500, UpgradeStrategy: 1 });
    expect(instanceOf(em, IDS.payments).task?.migrate).toBe(false);
    clock.advance(2 * MINUTE);
    expect(instanceOf(em, IDS.payments).partitions).toBe(1500);
  });

  it('does not need zone stock', async () => {
    const { em } = newEmulator();
    await em.update((s) => {
      for (const z of s.zones) Object.assign(z, { soldOut: true, diskStockGB: 0 });
    });
    expect(await errorCode(em, 'ModifyInstancePre', { InstanceId: IDS.orders, BandWidth: 300, Partition: 1600 })).toBeUndefined();
  });
});

describe('a change beyond the cluster (migration)', () => {
  it('is reported as a migration by DescribeModifyType and runs as one', async () => {
    const { em } = newEmulator();
    expect(await modifyType(em, IDS.payments, 160, 2000, 1200)).toBe(true);
    await call(em, 'InstanceScalingDown', { InstanceId: IDS.payments, BandWidth: 160, UpgradeStrategy: 1 });
    expect(instanceOf(em, IDS.payments).task?.migrate).toBe(true);
  });

  it('keeps status 7 for the estimated duration, then applies the spec and changes ports, not addresses', async () => {
    const { em, clock } = newEmulator();
    const before = instanceOf(em, IDS.payments);
    await call(em, 'InstanceScalingDown', { InstanceId: IDS.payments, BandWidth: 160, UpgradeStrategy: 1 });
    const seconds = estimateChangeSeconds({ migrate: true, mode: 'stable', bandwidthMBps: 120, produceMBps: 30, dataBytes: 900 * BYTES_PER_GB });
    expect(seconds).toBeGreaterThan(5 * 3600);
    clock.advance(Math.floor(seconds) * SECOND - MINUTE);
    expect(instanceOf(em, IDS.payments).status).toBe(7);
    expect(instanceOf(em, IDS.payments).bandwidthMBps).toBe(120);
    clock.advance(2 * MINUTE);
    const after = instanceOf(em, IDS.payments);
    expect(after.status).toBe(1);
    expect(after.bandwidthMBps).toBe(160);
    expect(after.routes[0]?.vip).toBe(before.routes[0]?.vip);
    expect(after.routes[0]?.vport).not.toBe(before.routes[0]?.vport);
    expect(after.capacity.bandwidthMBps).toBeGreaterThanOrEqual(240);
    // The new cluster has room: the same step again fits without migration.
    expect(await modifyType(em, IDS.payments, 200, 2000, 1400)).toBe(false);
  });

  it('takes longer in stable mode than in high-speed mode', async () => {
    const request = (mode: number) => ({ InstanceId: IDS.payments, BandWidth: 160, UpgradeStrategy: mode });
    const stable = await measure({ id: IDS.payments, action: 'InstanceScalingDown', request: request(1) });
    const fast = await measure({ id: IDS.payments, action: 'InstanceScalingDown', request: request(2) });
    expect(stable).toBeGreaterThan(2 * fast);
  });

  it('takes longer with more data', async () => {
    const request = { InstanceId: IDS.payments, BandWidth: 160, UpgradeStrategy: 1 };
    const base = await measure({ id: IDS.payments, action: 'InstanceScalingDown', request });
    const doubled = await measure({
      id: IDS.payments,
      action: 'InstanceScalingDown',
      request,
      prepare: (s) => {
        for (const tp of s.instances.find((i) => i.instanceId === IDS.payments)?.topics ?? []) tp.dataBytes *= 2;
      },
    });
    expect(doubled).toBeGreaterThan(1.8 * base);
  });

  it('runs prepaid changes in stable mode (ModifyInstancePre takes no mode)', async () => {
    const { em } = newEmulator();
    await call(em, 'ModifyInstancePre', { InstanceId: IDS.orders, BandWidth: 600, DiskSize: 6000, Partition: 2400 });
    expect(instanceOf(em, IDS.orders).task).toMatchObject({ migrate: true, mode: 'stable', action: 'ModifyInstancePre' });
  });
});

describe('documented failure causes', () => {
  // InstanceScalingDown lists neither ResourceInsufficient nor ResourcesSoldOut: FailedOperation, with the reason.
  it('1: a zone without enough disk stock refuses the migration (FailedOperation)', async () => {
    const { em } = newEmulator();
    await em.update((s) => {
      const zone = s.zones.find((z) => z.zoneId === 100004);
      if (zone) zone.diskStockGB = 1500;
    });
    const r = await call(em, 'InstanceScalingDown', { InstanceId: IDS.payments, BandWidth: 160, UpgradeStrategy: 1 });
    expect(r.Error).toMatchObject({ Code: 'FailedOperation', Message: expect.stringContaining('1500 GB of disk stock') });
  });

  it('1: a sold-out zone refuses the migration (FailedOperation)', async () => {
    const { em } = newEmulator();
    await em.update((s) => {
      const zone = s.zones.find((z) => z.zoneId === 100004);
      if (zone) zone.soldOut = true;
    });
    const r = await call(em, 'InstanceScalingDown', { InstanceId: IDS.payments, BandWidth: 160, UpgradeStrategy: 1 });
    expect(r.Error).toMatchObject({ Code: 'FailedOperation', Message: expect.stringContaining('sold out') });
  });

  it('1: a migration takes its target disk from the zone stock and gives back the old disk', async () => {
    const { em, clock } = newEmulator();
    const stock = () => em.snapshot('zones').find((z) => z.zoneId === 100004)?.diskStockGB;
    const before = stock() ?? 0;
    await call(em, 'InstanceScalingDown', { InstanceId: IDS.payments, BandWidth: 160, DiskSize: 2400, UpgradeStrategy: 2 });
    expect(stock()).toBe(before - 2400);
    advanceUntil(em, clock, () => instanceOf(em, IDS.payments).status === 1, 10 * MINUTE, 7 * 24 * HOUR);
    expect(stock()).toBe(before - 2400 + 2000);
  });

  it('2: heavy produce traffic makes a high-speed migration slower than a stable one', async () => {
    const request = (mode: number) => ({ InstanceId: IDS.clickstream, BandWidth: 600, Partition: 2400, UpgradeStrategy: mode });
    const stable = await measure({ id: IDS.clickstream, action: 'InstanceScalingDown', request: request(1) });
    const fast = await measure({ id: IDS.clickstream, action: 'InstanceScalingDown', request: request(2) });
    expect(fast).toBeGreaterThan(stable);
    // The same migration without the traffic is fast in high-speed mode.
    const quiet = await measure({
      id: IDS.clickstream,
      action: 'InstanceScalingDown',
      request: request(2),
      prepare: (s) => {
        const i = s.instances.find((x) => x.instanceId === IDS.clickstream);
        if (i) i.produceMBps = 40;
      },
    });
    expect(quiet).toBeLessThan(stable / 2);
  });

  it('3: a MaxMessageByte above 1 MiB stalls the migration until it is lowered', async () => {
    const { em, clock } = newEmulator();
    await call(em, 'InstanceScalingDown', { InstanceId: IDS.media, BandWidth: 300, Partition: 1600, UpgradeStrategy: 1 });
    expect(instanceOf(em, IDS.media).task?.migrate).toBe(true);
    clock.advance(7 * 24 * HOUR);
    const stuck = instanceOf(em, IDS.media);
    expect(stuck.status).toBe(7);
    expect(stuck.task?.phase).toBe('copy');
    expect(stuck.task?.bytesDone).toBe(0);
    const lowered = await call(em, 'ModifyInstanceAttributes', { InstanceId: IDS.media, MaxMessageByte: 1048576 });
    expect(lowered.Error).toBeUndefined();
    const rest = estimateChangeSeconds({ migrate: true, mode: 'stable', bandwidthMBps: 160, produceMBps: 25, dataBytes: 940 * BYTES_PER_GB }) - MIGRATION_MODEL.provisionSeconds;
    clock.advance(Math.floor(rest) * SECOND - MINUTE);
    expect(instanceOf(em, IDS.media).status).toBe(7);
    clock.advance(2 * MINUTE);
    expect(instanceOf(em, IDS.media).status).toBe(1);
    expect(instanceOf(em, IDS.media).bandwidthMBps).toBe(300);
  });

  it('4: a failing broker address update leaves the task in status 7 until fixed', async () => {
    const { em, clock } = newEmulator();
    await em.update((s) => {
      const i = s.instances.find((x) => x.instanceId === IDS.payments);
      if (i) i.failures.brokerAddressUpdateFails = true;
    });
    await call(em, 'InstanceScalingDown', { InstanceId: IDS.payments, BandWidth: 160, UpgradeStrategy: 2 });
    clock.advance(30 * 24 * HOUR);
    expect(instanceOf(em, IDS.payments)).toMatchObject({ status: 7, bandwidthMBps: 120, task: { phase: 'switch' } });
    await em.update((s) => {
      const i = s.instances.find((x) => x.instanceId === IDS.payments);
      if (i) i.failures.brokerAddressUpdateFails = false;
    });
    clock.advance(MIGRATION_MODEL.switchSeconds * SECOND - 1);
    expect(instanceOf(em, IDS.payments).status).toBe(7);
    clock.advance(1);
    expect(instanceOf(em, IDS.payments)).toMatchObject({ status: 1, bandwidthMBps: 160 });
  });
});

describe('RebalanceTime', () => {
  const target = { bandwidthMBps: 300, diskGB: 3000, partitions: 1600 };

  it('starts a scheduled change when due, and shows it until then and after (as the documented listing does)', async () => {
    const { em, clock } = newEmulator();
    const at = new Date(T0.getTime() + 2 * HOUR);
    await em.scheduleChange({ instanceId: IDS.orders, target, mode: 'stable', at });
    clock.advance(2 * HOUR - SECOND);
    expect(instanceOf(em, IDS.orders)).toMatchObject({ status: 1, pendingTask: { rebalanceAt: at.toISOString() } });
    clock.advance(SECOND);
    expect(instanceOf(em, IDS.orders)).toMatchObject({ status: 7, pendingTask: null, task: { startedAt: at.toISOString() } });
    clock.advance(2 * MINUTE);
    const done = await call(em, 'DescribeInstancesDetail', { InstanceId: IDS.orders });
    // The documented listing shows a past RebalanceTime on a running instance: the time stays.
    expect(done.Result.InstanceList[0]).toMatchObject({ Status: 1, Bandwidth: 2400, RebalanceTime: '2026-03-02 12:00:00' });
    expect(instanceOf(em, IDS.orders).lastRebalanceAt).toBe(at.toISOString());
  });

  it('is re-timed by ModifyInstanceAttributes, to future times only', async () => {
    const { em, clock } = newEmulator();
    await em.scheduleChange({ instanceId: IDS.orders, target, mode: 'stable', at: new Date(T0.getTime() + HOUR) });
    const later = Math.floor((T0.getTime() + 5 * HOUR) / 1000);
    expect(await errorCode(em, 'ModifyInstanceAttributes', { InstanceId: IDS.orders, RebalanceTime: later })).toBeUndefined();
    clock.advance(2 * HOUR);
    expect(instanceOf(em, IDS.orders).status).toBe(1);
    expect(await errorCode(em, 'ModifyInstanceAttributes', { InstanceId: IDS.orders, RebalanceTime: Math.floor(T0.getTime() / 1000) })).toBe('InvalidParameterValue');
    clock.advance(3 * HOUR);
    expect(instanceOf(em, IDS.orders).status).toBe(7);
    expect(await errorCode(em, 'ModifyInstanceAttributes', { InstanceId: IDS.orders, RebalanceTime: later + 3600 })).toBe('FailedOperation');
  });

  it('starts a scheduled change even when the clock jumps past it, from its own time', async () => {
    const { em, clock } = newEmulator();
    await em.scheduleChange({ instanceId: IDS.orders, target, mode: 'stable', at: new Date(T0.getTime() + HOUR) });
    clock.advance(HOUR + 30 * SECOND);
    expect(instanceOf(em, IDS.orders).status).toBe(7);
    clock.advance(60 * SECOND);
    expect(instanceOf(em, IDS.orders)).toMatchObject({ status: 1, statusSince: new Date(T0.getTime() + HOUR + MIGRATION_MODEL.quotaChangeSeconds * SECOND).toISOString() });
  });
});

describe('creation and deletion', () => {
  it('creates an instance in status 0 that runs after a few minutes', async () => {
    const { em, clock } = newEmulator();
    const r = await call(em, 'CreatePostPaidInstance', { VpcId: 'vpc-6b2g8c1d', SubnetId: 'subnet-3k9f2w7q', ZoneId: 100004, InstanceName: 'new', BandWidth: 40, DiskSize: 500, Partition: 800 });
    const id = r.Result.Data.InstanceId as string;
    expect(id).toMatch(/^ckafka-[a-z0-9]{8}$/);
    expect(instanceOf(em, id)).toMatchObject({ status: 0, chargeType: 'POSTPAID_BY_HOUR', instanceType: 'profession', expireTime: null });
    clock.advance(MIGRATION_MODEL.createSeconds * SECOND);
    expect(instanceOf(em, id).status).toBe(1);
  });

  it('creates prepaid instances that expire after the period', async () => {
    const { em } = newEmulator();
    const r = await call(em, 'CreateInstancePre', {
      InstanceName: 'pre',
      ZoneId: 100003,
      Period: '3m',
      InstanceType: 1,
      VpcId: 'vpc-6b2g8c1d',
      SubnetId: 'subnet-3k9f2w7q',
      SpecificationsType: 'profession',
    });
    const id = r.Result.Data.InstanceId as string;
    expect(instanceOf(em, id)).toMatchObject({ instanceType: 'profession', chargeType: 'PREPAID', expireTime: '2026-06-02T02:00:00.000Z' });
  });

  it('deletes through a flow that DescribeTaskStatus reports running (2), then done (0)', async () => {
    const { em, clock } = newEmulator();
    const r = await call(em, 'DeleteInstancePost', { InstanceId: IDS.payments });
    const flowId = r.Result.FlowId as number;
    expect(flowId).toBeGreaterThan(0);
    expect((await call(em, 'DescribeTaskStatus', { FlowId: flowId })).Result.Status).toBe(2);
    expect(instanceOf(em, IDS.payments).status).toBe(2);
    clock.advance(MIGRATION_MODEL.deleteSeconds * SECOND);
    expect((await call(em, 'DescribeTaskStatus', { FlowId: flowId })).Result.Status).toBe(0);
    expect((await call(em, 'DescribeInstancesDetail', { InstanceId: IDS.payments })).Result.TotalCount).toBe(0);
    expect(await errorCode(em, 'DescribeInstanceAttributes', { InstanceId: IDS.payments })).toBe('InvalidParameterValue.InstanceNotExist');
  });
});

describe('determinism', () => {
  it('gives the same answers for the same seed, clock and calls', async () => {
    const run = async () => {
      const { em, clock } = newEmulator();
      const out: unknown[] = [];
      out.push(await em.handleAction('InstanceScalingDown', { InstanceId: IDS.payments, BandWidth: 160, UpgradeStrategy: 1 }));
      clock.advance(12 * HOUR);
      out.push(await em.handleAction('CreatePostPaidInstance', { VpcId: 'vpc-6b2g8c1d', SubnetId: 'subnet-3k9f2w7q', ZoneId: 100003 }));
      out.push(await em.handleAction('DescribeInstancesDetail', { Limit: 20 }));
      return JSON.stringify(out);
    };
    expect(await run()).toBe(await run());
  });

  it('records every accepted write in the submissions ledger', async () => {
    const { em } = newEmulator();
    await call(em, 'InstanceScalingDown', { InstanceId: IDS.payments, BandWidth: 160, UpgradeStrategy: 2 });
    await call(em, 'InstanceScalingDown', { InstanceId: IDS.payments, BandWidth: 160, UpgradeStrategy: 2 });
    await call(em, 'ModifyInstanceAttributes', { InstanceId: IDS.media, MaxMessageByte: 2000000 });
    const s = em.snapshot();
    expect(s.submissions.map((x) => [x.action, x.instanceId, x.params])).toEqual([
      ['InstanceScalingDown', IDS.payments, { InstanceId: IDS.payments, BandWidth: 160, UpgradeStrategy: 2 }],
      ['ModifyInstanceAttributes', IDS.media, { InstanceId: IDS.media, MaxMessageByte: 2000000 }],
    ]);
    expect(s.calls.InstanceScalingDown).toBe(2);
    expect(s.submissions[0]?.at).toBe(T0.toISOString());
  });
});

describe('reading one instance or one part of the state', () => {
  // A migration (the zones' stock moves when it ends), a deletion, a creation and a
  // console-scheduled change, read at moments before, during and after each.
  it.each(['memory', 'a state file'])('reads each as snapshot() shows it, on a state in %s', async (where) => {
    const tmp = where === 'memory' ? undefined : makeTempDir();
    const em = createEmulator({ clock: createManualClock(T0), ...(tmp === undefined ? {} : { statePath: join(tmp.dir, 'state.json') }) });
    try {
      await call(em, 'InstanceScalingDown', { InstanceId: IDS.payments, BandWidth: 160, UpgradeStrategy: 1 });
      await call(em, 'DeleteInstancePost', { InstanceId: IDS.clickstream });
      const created = (await call(em, 'CreatePostPaidInstance', { VpcId: 'vpc-6b2g8c1d', SubnetId: 'subnet-3k9f2w7q', ZoneId: 100004 })).Result.Data.InstanceId as string;
      await em.scheduleChange({ instanceId: IDS.orders, target: { bandwidthMBps: 300, diskGB: 3000, partitions: 1600 }, mode: 'stable', at: new Date(T0.getTime() + 2 * HOUR) });
      const ids = [IDS.payments, IDS.clickstream, IDS.orders, created, 'ckafka-00000000'];
      const seen = new Set<string>();
      for (const at of [0, MINUTE, 10 * MINUTE, 2 * HOUR + MINUTE, 8 * HOUR, 3 * 24 * HOUR]) {
        em.clock.advance(T0.getTime() + at - em.clock.now().getTime());
        const whole = em.snapshot();
        for (const id of ids) {
          const one = em.instance(id);
          expect(one).toEqual(whole.instances.find((i) => i.instanceId === id));
          seen.add(`${id} ${one?.status ?? 'gone'}`);
        }
        for (const part of Object.keys(whole) as Array<keyof EmulatorState>) expect(em.snapshot(part)).toEqual(whole[part]);
      }
      // Each read went through the moments that matter: running, changing, created, deleted.
      expect([...seen].sort()).toEqual(
        [`${IDS.payments} 7`, `${IDS.payments} 1`, `${IDS.clickstream} 2`, `${IDS.clickstream} gone`, `${IDS.orders} 1`, `${IDS.orders} 7`, `${created} 0`, `${created} 1`, 'ckafka-00000000 gone'].sort(),
      );
      expect(em.instance(IDS.payments)).toMatchObject({ bandwidthMBps: 160, migrations: 1 });
    } finally {
      await em.close();
      tmp?.cleanup();
    }
  });

  it('gives copies: changing what was read changes nothing in the emulator', async () => {
    const { em } = newEmulator();
    await call(em, 'InstanceScalingDown', { InstanceId: IDS.payments, BandWidth: 160, UpgradeStrategy: 1 });
    const one = em.instance(IDS.payments);
    if (one?.task == null) throw new Error('payments should be changing');
    one.task.target.bandwidthMBps = 999;
    em.snapshot('submissions').pop();
    em.snapshot('zones').splice(0);
    expect(em.instance(IDS.payments)?.task?.target.bandwidthMBps).toBe(160);
    expect(em.snapshot('submissions')).toHaveLength(1);
    expect(em.snapshot('zones')).toEqual(em.snapshot().zones);
    expect(em.snapshot('zones').length).toBeGreaterThan(0);
  });
});

// The documented DescribeInstancesDetail listing (tccli; cloud.tencent.com/document/api/597/40834)
// shows a postpaid instance with DiskSize -1 and a running one at 1200 Mbps (150 MB/s, off the
// 20 MB/s step) with a past RebalanceTime: the seed fleet's telemetry and reports.
describe('what the documented listing shows', () => {
  it('elastic storage reads as DiskSize -1 and changes without a DiskSize', async () => {
    const { em } = newEmulator();
    const [detail] = (await call(em, 'DescribeInstancesDetail', { InstanceId: IDS.telemetry })).Result.InstanceList as Array<Record<string, unknown>>;
    expect(detail).toMatchObject({ DiskSize: -1, ExpireTime: 0 });
    expect((await call(em, 'DescribeInstanceAttributes', { InstanceId: IDS.telemetry })).Result.DiskSize).toBe(-1);
    expect(await errorCode(em, 'InstanceScalingDown', { InstanceId: IDS.telemetry, BandWidth: 300, Partition: 1600, UpgradeStrategy: 1 })).toBeUndefined();
    expect(instanceOf(em, IDS.telemetry).task?.target).toEqual({ bandwidthMBps: 300, diskGB: 1200, partitions: 1600 });
  });

  it('an off-step running bandwidth on CLOUD_BASIC with a past RebalanceTime, priced as it runs', async () => {
    const { em } = newEmulator();
    const [detail] = (await call(em, 'DescribeInstancesDetail', { InstanceId: IDS.reports })).Result.InstanceList as Array<Record<string, unknown>>;
    expect(detail).toMatchObject({ Bandwidth: 1200, DiskType: 'CLOUD_BASIC', Status: 1, RebalanceTime: '2026-01-01 10:00:00' });
    const price = await call(em, 'InquireCkafkaPrice', { InstanceType: 'profession', Bandwidth: 150, InquiryDiskParam: { DiskType: 'CLOUD_BASIC', DiskSize: 1000 }, Partition: 1200 });
    expect(price.Error).toBeUndefined();
  });
});
