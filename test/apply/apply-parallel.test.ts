/**
 * The apply orchestrator with several instances at once (_harness.ts): `concurrency` bounds the
 * instances being checked or submitted, `maxRunning` the changes running in the cloud.
 */
import type { ApplyEvent, InstanceOutcome } from '../../src/apply';
import { HOUR, SEED, T0, apply, fleetYaml, frozen, instanceOf, newWorld, planFor, recorder, resultOf, specSubmissions, until } from './_harness';

const FINAL: ReadonlySet<string> = new Set<InstanceOutcome>(['unchanged', 'done', 'deferred', 'scheduled', 'blocked', 'refused', 'failed', 'running', 'skipped']);

/** The largest number of instances at once in a state `busy` accepts, from each one's events. */
function peakAtOnce(events: readonly ApplyEvent[], busy: (state: string) => boolean): number {
  const now = new Set<string>();
  let max = 0;
  for (const e of events) {
    if (e.type !== 'state') continue;
    if (busy(e.state)) now.add(e.name);
    else now.delete(e.name);
    max = Math.max(max, now.size);
  }
  return max;
}

/** Instances between their first event and their outcome. */
const maxInFlight = (events: readonly ApplyEvent[]): number => peakAtOnce(events, (s) => !FINAL.has(s));
/** Instances being checked or submitted (what `concurrency` bounds). */
const maxWorking = (events: readonly ApplyEvent[]): number => peakAtOnce(events, (s) => s === 'checking' || s === 'submitting');

// Four changes in place (no migration, schedule now): two postpaid, two prepaid.
const FOUR_IN_PLACE = fleetYaml({
  'cdktf-clickstream': { bw: 240, partitions: 1600 },
  orders: { bw: 300, partitions: 1600 },
  'pulumi-orders': { bw: 300, partitions: 1600 },
  'media-uploads': { disk: 5000 },
});

/** The event index of an instance's first event in `state`. */
function indexOf(events: readonly ApplyEvent[], name: string, state: string): number {
  return events.findIndex((e) => e.type === 'state' && e.name === name && e.state === state);
}

// Two changes that migrate data (postpaid, high-speed): they run for a while in the cloud.
const TWO_MIGRATIONS = fleetYaml({ payments: { bw: 160, mode: 'high-speed' }, 'pulumi-events': { bw: 160, mode: 'high-speed' } });

describe('apply: instances in parallel', () => {
  it('checks and submits at most `concurrency` instances at once', async () => {
    const w = newWorld();
    const plan = await planFor(w, FOUR_IN_PLACE);
    expect(plan.instances.map((p) => [p.action, p.migration.required, p.schedule.kind])).toEqual(Array(4).fill(['upgrade', false, 'now']));
    const rec = recorder();

    const result = await apply(plan, w.cloud, { concurrency: 2, onEvent: rec.onEvent });

    expect(result.instances.map((r) => r.outcome)).toEqual(['done', 'done', 'done', 'done']);
    expect(maxWorking(rec.events)).toBe(2);
    expect(specSubmissions(w.em)).toHaveLength(4);
  });

  it('submits every instance before the first finishes when the limit allows, and one poller follows them all', async () => {
    const w = newWorld();
    const plan = await planFor(w, FOUR_IN_PLACE);
    const rec = recorder();

    const result = await apply(plan, w.cloud, { concurrency: 8, onEvent: rec.onEvent });

    expect(result.instances.every((r) => r.outcome === 'done')).toBe(true);
    expect(maxInFlight(rec.events)).toBe(4);
    const firstDone = rec.events.findIndex((e) => e.type === 'state' && e.state === 'done');
    const lastSubmitted = rec.events.map((e) => e.type === 'state' && e.state === 'submitted').lastIndexOf(true);
    expect(lastSubmitted).toBeGreaterThanOrEqual(0);
    expect(lastSubmitted).toBeLessThan(firstDone);
    // 90 s in place at a 5 min poll interval: a poll or two, shared, not one loop per instance.
    expect(result.polls).toBeLessThanOrEqual(3);
  });

  it('follows a running migration without holding a slot: with concurrency 1 the next one starts at once', async () => {
    const w = newWorld();
    const plan = await planFor(w, TWO_MIGRATIONS);
    expect(plan.instances.every((p) => p.migration.required === true)).toBe(true);
    const rec = recorder();

    const result = await apply(plan, w.cloud, { concurrency: 1, onEvent: rec.onEvent });

    expect(result.instances.map((r) => r.outcome)).toEqual(['done', 'done']);
    expect(maxWorking(rec.events)).toBe(1);
    // Both were submitted before either finished: they ran side by side in the cloud.
    const firstDone = rec.events.findIndex((e) => e.type === 'state' && e.state === 'done');
    expect(indexOf(rec.events, 'payments', 'submitted')).toBeLessThan(firstDone);
    expect(indexOf(rec.events, 'pulumi-events', 'submitted')).toBeLessThan(firstDone);
    expect(specSubmissions(w.em)).toHaveLength(2);
  });

  it('with maxRunning 1 starts the next change only once the running one has finished, observing it afresh', async () => {
    const w = newWorld();
    const plan = await planFor(w, TWO_MIGRATIONS);
    const rec = recorder();

    const result = await apply(plan, w.cloud, { maxRunning: 1, onEvent: rec.onEvent });

    expect(result.instances.map((r) => r.outcome)).toEqual(['done', 'done']);
    expect(specSubmissions(w.em)).toHaveLength(2);
    const firstDone = rec.events.findIndex((e) => e.type === 'state' && e.state === 'done');
    const submitted = rec.events.map((e, i) => (e.type === 'state' && e.state === 'submitted' ? i : -1)).filter((i) => i >= 0);
    expect(submitted).toHaveLength(2);
    expect(submitted[0]).toBeLessThan(firstDone);
    expect(submitted[1]).toBeGreaterThan(firstDone);
    const waiting = rec.events.find((e) => e.type === 'state' && e.state === 'waiting');
    expect(waiting).toMatchObject({ message: expect.stringMatching(/limit of changes running at once/) });
  });

  it('with maxRunning 1, Ctrl-C while one waits for a running change: it is skipped, nothing more is submitted', async () => {
    const w = newWorld();
    const plan = await planFor(w, TWO_MIGRATIONS);
    const controller = new AbortController();
    const rec = recorder();
    const onEvent = (e: ApplyEvent) => {
      rec.onEvent(e);
      // Ctrl-C once payments' change is in the cloud, while pulumi-events waits for its turn.
      if (e.type === 'state' && e.state === 'submitted') setImmediate(() => controller.abort());
    };

    const result = await apply(plan, w.cloud, { maxRunning: 1, signal: controller.signal, onEvent });

    expect(rec.events.some((e) => e.type === 'state' && e.name === 'pulumi-events' && e.state === 'waiting')).toBe(true);
    expect(resultOf(result, 'payments').outcome).toBe('running');
    expect(resultOf(result, 'pulumi-events')).toMatchObject({ outcome: 'skipped', message: expect.stringMatching(/nothing was submitted/) });
    expect(specSubmissions(w.em).map((s) => s.instanceId)).toEqual([SEED.payments.id]);
    expect(result).toMatchObject({ interrupted: true, exitCode: 1 });
  });

  it('with maxRunning 1 and wait, a change whose window closed while it queued gives its turn up while it sleeps', async () => {
    const w = newWorld();
    // T0 is Monday 10:00 in Shanghai: the window is open for two more hours, enough for
    // pulumi-events' estimate, but payments' migration (about 2.8 h) runs first.
    const MONDAY_MORNING = '{ window: { days: [mon], start: "09:00", end: "12:00", timezone: Asia/Shanghai } }';
    const plan = await planFor(
      w,
      fleetYaml({ payments: { bw: 160, mode: 'high-speed' }, 'pulumi-events': { bw: 160, mode: 'high-speed', rebalance: MONDAY_MORNING }, 'pulumi-orders': { bw: 300, partitions: 1600 } }),
    );
    expect(plan.instances.find((p) => p.name === 'pulumi-events')?.schedule.kind).toBe('window');
    const rec = recorder();

    const result = await apply(plan, w.cloud, { maxRunning: 1, wait: true, maxWaitMs: 8 * 24 * HOUR, onEvent: rec.onEvent });

    expect(result.instances.map((r) => r.outcome)).toEqual(['done', 'done', 'done']);
    // pulumi-orders runs as soon as payments ends, not after pulumi-events' window next Monday.
    expect(indexOf(rec.events, 'pulumi-orders', 'submitted')).toBeLessThan(indexOf(rec.events, 'pulumi-events', 'submitted'));
    const events = specSubmissions(w.em, SEED['pulumi-events'].id);
    expect(events).toHaveLength(1);
    expect(Date.parse(String(events[0]?.at)) - T0.getTime()).toBeGreaterThan(6 * 24 * HOUR);
  });

  it('with maxRunning 1 counts a change running from an earlier apply before anything starts, whatever the plan order', async () => {
    const w = newWorld();
    const plan = await planFor(w, TWO_MIGRATIONS);
    // An earlier apply submitted pulumi-events, the second in the plan, and died.
    void apply({ ...plan, instances: plan.instances.filter((p) => p.name === 'pulumi-events') }, frozen(w.cloud), { maxRunning: 1 });
    await until(() => specSubmissions(w.em).length === 1);
    expect(specSubmissions(w.em)[0]?.instanceId).toBe(SEED['pulumi-events'].id);
    const rec = recorder();

    const result = await apply(plan, w.cloud, { maxRunning: 1, onEvent: rec.onEvent });

    expect(resultOf(result, 'pulumi-events')).toMatchObject({ outcome: 'done', attached: true });
    expect(resultOf(result, 'payments').outcome).toBe('done');
    expect(indexOf(rec.events, 'payments', 'submitted')).toBeGreaterThan(indexOf(rec.events, 'pulumi-events', 'done'));
  });

  it('with maxRunning 1, a change that outlives its tracking keeps its place: the next is deferred, not started beside it', async () => {
    const w = newWorld();
    // media-uploads stalls (MaxMessageByte 8 MiB, high-speed: a documented failure cause).
    const plan = await planFor(w, fleetYaml({ 'media-uploads': { bw: 240, partitions: 1600, mode: 'high-speed' }, payments: { bw: 160, mode: 'high-speed' } }));
    const estimate = (plan.instances.find((p) => p.name === 'media-uploads')?.migration.estimatedSeconds ?? 0) * 1000;

    const result = await apply(plan, w.cloud, { maxRunning: 1, trackTimeoutMs: (p) => (p.name === 'media-uploads' ? 2 * estimate : 100 * estimate) });

    expect(resultOf(result, 'media-uploads').outcome).toBe('running');
    expect(instanceOf(w.em, SEED['media-uploads'].id).status).toBe(7);
    expect(resultOf(result, 'payments')).toMatchObject({ outcome: 'deferred', message: expect.stringMatching(/still running in the cloud fill the limit of 1 running at once/) });
    expect(specSubmissions(w.em).map((s) => s.instanceId)).toEqual([SEED['media-uploads'].id]);
  });

  it('with maxRunning 1 counts a change it attaches to: the other waits for it', async () => {
    const w = newWorld();
    const plan = await planFor(w, TWO_MIGRATIONS);
    // An earlier apply submitted payments and died.
    void apply(plan, frozen(w.cloud), { maxRunning: 1 });
    await until(() => specSubmissions(w.em).length === 1);
    const rec = recorder();

    const result = await apply(plan, w.cloud, { maxRunning: 1, onEvent: rec.onEvent });

    expect(resultOf(result, 'payments')).toMatchObject({ outcome: 'done', attached: true });
    expect(resultOf(result, 'pulumi-events').outcome).toBe('done');
    expect(specSubmissions(w.em)).toHaveLength(2);
    expect(indexOf(rec.events, 'pulumi-events', 'submitted')).toBeGreaterThan(indexOf(rec.events, 'payments', 'done'));
  });
});
