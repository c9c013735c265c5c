/**
 * The apply orchestrator and changes that take their time in the cloud (_harness.ts): a task
 * scheduled there, and the documented failure causes that keep a change running past the
 * tracking timeout.
 */
import { HOUR, SEED, T0, apply, fleetYaml, instanceOf, newWorld, planFor, resultOf, specSubmissions, writes } from './_harness';

describe('apply: a task scheduled in the cloud', () => {
  const IN_TWO_DAYS = new Date(T0.getTime() + 48 * HOUR);
  const schedule = (w: ReturnType<typeof newWorld>) =>
    w.em.scheduleChange({ instanceId: SEED.payments.id, target: { bandwidthMBps: 160, diskGB: 2000, partitions: 1200 }, mode: 'stable', at: IN_TWO_DAYS });

  it('is reported as scheduled, with nothing submitted', async () => {
    const w = newWorld();
    await schedule(w);
    const plan = await planFor(w, fleetYaml({ payments: { bw: 160 } }));
    expect(plan.instances[0]?.steps.some((s) => s.kind === 'change-spec' || s.kind === 'retime')).toBe(false);

    const result = await apply(plan, w.cloud);

    const r = resultOf(result, 'payments');
    expect(r.outcome).toBe('scheduled');
    expect(r.message).toContain(IN_TWO_DAYS.toISOString());
    expect(writes(w.em)).toHaveLength(0);
    expect(result.exitCode).toBe(0);
  });

  it('is re-timed when the plan says so (ModifyInstanceAttributes), and verified once it ran', async () => {
    const w = newWorld();
    await schedule(w);
    const at = new Date(T0.getTime() + 24 * HOUR);
    const plan = await planFor(w, fleetYaml({ payments: { bw: 160, rebalance: `{ at: "${at.toISOString()}" }` } }));
    expect(plan.instances[0]?.steps.find((s) => s.kind === 'retime')).toMatchObject({ kind: 'retime', at: at.toISOString() });

    const result = await apply(plan, w.cloud);

    const r = resultOf(result, 'payments');
    expect(r).toMatchObject({ outcome: 'scheduled', startsAt: at.toISOString() });
    expect(writes(w.em).map((s) => [s.action, s.params])).toEqual([['ModifyInstanceAttributes', { InstanceId: SEED.payments.id, RebalanceTime: at.getTime() / 1000 }]]);
    expect(instanceOf(w.em, SEED.payments.id).pendingTask?.rebalanceAt).toBe(at.toISOString());

    // The cloud runs it at the new time; applying the plan again verifies it.
    w.clock.advance(3 * 24 * HOUR);
    const again = await apply(plan, w.cloud);
    expect(resultOf(again, 'payments').outcome).toBe('done');
    expect(specSubmissions(w.em)).toHaveLength(0);
  });
});

describe('apply: documented failure causes keep a change running', () => {
  it('a MaxMessageByte stall ends as running with apply/still-running after the tracking timeout', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'media-uploads': { bw: 240, partitions: 1600, mode: 'high-speed' } }));
    const p = plan.instances[0];
    expect(p?.migration.required).toBe(true);
    expect(p?.checks.find((c) => c.id === 'max-message-bytes')?.status).toBe('warn');
    const timeout = 2 * (p?.migration.estimatedSeconds ?? 0) * 1000;

    const result = await apply(plan, w.cloud, { trackTimeoutMs: () => timeout });

    const r = resultOf(result, 'media-uploads');
    expect(r.outcome).toBe('running');
    expect(r.issues.map((i) => i.code)).toEqual(['apply/still-running']);
    expect(r.issues[0]?.hint).toMatch(/MaxMessageByte/);
    expect(result.summary.stillRunning).toEqual(['media-uploads']);
    expect(result.exitCode).toBe(1);
    expect(instanceOf(w.em, SEED['media-uploads'].id).status).toBe(7);
    expect(specSubmissions(w.em)).toHaveLength(1);
  });

  it('the same change finishes within that timeout once MaxMessageByte is lowered (the control)', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'media-uploads': { bw: 240, partitions: 1600, mode: 'high-speed' } }));
    await w.em.update((s) => {
      const i = s.instances.find((x) => x.instanceId === SEED['media-uploads'].id);
      if (i) i.maxMessageBytes = 1048576;
    });
    const timeout = 2 * (plan.instances[0]?.migration.estimatedSeconds ?? 0) * 1000;

    const result = await apply(plan, w.cloud, { trackTimeoutMs: () => timeout });

    expect(resultOf(result, 'media-uploads').outcome).toBe('done');
  });

  it('a broker address update failure ends as running with apply/still-running', async () => {
    const w = newWorld((s) => {
      const i = s.instances.find((x) => x.instanceId === SEED['pulumi-events'].id);
      if (i) i.failures.brokerAddressUpdateFails = true;
    });
    const plan = await planFor(w, fleetYaml({ 'pulumi-events': { bw: 160, mode: 'high-speed' } }));
    const timeout = 2 * (plan.instances[0]?.migration.estimatedSeconds ?? 0) * 1000;

    const result = await apply(plan, w.cloud, { trackTimeoutMs: () => timeout });

    const r = resultOf(result, 'pulumi-events');
    expect(r.outcome).toBe('running');
    expect(r.issues.map((i) => i.code)).toEqual(['apply/still-running']);
    expect(r.message).toMatch(/still upgrading/);
    expect(instanceOf(w.em, SEED['pulumi-events'].id).status).toBe(7);
    expect(result.exitCode).toBe(1);
  });
});
