/**
 * How apply words an instance's end: the reports its decisions return, with their issues and
 * remedies as data (each front end words a remedy; nothing here names a flag). Pure.
 */
import { CloudError } from '../cloud/port';
import type { CheckId, PlannedInstance } from '../plan/types';
import { formatDuration } from '../plan/words';
import type { Issue, IssueCode, Remedy } from '../spec/issues';
import { endpointsKey, hasElasticStorage, type ObservedInstance } from '../spec/observed';
import type { InstanceReport, ProgressNote, Recorded } from './decision';

export function issue(code: IssueCode, message: string, hint?: string, ...remedies: Remedy[]): Issue {
  return { code, severity: 'error', path: '', message, ...(hint === undefined ? {} : { hint }), ...(remedies.length === 0 ? {} : { remedies }) };
}

export const REPLAN: Remedy = { kind: 'replan' };
export const APPLY_AGAIN: Remedy = { kind: 'apply-again' };
export const ignoreCheck = (check: CheckId): Remedy => ({ kind: 'ignore-check', check });

/** How long a change is followed unless the options say otherwise: three times the estimate plus 30 minutes, at least an hour. */
export function defaultTrackTimeout(p: PlannedInstance): number {
  const estimate = (p.migration.estimatedSeconds ?? 300) * 1000;
  return Math.max(3_600_000, 3 * estimate + 1_800_000);
}

/** The skipped report of an instance the apply was interrupted before or during. */
export function skipped(message: string, extra: Partial<InstanceReport> = {}): InstanceReport {
  return { outcome: 'skipped', message, issues: [], ...extra };
}

/** At the target and running: done, with the endpoints that differ from those planned against. */
export function verified(p: PlannedInstance, o: ObservedInstance, how: { attached: boolean; note: string }): InstanceReport {
  const changed = endpointsKey(p.observed.endpoints) !== endpointsKey(o.endpoints);
  return {
    outcome: 'done',
    message: `${how.note}: ${p.target.bandwidthMBps} MB/s, ${hasElasticStorage(o) ? 'elastic disk' : `${p.target.diskGB} GB`}, ${p.target.partitions} partitions${changed ? '; endpoints changed' : ''}`,
    issues: [],
    attached: how.attached,
    ...(changed ? { endpointsChanged: { before: p.observed.endpoints, after: o.endpoints } } : {}),
  };
}

/** A change still upgrading long past its estimate: it keeps running, and someone should look. */
export function overran(p: PlannedInstance, elapsedSeconds: number, extra: Partial<InstanceReport>): InstanceReport {
  return {
    outcome: 'running',
    message: `still upgrading in the cloud after ${Math.round(elapsedSeconds / 60)} minutes (estimate ${Math.round((p.migration.estimatedSeconds ?? 0) / 60)}); it keeps running`,
    issues: [
      issue(
        'apply/still-running',
        `${p.name}: the change is taking much longer than estimated`,
        'see docs/troubleshooting.md (zone disk stock, high-speed under load, MaxMessageByte, broker address update)',
        APPLY_AGAIN,
      ),
    ],
    ...extra,
  };
}

/**
 * A change running in the cloud that this apply does not follow: its progress against the
 * plan's estimate, from `start` when known. Past the time a followed change would be given, it
 * is reported as overrunning (`running`), as following it would have.
 */
export function inProgress(
  p: PlannedInstance,
  o: ObservedInstance,
  start: Date | undefined,
  recorded: Recorded,
  now: Date,
  trackTimeoutMs: number,
): { result: InstanceReport; progress?: ProgressNote } {
  const estimate = p.migration.estimatedSeconds;
  const elapsedSeconds = start === undefined ? undefined : Math.max(0, Math.round((now.getTime() - start.getTime()) / 1000));
  if (elapsedSeconds !== undefined && elapsedSeconds * 1000 > trackTimeoutMs) return { result: overran(p, elapsedSeconds, { ...recorded, elapsedSeconds }) };
  const expectedDoneAt = start === undefined || estimate === null ? undefined : new Date(start.getTime() + estimate * 1000).toISOString();
  let progress: string;
  if (estimate === null) progress = elapsedSeconds === undefined ? 'its duration is not estimated' : `${formatDuration(elapsedSeconds)} elapsed`;
  else if (elapsedSeconds === undefined) progress = `the plan estimates ${formatDuration(estimate)} in all (when it started is not known to this run)`;
  else {
    const left = estimate - elapsedSeconds;
    const ran = elapsedSeconds < 60 ? '' : `${formatDuration(elapsedSeconds)} elapsed, `;
    progress = left > 0 ? `${ran}about ${formatDuration(left)} left (estimate: done about ${expectedDoneAt ?? ''})` : `${ran}longer than the ${formatDuration(estimate)} estimate`;
  }
  return {
    result: {
      outcome: 'in-progress',
      message: `${recorded.submitted === undefined ? 'running in the cloud' : 'submitted, running in the cloud'}: ${progress}; not followed: apply this plan again to see its progress and to verify it once it ends`,
      issues: [],
      ...recorded,
      ...(elapsedSeconds === undefined ? {} : { elapsedSeconds }),
      ...(expectedDoneAt === undefined ? {} : { expectedDoneAt }),
    },
    progress: { instanceId: o.instanceId, statusCode: o.statusCode, elapsedSeconds: elapsedSeconds ?? 0 },
  };
}

/** A write the cloud refused or that could not be sent: `doing` names it. */
export function writeFailed(p: PlannedInstance, e: unknown, doing: string): InstanceReport {
  const detail = CloudError.isCloudError(e) ? `${e.action} failed: ${e.code}: ${e.message}${e.requestId ? ` (request ${e.requestId})` : ''}` : e instanceof Error ? e.message : String(e);
  return {
    outcome: 'failed',
    message: `${doing} failed: ${detail}`,
    issues: [issue('apply/submit-failed', `${p.name}: ${doing} failed: ${detail}`, 'see docs/troubleshooting.md for this code; nothing was changed unless the cloud shows the instance upgrading')],
  };
}

/** A read that failed after the adapter's retries: the instance's outcome is unknown; it resumes from what the cloud shows. */
export function unreachable(p: PlannedInstance, e: unknown): InstanceReport {
  const detail = CloudError.isCloudError(e) ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e);
  return { outcome: 'failed', message: `could not reach the cloud: ${detail}`, issues: [issue('apply/submit-failed', `${p.name}: ${detail}`, 'it resumes from what the cloud shows', APPLY_AGAIN)] };
}

/** The record of a change followed or found running: what this apply submitted and checked, and whether it attached. */
export function recordOf(attached: boolean, submitted?: InstanceReport['submitted'], checks?: InstanceReport['checks'], ignored?: readonly CheckId[]): Recorded {
  return { ...(submitted ? { submitted } : {}), ...(checks ? { checks } : {}), ...(ignored && ignored.length > 0 ? { ignoredChecks: ignored } : {}), attached };
}
