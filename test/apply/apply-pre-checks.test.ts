/** The apply orchestrator in process against the emulator (_harness.ts): pre-checks run again before a submit, and ignoreChecks. */
import { SEED, apply, fleetYaml, newWorld, planFor, resultOf, specSubmissions } from './_harness';

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
