/**
 * Plan facts in words, shared by the text and markdown renderers so both say the same thing.
 * Everything here returns plain, unescaped text; each renderer escapes or colours it.
 */
import type {
  PlanCheck,
  PlanCost,
  PlanChange,
  PlanMigration,
  PlanSchedule,
  PlanStep,
  PlannedInstance,
  PlanAction,
  CheckStatus,
  Plan,
} from '../plan/types';
import { retimeCall, specChangeCall } from '../cloud/tencent/api-calls';
import type { Issue, Remedy } from '../spec/issues';
import type { RebalanceWindow } from '../spec/types';

import { formatDuration, formatMoney, formatSignedMoney } from '../plan/words';

/** A value with its unit, as the fleet file writes it: `400 MB/s`, `6000 GB`, `pro`. */
export function formatValue(value: string | number, unit: string): string {
  return unit === '' ? String(value) : `${value} ${unit}`;
}

/** One changed field: `bandwidthMBps: 200 → 400 MB/s`. */
export function describeChange(change: PlanChange): string {
  const to = formatValue(change.to, change.unit);
  return `${change.field}: ${change.from} → ${to}`;
}

/** One changed field without its name, for table cells: `200 → 400 MB/s`. */
export function describeChangeValues(change: PlanChange): string {
  return `${change.from} → ${formatValue(change.to, change.unit)}`;
}

/** Short words for an action, as table cells and headers show it. */
export function describeAction(action: PlanAction): string {
  return action === 'none' ? 'no changes' : action;
}

/** Wall-clock parts of an instant in a time zone. */
export interface ZonedTime {
  /** `Sat` */
  readonly weekday: string;
  /** `2026-11-28` */
  readonly date: string;
  /** `01:00` */
  readonly time: string;
  /** `+08:00` */
  readonly offset: string;
}

// Building a formatter is the slow part of Intl; a fleet has few zones, so they are kept.
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        weekday: 'short',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      });
    } catch {
      // An unknown zone name: the caller falls back to UTC and says so.
      formatter = null;
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** An ISO-8601 instant as wall-clock time in `timeZone`; `undefined` when either is unusable. */
export function toZoned(iso: string, timeZone: string): ZonedTime | undefined {
  const ms = Date.parse(iso);
  const formatter = formatterFor(timeZone);
  if (Number.isNaN(ms) || formatter === null) return undefined;
  const parts: Record<string, string> = {};
  for (const p of formatter.formatToParts(new Date(ms))) parts[p.type] = p.value;
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  const hour = Number(parts.hour);
  const minute = Number(parts.minute);
  const wallMs = Date.UTC(year, month - 1, day, hour, minute);
  const offsetMinutes = Math.round((wallMs - Math.floor(ms / 60000) * 60000) / 60000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return {
    weekday: parts.weekday ?? '',
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    offset: `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`,
  };
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** An instant in UTC: `2026-11-27 17:00 UTC`, or the raw text when it does not parse. */
export function formatUtc(iso: string): string {
  const z = toZoned(iso, 'UTC');
  return z === undefined ? iso : `${z.date} ${z.time} UTC`;
}

/** Whether Intl knows a time zone name. */
export function isKnownZone(timeZone: string): boolean {
  return formatterFor(timeZone) !== null;
}

/** An instant in a zone with its weekday: `Sat 2026-11-28 01:00 Asia/Shanghai`; UTC when the zone is unknown. */
export function formatInZone(iso: string, timeZone: string): string {
  const z = toZoned(iso, timeZone);
  if (z !== undefined) return `${z.weekday} ${z.date} ${z.time} ${timeZone}`;
  const utc = toZoned(iso, 'UTC');
  return utc === undefined ? iso : `${utc.weekday} ${utc.date} ${utc.time} UTC (time zone ${timeZone} unknown)`;
}

/** An interval in UTC: `Fri 2026-11-27 17:00–22:00 UTC`, or its start alone when the end is missing or unreadable. */
export function formatUtcRange(startIso: string, endIso: string | undefined): string {
  const start = toZoned(startIso, 'UTC');
  if (start === undefined) return startIso;
  const end = endIso === undefined ? undefined : toZoned(endIso, 'UTC');
  if (end === undefined) return `${start.weekday} ${start.date} ${start.time} UTC`;
  const until = end.date === start.date ? end.time : `${end.weekday} ${end.time}`;
  return `${start.weekday} ${start.date} ${start.time}–${until} UTC`;
}

/** A window's definition: `Sat, Sun 01:00–05:00 Asia/Shanghai`, and what `mustFinishInside` asks. */
export function describeWindow(window: RebalanceWindow): string {
  const days = window.days.map((d) => d.charAt(0).toUpperCase() + d.slice(1)).join(', ');
  const overnight = window.end <= window.start ? ' (closes the next day)' : '';
  const finish = window.mustFinishInside === true ? '; a change starts only if its estimate fits before the close' : '';
  return `${days} ${window.start}–${window.end}${overnight} ${window.timezone}${finish}`;
}

/** The schedule in words. */
export interface ScheduleWords {
  /** `now (when apply runs)`, `not before …`, `next window opens …`. */
  readonly headline: string;
  /** The same opening in UTC, when the headline is in another zone. */
  readonly utc?: string;
  /** Short form for table cells. */
  readonly short: string;
  /** The window's definition, for a window schedule. */
  readonly window?: string;
  /** A task already scheduled in the cloud. */
  readonly pending?: string;
  readonly note: string;
}

/**
 * Describes when a change may start, in the window's zone (and UTC), or in UTC. `plannedAt` (the
 * plan's `createdAt`) tells a window open when the plan was made ("inside the window now") from
 * one that opens later.
 */
export function describeSchedule(schedule: PlanSchedule, plannedAt?: string): ScheduleWords {
  // An unknown zone name cannot be shown as local time; everything is then said in UTC once.
  const zone = schedule.window !== undefined && isKnownZone(schedule.window.timezone) ? schedule.window.timezone : undefined;
  const pending =
    schedule.pendingAt === undefined
      ? {}
      : {
          pending: `a task is already scheduled in the cloud for ${
            zone === undefined ? formatUtc(schedule.pendingAt) : `${formatInZone(schedule.pendingAt, zone)} (${formatUtc(schedule.pendingAt)})`
          }`,
        };
  const base = { note: schedule.note, ...pending };
  const startsAt = schedule.startsAt;
  if (schedule.kind === 'now') return { ...base, headline: 'now (when apply runs)', short: 'now' };
  if (schedule.kind === 'at') {
    if (startsAt === null) return { ...base, headline: 'at a time that could not be read', short: 'unknown' };
    const utc = formatUtc(startsAt);
    return { ...base, headline: `not before ${utc}`, short: `not before ${utc}` };
  }
  const window = schedule.window === undefined ? {} : { window: describeWindow(schedule.window) };
  if (startsAt === null) return { ...base, ...window, headline: 'no window opening found', short: 'no window opening' };
  if (zone === undefined) {
    const opens = `${formatUtcRange(startsAt, schedule.endsAt)} (time zone ${schedule.window?.timezone ?? 'missing'} unknown)`;
    return { ...base, ...window, headline: `next window opens ${opens}`, short: `window ${opens}` };
  }
  const opens = formatInZone(startsAt, zone);
  let closes = '';
  if (schedule.endsAt !== undefined) {
    const start = toZoned(startsAt, zone);
    const end = toZoned(schedule.endsAt, zone);
    if (start !== undefined && end !== undefined) {
      closes = start.date === end.date ? ` (closes ${end.time})` : ` (closes ${end.weekday} ${end.time})`;
    }
  }
  // A window open when the plan was made starts at the plan's own time.
  if (plannedAt !== undefined && Date.parse(startsAt) === Date.parse(plannedAt)) {
    return { ...base, ...window, headline: `inside the window now${closes}`, utc: formatUtcRange(startsAt, schedule.endsAt), short: `inside the window now${closes}` };
  }
  return {
    ...base,
    ...window,
    headline: `next window opens ${opens}${closes}`,
    utc: formatUtcRange(startsAt, schedule.endsAt),
    short: `window ${opens}${closes}`,
  };
}

/** The warning a plan made against an emulator carries at its top: it describes no real fleet. */
export function emulatorWarning(plan: Pick<Plan, 'cloud'>): string | undefined {
  return plan.cloud.kind === 'emulator'
    ? 'EMULATOR: this plan was made against the CKafka emulator, not Tencent Cloud; its instances, prices and checks are simulated, and applying it changes nothing real'
    : undefined;
}

/** The migration in words. */
export interface MigrationWords {
  /** `data migrates`, `no data migrates`, `unknown: …`. */
  readonly headline: string;
  /** `stable mode`, `high-speed mode`; absent when nothing migrates. */
  readonly mode?: string;
  /** What the mode means for traffic. */
  readonly modeNote?: string;
  /** Present when the mode cannot be chosen. */
  readonly assumed?: string;
  /** `~4h 37m (estimate)` or `duration unknown`. */
  readonly estimate?: string;
  /** What a migration does to clients, when one runs. */
  readonly impact?: string;
  readonly basis: string;
  /** Short form for table cells: `yes, stable (assumed)`. */
  readonly short: string;
}

/** The impacts the CKafka upgrade documentation lists for a change that migrates data. */
export const MIGRATION_IMPACT =
  'while it runs, leaders switch partition by partition and brokers restart one by one; ports may change (addresses do not); single-replica topics are unavailable';

/** What a mode means for traffic: stable is throttled, high-speed is not and competes with production traffic. */
export function describeModeNote(mode: PlanMigration['mode']): string {
  if (mode === 'high-speed') return 'high-speed does not throttle the migration: it competes with production traffic for bandwidth';
  if (mode === 'stable') return 'stable throttles the migration to protect production traffic, so it takes longer';
  return 'the mode is not known';
}

/** Describes whether data migrates, how, and for how long. */
export function describeMigration(migration: PlanMigration): MigrationWords {
  if (migration.required === null) {
    return { headline: 'unknown: the cloud could not assess whether data migrates', basis: migration.basis, short: 'unknown' };
  }
  if (!migration.required) return { headline: 'no data migrates', basis: migration.basis, short: 'no' };
  const estimate = migration.estimatedSeconds === null ? 'duration unknown' : `~${formatDuration(migration.estimatedSeconds)} (estimate)`;
  const assumed = migration.modeSelectable ? {} : { assumed: "assumed: prepaid instances take the cloud's default" };
  return {
    headline: 'data migrates',
    mode: migration.mode === null ? 'mode unknown' : `${migration.mode} mode`,
    modeNote: describeModeNote(migration.mode),
    ...assumed,
    estimate,
    impact: MIGRATION_IMPACT,
    basis: migration.basis,
    short: `yes, ${migration.mode ?? 'mode unknown'}${migration.modeSelectable ? '' : ' (assumed)'}`,
  };
}

/** The cost in words. */
export interface CostWords {
  /** `+292.00 CNY/month (list price)`. */
  readonly headline: string;
  /** `5,595.00 → 6,529.00 CNY/month`. */
  readonly range?: string;
  /** `+11.80 CNY/hour, billed hourly`. */
  readonly hourly?: string;
  /** `charged on submit: 204.40 CNY for 21 days (to 2026-12-15)`. */
  readonly prorated?: string;
  readonly note?: string;
  /** Short form for table cells: `+292.00 CNY`. */
  readonly short: string;
}

/** Describes the cost change: monthly delta, its source, hourly delta (postpaid) and prorated charge (prepaid). */
export function describeCost(cost: PlanCost | null): CostWords {
  if (cost === null) return { headline: 'unknown (no price available)', short: 'unknown' };
  const source = cost.source === 'quote' ? 'quote' : 'list price';
  const note = cost.note === undefined ? {} : { note: cost.note };
  const range =
    cost.currentMonthly !== null && cost.targetMonthly !== null
      ? { range: `${formatMoney(cost.currentMonthly)} → ${formatMoney(cost.targetMonthly)} ${cost.currency}/month` }
      : {};
  const hourly =
    cost.hourlyDelta === undefined ? {} : { hourly: `${formatSignedMoney(cost.hourlyDelta)} ${cost.currency}/hour, billed hourly` };
  const p = cost.proratedCharge;
  const prorated =
    p === undefined
      ? {}
      : {
          prorated: `charged on submit: ${formatMoney(p.amount)} ${cost.currency} for ${p.days} ${p.days === 1 ? 'day' : 'days'} (to ${
            toZoned(p.until, 'UTC')?.date ?? p.until
          })`,
        };
  if (cost.monthlyDelta === null) {
    return { headline: `monthly change unknown (${source})`, ...range, ...hourly, ...prorated, ...note, short: 'unknown' };
  }
  return {
    headline: `${formatSignedMoney(cost.monthlyDelta)} ${cost.currency}/month (${source})`,
    ...range,
    ...hourly,
    ...prorated,
    ...note,
    short: `${formatSignedMoney(cost.monthlyDelta)} ${cost.currency}`,
  };
}

/** What a step does, in parts, so markdown can set the API action and parameters as code. */
export interface StepWords {
  /** The API action, or what a wait or manual step is. */
  readonly action: string;
  /** API parameters exactly as sent: `InstanceId=ckafka-abc12345 BandWidth=400 DiskSize=6000 Partition=2400`. */
  readonly params?: string;
  /** What a parameter means: `high-speed`, or a `RebalanceTime` in UTC. */
  readonly extra?: string;
  /** True for a step apply performs through the cloud (shown as an API call). */
  readonly call: boolean;
}

function formatParams(params: object): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
}

/**
 * Describes a step without its description. A step apply performs is shown as the exact API
 * call the adapter sends for it, built by the adapter's own functions from the step and the
 * instance it belongs to (its id and billing).
 */
export function describeStep(step: PlanStep, instance: Pick<PlannedInstance, 'instanceId' | 'observed'>): StepWords {
  const id = instance.instanceId ?? '(no instance)';
  switch (step.kind) {
    case 'change-spec': {
      const chargeType = instance.observed.chargeType;
      if (chargeType === null) {
        return { action: 'change the spec', params: `bandwidthMBps=${step.bandwidthMBps} diskGB=${step.diskGB} partitions=${step.partitions} mode=${step.mode}`, call: true };
      }
      const call = specChangeCall(id, chargeType, step, { elasticStorage: instance.observed.spec?.diskGB === null });
      return {
        action: call.action,
        params: formatParams(call.params),
        ...(call.action === 'InstanceScalingDown' ? { extra: step.mode } : {}),
        call: true,
      };
    }
    case 'retime': {
      const at = new Date(step.at);
      if (Number.isNaN(at.getTime())) return { action: 'ModifyInstanceAttributes', params: `InstanceId=${id}`, extra: `not a valid time: ${step.at}`, call: true };
      const call = retimeCall(id, at);
      return { action: call.action, params: formatParams(call.params), extra: formatUtc(new Date(call.params.RebalanceTime * 1000).toISOString()), call: true };
    }
    case 'wait':
      return {
        action:
          step.until === 'schedule'
            ? 'wait for the schedule'
            : step.until === 'migration'
              ? 'wait for the migration to finish'
              : 'wait for the task scheduled in the cloud',
        call: false,
      };
    case 'manual':
      return { action: 'manual step (apply refuses it)', call: false };
  }
}

/** A step's action and parameters on one line: `InstanceScalingDown InstanceId=… UpgradeStrategy=2 (high-speed)`. */
export function formatStep(words: StepWords): string {
  return `${words.action}${words.params === undefined ? '' : ` ${words.params}`}${words.extra === undefined ? '' : ` (${words.extra})`}`;
}

/** The symbol of a check status: ✓ pass, ! warn, ✗ fail. */
export function checkSymbol(status: CheckStatus): string {
  return status === 'pass' ? '✓' : status === 'warn' ? '!' : '✗';
}

/** Where an issue points: `instances[3].bandwidthMBps (fleet.yaml:12:5)`. */
export function describeIssueLocation(issue: Issue): string {
  if (issue.file === undefined) return issue.path;
  const pos = issue.line === undefined ? '' : `:${issue.line}${issue.column === undefined ? '' : `:${issue.column}`}`;
  return issue.path === '' ? `${issue.file}${pos}` : `${issue.path} (${issue.file}${pos})`;
}

/** Whether an instance has anything a reviewer must look at beyond "no changes". */
export function needsAttention(instance: PlannedInstance): boolean {
  return instance.action !== 'none' || instance.issues.length > 0 || instance.checks.some((c) => c.status !== 'pass');
}

/** The risks of one instance, as the risk banner lists them. */
export interface InstanceRisks {
  readonly migrates: boolean;
  /** A change whose migration the cloud could not assess. */
  readonly migrationUnknown: boolean;
  readonly highSpeed: boolean;
  readonly scalesDown: boolean;
  readonly failingChecks: readonly PlanCheck[];
  readonly manualSteps: number;
}

/** What could go wrong with an instance that changes: data migration, high-speed mode, scale-down; and failing checks and manual steps. */
export function assessRisks(instance: PlannedInstance): InstanceRisks {
  // A blocked instance changes nothing until it is planned again, so its migration is no risk yet.
  const changing = instance.action === 'upgrade' || instance.action === 'scale-down';
  const migrates = changing && instance.migration.required === true;
  return {
    migrates,
    migrationUnknown: changing && instance.changes.length > 0 && instance.migration.required === null,
    highSpeed: migrates && instance.migration.mode === 'high-speed',
    scalesDown: instance.action === 'scale-down',
    failingChecks: instance.checks.filter((c) => c.status === 'fail'),
    manualSteps: instance.steps.filter((s) => s.kind === 'manual').length,
  };
}

/** Words for a remedy; each front end passes its own (CLI flags, Pulumi inputs). */
export type RemedyWords = (remedy: Remedy) => string;

/** Remedies in words that name no front end's flags: the renderers' default. */
export const describeRemedy: RemedyWords = (remedy) => {
  switch (remedy.kind) {
    case 'ignore-check':
      return `to apply anyway, accept the risk of ${remedy.check} explicitly at apply time`;
    case 'replan':
      return 'make a new plan, review it, and apply that one';
    case 'apply-again':
      return 'apply this plan again; it resumes from what the cloud shows';
  }
};

/** An issue's hint followed by its remedies in `words`, or `undefined` when it has neither. */
export function describeFix(issue: Pick<Issue, 'hint' | 'remedies'>, words: RemedyWords = describeRemedy): string | undefined {
  const parts = [...(issue.hint === undefined ? [] : [issue.hint]), ...(issue.remedies ?? []).map(words)];
  return parts.length === 0 ? undefined : parts.join('; or ');
}
