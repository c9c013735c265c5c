/**
 * The timeline of a plan: when each change may start, how long it is estimated to run, and the
 * window it must fit, in the window's time zone. Shared by the markdown timeline (a mermaid gantt
 * chart) and the text one (ASCII bars), so both draw the same thing. Pure: times come from the
 * plan.
 */
import type { Plan, PlannedInstance } from '../plan/types';
import { isKnownZone, toZoned } from './zoned-time';

/** A change that runs at least this long counts as long: the plan gets a timeline. */
export const LONG_RUN_SECONDS = 3600;

/** Rows drawn one per instance; past this, instances that start together share a row. */
export const TIMELINE_MAX_ROWS = 25;

/** One bar of the timeline: one instance, or several that start together in the same window. */
export interface TimelineRow {
  /** The instance name (unescaped); for a shared row, the first instance's. */
  readonly label: string;
  /** The instance id, for a row of one instance. */
  readonly instanceId: string | null;
  /** How many instances the row stands for. */
  readonly count: number;
  /** When the change may start, Unix ms. */
  readonly start: number;
  /**
   * When it is estimated to end, Unix ms: equal to `start` when no data migrates (minutes), and
   * `null` when data migrates (or may) for a time nobody could estimate.
   */
  readonly end: number | null;
  /** Whether data migrates: `null` when the cloud could not say. */
  readonly migrates: boolean | null;
  /** The window occurrence the change must start in, Unix ms. */
  readonly window: { readonly start: number; readonly end: number } | null;
  /** Failing checks (ids), across the row's instances. */
  readonly failing: readonly string[];
  /** How many of the row's instances are blocked. */
  readonly blocked: number;
  /** Whether the estimated end is past the window's close. */
  readonly pastWindow: boolean;
}

/** The rows drawn in one time zone. */
export interface TimelineChart {
  /** An IANA zone Intl knows, or `UTC`. */
  readonly zone: string;
  /** Declared zones Intl does not know, shown in UTC instead. */
  readonly unknownZones: readonly string[];
  readonly rows: readonly TimelineRow[];
  /** Instances left out of the rows (past {@link TIMELINE_MAX_ROWS} shared rows). */
  readonly omitted: number;
}

/** The whole timeline: one chart per time zone the plan's windows use. */
export interface Timeline {
  readonly charts: readonly TimelineChart[];
  /** How many instances changing the timeline draws (or leaves out). */
  readonly instances: number;
  /** Whether instances that start together share rows. */
  readonly grouped: boolean;
}

interface Placed {
  readonly row: TimelineRow;
  readonly zone: string;
  readonly unknownZone?: string;
}

function parse(iso: string | null | undefined): number | undefined {
  if (iso === null || iso === undefined) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The row of an instance whose change has a start; `undefined` for one that does not change or is not scheduled. */
function rowOf(p: PlannedInstance): { row: TimelineRow; declaredZone: string | undefined } | undefined {
  if (p.action === 'none' || p.changes.length === 0) return undefined;
  const start = parse(p.schedule.startsAt);
  if (start === undefined) return undefined;
  const windowEnd = p.schedule.kind === 'window' ? parse(p.schedule.endsAt) : undefined;
  const window = windowEnd === undefined ? null : { start, end: windowEnd };
  const seconds = p.migration.estimatedSeconds;
  const end = p.migration.required === false ? start : seconds === null ? null : start + seconds * 1000;
  const failing = p.checks.filter((c) => c.status === 'fail').map((c) => c.id);
  return {
    row: {
      label: p.name,
      instanceId: p.instanceId,
      count: 1,
      start,
      end,
      migrates: p.migration.required,
      window,
      failing,
      blocked: p.action === 'blocked' ? 1 : 0,
      pastWindow: window !== null && end !== null && end > window.end,
    },
    declaredZone: p.schedule.kind === 'window' ? p.schedule.window?.timezone : undefined,
  };
}

/** Whether a row waits (starts after the plan was made) or runs long. */
function worthDrawing(row: TimelineRow, createdAt: number): boolean {
  return row.start > createdAt || (row.end !== null && row.end - row.start >= LONG_RUN_SECONDS * 1000) || (row.end === null && row.migrates !== false);
}

/** Rows that start together in the same window, as one row each. */
function groupRows(rows: readonly TimelineRow[]): TimelineRow[] {
  const groups = new Map<string, TimelineRow[]>();
  for (const r of rows) {
    const key = `${r.start}/${r.window?.end ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((members) => {
    if (members.length === 1) return members[0] as TimelineRow;
    const first = members[0] as TimelineRow;
    const unknownEnd = members.some((m) => m.end === null && m.migrates !== false);
    const end = unknownEnd ? null : Math.max(...members.map((m) => m.end ?? m.start));
    return {
      label: first.label,
      instanceId: null,
      count: members.length,
      start: first.start,
      end,
      migrates: members.some((m) => m.migrates === true) ? true : members.some((m) => m.migrates === null) ? null : false,
      window: first.window,
      failing: [...new Set(members.flatMap((m) => m.failing))].sort(),
      blocked: members.reduce((n, m) => n + m.blocked, 0),
      pastWindow: members.some((m) => m.pastWindow),
    };
  });
}

/**
 * The plan's timeline, or `undefined` when nothing waits for a window or an `at` time and nothing
 * runs long (an hour or more, or for a time nobody could estimate). Every changing instance with
 * a start is drawn once the timeline is shown, so a reviewer sees what runs alongside. Rows are in
 * order of start; a change without a window is drawn in the zone of the first window (or UTC).
 * Past {@link TIMELINE_MAX_ROWS} instances, instances that start together share a row; past that
 * many shared rows, the rest are counted as omitted.
 */
export function buildTimeline(plan: Plan, options: { readonly group?: boolean } = {}): Timeline | undefined {
  const createdAt = parse(plan.createdAt) ?? 0;
  const found = plan.instances.flatMap((p) => {
    const r = rowOf(p);
    return r === undefined ? [] : [r];
  });
  if (!found.some((f) => worthDrawing(f.row, createdAt))) return undefined;

  const firstZone = found.find((f) => f.declaredZone !== undefined && isKnownZone(f.declaredZone))?.declaredZone ?? 'UTC';
  const placed: Placed[] = found.map((f) => {
    if (f.declaredZone === undefined) return { row: f.row, zone: firstZone };
    return isKnownZone(f.declaredZone) ? { row: f.row, zone: f.declaredZone } : { row: f.row, zone: 'UTC', unknownZone: f.declaredZone };
  });
  const grouped = options.group === true || placed.length > TIMELINE_MAX_ROWS;
  const zones = [...new Set(placed.map((p) => p.zone))];
  const charts = zones.map((zone): TimelineChart => {
    const here = placed.filter((p) => p.zone === zone);
    const rows = here.map((p) => p.row).sort((a, b) => a.start - b.start);
    const drawn = grouped ? groupRows(rows) : rows;
    const kept = drawn.slice(0, TIMELINE_MAX_ROWS);
    return {
      zone,
      unknownZones: [...new Set(here.flatMap((p) => (p.unknownZone === undefined ? [] : [p.unknownZone])))],
      rows: kept,
      omitted: drawn.slice(TIMELINE_MAX_ROWS).reduce((n, r) => n + r.count, 0),
    };
  });
  return { charts, instances: placed.length, grouped };
}

/** Wall-clock parts of an instant in a zone Intl knows (the timeline only uses such zones). */
export function wallTime(ms: number, zone: string): { weekday: string; date: string; time: string } {
  const z = toZoned(new Date(ms).toISOString(), zone);
  return z === undefined ? { weekday: '', date: '', time: '' } : { weekday: z.weekday, date: z.date, time: z.time };
}
