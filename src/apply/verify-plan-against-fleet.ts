/**
 * Whether a saved plan does what trusted fleet files declare. A plan's digest proves it was not
 * edited by accident, but anyone who can write the plan file can recompute it; when the plan comes
 * from a less trusted place (a pull request's CI job), apply checks it against the fleet files of
 * the trusted branch: everything the plan would do to the cloud — which instance, which values,
 * which mode, when (schedule and re-time) and in which region — must be what they declare.
 * docs/gitops.md states the guarantee and its limits.
 *
 * Two parts: {@link verifyPlanAgainstFleet} compares the files (no cloud), and
 * {@link verifyDeclaredNamesInCloud} checks, for instances declared by name, that the region has
 * exactly one instance of that name and that it is the plan's.
 */
import type { CkafkaCloud } from '../cloud/port';
import { nextWindowOpening } from '../plan/next-window-opening';
import { isScaleDown, specChanges } from '../plan/spec-changes';
import type { Plan, PlannedInstance, PlanStep } from '../plan/types';
import { joinPath, type Issue } from '../spec/issues';
import type { ObservedInstance } from '../spec/observed';
import { parseInstant } from '../spec/time';
import type { DesiredFleet, DesiredInstance, RebalancePolicy, RebalanceWindow } from '../spec/types';
import { actsOnCloud } from './check-plan-consistency';

type Where = ReadonlyArray<string | number>;

function mismatch(path: Where, message: string): Issue {
  return {
    code: 'apply/fleet-mismatch',
    severity: 'error',
    path: joinPath(...path),
    message,
    hint: 'the plan does not do what the trusted fleet files declare: re-plan from them and review that plan',
    remedies: [{ kind: 'replan' }],
  };
}

function declaredAt(d: DesiredInstance): string {
  return `${d.source.file === undefined ? '' : `${d.source.file} `}${d.source.path}`.trim();
}

function sameWindow(a: RebalanceWindow, b: RebalanceWindow): boolean {
  return (
    a.start === b.start &&
    a.end === b.end &&
    a.timezone === b.timezone &&
    [...a.days].sort().join() === [...b.days].sort().join() &&
    (a.mustFinishInside === true) === (b.mustFinishInside === true)
  );
}

function describePolicy(policy: RebalancePolicy): string {
  if (policy === 'now') return 'rebalance now';
  if ('at' in policy) return `rebalance at ${policy.at}`;
  const w = policy.window;
  return `a window ${w.days.join(',')} ${w.start}–${w.end} ${w.timezone}`;
}

/** Where the plan's schedule departs from the declared policy, or `undefined`. */
function scheduleMismatch(policy: RebalancePolicy, p: PlannedInstance): { field: string; what: string } | undefined {
  const s = p.schedule;
  // A change that migrates nothing starts now whatever the declared policy (the plan says so;
  // apply refuses it if the cloud then says data would migrate).
  if (s.kind === 'now') return p.migration.required === false || policy === 'now' ? undefined : { field: 'kind', what: 'starts now' };
  if (s.kind === 'at') {
    if (typeof policy !== 'object' || !('at' in policy)) return { field: 'kind', what: 'starts at a time' };
    const declared = parseInstant(policy.at)?.getTime();
    return s.startsAt !== null && declared !== undefined && Date.parse(s.startsAt) === declared ? undefined : { field: 'startsAt', what: `starts at ${s.startsAt ?? 'no time'}` };
  }
  if (typeof policy !== 'object' || !('window' in policy)) return { field: 'kind', what: 'waits for a window' };
  return s.window !== undefined && sameWindow(policy.window, s.window) ? undefined : { field: 'window', what: 'uses another window' };
}

/** Whether a re-time moves the task to a time the declared policy allows: the declared `at`, or inside the declared window. */
function retimeAllowed(policy: RebalancePolicy, at: string): boolean {
  if (policy === 'now') return false;
  const ms = Date.parse(at);
  if ('at' in policy) {
    const declared = parseInstant(policy.at)?.getTime();
    // RebalanceTime is whole seconds, rounded up so it is never early.
    return declared !== undefined && ms === Math.ceil(declared / 1000) * 1000;
  }
  return nextWindowOpening(policy.window, new Date(ms)).inside;
}

function stepMismatches(p: PlannedInstance, d: DesiredInstance, step: PlanStep, at: (...rest: Array<string | number>) => Where): Issue[] {
  const out: Issue[] = [];
  if (step.kind === 'change-spec') {
    for (const field of ['bandwidthMBps', 'diskGB', 'partitions'] as const)
      if (step[field] !== d[field]) out.push(mismatch(at(field), `${p.name}: the change-spec step sends ${field} ${step[field]}; ${declaredAt(d)} declares ${d[field]}`));
    if (step.mode !== d.upgrade.mode) out.push(mismatch(at('mode'), `${p.name}: the change-spec step asks for ${step.mode} mode; ${declaredAt(d)} declares mode ${d.upgrade.mode}`));
  }
  if (step.kind === 'retime' && !retimeAllowed(d.upgrade.rebalance, step.at))
    out.push(
      mismatch(
        at('at'),
        `${p.name}: the re-time step moves the task scheduled in the cloud to ${step.at}; ${declaredAt(d)} declares ${describePolicy(d.upgrade.rebalance)}${d.upgrade.rebalance === 'now' ? ', which never moves it' : ''}`,
      ),
    );
  return out;
}

function instanceMismatches(p: PlannedInstance, i: number, d: DesiredInstance): Issue[] {
  const out: Issue[] = [];
  const at = (...rest: Array<string | number>): Where => ['instances', i, ...rest];
  const where = declaredAt(d);

  // Which instance: the declared id, or, declared by name, one the cloud named so when planned
  // (apply refuses it if the name changed since; see also verifyDeclaredNamesInCloud).
  if (d.instanceId !== undefined && p.instanceId !== d.instanceId)
    out.push(mismatch(at('instanceId'), `${p.name}: the plan acts on ${p.instanceId ?? 'no instance'}; ${where} declares instance ${d.instanceId}`));
  if (d.instanceId === undefined && actsOnCloud(p) && p.observed.name !== d.name)
    out.push(mismatch(at('observed', 'name'), `${p.name}: the plan acts on ${p.instanceId ?? 'no instance'}, named ${JSON.stringify(p.observed.name)} when planned; ${where} declares the instance named ${JSON.stringify(d.name)}`));

  const moved = specChanges(p.target, d);
  for (const c of moved) out.push(mismatch(at('target', c.field), `${p.name}: the plan's target has ${c.field} ${c.to}; ${where} declares ${c.from}`));
  if (!actsOnCloud(p)) return out;

  if (d.specOwner === 'terraform') out.push(mismatch(at('steps'), `${p.name}: the plan changes an instance whose spec Terraform owns (${where}); ckafka-iac only shows its changes`));
  if (p.observed.spec !== null && isScaleDown(specChanges(p.target, p.observed.spec)) && !d.allowScaleDown)
    out.push(mismatch(at('action'), `${p.name}: the plan lowers bandwidth or disk; ${where} does not allow a scale-down (allowScaleDown)`));
  p.steps.forEach((step, j) => out.push(...stepMismatches(p, d, step, (...rest) => at('steps', j, ...rest))));
  const schedule = scheduleMismatch(d.upgrade.rebalance, p);
  if (schedule !== undefined) out.push(mismatch(at('schedule', schedule.field), `${p.name}: the plan ${schedule.what}; ${where} declares ${describePolicy(d.upgrade.rebalance)}`));
  return out;
}

/**
 * Issues for every way `plan` departs from `fleet`: another region, an entry the fleet does not
 * declare (by name) that acts on the cloud, another instance than the declared one, a target, step
 * value, mode, re-time or schedule that differs, a scale-down the declaration does not allow.
 * Empty when the plan does what the fleet says. Paths point into the plan file.
 */
export function verifyPlanAgainstFleet(plan: Plan, fleet: DesiredFleet): Issue[] {
  const out: Issue[] = [];
  if (fleet.region !== undefined && plan.region !== fleet.region)
    out.push(mismatch(['region'], `the plan was made in ${plan.region ?? 'no region'}; the fleet files declare region ${fleet.region}`));
  plan.instances.forEach((p, i) => {
    const d = fleet.instances.find((x) => x.name === p.name);
    if (d === undefined) {
      if (actsOnCloud(p)) out.push(mismatch(['instances', i, 'name'], `${p.name}: the plan changes an instance the fleet files do not declare`));
      return;
    }
    out.push(...instanceMismatches(p, i, d));
  });
  return out;
}

/** The names a plan's acting entries are declared by (no instance id): the ones the cloud must confirm. */
function declaredByName(plan: Plan, fleet: DesiredFleet): Array<{ p: PlannedInstance; i: number; d: DesiredInstance }> {
  return plan.instances.flatMap((p, i) => {
    const d = fleet.instances.find((x) => x.name === p.name);
    return d !== undefined && d.instanceId === undefined && actsOnCloud(p) ? [{ p, i, d }] : [];
  });
}

/**
 * For each acting entry declared by name only: the region must have exactly one instance of that
 * name, and it must be the plan's. `listing` is every instance of the region.
 */
export function verifyDeclaredNames(plan: Plan, fleet: DesiredFleet, listing: readonly ObservedInstance[], region: string): Issue[] {
  return declaredByName(plan, fleet).flatMap(({ p, i, d }) => {
    const named = listing.filter((o) => o.name === d.name);
    const only = named[0];
    if (named.length === 1 && only !== undefined && only.instanceId === p.instanceId) return [];
    const found = named.length === 0 ? 'none' : named.map((o) => o.instanceId).join(', ');
    return [
      mismatch(
        ['instances', i, 'instanceId'],
        `${p.name}: the plan acts on ${p.instanceId ?? 'no instance'}; ${declaredAt(d)} declares the instance named ${JSON.stringify(d.name)}, and ${region} has ${named.length === 1 ? `it as ${found}` : `${named.length} of that name (${found})`}`,
      ),
    ];
  });
}

/**
 * {@link verifyDeclaredNames} with the region's listing read from `cloud` (one paged listing),
 * only when some acting entry is declared by name.
 */
export async function verifyDeclaredNamesInCloud(plan: Plan, fleet: DesiredFleet, cloud: CkafkaCloud, signal?: AbortSignal): Promise<Issue[]> {
  if (declaredByName(plan, fleet).length === 0) return [];
  const listing = await cloud.describeInstances({ all: true }, signal === undefined ? {} : { signal });
  return verifyDeclaredNames(plan, fleet, listing, cloud.region);
}
