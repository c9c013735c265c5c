/**
 * The apply orchestrator in process against the emulator (_harness.ts): a plan that no longer
 * matches the cloud (spec, name, migration, region, kind, capabilities, an edit, a manual step) is
 * refused or blocked, and nothing reaches the cloud.
 */
import { createEmulatedCloud } from '../../src/cloud/emulated-cloud';
import type { EmulatorState } from '../../src/cloud/emulator';
import { loadPlan } from '../../src/apply';
import { renderJson } from '../../src/render';
import { SEED, WEEKEND_WINDOW, apply, fleetYaml, newWorld, planFor, resultOf, specSubmissions, writes } from './_harness';

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

  // The plan said no migration; apply asks the cloud again before it submits. A cloud that now
  // says "migrates" makes the plan stale; one that cannot say blocks (fail closed), to be retried.
  it.each<[string, string, (s: EmulatorState) => void, { outcome: string; issue: Record<string, unknown> }]>([
    [
      'refuses',
      'the cloud now says the change migrates data',
      (s) => {
        const i = s.instances.find((x) => x.instanceId === SEED['cdktf-clickstream'].id);
        if (i) i.capacity = { bandwidthMBps: 200, diskGB: 2000 };
      },
      { outcome: 'refused', issue: { code: 'apply/stale', message: expect.stringMatching(/the change now requires a data migration/) } },
    ],
    [
      'blocks',
      'the cloud cannot say whether it migrates data',
      (s) => void Object.assign(s.faults, { actions: ['DescribeModifyType'], errorRate: 1 }),
      { outcome: 'blocked', issue: { code: 'apply/migration-unverified', remedies: [{ kind: 'apply-again' }, { kind: 'replan' }] } },
    ],
  ])('%s a change the plan shows migrating nothing when %s, submitting nothing', async (_verb, _name, change, expected) => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600, rebalance: WEEKEND_WINDOW } }));
    expect(plan.instances[0]?.migration.required).toBe(false);
    expect(plan.instances[0]?.schedule.kind).toBe('now');
    await w.em.update(change);

    const r = resultOf(await apply(plan, w.cloud), 'cdktf-clickstream');

    expect(r.outcome).toBe(expected.outcome);
    expect(r.issues).toEqual([expect.objectContaining(expected.issue)]);
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

  it('refuses a plan made against another kind of cloud (apply/wrong-cloud)', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600 } }));
    const tencentLookalike = Object.assign(Object.create(w.cloud) as typeof w.cloud, { kind: 'tencent' });

    const result = await apply(plan, tencentLookalike);

    expect(result.issues.map((i) => i.code)).toEqual(['apply/wrong-cloud']);
    expect(result.exitCode).toBe(1);
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
