/**
 * The facts of a planned diff as diagnostics, and how they reach the log: each one line at its
 * severity, and as data to a logger that takes diagnostics.
 */
import type { Plan, PlannedInstance } from '../../plan/types';
import { describeCost } from '../../render/describe-cost';
import { describeMigration } from '../../render/describe-migration';
import { describeSchedule } from '../../render/describe-schedule';
import type { CkafkaDiagnostic } from '../ckafka-diagnostic';
import { formatInputIssue, type ResolvedInputs } from '../check-instance-inputs';
import { loggerOf, type ProviderContext } from './context';

/** Logs each diagnostic as a line at its severity, and hands it to the logger's `diagnostic`. */
export function report(ctx: ProviderContext, diagnostics: readonly CkafkaDiagnostic[]): void {
  const log = loggerOf(ctx);
  for (const d of diagnostics) {
    if (d.severity === 'warning') log.warn(d.message);
    else log.info(d.message);
    log.diagnostic?.(d);
  }
}

/** Whether the change may start only after the plan was made, so `pulumi up` now defers it. */
function defers(plan: Plan, p: PlannedInstance, r: ResolvedInputs): boolean {
  const startsAt = p.schedule.startsAt;
  return p.action !== 'blocked' && p.schedule.kind !== 'now' && startsAt !== null && Date.parse(startsAt) > Date.parse(plan.createdAt) && !r.behaviour.wait;
}

/**
 * The plan's verdict on one instance as diagnostics: the verdict; when the change is planned, its
 * migration, mode and estimate (when data migrates or may), window and cost; each failing check,
 * with whether `ignoreChecks` passes over it; and the plan's other issues.
 */
export function planDiagnostics(plan: Plan, p: PlannedInstance, r: ResolvedInputs): CkafkaDiagnostic[] {
  const instance = p.name;
  const out: CkafkaDiagnostic[] = [
    { topic: 'verdict', severity: 'info', instance, message: `${instance}: verdict: ${p.action}: ${p.summary}`, action: p.action, summary: p.summary, digest: plan.digest },
  ];
  const startsAt = p.schedule.startsAt;
  if (startsAt !== null) {
    const m = describeMigration(p.migration);
    out.push({ topic: 'migration', severity: 'info', instance, message: `${instance}: migration: ${m.headline}`, required: p.migration.required, basis: p.migration.basis });
    if (p.migration.required !== false) {
      const mode = p.migration.mode ?? 'unknown';
      const how = p.migration.modeSelectable ? 'as declared' : "assumed: the cloud's default applies to this instance";
      out.push({ topic: 'mode', severity: 'info', instance, message: `${instance}: mode: ${mode} (${how})`, mode: p.migration.mode, selectable: p.migration.modeSelectable });
      out.push({ topic: 'estimate', severity: 'info', instance, message: `${instance}: estimate: ${m.estimate ?? 'duration unknown'}`, seconds: p.migration.estimatedSeconds });
    }
    const deferred = defers(plan, p, r);
    const later = deferred
      ? `; the change may start at ${startsAt}; before that \`pulumi up\` defers it: the update succeeds without it and the next \`pulumi up\` shows it again (set wait: true to wait instead)`
      : '';
    out.push({
      topic: 'window',
      severity: 'info',
      instance,
      message: `${instance}: window: ${describeSchedule(p.schedule).headline}${later}`,
      kind: p.schedule.kind,
      startsAt,
      endsAt: p.schedule.endsAt ?? null,
      timezone: p.schedule.window?.timezone ?? null,
      deferred,
    });
    const cost = p.cost;
    out.push({
      topic: 'cost',
      severity: 'info',
      instance,
      message: `${instance}: cost: ${describeCost(cost).headline}`,
      currency: cost?.currency ?? null,
      source: cost?.source ?? null,
      monthlyDelta: cost?.monthlyDelta ?? null,
      hourlyDelta: cost?.hourlyDelta ?? null,
      proratedCharge: cost?.proratedCharge?.amount ?? null,
    });
  }
  for (const c of p.checks.filter((x) => x.status === 'fail')) {
    const ignored = r.behaviour.ignoreChecks.includes(c.id);
    const then = ignored ? ' (passed over: listed in ignoreChecks)' : `; the update will fail unless "${c.id}" is in ignoreChecks`;
    out.push({ topic: 'check', severity: 'warning', instance, message: `${instance}: check ${c.id} fails: ${c.message}${then}`, check: c.id, checkMessage: c.message, ignored });
  }
  // A failing check is reported above, with how to pass over it.
  for (const i of p.issues.filter((x) => x.code !== 'plan/check-failed'))
    out.push({ topic: 'issue', severity: 'warning', instance, message: `${instance}: ${formatInputIssue(i)}`, code: i.code, path: i.path });
  return out;
}
