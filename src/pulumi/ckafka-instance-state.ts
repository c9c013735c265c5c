/**
 * The outputs of a `CkafkaInstance`: what the cloud reports (never the declared target), and the
 * last plan made for the instance. Every field is JSON (no `undefined`): Pulumi stores outputs in
 * its state and hands them back to the provider as `olds`.
 */
import type { InstanceOutcome } from '../apply/apply-types';
import type { CheckStatus, PlanAction } from '../plan/types';
import type { DeletionPolicy } from './ckafka-instance-inputs';

/** The last plan made for an instance, in short, with what applying it did. */
export interface CkafkaPlanSummary {
  /** When the plan was made (the cloud's clock), ISO-8601. */
  readonly plannedAt: string;
  /** The plan's one-line verdict. */
  readonly verdict: string;
  /** What the plan does; `create` for a new instance. */
  readonly action: PlanAction | 'create';
  /** The instance's line: the change in words, or what blocks it. */
  readonly summary: string;
  readonly changes: ReadonlyArray<{ readonly field: string; readonly from: string | number; readonly to: string | number; readonly unit: string }>;
  readonly migration: {
    /** Whether data migrates, as the cloud assessed it; `null` when it could not tell. */
    readonly required: boolean | null;
    /** Estimated duration in seconds (an estimate); `null` when nothing migrates or unknown. */
    readonly estimatedSeconds: number | null;
    readonly mode: string | null;
    readonly modeSelectable: boolean;
  };
  readonly schedule: {
    readonly kind: 'now' | 'at' | 'window';
    /** When the change may start, ISO-8601; `null` when nothing is scheduled. */
    readonly startsAt: string | null;
    readonly endsAt: string | null;
    readonly note: string;
  };
  readonly cost: {
    readonly currency: string;
    readonly source: 'quote' | 'list-price';
    readonly currentMonthly: number | null;
    readonly targetMonthly: number | null;
    readonly monthlyDelta: number | null;
    readonly hourlyDelta: number | null;
    /** Prepaid: charged now for the days left until expiry. */
    readonly proratedCharge: number | null;
  } | null;
  /** Checks that did not pass, `<id>: <message>`, failing ones first. */
  readonly checks: ReadonlyArray<{ readonly id: string; readonly status: CheckStatus; readonly message: string }>;
  /** The plan's digest, to match it with the logged text. */
  readonly digest: string | null;
  /** What applying it did (`done`, `deferred`, …); `null` when only planned. */
  readonly outcome: InstanceOutcome | 'created' | null;
  /** The outcome in words. */
  readonly message: string | null;
}

/** The outputs of a `CkafkaInstance`. */
export interface CkafkaInstanceState {
  readonly instanceId: string;
  /** The instance name in the cloud. */
  readonly name: string;
  /** The edition the cloud reports, or its raw `InstanceType` for a type ckafka-iac does not manage. */
  readonly edition: string;
  /** Observed peak bandwidth in MB/s (after a deferred change: still the old value). */
  readonly bandwidthMBps: number;
  /** Observed disk in GB; `null` for elastic storage (the API reports `DiskSize -1`): it grows with use. */
  readonly diskGB: number | null;
  readonly partitions: number;
  readonly chargeType: string;
  readonly zoneId: number;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly diskType: string;
  readonly kafkaVersion: string;
  /** `running`, `upgrading`, `creating`, … */
  readonly status: string;
  /** The API's numeric status (1 running, 7 upgrading, …). */
  readonly statusCode: number;
  /** Where clients connect; a migration may change the ports. */
  readonly endpoints: ReadonlyArray<{ readonly vip: string; readonly vport: string }>;
  /** The first endpoint's address, or an empty string when there is none. */
  readonly vip: string;
  /** The first endpoint's port, or an empty string when there is none. */
  readonly vport: string;
  /** Prepaid expiry, ISO-8601; `null` for postpaid. */
  readonly expiresAt: string | null;
  /** A change already scheduled in the cloud (`RebalanceTime`), ISO-8601; `null` when none. */
  readonly rebalanceAt: string | null;
  readonly region: string;
  /** `tencent` or `emulator`. */
  readonly cloud: string;
  /** What removing the resource does; kept in the state because `delete` sees only the state. */
  readonly deletionPolicy: DeletionPolicy;
  /** The last plan made for the instance and what applying it did; `null` until one is made. */
  readonly lastPlan: CkafkaPlanSummary | null;
}

/** The output keys, in the order the resource declares them. */
export const STATE_KEYS: ReadonlyArray<keyof CkafkaInstanceState> = [
  'instanceId',
  'name',
  'edition',
  'bandwidthMBps',
  'diskGB',
  'partitions',
  'chargeType',
  'zoneId',
  'vpcId',
  'subnetId',
  'diskType',
  'kafkaVersion',
  'status',
  'statusCode',
  'endpoints',
  'vip',
  'vport',
  'expiresAt',
  'rebalanceAt',
  'region',
  'cloud',
  'deletionPolicy',
  'lastPlan',
];
