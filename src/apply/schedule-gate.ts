/**
 * Whether a planned change may start now: its schedule is re-read at apply time (a window's next
 * occurrence moves on; the reviewed policy does not).
 */
import { nextWindowOpening } from '../plan/next-window-opening';
import type { PlanSchedule } from '../plan/types';

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
