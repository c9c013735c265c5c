/** The fleet table of the pull-request comment: its header and one row per instance. */
import type { PlanCheck, PlannedInstance } from '../plan/types';
import { formatDuration } from '../plan/words';
import { codeSpan, nonEmpty } from './code-span';
import { describeAction, describeChangeValues } from './describe-change';
import { describeCost } from './describe-cost';
import { describeMigration } from './describe-migration';
import { describeSchedule } from './describe-schedule';
import { escapeMarkdown } from './escape-markdown';

const TABLE_COLUMNS = ['instance', 'action', 'changes', 'migration', 'when', 'est. duration', 'cost/month', 'checks'];

/** A row of a markdown table from cells already escaped. */
export function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** The fleet table's header and its separator line. */
export const TABLE_HEADER = `${tableRow(TABLE_COLUMNS)}\n|${TABLE_COLUMNS.map(() => '---').join('|')}|`;

/** The icon of a check status, in the table and in the details. */
export const CHECK_ICONS = { pass: '✅', warn: '⚠️', fail: '❌' } as const;

/**
 * One instance's row of the fleet table: name and id, action, changes, migration, when, estimated
 * duration, monthly cost and check counts; `—` where the instance does not change.
 */
export function renderMarkdownRow(instance: PlannedInstance, plannedAt: string): string {
  const id = instance.instanceId === null ? 'no id' : codeSpan(instance.instanceId);
  const changing = instance.action !== 'none' && instance.changes.length > 0;
  const live = changing && instance.action !== 'blocked';
  const m = describeMigration(instance.migration);
  const highSpeed = instance.migration.mode === 'high-speed' && instance.migration.required === true;
  const migration = !changing ? '—' : highSpeed ? `**${escapeMarkdown(m.short)}**` : escapeMarkdown(m.short);
  // Whether data migrates may be unknown: the reviewer still sees how long it would take if it does.
  const ifUnknown = instance.migration.required === null ? ' if it migrates' : '';
  const duration =
    changing && instance.migration.required !== false
      ? instance.migration.estimatedSeconds === null
        ? 'unknown'
        : escapeMarkdown(`~${formatDuration(instance.migration.estimatedSeconds)}${ifUnknown}`)
      : '—';
  return tableRow([
    `**${escapeMarkdown(nonEmpty(instance.name))}**<br>${id}`,
    instance.action === 'blocked' ? '**blocked**' : escapeMarkdown(describeAction(instance.action)),
    instance.changes.length === 0 ? '—' : instance.changes.map((c) => `${codeSpan(c.field)} ${escapeMarkdown(describeChangeValues(c))}`).join('<br>'),
    migration,
    live ? escapeMarkdown(describeSchedule(instance.schedule, plannedAt).short) : '—',
    duration,
    changing ? escapeMarkdown(describeCost(instance.cost).short) : '—',
    checkCounts(instance.checks),
  ]);
}

function checkCounts(checks: readonly PlanCheck[]): string {
  const counts = (['fail', 'warn', 'pass'] as const)
    .map((status) => ({ status, n: checks.filter((c) => c.status === status).length }))
    .filter((x) => x.n > 0)
    .map((x) => `${CHECK_ICONS[x.status]} ${x.n}`);
  return counts.length === 0 ? '—' : counts.join(' ');
}
