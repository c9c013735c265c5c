/**
 * Whether a plan that has the right shape also holds together the way the planner writes it: each
 * step agrees with its entry (target, mode, schedule, the task scheduled in the cloud), every entry
 * that acts names its instance, fingerprint and observed state, ids and names are unique, the
 * summary is the one its entries give. A plan that does not was written by something other than
 * `planFleet`; apply refuses it before it looks at the cloud.
 *
 * This is no proof that the plan does what was reviewed (whoever can write the plan file can write
 * a consistent one): that is what checking it against trusted fleet files is for
 * (`verifyPlanAgainstFleet`).
 */
import { isDeepStrictEqual } from 'node:util';
import { nextWindowOpening, windowProblem } from '../plan/next-window-opening';
import { isScaleDown, specChanges } from '../plan/spec-changes';
import { summarizePlan } from '../plan/summarize-plan';
import type { Plan, PlannedInstance, PlanStep } from '../plan/types';
import { joinPath, type Issue } from '../spec/issues';

type Where = ReadonlyArray<string | number>;

/** The issue every inconsistency gives; the path points into the plan file. */
function inconsistency(path: Where, message: string, file?: string): Issue {
  return {
    code: 'apply/plan-inconsistent',
    severity: 'error',
    path: joinPath(...path),
    message,
    hint: 'the plan was not written this way by the planner (edited, or made by another tool): make a new plan from the fleet files and review it',
    remedies: [{ kind: 'replan' }],
    ...(file === undefined ? {} : { file }),
  };
}

/** Whether an entry's steps make apply write to the cloud or wait for a task it may have moved. */
export function actsOnCloud(p: PlannedInstance): boolean {
  return p.steps.some((s) => s.kind === 'change-spec' || s.kind === 'retime' || (s.kind === 'wait' && s.until === 'scheduled-task'));
}

function stepKey(s: PlanStep): string {
  return s.kind === 'wait' ? `wait:${s.until}` : s.kind;
}

/** The step sequences the planner writes (src/plan/_plan-steps.ts). */
function stepsProblem(p: PlannedInstance): string | undefined {
  const keys = p.steps.map(stepKey).join(' ');
  if (keys === '' || keys === 'manual') return undefined;
  const submit = p.schedule.kind === 'now' ? 'change-spec wait:migration' : 'wait:schedule change-spec wait:migration';
  if (keys === submit || keys === 'wait:scheduled-task' || keys === 'retime wait:scheduled-task') return undefined;
  return `steps ${keys} are not a sequence the planner writes for a ${p.schedule.kind} schedule (${submit}; [retime] wait:scheduled-task; or manual)`;
}

function instanceProblems(plan: Plan, p: PlannedInstance, i: number, file?: string): Issue[] {
  const out: Issue[] = [];
  const at = (...rest: Array<string | number>): Where => ['instances', i, ...rest];
  const add = (path: Where, message: string) => out.push(inconsistency(path, `${p.name}: ${message}`, file));
  const s = p.schedule;

  // An unplanned change (blocked, nothing to do) keeps the declared kind with no time and no window.
  if (s.kind === 'window' && s.window === undefined && (s.startsAt !== null || actsOnCloud(p))) add(at('schedule', 'window'), 'a window schedule without its window');
  if (s.kind !== 'window' && s.window !== undefined) add(at('schedule', 'window'), `a ${s.kind} schedule with a window`);
  if (s.endsAt !== undefined && s.kind !== 'window') add(at('schedule', 'endsAt'), `a ${s.kind} schedule with an end`);
  if (s.window !== undefined) {
    const w = windowProblem(s.window);
    if (w !== undefined) add(at('schedule', 'window', w.field), w.message);
    // The planner starts a window change at an opening, or inside the occurrence it is already in.
    else if (s.startsAt !== null && !nextWindowOpening(s.window, new Date(s.startsAt)).inside) add(at('schedule', 'startsAt'), `the schedule starts at ${s.startsAt}, outside its own window`);
  }

  if (p.action === 'none' && (p.steps.length > 0 || p.changes.length > 0)) add(at(p.steps.length > 0 ? 'steps' : 'changes'), 'an instance planned as unchanged has steps or changes');
  if (p.observed.spec !== null && !isDeepStrictEqual(p.changes, specChanges(p.target, p.observed.spec)))
    add(at('changes'), 'the changes are not the difference between the target and the observed spec');
  if ((p.action === 'upgrade' || p.action === 'scale-down') && p.changes.length > 0 && (p.action === 'scale-down') !== isScaleDown(p.changes))
    add(at('action'), `action ${p.action} does not match the changes (${isScaleDown(p.changes) ? 'a decrease' : 'no decrease'})`);

  const m = p.migration;
  if (p.observed.chargeType !== null && m.modeSelectable !== plan.cloud.capabilities.modeSelectable[p.observed.chargeType])
    add(at('migration', 'modeSelectable'), `modeSelectable is ${m.modeSelectable}, but the plan's cloud says ${p.observed.chargeType} changes ${plan.cloud.capabilities.modeSelectable[p.observed.chargeType] ? 'take' : 'take no'} mode`);
  if (m.required === false && m.mode !== null) add(at('migration', 'mode'), 'a change that migrates nothing has a migration mode');

  const order = stepsProblem(p);
  if (order !== undefined) add(at('steps'), order);

  if (actsOnCloud(p)) {
    if (p.instanceId === null) add(at('instanceId'), 'an entry with steps names no instance');
    if (p.fingerprint === '') add(at('fingerprint'), 'an entry with steps has no fingerprint of the state it was planned against');
    if (p.observed.name === null) add(at('observed', 'name'), 'an entry with steps does not record the observed instance name');
    if (p.observed.spec === null) add(at('observed', 'spec'), 'an entry with steps does not record the observed spec');
    if (p.observed.chargeType === null) add(at('observed', 'chargeType'), 'an entry with steps does not record the observed billing');
    if (p.changes.length === 0) add(at('changes'), 'an entry with steps changes nothing');
    if (p.action === 'none') add(at('action'), 'an unchanged entry has steps');
    if (m.required === false && s.kind !== 'now') add(at('schedule', 'kind'), `a change that migrates nothing is scheduled ${s.kind}; it starts now whatever was declared`);
    if (s.kind === 'at' && s.startsAt === null) add(at('schedule', 'startsAt'), 'an at schedule without its time');
  }

  p.steps.forEach((step, j) => {
    if (step.kind === 'change-spec') {
      for (const field of ['bandwidthMBps', 'diskGB', 'partitions'] as const)
        if (step[field] !== p.target[field]) add(at('steps', j, field), `the change-spec step sends ${field} ${step[field]}; the entry's target is ${p.target[field]}`);
      if (m.modeSelectable && m.mode !== null && step.mode !== m.mode) add(at('steps', j, 'mode'), `the change-spec step asks for ${step.mode} mode; the entry's migration runs in ${m.mode} mode`);
      const from = p.observed.spec?.edition;
      if (from !== undefined && from !== p.target.edition && !plan.cloud.capabilities.editionConversionByApi)
        add(at('steps', j), `a change-spec step converts ${from} to ${p.target.edition}, which the plan's cloud cannot do by API (a manual step)`);
    }
    if (step.kind === 'retime' || (step.kind === 'wait' && step.until === 'scheduled-task')) {
      if (p.observed.rebalanceAt === null) add(at('observed', 'rebalanceAt'), 'it waits for a task scheduled in the cloud, but none was observed');
      if (s.pendingAt === undefined) add(at('schedule', 'pendingAt'), 'it waits for a task scheduled in the cloud, but the schedule names none');
    }
    if (step.kind === 'retime') {
      // The planner re-times to the schedule's start, rounded up to the second (RebalanceTime is in seconds).
      const expected = s.startsAt === null ? undefined : new Date(Math.ceil(Date.parse(s.startsAt) / 1000) * 1000).toISOString();
      if (s.kind === 'now') add(at('steps', j), 'a re-time step on a now schedule: the planner never moves a scheduled task then');
      else if (step.at !== expected) add(at('steps', j, 'at'), `the re-time step moves the task to ${step.at}; the entry's schedule starts at ${s.startsAt ?? 'no time'}`);
    }
  });
  return out;
}

/**
 * Issues for every way a plan (already of the right shape, see `planSchema`) departs from what the
 * planner writes; empty when it holds together. Paths point into the plan file.
 */
export function checkPlanConsistency(plan: Plan, file?: string): Issue[] {
  const out: Issue[] = [];
  const names = new Map<string, number>();
  const ids = new Map<string, number>();
  plan.instances.forEach((p, i) => {
    const sameName = names.get(p.name);
    if (sameName !== undefined) out.push(inconsistency(['instances', i, 'name'], `${p.name}: a second entry with this name (the first is instances[${sameName}])`, file));
    else names.set(p.name, i);
    if (p.instanceId !== null) {
      const sameId = ids.get(p.instanceId);
      if (sameId !== undefined) out.push(inconsistency(['instances', i, 'instanceId'], `${p.name}: a second entry for ${p.instanceId} (the first is instances[${sameId}])`, file));
      else ids.set(p.instanceId, i);
    }
    out.push(...instanceProblems(plan, p, i, file));
  });
  if (plan.region === null && plan.instances.some(actsOnCloud)) out.push(inconsistency(['region'], 'the plan changes instances but names no region', file));
  if (!isDeepStrictEqual(plan.summary, summarizePlan(plan.instances))) out.push(inconsistency(['summary'], 'the summary is not the one the entries give', file));
  return out;
}
