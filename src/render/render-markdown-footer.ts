/** The footer of the pull-request comment: what ties it to the plan it shows, and the CI run that made it. */
import type { Plan } from '../plan/types';
import { codeSpan } from './code-span';
import { escapeMarkdown } from './escape-markdown';
import { formatUtc } from './zoned-time';

/**
 * The footer: when the plan was made, its cloud, region, format and digest, and a link to the CI
 * run (only an http(s) URL becomes a link; anything else is shown as escaped text).
 */
export function renderMarkdownFooter(plan: Plan, runUrl: string | undefined): string {
  const items = [
    `planned ${escapeMarkdown(formatUtc(plan.createdAt))}`,
    `cloud ${codeSpan(plan.cloud.kind)}`,
    ...(plan.region === null ? [] : [`region ${codeSpan(plan.region)}`]),
    `plan format ${escapeMarkdown(String(plan.formatVersion))}`,
    `digest ${codeSpan(plan.digest)}`,
  ];
  const link = runLink(runUrl);
  if (link !== undefined) items.push(link);
  else if (runUrl !== undefined && runUrl.trim() !== '') items.push(`run ${escapeMarkdown(runUrl)}`);
  return `---\n\n<sub>${items.join(' · ')}</sub>`;
}

/** A markdown link to the CI run, or `undefined` unless the URL is http(s). */
export function runLink(runUrl: string | undefined): string | undefined {
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
