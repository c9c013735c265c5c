/**
 * The embedded emulator's stepping clock under a whole apply: time moves only when every piece of
 * the apply's work is waiting, to the earliest wake-up, so one instance's wait (a window days
 * away, a migration followed for hours) never makes another instance late.
 */
import { HOUR, NEXT_WINDOW_OPENING, SEED, T0, WEEKEND_WINDOW, apply, fleetYaml, newWorld, planFor, resultOf, specSubmissions } from './_harness';

/** The adapter's own pacing of calls (rate-limit tokens, re-observation) in virtual time. */
const PACING_MS = 2000;

function submittedAt(at: string | undefined): number {
  return Date.parse(at ?? '');
}

describe('apply on a stepping clock: a discrete-event rule', () => {
  it('submits the changes due now at now, while another instance waits days for its window', async () => {
    const w = newWorld();
    const plan = await planFor(
      w,
      fleetYaml({
        // Waits (--wait) four and a half days for the weekend window.
        payments: { bw: 160, rebalance: WEEKEND_WINDOW },
        // Due now, and their pre-checks and submissions take a few calls each.
        'cdktf-clickstream': { bw: 240, partitions: 1600 },
        orders: { disk: 3500 },
        'pulumi-orders': { bw: 240, partitions: 1600 },
      }),
    );
    const start = w.clock.now().getTime();

    const result = await apply(plan, w.cloud, { wait: true, maxWaitMs: 7 * 24 * HOUR });

    expect(result.instances.map((r) => r.outcome)).toEqual(['done', 'done', 'done', 'done']);
    for (const name of ['cdktf-clickstream', 'orders', 'pulumi-orders'] as const) {
      const [s] = specSubmissions(w.em, SEED[name].id);
      // Submitted at the start of the run (the adapter's own pacing of the pre-check calls costs
      // a second or two), not after the window wait of another instance.
      expect(submittedAt(s?.at) - start).toBeLessThan(PACING_MS);
    }
    const [windowed] = specSubmissions(w.em, SEED.payments.id);
    expect(submittedAt(windowed?.at) - Date.parse(NEXT_WINDOW_OPENING)).toBeGreaterThanOrEqual(0);
    expect(submittedAt(windowed?.at) - Date.parse(NEXT_WINDOW_OPENING)).toBeLessThan(PACING_MS);
  });

  it('a migration followed for hours does not delay a change that becomes due meanwhile: both run on one timeline', async () => {
    const w = newWorld();
    // payments migrates (~3h); pulumi-events migrates too, and may start two hours after T0.
    const at = new Date(T0.getTime() + 2 * HOUR);
    const plan = await planFor(w, fleetYaml({ payments: { bw: 160 }, 'pulumi-events': { bw: 160, rebalance: `{ at: "${at.toISOString()}" }` } }));
    const start = w.clock.now().getTime();

    const result = await apply(plan, w.cloud, { wait: true });

    expect(resultOf(result, 'payments').outcome).toBe('done');
    expect(resultOf(result, 'pulumi-events').outcome).toBe('done');
    const [payments] = specSubmissions(w.em, SEED.payments.id);
    const [later] = specSubmissions(w.em, SEED['pulumi-events'].id);
    expect(submittedAt(payments?.at) - start).toBeLessThan(PACING_MS);
    // At its time, not after the polls of the migration (which run for hours).
    expect(submittedAt(later?.at) - at.getTime()).toBeGreaterThanOrEqual(0);
    expect(submittedAt(later?.at) - at.getTime()).toBeLessThan(PACING_MS);
  });
});
