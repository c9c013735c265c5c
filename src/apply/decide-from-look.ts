/**
 * What apply does with an instance from one look at it: the plan's own verdict first (manual
 * step, nothing to do, blocked by its checks), then what the cloud shows (done, running, stale,
 * not running, a task scheduled in the cloud), then the schedule (defer, wait, start). Pure.
 */
import { sameSpec, specChanges } from '../plan/spec-changes';
import type { ChangeSpecStep, PlannedInstance, RetimeStep } from '../plan/types';
import { specOfObserved, type ObservedInstance } from '../spec/observed';
import type { Decision, DecideOptions, DecisionRule, Recorded, Say } from './decision';
import { inProgress, issue, recordOf, REPLAN, ignoreCheck, verified } from './instance-reports';
import { finishGate, scheduleGate } from './schedule-gate';
import { partWay, retimeStepOf, scheduledByThisPlan, staleness } from './staleness';

export function submitStepOf(p: PlannedInstance): ChangeSpecStep | undefined {
  return p.steps.find((s): s is ChangeSpecStep => s.kind === 'change-spec');
}

function end(rule: DecisionRule, result: Extract<Decision, { kind: 'end' }>['result']): Decision {
  return { rule, kind: 'end', result };
}

/**
 * A change running in the cloud that this apply did not submit (or found started meanwhile):
 * followed, or (not following) reported with its progress.
 */
export function attach(p: PlannedInstance, o: ObservedInstance, now: Date, options: DecideOptions, rule: DecisionRule, recorded: Recorded = recordOf(true), say?: Say): Decision {
  const announce: Say = say ?? { state: 'attached', message: 'a change is already running in the cloud: following it' };
  if (!options.follow && o.status === 'upgrading') return { rule, say: announce, kind: 'end', ...inProgress(p, o, options.startedAt, recorded, now, options.trackTimeoutMs) };
  return { rule, say: announce, kind: 'follow', observed: o, since: now, until: options.follow ? 'done' : 'started', timeoutMs: options.trackTimeoutMs, recorded };
}

/**
 * A change that may start only at `until`: with `wait` (and `until` within the longest wait),
 * sleep until then and look again; otherwise it is deferred.
 */
function waitOrDefer(rule: DecisionRule, now: Date, until: Date, waiting: string, deferred: string, options: DecideOptions): Decision {
  if (options.wait && until.getTime() - now.getTime() <= options.maxWaitMs && !options.interrupted)
    return { rule, kind: 'wait-until', until, say: { state: 'waiting', message: waiting } };
  return end(rule, { outcome: 'deferred', message: deferred, issues: [], startsAt: until.toISOString() });
}

/** The plan's verdict on an entry before the cloud is looked at, or `undefined` when it has a step to take. */
function fromPlan(p: PlannedInstance, options: DecideOptions): Decision | undefined {
  const manual = p.steps.find((s) => s.kind === 'manual');
  if (manual !== undefined && manual.kind === 'manual')
    return end('manual-step', {
      outcome: 'refused',
      message: `needs a manual step: ${manual.description} (${manual.consolePath}); then re-plan`,
      issues: [issue('apply/manual-step', `${p.name}: ${manual.description}`, `do it in the console (${manual.consolePath}), then plan again`, REPLAN)],
    });
  const waitsForCloudTask = p.steps.some((s) => s.kind === 'wait' && s.until === 'scheduled-task');
  if (p.instanceId === null || (submitStepOf(p) === undefined && retimeStepOf(p) === undefined && !waitsForCloudTask))
    return end('nothing-to-do', { outcome: 'blocked', message: `blocked in the plan: ${p.summary}`, issues: p.issues.filter((i) => i.severity === 'error') });
  // The reviewer approved this instance as blocked: it stays blocked, even if its checks pass by
  // now, unless every check that blocked it is explicitly ignored. Otherwise re-plan, so the
  // change is reviewed as one that will run.
  if (p.action === 'blocked') {
    const planFailed = p.checks.filter((c) => c.status === 'fail');
    const notIgnored = planFailed.filter((c) => !options.ignoreChecks.has(c.id));
    if (planFailed.length === 0 || notIgnored.length > 0)
      return end('blocked-by-plan-checks', {
        outcome: 'blocked',
        message: `the plan shows ${notIgnored.length > 0 ? `${notIgnored.map((c) => c.id).join(', ')} failing` : 'it blocked'}; re-plan once fixed, or accept the risk of the failing checks`,
        // The reviewed checks: what blocked it is what the reviewer saw.
        checks: p.checks,
        issues: notIgnored.map((c) => issue('apply/check-failed', `${p.name}: ${c.id}: ${c.message}`, c.hint ?? 'fix it, then make a new plan', ignoreCheck(c.id))),
      });
  }
  return undefined;
}

/**
 * A change the cloud already has scheduled (RebalanceTime): move it if the plan says so; the
 * cloud starts it. Nothing is submitted.
 */
function cloudScheduled(p: PlannedInstance, retime: RetimeStep | undefined, o: ObservedInstance, now: Date, options: DecideOptions): Decision {
  if (retime === undefined || (o.rebalanceAt !== undefined && o.rebalanceAt !== p.observed.rebalanceAt && scheduledByThisPlan(p, o.rebalanceAt)))
    return end('scheduled-in-cloud', { outcome: 'scheduled', message: `scheduled in the cloud for ${o.rebalanceAt ?? p.schedule.pendingAt ?? p.schedule.startsAt}`, issues: [] });
  let to = new Date(retime.at);
  if (to.getTime() <= now.getTime()) {
    // The plan re-timed to "as soon as the window allows" (the window was open when planning).
    // While that window is still open the reviewed intent holds: start a minute from now, the
    // earliest a future RebalanceTime can be. Once it has closed, the plan is stale.
    const gate = p.schedule.kind === 'window' ? scheduleGate(p.schedule, now) : undefined;
    if (gate === undefined || !gate.due)
      return end('retime-passed', {
        outcome: 'refused',
        message: `the reviewed new time ${to.toISOString()} has passed`,
        issues: [issue('apply/stale', `${p.name}: the re-time to ${to.toISOString()} is in the past`, undefined, REPLAN)],
      });
    to = new Date(Math.ceil((now.getTime() + 60_000) / 1000) * 1000);
  }
  if (options.interrupted) return end('interrupted-before-retime', { outcome: 'skipped', message: 'interrupted before re-timing', issues: [] });
  return { rule: 'retime', kind: 'retime', to };
}

/** When the change may start by its schedule: defer, wait, or start now (judging the occurrence it starts in). */
function bySchedule(p: PlannedInstance, observed: ObservedInstance, now: Date, options: DecideOptions): Decision {
  const gate = scheduleGate(p.schedule, now);
  if (!gate.due) {
    const what = p.schedule.kind === 'window' ? 'its window opens' : 'its time';
    const where = p.schedule.kind === 'window' ? 'outside its window' : 'before its time';
    return waitOrDefer(
      'not-due',
      now,
      gate.opensAt,
      `waiting until ${gate.opensAt.toISOString()} (${what})`,
      `${where}${options.wait ? ' (beyond the longest wait allowed)' : ''}: it may start at ${gate.opensAt.toISOString()}`,
      options,
    );
  }
  const late = gate.closesAt === undefined ? undefined : finishGate(p.schedule, p.migration, now, gate.closesAt);
  if (late !== undefined && 'never' in late)
    return end('window-never-fits', {
      outcome: 'blocked',
      message: `not started: ${late.why}`,
      issues: [issue('apply/check-failed', `${p.name}: window-fits: ${late.why}`, 'widen the window, or drop mustFinishInside so the change starts in the window and may run past its close', REPLAN)],
    });
  if (late !== undefined) {
    const when = late.next.toISOString();
    return waitOrDefer('window-too-short', now, late.next, `${late.why}: waiting for the next opening with room, ${when}`, `${late.why}: it may start at the next opening with room, ${when}`, options);
  }
  // The checks judge the window occurrence the change starts in now, not the one planned.
  const schedule = gate.closesAt === undefined ? p.schedule : { ...p.schedule, startsAt: now.toISOString(), endsAt: gate.closesAt.toISOString() };
  return { rule: 'due', kind: 'start', observed, schedule };
}

/** What to do with an entry (that plans a change) from a look at its instance (`undefined`: not found). */
export function decideFromLook(p: PlannedInstance, observed: ObservedInstance | undefined, now: Date, options: DecideOptions): Decision {
  const planned = fromPlan(p, options);
  if (planned !== undefined) return planned;
  if (observed === undefined)
    return end('not-found', { outcome: 'refused', message: `${p.instanceId} no longer exists in the cloud`, issues: [issue('apply/stale', `${p.name}: instance ${p.instanceId} was not found`, 'check the instance id', REPLAN)] });

  // Already where the plan goes: an earlier apply (or the console) did it. A cloud may show the
  // new spec while it still upgrades; that is this change finishing, not drift.
  if (sameSpec(specOfObserved(observed), p.target)) {
    if (observed.status === 'running') return end('at-target', verified(p, observed, { attached: false, note: 'already at the target spec' }));
    if (observed.status === 'upgrading') return attach(p, observed, now, options, 'finishing');
  }

  // Part-way to the target after an earlier apply of this plan submitted the change (its record
  // says so): in flight, follow it; ended, it fell short. Without that record the same state is
  // reported as stale below, with the possibility named.
  const submit = submitStepOf(p);
  if (submit !== undefined && options.startedAt !== undefined && partWay(p, observed)) {
    if (observed.status === 'upgrading') return attach(p, observed, now, options, 'ours-in-flight');
    if (observed.status === 'running') {
      const short = specChanges(p.target, specOfObserved(observed) ?? p.target).map((c) => `${c.field} is ${c.from}${c.unit === '' ? '' : ` ${c.unit}`}, the target ${c.to}`);
      const reason = `the change this plan submitted ended short of the target: ${short.join('; ')}`;
      return end('ended-short', { outcome: 'failed', message: reason, issues: [issue('apply/verify-mismatch', `${p.name}: ${reason}`, 'check the instance in the console and its change history, then plan again', REPLAN)] });
    }
  }

  const stale = staleness(p, observed);
  if (stale !== undefined) {
    const note = submit !== undefined && partWay(p, observed) ? ' (part-way to the target: if an earlier apply of this plan submitted it, the change ended short)' : '';
    return end('stale', { outcome: 'refused', message: `the plan is stale: ${stale}${note}`, issues: [issue('apply/stale', `${p.name}: ${stale}${note}`, undefined, REPLAN)] });
  }

  // Upgrading from the planned spec: an earlier or concurrent apply of this plan submitted it, or
  // the task scheduled in the cloud that the plan waits for has started.
  if (observed.status === 'upgrading') return attach(p, observed, now, options, 'running-change');
  if (observed.status !== 'running')
    return end('not-running', {
      outcome: 'refused',
      message: `the instance is ${observed.status} (status ${observed.statusCode}), not running`,
      issues: [issue('apply/instance-not-running', `${p.name}: the instance is ${observed.status}`, 'wait until it is running, then apply again')],
    });

  if (p.steps.some((s) => s.kind === 'wait' && s.until === 'scheduled-task')) return cloudScheduled(p, retimeStepOf(p), observed, now, options);
  if (submit === undefined) return end('no-change-step', { outcome: 'blocked', message: `blocked in the plan: ${p.summary}`, issues: [] });
  return bySchedule(p, observed, now, options);
}
