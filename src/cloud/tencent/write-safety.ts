/**
 * Write safety: what the adapter does when a write's answer is lost. A write (spec change,
 * create, delete) whose answer never arrived may or may not have been applied, so it is never
 * simply sent again: the instance is observed first, and the write is resent only when the
 * observation proves it did not apply. When nothing can be proved the caller gets an error of
 * kind `outcome-unknown`, which no caller retries.
 *
 * The rules take how to send and how to observe as arguments, so they are tested on their own
 * with scripted answers.
 */
import type { ObservedInstance } from '../../spec/observed';
import { CloudError, type CreateResult, type SpecChangeRequest, type SubmitResult, type TargetSpec } from '../port';
import { CLIENT_ERROR } from './errors';

/**
 * True when the outcome of a failed write is unknown: no answer (network, timeout), an answer
 * from something other than the API (HTTP 5xx), a server-side fault (InternalError,
 * ResourceUnavailable, ServiceUnavailable), or an abort while the request was out. Any other API
 * error is the API's definitive refusal, and a throttle is answered before anything is done.
 */
export function isOutcomeUnknown(e: CloudError): boolean {
  if (e.code === CLIENT_ERROR.aborted) return true;
  if (e.kind === 'network' || e.kind === 'unavailable') return true;
  if (e.httpCode !== undefined && e.httpCode >= 500) return true;
  return e.code.startsWith('InternalError');
}

/** A lost answer worth re-observing: unknown outcome, but not an abort (the caller asked to stop). */
function isLostAnswer(e: unknown): e is CloudError {
  return CloudError.isCloudError(e) && isOutcomeUnknown(e) && e.code !== CLIENT_ERROR.aborted;
}

/** Whether an observed instance already has a target spec (bandwidth, disk, partitions); an elastic disk matches any. */
export function isAtTarget(observed: ObservedInstance, target: Pick<TargetSpec, 'bandwidthMBps' | 'diskGB' | 'partitions'>): boolean {
  return observed.bandwidthMBps === target.bandwidthMBps && (observed.diskGB === null || observed.diskGB === target.diskGB) && observed.partitions === target.partitions;
}

/**
 * The error for a write whose outcome could not be settled: `ClientError.OutcomeUnknown`, kind
 * `outcome-unknown`, with what was seen and what to do.
 */
export function outcomeUnknownError(action: string, subject: string, lost: CloudError, what: string): CloudError {
  // Not the lost answer's kind: a `network` error is `retryable`, and a caller must not take this
  // one as leave to send the write again.
  return new CloudError(
    'outcome-unknown',
    CLIENT_ERROR.outcomeUnknown,
    `${action} (${subject}): the answer was lost (${lost.message}); ${what}. Run \`ckafka status\` to see what the cloud has before applying again`,
    action,
    lost.requestId,
    lost.httpCode,
  );
}

/** What an adapter does around a lost answer: wait before looking, and count what happened. */
export interface LostAnswerHandling {
  /**
   * Waits before the `look`-th re-observation (0-based), so the cloud has time to show a write
   * it accepted. Resolves at once when the signal fires.
   */
  pause(signal: AbortSignal | undefined, look: number): Promise<void>;
  /**
   * How many times an unchanged, idle instance is observed before a spec change is taken as not
   * applied and sent again. A real cloud may take a while to show an accepted order: one look
   * could double it.
   * @default 1
   */
  readonly settleLooks?: number;
  /** The cloud's clock, so only a task scheduled in the future counts as this write's. @default - any scheduled task counts */
  now?(): Date;
  /** Called each time a lost answer is followed by observing the cloud. @default nothing */
  onReobserve?(): void;
  /** Called each time a write is sent again because observation proved it had not applied. @default nothing */
  onResubmit?(): void;
}

function messageOf(e: unknown): string {
  return CloudError.isCloudError(e) || e instanceof Error ? e.message : String(e);
}

/** Arguments of {@link submitSpecChangeSafely}. */
export interface SafeSubmit {
  readonly request: SpecChangeRequest;
  /** The API action, for messages. */
  readonly action: string;
  /** Sends the change once (throttling may be retried inside: it proves nothing was applied). */
  send(): Promise<SubmitResult>;
  /** Describes the instance, or `undefined` when the cloud does not list it. */
  observe(instanceId: string): Promise<ObservedInstance | undefined>;
  readonly handling: LostAnswerHandling;
  readonly signal?: AbortSignal;
}

/**
 * Submits a spec change, settling a lost answer by observation: upgrading, at the target, or
 * with a task scheduled in the future means the change is in the cloud
 * (`acceptedBy: 'observation'`); running and unchanged on every look of the settling period
 * (`settleLooks`) means it did not apply, and it is sent once more. Anything else, a second lost
 * answer, or a failed observation is `ClientError.OutcomeUnknown`.
 */
export async function submitSpecChangeSafely(args: SafeSubmit): Promise<SubmitResult> {
  const { request, action, handling, signal } = args;
  const id = request.instanceId;
  for (let submissions = 1; ; submissions++) {
    let lost: CloudError;
    try {
      return await args.send();
    } catch (e) {
      if (!isLostAnswer(e)) throw e;
      lost = e;
    }
    handling.onReobserve?.();
    // Look a few times over a settling period: an order the cloud accepted may take a while to
    // show, and only a change seen on none of the looks counts as not applied.
    const looks = Math.max(1, handling.settleLooks ?? 1);
    let observed: ObservedInstance | undefined;
    let accepted: string | undefined;
    for (let look = 0; look < looks && accepted === undefined; look++) {
      await handling.pause(signal, look);
      try {
        observed = await args.observe(id);
      } catch (e) {
        throw outcomeUnknownError(action, id, lost, `re-observing it failed too (${messageOf(e)})`);
      }
      if (observed === undefined) throw outcomeUnknownError(action, id, lost, 're-observation does not list the instance any more');
      // The caller submits only to a running, idle instance: a change running, the target reached,
      // or a task scheduled in the future since, is this submission.
      const scheduled = observed.rebalanceAt !== undefined && (handling.now === undefined || Date.parse(observed.rebalanceAt) > handling.now().getTime());
      if (observed.status === 'upgrading') accepted = 'upgrading';
      else if (isAtTarget(observed, request)) accepted = 'at the target spec';
      else if (scheduled) accepted = `with a task scheduled for ${observed.rebalanceAt ?? ''}`;
      else if (observed.status !== 'running') break;
    }
    if (observed === undefined) throw outcomeUnknownError(action, id, lost, 're-observation does not list the instance any more');
    const seen = `${observed.status} (status ${observed.statusCode}), ${observed.bandwidthMBps} MB/s, ${observed.diskGB} GB, ${observed.partitions} partitions`;
    if (accepted !== undefined) {
      return {
        requestId: lost.requestId ?? '',
        reference: `accepted by observation after a lost answer (${lost.code}): instance ${accepted}`,
        acceptedBy: 'observation',
      };
    }
    if (observed.status === 'running' && submissions === 1) {
      handling.onResubmit?.();
      continue;
    }
    throw outcomeUnknownError(
      action,
      id,
      lost,
      submissions === 1
        ? `re-observed it ${seen}, which proves neither outcome, so it was not resubmitted`
        : `it was resubmitted once after re-observation showed it unchanged, lost its answer again, and is now ${seen}`,
    );
  }
}

/** Arguments of {@link createInstanceSafely}. */
export interface SafeCreate {
  readonly action: 'CreateInstancePre' | 'CreatePostPaidInstance';
  /** The exact name of the new instance. */
  readonly name: string;
  /** Places the order once (throttling may be retried inside). */
  send(): Promise<CreateResult>;
  /** Every instance whose name is exactly `name`. */
  listByName(name: string): Promise<ObservedInstance[]>;
  readonly handling: LostAnswerHandling;
  readonly signal?: AbortSignal;
}

/**
 * Creates an instance, never ordering twice: a second order would be billed. The instances of
 * that name are listed first; after a lost answer, a new one (not listed before) is the order's
 * result. None found is `ClientError.OutcomeUnknown`, never a resubmission.
 */
export async function createInstanceSafely(args: SafeCreate): Promise<CreateResult> {
  const { action, name, handling, signal } = args;
  const before = new Set((await args.listByName(name)).map((o) => o.instanceId));
  let lost: CloudError;
  try {
    return await args.send();
  } catch (e) {
    if (!isLostAnswer(e)) throw e;
    lost = e;
  }
  handling.onReobserve?.();
  await handling.pause(signal, 0);
  let after: ObservedInstance[];
  try {
    after = await args.listByName(name);
  } catch (e) {
    throw outcomeUnknownError(action, name, lost, `looking for it by name failed too (${messageOf(e)})`);
  }
  // Several new ones can only come from orders placed elsewhere at the same time: take the
  // first by id, so the answer does not depend on listing order.
  const created = after.filter((o) => !before.has(o.instanceId)).sort((a, b) => a.instanceId.localeCompare(b.instanceId));
  const first = created[0];
  if (first !== undefined) return { instanceId: first.instanceId, requestId: lost.requestId ?? '' };
  throw outcomeUnknownError(
    action,
    name,
    lost,
    'no new instance of that name is listed yet; an order may still be in progress, so it was not resubmitted (a second order would be billed): check the console before retrying',
  );
}

/** Arguments of {@link deleteInstanceSafely}. */
export interface SafeDelete {
  readonly action: 'DeleteInstancePre' | 'DeleteInstancePost';
  readonly instanceId: string;
  /** Sends the delete once (throttling may be retried inside). */
  send(): Promise<void>;
  /** Describes the instance, or `undefined` when the cloud does not list it. */
  observe(instanceId: string): Promise<ObservedInstance | undefined>;
  readonly handling: LostAnswerHandling;
  readonly signal?: AbortSignal;
}

/** Statuses that show a delete was taken: deleting, deleted, or isolated (prepaid instances are isolated first). */
const DELETE_TAKEN: ReadonlySet<string> = new Set(['deleting', 'deleted', 'isolated']);

/**
 * Deletes an instance. One that does not exist counts as deleted. After a lost answer the
 * instance is observed: gone, deleting, deleted or isolated means done; still running means it
 * is sent once more; anything else is `ClientError.OutcomeUnknown`.
 */
export async function deleteInstanceSafely(args: SafeDelete): Promise<void> {
  const { action, instanceId, handling, signal } = args;
  for (let submissions = 1; ; submissions++) {
    let lost: CloudError;
    try {
      await args.send();
      return;
    } catch (e) {
      if (CloudError.isCloudError(e) && e.kind === 'not-found') return;
      if (!isLostAnswer(e)) throw e;
      lost = e;
    }
    handling.onReobserve?.();
    await handling.pause(signal, 0);
    let observed: ObservedInstance | undefined;
    try {
      observed = await args.observe(instanceId);
    } catch (e) {
      throw outcomeUnknownError(action, instanceId, lost, `re-observing it failed too (${messageOf(e)})`);
    }
    if (observed === undefined || DELETE_TAKEN.has(observed.status)) return;
    if (submissions === 1 && observed.status === 'running') {
      handling.onResubmit?.();
      continue;
    }
    throw outcomeUnknownError(action, instanceId, lost, `the instance is ${observed.status} (status ${observed.statusCode})`);
  }
}
