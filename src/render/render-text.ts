/**
 * The plan for a terminal, in the manner of `terraform plan`: a verdict, then one block per
 * instance that changes, then the unchanged ones on a line.
 */
import type { CheckStatus, Plan, PlannedInstance, PlanAction } from '../plan/types';
import { assessRisks, needsAttention } from './assess-risks';
import { describeChange } from './describe-change';
import { describeCost } from './describe-cost';
import { describeFix, describeIssueLocation, type RemedyWords } from './describe-fix';
import { describeMigration } from './describe-migration';
import { describeSchedule } from './describe-schedule';
import { describeStep, formatStep } from './describe-step';
import { emulatorWarning } from './emulator-warning';
import { formatUtc } from './zoned-time';
import { ANSI_PALETTE, PLAIN_PALETTE, type Paint, type Palette } from './_palette';
import { escapeTerminalLine, escapeTerminalText } from './escape-terminal';
import { buildTimeline } from './_timeline';
import { renderTimelineText } from './render-timeline-text';

/** Options of {@link renderText}. */
export interface RenderTextOptions {
  /**
   * Colour the output with ANSI codes. The CLI decides (NO_COLOR, whether stdout is a TTY).
   *
   * @default false: the output contains no escape codes at all
   */
  readonly color?: boolean;
  /**
   * Column at which prose (messages, notes, hints) wraps; tokens are never split.
   *
   * @default 100 columns; values below 40 are treated as 40
   */
  readonly width?: number;
  /**
   * How remedies are worded (each front end names its own flags or inputs).
   *
   * @default words that name no flag (`describeRemedy`)
   */
  readonly remedyWords?: RemedyWords;
}

const DEFAULT_WIDTH = 100;
const MIN_WIDTH = 40;
const INDENT = '    ';
/** Wide enough for the longest label, `migration`, plus two spaces. */
const LABEL_WIDTH = 11;
// eslint-disable-next-line no-control-regex -- the colour codes this strips start with ESC
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * Renders a plan for a terminal.
 *
 * The first line is the verdict. When changes wait for a window or run long, an ASCII timeline
 * follows (each instance's start, estimated end and window, in the window's time zone). Each
 * instance that changes, is blocked or has something to say
 * gets a block: `~` upgrade, `-` scale-down, `!` blocked; its changed fields, migration, schedule,
 * cost, checks, numbered steps and issues. Unchanged instances are listed together at the end.
 * Text from the user or the cloud has control characters shown as escapes, so a name cannot
 * move the cursor or colour the terminal. Pure and deterministic: same plan, same string.
 */
export function renderText(plan: Plan, options: RenderTextOptions = {}): string {
  const palette = options.color === true ? ANSI_PALETTE : PLAIN_PALETTE;
  const width = Math.max(MIN_WIDTH, Math.floor(options.width ?? DEFAULT_WIDTH));
  const out: string[] = [];
  const w = new TextWriter(out, width, palette);

  // Above the verdict: nobody must take an emulated fleet for production.
  const emulator = emulatorWarning(plan);
  if (emulator !== undefined) w.put(palette.yellow('⚠ '), '  ', emulator, palette.yellow);
  // The verdict stays on one line, whatever the width: pipelines grep for it.
  out.push(palette.bold(escapeTerminalLine(plan.summary.verdict)));
  const where = [plan.region === null ? undefined : `region ${plan.region}`, `cloud ${plan.cloud.kind}`, `planned ${formatUtc(plan.createdAt)}`]
    .filter((x): x is string => x !== undefined)
    .join(' · ');
  w.put('', '', where, palette.dim);
  renderTimeline(w, plan);

  const detailed = plan.instances.filter(needsAttention);
  const unchanged = plan.instances.filter((i) => !needsAttention(i));
  for (const instance of detailed) {
    out.push('');
    renderInstance(w, instance, options.remedyWords, plan.createdAt);
  }
  if (plan.instances.length === 0) {
    out.push('');
    w.put('', '', 'no instances declared', palette.dim);
  }
  if (unchanged.length > 0) {
    out.push('');
    const head = `= unchanged (${unchanged.length}): `;
    w.put(palette.dim(head), ' '.repeat(head.length), unchanged.map((i) => escapeTerminalLine(instanceLabel(i))).join(', '), palette.dim);
  }
  out.push('');
  out.push(palette.dim(`digest ${escapeTerminalLine(plan.digest)}`));
  return `${out.join('\n')}\n`;
}

/** The timeline block, when changes wait for a window or run long. */
function renderTimeline(w: TextWriter, plan: Plan): void {
  const timeline = buildTimeline(plan);
  if (timeline === undefined) return;
  w.out.push('');
  for (const line of renderTimelineText(timeline, { width: w.width, escape: escapeTerminalLine })) w.put(line.head, ' '.repeat(line.head.length), line.text, identity);
}

const SIGILS: Readonly<Record<PlanAction, string>> = { none: '=', upgrade: '~', 'scale-down': '-', blocked: '!' };

function actionPaint(action: PlanAction, palette: Palette): Paint {
  if (action === 'blocked') return palette.red;
  if (action === 'none') return palette.dim;
  return palette.yellow;
}

function instanceLabel(instance: PlannedInstance): string {
  const name = instance.name.trim() === '' ? '(no name)' : instance.name;
  return instance.instanceId === null ? name : `${name} (${instance.instanceId})`;
}

function renderInstance(w: TextWriter, instance: PlannedInstance, remedyWords: RemedyWords | undefined, plannedAt: string): void {
  const { palette } = w;
  const paint = actionPaint(instance.action, palette);
  const action = instance.action === 'none' ? 'no changes' : instance.action;
  w.out.push(`${paint(`${SIGILS[instance.action]} ${escapeTerminalLine(instanceLabel(instance))}`)}  ${paint(action)}`);
  if (instance.summary !== '') w.put(INDENT, INDENT, instance.summary, identity);
  for (const change of instance.changes) {
    w.put(`${INDENT}${palette.yellow('~')} `, `${INDENT}  `, describeChange(change), identity);
  }

  const label = (name: string): string => INDENT + name.padEnd(LABEL_WIDTH);
  const pad = label('');
  if (instance.changes.length > 0) {
    const m = describeMigration(instance.migration);
    const mode = m.mode === undefined ? '' : `, ${m.mode}`;
    const assumed = m.assumed === undefined ? '' : ` (${m.assumed})`;
    const estimate = m.estimate === undefined ? '' : `: ${m.estimate}`;
    const paintMigration = instance.migration.required === true && instance.migration.mode === 'high-speed' ? palette.yellow : identity;
    w.put(label('migration'), pad, `${m.headline}${estimate}${mode}${assumed}`, paintMigration);
    if (m.modeNote !== undefined) w.put(pad, pad, m.modeNote, palette.dim);
    if (m.impact !== undefined) w.put(pad, pad, m.impact, palette.dim);
    if (m.basis !== '') w.put(pad, pad, `basis: ${m.basis}`, palette.dim);

    const s = describeSchedule(instance.schedule, plannedAt);
    w.put(label('schedule'), pad, s.headline, identity);
    if (s.utc !== undefined) w.put(pad, pad, `in UTC: ${s.utc}`, palette.dim);
    if (s.window !== undefined) w.put(pad, pad, `window: ${s.window}`, palette.dim);
    if (s.pending !== undefined) w.put(pad, pad, s.pending, palette.yellow);
    if (s.note !== '') w.put(pad, pad, s.note, palette.dim);

    const c = describeCost(instance.cost);
    w.put(label('cost'), pad, c.range === undefined ? c.headline : `${c.headline}: ${c.range}`, identity);
    if (c.hourly !== undefined) w.put(pad, pad, c.hourly, identity);
    if (c.prorated !== undefined) w.put(pad, pad, c.prorated, identity);
    if (c.note !== undefined) w.put(pad, pad, c.note, palette.dim);
  }

  if (instance.checks.length > 0) {
    const checksHead = label('checks');
    instance.checks.forEach((check, i) => {
      const symbolPaint = check.status === 'pass' ? palette.green : check.status === 'warn' ? palette.yellow : palette.red;
      const head = `${i === 0 ? checksHead : pad}${symbolPaint(checkSymbol(check.status))} `;
      w.put(head, `${pad}  `, `${check.id}: ${check.message}`, identity);
      if (check.status !== 'pass' && check.hint !== undefined) w.put(`${pad}  `, `${pad}  `, `hint: ${check.hint}`, palette.dim);
    });
  }

  if (instance.steps.length > 0) {
    const stepsHead = label('steps');
    instance.steps.forEach((step, i) => {
      const number = `${i + 1}. `;
      const head = `${i === 0 ? stepsHead : pad}${number}`;
      const cont = pad + ' '.repeat(number.length);
      const paintStep = step.kind === 'manual' ? palette.yellow : identity;
      w.put(head, cont, formatStep(describeStep(step, instance)), paintStep);
      if (step.description !== '') w.put(cont, cont, step.description, palette.dim);
      if (step.kind === 'manual') w.put(cont, cont, `console: ${step.consolePath}`, identity);
    });
  } else if (instance.action === 'blocked') {
    w.put(label('steps'), pad, 'none: the instance is blocked', palette.red);
  }

  if (instance.issues.length > 0) {
    const issuesHead = label('issues');
    instance.issues.forEach((issue, i) => {
      const severity = issue.severity === 'error' ? palette.red('✗ error') : palette.yellow('! warning');
      const head = `${i === 0 ? issuesHead : pad}${severity} `;
      w.put(head, `${pad}  `, `${issue.code} at ${describeIssueLocation(issue)}: ${issue.message}`, identity);
      const fix = describeFix(issue, remedyWords);
      if (fix !== undefined) w.put(`${pad}  `, `${pad}  `, `hint: ${fix}`, palette.dim);
    });
  }

  const risks = assessRisks(instance);
  if (risks.manualSteps > 0) {
    w.put(INDENT, INDENT, 'apply refuses manual steps: do them in the console, then plan again', palette.yellow);
  }
}

/** The symbol of a check status: ✓ pass, ! warn, ✗ fail. */
function checkSymbol(status: CheckStatus): string {
  return status === 'pass' ? '✓' : status === 'warn' ? '!' : '✗';
}

const identity: Paint = (text) => text;

/** Accumulates lines, wrapping prose after a prefix. */
class TextWriter {
  constructor(
    readonly out: string[],
    readonly width: number,
    readonly palette: Palette,
  ) {}

  /** Writes `text`, controls escaped and wrapped to the width: the first line after `head`, the others after `cont`. */
  put(head: string, cont: string, text: string, paint: Paint): void {
    const room = Math.max(20, this.width - Math.max(visibleLength(head), cont.length));
    wrap(escapeTerminalText(text), room).forEach((line, i) => this.out.push(`${i === 0 ? head : cont}${paint(line)}`.trimEnd()));
  }
}

function visibleLength(text: string): number {
  return text.replace(ANSI, '').length;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    // A blank line inside a block would read as the end of the instance.
    if (paragraph.trim() === '' && lines.length > 0) continue;
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (word === '') continue;
      if (line === '') line = word;
      else if (line.length + 1 + word.length <= width) line += ` ${word}`;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}
