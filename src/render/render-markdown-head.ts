/**
 * The head of the pull-request comment: the emulator warning, the bold verdict, the hidden marker
 * a workflow finds its comment by, and the risk banner (a GitHub alert) naming the instances a
 * reviewer must look at.
 */
import type { Plan, PlannedInstance } from '../plan/types';
import { assessRisks } from './assess-risks';
import { codeSpan, nonEmpty } from './code-span';
import { emulatorWarning } from './emulator-warning';
import { escapeMarkdown } from './escape-markdown';

/** What the head takes from the renderer's options (see `RenderMarkdownOptions`). */
export interface MarkdownHeadOptions {
  /**
   * Put before the verdict.
   *
   * @default the verdict alone
   */
  readonly title?: string;
  /**
   * Written as a hidden comment, sanitized.
   *
   * @default no marker
   */
  readonly marker?: string;
}

/** The head: emulator warning (above all else), verdict with its title, marker, risk banner. */
export function renderMarkdownHead(plan: Plan, options: MarkdownHeadOptions): string {
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
