/**
 * The timeline as GitHub renders it: a mermaid `gantt` chart per time zone, each instance a
 * section with its window and its estimated run, failing checks in red. Names are reduced to
 * characters mermaid reads as text, so a name can neither end the code block nor add a directive
 * (`click`, `%%{init}%%`), a task or a section.
 */
import { formatDuration } from '../plan/words';
import { escapeMarkdown } from './escape-markdown';
import { wallTime, type Timeline, type TimelineChart, type TimelineRow } from './_timeline';

/** Longest name mermaid is given; longer ones are cut (the table shows them whole). */
const MAX_NAME = 48;

/**
 * Text mermaid reads as plain words in a gantt section or title: letters, digits, spaces and
 * `._/+=()-`. Everything else (`:` `#` `;` end a task or start a comment or an entity; `%` starts a
 * directive; backticks could end the code block; `<>&"'` could become markup; line breaks start
 * a statement) becomes `_`.
 */
export function mermaidText(text: string, max = MAX_NAME): string {
  const safe = text
    .replace(/\s+/g, ' ')
    .replace(/[^\p{L}\p{N} ._/+=()-]/gu, '_')
    .trim();
  // By code point, so a cut never splits a surrogate pair.
  const chars = Array.from(safe);
  const cut = chars.length > max ? `${chars.slice(0, max - 1).join('')}_` : safe;
  return cut === '' ? '(no name)' : cut;
}

function stamp(ms: number, zone: string): string {
  const w = wallTime(ms, zone);
  return `${w.date} ${w.time}`;
}

function sectionName(row: TimelineRow): string {
  if (row.count > 1) return `${mermaidText(row.label)} and ${row.count - 1} more`;
  return mermaidText(row.instanceId === null ? row.label : `${row.label} (${row.instanceId})`);
}

/** What the row's run bar says: our words (never `:` `#` `;` `%`), and check ids made safe. */
function runText(row: TimelineRow): string {
  const parts: string[] = [];
  if (row.blocked > 0) parts.push(row.count > 1 ? `${row.blocked} blocked` : 'blocked');
  if (row.failing.length > 0) parts.push(`✗ ${row.failing.map((id) => mermaidText(id)).join(' ')}`);
  const duration = row.end === null ? undefined : formatDuration((row.end - row.start) / 1000);
  if (row.migrates === false) parts.push('change, no migration');
  else if (duration === undefined) parts.push(row.migrates === null ? 'may migrate, duration unknown' : 'migration, duration unknown');
  else parts.push(`${row.migrates === null ? 'may migrate' : 'migration'} ~${duration}${row.count > 1 ? ' (longest)' : ''}`);
  if (row.pastWindow) parts.push('past the window close');
  return parts.join(', ');
}

function chartLines(chart: TimelineChart): string[] {
  const zone = chart.zone;
  const lines = [
    '```mermaid',
    'gantt',
    `  title Estimated runs, times in ${mermaidText(zone)}`,
    '  dateFormat YYYY-MM-DD HH:mm',
    '  axisFormat %a %d %H:%M',
    '  todayMarker off',
  ];
  for (const row of chart.rows) {
    lines.push(`  section ${sectionName(row)}`);
    if (row.window !== null) lines.push(`    window :done, ${stamp(row.window.start, zone)}, ${stamp(row.window.end, zone)}`);
    const red = row.failing.length > 0 || row.blocked > 0 || row.pastWindow;
    const start = stamp(row.start, zone);
    if (row.end === null || row.end === row.start) lines.push(`    ${runText(row)} :${red ? 'crit, ' : ''}milestone, ${start}, ${start}`);
    else lines.push(`    ${runText(row)} :${red ? 'crit, ' : 'active, '}${start}, ${stamp(row.end, zone)}`);
  }
  lines.push('```');
  return lines;
}

/**
 * The timeline section of the pull-request comment: a heading line, then one mermaid gantt block
 * per time zone, with a line under a chart that leaves instances out or shows a zone in UTC.
 */
export function renderTimelineMarkdown(timeline: Timeline): string {
  const zones = timeline.charts.map((c) => c.zone);
  const shared = timeline.grouped ? '; instances that start together share a row' : '';
  const head = `**Timeline** ${escapeMarkdown(`(times in ${zones.join(', ')}; bars are estimates; ✗ marks a failing check${shared})`)}`;
  const out = [head];
  for (const chart of timeline.charts) {
    out.push('', ...chartLines(chart));
    const notes: string[] = [];
    if (chart.unknownZones.length > 0) notes.push(`time zone ${chart.unknownZones.join(', ')} is unknown, so its windows are shown in UTC`);
    if (chart.omitted > 0) notes.push(`${chart.omitted} more ${chart.omitted === 1 ? 'instance is' : 'instances are'} not drawn; the table lists every instance`);
    if (notes.length > 0) out.push('', `*${escapeMarkdown(notes.join('; '))}*`);
  }
  return out.join('\n');
}
