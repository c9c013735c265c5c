/**
 * The plan as a pull-request comment: verdict, risk banner, a table of the fleet, then one folded
 * block of full detail per instance, and a footer that ties the comment to the plan it shows.
 */
import type { Plan, PlanCheck, PlannedInstance } from '../plan/types';
import {
  assessRisks,
  describeAction,
  describeChangeValues,
  describeCost,
  describeIssueLocation,
  describeMigration,
  describeSchedule,
  emulatorWarning,
  describeStep,
  describeFix,
  type RemedyWords,
  formatUtc,
  needsAttention,
} from './_describe';
import { formatDuration } from '../plan/words';
import { escapeHtml, escapeMarkdown } from './escape-markdown';
import { buildTimeline } from './_timeline';
import { renderTimelineMarkdown } from './render-timeline-markdown';

/** GitHub's limit on the body of an issue or pull-request comment, in characters. */
export const GITHUB_COMMENT_LIMIT = 65536;

/** Options of {@link renderMarkdown}. */
export interface RenderMarkdownOptions {
  /**
   * Put before the verdict on the first line, e.g. the fleet or environment the plan is for.
   *
   * @default the first line is the verdict alone
   */
  readonly title?: string;
  /**
   * How remedies are worded (each front end names its own flags or inputs).
   *
   * @default words that name no flag (`describeRemedy`)
   */
  readonly remedyWords?: RemedyWords;
  /**
   * Link to the CI run that made the plan, shown in the footer. Only `http:` and `https:` URLs
   * become links; anything else is shown as text.
   *
   * @default no link
   */
  readonly runUrl?: string;
  /**
   * Written as a hidden `<!-- ckafka-iac plan: <marker> -->` comment, so a workflow can find its
   * one comment on the pull request and update it instead of adding another. Characters other
   * than letters, digits and `._:/+=-` become `_`, so the marker can never close the comment.
   *
   * @default no marker
   */
  readonly marker?: string;
  /**
   * Maximum length of the comment. Past it, details of unchanged instances are dropped first,
   * then unchanged instances share one table row, then instances that start together share a
   * timeline row, then details of the others are truncated, then their table rows; the timeline
   * is left out last. The comment says what was left out.
   *
   * @default 65,536 ({@link GITHUB_COMMENT_LIMIT})
   */
  readonly maxLength?: number;
}

/**
 * Renders a plan as a GitHub pull-request comment.
 *
 * The first line is the bold verdict. A risk banner (a GitHub alert) names the instances whose
 * data migrates (or may), that use high-speed mode, scale down, fail a check or are blocked. A table summarises the
 * fleet; a `<details>` block per instance holds the changes, migration, schedule, cost, checks,
 * steps and issues. When changes wait for a window or run long, a mermaid `gantt` timeline
 * (each instance's start, estimated end and window, in the window's time zone) follows the
 * table. Every string from the user or the cloud is escaped with
 * {@link escapeMarkdown} or {@link escapeHtml}, so it can neither break the table nor inject
 * markup, links or mentions. Pure and deterministic.
 */
export function renderMarkdown(plan: Plan, options: RenderMarkdownOptions = {}): string {
  const limit = Math.max(1000, Math.floor(options.maxLength ?? GITHUB_COMMENT_LIMIT));
  const attention = plan.instances.filter(needsAttention);
  const quiet = plan.instances.filter((i) => !needsAttention(i));
  const parts: Parts = {
    head: renderHead(plan, options),
    attentionRows: attention.map((i) => renderRow(i, plan.createdAt)),
    quietRows: quiet.map((i) => renderRow(i, plan.createdAt)),
    quietCount: quiet.length,
    attentionDetails: attention.map((i) => renderDetails(i, options.remedyWords, plan.createdAt)),
    quietDetails: quiet.map((i) => renderDetails(i, options.remedyWords, plan.createdAt)),
    footer: renderFooter(plan, options),
    ...renderTimelines(plan),
    limit,
    runLink: runLink(options.runUrl),
  };
  return fitLayout(parts);
}

/** The timeline section in full and with rows shared by instances that start together; empty when there is none. */
function renderTimelines(plan: Plan): Pick<Parts, 'timeline' | 'timelineGrouped'> {
  const full = buildTimeline(plan);
  const grouped = buildTimeline(plan, { group: true });
  return { timeline: full === undefined ? '' : renderTimelineMarkdown(full), timelineGrouped: grouped === undefined ? '' : renderTimelineMarkdown(grouped) };
}

// ---------------------------------------------------------------------------------------------
// Fitting the comment into the limit
// ---------------------------------------------------------------------------------------------

interface Parts {
  readonly head: string;
  readonly attentionRows: readonly string[];
  readonly quietRows: readonly string[];
  readonly quietCount: number;
  readonly attentionDetails: readonly string[];
  readonly quietDetails: readonly string[];
  readonly footer: string;
  /** The timeline section, one row per instance (up to the row limit); empty when there is none. */
  readonly timeline: string;
  /** The same with instances that start together in one row. */
  readonly timelineGrouped: string;
  readonly limit: number;
  readonly runLink: string | undefined;
}

interface Layout {
  readonly timeline: 'full' | 'grouped' | 'none';
  readonly quietDetails: boolean;
  readonly collapseQuiet: boolean;
  /** How many of the attention instances get their details. */
  readonly details: number;
  /** How many of the attention instances get a table row. */
  readonly rows: number;
}

function fitLayout(parts: Parts): string {
  const n = parts.attentionRows.length;
  const fits = (layout: Layout): string | undefined => {
    const text = assemble(parts, layout);
    return text.length <= parts.limit ? text : undefined;
  };
  const candidates: Layout[] = [
    { timeline: 'full', quietDetails: true, collapseQuiet: false, details: n, rows: n },
    { timeline: 'full', quietDetails: false, collapseQuiet: false, details: n, rows: n },
    { timeline: 'full', quietDetails: false, collapseQuiet: true, details: n, rows: n },
    { timeline: 'grouped', quietDetails: false, collapseQuiet: true, details: n, rows: n },
  ];
  for (const layout of candidates) {
    const text = fits(layout);
    if (text !== undefined) return text;
  }
  // Lengths grow with each detail block or row kept, so the largest count that fits is found by
  // bisection; keeping the first ones preserves the plan's order. The timeline (grouped, a few
  // dozen lines) pictures the whole plan, so it is kept over details and table rows, and left out
  // only when it does not fit with even no row.
  const details = largestFitting(n, (k) => fits({ timeline: 'grouped', quietDetails: false, collapseQuiet: true, details: k, rows: n }));
  if (details !== undefined) return details;
  for (const timeline of ['grouped', 'none'] as const) {
    const rows = largestFitting(n, (k) => fits({ timeline, quietDetails: false, collapseQuiet: true, details: 0, rows: k }));
    if (rows !== undefined) return rows;
  }
  return cutToLimit(assemble(parts, { timeline: 'none', quietDetails: false, collapseQuiet: true, details: 0, rows: 0 }), parts.limit);
}

function largestFitting(n: number, attempt: (k: number) => string | undefined): string | undefined {
  let lo = 0;
  let hi = n;
  let best: string | undefined;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    const text = attempt(mid);
    if (text === undefined) hi = mid - 1;
    else {
      best = text;
      lo = mid + 1;
    }
  }
  return best;
}

/** The last resort, when even the verdict and banner alone are too long (absurdly long names). */
function cutToLimit(text: string, limit: number): string {
  const tail = '\n\n**This comment was cut at the length limit.** The full plan is in the JSON plan.\n';
  let cut = text.slice(0, limit - tail.length);
  const lastBreak = cut.lastIndexOf('\n');
  if (lastBreak > 0) cut = cut.slice(0, lastBreak);
  return `${cut}${tail}`;
}

function assemble(parts: Parts, layout: Layout): string {
  const sections: string[] = [parts.head];
  const notice = renderNotice(parts, layout);
  if (notice !== '') sections.push(notice);
  const total = parts.attentionRows.length + parts.quietRows.length;
  if (total > 0) {
    const rows = [TABLE_HEADER, ...parts.attentionRows.slice(0, layout.rows)];
    const hiddenRows = parts.attentionRows.length - layout.rows;
    if (hiddenRows > 0) rows.push(tableRow([`*${count(hiddenRows, 'more instance')} not shown*`, '…', '…', '…', '…', '…', '…', '…']));
    if (layout.collapseQuiet && parts.quietCount > 0) {
      rows.push(tableRow([`*${count(parts.quietCount, 'unchanged instance')}*`, 'no changes', '—', '—', '—', '—', '—', '—']));
    } else rows.push(...parts.quietRows);
    sections.push(rows.join('\n'));
  } else sections.push('No instances are declared.');
  const timeline = layout.timeline === 'full' ? parts.timeline : layout.timeline === 'grouped' ? parts.timelineGrouped : '';
  if (timeline !== '') sections.push(timeline);
  sections.push(...parts.attentionDetails.slice(0, layout.details));
  if (layout.quietDetails) sections.push(...parts.quietDetails);
  sections.push(parts.footer);
  return `${sections.join('\n\n')}\n`;
}

function renderNotice(parts: Parts, layout: Layout): string {
  const left: string[] = [];
  const n = parts.attentionRows.length;
  if (!layout.quietDetails && parts.quietDetails.length > 0) left.push(`details of ${count(parts.quietCount, 'unchanged instance')} are left out`);
  if (layout.collapseQuiet && parts.quietCount > 0) left.push('unchanged instances share one table row');
  const review = `${count(n, 'instance')} to review`;
  if (layout.details < n) {
    left.push(layout.details === 0 ? `details of all ${review} are left out` : `details are shown for the first ${layout.details} of ${review}`);
  }
  if (layout.rows < n) left.push(`the table lists the first ${layout.rows} of ${review}`);
  if (parts.timeline !== '' && layout.timeline === 'none') left.push('the timeline is left out');
  else if (layout.timeline === 'grouped' && parts.timelineGrouped !== parts.timeline) left.push('instances that start together share a timeline row');
  if (left.length === 0) return '';
  const where = parts.runLink === undefined ? 'in the JSON plan (`ckafka plan --format json`)' : `in the JSON plan and the ${parts.runLink}`;
  return [
    '> [!NOTE]',
    `> This comment is shortened to stay within the ${parts.limit.toLocaleString('en-US')}-character limit of a comment: ${left.join('; ')}. The full plan is ${where}.`,
  ].join('\n');
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

// ---------------------------------------------------------------------------------------------
// Head: verdict, marker, risk banner
// ---------------------------------------------------------------------------------------------

function renderHead(plan: Plan, options: RenderMarkdownOptions): string {
  const verdict = escapeMarkdown(plan.summary.verdict);
  const title = options.title === undefined || options.title.trim() === '' ? '' : `${escapeMarkdown(options.title)}: `;
  const emulator = emulatorWarning(plan);
  // Above the verdict: a reviewer must not take an emulated fleet for production.
  const lines = [...(emulator === undefined ? [] : ['> [!WARNING]', `> **${escapeMarkdown(emulator)}**`, '']), `**${title}${verdict}**`];
  if (options.marker !== undefined) lines.push('', `<!-- ckafka-iac plan: ${sanitizeMarker(options.marker)} -->`);
  const banner = renderBanner(plan.instances);
  if (banner !== '') lines.push('', banner);
  return lines.join('\n');
}

/** Keeps a marker to characters that can neither end the HTML comment nor surprise a search. */
function sanitizeMarker(marker: string): string {
  return marker.replace(/[^A-Za-z0-9._:/+=-]/g, '_').replace(/-{2,}/g, '-');
}

/** Names listed per banner line before "and N more", so a huge fleet cannot flood the banner. */
const BANNER_NAMES = 10;

function renderBanner(instances: readonly PlannedInstance[]): string {
  const migrates: string[] = [];
  const unassessed: string[] = [];
  const highSpeed: string[] = [];
  const scalesDown: string[] = [];
  const failing: string[] = [];
  const blocked: string[] = [];
  const manual: string[] = [];
  for (const instance of instances) {
    const risks = assessRisks(instance);
    const name = bannerName(instance);
    if (risks.migrates) migrates.push(name);
    if (risks.migrationUnknown) unassessed.push(name);
    if (risks.highSpeed) highSpeed.push(name);
    if (risks.scalesDown) scalesDown.push(name);
    if (risks.failingChecks.length > 0) failing.push(`${name} (${risks.failingChecks.map((c) => codeSpan(c.id)).join(', ')})`);
    // Blocked by something other than a check (not found, not running, unsupported change).
    else if (instance.action === 'blocked') blocked.push(`${name} (${instance.issues.map((i) => codeSpan(i.code)).join(', ') || 'see details'})`);
    if (risks.manualSteps > 0) manual.push(name);
  }
  const risky = migrates.length + unassessed.length + highSpeed.length + scalesDown.length + failing.length + blocked.length > 0;
  if (!risky && manual.length === 0) return '';
  // CAUTION for what can hurt production or stop the apply; WARNING when data migrates (or may).
  const kind = failing.length + blocked.length + highSpeed.length + scalesDown.length > 0 ? 'CAUTION' : risky ? 'WARNING' : 'IMPORTANT';
  const lines = [`> [!${kind}]`];
  const item = (label: string, why: string, names: readonly string[]): void => {
    if (names.length > 0) lines.push(`> - **${label}** ${escapeMarkdown(why)}: ${listNames(names)}`);
  };
  item('Data migrates', '(ports may change, single-replica topics are unavailable, leaders switch)', migrates);
  item('Migration not assessed', '(the cloud could not say whether data migrates; assume it does)', unassessed);
  item('High-speed mode', '(unthrottled, competes with production traffic)', highSpeed);
  item('Scale-down', '(less bandwidth or disk; check the last 7 days of usage)', scalesDown);
  item('Failing checks', '(blocked until fixed)', failing);
  item('Blocked', '(apply skips them)', blocked);
  item('Manual steps', '(apply refuses them; do them in the console)', manual);
  return lines.join('\n');
}

function bannerName(instance: PlannedInstance): string {
  return `**${escapeMarkdown(nonEmpty(instance.name))}**`;
}

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, BANNER_NAMES).join(', ');
  return names.length > BANNER_NAMES ? `${shown} and ${names.length - BANNER_NAMES} more` : shown;
}

// ---------------------------------------------------------------------------------------------
// The fleet table
// ---------------------------------------------------------------------------------------------

const TABLE_COLUMNS = ['instance', 'action', 'changes', 'migration', 'when', 'est. duration', 'cost/month', 'checks'];
const TABLE_HEADER = `${tableRow(TABLE_COLUMNS)}\n|${TABLE_COLUMNS.map(() => '---').join('|')}|`;

function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function renderRow(instance: PlannedInstance, plannedAt: string): string {
  const id = instance.instanceId === null ? 'no id' : codeSpan(instance.instanceId);
  const changing = instance.action !== 'none' && instance.changes.length > 0;
  const live = changing && instance.action !== 'blocked';
  const m = describeMigration(instance.migration);
  const highSpeed = instance.migration.mode === 'high-speed' && instance.migration.required === true;
  const migration = !changing ? '—' : highSpeed ? `**${escapeMarkdown(m.short)}**` : escapeMarkdown(m.short);
  const duration =
    changing && instance.migration.required === true
      ? instance.migration.estimatedSeconds === null
        ? 'unknown'
        : escapeMarkdown(`~${formatDuration(instance.migration.estimatedSeconds)}`)
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

const CHECK_ICONS = { pass: '✅', warn: '⚠️', fail: '❌' } as const;

function checkCounts(checks: readonly PlanCheck[]): string {
  const counts = (['fail', 'warn', 'pass'] as const)
    .map((status) => ({ status, n: checks.filter((c) => c.status === status).length }))
    .filter((x) => x.n > 0)
    .map((x) => `${CHECK_ICONS[x.status]} ${x.n}`);
  return counts.length === 0 ? '—' : counts.join(' ');
}

// ---------------------------------------------------------------------------------------------
// Details of one instance
// ---------------------------------------------------------------------------------------------

function renderDetails(instance: PlannedInstance, remedyWords: RemedyWords | undefined, plannedAt: string): string {
  const risks = assessRisks(instance);
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

  if (instance.changes.length > 0) {
    out.push('| field | from | to |', '|---|---|---|');
    for (const c of instance.changes) {
      const unit = c.unit === '' ? '' : ` ${c.unit}`;
      out.push(tableRow([codeSpan(c.field), escapeMarkdown(`${c.from}${unit}`), escapeMarkdown(`${c.to}${unit}`)]));
    }
    out.push('');
  }
  const t = instance.target;
  out.push(`Target spec: ${escapeMarkdown(`${t.edition}, ${t.bandwidthMBps} MB/s, ${t.diskGB} GB, ${t.partitions} partitions`)}`, '');

  const facts: string[] = [];
  if (instance.changes.length > 0) {
    const m = describeMigration(instance.migration);
    const mode = m.mode === undefined ? '' : `, ${instance.migration.mode === 'high-speed' ? `**${escapeMarkdown(m.mode)}**` : escapeMarkdown(m.mode)}`;
    const assumed = m.assumed === undefined ? '' : ` ${escapeMarkdown(`(${m.assumed})`)}`;
    const estimate = m.estimate === undefined ? '' : `: ${escapeMarkdown(m.estimate)}`;
    facts.push(`- **Migration:** ${escapeMarkdown(m.headline)}${estimate}${mode}${assumed}`);
    for (const sub of [m.modeNote, m.impact, m.basis === '' ? undefined : `basis: ${m.basis}`]) {
      if (sub !== undefined) facts.push(`  - ${escapeMarkdown(sub)}`);
    }
    if (risks.migrates && instance.observed.endpoints.length > 0) {
      const endpoints = instance.observed.endpoints.map((e) => codeSpan(`${e.vip}:${e.vport}`)).join(', ');
      facts.push(`  - endpoints now: ${endpoints}`);
    }

    const s = describeSchedule(instance.schedule, plannedAt);
    facts.push(`- **When:** ${escapeMarkdown(s.headline)}`);
    const scheduleSubs = [
      s.utc === undefined ? undefined : `in UTC: ${s.utc}`,
      s.window === undefined ? undefined : `window: ${s.window}`,
      s.pending,
      s.note === '' ? undefined : s.note,
    ];
    for (const sub of scheduleSubs) {
      if (sub !== undefined) facts.push(`  - ${escapeMarkdown(sub)}`);
    }

    const c = describeCost(instance.cost);
    facts.push(`- **Cost:** ${escapeMarkdown(c.range === undefined ? c.headline : `${c.headline}: ${c.range}`)}`);
    for (const sub of [c.hourly, c.prorated, c.note]) if (sub !== undefined) facts.push(`  - ${escapeMarkdown(sub)}`);
  }
  if (facts.length > 0) out.push(...facts, '');

  if (instance.checks.length > 0) {
    out.push('**Checks**', '');
    for (const check of instance.checks) {
      const hint = check.status !== 'pass' && check.hint !== undefined ? `<br>hint: ${escapeMarkdown(check.hint)}` : '';
      out.push(`- ${CHECK_ICONS[check.status]} ${codeSpan(check.id)}: ${escapeMarkdown(check.message)}${hint}`);
    }
    out.push('');
  }

  if (instance.steps.length > 0) {
    out.push('**Steps**', '');
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
  }

  if (instance.issues.length > 0) {
    out.push('**Issues**', '');
    for (const issue of instance.issues) {
      const severity = issue.severity === 'error' ? '❌ error' : '⚠️ warning';
      const fix = describeFix(issue, remedyWords);
      const hint = fix === undefined ? '' : `<br>hint: ${escapeMarkdown(fix)}`;
      out.push(`- ${severity} ${codeSpan(issue.code)} at ${escapeMarkdown(describeIssueLocation(issue))}: ${escapeMarkdown(issue.message)}${hint}`);
    }
    out.push('');
  }

  out.push(`<sub>planned against fingerprint ${codeSpan(instance.fingerprint === '' ? 'none' : instance.fingerprint)}</sub>`, '', '</details>');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Footer and helpers
// ---------------------------------------------------------------------------------------------

function renderFooter(plan: Plan, options: RenderMarkdownOptions): string {
  const items = [
    `planned ${escapeMarkdown(formatUtc(plan.createdAt))}`,
    `cloud ${codeSpan(plan.cloud.kind)}`,
    ...(plan.region === null ? [] : [`region ${codeSpan(plan.region)}`]),
    `plan format ${escapeMarkdown(String(plan.formatVersion))}`,
    `digest ${codeSpan(plan.digest)}`,
  ];
  const link = runLink(options.runUrl);
  if (link !== undefined) items.push(link);
  else if (options.runUrl !== undefined && options.runUrl.trim() !== '') items.push(`run ${escapeMarkdown(options.runUrl)}`);
  return `---\n\n<sub>${items.join(' · ')}</sub>`;
}

/** A markdown link to the CI run, or `undefined` unless the URL is http(s). */
function runLink(runUrl: string | undefined): string | undefined {
  if (runUrl === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(runUrl.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  // URL serialisation percent-encodes spaces, quotes and angle brackets; parentheses would
  // still end the link destination early.
  const href = url.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
  return `[CI run](${href})`;
}

// Code spans cannot be escaped from inside, so only text that needs no escaping becomes code.
const CODE_SAFE = /^[A-Za-z0-9][A-Za-z0-9._:/=,+ -]*$/;

/** A value as inline code when it is plainly safe (ids, codes, parameters), else escaped text. */
function codeSpan(text: string): string {
  return CODE_SAFE.test(text) && !text.endsWith(' ') ? `\`${text}\`` : escapeMarkdown(text);
}

function nonEmpty(name: string): string {
  return name.trim() === '' ? '(no name)' : name;
}
