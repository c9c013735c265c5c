/**
 * The timeline for a terminal: one line per instance, an ASCII bar over the span of the chart
 * (`=` the window, `#` the estimated run, `+` a change that migrates nothing, `?` a run of
 * unknown length) and the times in words, in the window's time zone.
 */
import { formatDuration } from '../plan/words';
import { wallTime, type Timeline, type TimelineChart, type TimelineRow } from './_timeline';

/** Options of {@link renderTimelineText}. */
export interface TimelineTextOptions {
  /** The output's width; the bar takes what the names and the words leave, within bounds. */
  readonly width: number;
  /** Makes a name safe for a terminal on one line (the text renderer's own escaping). */
  readonly escape: (text: string) => string;
}

/**
 * One line of the timeline: `head` is set as is (names in it already escaped), `text` is prose
 * the caller wraps after it, continuing under its end.
 */
export interface TimelineLine {
  readonly head: string;
  readonly text: string;
}

const NAME_WIDTH = 16;
const MIN_BAR = 10;
const MAX_BAR = 40;
/** Room kept for the words after the bar before it narrows. */
const WORDS = 50;

/**
 * A name in its column, with `+N` for the other instances of a shared row; cut by code point
 * (never inside a surrogate pair) and marked `~` where cut.
 */
function fit(name: string, others: number): string {
  const suffix = others > 0 ? ` +${others}` : '';
  const room = NAME_WIDTH - suffix.length;
  const chars = Array.from(name);
  const shown = chars.length > room ? `${chars.slice(0, room - 1).join('')}~` : name;
  return `${shown}${suffix}`.padEnd(NAME_WIDTH);
}

function clock(ms: number, zone: string): string {
  return wallTime(ms, zone).time;
}

function day(ms: number, zone: string): string {
  const w = wallTime(ms, zone);
  return `${w.weekday} ${w.date.slice(5)} ${w.time}`;
}

function sameDay(a: number, b: number, zone: string): boolean {
  return wallTime(a, zone).date === wallTime(b, zone).date;
}

function words(row: TimelineRow, zone: string): string {
  const at = (ms: number) => (sameDay(row.start, ms, zone) ? clock(ms, zone) : day(ms, zone));
  const parts: string[] = [day(row.start, zone)];
  if (row.migrates === false) parts.push('no migration');
  else if (row.end === null) parts.push('duration unknown');
  else parts.push(`-> ~${at(row.end)} (${row.count > 1 ? 'longest ' : ''}~${formatDuration((row.end - row.start) / 1000)})`);
  const more: string[] = [];
  if (row.window !== null) more.push(`window to ${at(row.window.end)}`);
  if (row.pastWindow) more.push('runs past the window');
  const failing = row.failing.join(', ');
  const blocked = row.count > 1 ? `${row.blocked} blocked` : 'blocked';
  if (row.blocked > 0) more.push(failing === '' ? blocked : `${blocked} (${failing} failing)`);
  else if (failing !== '') more.push(`${failing} failing`);
  return more.length === 0 ? parts.join(' ') : `${parts.join(' ')}; ${more.join('; ')}`;
}

function span(chart: TimelineChart): { from: number; to: number } {
  const times = chart.rows.flatMap((r) => [r.start, ...(r.end === null ? [] : [r.end]), ...(r.window === null ? [] : [r.window.start, r.window.end])]);
  const from = Math.min(...times);
  const to = Math.max(...times);
  // A chart of instants alone still needs a width: an hour.
  return { from, to: to > from ? to : from + 3600_000 };
}

function bar(row: TimelineRow, from: number, to: number, width: number): string {
  const col = (ms: number) => Math.min(width - 1, Math.max(0, Math.floor(((ms - from) / (to - from)) * (width - 1) + 0.5)));
  const cells = new Array<string>(width).fill('.');
  if (row.window !== null) for (let c = col(row.window.start); c <= col(row.window.end); c++) cells[c] = '=';
  const start = col(row.start);
  if (row.migrates === false) cells[start] = '+';
  else if (row.end === null) cells[start] = '?';
  else for (let c = start; c <= col(row.end); c++) cells[c] = '#';
  return cells.join('');
}

function chartLines(chart: TimelineChart, options: TimelineTextOptions, barWidth: number): TimelineLine[] {
  const { from, to } = span(chart);
  const indent = ' '.repeat(2 + NAME_WIDTH + 1);
  const left = day(from, chart.zone);
  const right = day(to, chart.zone);
  const gap = Math.max(1, barWidth + 2 - left.length - right.length);
  const lines: TimelineLine[] = [{ head: `${indent}${left}${' '.repeat(gap)}${right}`, text: '' }];
  for (const row of chart.rows) {
    const mark = row.failing.length > 0 || row.blocked > 0 || row.pastWindow ? '! ' : '  ';
    lines.push({ head: `${mark}${fit(options.escape(row.label), row.count - 1)} [${bar(row, from, to, barWidth)}] `, text: words(row, chart.zone) });
  }
  if (chart.unknownZones.length > 0) lines.push({ head: '  ', text: `time zone ${chart.unknownZones.map(options.escape).join(', ')} is unknown: its windows are shown in UTC` });
  if (chart.omitted > 0) lines.push({ head: '  ', text: `... and ${chart.omitted} more ${chart.omitted === 1 ? 'instance' : 'instances'} (listed below)` });
  return lines;
}

/**
 * The timeline as lines: a legend, then per time zone an axis (first and last time) and one row
 * per instance (or per group starting together), `!` marking failing checks, a blocked instance
 * or a run past its window. Names go through `options.escape`; the caller wraps each `text`.
 */
export function renderTimelineText(timeline: Timeline, options: TimelineTextOptions): TimelineLine[] {
  const barWidth = Math.max(MIN_BAR, Math.min(MAX_BAR, options.width - (2 + NAME_WIDTH + 3) - WORDS));
  const lines: TimelineLine[] = [{ head: 'timeline ', text: '(estimates: = window, # run, + no migration, ? unknown length, ! failing or past window)' }];
  for (const chart of timeline.charts) {
    lines.push({ head: '  ', text: `times in ${options.escape(chart.zone)}${timeline.grouped ? '; instances starting together share a row (+N: N more)' : ''}` });
    lines.push(...chartLines(chart, options, barWidth));
  }
  return lines;
}
