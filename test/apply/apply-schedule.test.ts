/** The apply orchestrator in process against the emulator (_harness.ts): when a change may start (its `at` time, its window, waiting). */
import { HOUR, NEXT_WINDOW_OPENING, T0, WEEKEND_WINDOW, apply, fleetYaml, newWorld, planFor, recorder, resultOf, specSubmissions } from './_harness';

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
