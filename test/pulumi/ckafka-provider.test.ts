/**
 * The dynamic provider's methods called directly against the emulator through the in-process
 * transport, on the embedded emulator's stepping clock (it moves only when someone waits): validation, diff as the plan, adopt and create,
 * update through a migration, deferral, staleness, pre-checks, delete, and cloud errors.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmulatedCloud } from '../../src/cloud/emulated-cloud';
import { createEmulator, createManualClock, createSeedState } from '../../src/cloud/emulator';
import {
  CkafkaProvider,
  UNKNOWN_VALUE,
  readProviderConfig,
  selectProviderCloud,
  type CkafkaInstanceInputs,
  type CkafkaInstanceState,
  type CkafkaProviderOptions,
} from '../../src/pulumi';
import {
  AUDIT,
  MINUTE,
  ORDERS,
  PAYMENTS,
  T0,
  WEEKEND,
  adopt,
  failure,
  harness,
  instance,
  newInputs,
  ordersInputs,
  paymentsInputs,
  secondsAfter,
} from './_provider-harness';

describe('check', () => {
  const provider = new CkafkaProvider({ logger: { info: () => undefined, warn: () => undefined }, now: () => T0 });

  it('accepts a valid instance and returns the inputs unchanged', async () => {
    const inputs = { ...ordersInputs(), __provider: 'serialized' } as unknown as CkafkaInstanceInputs;
    const r = await provider.check({} as CkafkaInstanceInputs, inputs);
    expect(r.failures).toEqual([]);
    expect(r.inputs).toBe(inputs);
  });

  it('reports a core validation error with its code, the value and the fix', async () => {
    const r = await provider.check({} as CkafkaInstanceInputs, ordersInputs({ bandwidthMBps: 100200, diskGB: 10000, partitions: 6000 }));
    expect(r.failures).toEqual([
      { property: 'bandwidthMBps', reason: expect.stringMatching(/^spec\/above-maximum: bandwidthMBps 100200 MB\/s is above the Pro maximum of 100000 MB\/s \(use 100000 or less\)$/) },
    ]);
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['a misspelt key', { bandwith: 400 }, 'bandwith', /^spec\/unknown-key: unknown key `bandwith` \(did you mean `bandwidthMBps`\?\)$/],
    ['an unknown time zone', { upgrade: { rebalance: { window: { ...WEEKEND, timezone: 'Asia/Shangai' } } } }, 'upgrade.rebalance.window.timezone', /^spec\/unknown-timezone: .*did you mean Asia\/Shanghai\?/],
    ['a bad VPC id', { vpcId: 'vpc-123' }, 'vpcId', /^spec\/invalid-value: vpcId "vpc-123" is not a VPC id/],
    ['a bad zone', { zoneId: -3 }, 'zoneId', /^spec\/invalid-value: zoneId must be a whole number above 0/],
    ['a postpaid Advanced instance', { edition: 'advanced', bandwidthMBps: 40, diskGB: 500, partitions: 800, chargeType: 'POSTPAID_BY_HOUR' }, 'chargeType', /^spec\/invalid-value: chargeType POSTPAID_BY_HOUR is not offered for Advanced/],
    ['a misspelt charge type', { chargeType: 'PREPAYED' }, 'chargeType', /did you mean PREPAID\?/],
    ['a period for a postpaid instance', { chargeType: 'POSTPAID_BY_HOUR', periodMonths: 12 }, 'periodMonths', /PREPAID instances only/],
    ['a period beyond 36 months', { periodMonths: 37 }, 'periodMonths', /^spec\/invalid-value: periodMonths must be a whole number of months from 1 to 36, got 37/],
    ['a bad region', { region: 'Guangzhou' }, 'region', /^spec\/bad-region:/],
    ['a misspelt check id', { ignoreChecks: ['zone-stok'] }, 'ignoreChecks[0]', /^spec\/invalid-value: "zone-stok" is not a check id \(did you mean zone-stock\?\)$/],
    ['an unknown deletion policy', { deletionPolicy: 'destroy' }, 'deletionPolicy', /^spec\/invalid-value: deletionPolicy must be "retain" or "delete"/],
    ['a zero wait', { maxWaitMinutes: 0 }, 'maxWaitMinutes', /^spec\/invalid-value: maxWaitMinutes/],
  ])('fails on %s', async (_what, over, property, reason) => {
    const r = await provider.check({} as CkafkaInstanceInputs, { ...ordersInputs(), ...over } as CkafkaInstanceInputs);
    expect(r.failures).toEqual([{ property, reason: expect.stringMatching(reason) }]);
  });

  // The rules of a new instance (spec/rules/provisioning-rules.ts) apply to a new resource without instanceId.
  it.each<[string, Partial<CkafkaInstanceInputs>, string, RegExp]>([
    ['an unknown disk type', { diskType: 'CLOUD_SDD' }, 'diskType', /^spec\/invalid-value: .*\(did you mean CLOUD_SSD\?\)$/],
    ['a Kafka version not offered', { kafkaVersion: '3.9.0' }, 'kafkaVersion', /^spec\/invalid-value: kafkaVersion 3.9.0 is not offered for a new instance/],
    ['an Advanced instance', { edition: 'advanced', chargeType: 'PREPAID' }, 'edition', /^spec\/edition-not-creatable: /],
    ['an off-step bandwidth', { bandwidthMBps: 50, diskGB: 500, partitions: 800 }, 'bandwidthMBps', /^spec\/off-step: bandwidthMBps 50 is off the Pro sale step, and a new instance is created on the step \(use 40 or 60/],
  ])('fails to create %s', async (_what, over, property, reason) => {
    const r = await provider.check({} as CkafkaInstanceInputs, newInputs(over));
    expect(r.failures).toEqual([{ property, reason: expect.stringMatching(reason) }]);
  });

  it('takes values a new instance cannot have as those of an instance that runs, for an adopted or existing resource', async () => {
    for (const over of [{ kafkaVersion: '1.1.1' }, { edition: 'advanced', chargeType: 'PREPAID' }, { bandwidthMBps: 50 }] as const) {
      expect((await provider.check({} as CkafkaInstanceInputs, newInputs({ ...over, instanceId: 'ckafka-pu1ord3r' }))).failures).toEqual([]);
      expect((await provider.check(newInputs(), newInputs(over))).failures).toEqual([]);
    }
  });

  it('requires the zone and network to create an instance, and not to adopt one', async () => {
    const { zoneId: _z, vpcId: _v, subnetId: _s, ...bare } = newInputs();
    const create = await provider.check({} as CkafkaInstanceInputs, bare as CkafkaInstanceInputs);
    expect(create.failures?.map((f) => [f.property, f.reason.split(':')[0]])).toEqual([
      ['zoneId', 'spec/missing-field'],
      ['vpcId', 'spec/missing-field'],
      ['subnetId', 'spec/missing-field'],
    ]);
    expect((await provider.check({} as CkafkaInstanceInputs, ordersInputs())).failures).toEqual([]);
  });

  it('skips values Pulumi does not know yet (a preview)', async () => {
    const r = await provider.check({} as CkafkaInstanceInputs, ordersInputs({ bandwidthMBps: UNKNOWN_VALUE as unknown as number, vpcId: UNKNOWN_VALUE }));
    expect(r.failures).toEqual([]);
  });

  it('diffs inputs not known yet as a change without planning', async () => {
    const h = harness();
    const outs = await adopt(h.provider, ordersInputs());
    const d = await h.provider.diff(ORDERS, outs, ordersInputs({ bandwidthMBps: UNKNOWN_VALUE as unknown as number }));
    expect(d).toMatchObject({ changes: true, deleteBeforeReplace: false });
    expect(d.replaces ?? []).toEqual([]);
  });
});

describe('diff', () => {
  it('is a no-op when the declared spec equals the observed one', async () => {
    const h = harness();
    const outs = await adopt(h.provider, ordersInputs());
    h.logs.length = 0;
    const d = await h.provider.diff(ORDERS, outs, ordersInputs());
    expect(d).toEqual({ changes: false, replaces: [], stables: expect.arrayContaining(['instanceId', 'zoneId', 'chargeType']), deleteBeforeReplace: false, detailedDiff: {} });
    expect(h.text()).toBe('');
  });

  it('does not count a change of only the upgrade policy (or wait, or ignoreChecks) as a cloud change', async () => {
    const h = harness();
    const outs = await adopt(h.provider, ordersInputs());
    const d = await h.provider.diff(ORDERS, outs, ordersInputs({ upgrade: { rebalance: { window: WEEKEND }, mode: 'high-speed' }, allowScaleDown: true, wait: true, ignoreChecks: ['zone-stock'] }));
    expect(d.changes).toBe(false);
  });

  it('records a change of deletionPolicy (delete sees only the state), without planning a cloud change', async () => {
    const h = harness();
    const outs = await adopt(h.provider, ordersInputs());
    const d = await h.provider.diff(ORDERS, outs, ordersInputs({ deletionPolicy: 'delete' }));
    expect(d.changes).toBe(true);
    const u = await h.provider.update(ORDERS, outs, ordersInputs({ deletionPolicy: 'delete' }));
    expect(u.outs?.deletionPolicy).toBe('delete');
    expect(h.em.snapshot().submissions).toEqual([]);
  });

  it('is the upgrade plan: logged with migration, schedule, mode, estimate and cost', async () => {
    const h = harness();
    const outs = await adopt(h.provider, paymentsInputs());
    h.logs.length = 0;
    const d = await h.provider.diff(PAYMENTS, outs, paymentsInputs({ bandwidthMBps: 160, upgrade: { rebalance: { window: WEEKEND }, mode: 'high-speed' } }));
    expect(d).toEqual({ changes: true, replaces: [], stables: expect.any(Array), deleteBeforeReplace: false, detailedDiff: { bandwidthMBps: { kind: 'update', inputDiff: false } } });
    const info = h.text('info');
    // An emulated fleet says so above the verdict.
    expect(info).toMatch(/^⚠ EMULATOR: this plan was made against the CKafka emulator[^\n]*\n[^\n]*\n1 to upgrade \(1 migrates data\)/);
    expect(info).toContain('~ bandwidthMBps: 120 → 160 MB/s');
    expect(info).toMatch(/migration {2}data migrates: ~\d+h \d+m \(estimate\), high-speed mode/);
    expect(info).toContain('next window opens Sat 2026-03-07 01:00 Asia/Shanghai');
    expect(info).toMatch(/cost {7}\+[\d,.]+ CNY\/month/);
    expect(info).toContain('the change may start at 2026-03-06T17:00:00.000Z; before that `pulumi up` defers it');
    expect(h.text('warn')).toBe('');
  });

  it('warns about failing pre-checks, naming the check and how to accept it', async () => {
    const h = harness();
    const auditInputs: CkafkaInstanceInputs = { name: 'audit', instanceId: AUDIT, edition: 'advanced', bandwidthMBps: 40, diskGB: 500, partitions: 800 };
    const outs = await adopt(h.provider, auditInputs);
    const d = await h.provider.diff(AUDIT, outs, { ...auditInputs, bandwidthMBps: 60, partitions: 900 });
    expect(d.changes).toBe(true);
    expect(h.text('warn')).toContain('audit: check replicas-in-sync fails: 1 partition of 1 topic has out-of-sync replicas');
    expect(h.text('warn')).toContain('the update will fail unless "replicas-in-sync" is in ignoreChecks');
  });

  it('replaces a created instance when a key the cloud cannot change in place changes', async () => {
    const h = harness();
    const created = await h.provider.create(newInputs());
    const outs = created.outs as CkafkaInstanceState;
    h.logs.length = 0;
    for (const [key, value] of [
      ['zoneId', 100004],
      ['chargeType', 'PREPAID'],
      ['diskType', 'CLOUD_SSD'],
    ] as const) {
      const d = await h.provider.diff(created.id, outs, newInputs({ [key]: value }));
      expect(d).toEqual({ changes: true, replaces: [key], stables: expect.any(Array), deleteBeforeReplace: false, detailedDiff: { [key]: { kind: 'update-replace', inputDiff: false } } });
    }
    expect(h.text('warn')).toContain('zoneId cannot change on a running instance: the resource is REPLACED');
    expect(h.text('warn')).toContain(`and retains ${created.id} (deletionPolicy retain): it keeps running and billing`);
  });

  it('replaces the resource when instanceId changes (another instance is adopted)', async () => {
    const h = harness();
    const outs = await adopt(h.provider, ordersInputs());
    const d = await h.provider.diff(ORDERS, outs, ordersInputs({ instanceId: PAYMENTS }));
    expect(d.replaces).toEqual(['instanceId']);
  });

  it('refuses to move an adopted instance rather than replace it', async () => {
    const h = harness();
    const outs = await adopt(h.provider, ordersInputs());
    const e = await failure(h.provider.diff(ORDERS, outs, ordersInputs({ zoneId: 100004 })));
    expect(e.code).toBe('plan/spec-change-unsupported');
    expect(e.message).toContain(`zoneId is declared as 100004 but ${ORDERS} has 100003`);
  });
});

describe('create', () => {
  it('adopts an existing instance and converges it with update semantics', async () => {
    const h = harness();
    const r = await h.provider.create(ordersInputs({ bandwidthMBps: 300, partitions: 1600 }));
    expect(r.id).toBe(ORDERS);
    expect(r.outs).toMatchObject({ instanceId: ORDERS, name: 'orders', bandwidthMBps: 300, partitions: 1600, status: 'running', chargeType: 'PREPAID', cloud: 'emulator', region: 'ap-guangzhou', deletionPolicy: 'retain' });
    expect(r.outs?.lastPlan).toMatchObject({ action: 'upgrade', outcome: 'done', migration: { required: false } });
    expect(h.text('info')).toContain('orders: adopting ckafka-9x2kq7pe');
    expect(h.em.snapshot().submissions.map((s) => s.action)).toEqual(['ModifyInstancePre']);
  });

  it('fails on an instance id that does not exist', async () => {
    const h = harness();
    const e = await failure(h.provider.create(ordersInputs({ instanceId: 'ckafka-nothere0' })));
    expect(e.code).toBe('plan/instance-not-found');
  });

  it('creates an instance through the port and waits until it runs', async () => {
    const h = harness();
    const r = await h.provider.create(newInputs());
    expect(r.id).toMatch(/^ckafka-[a-z0-9]{8}$/);
    expect(r.outs).toMatchObject({ instanceId: r.id, name: 'pulumi-fresh', edition: 'pro', bandwidthMBps: 40, diskGB: 500, partitions: 800, chargeType: 'POSTPAID_BY_HOUR', zoneId: 100003, status: 'running', statusCode: 1 });
    expect(r.outs?.vip).toMatch(/^10\./);
    expect(r.outs?.endpoints).toHaveLength(1);
    expect(r.outs?.lastPlan).toMatchObject({ action: 'create', outcome: 'created' });
    expect(h.em.snapshot().submissions.map((s) => s.action)).toEqual(['CreatePostPaidInstance']);
    expect(instance(h.em, r.id)?.status).toBe(1);
  });

  it('buys a prepaid instance with CreateInstancePre for the declared period', async () => {
    const h = harness();
    const r = await h.provider.create(newInputs({ chargeType: 'PREPAID', periodMonths: 12 }));
    expect(h.em.snapshot().submissions.map((s) => [s.action, s.params.Period])).toEqual([['CreateInstancePre', '12m']]);
    expect(r.outs?.expiresAt).toBe('2027-03-02T02:00:00.000Z');
  });

  it('refuses a second instance with the same name', async () => {
    const h = harness();
    const e = await failure(h.provider.create(newInputs({ name: 'payments' })));
    expect(e.code).toBe('spec/duplicate-name');
    expect(e.message).toContain(`set instanceId to adopt it`);
  });

  it('surfaces a cloud error with its code and request id', async () => {
    const h = harness();
    const e = await failure(h.provider.create(newInputs({ zoneId: 100006 })));
    // CreatePostPaidInstance lists no ResourcesSoldOut (its Go SDK error list): FailedOperation, with the reason.
    expect(e.code).toBe('FailedOperation');
    expect(e.message).toMatch(/^FailedOperation: creating pulumi-fresh: CreatePostPaidInstance \(pulumi-fresh\) failed: FailedOperation: zone .* is sold out.* \(request [\w-]+\)$/);
    expect(e.requestId).toEqual(expect.any(String));
    expect(e.id).toBeUndefined();
  });
});

describe('update', () => {
  it('applies a change that migrates data, following it on the cloud clock until it is verified', async () => {
    const h = harness();
    const outs = await adopt(h.provider, paymentsInputs());
    h.logs.length = 0;
    const start = h.clock.now().getTime();
    const u = await h.provider.update(PAYMENTS, outs, paymentsInputs({ bandwidthMBps: 160 }));
    expect(u.outs).toMatchObject({ bandwidthMBps: 160, status: 'running', diskGB: 2000 });
    expect(u.outs?.lastPlan).toMatchObject({ action: 'upgrade', outcome: 'done', migration: { required: true, mode: 'stable' }, schedule: { kind: 'now' } });
    // Hours of migration passed on the virtual clock.
    expect(h.clock.now().getTime() - start).toBeGreaterThan(60 * MINUTE);
    const info = h.text('info');
    expect(info).toContain('applying: payments (ckafka-4m7tz1bc): upgrade');
    expect(info).toContain('payments: submitting: submit the new spec (bandwidth 160 MB/s');
    expect(info).toMatch(/payments: upgrading, \d+ min elapsed of an estimated \d+ min/);
    expect(info).toContain('payments (ckafka-4m7tz1bc): done: applied');
    expect(h.em.snapshot().submissions.map((s) => [s.action, s.params.UpgradeStrategy])).toEqual([['InstanceScalingDown', 1]]);
    // The next diff is a no-op.
    expect((await h.provider.diff(PAYMENTS, u.outs as CkafkaInstanceState, paymentsInputs({ bandwidthMBps: 160 }))).changes).toBe(false);
  });

  it('defers a change outside its window: succeeds with the observed spec, so the next diff shows it again', async () => {
    const h = harness();
    const outs = await adopt(h.provider, paymentsInputs());
    const declared = paymentsInputs({ bandwidthMBps: 160, upgrade: { rebalance: { window: WEEKEND } } });
    const u = await h.provider.update(PAYMENTS, outs, declared);
    expect(u.outs).toMatchObject({ bandwidthMBps: 120, status: 'running' });
    expect(u.outs?.lastPlan).toMatchObject({ outcome: 'deferred', schedule: { kind: 'window', startsAt: '2026-03-06T17:00:00.000Z' } });
    expect(h.text('info')).toContain('deferred: outside its window: it may start at 2026-03-06T17:00:00.000Z. Nothing was submitted; the outputs keep the observed spec, so the next `pulumi up` shows this change again (set wait: true');
    expect(h.em.snapshot().submissions).toEqual([]);
    expect((await h.provider.diff(PAYMENTS, u.outs as CkafkaInstanceState, declared)).changes).toBe(true);
  });

  it('defers when the window opens later than maxWaitMinutes, and waits for it within the bound', async () => {
    const h = harness();
    const outs = await adopt(h.provider, paymentsInputs());
    // Migrates data (payments is at capacity), so the window applies; high-speed fits its 4 hours.
    const declared = paymentsInputs({ bandwidthMBps: 160, upgrade: { rebalance: { window: WEEKEND }, mode: 'high-speed' }, wait: true });
    // The window opens in 4 days 15 hours; the default bound is 24 hours.
    const deferred = await h.provider.update(PAYMENTS, outs, declared);
    expect(deferred.outs?.lastPlan?.outcome).toBe('deferred');
    expect(h.em.snapshot().submissions).toEqual([]);
    const waited = await h.provider.update(PAYMENTS, outs, { ...declared, maxWaitMinutes: 7 * 24 * 60 });
    expect(waited.outs).toMatchObject({ bandwidthMBps: 160, status: 'running' });
    expect(waited.outs?.lastPlan).toMatchObject({ outcome: 'done', migration: { required: true, mode: 'high-speed' } });
    expect(h.em.snapshot().submissions.map((s) => [s.action, s.params.UpgradeStrategy])).toEqual([['InstanceScalingDown', 2]]);
    // Submitted as the window opened: the pre-checks before it take a moment of (virtual) time.
    expect(secondsAfter('2026-03-06T17:00:00.000Z', h.em.snapshot().submissions[0]?.at)).toBeLessThan(10);
    expect(h.text('info')).toContain('payments: waiting: waiting until 2026-03-06T17:00:00.000Z (its window opens)');
  });

  it('applies a change that migrates nothing at once, whatever the window', async () => {
    const h = harness();
    const outs = await adopt(h.provider, ordersInputs());
    const u = await h.provider.update(ORDERS, outs, ordersInputs({ bandwidthMBps: 300, partitions: 1600, upgrade: { rebalance: { window: WEEKEND } } }));
    expect(u.outs).toMatchObject({ bandwidthMBps: 300, partitions: 1600, lastPlan: { outcome: 'done', schedule: { kind: 'now' } } });
    expect(secondsAfter(T0.toISOString(), h.em.snapshot().submissions[0]?.at)).toBeLessThan(10);
  });

  it('refuses when the cloud moved away from the state Pulumi recorded, and says to refresh', async () => {
    const h = harness();
    const outs = await adopt(h.provider, ordersInputs());
    // Someone changes the instance in the console.
    await h.cloud.submitSpecChange({ instanceId: ORDERS, bandwidthMBps: 240, diskGB: 3000, partitions: 1600, mode: 'stable' });
    h.clock.advance(10 * MINUTE);
    const declared = ordersInputs({ bandwidthMBps: 300, partitions: 1600 });
    await h.provider.diff(ORDERS, outs, declared);
    expect(h.text('warn')).toContain('was changed outside Pulumi (bandwidthMBps was 200 MB/s when Pulumi last saw it, now 240 MB/s; partitions was 1400 partitions when Pulumi last saw it, now 1600 partitions)');
    const e = await failure(h.provider.update(ORDERS, outs, declared));
    expect(e.code).toBe('apply/stale');
    expect(e.message).toContain('run `pulumi refresh`');
    expect(h.em.snapshot().submissions).toHaveLength(1);
    // After a refresh, the recorded state matches and the update goes through.
    const refreshed = await h.provider.read(ORDERS, outs);
    const u = await h.provider.update(ORDERS, refreshed.props as CkafkaInstanceState, declared);
    expect(u.outs?.bandwidthMBps).toBe(300);
  });

  it('is not stale when the cloud reached the declared spec (a change Pulumi left running finished)', async () => {
    const h = harness();
    const outs = await adopt(h.provider, ordersInputs());
    await h.cloud.submitSpecChange({ instanceId: ORDERS, bandwidthMBps: 300, diskGB: 3000, partitions: 1600, mode: 'stable' });
    h.clock.advance(10 * MINUTE);
    const declared = ordersInputs({ bandwidthMBps: 300, partitions: 1600 });
    expect((await h.provider.diff(ORDERS, outs, declared)).changes).toBe(true);
    const u = await h.provider.update(ORDERS, outs, declared);
    expect(u.outs).toMatchObject({ bandwidthMBps: 300, partitions: 1600, lastPlan: { outcome: 'unchanged' } });
  });

  it('fails on a failing pre-check with its id, and applies when the check is in ignoreChecks', async () => {
    const h = harness();
    const auditInputs: CkafkaInstanceInputs = { name: 'audit', instanceId: AUDIT, edition: 'advanced', bandwidthMBps: 40, diskGB: 500, partitions: 800 };
    const outs = await adopt(h.provider, auditInputs);
    const declared = { ...auditInputs, bandwidthMBps: 60, partitions: 900 };
    const e = await failure(h.provider.update(AUDIT, outs, declared));
    expect(e.code).toBe('apply/check-failed');
    expect(e.message).toContain('audit: pre-check failed: replicas-in-sync: 1 partition of 1 topic has out-of-sync replicas');
    expect(e.message).toContain('add "replicas-in-sync" to ignoreChecks to accept the risk');
    expect(e.id).toBeUndefined();
    expect(h.em.snapshot().submissions).toEqual([]);

    const u = await h.provider.update(AUDIT, outs, { ...declared, ignoreChecks: ['replicas-in-sync'] });
    expect(u.outs).toMatchObject({ bandwidthMBps: 60, partitions: 900 });
    expect(h.text('warn')).toContain('audit: failing checks passed over (ignoreChecks): replicas-in-sync');
  });

  it('fails on a change the plan blocks, with the rule code', async () => {
    const h = harness();
    const outs = await adopt(h.provider, ordersInputs());
    const e = await failure(h.provider.update(ORDERS, outs, ordersInputs({ bandwidthMBps: 160 })));
    expect(e.code).toBe('plan/scale-down-not-allowed');
    expect(h.em.snapshot().submissions).toEqual([]);
  });

  it('surfaces a failed submission with the cloud code, recording the instance as the cloud shows it', async () => {
    const h = harness({ errorRate: 1, actions: ['InstanceScalingDown'] });
    const outs = await adopt(h.provider, paymentsInputs());
    const news = { ...paymentsInputs({ bandwidthMBps: 160 }), __provider: 'serialized' } as unknown as CkafkaInstanceInputs;
    const e = await failure(h.provider.update(PAYMENTS, outs, news));
    expect(e.code).toBe('apply/submit-failed');
    expect(e.message).toContain('InstanceScalingDown failed: ClientError.OutcomeUnknown');
    // A partial failure: Pulumi records these outputs, with the provider, under the instance id.
    expect(e.id).toBe(PAYMENTS);
    expect(e.properties).toMatchObject({ instanceId: PAYMENTS, bandwidthMBps: 120, status: 'running', __provider: 'serialized' });
  });
});

describe('read', () => {
  it('returns what the cloud reports, keeping the deletion policy and the last plan', async () => {
    const h = harness();
    const outs = await adopt(h.provider, ordersInputs({ deletionPolicy: 'delete' }));
    const r = await h.provider.read(ORDERS, outs);
    expect(r).toEqual({ id: ORDERS, props: outs });
  });

  it('returns an empty id for an instance that is gone, so a refresh drops it', async () => {
    const h = harness();
    expect(await h.provider.read('ckafka-nothere0', undefined)).toEqual({ id: '', props: {} });
  });
});

describe('delete', () => {
  it('retains the instance by default, and says so', async () => {
    const h = harness();
    const outs = await adopt(h.provider, ordersInputs());
    await h.provider.delete(ORDERS, outs);
    expect(instance(h.em, ORDERS)?.status).toBe(1);
    expect(h.text('info')).toContain('orders: retained ckafka-9x2kq7pe (deletionPolicy retain): it keeps running and billing');
    expect(h.em.snapshot().submissions).toEqual([]);
  });

  it('deletes through the port with deletionPolicy delete, and waits until it is gone', async () => {
    const h = harness();
    const created = await h.provider.create(newInputs({ deletionPolicy: 'delete' }));
    await h.provider.delete(created.id, created.outs as CkafkaInstanceState);
    expect(instance(h.em, created.id)).toBeUndefined();
    expect(h.em.snapshot().submissions.map((s) => s.action)).toEqual(['CreatePostPaidInstance', 'DeleteInstancePost']);
    expect(h.text('info')).toContain(`pulumi-fresh: ${created.id} deleted`);
  });
});

describe('a cloud factory', () => {
  it('is called for each operation, and each client it returns is closed after it', async () => {
    const clock = createManualClock(T0);
    const em = createEmulator({ state: createSeedState({ now: T0 }), clock, faults: { rateLimitsEnabled: false } });
    const closed: boolean[] = [];
    const provider = new CkafkaProvider({
      cloud: () => {
        const cloud = createEmulatedCloud(em);
        const index = closed.push(false) - 1;
        const close = async (): Promise<void> => void (closed[index] = true);
        return new Proxy(cloud, { get: (target, key) => (key === 'close' ? close : Reflect.get(target, key)) });
      },
      logger: { info: () => undefined, warn: () => undefined },
    });
    const outs = await adopt(provider, ordersInputs());
    await provider.diff(ORDERS, outs, ordersInputs());
    await provider.read(ORDERS, outs);
    expect(closed).toEqual([true, true, true]);
  });
});

describe('choosing the cloud without an explicit client', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ckafka-provider-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function quiet(options: Omit<CkafkaProviderOptions, 'logger'>): { provider: CkafkaProvider; logs: string[] } {
    const logs: string[] = [];
    return { provider: new CkafkaProvider({ ...options, logger: { info: (m) => logs.push(m), warn: (m) => logs.push(m) } }), logs };
  }

  it('fails without credentials, and uses the embedded emulator on .ckafka/emulator-state.json, seeded on first use, when chosen on purpose', async () => {
    const missing = quiet({ env: {}, cwd: dir });
    expect((await failure(missing.provider.read(ORDERS, undefined))).code).toBe('cloud/credentials-missing');
    expect(existsSync(join(dir, '.ckafka'))).toBe(false);

    const { provider, logs } = quiet({ env: { CKAFKA_EMULATOR: '1' }, cwd: dir });
    const r = await provider.read(ORDERS, undefined);
    expect(r.props).toMatchObject({ instanceId: ORDERS, name: 'orders', cloud: 'emulator' });
    expect(existsSync(join(dir, '.ckafka', 'emulator-state.json'))).toBe(true);
    expect(logs).toEqual([expect.stringMatching(/^ckafka: the embedded CKafka emulator \(ap-guangzhou, state \.ckafka\/emulator-state\.json, created from the built-in seed\)$/)]);
    // Said once per provider, and the state is reused.
    await provider.read(ORDERS, undefined);
    expect(logs).toHaveLength(1);
  });

  it('refuses an endpoint without credentials, and credentials without a region, never printing a secret', async () => {
    // An endpoint off this machine (an emulator on it is signed with a placeholder key).
    const noCredentials = quiet({ env: { CKAFKA_ENDPOINT: 'https://ckafka.internal.example' }, cwd: dir });
    const e1 = await failure(noCredentials.provider.read(ORDERS, undefined));
    expect(e1.code).toBe('cloud/auth-failed');
    const secret = 'k3y-that-must-not-leak';
    const noRegion = quiet({ env: { TENCENTCLOUD_SECRET_ID: 'AKIDexampleexample01', TENCENTCLOUD_SECRET_KEY: secret }, cwd: dir });
    const e2 = await failure(noRegion.provider.read(ORDERS, undefined));
    expect(e2.code).toBe('cloud/region-missing');
    for (const text of [e1.message, e2.message, ...noCredentials.logs, ...noRegion.logs]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain('AKIDexample');
    }
  });

  it('reads the endpoint and the emulator state from ckafka:* config', async () => {
    const { provider } = quiet({ env: { TENCENTCLOUD_REGION: 'ap-guangzhou' }, cwd: dir });
    await provider.configure({ config: { get: (k) => ({ 'ckafka:endpoint': 'https://ckafka.internal.example' })[k], require: () => '' } });
    // An endpoint from config and no credentials anywhere: refused, as the CLI does.
    expect((await failure(provider.read(ORDERS, undefined))).code).toBe('cloud/auth-failed');
    await provider.configure({ config: { get: (k) => ({ 'ckafka:emulatorState': join(dir, 'cfg.json') })[k], require: () => '' } });
    expect((await provider.read(ORDERS, undefined)).props).toMatchObject({ cloud: 'emulator' });
    expect(existsSync(join(dir, 'cfg.json'))).toBe(true);
  });

  it('takes credentials from secret config over the environment, and names the cloud without them', async () => {
    const settings = readProviderConfig({ get: (k) => ({ 'ckafka:secretId': 'AKIDfromconfig000001', 'ckafka:secretKey': 'config-secret-key', 'ckafka:region': ' ' })[k] });
    expect(settings).toEqual({ secretId: 'AKIDfromconfig000001', secretKey: 'config-secret-key' });
    const selected = await selectProviderCloud({ ...settings, region: 'ap-shanghai' }, { env: {}, cwd: dir });
    try {
      expect(selected.cloud.kind).toBe('tencent');
      expect(selected.description).toBe('Tencent Cloud (ap-shanghai)');
    } finally {
      await selected.close();
    }
  });

  it('never falls back to the emulator without credentials: a missing secret fails, naming how to choose the emulator on purpose', async () => {
    const e = await failure(selectProviderCloud({}, { env: {}, cwd: dir }));
    expect(e?.code).toBe('cloud/credentials-missing');
    expect(e?.message).toMatch(/TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not set/);
    expect(e?.message).toContain('ckafka:emulator true');
    expect(existsSync(join(dir, '.ckafka'))).toBe(false);
    for (const chosen of [selectProviderCloud({ emulator: 'true' }, { env: {}, cwd: dir }), selectProviderCloud({}, { env: { CKAFKA_EMULATOR: '1' }, cwd: dir })]) {
      const opened = await chosen;
      await opened.close();
      expect(opened.cloud.kind).toBe('emulator');
    }
  });
});
