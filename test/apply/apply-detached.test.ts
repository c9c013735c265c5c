/**
 * Apply that does not follow (`follow: false`, the CLI's --detach): a CI job submits what is due,
 * sees the cloud start it and ends; later runs of the same plan report progress, verify the end,
 * and never submit twice.
 */
import { HOUR, MINUTE, SEED, apply, fleetYaml, instanceOf, newWorld, planFor, resultOf, specSubmissions } from './_harness';

// payments is at capacity: a bandwidth increase migrates its 900 GB (about 2h 50m high-speed).
const MIGRATING = fleetYaml({ payments: { bw: 160, mode: 'high-speed' } });

describe('apply without following (a CI job)', () => {
  it('submits, confirms the cloud started the change, and ends with in-progress and an ETA', async () => {
    const w = newWorld();
    const plan = await planFor(w, MIGRATING);
    const estimate = plan.instances[0]?.migration.estimatedSeconds ?? 0;
    expect(estimate).toBeGreaterThan(HOUR / 1000);

    const result = await apply(plan, w.cloud, { follow: false });

    const r = resultOf(result, 'payments');
    expect(r.outcome).toBe('in-progress');
    // One poll (5 minutes in these tests) showed it upgrading.
    expect(r.message).toMatch(/^submitted, running in the cloud: 5m elapsed, about 2h \d+m left \(estimate: done about 2026-03-02T0\d:\d\d:\d\d\.\d{3}Z\); not followed/);
    expect(r.submitted?.requestId).toEqual(expect.any(String));
    expect(Date.parse(r.expectedDoneAt ?? '')).toBe(Date.parse(r.submitted?.at ?? '') + estimate * 1000);
    expect(result.exitCode).toBe(0);
    expect(result.summary.stillRunning).toEqual(['payments']);
    // It ended while the migration runs: minutes of virtual time, not hours.
    expect(w.clock.now().getTime() - Date.parse(r.submitted?.at ?? '')).toBeLessThan(15 * MINUTE);
    expect(instanceOf(w.em, SEED.payments.id).status).toBe(7);
  });

  it('on the next run, reports progress and ETA of the running change (from the recorded start) without submitting again', async () => {
    const w = newWorld();
    const plan = await planFor(w, MIGRATING);
    const first = resultOf(await apply(plan, w.cloud, { follow: false }), 'payments');
    w.clock.advance(HOUR);

    const known = await apply(plan, w.cloud, { follow: false, startedAt: new Map([[SEED.payments.id, new Date(first.submitted?.at ?? '')]]) });
    const unknown = await apply(plan, w.cloud, { follow: false });

    expect(resultOf(known, 'payments')).toMatchObject({ outcome: 'in-progress', attached: true, expectedDoneAt: first.expectedDoneAt });
    expect(resultOf(known, 'payments').message).toMatch(/^running in the cloud: 1h \d+m elapsed, about 1h \d+m left \(estimate: done about /);
    expect(resultOf(unknown, 'payments').message).toMatch(/^running in the cloud: the plan estimates 2h \d+m in all \(when it started is not known to this run\)/);
    expect(known.exitCode).toBe(0);
    expect(specSubmissions(w.em)).toHaveLength(1);
  });

  it('once the change has ended, verifies the target and reports the ports that changed', async () => {
    const w = newWorld();
    const plan = await planFor(w, MIGRATING);
    await apply(plan, w.cloud, { follow: false });
    w.clock.advance(6 * HOUR);

    const result = await apply(plan, w.cloud, { follow: false });

    const r = resultOf(result, 'payments');
    expect(r.outcome).toBe('done');
    expect(r.message).toMatch(/^already at the target spec: 160 MB\/s/);
    expect(r.endpointsChanged?.before).toEqual(plan.instances[0]?.observed.endpoints);
    expect(r.endpointsChanged?.after).not.toEqual(r.endpointsChanged?.before);
    expect(result.exitCode).toBe(0);
    expect(specSubmissions(w.em)).toHaveLength(1);
  });

  it('fails clearly when the change it submitted ended short of the target', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ payments: { bw: 160, disk: 2500, mode: 'high-speed' } }));
    const first = resultOf(await apply(plan, w.cloud, { follow: false }), 'payments');
    // The cloud ends the task with only the bandwidth changed.
    await w.em.update((s) => {
      const i = s.instances.find((x) => x.instanceId === SEED.payments.id);
      if (i === undefined) throw new Error('no payments');
      Object.assign(i, { task: null, status: 1, bandwidthMBps: 160, diskGB: 2000 });
    });

    const result = await apply(plan, w.cloud, { follow: false, startedAt: new Map([[SEED.payments.id, new Date(first.submitted?.at ?? '')]]) });

    const r = resultOf(result, 'payments');
    expect(r.outcome).toBe('failed');
    expect(r.message).toBe('the change this plan submitted ended short of the target: diskGB is 2000 GB, the target 2500');
    expect(r.issues.map((i) => i.code)).toEqual(['apply/verify-mismatch']);
    expect(result.exitCode).toBe(1);
    expect(specSubmissions(w.em)).toHaveLength(1);
  });

  it('reports a change running long past its estimate as still running (exit 1), as following it would', async () => {
    // The broker address update of the migration fails: the instance stays upgrading.
    const w = newWorld((s) => {
      const i = s.instances.find((x) => x.instanceId === SEED.payments.id);
      if (i !== undefined) i.failures.brokerAddressUpdateFails = true;
    });
    const plan = await planFor(w, MIGRATING);
    const first = resultOf(await apply(plan, w.cloud, { follow: false }), 'payments');
    w.clock.advance(12 * HOUR);

    const result = await apply(plan, w.cloud, { follow: false, startedAt: new Map([[SEED.payments.id, new Date(first.submitted?.at ?? '')]]) });

    const r = resultOf(result, 'payments');
    expect(r.outcome).toBe('running');
    expect(r.issues.map((i) => i.code)).toEqual(['apply/still-running']);
    expect(result.exitCode).toBe(1);
  });
});
