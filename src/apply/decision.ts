/**
 * The vocabulary of apply's decisions: what the executor has seen of one instance (`Seen`), what
 * `decide` tells it to do next (`Decision`), and the rule behind each decision, by name.
 */
import type { SpecChangeRequest } from '../cloud/port';
import type { CheckId, PlanCheck, PlanSchedule } from '../plan/types';
import type { InstanceFacts, ObservedInstance } from '../spec/observed';
import type { InstanceResult } from './apply-types';
import type { TrackOutcome } from './tracker';

/** How one instance ended, without its name and id (the executor adds them). */
export type InstanceReport = Omit<InstanceResult, 'name' | 'instanceId'>;

/** What a change followed or found running carries into its report. */
export type Recorded = Pick<InstanceReport, 'submitted' | 'checks' | 'ignoredChecks'> & { readonly attached: boolean };

/** The re-run checks a change passed, to be recorded with it. */
export interface Checked {
  readonly checks: readonly PlanCheck[];
  /** Failing checks passed over (`ignoreChecks`). */
  readonly ignored: readonly CheckId[];
}

/**
 * What the executor has seen of one instance, and what it just did: the input of `decide`.
 * `observed` is always the latest look (`undefined`: the instance was not found).
 */
export type Seen =
  /** A fresh look: the first of this apply, or after a wait. */
  | { readonly after: 'look'; readonly observed: ObservedInstance | undefined }
  /**
   * Interrupted while the executor waited: for a concurrency slot before the instance started
   * (`starting`), for its time (`waiting`, until `until`), or for a running change to end (`queued`).
   */
  | { readonly after: 'interrupted'; readonly while: 'starting' }
  | { readonly after: 'interrupted'; readonly while: 'queued' }
  | { readonly after: 'interrupted'; readonly while: 'waiting'; readonly until: Date }
  /** No running-change slot will come free in this apply: `stuck` changes that outlived their tracking fill the `limit`. */
  | { readonly after: 'no-room'; readonly stuck: number; readonly limit: number }
  /** Given its turn to start (`start`), holding a running-change slot when they are limited. */
  | { readonly after: 'admitted'; readonly observed: ObservedInstance; readonly schedule: PlanSchedule }
  /** The facts re-gathered for the checks, against the window occurrence the change starts in. */
  | { readonly after: 'checked'; readonly observed: ObservedInstance; readonly facts: InstanceFacts; readonly schedule: PlanSchedule }
  /** The look right before writing, after the checks passed. */
  | { readonly after: 'confirmed'; readonly observed: ObservedInstance | undefined; readonly checked: Checked }
  /** The cloud accepted the change at `since` (`observed`: the look before the submit). */
  | { readonly after: 'submitted'; readonly observed: ObservedInstance; readonly since: Date; readonly submitted: NonNullable<InstanceReport['submitted']>; readonly checked: Checked }
  /** The submit failed (`error`, as thrown through the port). */
  | { readonly after: 'submit-failed'; readonly error: unknown; readonly checked: Checked }
  /** The look after a refusal of the submit (`undefined`: nothing seen, or the look failed). */
  | { readonly after: 'refusal-looked'; readonly error: unknown; readonly observed: ObservedInstance | undefined; readonly checked: Checked }
  | { readonly after: 'retimed'; readonly to: Date }
  | { readonly after: 'retime-failed'; readonly error: unknown }
  /** How following a change ended (`since`: when it was submitted or found running). */
  | { readonly after: 'tracked'; readonly outcome: TrackOutcome; readonly since: Date; readonly recorded: Recorded }
  /** A read failed after the adapter's retries: this instance's outcome is unknown. */
  | { readonly after: 'unreachable'; readonly error: unknown };

/** A progress event the executor emits with a report (a change running and not followed). */
export interface ProgressNote {
  readonly instanceId: string;
  readonly statusCode: number;
  readonly elapsedSeconds: number;
}

/** A state event the executor emits as it acts on a decision. */
export interface Say {
  readonly state: 'attached' | 'waiting' | 'checking' | 'submitting';
  readonly message: string;
}

/** What to do next. Every decision names the rule that made it, and may carry an event to emit first. */
export type Decision = { readonly rule: DecisionRule; readonly say?: Say } & (
  | /** Report this outcome; nothing more to do. */ { readonly kind: 'end'; readonly result: InstanceReport; readonly progress?: ProgressNote }
  | /**
     * Follow a change running in the cloud, holding no concurrency slot: to its end (`until: done`)
     * or until the cloud shows it started (`until: started`). A change this apply did not submit
     * (`recorded.attached`) counts against the running-change limit from now on.
     */ {
      readonly kind: 'follow';
      readonly observed: ObservedInstance;
      readonly since: Date;
      readonly until: 'done' | 'started';
      readonly timeoutMs: number;
      readonly recorded: Recorded;
    }
  | /** Sleep until `until` holding no slot, then look again. */ { readonly kind: 'wait-until'; readonly until: Date }
  | /** Move the task scheduled in the cloud to `to`. */ { readonly kind: 'retime'; readonly to: Date }
  | /** Due now: take a turn among the running changes (the running-change limit), then `check`. */ {
      readonly kind: 'start';
      readonly observed: ObservedInstance;
      readonly schedule: PlanSchedule;
    }
  | /** Gather the facts and re-run the checks, judging `schedule` (the occurrence it starts in). */ {
      readonly kind: 'check';
      readonly observed: ObservedInstance;
      readonly schedule: PlanSchedule;
    }
  | /** Look once more right before writing: another apply may have just submitted. */ { readonly kind: 'confirm'; readonly checked: Checked }
  | /** Submit the reviewed change (`observed`: the look that confirmed it may go). */ {
      readonly kind: 'submit';
      readonly request: SpecChangeRequest;
      readonly observed: ObservedInstance;
      readonly checked: Checked;
    }
  | /** Look after a refusal of the submit: someone else may have got there first. */ { readonly kind: 'look-after-refusal'; readonly error: unknown; readonly checked: Checked }
);

export type DecisionKind = Decision['kind'];

/**
 * Every rule `decide` applies, by name, in the order it applies them. A table test holds each
 * rule to at least one case.
 */
export const DECISION_RULES = [
  // Before the instance is looked at: the plan alone decides.
  'nothing-planned',
  'manual-step',
  'nothing-to-do',
  'blocked-by-plan-checks',
  // From a look.
  'not-found',
  'at-target',
  'finishing',
  'ours-in-flight',
  'ended-short',
  'stale',
  'running-change',
  'not-running',
  'scheduled-in-cloud',
  'retime-passed',
  'interrupted-before-retime',
  'retime',
  'no-change-step',
  'not-due',
  'window-never-fits',
  'window-too-short',
  'due',
  // From what the executor did or met since.
  'interrupted-before-start',
  'interrupted-waiting',
  'interrupted-queued',
  'no-room',
  'interrupted-before-checks',
  'admitted',
  'interrupted-during-checks',
  'migration-unverified',
  'migration-now',
  'check-failed',
  'checks-pass',
  'interrupted-before-submit',
  'confirmed',
  'submitted',
  'submit-failed',
  'submit-refused',
  'started-meanwhile',
  'finished-meanwhile',
  'refused-without-change',
  'retimed',
  'retime-failed',
  'tracked-started',
  'tracked-done',
  'tracked-mismatch',
  'tracked-gone',
  'tracked-timeout',
  'tracked-interrupted',
  'unreachable',
] as const;

export type DecisionRule = (typeof DECISION_RULES)[number];

/** What `decide` needs beyond the plan entry and what was seen: the apply's options, resolved for this instance, and the run's state. */
export interface DecideOptions {
  /** Failing checks to pass over. */
  readonly ignoreChecks: ReadonlySet<CheckId>;
  /** Sleep until a change may start instead of deferring it. */
  readonly wait: boolean;
  /** The longest a wait may be. */
  readonly maxWaitMs: number;
  /** Follow changes to their end (`true`), or only until the cloud shows them started. */
  readonly follow: boolean;
  /** When an earlier apply of this plan submitted this instance's change (its record), if known. */
  readonly startedAt: Date | undefined;
  /** How long a change of this instance is followed before it is reported as still running. */
  readonly trackTimeoutMs: number;
  /** Whether the apply has been interrupted (Ctrl-C) by now. */
  readonly interrupted: boolean;
}
