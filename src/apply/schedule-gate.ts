/**
 * Whether a planned change may start now: its schedule is re-read at apply time (a window's next
 * occurrence moves on; the reviewed policy does not).
 *
 * A window bounds when a change may START: inside an occurrence it is due whatever its estimate
 * (the plan's `window-fits` check told the reviewer it may run past the close). Only a window the
 * change must finish inside (`mustFinishInside`) also asks for room for the estimate.
 */
import { nextFittingOpening, nextWindowOpening } from '../plan/next-window-opening';
import type { PlanMigration, PlanSchedule } from '../plan/types';
import { formatDuration } from '../plan/words';

export type Gate = { readonly due: true; readonly closesAt?: Date } | { readonly due: false; readonly opensAt: Date; readonly closesAt?: Date };

/** Due now, or when it opens. `now` schedules are always due; `at` is due from its instant on. */
export function scheduleGate(schedule: PlanSchedule, now: Date): Gate {
  if (schedule.kind === 'window' && schedule.window !== undefined) {
    const w = nextWindowOpening(schedule.window, now);
    return w.inside ? { due: true, closesAt: w.endsAt } : { due: false, opensAt: w.startsAt, closesAt: w.endsAt };
  }
  if (schedule.kind === 'at' && schedule.startsAt !== null) {
    const at = new Date(schedule.startsAt);
    return at.getTime() <= now.getTime() ? { due: true } : { due: false, opensAt: at };
  }
  return { due: true };
}

/**
 * For a change that is due inside a window it must finish inside: `undefined` when the estimate
 * fits what is left of the occurrence (or the window does not ask), else the next occurrence with
 * room (`next`), or `never` when the estimate is unknown or fits no occurrence (fail closed: the
 * change does not start).
 */
export function finishGate(
  schedule: PlanSchedule,
  migration: Pick<PlanMigration, 'required' | 'estimatedSeconds'>,
  now: Date,
  closesAt: Date,
): { readonly why: string; readonly next: Date } | { readonly why: string; readonly never: true } | undefined {
  const window = schedule.window;
  if (schedule.kind !== 'window' || window?.mustFinishInside !== true || migration.required === false) return undefined;
  if (migration.estimatedSeconds === null) return { why: 'the window asks the change to finish inside it, and there is no duration estimate to tell whether it can', never: true };
  const needMs = migration.estimatedSeconds * 1000;
  const leftMs = closesAt.getTime() - now.getTime();
  if (leftMs >= needMs) return undefined;
  const why = `only ${formatDuration(leftMs / 1000)} of the window is left for an estimated ${formatDuration(migration.estimatedSeconds)}, and the window asks the change to finish inside it`;
  const next = nextFittingOpening(window, new Date(closesAt.getTime() + 1), needMs);
  return next === undefined ? { why: `${why}; no occurrence of the window is that long`, never: true } : { why, next: next.startsAt };
}
