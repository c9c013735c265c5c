/**
 * Plans one declared instance against what the cloud reports. Internal: `planFleet` is the entry
 * point, and docs/plan-format.md describes every decision taken here.
 */
import { CATALOG } from '../spec/catalog';
import { hasErrors, joinPath, type Issue, type IssueCode } from '../spec/issues';
import type { CloudCapabilities, FactError, InstanceFacts, ObservedInstance } from '../spec/observed';
import type { DesiredInstance, SpecValues } from '../spec/types';
import { parseInstant } from '../spec/time';
import { validateChange } from '../spec/validate';
import { planSteps } from './_plan-steps';
import { scheduleChange } from './_schedule';
import { describeChange, formatDuration, listSome } from './words';
import { costOfChange } from './cost-of-change';
import { estimateMigration } from './estimate-migration';
import { fingerprintObserved } from './fingerprint-observed';
import type { InstanceMatch } from './match-instances';
import { windowProblem } from './next-window-opening';
import { runChecks } from './run-checks';
import { diffSpec, isScaleDown } from './spec-changes';
import type { PlanAction, PlanChange, PlanCheck, PlanMigration, PlannedAgainst, PlannedInstance, PlanSchedule } from './types';

/** One matched declaration with its facts and the plan's clock and cloud. */
export interface InstanceContext {
  readonly match: InstanceMatch;
  readonly facts?: InstanceFacts;
  readonly now: Date;
  readonly capabilities: CloudCapabilities;
}

const FACT_WORDS: Readonly<Record<FactError['what'], string>> = {
  migration: 'could not ask whether the change migrates data',
  quote: 'could not get a price quote',
  preflight: 'could not gather the pre-check facts',
};

function targetOf(d: DesiredInstance): SpecValues {
  return { edition: d.edition, bandwidthMBps: d.bandwidthMBps, diskGB: d.diskGB, partitions: d.partitions };
}

function plannedAgainst(o: ObservedInstance | undefined): PlannedAgainst {
  if (o === undefined) return { name: null, spec: null, statusCode: null, chargeType: null, rebalanceAt: null, endpoints: [] };
  return {
    name: o.name,
    spec: o.edition === undefined ? null : { edition: o.edition, bandwidthMBps: o.bandwidthMBps, diskGB: o.diskGB, partitions: o.partitions },
    statusCode: o.statusCode,
    chargeType: o.chargeType,
    rebalanceAt: o.rebalanceAt ?? null,
    endpoints: o.endpoints.map((e) => ({ vip: e.vip, vport: e.vport })),
  };
}

function issueAt(d: DesiredInstance, code: IssueCode, severity: Issue['severity'], path: string, message: string, hint?: string): Issue {
  return {
    code,
    severity,
    path,
    message,
    ...(hint === undefined ? {} : { hint }),
    ...(d.source.file === undefined ? {} : { file: d.source.file }),
  };
}

/** A schedule for an instance whose change is not planned. */
function unscheduled(d: DesiredInstance, note: string, pendingAt?: string): PlanSchedule {
  const r = d.upgrade.rebalance;
  const kind = r === 'now' ? 'now' : 'at' in r ? 'at' : 'window';
  return { kind, startsAt: null, note, ...(pendingAt === undefined ? {} : { pendingAt }) };
}

function unplannedMigration(o: ObservedInstance | undefined, caps: CloudCapabilities, basis: string, required: boolean | null): PlanMigration {
  return { required, estimatedSeconds: null, mode: null, modeSelectable: o === undefined ? false : caps.modeSelectable[o.chargeType], basis };
}

function futurePending(o: ObservedInstance, now: Date): string | undefined {
  if (o.rebalanceAt === undefined) return undefined;
  const ms = Date.parse(o.rebalanceAt);
  return Number.isNaN(ms) || ms <= now.getTime() ? undefined : new Date(ms).toISOString();
}

/** The warning for a declaration of an instance with elastic storage: its `diskGB` is not compared or sent. */
function elasticDiskIssues(d: DesiredInstance, o: ObservedInstance): Issue[] {
  if (o.diskGB !== null) return [];
  return [
    issueAt(
      d,
      'plan/disk-elastic',
      'warning',
      joinPath(d.source.path, 'diskGB'),
      `instance ${o.instanceId} has elastic storage (the cloud reports DiskSize -1): its disk grows with use, so diskGB ${d.diskGB} GB is not compared with it and never sent`,
      'nothing to change; the disk of an elastic instance is managed by the cloud',
    ),
  ];
}

function changeWords(changes: readonly PlanChange[]): string {
  return changes.map(describeChange).join(', ');
}

interface Shell {
  readonly desired: DesiredInstance;
  readonly observed: ObservedInstance | undefined;
  readonly action: PlanAction;
  readonly summary: string;
  readonly changes: readonly PlanChange[];
  readonly migration: PlanMigration;
  readonly schedule: PlanSchedule;
  readonly cost: PlannedInstance['cost'];
  readonly checks: readonly PlanCheck[];
  readonly steps: PlannedInstance['steps'];
  readonly issues: readonly Issue[];
}

// One constructor, so every planned instance has the same key order in JSON.
function planned(s: Shell): PlannedInstance {
  return {
    name: s.desired.name,
    instanceId: s.observed?.instanceId ?? s.desired.instanceId ?? null,
    action: s.action,
    summary: s.summary,
    target: targetOf(s.desired),
    changes: s.changes,
    migration: s.migration,
    schedule: s.schedule,
    cost: s.cost,
    checks: s.checks,
    steps: s.steps,
    issues: s.issues,
    observed: plannedAgainst(s.observed),
    fingerprint: s.observed === undefined ? '' : fingerprintObserved(s.observed),
  };
}

/** Why an instance is blocked and what is known of it when it is. */
interface BlockedFacts {
  readonly desired: DesiredInstance;
  readonly observed: ObservedInstance | undefined;
  readonly capabilities: CloudCapabilities;
  readonly changes: readonly PlanChange[];
  readonly issues: readonly Issue[];
  /** The first line of the summary, after `blocked: `. */
  readonly headline: string;
  /** Why nothing is planned, completing "not planned: " and "not scheduled: ". */
  readonly reason: string;
  readonly pendingAt?: string | undefined;
}

// One constructor for an instance blocked before its change is planned: no migration estimate,
// schedule, cost, checks or steps, and the reason worded the same way in each place.
function blocked(b: BlockedFacts): PlannedInstance {
  return planned({
    desired: b.desired,
    observed: b.observed,
    action: 'blocked',
    summary: `blocked: ${b.headline}`,
    changes: b.changes,
    migration: unplannedMigration(b.observed, b.capabilities, `not planned: ${b.reason}`, null),
    schedule: unscheduled(b.desired, `not scheduled: ${b.reason}`, b.pendingAt),
    cost: null,
    checks: [],
    steps: [],
    issues: b.issues,
  });
}

/** Safety net for declarations built in code: the fleet validation reports these first. */
function policyIssues(d: DesiredInstance): Issue[] {
  const r = d.upgrade.rebalance;
  if (r === 'now') return [];
  const base = joinPath(d.source.path, 'upgrade.rebalance');
  if ('at' in r) {
    if (parseInstant(r.at) !== undefined) return [];
    return [issueAt(d, 'spec/bad-at', 'error', joinPath(base, 'at'), `rebalance.at must be an ISO-8601 time with an offset, got "${r.at}"`, 'write it with an offset, e.g. 2026-12-05T02:00:00+08:00')];
  }
  const problem = windowProblem(r.window);
  if (problem === undefined) return [];
  return [issueAt(d, problem.code, 'error', joinPath(base, 'window', problem.field), problem.message, 'fix the window: days like [sat, sun], times as HH:MM, an IANA zone such as Asia/Shanghai')];
}

/** Plans one matched declaration. */
export function planInstance(ctx: InstanceContext): PlannedInstance {
  const { match, facts, now, capabilities } = ctx;
  const desired = match.desired;
  const observed = match.observed;
  const path = desired.source.path;

  if (observed === undefined) {
    const issue = match.issue ?? issueAt(desired, 'plan/instance-not-found', 'error', path, `instance "${desired.name}" was not found`);
    return blocked({ desired, observed, capabilities, changes: [], issues: [issue], headline: issue.message, reason: 'the instance was not found' });
  }

  const changes = diffSpec(desired, { ...observed, edition: observed.edition ?? observed.instanceType });
  const pendingAt = futurePending(observed, now);

  const blockers: Issue[] = [];
  if (observed.status !== 'running' && observed.status !== 'upgrading') {
    blockers.push(
      issueAt(
        desired,
        'plan/instance-not-running',
        'error',
        path,
        `instance ${observed.instanceId} is ${observed.status} (status ${observed.statusCode}), not running; ckafka-iac changes only running instances`,
        observed.status === 'isolated' ? 'renew the instance in the console, then re-plan' : 'wait until the instance is running, then re-plan',
      ),
    );
  }
  if (observed.edition === undefined) {
    blockers.push(
      issueAt(
        desired,
        'plan/spec-change-unsupported',
        'error',
        joinPath(path, 'edition'),
        `instance ${observed.instanceId} is of type "${observed.instanceType}", whose spec ckafka-iac cannot change (editions: standard, advanced, pro)`,
        'remove it from the declaration and manage it in the console',
      ),
    );
  }
  // The schedule matters only when something changes.
  if (changes.length > 0) blockers.push(...policyIssues(desired));
  const edition = observed.edition;
  if (blockers.length > 0 || edition === undefined) {
    return blocked({ desired, observed, capabilities, changes, issues: blockers, headline: blockers[0]?.message ?? '', reason: 'the instance is blocked', pendingAt });
  }

  if (changes.length === 0) {
    const cloudNote =
      observed.status === 'upgrading'
        ? `; a change is running in the cloud (status upgrading)`
        : pendingAt !== undefined
          ? `; a change is scheduled in the cloud for ${pendingAt} (the API does not reveal its target spec; the next plan after it runs shows any difference)`
          : '';
    return planned({
      desired,
      observed,
      action: 'none',
      summary: `matches the declared spec${cloudNote}`,
      changes,
      migration: { required: false, estimatedSeconds: null, mode: null, modeSelectable: capabilities.modeSelectable[observed.chargeType], basis: 'nothing changes' },
      schedule: unscheduled(desired, `nothing to schedule${cloudNote}`, pendingAt),
      cost: null,
      checks: [],
      steps: [],
      issues: elasticDiskIssues(desired, observed),
    });
  }

  const issues: Issue[] = [
    ...validateChange({ desired, observed, ...(facts === undefined ? {} : { facts }), now }).map((i) =>
      i.file === undefined && desired.source.file !== undefined ? { ...i, file: desired.source.file } : i,
    ),
    ...elasticDiskIssues(desired, observed),
  ];
  const conversion = desired.edition !== edition;
  // Safety net: the rules refuse conversions the catalog does not offer; never plan one anyway.
  if (conversion && !hasErrors(issues) && !CATALOG[edition].capabilities.convertTo.includes(desired.edition)) {
    issues.push(
      issueAt(
        desired,
        'plan/edition-conversion-unsupported',
        'error',
        joinPath(path, 'edition'),
        `${CATALOG[edition].label} edition cannot be converted to ${CATALOG[desired.edition].label}`,
        `keep edition: ${edition}`,
      ),
    );
  }
  if (hasErrors(issues)) {
    const first = issues.find((i) => i.severity === 'error');
    return blocked({ desired, observed, capabilities, changes, issues, headline: first?.message ?? 'the change is not allowed', reason: 'the change is not allowed', pendingAt });
  }

  for (const error of facts?.errors ?? []) {
    issues.push(
      issueAt(
        desired,
        'plan/facts-unavailable',
        'warning',
        path,
        `${FACT_WORDS[error.what]} (${error.code}: ${error.message})`,
        'the plan takes the safe side where it lacks facts; re-plan when the cloud answers',
      ),
    );
  }

  const migration = estimateMigration({ observed, declaredMode: desired.upgrade.mode, capabilities, ...(facts === undefined ? {} : { facts }), conversion });
  if (!migration.modeSelectable && desired.upgrade.mode === 'high-speed' && migration.required !== false) {
    issues.push(
      issueAt(
        desired,
        'plan/mode-not-selectable',
        'warning',
        joinPath(path, 'upgrade.mode'),
        observed.chargeType === 'PREPAID'
          ? `high-speed mode cannot be selected for prepaid instance ${observed.instanceId}: ModifyInstancePre takes no mode, so the cloud's default applies (assumed stable)`
          : `high-speed mode cannot be selected for ${observed.chargeType} instance ${observed.instanceId} on this cloud, so its default applies (assumed stable)`,
        'expect a stable (throttled) migration, or declare mode: stable to say so',
      ),
    );
  }

  const decision = scheduleChange(desired.upgrade.rebalance, migration.required, observed.rebalanceAt, now, migration.estimatedSeconds);
  const schedule = decision.schedule;
  const target = targetOf(desired);
  const manualConversion = conversion && !capabilities.editionConversionByApi;
  const steps = planSteps({
    name: desired.name,
    observed,
    target,
    migration,
    declaredMode: desired.upgrade.mode,
    schedule,
    pending: decision.pending,
    ownedByTerraform: desired.specOwner === 'terraform',
    ...(decision.retimeTo === undefined ? {} : { retimeTo: decision.retimeTo }),
    manualConversion,
  });
  const chargeFrom = schedule.startsAt === null ? now : new Date(Date.parse(schedule.startsAt));
  const cost = costOfChange({ observed, target, ...(facts === undefined ? {} : { facts }), chargeFrom });
  const checks = runChecks({ observed, target, migration, schedule, ...(facts === undefined ? {} : { facts }) });

  const failed = checks.filter((c) => c.status === 'fail');
  for (const c of failed) {
    issues.push({
      ...issueAt(desired, 'plan/check-failed', 'error', `checks.${c.id}`, `check ${c.id} failed: ${c.message}`, c.hint ?? 'fix what the check names'),
      remedies: [{ kind: 'ignore-check', check: c.id }],
    });
  }

  const scaleDown = isScaleDown(changes);
  const action: PlanAction = failed.length > 0 ? 'blocked' : scaleDown ? 'scale-down' : 'upgrade';
  const what = changeWords(changes);
  const how =
    manualConversion
      ? 'edition conversion in the console (manual step)'
      : decision.pending
        ? `scheduled in the cloud for ${schedule.startsAt ?? schedule.pendingAt ?? '?'}`
        : migration.required === false
          ? 'no data migrates'
          : `${migration.required === null ? 'may migrate data' : 'migrates data'} (${migration.mode ?? 'stable'}${migration.estimatedSeconds === null ? '' : `, est. ${formatDuration(migration.estimatedSeconds)}`})`;
  const summary = failed.length > 0 ? `blocked by ${failed.length === 1 ? 'check' : 'checks'} ${listSome(failed.map((c) => c.id))}: ${what}` : `${what}; ${how}`;

  return planned({ desired, observed, action, summary, changes, migration, schedule, cost, checks, steps, issues });
}
