/**
 * What an apply reports: one outcome per instance, events while it runs, and a summary.
 */
import type { CheckId, PlanCheck } from '../plan/types';
import type { Issue } from '../spec/issues';
import type { Endpoint } from '../spec/observed';

/**
 * How an instance ended:
 * - `unchanged`: the plan had nothing to do;
 * - `done`: at the target and verified (applied now, attached to, or already applied earlier);
 * - `deferred`: outside its window or before its time; re-run apply then;
 * - `scheduled`: a task scheduled in the cloud will run it (re-timed if the plan said so);
 * - `blocked`: the plan blocked it, or a pre-check fails now;
 * - `refused`: the plan is stale for it, or its step is manual;
 * - `failed`: the cloud refused the change, or the result does not match the target;
 * - `in-progress`: running in the cloud and not followed (`follow: false`): submitted by this apply
 *   and seen starting, or found running, with its progress; apply again to verify it once it ends;
 * - `running`: still upgrading in the cloud when apply stopped following it (interrupted, or it
 *   outlived its tracking);
 * - `skipped`: not started because apply was interrupted.
 */
export const INSTANCE_OUTCOMES = ['unchanged', 'done', 'deferred', 'scheduled', 'in-progress', 'blocked', 'refused', 'failed', 'running', 'skipped'] as const;

export type InstanceOutcome = (typeof INSTANCE_OUTCOMES)[number];

/** Whether a progress state is how an instance ended (an outcome), not a step on the way. */
export function isOutcome(state: InstanceState): state is InstanceOutcome {
  return (INSTANCE_OUTCOMES as readonly string[]).includes(state);
}

/** Outcomes that make `ckafka apply` exit 0. */
export const SUCCESS_OUTCOMES: readonly InstanceOutcome[] = ['unchanged', 'done', 'deferred', 'scheduled', 'in-progress'];

export interface EndpointChange {
  readonly before: readonly Endpoint[];
  readonly after: readonly Endpoint[];
}

export interface InstanceResult {
  readonly name: string;
  readonly instanceId: string | null;
  readonly outcome: InstanceOutcome;
  /** One line in the user's terms. */
  readonly message: string;
  readonly issues: readonly Issue[];
  /** The checks as re-run at apply time, when they were. */
  readonly checks?: readonly PlanCheck[];
  /** Failing checks passed over with `--ignore-check`, recorded so the log shows the decision. */
  readonly ignoredChecks?: readonly CheckId[];
  /** The change this apply submitted, if any: when, and how the cloud is known to have it. */
  readonly submitted?: {
    readonly at: string;
    readonly requestId: string;
    /** `response`: the cloud accepted it; `observation`: the answer was lost and the cloud showed the change. */
    readonly acceptedBy: 'response' | 'observation';
    /** What the cloud returned to identify the order, for the record. */
    readonly reference: string;
  };
  /** True when apply found the change already running and tracked it instead of submitting. */
  readonly attached?: boolean;
  /** When a deferred change may start (ISO-8601). */
  readonly startsAt?: string;
  readonly elapsedSeconds?: number;
  /** For a change running in the cloud: when it should end by the plan's estimate (ISO-8601), when its start is known. */
  readonly expectedDoneAt?: string;
  /** Endpoints whose address or port differ from those the plan was made against. */
  readonly endpointsChanged?: EndpointChange;
}

export interface ApplySummary {
  readonly total: number;
  readonly byOutcome: Readonly<Partial<Record<InstanceOutcome, number>>>;
  /** Instances still upgrading in the cloud when apply ended (`running` and `in-progress`). */
  readonly stillRunning: readonly string[];
  readonly line: string;
}

export interface ApplyResult {
  readonly instances: readonly InstanceResult[];
  readonly summary: ApplySummary;
  readonly interrupted: boolean;
  /** 0 when every instance ended in a success outcome, else 1. */
  readonly exitCode: 0 | 1;
  /** Problems with the plan as a whole (unreadable, modified, another cloud). */
  readonly issues: readonly Issue[];
}

/** The states an instance passes through, as progress events report them. */
export type InstanceState =
  | 'observing'
  | 'waiting' // for its window or time (--wait)
  | 'checking'
  | 'submitting'
  | 'submitted'
  | 'attached'
  | 'upgrading'
  | 'retimed'
  | InstanceOutcome;

export type ApplyEvent =
  | { readonly type: 'start'; readonly at: Date; readonly instances: number }
  | {
      readonly type: 'state';
      readonly at: Date;
      readonly name: string;
      readonly instanceId: string | null;
      readonly state: InstanceState;
      readonly message: string;
      /** The plan's estimate, for an ETA while upgrading. */
      readonly estimatedSeconds?: number | null;
    }
  | { readonly type: 'progress'; readonly at: Date; readonly name: string; readonly instanceId: string; readonly statusCode: number; readonly elapsedSeconds: number; readonly estimatedSeconds: number | null }
  | { readonly type: 'end'; readonly at: Date; readonly result: ApplyResult };
