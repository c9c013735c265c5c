/**
 * The options of an apply, as `ckafka apply`, `ckafka queue` and the Pulumi provider pass them.
 */
import type { CheckId, PlannedInstance } from '../plan/types';
import type { ApplyEvent } from './apply-types';
import type { DecideOptions } from './decision';
import { defaultTrackTimeout } from './instance-reports';

export interface ApplyOptions {
  /** Failing checks to pass over; each use is recorded in the result. @default none */
  readonly ignoreChecks?: readonly CheckId[];
  /** Sleep until a deferred change's window opens or time comes, instead of deferring. @default false */
  readonly wait?: boolean;
  /** The longest `wait` sleeps for one instance (cloud clock); beyond it the change is deferred. @default 24 hours */
  readonly maxWaitMs?: number;
  /**
   * Instances checked and submitted (or re-timed) at once. A change already running in the cloud
   * holds no slot while it is followed (one batched poller follows them all), nor does an
   * instance waiting for its window with `wait`, so a long migration never delays the others.
   * @default 8
   */
  readonly concurrency?: number;
  /**
   * Changes running in the cloud at once: the blast radius of one apply. An instance whose change
   * would start waits, holding no slot, until a running one ends, then is observed afresh.
   * @default - no limit
   */
  readonly maxRunning?: number;
  /** Time between status polls while a change runs (cloud clock). @default 30 seconds */
  readonly pollIntervalMs?: number;
  /**
   * How long to follow one change before reporting it as still running in the cloud.
   * @default - three times the plan's estimate plus 30 minutes, at least one hour
   */
  readonly trackTimeoutMs?: (instance: PlannedInstance) => number;
  /**
   * Follow each change to its end and verify it (`true`), or stop once the cloud shows it started
   * (`false`): a change this apply submits is followed until the instance shows upgrading (the
   * cloud took it on) and reported `in-progress`; a change found running is reported with its
   * progress and ETA, not followed; one found finished is verified. For CI jobs shorter than a
   * migration: the next apply of the same plan observes, and never submits twice.
   * @default true
   */
  readonly follow?: boolean;
  /**
   * When changes now running in the cloud were submitted, by instance id (an earlier apply's
   * record), so an apply that does not follow can report their progress and ETA.
   * @default - unknown: progress is reported against the plan's estimate only
   */
  readonly startedAt?: ReadonlyMap<string, Date>;
  /** Aborting stops new submissions and waiting; changes already running are reported, not cancelled. */
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: ApplyEvent) => void;
}

/** The options as `decide` takes them for one instance, with their defaults, and whether the apply has been interrupted by now. */
export function decideOptionsFor(options: ApplyOptions, p: PlannedInstance, interrupted: boolean): DecideOptions {
  return {
    ignoreChecks: new Set(options.ignoreChecks ?? []),
    wait: options.wait === true,
    maxWaitMs: options.maxWaitMs ?? 86_400_000,
    follow: options.follow !== false,
    startedAt: p.instanceId === null ? undefined : options.startedAt?.get(p.instanceId),
    trackTimeoutMs: (options.trackTimeoutMs ?? defaultTrackTimeout)(p),
    interrupted,
  };
}
