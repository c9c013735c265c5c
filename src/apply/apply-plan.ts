/**
 * Applies a saved plan: exactly what was reviewed, or a refusal that says why.
 *
 * Idempotency comes from observing the cloud, not from a local journal (CI runners are
 * ephemeral): each run re-observes every instance and decides from what it sees — already at the
 * target (done), upgrading from the planned spec (attach and track), moved since the plan (refuse
 * as stale), outside its window (defer) — so a re-run after a crash or a timeout resumes, and two
 * applies of one plan submit each change once (the cloud answers the second with ResourceInUse,
 * which attaches).
 *
 * The concurrency limit bounds the work that calls the API hard (pre-checks, submissions), not
 * the changes in flight: following a migration for hours must not keep the next instance from
 * starting, or 100 migrations would take 100 / limit times the longest one.
 */
import { getMaxListeners, setMaxListeners } from 'node:events';
import { isDeepStrictEqual } from 'node:util';
import { CloudError, type CkafkaCloud, type SpecChangeRequest } from '../cloud/port';
import { runChecks } from '../plan/run-checks';
import { describeDrift, sameSpec, specChanges } from '../plan/spec-changes';
import { fingerprintObserved } from '../plan/fingerprint-observed';
import { PREREQUISITE_CHECKS, type ChangeSpecStep, type CheckId, type Plan, type PlanCheck, type PlannedInstance, type PlanSchedule, type RetimeStep } from '../plan/types';
import type { Issue, IssueCode, Remedy } from '../spec/issues';
import { endpointsKey, specOfObserved, type Endpoint, type ObservedInstance } from '../spec/observed';
import { SPEC_FIELDS } from '../spec/types';
import {
  SUCCESS_OUTCOMES,
  type ApplyEvent,
  type ApplyResult,
  type ApplySummary,
  type InstanceOutcome,
  type InstanceResult,
  type InstanceState,
} from './apply-types';
import { gatherFacts } from './plan-with-cloud';
import { Semaphore } from '../cloud/resilience/semaphore';
import { finishGate, scheduleGate } from './schedule-gate';
import { Tracker, type TrackOutcome } from './tracker';
import { formatDuration } from '../plan/words';

export interface ApplyOptions {
  /** Failing checks to pass over; each use is recorded in the result. @default none */
  readonly ignoreChecks?: readonly CheckId[];
  /** Sleep until a deferred change's window opens or time comes, instead of deferring. @default false */
  readonly wait?: boolean;
  /** The longest `wait` sleeps for one instance (cloud clock); beyond it the change is deferred. @default 24 hours */
  readonly maxWaitMs?: number;
  /**
   * Instances checked and submitted (or re-timed) at once. A change already running in the cloud
   * holds no slot while it is followed (one batched poller follows them all), nor does an
   * instance waiting for its window with `wait`, so a long migration never delays the others.
   * @default 8
   */
  readonly concurrency?: number;
  /**
   * Changes running in the cloud at once: the blast radius of one apply. An instance whose change
   * would start waits, holding no slot, until a running one ends, then is observed afresh.
   * @default - no limit
   */
  readonly maxRunning?: number;
  /** Time between status polls while a change runs (cloud clock). @default 30 seconds */
  readonly pollIntervalMs?: number;
  /**
   * How long to follow one change before reporting it as still running in the cloud.
   * @default - three times the plan's estimate plus 30 minutes, at least one hour
   */
  readonly trackTimeoutMs?: (instance: PlannedInstance) => number;
  /**
   * Follow each change to its end and verify it (`true`), or stop once the cloud shows it started
   * (`false`): a change this apply submits is followed until the instance shows upgrading (the
   * cloud took it on) and reported `in-progress`; a change found running is reported with its
   * progress and ETA, not followed; one found finished is verified. For CI jobs shorter than a
   * migration: the next apply of the same plan observes, and never submits twice.
   * @default true
   */
  readonly follow?: boolean;
  /**
   * When changes now running in the cloud were submitted, by instance id (an earlier apply's
   * record), so an apply that does not follow can report their progress and ETA.
   * @default - unknown: progress is reported against the plan's estimate only
   */
  readonly startedAt?: ReadonlyMap<string, Date>;
  /** Aborting stops new submissions and waiting; changes already running are reported, not cancelled. */
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: ApplyEvent) => void;
}

type Result = Omit<InstanceResult, 'name' | 'instanceId'>;

function issue(code: IssueCode, message: string, hint?: string, ...remedies: Remedy[]): Issue {
  return { code, severity: 'error', path: '', message, ...(hint === undefined ? {} : { hint }), ...(remedies.length === 0 ? {} : { remedies }) };
}

const REPLAN: Remedy = { kind: 'replan' };
const APPLY_AGAIN: Remedy = { kind: 'apply-again' };
const ignoreCheck = (check: CheckId): Remedy => ({ kind: 'ignore-check', check });

function endpointsChanged(before: readonly Endpoint[], after: readonly Endpoint[]): boolean {
  return endpointsKey(before) !== endpointsKey(after);
}

function defaultTrackTimeout(p: PlannedInstance): number {
  const estimate = (p.migration.estimatedSeconds ?? 300) * 1000;
  return Math.max(3_600_000, 3 * estimate + 1_800_000);
}

function submitStepOf(p: PlannedInstance): ChangeSpecStep | undefined {
  return p.steps.find((s): s is ChangeSpecStep => s.kind === 'change-spec');
}

function retimeStepOf(p: PlannedInstance): RetimeStep | undefined {
  return p.steps.find((s): s is RetimeStep => s.kind === 'retime');
}

/**
 * Whether a task scheduled in the cloud at `at` is the one this plan scheduled: the reviewed
 * re-time, or (when that time had passed inside an open window) a re-time inside the window.
 */
function scheduledByThisPlan(p: PlannedInstance, at: string): boolean {
  const retime = retimeStepOf(p);
  if (retime === undefined) return false;
  const atMs = Date.parse(at);
  if (atMs === Date.parse(retime.at)) return true;
  return p.schedule.kind === 'window' && p.schedule.window !== undefined && scheduleGate(p.schedule, new Date(atMs)).due;
}

/**
 * Whether the instance is part-way between the planned spec and the target: every field at one
 * or the other, and not all at either. Upgrading, that is this change in flight; running, it
 * ended short of the target (or someone else moved part of it), which the plan cannot fix.
 */
export function partWay(p: PlannedInstance, o: ObservedInstance): boolean {
  const planned = p.observed.spec;
  const now = specOfObserved(o);
  if (planned === null || now === undefined || sameSpec(planned, now) || sameSpec(p.target, now)) return false;
  return SPEC_FIELDS.every((f) => now[f] === planned[f] || now[f] === p.target[f]);
}

/** Why an instance's observed state no longer matches what the plan was made against, or `undefined`. */
export function staleness(p: PlannedInstance, o: ObservedInstance): string | undefined {
  // The instance the reviewer saw, by name too: a rename is a reason to look again, and for an
  // instance declared by name it is the reviewed identity.
  if (p.observed.name !== null && p.observed.name !== o.name) return `its name changed from ${JSON.stringify(p.observed.name)} to ${JSON.stringify(o.name)}`;
  const planned = p.observed.spec;
  const now = specOfObserved(o);
  if (planned !== null && now !== undefined && !sameSpec(planned, now)) return describeDrift(planned, now, 'when planned');
  if (p.observed.chargeType !== null && p.observed.chargeType !== o.chargeType) return `its billing changed from ${p.observed.chargeType} to ${o.chargeType}`;
  const plannedAt = p.observed.rebalanceAt ?? undefined;
  if (plannedAt !== o.rebalanceAt) {
    // This plan's own doing: it re-timed the task (applying it again must stay safe), or the task
    // it waits for has started (the caller follows it).
    const ours = o.rebalanceAt !== undefined ? scheduledByThisPlan(p, o.rebalanceAt) : plannedAt !== undefined && o.status === 'upgrading';
    if (!ours)
      return o.rebalanceAt === undefined
        ? `the task scheduled in the cloud for ${plannedAt} is gone`
        : `a task is now scheduled in the cloud for ${o.rebalanceAt}${plannedAt ? ` (was ${plannedAt})` : ''}`;
  }
  // What the fingerprint covers beyond the above (instance type, disk type): compared with the
  // scheduled task taken as planned, which was judged just above.
  if (p.fingerprint !== '' && fingerprintObserved({ ...o, ...(plannedAt === undefined ? { rebalanceAt: undefined } : { rebalanceAt: plannedAt }) }) !== p.fingerprint)
    return `its type, disk type or storage changed since the plan (now ${o.instanceType}, ${o.diskType}${o.diskGB === null ? ', elastic storage' : ''})`;
  return undefined;
}


class Run {
  private readonly tracker: Tracker;
  private readonly ignore: ReadonlySet<CheckId>;
  private readonly slots: Semaphore;
  /** The release of the slot each instance holds right now. */
  private readonly held = new Map<PlannedInstance, () => void>();
  private readonly running: Semaphore | undefined;
  /** The release of the running-change slot each instance holds, from before its submit to its end. */
  private readonly runningHeld = new Map<PlannedInstance, () => void>();
  /**
   * Fires when every running-change slot is held by a change that outlived its tracking: they run
   * on in the cloud, so nothing more may start in this apply.
   */
  private readonly full = new AbortController();
  private stuck = 0;

  constructor(
    private readonly cloud: CkafkaCloud,
    private readonly options: ApplyOptions,
  ) {
    this.tracker = new Tracker(cloud, {
      ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    this.ignore = new Set(options.ignoreChecks ?? []);
    this.slots = new Semaphore(options.concurrency ?? 8);
    this.running = options.maxRunning === undefined ? undefined : new Semaphore(options.maxRunning);
  }

  /**
   * Counts the changes already running in the cloud against `maxRunning` before any instance
   * starts, so an instance that would submit cannot take the slot of one it is about to follow.
   */
  countRunning(instances: readonly PlannedInstance[], observed: ReadonlyMap<string, ObservedInstance>): void {
    if (this.running === undefined) return;
    for (const p of instances) {
      if (p.action === 'none' || p.instanceId === null || observed.get(p.instanceId)?.status !== 'upgrading') continue;
      this.runningHeld.set(p, this.running.hold());
    }
  }

  /** Works on one instance, holding a concurrency slot except while it follows or waits. */
  async run(p: PlannedInstance, first: ObservedInstance | undefined): Promise<Result> {
    if (p.action === 'none') return this.instance(p, first);
    let r: Result | undefined;
    try {
      if (!(await this.takeSlot(p))) return (r = { outcome: 'skipped', message: 'apply was interrupted before this instance started', issues: [] });
      return (r = await this.instance(p, first));
    } finally {
      this.giveUpSlot(p);
      // A change still running in the cloud when its tracking ended (or that is not followed)
      // keeps its place: it counts against `maxRunning` for the rest of this apply.
      if ((r?.outcome === 'running' || r?.outcome === 'in-progress') && !this.aborted && this.runningHeld.has(p)) {
        this.stuck += 1;
        if (this.running !== undefined && this.stuck >= this.running.limit) this.full.abort();
      } else this.giveUpRunningSlot(p);
    }
  }

  /**
   * Takes a running-change slot before a change may start (`maxRunning`). `waited`: the caller
   * observes again (what it saw may be hours old); `interrupted`: Ctrl-C; `full`: every slot is
   * held by a change that outlived its tracking, so this one must not start in this apply.
   */
  private async takeRunningSlot(p: PlannedInstance): Promise<'ready' | 'waited' | 'interrupted' | 'full'> {
    if (this.running === undefined || this.runningHeld.has(p)) return 'ready';
    if (this.full.signal.aborted) return 'full';
    const free = this.running.tryAcquire();
    if (free !== undefined) {
      this.runningHeld.set(p, free);
      return 'ready';
    }
    this.giveUpSlot(p);
    this.emit(p, 'waiting', `waiting for one of the ${this.running.limit} running changes to finish (the limit of changes running at once)`);
    const signal = this.options.signal === undefined ? this.full.signal : AbortSignal.any([this.options.signal, this.full.signal]);
    try {
      this.runningHeld.set(p, await this.running.acquire(signal));
    } catch (e) {
      if (this.aborted) return 'interrupted';
      if (this.full.signal.aborted) return 'full';
      throw e;
    }
    return (await this.takeSlot(p)) ? 'waited' : 'interrupted';
  }

  /** False when the apply was interrupted before a slot came free. */
  private async takeSlot(p: PlannedInstance): Promise<boolean> {
    if (this.aborted) return false;
    try {
      this.held.set(p, await this.slots.acquire(this.options.signal));
    } catch (e) {
      if (this.aborted) return false;
      throw e;
    }
    return !this.aborted;
  }

  private giveUpSlot(p: PlannedInstance): void {
    this.held.get(p)?.();
    this.held.delete(p);
  }

  private giveUpRunningSlot(p: PlannedInstance): void {
    this.runningHeld.get(p)?.();
    this.runningHeld.delete(p);
  }

  /**
   * Sleeps holding no slot of either kind (a change waiting for its window is not running); false
   * when interrupted (during the sleep or the wait for a slot).
   */
  private async sleepWithoutSlot(p: PlannedInstance, ms: number): Promise<boolean> {
    this.giveUpSlot(p);
    this.giveUpRunningSlot(p);
    await this.cloud.clock.sleep(ms, this.options.signal);
    return !this.aborted && (await this.takeSlot(p));
  }

  get polls(): number {
    return this.tracker.polls;
  }

  private get aborted(): boolean {
    return this.options.signal?.aborted === true;
  }

  private emit(p: PlannedInstance, state: InstanceState, message: string): void {
    this.options.onEvent?.({ type: 'state', at: this.cloud.clock.now(), name: p.name, instanceId: p.instanceId, state, message, estimatedSeconds: p.migration.estimatedSeconds });
  }

  private async observe(id: string): Promise<ObservedInstance | undefined> {
    const [o] = await this.cloud.describeInstances({ ids: [id] }, this.options.signal === undefined ? {} : { signal: this.options.signal });
    return o;
  }

  async instance(p: PlannedInstance, first: ObservedInstance | undefined): Promise<Result> {
    if (p.action === 'none') return { outcome: 'unchanged', message: 'no change planned', issues: [] };
    const manual = p.steps.find((s) => s.kind === 'manual');
    if (manual !== undefined && manual.kind === 'manual')
      return {
        outcome: 'refused',
        message: `needs a manual step: ${manual.description} (${manual.consolePath}); then re-plan`,
        issues: [issue('apply/manual-step', `${p.name}: ${manual.description}`, `do it in the console (${manual.consolePath}), then plan again`, REPLAN)],
      };
    const submit = submitStepOf(p);
    const retime = retimeStepOf(p);
    const waitsForCloudTask = p.steps.some((s) => s.kind === 'wait' && s.until === 'scheduled-task');
    if (p.instanceId === null || (submit === undefined && retime === undefined && !waitsForCloudTask))
      return { outcome: 'blocked', message: `blocked in the plan: ${p.summary}`, issues: p.issues.filter((i) => i.severity === 'error') };
    // The reviewer approved this instance as blocked: it stays blocked, even if its checks pass by
    // now, unless every check that blocked it is explicitly ignored. Otherwise re-plan, so the
    // change is reviewed as one that will run.
    if (p.action === 'blocked') {
      const planFailed = p.checks.filter((c) => c.status === 'fail');
      const notIgnored = planFailed.filter((c) => !this.ignore.has(c.id));
      if (planFailed.length === 0 || notIgnored.length > 0)
        return {
          outcome: 'blocked',
          message: `the plan shows ${notIgnored.length > 0 ? `${notIgnored.map((c) => c.id).join(', ')} failing` : 'it blocked'}; re-plan once fixed, or accept the risk of the failing checks`,
          // The reviewed checks: what blocked it is what the reviewer saw.
          checks: p.checks,
          issues: notIgnored.map((c) => issue('apply/check-failed', `${p.name}: ${c.id}: ${c.message}`, c.hint ?? 'fix it, then make a new plan', ignoreCheck(c.id))),
        };
    }

    let observed = first;
    for (;;) {
      if (observed === undefined)
        return { outcome: 'refused', message: `${p.instanceId} no longer exists in the cloud`, issues: [issue('apply/stale', `${p.name}: instance ${p.instanceId} was not found`, 'check the instance id', REPLAN)] };

      // Already where the plan goes: an earlier apply (or the console) did it. A cloud may show the
      // new spec while it still upgrades; that is this change finishing, not drift.
      if (sameSpec(specOfObserved(observed), p.target)) {
        if (observed.status === 'running') return this.verified(p, observed, { attached: false, note: 'already at the target spec' });
        if (observed.status === 'upgrading') return this.attach(p, observed);
      }

      // Part-way to the target after an earlier apply of this plan submitted the change (its
      // record says so): in flight, follow it; ended, it fell short. Without that record the
      // same state is reported as stale below, with the possibility named.
      const ours = p.instanceId !== null && this.options.startedAt?.has(p.instanceId) === true;
      if (submit !== undefined && ours && partWay(p, observed)) {
        if (observed.status === 'upgrading') return this.attach(p, observed);
        if (observed.status === 'running') {
          const short = specChanges(p.target, specOfObserved(observed) ?? p.target).map((c) => `${c.field} is ${c.from}${c.unit === '' ? '' : ` ${c.unit}`}, the target ${c.to}`);
          const reason = `the change this plan submitted ended short of the target: ${short.join('; ')}`;
          return { outcome: 'failed', message: reason, issues: [issue('apply/verify-mismatch', `${p.name}: ${reason}`, 'check the instance in the console and its change history, then plan again', REPLAN)] };
        }
      }

      const stale = staleness(p, observed);
      if (stale !== undefined) {
        const note = submit !== undefined && partWay(p, observed) ? ' (part-way to the target: if an earlier apply of this plan submitted it, the change ended short)' : '';
        return { outcome: 'refused', message: `the plan is stale: ${stale}${note}`, issues: [issue('apply/stale', `${p.name}: ${stale}${note}`, undefined, REPLAN)] };
      }

      // Upgrading from the planned spec: an earlier or concurrent apply of this plan submitted it,
      // or the task scheduled in the cloud that the plan waits for has started.
      if (observed.status === 'upgrading') return this.attach(p, observed);
      if (observed.status !== 'running')
        return {
          outcome: 'refused',
          message: `the instance is ${observed.status} (status ${observed.statusCode}), not running`,
          issues: [issue('apply/instance-not-running', `${p.name}: the instance is ${observed.status}`, 'wait until it is running, then apply again')],
        };

      if (waitsForCloudTask) return this.cloudScheduled(p, retime, observed);
      if (submit === undefined) return { outcome: 'blocked', message: `blocked in the plan: ${p.summary}`, issues: [] };

      const now = this.cloud.clock.now();
      const gate = scheduleGate(p.schedule, now);
      if (!gate.due) {
        const waited = await this.waitOrDefer(
          p,
          now,
          gate.opensAt,
          `waiting until ${gate.opensAt.toISOString()} (${p.schedule.kind === 'window' ? 'its window opens' : 'its time'})`,
          `${p.schedule.kind === 'window' ? 'outside its window' : 'before its time'}${this.options.wait === true ? ' (beyond the longest wait allowed)' : ''}: it may start at ${gate.opensAt.toISOString()}`,
        );
        if (waited !== 'woke') return waited;
        observed = await this.observe(p.instanceId);
        continue;
      }
      const late = gate.closesAt === undefined ? undefined : finishGate(p.schedule, p.migration, now, gate.closesAt);
      if (late !== undefined && 'never' in late)
        return {
          outcome: 'blocked',
          message: `not started: ${late.why}`,
          issues: [issue('apply/check-failed', `${p.name}: window-fits: ${late.why}`, 'widen the window, or drop mustFinishInside so the change starts in the window and may run past its close', REPLAN)],
        };
      if (late !== undefined) {
        const when = late.next.toISOString();
        const waited = await this.waitOrDefer(p, now, late.next, `${late.why}: waiting for the next opening with room, ${when}`, `${late.why}: it may start at the next opening with room, ${when}`);
        if (waited !== 'woke') return waited;
        observed = await this.observe(p.instanceId);
        continue;
      }
      const turn = await this.takeRunningSlot(p);
      if (turn === 'interrupted') return { outcome: 'skipped', message: 'interrupted while waiting for a running change to finish; nothing was submitted', issues: [] };
      if (turn === 'full')
        return {
          outcome: 'deferred',
          message: `not started: ${this.stuck} change(s) still running in the cloud fill the limit of ${this.running?.limit ?? ''} running at once; apply this plan again once they finish`,
          issues: [],
        };
      if (turn === 'waited') {
        observed = await this.observe(p.instanceId);
        continue;
      }
      // The checks judge the window occurrence the change starts in now, not the one planned.
      const schedule = gate.closesAt === undefined ? p.schedule : { ...p.schedule, startsAt: now.toISOString(), endsAt: gate.closesAt.toISOString() };
      return this.checkAndSubmit(p, observed, submit, schedule);
    }
  }

  /**
   * A change that may start only at `until`: with `wait` (and `until` within the longest wait),
   * sleeps until then and says `woke` (the caller observes again); otherwise it is deferred.
   */
  private async waitOrDefer(p: PlannedInstance, now: Date, until: Date, waiting: string, deferred: string): Promise<Result | 'woke'> {
    const when = until.toISOString();
    if (this.options.wait === true && until.getTime() - now.getTime() <= (this.options.maxWaitMs ?? 86_400_000) && !this.aborted) {
      this.emit(p, 'waiting', waiting);
      return (await this.sleepWithoutSlot(p, until.getTime() - now.getTime())) ? 'woke' : { outcome: 'deferred', message: `interrupted while waiting; it may start at ${when}`, issues: [], startsAt: when };
    }
    return { outcome: 'deferred', message: deferred, issues: [], startsAt: when };
  }

  private attach(p: PlannedInstance, observed: ObservedInstance): Promise<Result> {
    // A change already running counts against `maxRunning`, above the limit if need be; it is
    // never held back (it runs in the cloud whatever this process does).
    if (this.running !== undefined && !this.runningHeld.has(p)) this.runningHeld.set(p, this.running.hold());
    this.emit(p, 'attached', 'a change is already running in the cloud: following it');
    return this.follow(p, observed, this.cloud.clock.now(), true, undefined);
  }

  // A change the cloud already has scheduled (RebalanceTime): move it if the plan says so; the
  // cloud starts it. Nothing is submitted.
  private async cloudScheduled(p: PlannedInstance, retime: RetimeStep | undefined, observed: ObservedInstance): Promise<Result> {
    if (retime === undefined || (observed.rebalanceAt !== undefined && observed.rebalanceAt !== p.observed.rebalanceAt && scheduledByThisPlan(p, observed.rebalanceAt)))
      return { outcome: 'scheduled', message: `scheduled in the cloud for ${observed.rebalanceAt ?? p.schedule.pendingAt ?? p.schedule.startsAt}`, issues: [] };
    let to = new Date(retime.at);
    const now = this.cloud.clock.now();
    if (to.getTime() <= now.getTime()) {
      // The plan re-timed to "as soon as the window allows" (the window was open when planning).
      // While that window is still open the reviewed intent holds: start a minute from now, the
      // earliest a future RebalanceTime can be. Once it has closed, the plan is stale.
      const gate = p.schedule.kind === 'window' ? scheduleGate(p.schedule, now) : undefined;
      if (gate === undefined || !gate.due)
        return {
          outcome: 'refused',
          message: `the reviewed new time ${to.toISOString()} has passed`,
          issues: [issue('apply/stale', `${p.name}: the re-time to ${to.toISOString()} is in the past`, undefined, REPLAN)],
        };
      to = new Date(Math.ceil((now.getTime() + 60_000) / 1000) * 1000);
    }
    if (this.aborted) return { outcome: 'skipped', message: 'interrupted before re-timing', issues: [] };
    try {
      await this.cloud.retimeRebalance(observed.instanceId, to, this.options.signal === undefined ? {} : { signal: this.options.signal });
    } catch (e) {
      return this.submitFailed(p, e, 're-timing the scheduled change');
    }
    this.emit(p, 'retimed', `moved the scheduled change to ${to.toISOString()}`);
    return { outcome: 'scheduled', message: `re-timed: the cloud runs the change at ${to.toISOString()}`, issues: [], startsAt: to.toISOString() };
  }

  private async checkAndSubmit(p: PlannedInstance, observed: ObservedInstance, step: NonNullable<ReturnType<typeof submitStepOf>>, schedule: PlanSchedule): Promise<Result> {
    if (this.aborted) return { outcome: 'skipped', message: 'interrupted before submitting', issues: [] };
    this.emit(p, 'checking', 're-running the pre-checks');
    const facts = await gatherFacts(this.cloud, p.target, observed, this.options.signal);
    // Facts cut short by Ctrl-C say nothing about the instance: nothing was submitted.
    if (this.aborted) return { outcome: 'skipped', message: 'interrupted during the pre-checks; nothing was submitted', issues: [] };
    // Fail closed: the plan starts this change at once because no data migrates. If that cannot
    // be asked again now, a change that does migrate would start outside any window: not submitted.
    if (p.migration.required === false && facts.migration === undefined) {
      const why = facts.errors?.find((e) => e.what === 'migration');
      const detail = why === undefined ? 'the cloud gave no answer' : `${why.code}: ${why.message}`;
      return {
        outcome: 'blocked',
        message: `whether the change migrates data could not be verified now (${detail}); the plan said it does not, so it would start outside any window: nothing was submitted`,
        issues: [issue('apply/migration-unverified', `${p.name}: the migration assessment could not be verified (${detail})`, 'apply again when the cloud answers', APPLY_AGAIN, REPLAN)],
      };
    }
    // The reviewer approved a change that migrates nothing; if the cloud now says data would
    // migrate, the plan under-states the risk and must be reviewed again.
    if (p.migration.required === false && facts.migration?.required === true)
      return {
        outcome: 'refused',
        message:
          facts.migration === undefined
            ? 'the cloud could not confirm that this change migrates no data, as the reviewed plan says; nothing was submitted'
            : 'the cloud now says this change migrates data; the reviewed plan said it would not',
        issues: [
          facts.migration === undefined
            ? issue('apply/stale', `${p.name}: could not confirm the change migrates no data (migration.required: false)`, 'apply again when the cloud answers, or re-plan', APPLY_AGAIN, REPLAN)
            : issue('apply/stale', `${p.name}: the change now requires a data migration`, 'the new plan shows its window, mode and duration', REPLAN),
        ],
      };
    const checks = runChecks({ observed, target: p.target, migration: p.migration, schedule, facts });
    // A prerequisite that could not be verified now is not a pass: at plan time "not checked" is
    // information for the reviewer, at apply time it would be a blind submit.
    const failing = checks.filter((c) => c.status === 'fail' || (c.notChecked === true && PREREQUISITE_CHECKS.includes(c.id)));
    const ignored = failing.filter((c) => this.ignore.has(c.id)).map((c) => c.id);
    const blocking = failing.filter((c) => !this.ignore.has(c.id));
    if (blocking.length > 0)
      return {
        outcome: 'blocked',
        message: `pre-check ${blocking.some((c) => c.status === 'fail') ? 'failed' : 'could not be verified'}: ${blocking.map((c) => c.id).join(', ')}`,
        checks,
        ...(ignored.length > 0 ? { ignoredChecks: ignored } : {}),
        issues: blocking.map((c: PlanCheck) =>
          c.status === 'fail'
            ? issue('apply/check-failed', `${p.name}: ${c.id}: ${c.message}`, c.hint ?? 'fix it', ignoreCheck(c.id))
            : issue('apply/check-failed', `${p.name}: ${c.id} could not be verified: ${c.message.replace(/^not checked: /, '')}`, 'apply again when the cloud answers', APPLY_AGAIN, ignoreCheck(c.id)),
        ),
      };

    // Look once more right before writing: another apply of this plan may have just submitted.
    const latest = await this.observe(observed.instanceId);
    if (latest === undefined || latest.status !== 'running' || !sameSpec(specOfObserved(latest), p.observed.spec)) return this.instance(p, latest);
    if (this.aborted) return { outcome: 'skipped', message: 'interrupted before submitting', issues: [], checks };

    // The entry's instance, always: a step names no instance of its own.
    const request: SpecChangeRequest = { instanceId: observed.instanceId, bandwidthMBps: step.bandwidthMBps, diskGB: step.diskGB, partitions: step.partitions, mode: step.mode };
    this.emit(p, 'submitting', step.description);
    const since = this.cloud.clock.now();
    let submitted: Result['submitted'];
    try {
      const r = await this.cloud.submitSpecChange(request, this.options.signal === undefined ? {} : { signal: this.options.signal });
      submitted = { requestId: r.requestId, at: since.toISOString(), acceptedBy: r.acceptedBy, reference: r.reference };
      this.emit(p, 'submitted', r.acceptedBy === 'observation' ? `accepted: the answer was lost, and the cloud shows the change (${r.reference})` : `accepted by the cloud (request ${r.requestId})`);
    } catch (e) {
      // Any refusal may mean someone else got there first (a concurrent apply of this plan, or the
      // console): ResourceInUse while their change runs, or "equals the current spec" once it has
      // finished. Look before reporting a failure. A write whose outcome is unknown was already
      // re-observed by the adapter, so this look costs one read.
      if (CloudError.isCloudError(e) && e.kind !== 'network' && e.kind !== 'throttled' && e.kind !== 'unavailable' && e.kind !== 'auth') {
        const now = await this.observe(observed.instanceId).catch(() => undefined);
        if (now?.status === 'upgrading') {
          this.emit(p, 'attached', 'a change started meanwhile: following it');
          return this.follow(p, now, this.cloud.clock.now(), true, undefined, checks, ignored);
        }
        if (now !== undefined && now.status === 'running' && sameSpec(specOfObserved(now), p.target)) return this.verified(p, now, { attached: true, note: 'finished meanwhile (another apply submitted it)' });
        // Busy without a visible change (e.g. a task scheduled in the console): report, do not loop.
      }
      return this.submitFailed(p, e, 'submitting the new spec');
    }
    return this.follow(p, observed, since, false, submitted, checks, ignored);
  }

  private submitFailed(p: PlannedInstance, e: unknown, doing: string): Result {
    const detail = CloudError.isCloudError(e) ? `${e.action} failed: ${e.code}: ${e.message}${e.requestId ? ` (request ${e.requestId})` : ''}` : e instanceof Error ? e.message : String(e);
    return {
      outcome: 'failed',
      message: `${doing} failed: ${detail}`,
      issues: [issue('apply/submit-failed', `${p.name}: ${doing} failed: ${detail}`, 'see docs/troubleshooting.md for this code; nothing was changed unless the cloud shows the instance upgrading')],
    };
  }

  private async follow(
    p: PlannedInstance,
    observed: ObservedInstance,
    since: Date,
    attached: boolean,
    submitted: Result['submitted'],
    checks?: readonly PlanCheck[],
    ignored?: readonly CheckId[],
  ): Promise<Result> {
    // Following costs one share of a batched poll: it holds no slot.
    this.giveUpSlot(p);
    const recorded = { ...(submitted ? { submitted } : {}), ...(checks ? { checks } : {}), ...(ignored && ignored.length > 0 ? { ignoredChecks: ignored } : {}), attached };
    const detached = this.options.follow === false;
    // Not followed: a change found running is reported from this one look.
    if (detached && attached && observed.status === 'upgrading') return this.inProgress(p, observed, p.instanceId === null ? undefined : this.options.startedAt?.get(p.instanceId), recorded);
    this.emit(p, 'upgrading', p.migration.required ? 'migrating data' : 'applying the new spec');
    let lastStatus = observed.statusCode;
    const outcome: TrackOutcome = await this.tracker.track({
      instanceId: observed.instanceId,
      target: p.target,
      since,
      sawUpgrading: observed.status === 'upgrading',
      timeoutMs: (this.options.trackTimeoutMs ?? defaultTrackTimeout)(p),
      // Not followed: only until the cloud shows it took the change on.
      until: detached ? 'started' : 'done',
      onPoll: (o, elapsedMs) => {
        if (o.statusCode !== lastStatus) {
          lastStatus = o.statusCode;
          this.emit(p, o.status === 'upgrading' ? 'upgrading' : 'observing', `status ${o.status}`);
        }
        this.options.onEvent?.({ type: 'progress', at: this.cloud.clock.now(), name: p.name, instanceId: o.instanceId, statusCode: o.statusCode, elapsedSeconds: Math.round(elapsedMs / 1000), estimatedSeconds: p.migration.estimatedSeconds });
      },
    });
    const elapsedSeconds = Math.round((this.cloud.clock.now().getTime() - since.getTime()) / 1000);
    const extra = { ...recorded, elapsedSeconds };
    switch (outcome.kind) {
      case 'started':
        return this.inProgress(p, outcome.observed, since, recorded);
      case 'done':
        return { ...this.verified(p, outcome.observed, { attached, note: attached ? 'finished (followed the running change)' : 'applied' }), ...extra };
      case 'mismatch':
        return {
          outcome: 'failed',
          message: `${outcome.reason}: now ${outcome.observed.bandwidthMBps} MB/s, ${outcome.observed.diskGB} GB, ${outcome.observed.partitions} partitions`,
          issues: [issue('apply/verify-mismatch', `${p.name}: ${outcome.reason}`, 'check the instance in the console', REPLAN)],
          ...extra,
        };
      case 'gone':
        return { outcome: 'failed', message: 'the instance disappeared while upgrading', issues: [issue('apply/verify-mismatch', `${p.name}: the instance disappeared`)], ...extra };
      case 'timeout':
        return this.overran(p, elapsedSeconds, extra);
      case 'interrupted':
        return { outcome: 'running', message: 'interrupted; the change keeps running in the cloud', issues: [issue('apply/interrupted', `${p.name}: still upgrading in the cloud`, 'it is followed to the end when the plan is applied again', APPLY_AGAIN)], ...extra };
    }
  }

  /** A change still upgrading long past its estimate: it keeps running, and someone should look. */
  private overran(p: PlannedInstance, elapsedSeconds: number, extra: Partial<Result>): Result {
    return {
      outcome: 'running',
      message: `still upgrading in the cloud after ${Math.round(elapsedSeconds / 60)} minutes (estimate ${Math.round((p.migration.estimatedSeconds ?? 0) / 60)}); it keeps running`,
      issues: [
        issue(
          'apply/still-running',
          `${p.name}: the change is taking much longer than estimated`,
          'see docs/troubleshooting.md (zone disk stock, high-speed under load, MaxMessageByte, broker address update)',
          APPLY_AGAIN,
        ),
      ],
      ...extra,
    };
  }

  /**
   * A change running in the cloud that this apply does not follow: its progress against the
   * plan's estimate, from `start` when known. Past the time a followed change would be given, it
   * is reported as overrunning (`running`), as following it would have.
   */
  private inProgress(p: PlannedInstance, o: ObservedInstance, start: Date | undefined, recorded: Partial<Result>): Result {
    const estimate = p.migration.estimatedSeconds;
    const now = this.cloud.clock.now();
    const elapsedSeconds = start === undefined ? undefined : Math.max(0, Math.round((now.getTime() - start.getTime()) / 1000));
    if (elapsedSeconds !== undefined && elapsedSeconds * 1000 > (this.options.trackTimeoutMs ?? defaultTrackTimeout)(p)) return this.overran(p, elapsedSeconds, { ...recorded, elapsedSeconds });
    const expectedDoneAt = start === undefined || estimate === null ? undefined : new Date(start.getTime() + estimate * 1000).toISOString();
    let progress: string;
    if (estimate === null) progress = elapsedSeconds === undefined ? 'its duration is not estimated' : `${formatDuration(elapsedSeconds)} elapsed`;
    else if (elapsedSeconds === undefined) progress = `the plan estimates ${formatDuration(estimate)} in all (when it started is not known to this run)`;
    else {
      const left = estimate - elapsedSeconds;
      const ran = elapsedSeconds < 60 ? '' : `${formatDuration(elapsedSeconds)} elapsed, `;
      progress = left > 0 ? `${ran}about ${formatDuration(left)} left (estimate: done about ${expectedDoneAt ?? ''})` : `${ran}longer than the ${formatDuration(estimate)} estimate`;
    }
    this.options.onEvent?.({ type: 'progress', at: now, name: p.name, instanceId: o.instanceId, statusCode: o.statusCode, elapsedSeconds: elapsedSeconds ?? 0, estimatedSeconds: estimate });
    return {
      outcome: 'in-progress',
      message: `${recorded.submitted === undefined ? 'running in the cloud' : 'submitted, running in the cloud'}: ${progress}; not followed: apply this plan again to see its progress and to verify it once it ends`,
      issues: [],
      ...recorded,
      ...(elapsedSeconds === undefined ? {} : { elapsedSeconds }),
      ...(expectedDoneAt === undefined ? {} : { expectedDoneAt }),
    };
  }

  private verified(p: PlannedInstance, o: ObservedInstance, how: { attached: boolean; note: string }): Result {
    const changed = endpointsChanged(p.observed.endpoints, o.endpoints);
    return {
      outcome: 'done',
      message: `${how.note}: ${p.target.bandwidthMBps} MB/s, ${p.target.diskGB} GB, ${p.target.partitions} partitions${changed ? '; endpoints changed' : ''}`,
      issues: [],
      attached: how.attached,
      ...(changed ? { endpointsChanged: { before: p.observed.endpoints, after: o.endpoints } } : {}),
    };
  }
}

function summarise(results: readonly InstanceResult[]): ApplySummary {
  const byOutcome: Partial<Record<InstanceOutcome, number>> = {};
  for (const r of results) byOutcome[r.outcome] = (byOutcome[r.outcome] ?? 0) + 1;
  const order: InstanceOutcome[] = ['done', 'in-progress', 'running', 'scheduled', 'deferred', 'blocked', 'refused', 'failed', 'skipped', 'unchanged'];
  const parts = order.filter((o) => byOutcome[o]).map((o) => `${byOutcome[o]} ${o}`);
  return {
    total: results.length,
    byOutcome,
    stillRunning: results.filter((r) => r.outcome === 'running' || r.outcome === 'in-progress').map((r) => r.name),
    line: results.length === 0 ? 'nothing to apply' : parts.join(', '),
  };
}

/** How an apply ended, as the CLI reports it; exported for the Pulumi provider's update. */
export function finishApply(results: readonly InstanceResult[], interrupted: boolean, issues: readonly Issue[] = []): ApplyResult {
  const ok = issues.length === 0 && results.every((r) => SUCCESS_OUTCOMES.includes(r.outcome));
  return { instances: results, summary: summarise(results), interrupted, exitCode: ok && !interrupted ? 0 : 1, issues };
}

/**
 * Applies a verified plan (see `loadPlan`) through a cloud. Instances are checked and submitted in
 * parallel under a concurrency limit; one poller follows every running change.
 */
export async function applyPlan(plan: Plan, cloud: CkafkaCloud, options: ApplyOptions = {}): Promise<ApplyResult & { readonly polls: number }> {
  const run = new Run(cloud, options);
  const start = cloud.clock.now();
  options.onEvent?.({ type: 'start', at: start, instances: plan.instances.length });

  // A plan made against one cloud or region says nothing about another; nor do the steps of a
  // plan that claims capabilities (mode selection, edition conversion) this cloud lacks.
  const sameCapabilities = isDeepStrictEqual(plan.cloud.capabilities, cloud.capabilities());
  if (plan.cloud.kind !== cloud.kind || (plan.region ?? cloud.region) !== cloud.region || !sameCapabilities) {
    const message = `the plan was made against ${plan.cloud.kind}${plan.region ? ` (${plan.region})` : ''}${sameCapabilities ? '' : ' with other capabilities (cloud.capabilities)'}, but this apply uses ${cloud.kind} (${cloud.region})`;
    const result = finishApply([], false, [issue('apply/wrong-cloud', message, 'apply with the same credentials, endpoint or emulator state the plan used, or re-plan against this cloud')]);
    options.onEvent?.({ type: 'end', at: cloud.clock.now(), result });
    return { ...result, polls: 0 };
  }

  const ids = plan.instances.filter((p) => p.action !== 'none' && p.instanceId !== null).map((p) => p.instanceId as string);
  let observed: ObservedInstance[];
  try {
    observed = ids.length === 0 ? [] : await cloud.describeInstances({ ids }, options.signal === undefined ? {} : { signal: options.signal });
  } catch (e) {
    // Interrupted before anything started: nothing was submitted, say so per instance.
    if (options.signal?.aborted !== true) throw e;
    const skipped = plan.instances.map((p): InstanceResult => ({ name: p.name, instanceId: p.instanceId, outcome: p.action === 'none' ? 'unchanged' : 'skipped', message: p.action === 'none' ? 'no change planned' : 'apply was interrupted before this instance started', issues: [] }));
    const result = finishApply(skipped, true);
    options.onEvent?.({ type: 'end', at: cloud.clock.now(), result });
    return { ...result, polls: 0 };
  }
  const byId = new Map(observed.map((o) => [o.instanceId, o]));

  const results: InstanceResult[] = new Array(plan.instances.length);
  run.countRunning(plan.instances, byId);
  // Every instance waits on the caller's signal at once: not a leak, so no warning past 10.
  if (options.signal !== undefined) setMaxListeners(Math.max(getMaxListeners(options.signal), 4 * plan.instances.length + 10), options.signal);
  // Each instance's work catches its own failures, so every instance ends with a result.
  // Every instance starts at once; the run's slots bound how many are checked and submitted.
  await Promise.all(
    plan.instances.map(async (p, index) => {
      let r: Result;
      try {
        r = await run.run(p, p.instanceId === null ? undefined : byId.get(p.instanceId));
      } catch (e) {
        // A read failed after retries: this instance's outcome is unknown, the others go on.
        const detail = CloudError.isCloudError(e) ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e);
        r = { outcome: 'failed', message: `could not reach the cloud: ${detail}`, issues: [issue('apply/submit-failed', `${p.name}: ${detail}`, 'it resumes from what the cloud shows', APPLY_AGAIN)] };
      }
      results[index] = { name: p.name, instanceId: p.instanceId, ...r };
      options.onEvent?.({ type: 'state', at: cloud.clock.now(), name: p.name, instanceId: p.instanceId, state: r.outcome, message: r.message });
    }),
  );
  const result = finishApply(results, options.signal?.aborted === true);
  options.onEvent?.({ type: 'end', at: cloud.clock.now(), result });
  return { ...result, polls: run.polls };
}
