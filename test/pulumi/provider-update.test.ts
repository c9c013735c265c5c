/**
 * The dynamic provider's update, called directly against the emulator (_provider-harness.ts) on its
 * stepping clock: through a migration, deferral, staleness, pre-checks, blocked changes and cloud errors.
 */
import type { CkafkaInstanceInputs, CkafkaInstanceState } from '../../src/pulumi';
import { AUDIT, MINUTE, ORDERS, PAYMENTS, T0, WEEKEND, adopt, failure, harness, ordersInputs, paymentsInputs, secondsAfter } from './_provider-harness';

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
