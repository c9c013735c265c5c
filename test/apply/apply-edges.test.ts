/**
 * Edges found in review: applying a re-timing plan again, a cloud task that has started, the end
 * of a window, Ctrl-C during the pre-checks, a cloud that shows the new spec while upgrading, and
 * drift the fingerprint covers beyond the spec.
 */
import type { CkafkaCloud } from '../../src/cloud/port';
import type { Emulator } from '../../src/cloud/emulator';
import type { ObservedInstance } from '../../src/spec/observed';
import { HOUR, MINUTE, SEED, T0, apply, fleetYaml, instanceOf, newWorld, planFor, resultOf, specSubmissions, writes } from './_harness';

const IN_TWO_DAYS = new Date(T0.getTime() + 48 * HOUR);

describe('apply: a plan that re-times a task scheduled in the cloud', () => {
  async function retimingPlan() {
    const w = newWorld();
    await w.em.scheduleChange({ instanceId: SEED.payments.id, target: { bandwidthMBps: 160, diskGB: 2000, partitions: 1200 }, mode: 'stable', at: IN_TWO_DAYS });
    const at = new Date(T0.getTime() + 24 * HOUR);
    const plan = await planFor(w, fleetYaml({ payments: { bw: 160, rebalance: `{ at: "${at.toISOString()}" }` } }));
    return { w, at, plan };
  }

  it('can be applied again: the second run sees its own re-time and re-times nothing', async () => {
    const { w, at, plan } = await retimingPlan();
    expect(resultOf(await apply(plan, w.cloud), 'payments').outcome).toBe('scheduled');
    const again = await apply(plan, w.cloud);
    expect(resultOf(again, 'payments')).toMatchObject({ outcome: 'scheduled' });
    expect(resultOf(again, 'payments').message).toContain(at.toISOString());
    expect(again.exitCode).toBe(0);
    expect(writes(w.em).filter((s) => s.action === 'ModifyInstanceAttributes')).toHaveLength(1);
  });

  it('follows the task once the cloud starts it, to the end', async () => {
    const { w, at, plan } = await retimingPlan();
    await apply(plan, w.cloud);
    w.clock.advance(at.getTime() - w.clock.now().getTime() + MINUTE);
    expect(instanceOf(w.em, SEED.payments.id).status).toBe(7);

    const following = await apply(plan, w.cloud);

    expect(resultOf(following, 'payments')).toMatchObject({ outcome: 'done', attached: true });
    expect(specSubmissions(w.em)).toHaveLength(0);
  });
});

/** The one spec change was submitted at `at`, give or take the adapter's own pacing (under a second). */
function expectSubmittedAt(em: Emulator, at: string): void {
  const submitted = specSubmissions(em);
  expect(submitted).toHaveLength(1);
  const late = Date.parse(submitted[0]?.at ?? '') - Date.parse(at);
  expect(late).toBeGreaterThanOrEqual(0);
  expect(late).toBeLessThan(1000);
}

describe('apply: the end of a window', () => {
  // Monday 09:00–12:00 in Shanghai; T0 is Monday 10:00 there, inside it.
  const MONDAY_MORNING = 'days: [mon], start: "09:00", end: "12:00", timezone: Asia/Shanghai';

  async function lateInWindow(window: string) {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ payments: { bw: 160, rebalance: `{ window: { ${window} } }`, mode: 'high-speed' } }));
    const p = plan.instances[0];
    expect(p?.migration.required).toBe(true);
    // The migration fits a whole 3-hour occurrence but not what is left of this one at 11:50.
    expect((p?.migration.estimatedSeconds ?? 0) * 1000).toBeLessThan(3 * HOUR);
    expect((p?.migration.estimatedSeconds ?? 0) * 1000).toBeGreaterThan(10 * MINUTE);
    w.clock.advance(110 * MINUTE);
    return { w, plan };
  }

  it('starts a change inside the window whatever is left of it: a window bounds when a change starts', async () => {
    const { w, plan } = await lateInWindow(MONDAY_MORNING);

    const result = await apply(plan, w.cloud);

    expect(resultOf(result, 'payments').outcome).toBe('done');
    expect(specSubmissions(w.em)).toHaveLength(1);
    expectSubmittedAt(w.em, new Date(T0.getTime() + 110 * MINUTE).toISOString());
  });

  it('with mustFinishInside, does not start a change that cannot finish before the close; it may start at the next opening', async () => {
    const { w, plan } = await lateInWindow(`${MONDAY_MORNING}, mustFinishInside: true`);

    const result = await apply(plan, w.cloud);

    const r = resultOf(result, 'payments');
    expect(r.outcome).toBe('deferred');
    expect(r.message).toMatch(/only 10m of the window is left for an estimated .*, and the window asks the change to finish inside it/);
    expect(r.startsAt).toBe('2026-03-09T01:00:00.000Z');
    expect(specSubmissions(w.em)).toHaveLength(0);
  });

  it('with mustFinishInside and --wait, waits for the next opening with room and starts there', async () => {
    const { w, plan } = await lateInWindow(`${MONDAY_MORNING}, mustFinishInside: true`);

    const result = await apply(plan, w.cloud, { wait: true, maxWaitMs: 8 * 24 * HOUR });

    expect(resultOf(result, 'payments').outcome).toBe('done');
    expectSubmittedAt(w.em, '2026-03-09T01:00:00.000Z');
  });

  it('with mustFinishInside, starts when enough of the window is left', async () => {
    const w = newWorld();
    const window = '{ window: { days: [mon], start: "09:00", end: "18:00", timezone: Asia/Shanghai, mustFinishInside: true } }';
    const plan = await planFor(w, fleetYaml({ payments: { bw: 160, rebalance: window, mode: 'high-speed' } }));
    const result = await apply(plan, w.cloud);
    expect(resultOf(result, 'payments').outcome).toBe('done');
    expect(specSubmissions(w.em)).toHaveLength(1);
  });

  it('--wait that wakes late inside the window still submits', async () => {
    const w = newWorld();
    // The quickstart's orders case: a weekend window shorter than the migration.
    const plan = await planFor(w, fleetYaml({ payments: { bw: 160, rebalance: `{ window: { days: [sat, sun], start: "01:00", end: "02:00", timezone: Asia/Shanghai } }` } }));
    expect((plan.instances[0]?.migration.estimatedSeconds ?? 0) * 1000).toBeGreaterThan(HOUR);
    // The waiter's process was descheduled: it wakes 30 seconds after the opening.
    const late: CkafkaCloud = Object.assign(Object.create(w.cloud) as CkafkaCloud, { clock: { now: () => w.cloud.clock.now(), sleep: (ms: number, signal?: AbortSignal) => w.cloud.clock.sleep(ms + 30_000, signal) } });

    const result = await apply(plan, late, { wait: true, maxWaitMs: 7 * 24 * HOUR });

    expect(resultOf(result, 'payments').outcome).toBe('done');
    expectSubmittedAt(w.em, '2026-03-06T17:00:30.000Z');
  });
});

describe('apply: Ctrl-C during the pre-checks', () => {
  it('reports the instance skipped, not blocked, and submits nothing', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600 } }));
    const controller = new AbortController();

    const result = await apply(plan, w.cloud, {
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'state' && e.state === 'checking') controller.abort();
      },
    });

    expect(resultOf(result, 'cdktf-clickstream').outcome).toBe('skipped');
    expect(result.interrupted).toBe(true);
    expect(specSubmissions(w.em)).toHaveLength(0);
  });
});

describe('apply: a cloud that shows the new spec while still upgrading', () => {
  it('follows the change instead of refusing it as stale', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600 } }));
    const target = plan.instances[0]?.target;
    let reads = 0;
    // The first read shows the target spec with status 7; later reads show it running.
    const cloud: CkafkaCloud = Object.assign(Object.create(w.cloud) as CkafkaCloud, {
      describeInstances: async (...args: Parameters<CkafkaCloud['describeInstances']>) => {
        const found = await w.cloud.describeInstances(...args);
        reads += 1;
        return found.map((o): ObservedInstance => ({ ...o, ...target, status: reads === 1 ? 'upgrading' : 'running', statusCode: reads === 1 ? 7 : 1 }));
      },
    });

    const result = await apply(plan, cloud);

    expect(resultOf(result, 'cdktf-clickstream')).toMatchObject({ outcome: 'done', attached: true });
    expect(specSubmissions(w.em)).toHaveLength(0);
  });
});

describe('apply: drift beyond the spec', () => {
  it('refuses as stale when the disk type changed since the plan', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600 } }));
    await w.em.update((s) => {
      const i = s.instances.find((x) => x.instanceId === SEED['cdktf-clickstream'].id);
      if (i) i.diskType = 'CLOUD_SSD';
    });

    const result = await apply(plan, w.cloud);

    const r = resultOf(result, 'cdktf-clickstream');
    expect(r.outcome).toBe('refused');
    expect(r.message).toMatch(/disk type or storage changed since the plan \(now profession, CLOUD_SSD\)/);
    expect(r.issues.map((i) => i.code)).toEqual(['apply/stale']);
    expect(specSubmissions(w.em)).toHaveLength(0);
  });
});
