/**
 * The checks run again at apply time, on facts gathered now: what the reviewer approved must
 * still hold, and what cannot be verified now is not a pass. Pure.
 */
import { runChecks } from '../plan/run-checks';
import { PREREQUISITE_CHECKS, type PlanCheck, type PlannedInstance, type PlanSchedule } from '../plan/types';
import type { InstanceFacts, ObservedInstance } from '../spec/observed';
import type { Decision, DecideOptions } from './decision';
import { APPLY_AGAIN, ignoreCheck, issue, REPLAN } from './instance-reports';

/** Blocks, refuses, or lets the change go on to a last look before it is submitted. */
export function judgeChecks(p: PlannedInstance, observed: ObservedInstance, facts: InstanceFacts, schedule: PlanSchedule, options: DecideOptions): Decision {
  // Facts cut short by Ctrl-C say nothing about the instance: nothing was submitted.
  if (options.interrupted) return { rule: 'interrupted-during-checks', kind: 'end', result: { outcome: 'skipped', message: 'interrupted during the pre-checks; nothing was submitted', issues: [] } };
  // Fail closed: the plan starts this change at once because no data migrates. If that cannot
  // be asked again now, a change that does migrate would start outside any window: not submitted.
  if (p.migration.required === false && facts.migration === undefined) {
    const why = facts.errors?.find((e) => e.what === 'migration');
    const detail = why === undefined ? 'the cloud gave no answer' : `${why.code}: ${why.message}`;
    return {
      rule: 'migration-unverified',
      kind: 'end',
      result: {
        outcome: 'blocked',
        message: `whether the change migrates data could not be verified now (${detail}); the plan said it does not, so it would start outside any window: nothing was submitted`,
        issues: [issue('apply/migration-unverified', `${p.name}: the migration assessment could not be verified (${detail})`, 'apply again when the cloud answers', APPLY_AGAIN, REPLAN)],
      },
    };
  }
  // The reviewer approved a change that migrates nothing; if the cloud now says data would
  // migrate, the plan under-states the risk and must be reviewed again.
  if (p.migration.required === false && facts.migration?.required === true)
    return {
      rule: 'migration-now',
      kind: 'end',
      result: {
        outcome: 'refused',
        message: 'the cloud now says this change migrates data; the reviewed plan said it would not',
        issues: [issue('apply/stale', `${p.name}: the change now requires a data migration`, 'the new plan shows its window, mode and duration', REPLAN)],
      },
    };
  const checks = runChecks({ observed, target: p.target, migration: p.migration, schedule, facts });
  // A prerequisite that could not be verified now is not a pass: at plan time "not checked" is
  // information for the reviewer, at apply time it would be a blind submit.
  const failing = checks.filter((c) => c.status === 'fail' || (c.notChecked === true && PREREQUISITE_CHECKS.includes(c.id)));
  const ignored = failing.filter((c) => options.ignoreChecks.has(c.id)).map((c) => c.id);
  const blocking = failing.filter((c) => !options.ignoreChecks.has(c.id));
  if (blocking.length > 0)
    return {
      rule: 'check-failed',
      kind: 'end',
      result: {
        outcome: 'blocked',
        message: `pre-check ${blocking.some((c) => c.status === 'fail') ? 'failed' : 'could not be verified'}: ${blocking.map((c) => c.id).join(', ')}`,
        checks,
        ...(ignored.length > 0 ? { ignoredChecks: ignored } : {}),
        issues: blocking.map((c: PlanCheck) =>
          c.status === 'fail'
            ? issue('apply/check-failed', `${p.name}: ${c.id}: ${c.message}`, c.hint ?? 'fix it', ignoreCheck(c.id))
            : issue('apply/check-failed', `${p.name}: ${c.id} could not be verified: ${c.message.replace(/^not checked: /, '')}`, 'apply again when the cloud answers', APPLY_AGAIN, ignoreCheck(c.id)),
        ),
      },
    };
  return { rule: 'checks-pass', kind: 'confirm', checked: { checks, ignored } };
}
