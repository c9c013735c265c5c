/**
 * The plan as a pull-request comment: verdict, risk banner, a table of the fleet, then one folded
 * block of full detail per instance, and a footer that ties the comment to the plan it shows.
 * Each part is rendered by its own module; this one puts them together and fits them to the limit.
 */
import type { Plan } from '../plan/types';
import { needsAttention } from './assess-risks';
import type { RemedyWords } from './describe-fix';
import { fitMarkdownComment, type CommentParts } from './fit-markdown-comment';
import { renderMarkdownDetails } from './render-markdown-details';
import { renderMarkdownFooter, runLink } from './render-markdown-footer';
import { renderMarkdownHead } from './render-markdown-head';
import { renderMarkdownRow } from './render-markdown-row';
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
  const parts: CommentParts = {
    head: renderMarkdownHead(plan, options),
    attentionRows: attention.map((i) => renderMarkdownRow(i, plan.createdAt)),
    quietRows: quiet.map((i) => renderMarkdownRow(i, plan.createdAt)),
    quietCount: quiet.length,
    attentionDetails: attention.map((i) => renderMarkdownDetails(i, options.remedyWords, plan.createdAt)),
    quietDetails: quiet.map((i) => renderMarkdownDetails(i, options.remedyWords, plan.createdAt)),
    footer: renderMarkdownFooter(plan, options.runUrl),
    ...renderTimelines(plan),
    limit,
    runLink: runLink(options.runUrl),
  };
  return fitMarkdownComment(parts);
}

/** The timeline section in full and with rows shared by instances that start together; empty when there is none. */
function renderTimelines(plan: Plan): Pick<CommentParts, 'timeline' | 'timelineGrouped'> {
  const full = buildTimeline(plan);
  const grouped = buildTimeline(plan, { group: true });
  return { timeline: full === undefined ? '' : renderTimelineMarkdown(full), timelineGrouped: grouped === undefined ? '' : renderTimelineMarkdown(grouped) };
}
