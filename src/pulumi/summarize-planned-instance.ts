/**
 * The last plan of an instance in short, as the resource's `lastPlan` output: what changes,
 * whether data migrates, when and how, how long (an estimate), what it costs, which checks did not
 * pass, and what applying it did.
 */
import type { InstanceResult } from '../apply/apply-types';
import type { Plan, PlannedInstance } from '../plan/types';
import type { CkafkaPlanSummary } from './ckafka-instance-state';

const STATUS_ORDER = { fail: 0, warn: 1, pass: 2 } as const;

/** Summarises one planned instance of `plan`, with the apply result when it was applied. */
export function summarizePlannedInstance(plan: Plan, p: PlannedInstance, result?: Pick<InstanceResult, 'outcome' | 'message'>): CkafkaPlanSummary {
  const cost = p.cost;
  return {
    plannedAt: plan.createdAt,
    verdict: plan.summary.verdict,
    action: p.action,
    summary: p.summary,
    changes: p.changes.map((c) => ({ field: c.field, from: c.from, to: c.to, unit: c.unit })),
    migration: { required: p.migration.required, estimatedSeconds: p.migration.estimatedSeconds, mode: p.migration.mode, modeSelectable: p.migration.modeSelectable },
    schedule: { kind: p.schedule.kind, startsAt: p.schedule.startsAt, endsAt: p.schedule.endsAt ?? null, note: p.schedule.note },
    cost:
      cost === null
        ? null
        : {
            currency: cost.currency,
            source: cost.source,
            currentMonthly: cost.currentMonthly,
            targetMonthly: cost.targetMonthly,
            monthlyDelta: cost.monthlyDelta,
            hourlyDelta: cost.hourlyDelta ?? null,
            proratedCharge: cost.proratedCharge?.amount ?? null,
          },
    checks: p.checks
      .filter((c) => c.status !== 'pass')
      .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status])
      .map((c) => ({ id: c.id, status: c.status, message: c.message })),
    digest: plan.digest,
    outcome: result?.outcome ?? null,
    message: result?.message ?? null,
  };
}

/** One line on what a plan will do, for the provider's log. */
export function describePlannedInstance(p: PlannedInstance): string {
  const parts = [`${p.name}${p.instanceId === null ? '' : ` (${p.instanceId})`}: ${p.action} — ${p.summary}`];
  if (p.action === 'none') return parts[0] ?? '';
  if (p.migration.required !== false && p.migration.mode !== null)
    parts.push(`migration ${p.migration.required === null ? 'possible' : 'required'}, ${p.migration.mode} mode${p.migration.modeSelectable ? '' : ' (the cloud default; not selectable for this instance)'}`);
  if (p.migration.estimatedSeconds !== null) parts.push(`estimate ${Math.round(p.migration.estimatedSeconds / 60)} min`);
  parts.push(`schedule ${p.schedule.kind}${p.schedule.startsAt === null ? '' : ` from ${p.schedule.startsAt}`}${p.schedule.endsAt === undefined ? '' : ` until ${p.schedule.endsAt}`}`);
  if (p.cost !== null && p.cost.monthlyDelta !== null) parts.push(`cost ${p.cost.monthlyDelta >= 0 ? '+' : ''}${p.cost.monthlyDelta.toFixed(2)} ${p.cost.currency}/month (${p.cost.source})`);
  const failing = p.checks.filter((c) => c.status === 'fail').map((c) => c.id);
  if (failing.length > 0) parts.push(`failing checks: ${failing.join(', ')}`);
  return parts.join('; ');
}
