/**
 * When a change starts: from the declared rebalance policy, whether data migrates, and any task
 * already scheduled in the cloud. Internal to the planner; the rules are documented in
 * docs/plan-format.md (Schedule).
 */
import { parseInstant } from '../spec/time';
import type { RebalancePolicy, RebalanceWindow } from '../spec/types';
import { describeWindow } from './words';
import { nextFittingOpening, nextWindowOpening, type WindowOpening } from './next-window-opening';
import type { PlanSchedule } from './types';

/** The schedule of a change, and what to do about a task already scheduled in the cloud. */
export interface ScheduleDecision {
  readonly schedule: PlanSchedule;
  /** A task is scheduled in the cloud, in the future: the plan waits for it instead of submitting. */
  readonly pending: boolean;
  /** Where to move that task (ModifyInstanceAttributes.RebalanceTime), when its time differs from the declared one. */
  readonly retimeTo?: Date;
}

// Rebuilt so the plan's key order does not depend on how the front end built the object.
const copyWindow = (w: RebalanceWindow): RebalanceWindow => ({ days: [...w.days], start: w.start, end: w.end, timezone: w.timezone, ...(w.mustFinishInside === true ? { mustFinishInside: true } : {}) });

/**
 * The occurrence a windowed change may start in: the one containing `now` or the next; for a
 * window the change must finish inside, the first with room for the estimate (the next opening
 * when none has, or the estimate is unknown: the `window-fits` check then blocks the change).
 */
function openingFor(window: RebalanceWindow, now: Date, estimatedSeconds: number | null): WindowOpening {
  if (window.mustFinishInside === true && estimatedSeconds !== null) {
    const fitting = nextFittingOpening(window, now, estimatedSeconds * 1000);
    if (fitting !== undefined) return fitting;
  }
  return nextWindowOpening(window, now);
}
// The planner blocks an unparseable `at` before scheduling (policyIssues), so NaN never reaches here.
const instantMs = (at: string): number => parseInstant(at)?.getTime() ?? Number.NaN;
const iso = (ms: number): string => new Date(ms).toISOString();
const unixSeconds = (ms: number): number => Math.ceil(ms / 1000);

const NOT_REVEALED =
  'the API does not reveal the target spec of the scheduled task, so the next plan after it runs shows any remaining difference';

/**
 * The schedule of a change. Without migration (`required === false`) it starts now whatever
 * was declared; otherwise (`true`, or `null` taken as `true`) the declared policy applies.
 * A task already scheduled in the cloud (`rebalanceAt` after `now`) is not drift: the change
 * shows as scheduled at that time, re-timed to the declared time when they differ.
 * `estimatedSeconds` places a change in a window it must finish inside (`mustFinishInside`).
 */
export function scheduleChange(policy: RebalancePolicy, required: boolean | null, rebalanceAt: string | undefined, now: Date, estimatedSeconds: number | null = null): ScheduleDecision {
  const nowMs = now.getTime();
  const declaredKind = policy === 'now' ? 'now' : 'at' in policy ? 'at' : 'window';
  const effective: RebalancePolicy = required === false ? 'now' : policy;
  const prefix =
    required === false
      ? declaredKind === 'now'
        ? 'no data migrates, so no rebalance occurs'
        : `no data migrates, so no rebalance occurs and the declared ${declaredKind === 'at' ? 'time' : 'window'} does not apply`
      : required === null && declaredKind !== 'now'
        ? 'whether data migrates is not known, so the declared schedule applies (the safe side)'
        : '';
  const note = (...parts: string[]): string => [prefix, ...parts].filter((p) => p !== '').join('; ');

  const pendingMs = rebalanceAt === undefined ? Number.NaN : Date.parse(rebalanceAt);
  if (!Number.isNaN(pendingMs) && pendingMs > nowMs) {
    const pendingAt = iso(pendingMs);
    const scheduled = `a change is already scheduled in the cloud for ${pendingAt}: it shows as scheduled, not drift`;
    if (effective === 'now') {
      return {
        pending: true,
        schedule: { kind: 'now', startsAt: pendingAt, note: note(scheduled, 'the time set in the cloud stands (declare `at` to move it)', NOT_REVEALED), pendingAt },
      };
    }
    if ('at' in effective) {
      const atMs = instantMs(effective.at);
      const same = unixSeconds(atMs) === unixSeconds(pendingMs);
      return {
        pending: true,
        schedule: {
          kind: 'at',
          startsAt: iso(atMs),
          note: note(scheduled, same ? 'it matches the declared time' : 'it is moved to the declared time', NOT_REVEALED),
          pendingAt,
        },
        ...(same ? {} : { retimeTo: new Date(atMs) }),
      };
    }
    const window = copyWindow(effective.window);
    const around = nextWindowOpening(window, new Date(pendingMs));
    if (around.inside) {
      return {
        pending: true,
        schedule: {
          kind: 'window',
          startsAt: pendingAt,
          endsAt: around.endsAt.toISOString(),
          window,
          note: note(scheduled, `it falls inside the window (${describeWindow(window)})`, NOT_REVEALED),
          pendingAt,
        },
      };
    }
    const next = openingFor(window, now, estimatedSeconds);
    return {
      pending: true,
      retimeTo: next.startsAt,
      schedule: {
        kind: 'window',
        startsAt: next.startsAt.toISOString(),
        endsAt: next.endsAt.toISOString(),
        window,
        note: note(scheduled, `it falls outside the window (${describeWindow(window)}), so it is moved to ${next.inside ? 'now, inside the window' : 'the next opening'}`, NOT_REVEALED),
        pendingAt,
      },
    };
  }

  if (effective === 'now') {
    return { pending: false, schedule: { kind: 'now', startsAt: iso(nowMs), note: note('starts when the plan is applied') } };
  }
  if ('at' in effective) {
    return { pending: false, schedule: { kind: 'at', startsAt: iso(instantMs(effective.at)), note: note('starts at the declared time, not before') } };
  }
  const window = copyWindow(effective.window);
  const next = openingFor(window, now, estimatedSeconds);
  const fitsLater = !next.inside && nextWindowOpening(window, now).inside;
  return {
    pending: false,
    schedule: {
      kind: 'window',
      startsAt: next.startsAt.toISOString(),
      endsAt: next.endsAt.toISOString(),
      window,
      note: note(
        next.inside
          ? `inside the window (${describeWindow(window)}) now; this occurrence closes at ${next.endsAt.toISOString()}`
          : fitsLater
            ? `inside the window (${describeWindow(window)}) now, but too little of it is left for the estimate and the change must finish inside it: starts at the next opening with room`
            : `starts at the next opening of the window (${describeWindow(window)})`,
      ),
    },
  };
}

/** `RebalanceTime` for ModifyInstanceAttributes: Unix seconds, rounded up so it is never early. */
export function rebalanceTimeOf(at: Date): number {
  return unixSeconds(at.getTime());
}
