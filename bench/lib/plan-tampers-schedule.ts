/** Plans whose schedule was moved: a re-time step retimed or pointed elsewhere, a window dropped or widened. */
import { entry, stepOf, graft, type Tamper } from './plan-tamper-kit';
import { HOUR, MONDAY_10_SHANGHAI, ID } from './plan-tamper-scenarios';

/** The rows of this theme; the codes and paths are what a refusal must name. */
export const SCHEDULE_TAMPERS: readonly Tamper[] = [
  {
    id: 'B1a',
    attack: 'move the re-time step of a weekend-window change to Monday 10:00 Shanghai (the schedule along), recompute the digest, apply --fleet',
    scenario: 'retime-window',
    fleet: true,
    edit: (plan) => {
      const p = entry(plan, 'payments');
      stepOf(p, 'retime').at = MONDAY_10_SHANGHAI;
      p.schedule.startsAt = MONDAY_10_SHANGHAI;
    },
    code: 'apply/plan-inconsistent',
    path: 'instances[0].schedule.startsAt',
  },
  {
    id: 'B1b',
    attack: 'give the re-time step an InstanceId of another instance (as format 1 steps had), apply --fleet',
    scenario: 'retime-window',
    fleet: true,
    edit: (plan) => void (stepOf(entry(plan, 'payments'), 'retime').InstanceId = ID.media),
    code: 'apply/plan-invalid',
    path: 'instances[0].steps[0].InstanceId',
  },
  {
    id: 'B1c',
    attack: "point the entry at another instance's scheduled task (its real observed state and fingerprint), apply --fleet",
    scenario: 'retime-window',
    fleet: true,
    edit: (plan, attacker) => graft(plan, attacker, 'media-uploads', 'payments', false),
    code: 'apply/fleet-mismatch',
    path: 'instances[0].instanceId',
  },
  {
    id: 'B1d',
    attack: 'move a re-time to the declared `at` one hour later (schedule moved along), apply --fleet',
    scenario: 'retime-at',
    fleet: true,
    edit: (plan) => {
      const p = entry(plan, 'payments');
      const later = new Date(Date.parse(p.schedule.startsAt) + HOUR).toISOString();
      stepOf(p, 'retime').at = later;
      p.schedule.startsAt = later;
    },
    code: 'apply/fleet-mismatch',
    path: 'instances[0].steps[0].at',
  },
  {
    id: 'B1e',
    attack: "the same with the plan's window widened to weekdays 09:00–18:00, so the plan agrees with itself, apply --fleet",
    scenario: 'retime-window',
    fleet: true,
    edit: (plan) => {
      const p = entry(plan, 'payments');
      stepOf(p, 'retime').at = MONDAY_10_SHANGHAI;
      Object.assign(p.schedule, { startsAt: MONDAY_10_SHANGHAI, endsAt: '2026-03-09T10:00:00.000Z', window: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00', timezone: 'Asia/Shanghai' } });
    },
    code: 'apply/fleet-mismatch',
    path: 'instances[0].steps[0].at',
  },
  {
    id: 'F1',
    attack: 'drop `schedule.window` from a window change (the schedule gate then saw it due at once), apply without --fleet',
    scenario: 'window',
    fleet: false,
    edit: (plan) => void delete entry(plan, 'payments').schedule.window,
    code: 'apply/plan-inconsistent',
    path: 'instances[0].schedule.window',
  },
  {
    id: 'F7',
    attack: 'widen the window to every day, 00:00–23:59 (schedule and its start), apply --fleet',
    scenario: 'window',
    fleet: true,
    edit: (plan) => {
      const s = entry(plan, 'payments').schedule;
      s.window = { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '00:00', end: '23:59', timezone: 'Asia/Shanghai' };
      s.startsAt = plan.createdAt;
    },
    code: 'apply/fleet-mismatch',
    path: 'instances[0].schedule.window',
  },
];
