/**
 * Apply's decisions, pure: from a plan entry, what the executor has seen of its instance and
 * done so far (`Seen`), the time and the apply's options, what to do next (`Decision`). No I/O,
 * no clock, no cloud: the executor (`apply-instance.ts`) performs each decision through the port
 * and comes back with what it saw, until a decision ends the instance with an outcome.
 *
 * Idempotency comes from observing the cloud, not from a local journal (CI runners are
 * ephemeral): each decision starts from what the cloud shows — already at the target (done),
 * upgrading from the planned spec (follow), moved since the plan (refuse as stale), outside its
 * window (defer or wait) — so a re-run after a crash or a timeout resumes, and two applies of one
 * plan submit each change once (the cloud refuses the second, which then follows the first).
 */
import { CloudError } from '../cloud/port';
import { sameSpec } from '../plan/spec-changes';
import type { PlannedInstance } from '../plan/types';
import { specOfObserved } from '../spec/observed';
import { attach, decideFromLook, submitStepOf } from './decide-from-look';
import type { Decision, DecideOptions, DecisionRule, InstanceReport, Recorded, Seen } from './decision';
import { APPLY_AGAIN, inProgress, issue, overran, recordOf, REPLAN, skipped, unreachable, verified, writeFailed } from './instance-reports';
import { judgeChecks } from './judge-checks';
import type { TrackOutcome } from './tracker';

function end(rule: DecisionRule, result: InstanceReport): Decision {
  return { rule, kind: 'end', result };
}

/**
 * Any refusal of a submit may mean someone else got there first (a concurrent apply of this plan,
 * or the console): ResourceInUse while their change runs, or "equals the current spec" once it
 * has finished. A failure to reach the cloud says nothing of the kind (and a write whose outcome
 * is unknown was already re-observed by the adapter).
 */
function isRefusal(e: unknown): boolean {
  return CloudError.isCloudError(e) && e.kind !== 'network' && e.kind !== 'throttled' && e.kind !== 'unavailable' && e.kind !== 'auth';
}

/** How following a change ended, as the instance's report. */
function fromTracking(p: PlannedInstance, outcome: TrackOutcome, since: Date, recorded: Recorded, now: Date, options: DecideOptions): Decision {
  const elapsedSeconds = Math.round((now.getTime() - since.getTime()) / 1000);
  const extra = { ...recorded, elapsedSeconds };
  switch (outcome.kind) {
    case 'started':
      return { rule: 'tracked-started', kind: 'end', ...inProgress(p, outcome.observed, since, recorded, now, options.trackTimeoutMs) };
    case 'done':
      return end('tracked-done', { ...verified(p, outcome.observed, { attached: recorded.attached, note: recorded.attached ? 'finished (followed the running change)' : 'applied' }), ...extra });
    case 'mismatch':
      return end('tracked-mismatch', {
        outcome: 'failed',
        message: `${outcome.reason}: now ${outcome.observed.bandwidthMBps} MB/s, ${outcome.observed.diskGB} GB, ${outcome.observed.partitions} partitions`,
        issues: [issue('apply/verify-mismatch', `${p.name}: ${outcome.reason}`, 'check the instance in the console', REPLAN)],
        ...extra,
      });
    case 'gone':
      return end('tracked-gone', { outcome: 'failed', message: 'the instance disappeared while upgrading', issues: [issue('apply/verify-mismatch', `${p.name}: the instance disappeared`)], ...extra });
    case 'timeout':
      return end('tracked-timeout', overran(p, elapsedSeconds, extra));
    case 'interrupted':
      return end('tracked-interrupted', {
        outcome: 'running',
        message: 'interrupted; the change keeps running in the cloud',
        issues: [issue('apply/interrupted', `${p.name}: still upgrading in the cloud`, 'it is followed to the end when the plan is applied again', APPLY_AGAIN)],
        ...extra,
      });
  }
}

/**
 * What to do next with one plan entry. `seen` is what the executor has seen of its instance and
 * what it just did; `now` the cloud's time; `options` the apply's options for this instance and
 * whether the apply has been interrupted. Every decision names its rule (`DECISION_RULES`).
 */
export function decide(p: PlannedInstance, seen: Seen, now: Date, options: DecideOptions): Decision {
  if (p.action === 'none') return end('nothing-planned', { outcome: 'unchanged', message: 'no change planned', issues: [] });
  switch (seen.after) {
    case 'look':
      return decideFromLook(p, seen.observed, now, options);
    case 'interrupted':
      if (seen.while === 'starting') return end('interrupted-before-start', skipped('apply was interrupted before this instance started'));
      if (seen.while === 'queued') return end('interrupted-queued', skipped('interrupted while waiting for a running change to finish; nothing was submitted'));
      return end('interrupted-waiting', { outcome: 'deferred', message: `interrupted while waiting; it may start at ${seen.until.toISOString()}`, issues: [], startsAt: seen.until.toISOString() });
    case 'no-room':
      return end('no-room', {
        outcome: 'deferred',
        message: `not started: ${seen.stuck} change(s) still running in the cloud fill the limit of ${seen.limit} running at once; apply this plan again once they finish`,
        issues: [],
      });
    case 'admitted':
      if (options.interrupted) return end('interrupted-before-checks', skipped('interrupted before submitting'));
      return { rule: 'admitted', kind: 'check', observed: seen.observed, schedule: seen.schedule, say: { state: 'checking', message: 're-running the pre-checks' } };
    case 'checked':
      return judgeChecks(p, seen.observed, seen.facts, seen.schedule, options);
    case 'confirmed': {
      const latest = seen.observed;
      const step = submitStepOf(p);
      // Moved since the checks (another apply submitted, or the instance is busy): decide afresh.
      if (latest === undefined || latest.status !== 'running' || !sameSpec(specOfObserved(latest), p.observed.spec) || step === undefined) return decideFromLook(p, latest, now, options);
      if (options.interrupted) return end('interrupted-before-submit', skipped('interrupted before submitting', { checks: seen.checked.checks }));
      // The entry's instance, always: a step names no instance of its own.
      const request = { instanceId: latest.instanceId, bandwidthMBps: step.bandwidthMBps, diskGB: step.diskGB, partitions: step.partitions, mode: step.mode };
      return { rule: 'confirmed', kind: 'submit', request, observed: latest, checked: seen.checked, say: { state: 'submitting', message: step.description } };
    }
    case 'submitted': {
      const recorded = recordOf(false, seen.submitted, seen.checked.checks, seen.checked.ignored);
      return { rule: 'submitted', kind: 'follow', observed: seen.observed, since: seen.since, until: options.follow ? 'done' : 'started', timeoutMs: options.trackTimeoutMs, recorded };
    }
    case 'submit-failed':
      if (isRefusal(seen.error)) return { rule: 'submit-refused', kind: 'look-after-refusal', error: seen.error, checked: seen.checked };
      return end('submit-failed', writeFailed(p, seen.error, 'submitting the new spec'));
    case 'refusal-looked': {
      const o = seen.observed;
      if (o?.status === 'upgrading')
        return attach(p, o, now, options, 'started-meanwhile', recordOf(true, undefined, seen.checked.checks, seen.checked.ignored), {
          state: 'attached',
          message: 'a change started meanwhile: following it',
        });
      if (o !== undefined && o.status === 'running' && sameSpec(specOfObserved(o), p.target))
        return end('finished-meanwhile', verified(p, o, { attached: true, note: 'finished meanwhile (another apply submitted it)' }));
      // Busy without a visible change (e.g. a task scheduled in the console): report, do not loop.
      return end('refused-without-change', writeFailed(p, seen.error, 'submitting the new spec'));
    }
    case 'retimed':
      return end('retimed', { outcome: 'scheduled', message: `re-timed: the cloud runs the change at ${seen.to.toISOString()}`, issues: [], startsAt: seen.to.toISOString() });
    case 'retime-failed':
      return end('retime-failed', writeFailed(p, seen.error, 're-timing the scheduled change'));
    case 'tracked':
      return fromTracking(p, seen.outcome, seen.since, seen.recorded, now, options);
    case 'unreachable':
      return end('unreachable', unreachable(p, seen.error));
  }
}
