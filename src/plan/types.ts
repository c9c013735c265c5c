/**
 * The upgrade plan: the contract between `plan` and `apply`, and what reviewers read.
 * Versioned (`formatVersion`), deterministic (same inputs, byte-identical JSON) and
 * fingerprinted (each instance records the observed state it was planned against).
 */
import type { Issue } from '../spec/issues';
import type { RebalanceWindow, SpecField, SpecValues, UpgradeMode } from '../spec/types';
import type { ChargeType, CloudCapabilities, Endpoint, ObservedSpec } from '../spec/observed';

export const PLAN_FORMAT_VERSION = 2 as const;

/** What the plan does with an instance. */
export type PlanAction = 'none' | 'upgrade' | 'scale-down' | 'blocked';

/** One changed field, with its unit so renderers and reviewers never guess. */
export interface PlanChange {
  readonly field: SpecField;
  readonly from: string | number;
  readonly to: string | number;
  /** `MB/s`, `GB`, `partitions`, or empty for the edition. */
  readonly unit: string;
}

/** Stable check ids: one per prerequisite and per documented failure cause of a spec change. */
export type CheckId =
  | 'routes-healthy'
  | 'replicas-in-sync'
  | 'no-unfinished-tasks'
  | 'topics-healthy'
  | 'zone-stock'
  | 'high-speed-under-load'
  | 'max-message-bytes'
  | 'ports-may-change'
  | 'single-replica-topics'
  | 'scale-down-usage'
  | 'window-fits';

export const CHECK_IDS: readonly CheckId[] = [
  'routes-healthy',
  'replicas-in-sync',
  'no-unfinished-tasks',
  'topics-healthy',
  'zone-stock',
  'high-speed-under-load',
  'max-message-bytes',
  'ports-may-change',
  'single-replica-topics',
  'scale-down-usage',
  'window-fits',
];

export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface PlanCheck {
  readonly id: CheckId;
  readonly status: CheckStatus;
  readonly message: string;
  readonly hint?: string;
  /**
   * True when the facts this check needs could not be read: its `warn` means "unknown", not
   * "risky". Apply refuses to go on with an unverified prerequisite (see PREREQUISITE_CHECKS).
   */
  readonly notChecked?: true;
}

/** The checks the upgrade documentation lists as prerequisites; apply requires them verified. */
export const PREREQUISITE_CHECKS: readonly CheckId[] = ['routes-healthy', 'replicas-in-sync', 'no-unfinished-tasks', 'topics-healthy', 'zone-stock'];

/**
 * An ordered step, in the domain's words. `change-spec` and `retime` are what apply does, on the
 * instance of the entry that holds them; `wait` steps say what apply waits for; `manual` steps
 * apply refuses. The exact API call of a step is derived from it (and from the instance's billing)
 * by the adapter's own functions, which the renderers call too (`cloud/tencent/api-calls.ts`).
 */
export type PlanStep =
  | {
      readonly kind: 'change-spec';
      /** Target peak bandwidth, MB/s. */
      readonly bandwidthMBps: number;
      readonly diskGB: number;
      readonly partitions: number;
      /** The mode asked for: honoured where the cloud takes one (postpaid), else the cloud's default applies. */
      readonly mode: UpgradeMode;
      readonly description: string;
    }
  | {
      readonly kind: 'retime';
      /** When the change already scheduled in the cloud should run instead (ISO-8601 UTC, whole seconds). */
      readonly at: string;
      readonly description: string;
    }
  | { readonly kind: 'wait'; readonly until: 'schedule' | 'migration' | 'scheduled-task'; readonly description: string }
  | { readonly kind: 'manual'; readonly description: string; readonly consolePath: string };

/** A step apply performs through the cloud. */
export type ActionStep = Extract<PlanStep, { kind: 'change-spec' | 'retime' }>;
export type ChangeSpecStep = Extract<PlanStep, { kind: 'change-spec' }>;
export type RetimeStep = Extract<PlanStep, { kind: 'retime' }>;

export interface PlanMigration {
  /** Whether data migrates (rebalance), as the cloud assessed it; `null` when it could not be assessed. */
  readonly required: boolean | null;
  /** Estimated duration in seconds; `null` when nothing migrates or it cannot be estimated. */
  readonly estimatedSeconds: number | null;
  /** The mode the migration will run in; `null` when nothing migrates. */
  readonly mode: UpgradeMode | null;
  /** Whether the declared mode is honoured (postpaid) or the cloud's default applies (prepaid). */
  readonly modeSelectable: boolean;
  /** How the estimate was made, in words, labelled as an estimate. */
  readonly basis: string;
}

export interface PlanSchedule {
  /** `now`: submit at apply time; `at`: not before a time; `window`: only inside a recurring window. */
  readonly kind: 'now' | 'at' | 'window';
  /** When the change may start (ISO-8601 UTC): the plan's `now`, the `at` time, or the next window opening. */
  readonly startsAt: string | null;
  /** For a window: when the occurrence that `startsAt` falls in closes. */
  readonly endsAt?: string;
  readonly window?: RebalanceWindow;
  /** Why this schedule, in words (e.g. "no data migrates, so the window does not apply"). */
  readonly note: string;
  /** A task already scheduled in the cloud (`RebalanceTime`), ISO-8601 UTC. */
  readonly pendingAt?: string;
}

export interface PlanCost {
  readonly currency: string;
  /** `quote`: InquireCkafkaPrice for current and target; `list-price`: the public list prices in the catalog. */
  readonly source: 'quote' | 'list-price';
  readonly currentMonthly: number | null;
  readonly targetMonthly: number | null;
  readonly monthlyDelta: number | null;
  /** Postpaid: the hourly difference. */
  readonly hourlyDelta?: number;
  /** Prepaid: the difference charged for the days left until expiry. */
  readonly proratedCharge?: { readonly amount: number; readonly days: number; readonly until: string };
  readonly note?: string;
}

/** The observed facts an instance was planned against, kept so apply can name both values when refusing. */
export interface PlannedAgainst {
  /**
   * The instance's name in the cloud (`null` when it was not found). Apply refuses the entry when
   * the instance it acts on is named otherwise by then; `--fleet` requires it to be the declared
   * name for an instance declared by name.
   */
  readonly name: string | null;
  readonly spec: ObservedSpec | null;
  readonly statusCode: number | null;
  readonly chargeType: ChargeType | null;
  readonly rebalanceAt: string | null;
  readonly endpoints: readonly Endpoint[];
}

export interface PlannedInstance {
  readonly name: string;
  readonly instanceId: string | null;
  readonly action: PlanAction;
  /** One line on why: the change in words, or what blocks it. */
  readonly summary: string;
  readonly target: SpecValues;
  readonly changes: readonly PlanChange[];
  readonly migration: PlanMigration;
  readonly schedule: PlanSchedule;
  readonly cost: PlanCost | null;
  readonly checks: readonly PlanCheck[];
  readonly steps: readonly PlanStep[];
  readonly issues: readonly Issue[];
  readonly observed: PlannedAgainst;
  /** Hash of the observed state the plan was made against; apply compares it. */
  readonly fingerprint: string;
}

export interface PlanSummary {
  readonly instances: number;
  readonly unchanged: number;
  readonly upgrades: number;
  readonly scaleDowns: number;
  readonly blocked: number;
  readonly migrations: number;
  readonly hasChanges: boolean;
  /** Sum of monthly deltas, in the plan's currency; `null` when any changing instance has no price. */
  readonly monthlyDelta: number | null;
  readonly currency: string;
  /** The one-line verdict a reviewer reads first. */
  readonly verdict: string;
}

export interface Plan {
  readonly formatVersion: typeof PLAN_FORMAT_VERSION;
  /** The `now` the plan was made at; every other timestamp derives from it. */
  readonly createdAt: string;
  readonly region: string | null;
  readonly cloud: { readonly kind: string; readonly capabilities: CloudCapabilities };
  readonly instances: readonly PlannedInstance[];
  readonly summary: PlanSummary;
  /** sha256 over the plan without this field: apply refuses a plan edited after review. */
  readonly digest: string;
}
