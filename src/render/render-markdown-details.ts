/**
 * One instance's folded `<details>` block in the pull-request comment: its summary line, then one
 * section each for the changes, the target spec, migration, schedule and cost, checks, steps and
 * issues, and the fingerprint it was planned against. Each section is a list of lines ending with
 * a blank one, or none when it has nothing to say.
 */
import type { PlannedInstance } from '../plan/types';
import { assessRisks, type InstanceRisks } from './assess-risks';
import { codeSpan, nonEmpty } from './code-span';
import { describeAction } from './describe-change';
import { describeCost } from './describe-cost';
import { describeFix, describeIssueLocation, type RemedyWords } from './describe-fix';
import { describeMigration } from './describe-migration';
import { describeSchedule } from './describe-schedule';
import { describeStep } from './describe-step';
import { escapeHtml, escapeMarkdown } from './escape-markdown';
import { CHECK_ICONS, tableRow } from './render-markdown-row';

/** The `<details>` block of one instance; `plannedAt` is the plan's `createdAt`. */
export function renderMarkdownDetails(instance: PlannedInstance, remedyWords: RemedyWords | undefined, plannedAt: string): string {
  const risks = assessRisks(instance);
  const out = [
    ...summaryLines(instance, risks),
    ...changeLines(instance),
    ...targetLines(instance),
    ...factLines(instance, risks, plannedAt),
    ...checkLines(instance),
    ...stepLines(instance),
    ...issueLines(instance, remedyWords),
  ];
  out.push(`<sub>planned against fingerprint ${codeSpan(instance.fingerprint === '' ? 'none' : instance.fingerprint)}</sub>`, '', '</details>');
  return out.join('\n');
}

function summaryLines(instance: PlannedInstance, risks: InstanceRisks): string[] {
  const tags = [describeAction(instance.action)];
  if (risks.migrates) tags.push('data migrates');
  if (risks.highSpeed) tags.push('high-speed');
  if (risks.failingChecks.length > 0) tags.push('failing checks');
  if (risks.manualSteps > 0) tags.push('manual step');
  const id = instance.instanceId === null ? '' : ` (${escapeHtml(instance.instanceId)})`;
  // GitHub reads markdown inside <details> only after a blank line, and the <summary> line is
  // raw HTML, hence escapeHtml there and escapeMarkdown below.
  const out = ['<details>', `<summary><b>${escapeHtml(nonEmpty(instance.name))}</b>${id}: ${escapeHtml(tags.join(', '))}</summary>`, ''];
  if (instance.summary !== '') out.push(escapeMarkdown(instance.summary), '');
  return out;
}

function changeLines(instance: PlannedInstance): string[] {
  if (instance.changes.length === 0) return [];
  const out = ['| field | from | to |', '|---|---|---|'];
  for (const c of instance.changes) {
    const unit = c.unit === '' ? '' : ` ${c.unit}`;
    out.push(tableRow([codeSpan(c.field), escapeMarkdown(`${c.from}${unit}`), escapeMarkdown(`${c.to}${unit}`)]));
  }
  out.push('');
  return out;
}

function targetLines(instance: PlannedInstance): string[] {
  const t = instance.target;
  return [`Target spec: ${escapeMarkdown(`${t.edition}, ${t.bandwidthMBps} MB/s, ${t.diskGB} GB, ${t.partitions} partitions`)}`, ''];
}

/** Migration, schedule and cost as one list, for an instance that changes. */
function factLines(instance: PlannedInstance, risks: InstanceRisks, plannedAt: string): string[] {
  if (instance.changes.length === 0) return [];
  return [...migrationFacts(instance, risks), ...scheduleFacts(instance, plannedAt), ...costFacts(instance), ''];
}

/** Indented sub-items of a fact, the absent ones left out. */
function subItems(subs: readonly (string | undefined)[]): string[] {
  return subs.filter((sub): sub is string => sub !== undefined).map((sub) => `  - ${escapeMarkdown(sub)}`);
}

function migrationFacts(instance: PlannedInstance, risks: InstanceRisks): string[] {
  const m = describeMigration(instance.migration);
  const mode = m.mode === undefined ? '' : `, ${instance.migration.mode === 'high-speed' ? `**${escapeMarkdown(m.mode)}**` : escapeMarkdown(m.mode)}`;
  const assumed = m.assumed === undefined ? '' : ` ${escapeMarkdown(`(${m.assumed})`)}`;
  const estimate = m.estimate === undefined ? '' : `: ${escapeMarkdown(m.estimate)}`;
  const out = [`- **Migration:** ${escapeMarkdown(m.headline)}${estimate}${mode}${assumed}`, ...subItems([m.modeNote, m.impact, m.basis === '' ? undefined : `basis: ${m.basis}`])];
  if (risks.migrates && instance.observed.endpoints.length > 0) {
    const endpoints = instance.observed.endpoints.map((e) => codeSpan(`${e.vip}:${e.vport}`)).join(', ');
    out.push(`  - endpoints now: ${endpoints}`);
  }
  return out;
}

function scheduleFacts(instance: PlannedInstance, plannedAt: string): string[] {
  const s = describeSchedule(instance.schedule, plannedAt);
  return [
    `- **When:** ${escapeMarkdown(s.headline)}`,
    ...subItems([s.utc === undefined ? undefined : `in UTC: ${s.utc}`, s.window === undefined ? undefined : `window: ${s.window}`, s.pending, s.note === '' ? undefined : s.note]),
  ];
}

function costFacts(instance: PlannedInstance): string[] {
  const c = describeCost(instance.cost);
  return [`- **Cost:** ${escapeMarkdown(c.range === undefined ? c.headline : `${c.headline}: ${c.range}`)}`, ...subItems([c.hourly, c.prorated, c.note])];
}

function checkLines(instance: PlannedInstance): string[] {
  if (instance.checks.length === 0) return [];
  const out = ['**Checks**', ''];
  for (const check of instance.checks) {
    const hint = check.status !== 'pass' && check.hint !== undefined ? `<br>hint: ${escapeMarkdown(check.hint)}` : '';
    out.push(`- ${CHECK_ICONS[check.status]} ${codeSpan(check.id)}: ${escapeMarkdown(check.message)}${hint}`);
  }
  out.push('');
  return out;
}

function stepLines(instance: PlannedInstance): string[] {
  if (instance.steps.length === 0) return [];
  const out = ['**Steps**', ''];
  instance.steps.forEach((step, i) => {
    const words = describeStep(step, instance);
    let what: string;
    if (words.call) {
      const params = words.params === undefined ? '' : ` ${codeSpan(words.params)}`;
      const extra = words.extra === undefined ? '' : ` ${escapeMarkdown(`(${words.extra})`)}`;
      what = `${codeSpan(words.action)}${params}${extra}`;
    } else if (step.kind === 'manual') what = `**Manual step** ${escapeMarkdown('(apply refuses it)')}`;
    else what = escapeMarkdown(words.action);
    const description = step.description === '' ? '' : `: ${escapeMarkdown(step.description)}`;
    const consolePath = step.kind === 'manual' ? `<br>console: ${escapeMarkdown(step.consolePath)}` : '';
    out.push(`${i + 1}. ${what}${description}${consolePath}`);
  });
  out.push('');
  return out;
}

function issueLines(instance: PlannedInstance, remedyWords: RemedyWords | undefined): string[] {
  if (instance.issues.length === 0) return [];
  const out = ['**Issues**', ''];
  for (const issue of instance.issues) {
    const severity = issue.severity === 'error' ? '❌ error' : '⚠️ warning';
    const fix = describeFix(issue, remedyWords);
    const hint = fix === undefined ? '' : `<br>hint: ${escapeMarkdown(fix)}`;
    out.push(`- ${severity} ${codeSpan(issue.code)} at ${escapeMarkdown(describeIssueLocation(issue))}: ${escapeMarkdown(issue.message)}${hint}`);
  }
  out.push('');
  return out;
}
