/**
 * Whether a saved plan does what trusted fleet files declare. A plan's digest proves it was not
 * edited by accident, but anyone who can write the plan file can recompute it; when the plan comes
 * from a less trusted place (a pull request's CI job), apply checks it against the fleet files of
 * the trusted branch: every target, every step's parameters, and every schedule.
 */
import { specChanges } from '../plan/spec-changes';
import type { ActionStep, Plan, PlannedInstance } from '../plan/types';
import type { Issue } from '../spec/issues';
import type { DesiredFleet, DesiredInstance, RebalancePolicy } from '../spec/types';

function isActionStep(s: PlannedInstance['steps'][number]): s is ActionStep {
  return s.kind === 'change-spec' || s.kind === 'retime';
}

function problem(p: PlannedInstance, what: string): Issue {
  return {
    code: 'apply/plan-modified',
    severity: 'error',
    path: '',
    message: `${p.name}: ${what}`,
    hint: 'the plan does not do what the fleet files declare: re-plan from them and review that plan',
  };
}

function sameWindowPolicy(policy: RebalancePolicy, p: PlannedInstance): boolean {
  const s = p.schedule;
  // A change that migrates nothing starts now whatever the declared policy (the plan says so).
  if (s.kind === 'now') return p.migration.required === false || policy === 'now';
  if (s.kind === 'at') return typeof policy === 'object' && 'at' in policy && s.startsAt !== null && Date.parse(policy.at) === Date.parse(s.startsAt);
  if (typeof policy !== 'object' || !('window' in policy) || s.window === undefined) return false;
  const a = policy.window;
  const b = s.window;
  return (
    a.start === b.start && a.end === b.end && a.timezone === b.timezone && [...a.days].sort().join() === [...b.days].sort().join() && (a.mustFinishInside === true) === (b.mustFinishInside === true)
  );
}

function checkInstance(p: PlannedInstance, d: DesiredInstance): Issue[] {
  const out: Issue[] = [];
  const moved = specChanges(p.target, d);
  if (moved.length > 0) out.push(problem(p, `the plan's target has ${moved.map((c) => `${c.field} ${c.to}`).join(', ')}; the fleet files declare ${moved.map((c) => `${c.from}`).join(', ')}`));
  const api = p.steps.filter(isActionStep);
  for (const step of api) {
    if (step.kind !== 'change-spec') continue;
    if (step.bandwidthMBps !== d.bandwidthMBps || step.diskGB !== d.diskGB || step.partitions !== d.partitions)
      out.push(problem(p, `the change-spec step sends ${step.bandwidthMBps} MB/s, ${step.diskGB} GB, ${step.partitions} partitions; the fleet files declare ${d.bandwidthMBps} MB/s, ${d.diskGB} GB, ${d.partitions} partitions`));
    if (step.mode !== d.upgrade.mode) out.push(problem(p, `the step's mode is ${step.mode}; the fleet files declare mode ${d.upgrade.mode}`));
  }
  if (api.length > 0 && !sameWindowPolicy(d.upgrade.rebalance, p)) out.push(problem(p, `the plan's schedule (${p.schedule.kind}) is not the rebalance policy the fleet files declare`));
  return out;
}

/**
 * Issues for every way `plan` departs from `fleet`: an instance the fleet does not declare, a
 * target, step parameter or schedule that differs. Empty when the plan does what the fleet says.
 */
export function verifyPlanAgainstFleet(plan: Plan, fleet: DesiredFleet): Issue[] {
  const out: Issue[] = [];
  for (const p of plan.instances) {
    const d = fleet.instances.find((x) => (x.instanceId !== undefined && x.instanceId === p.instanceId) || (x.instanceId === undefined && x.name === p.name));
    if (d === undefined) {
      if (p.steps.some(isActionStep)) out.push(problem(p, 'the plan changes an instance the fleet files do not declare'));
      continue;
    }
    out.push(...checkInstance(p, d));
  }
  return out;
}
