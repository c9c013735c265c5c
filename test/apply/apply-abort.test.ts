/** The apply orchestrator interrupted (Ctrl-C, _harness.ts): no new submissions, what still runs in the cloud reported. */
import type { ApplyEvent } from '../../src/apply';
import { createManualClock } from '../../src/cloud/emulator';
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
  resultOf,
  specSubmissions,
  writes,
} from './_harness';

describe('apply: abort (Ctrl-C)', () => {
  it('stops new submissions and reports what is still running in the cloud', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ payments: { bw: 160, mode: 'high-speed' }, 'pulumi-events': { bw: 160, mode: 'high-speed' } }));
    const controller = new AbortController();
    const onEvent = (e: ApplyEvent) => {
      if (e.type === 'state' && e.state === 'submitted') controller.abort();
    };

    const result = await apply(plan, w.cloud, { concurrency: 1, signal: controller.signal, onEvent });

    expect(resultOf(result, 'payments').outcome).toBe('running');
    expect(resultOf(result, 'payments').issues.map((i) => i.code)).toEqual(['apply/interrupted']);
    expect(resultOf(result, 'pulumi-events').outcome).toBe('skipped');
    expect(result).toMatchObject({ interrupted: true, exitCode: 1 });
    expect(result.summary.stillRunning).toEqual(['payments']);
    expect(specSubmissions(w.em).map((s) => s.instanceId)).toEqual([SEED.payments.id]);
    // The change carries on in the cloud.
    expect(instanceOf(w.em, SEED.payments.id).status).toBe(7);
  });

  it('interrupts a wait for the window: deferred, nothing submitted, reported as interrupted', async () => {
    // A clock that moves only by hand: the wait really blocks until the abort.
    const w = newWorld(undefined, createManualClock(T0));
    const plan = await planFor(w, fleetYaml({ payments: { bw: 160, rebalance: WEEKEND_WINDOW } }));
    const controller = new AbortController();
    const onEvent = (e: ApplyEvent) => {
      if (e.type === 'state' && e.state === 'waiting') setImmediate(() => controller.abort());
    };

    const result = await apply(plan, w.cloud, { wait: true, maxWaitMs: 7 * 24 * HOUR, signal: controller.signal, onEvent });

    const r = resultOf(result, 'payments');
    expect(r.outcome).toBe('deferred');
    expect(r.message).toMatch(/interrupted while waiting/);
    expect(r.startsAt).toBe(NEXT_WINDOW_OPENING);
    expect(result).toMatchObject({ interrupted: true, exitCode: 1 });
    expect(writes(w.em)).toHaveLength(0);
    expect(w.clock.now().toISOString()).toBe(T0.toISOString());
  });

  it('submits nothing when aborted before it starts, and reports every instance skipped', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600 } }));
    const controller = new AbortController();
    controller.abort();

    const result = await apply(plan, w.cloud, { signal: controller.signal });

    expect(resultOf(result, 'cdktf-clickstream').outcome).toBe('skipped');
    expect(result).toMatchObject({ interrupted: true, exitCode: 1 });
    expect(writes(w.em)).toHaveLength(0);
  });
});
