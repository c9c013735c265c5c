/**
 * The apply orchestrator, one behaviour at a time, in process against the emulator: what apply
 * decides from what it observes (done, attach, stale, deferred, wait, checks), and that exactly
 * the reviewed step reaches the cloud.
 */
import { createEmulatedCloud } from '../../src/cloud/emulated-cloud';
import type { EmulatorState } from '../../src/cloud/emulator';
import { loadPlan } from '../../src/apply';
import { renderJson } from '../../src/render';
import {
  HOUR,
  NEXT_WINDOW_OPENING,
  SEED,
  T0,
  WEEKEND_WINDOW,
  apply,
  fleetYaml,
  instanceOf,
  newWorld,
  planFor,
  recorder,
  resultOf,
  specSubmissions,
  writes,
} from './_harness';

describe('apply: the cloud already shows the outcome', () => {
  it('reports done without submitting when the instance is already at the target', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600 } }));
    // Someone (an earlier apply, the console) made the change after the plan.
    await w.cloud.submitSpecChange({ instanceId: SEED['cdktf-clickstream'].id, bandwidthMBps: 240, diskGB: 2000, partitions: 1600, mode: 'stable' });
    w.clock.advance(HOUR);
    expect(instanceOf(w.em, SEED['cdktf-clickstream'].id).bandwidthMBps).toBe(240);

    const result = await apply(plan, w.cloud);

    const r = resultOf(result, 'cdktf-clickstream');
    expect(r).toMatchObject({ outcome: 'done', attached: false });
    expect(r.message).toMatch(/already at the target/);
    expect(r.submitted).toBeUndefined();
    expect(specSubmissions(w.em)).toHaveLength(1);
    expect(result.exitCode).toBe(0);
  });

  it('attaches to a change already upgrading toward the target and follows it to done', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ payments: { bw: 160, mode: 'high-speed' } }));
    expect(plan.instances[0]?.migration.required).toBe(true);
    await w.cloud.submitSpecChange({ instanceId: SEED.payments.id, bandwidthMBps: 160, diskGB: 2000, partitions: 1200, mode: 'high-speed' });
    expect(instanceOf(w.em, SEED.payments.id).status).toBe(7);
    const rec = recorder();

    const result = await apply(plan, w.cloud, { onEvent: rec.onEvent });

    const r = resultOf(result, 'payments');
    expect(r).toMatchObject({ outcome: 'done', attached: true });
    expect(r.submitted).toBeUndefined();
    expect(rec.events.some((e) => e.type === 'state' && e.state === 'attached')).toBe(true);
    expect(specSubmissions(w.em)).toHaveLength(1);
    expect(instanceOf(w.em, SEED.payments.id)).toMatchObject({ status: 1, bandwidthMBps: 160 });
  });
});

describe('apply: a plan that no longer matches the cloud', () => {
  it('refuses an instance whose spec moved since the plan, naming both values and how to re-plan', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600 } }));
    await w.em.update((s) => {
      const i = s.instances.find((x) => x.instanceId === SEED['cdktf-clickstream'].id);
      if (i) i.partitions = 1600;
    });

    const result = await apply(plan, w.cloud);

    const r = resultOf(result, 'cdktf-clickstream');
    expect(r.outcome).toBe('refused');
    expect(r.message).toMatch(/stale/);
    expect(r.message).toContain('1400');
    expect(r.message).toContain('1600');
    expect(r.issues.map((i) => i.code)).toEqual(['apply/stale']);
    expect(r.issues[0]?.message).toMatch(/partitions was 1400 partitions when planned, now 1600 partitions/);
    expect(r.issues[0]?.remedies).toEqual([{ kind: 'replan' }]);
    expect(specSubmissions(w.em)).toHaveLength(0);
    expect(result.exitCode).toBe(1);
  });

  it('refuses an instance that no longer exists', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600 } }));
    await w.em.update((s) => {
      s.instances = s.instances.filter((x) => x.instanceId !== SEED['cdktf-clickstream'].id);
    });

    const r = resultOf(await apply(plan, w.cloud), 'cdktf-clickstream');

    expect(r.outcome).toBe('refused');
    expect(r.issues.map((i) => i.code)).toEqual(['apply/stale']);
  });

  it('refuses an instance renamed since the plan, naming both names', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600 } }));
    expect(plan.instances[0]?.observed.name).toBe('cdktf-clickstream');
    await w.em.update((s) => {
      const i = s.instances.find((x) => x.instanceId === SEED['cdktf-clickstream'].id);
      if (i) i.name = 'clickstream-old';
    });

    const r = resultOf(await apply(plan, w.cloud), 'cdktf-clickstream');

    expect(r.outcome).toBe('refused');
    expect(r.issues).toEqual([expect.objectContaining({ code: 'apply/stale', message: 'cdktf-clickstream: its name changed from "cdktf-clickstream" to "clickstream-old"' })]);
    expect(writes(w.em)).toHaveLength(0);
  });

  it('blocks a change the plan shows migrating nothing when the cloud cannot say whether it migrates data, submitting nothing', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600, rebalance: WEEKEND_WINDOW } }));
    expect(plan.instances[0]?.migration.required).toBe(false);
    await w.em.update((s) => void Object.assign(s.faults, { actions: ['DescribeModifyType'], errorRate: 1 }));

    const r = resultOf(await apply(plan, w.cloud), 'cdktf-clickstream');

    expect(r.outcome).toBe('blocked');
    expect(r.issues.map((i) => i.code)).toEqual(['apply/migration-unverified']);
    expect(r.issues[0]?.remedies).toEqual([{ kind: 'apply-again' }, { kind: 'replan' }]);
    expect(writes(w.em)).toHaveLength(0);
  });

  it.each<[string, (s: EmulatorState) => void, RegExp]>([
    [
      'the cloud now says the change migrates data',
      (s) => {
        const i = s.instances.find((x) => x.instanceId === SEED['cdktf-clickstream'].id);
        if (i) i.capacity = { bandwidthMBps: 200, diskGB: 2000 };
      },
      /the change now requires a data migration/,
    ],
  ])('refuses a change the plan shows migrating nothing when %s, submitting nothing', async (_name, change, message) => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600, rebalance: WEEKEND_WINDOW } }));
    expect(plan.instances[0]?.migration.required).toBe(false);
    expect(plan.instances[0]?.schedule.kind).toBe('now');
    await w.em.update(change);

    const r = resultOf(await apply(plan, w.cloud), 'cdktf-clickstream');

    expect(r.outcome).toBe('refused');
    expect(r.issues.map((i) => i.code)).toEqual(['apply/stale']);
    expect(r.issues[0]?.message).toMatch(message);
    expect(writes(w.em)).toHaveLength(0);
  });

  it('blocks a change the plan shows migrating nothing when the cloud cannot say whether it migrates data, submitting nothing', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600, rebalance: WEEKEND_WINDOW } }));
    expect(plan.instances[0]?.migration.required).toBe(false);
    await w.em.update((s) => void Object.assign(s.faults, { actions: ['DescribeModifyType'], errorRate: 1 }));

    const r = resultOf(await apply(plan, w.cloud), 'cdktf-clickstream');

    expect(r.outcome).toBe('blocked');
    expect(r.issues.map((i) => i.code)).toEqual(['apply/migration-unverified']);
    expect(r.issues[0]?.remedies).toEqual([{ kind: 'apply-again' }, { kind: 'replan' }]);
    expect(writes(w.em)).toHaveLength(0);
  });

  it('refuses a plan that claims capabilities this cloud lacks (apply/wrong-cloud)', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600 } }));
    const claimed = { ...plan, cloud: { ...plan.cloud, capabilities: { ...plan.cloud.capabilities, editionConversionByApi: true } } };

    const result = await apply(claimed, w.cloud);

    expect(result.issues).toEqual([expect.objectContaining({ code: 'apply/wrong-cloud', message: expect.stringMatching(/with other capabilities \(cloud\.capabilities\)/) })]);
    expect(writes(w.em)).toHaveLength(0);
  });

  it('blocks a change the plan shows migrating nothing when the cloud cannot say whether it migrates data, submitting nothing', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600, rebalance: WEEKEND_WINDOW } }));
    expect(plan.instances[0]?.migration.required).toBe(false);
    await w.em.update((s) => void Object.assign(s.faults, { actions: ['DescribeModifyType'], errorRate: 1 }));

    const r = resultOf(await apply(plan, w.cloud), 'cdktf-clickstream');

    expect(r.outcome).toBe('blocked');
    expect(r.issues.map((i) => i.code)).toEqual(['apply/migration-unverified']);
    expect(r.issues[0]?.remedies).toEqual([{ kind: 'apply-again' }, { kind: 'replan' }]);
    expect(writes(w.em)).toHaveLength(0);
  });

  it('refuses a plan edited by hand (apply/plan-modified), and loads the untouched one', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600 } }));
    const text = renderJson(plan);
    expect(loadPlan(text, 'plan.json').issues).toEqual([]);

    const edited = JSON.parse(text);
    edited.instances[0].steps.find((s: { kind: string }) => s.kind === 'change-spec').bandwidthMBps = 400;
    const loaded = loadPlan(JSON.stringify(edited, null, 2), 'plan.json');

    expect(loaded.plan).toBeUndefined();
    expect(loaded.issues.map((i) => i.code)).toEqual(['apply/plan-modified']);
  });

  it('refuses a plan made for another region (apply/wrong-cloud) and touches nothing', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600 } }));

    const result = await apply(plan, createEmulatedCloud(w.em, { region: 'ap-shanghai' }));

    expect(result.issues.map((i) => i.code)).toEqual(['apply/wrong-cloud']);
    expect(result.issues[0]?.message).toMatch(/ap-guangzhou.*ap-shanghai/);
    expect(result.exitCode).toBe(1);
    expect(writes(w.em)).toHaveLength(0);
  });

  it('blocks a change the plan shows migrating nothing when the cloud cannot say whether it migrates data, submitting nothing', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600, rebalance: WEEKEND_WINDOW } }));
    expect(plan.instances[0]?.migration.required).toBe(false);
    await w.em.update((s) => void Object.assign(s.faults, { actions: ['DescribeModifyType'], errorRate: 1 }));

    const r = resultOf(await apply(plan, w.cloud), 'cdktf-clickstream');

    expect(r.outcome).toBe('blocked');
    expect(r.issues.map((i) => i.code)).toEqual(['apply/migration-unverified']);
    expect(r.issues[0]?.remedies).toEqual([{ kind: 'apply-again' }, { kind: 'replan' }]);
    expect(writes(w.em)).toHaveLength(0);
  });

  it('refuses a plan made against another kind of cloud (apply/wrong-cloud)', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600 } }));
    const tencentLookalike = Object.assign(Object.create(w.cloud) as typeof w.cloud, { kind: 'tencent' });

    const result = await apply(plan, tencentLookalike);

    expect(result.issues.map((i) => i.code)).toEqual(['apply/wrong-cloud']);
    expect(result.exitCode).toBe(1);
    expect(writes(w.em)).toHaveLength(0);
  });

  it('blocks a change the plan shows migrating nothing when the cloud cannot say whether it migrates data, submitting nothing', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600, rebalance: WEEKEND_WINDOW } }));
    expect(plan.instances[0]?.migration.required).toBe(false);
    await w.em.update((s) => void Object.assign(s.faults, { actions: ['DescribeModifyType'], errorRate: 1 }));

    const r = resultOf(await apply(plan, w.cloud), 'cdktf-clickstream');

    expect(r.outcome).toBe('blocked');
    expect(r.issues.map((i) => i.code)).toEqual(['apply/migration-unverified']);
    expect(r.issues[0]?.remedies).toEqual([{ kind: 'apply-again' }, { kind: 'replan' }]);
    expect(writes(w.em)).toHaveLength(0);
  });

  it('refuses a manual step (an edition conversion) with the console path', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'legacy-events': { edition: 'pro', bw: 100, disk: 1500, partitions: 900 } }));
    const p = plan.instances[0];
    expect(p?.steps.some((s) => s.kind === 'manual')).toBe(true);

    const result = await apply(plan, w.cloud);

    const r = resultOf(result, 'legacy-events');
    expect(r.outcome).toBe('refused');
    expect(r.issues.map((i) => i.code)).toEqual(['apply/manual-step']);
    expect(r.issues[0]?.hint).toMatch(/console/);
    expect(writes(w.em)).toHaveLength(0);
    expect(result.exitCode).toBe(1);
  });
});

describe('apply: when a change may start', () => {
  it('defers a change before its `at` time and says when it will run', async () => {
    const w = newWorld();
    const at = new Date(T0.getTime() + 3 * HOUR).toISOString();
    const plan = await planFor(w, fleetYaml({ payments: { bw: 160, rebalance: `{ at: "${at}" }` } }));
    expect(plan.instances[0]?.schedule.kind).toBe('at');

    const result = await apply(plan, w.cloud);

    const r = resultOf(result, 'payments');
    expect(r).toMatchObject({ outcome: 'deferred', startsAt: at });
    expect(r.message).toMatch(/before its time/);
    expect(r.message).toContain(at);
    expect(specSubmissions(w.em)).toHaveLength(0);
    expect(result.exitCode).toBe(0);
  });

  it('defers a migration outside its window, naming the next opening', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ payments: { bw: 160, rebalance: WEEKEND_WINDOW } }));

    const result = await apply(plan, w.cloud);

    const r = resultOf(result, 'payments');
    expect(r).toMatchObject({ outcome: 'deferred', startsAt: NEXT_WINDOW_OPENING });
    expect(r.message).toMatch(/outside its window/);
    expect(specSubmissions(w.em)).toHaveLength(0);
    expect(result.exitCode).toBe(0);
  });

  it('with wait, sleeps until the window opens, then submits inside it', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ payments: { bw: 160, rebalance: WEEKEND_WINDOW, mode: 'high-speed' } }));
    const rec = recorder();

    const result = await apply(plan, w.cloud, { wait: true, maxWaitMs: 7 * 24 * HOUR, onEvent: rec.onEvent });

    expect(resultOf(result, 'payments').outcome).toBe('done');
    expect(rec.events.some((e) => e.type === 'state' && e.state === 'waiting' && e.message.includes(NEXT_WINDOW_OPENING))).toBe(true);
    const [submit] = specSubmissions(w.em);
    expect(submit).toBeDefined();
    const at = Date.parse(submit?.at ?? '');
    expect(at).toBeGreaterThanOrEqual(Date.parse(NEXT_WINDOW_OPENING));
    expect(at).toBeLessThan(Date.parse(NEXT_WINDOW_OPENING) + 4 * HOUR);
  });

  it('with wait, defers when the window opens later than maxWaitMs', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ payments: { bw: 160, rebalance: WEEKEND_WINDOW } }));

    const result = await apply(plan, w.cloud, { wait: true, maxWaitMs: 24 * HOUR });

    const r = resultOf(result, 'payments');
    expect(r).toMatchObject({ outcome: 'deferred', startsAt: NEXT_WINDOW_OPENING });
    expect(r.message).toMatch(/beyond the longest wait allowed/);
    expect(specSubmissions(w.em)).toHaveLength(0);
    // It did not sleep: the clock is where it was, give or take the reads.
    expect(w.clock.now().getTime() - T0.getTime()).toBeLessThan(HOUR);
  });
});

describe('apply: pre-checks are run again', () => {
  const breakReplica = (w: ReturnType<typeof newWorld>) =>
    w.em.update((s) => {
      const topic = s.instances.find((x) => x.instanceId === SEED['cdktf-clickstream'].id)?.topics[0];
      if (topic) topic.outOfSyncPartitions = [1];
    });

  it('blocks a change whose pre-check fails now (apply/check-failed), submitting nothing', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600 } }));
    expect(plan.instances[0]?.action).toBe('upgrade');
    await breakReplica(w);

    const result = await apply(plan, w.cloud);

    const r = resultOf(result, 'cdktf-clickstream');
    expect(r.outcome).toBe('blocked');
    expect(r.message).toMatch(/replicas-in-sync/);
    expect(r.issues.map((i) => i.code)).toEqual(['apply/check-failed']);
    expect(r.issues[0]?.remedies).toEqual([{ kind: 'ignore-check', check: 'replicas-in-sync' }]);
    expect(specSubmissions(w.em)).toHaveLength(0);
    expect(result.exitCode).toBe(1);
  });

  it('goes on when that check is in ignoreChecks, and records the ignore', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600 } }));
    await breakReplica(w);

    const result = await apply(plan, w.cloud, { ignoreChecks: ['replicas-in-sync'] });

    const r = resultOf(result, 'cdktf-clickstream');
    expect(r.outcome).toBe('done');
    expect(r.ignoredChecks).toEqual(['replicas-in-sync']);
    expect(specSubmissions(w.em)).toHaveLength(1);
  });

  it('a change the plan blocked on a failing check is submitted only with that check ignored', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ audit: { bw: 60, partitions: 900 } }));
    expect(plan.instances[0]).toMatchObject({ action: 'blocked' });
    expect(plan.instances[0]?.issues.map((i) => i.code)).toContain('plan/check-failed');

    const refused = await apply(plan, w.cloud);
    expect(resultOf(refused, 'audit').outcome).toBe('blocked');
    expect(specSubmissions(w.em)).toHaveLength(0);

    const ignored = await apply(plan, w.cloud, { ignoreChecks: ['replicas-in-sync'] });
    expect(resultOf(ignored, 'audit')).toMatchObject({ outcome: 'done', ignoredChecks: ['replicas-in-sync'] });
    expect(specSubmissions(w.em).map((s) => s.action)).toEqual(['ModifyInstancePre']);
  });

  // The rule 'blocked-by-plan-checks' (src/apply/decide-from-look.ts): the reviewer approved a
  // plan in which this change does not happen (`ckafka plan --help`: a blocked instance is
  // "refused by apply"), so it stays blocked unless the plan's failing checks are all ignored.
  it('a change the plan blocked is not submitted when its check passes by apply time (no --ignore-check)', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ audit: { bw: 60, partitions: 900 } }));
    expect(plan.instances[0]?.action).toBe('blocked');
    await w.em.update((s) => {
      for (const t of s.instances.find((i) => i.instanceId === SEED.audit.id)?.topics ?? []) t.outOfSyncPartitions = [];
    });

    const result = await apply(plan, w.cloud);

    expect(resultOf(result, 'audit').outcome).not.toBe('done');
    expect(specSubmissions(w.em)).toHaveLength(0);
  });

  it('blocks when a prerequisite cannot be verified (the fact read is throttled)', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600 } }));
    await w.em.update((s) => {
      s.faults.throttleRate = 1;
      s.faults.actions = ['DescribeRoute'];
    });

    const result = await apply(plan, w.cloud);

    const r = resultOf(result, 'cdktf-clickstream');
    expect(r.outcome).toBe('blocked');
    expect(r.message).toMatch(/could not be verified/);
    expect(r.message).toMatch(/routes-healthy/);
    expect(r.issues.every((i) => i.code === 'apply/check-failed')).toBe(true);
    expect(specSubmissions(w.em)).toHaveLength(0);
  });
});

describe('apply: submit, follow, verify', () => {
  it('sends exactly the reviewed postpaid step: InstanceScalingDown, MB/s, disk, partitions, UpgradeStrategy 2', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'cdktf-clickstream': { bw: 240, disk: 2400, partitions: 1600, mode: 'high-speed' } }));
    const step = plan.instances[0]?.steps.find((s) => s.kind === 'change-spec');
    expect(step).toMatchObject({ kind: 'change-spec', bandwidthMBps: 240, diskGB: 2400, partitions: 1600, mode: 'high-speed' });

    const result = await apply(plan, w.cloud);

    const r = resultOf(result, 'cdktf-clickstream');
    expect(r).toMatchObject({ outcome: 'done', attached: false, submitted: { acceptedBy: 'response' } });
    expect(specSubmissions(w.em).map((s) => [s.action, s.params])).toEqual([
      ['InstanceScalingDown', { InstanceId: SEED['cdktf-clickstream'].id, BandWidth: 240, DiskSize: 2400, Partition: 1600, UpgradeStrategy: 2 }],
    ]);
    const ledger = specSubmissions(w.em);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ action: 'InstanceScalingDown', instanceId: SEED['cdktf-clickstream'].id });
    expect(ledger[0]?.params).toEqual({ InstanceId: SEED['cdktf-clickstream'].id, BandWidth: 240, DiskSize: 2400, Partition: 1600, UpgradeStrategy: 2 });
    expect(r.submitted?.requestId).toBe(ledger[0]?.requestId);
    expect(instanceOf(w.em, SEED['cdktf-clickstream'].id)).toMatchObject({ status: 1, bandwidthMBps: 240, diskGB: 2400, partitions: 1600 });
  });

  it('sends a prepaid step as ModifyInstancePre without a mode', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ orders: { bw: 300, partitions: 1600 } }));

    const result = await apply(plan, w.cloud);

    expect(resultOf(result, 'orders').outcome).toBe('done');
    const ledger = specSubmissions(w.em);
    expect(ledger.map((s) => s.action)).toEqual(['ModifyInstancePre']);
    expect(ledger[0]?.params).toEqual({ InstanceId: SEED.orders.id, BandWidth: 300, DiskSize: 3000, Partition: 1600 });
  });

  it('reports the endpoints whose ports changed in a migration', async () => {
    const w = newWorld();
    const before = instanceOf(w.em, SEED.payments.id).routes.map((r) => `${r.vip}:${r.vport}`);
    const plan = await planFor(w, fleetYaml({ payments: { bw: 160, mode: 'high-speed' } }));

    const result = await apply(plan, w.cloud);

    const r = resultOf(result, 'payments');
    expect(r.outcome).toBe('done');
    const after = instanceOf(w.em, SEED.payments.id).routes.map((x) => `${x.vip}:${x.vport}`);
    expect(after).not.toEqual(before);
    expect(r.endpointsChanged?.before.map((e) => `${e.vip}:${e.vport}`)).toEqual(before);
    expect(r.endpointsChanged?.after.map((e) => `${e.vip}:${e.vport}`)).toEqual(after);
    expect(r.message).toMatch(/endpoints changed/);
  });

  it('reports no endpoint change for a change in place', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600 } }));
    const r = resultOf(await apply(plan, w.cloud), 'cdktf-clickstream');
    expect(r.outcome).toBe('done');
    expect(r.endpointsChanged).toBeUndefined();
  });

  it('leaves unchanged instances alone and counts them as success', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ payments: {}, 'cdktf-clickstream': { bw: 240, partitions: 1600 } }));
    const result = await apply(plan, w.cloud);
    expect(resultOf(result, 'payments').outcome).toBe('unchanged');
    expect(result.summary.line).toBe('1 done, 1 unchanged');
    expect(result.exitCode).toBe(0);
  });
});
