/**
 * The apply orchestrator across runs and over time: parallel instances under the concurrency
 * limit, resuming after a crash, two applies of one plan, Ctrl-C, tasks scheduled in the cloud,
 * and the documented failure causes that keep a change running past the tracking timeout.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createEmulatedCloud } from '../../src/cloud/emulated-cloud';
import type { ApplyEvent, InstanceOutcome } from '../../src/apply';
import { createEmulator, createManualClock, createSeedState, saveEmulatorState } from '../../src/cloud/emulator';
import type { CkafkaCloud } from '../../src/cloud/port';
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

/** Yields to the event loop until `done()` or a bounded number of turns (no real waiting). */
async function until(done: () => boolean, turns = 10_000): Promise<void> {
  for (let i = 0; i < turns && !done(); i++) await new Promise((r) => setImmediate(r));
  if (!done()) throw new Error('condition not reached');
}

/** A cloud whose clock never wakes up: an apply on it stops forever at its first wait, like a killed process. */
function frozen(cloud: CkafkaCloud): CkafkaCloud {
  return Object.assign(Object.create(cloud) as CkafkaCloud, { clock: { now: () => cloud.clock.now(), sleep: () => new Promise<void>(() => undefined) } });
}

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

describe('apply: re-runs and concurrent runs submit each change once', () => {
  it('resumes after a crash right after the submit: attaches, never submits again', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ payments: { bw: 160, mode: 'high-speed' } }));
    // The first apply submits, then its process dies before it sees the end.
    void apply(plan, frozen(w.cloud));
    await until(() => specSubmissions(w.em).length === 1);
    expect(instanceOf(w.em, SEED.payments.id).status).toBe(7);

    const rec = recorder();
    const second = await apply(plan, w.cloud, { onEvent: rec.onEvent });

    const r = resultOf(second, 'payments');
    expect(r).toMatchObject({ outcome: 'done', attached: true });
    expect(r.submitted).toBeUndefined();
    expect(rec.events.some((e) => e.type === 'state' && e.state === 'submitting')).toBe(false);
    expect(specSubmissions(w.em)).toHaveLength(1);
    expect(instanceOf(w.em, SEED.payments.id)).toMatchObject({ status: 1, bandwidthMBps: 160 });
  });

  it('two applies of one plan at once: each change submitted exactly once, both end done', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ payments: { bw: 160, mode: 'high-speed' }, 'pulumi-events': { bw: 160 } }));

    const [a, b] = await Promise.all([apply(plan, createEmulatedCloud(w.em)), apply(plan, createEmulatedCloud(w.em))]);

    for (const result of [a, b]) {
      expect(result.instances.map((r) => r.outcome)).toEqual(['done', 'done']);
      expect(result.exitCode).toBe(0);
    }
    expect(specSubmissions(w.em, SEED.payments.id)).toHaveLength(1);
    expect(specSubmissions(w.em, SEED['pulumi-events'].id)).toHaveLength(1);
    // Exactly one of the two runs submitted each change; the other followed it.
    for (const name of ['payments', 'pulumi-events']) {
      const submitted = [a, b].filter((res) => resultOf(res, name).submitted !== undefined);
      expect(submitted).toHaveLength(1);
    }
  });

  // The rules 'submit-refused' and 'finished-meanwhile' (src/apply/decide.ts): when the other
  // apply's change in place finishes between this run's last look and its submit, the cloud
  // refuses the submit as "nothing to change" (InvalidParameterValue); any refusal is looked at,
  // and the instance at its target is reported done.
  it('two applies of one plan at once, for a change in place that finishes between the last look and the submit: both end done', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ payments: { bw: 160, mode: 'high-speed' }, 'cdktf-clickstream': { bw: 240, partitions: 1600 } }));

    const [a, b] = await Promise.all([apply(plan, createEmulatedCloud(w.em)), apply(plan, createEmulatedCloud(w.em))]);

    expect(specSubmissions(w.em, SEED['cdktf-clickstream'].id)).toHaveLength(1);
    expect(a.instances.map((r) => r.outcome)).toEqual(['done', 'done']);
    expect(b.instances.map((r) => r.outcome)).toEqual(['done', 'done']);
  });

  it('two emulators on one state file (two processes) applying one plan: one submit per change', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckafka-apply-'));
    try {
      const statePath = path.join(dir, 'state.json');
      const state = createSeedState({ now: T0 });
      state.faults.rateLimitsEnabled = false;
      // The CLI's embedded clock: stopped, moved by whoever waits.
      state.clock = { virtualAt: T0.toISOString(), realAt: Date.now(), speed: 0, revision: 1, stepOnSleep: true };
      await saveEmulatorState(statePath, state);
      const one = createEmulator({ statePath });
      const two = createEmulator({ statePath });
      try {
        const plan = await planFor({ cloud: createEmulatedCloud(one) }, fleetYaml({ payments: { bw: 160, mode: 'high-speed' }, 'pulumi-events': { bw: 160 } }));

        const [a, b] = await Promise.all([apply(plan, createEmulatedCloud(one)), apply(plan, createEmulatedCloud(two))]);

        expect(a.instances.map((r) => r.outcome)).toEqual(['done', 'done']);
        expect(b.instances.map((r) => r.outcome)).toEqual(['done', 'done']);
        for (const name of ['payments', 'pulumi-events']) expect([a, b].filter((res) => resultOf(res, name).submitted !== undefined)).toHaveLength(1);
        const ledger = createEmulator({ statePath }).snapshot().submissions;
        expect(ledger.filter((s) => s.instanceId === SEED.payments.id && s.action === 'InstanceScalingDown')).toHaveLength(1);
        expect(ledger.filter((s) => s.instanceId === SEED['pulumi-events'].id && s.action === 'InstanceScalingDown')).toHaveLength(1);
      } finally {
        await one.close();
        await two.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

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
