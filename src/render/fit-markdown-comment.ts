/**
 * Fits the pull-request comment into its length limit: each part is rendered once, then layouts
 * that leave out progressively more are tried until one fits, and the comment says what it left
 * out and where the full plan is.
 */
import { TABLE_HEADER, tableRow } from './render-markdown-row';

/** The rendered parts of the comment, and the limit it must fit. */
export interface CommentParts {
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
  /** The link to the CI run, named where the notice says the full plan is. */
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

/**
 * The comment from its parts, within `parts.limit`: details of unchanged instances are dropped
 * first, then unchanged instances share one table row, then instances that start together share a
 * timeline row, then details of the others, then their table rows; the timeline goes last.
 */
export function fitMarkdownComment(parts: CommentParts): string {
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

function assemble(parts: CommentParts, layout: Layout): string {
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

function renderNotice(parts: CommentParts, layout: Layout): string {
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
