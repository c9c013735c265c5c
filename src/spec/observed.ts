/**
 * What ckafka-iac knows about the cloud: observed instances and the facts gathered for the
 * instances that change. These types are owned by the core; the cloud adapters produce them
 * (see src/cloud/port.ts). Units are normalised here: bandwidth in MB/s whatever the API said.
 */
import type { ChargeType, Edition, SpecValues, UpgradeMode } from './types';

export type { ChargeType };

/** CKafka instance status, by the API's code (DescribeInstancesDetail `Status`). */
export type InstanceStatus =
  | 'create-failed' // -1
  | 'creating' // 0
  | 'running' // 1
  | 'deleting' // 2
  | 'deleted' // 3
  | 'delete-failed' // 4
  | 'isolated' // 5
  | 'upgrading' // 7
  | 'unknown';

/** Maps the API's numeric status to a name. Source: ckafka_models.d.ts InstanceDetail.Status. */
export function statusFromCode(code: number): InstanceStatus {
  switch (code) {
    case -1:
      return 'create-failed';
    case 0:
      return 'creating';
    case 1:
      return 'running';
    case 2:
      return 'deleting';
    case 3:
      return 'deleted';
    case 4:
      return 'delete-failed';
    case 5:
      return 'isolated';
    case 7:
      return 'upgrading';
    default:
      return 'unknown';
  }
}

/** One endpoint clients connect to; a migration may change ports (the upgrade doc warns so). */
export interface Endpoint {
  readonly vip: string;
  readonly vport: string;
}

/** One instance as the cloud reports it. */
export interface ObservedInstance {
  readonly instanceId: string;
  readonly name: string;
  /** The edition, or `undefined` for a type ckafka-iac does not manage (e.g. serverless); see `instanceType`. */
  readonly edition: Edition | undefined;
  /** The API's raw `InstanceType` (`profession`, `premium`, `standards2`, …). */
  readonly instanceType: string;
  readonly status: InstanceStatus;
  readonly statusCode: number;
  /** Peak bandwidth in MB/s (the read API's Mbps divided by 8). */
  readonly bandwidthMBps: number;
  /**
   * Disk in GB; `null` for elastic storage, which the API reports as `DiskSize: -1` (a postpaid
   * instance in the documented DescribeInstancesDetail example): the disk grows with use, so it
   * has no size to compare with a declaration, and a spec change never sends one.
   */
  readonly diskGB: number | null;
  /** The spec's partition limit (`MaxPartitionNumber`). */
  readonly partitions: number;
  /** Partitions in use (`PartitionNumber`), replicas included. */
  readonly partitionsUsed: number;
  readonly topicsUsed: number;
  readonly diskType: string;
  readonly chargeType: ChargeType;
  /** Prepaid expiry (ISO-8601, UTC); absent for postpaid. */
  readonly expiresAt?: string;
  readonly zoneId: number;
  readonly zoneIds: readonly number[];
  readonly vpcId: string;
  readonly subnetId: string;
  readonly endpoints: readonly Endpoint[];
  /**
   * A spec or version upgrade scheduled in the cloud (`RebalanceTime`), ISO-8601 UTC. Absent when
   * nothing is scheduled (the API's `0000-00-00 00:00:00`) and when the time has long passed: the
   * API keeps a task's time after it ran. A time passed by less than the uncertainty of its zone
   * (read as Beijing time; as UTC it would be 8 hours later) is kept: it may still be to come.
   */
  readonly rebalanceAt?: string;
  readonly kafkaVersion: string;
  /** 1 healthy, 2 alarm, 3 abnormal. */
  readonly healthy: number;
}

/** A spec as the cloud reports it: the disk is `null` for elastic storage (see {@link ObservedInstance.diskGB}). */
export type ObservedSpec = Omit<SpecValues, 'diskGB'> & { readonly diskGB: number | null };

/** Whether an instance has elastic storage: no disk size to declare, compare or send. */
export function hasElasticStorage(o: Pick<ObservedInstance, 'diskGB'>): boolean {
  return o.diskGB === null;
}

/**
 * The running spec with a size for an elastic disk: `diskGB` (the declared disk) stands in, so
 * prices and assessments of the current and the target spec leave storage out of the difference.
 */
export function sizedSpecOf(o: Pick<ObservedInstance, 'bandwidthMBps' | 'diskGB' | 'partitions'> & { readonly edition: Edition }, diskGB: number): SpecValues {
  return { edition: o.edition, bandwidthMBps: o.bandwidthMBps, diskGB: o.diskGB ?? diskGB, partitions: o.partitions };
}

/** The spec an instance runs, or `undefined` for a type ckafka-iac does not manage. */
export function specOfObserved(o: Pick<ObservedInstance, 'edition' | 'bandwidthMBps' | 'diskGB' | 'partitions'>): ObservedSpec | undefined {
  return o.edition === undefined ? undefined : { edition: o.edition, bandwidthMBps: o.bandwidthMBps, diskGB: o.diskGB, partitions: o.partitions };
}

/** A set of endpoints as one comparable string, whatever their order: `10.0.0.8:9092,10.0.0.9:9092`. */
export function endpointsKey(endpoints: readonly Endpoint[]): string {
  return endpoints
    .map((e) => `${e.vip}:${e.vport}`)
    .sort()
    .join(',');
}

/** The cloud's answer to "would this target spec migrate data?" (DescribeModifyType). */
export interface MigrationAssessment {
  readonly required: boolean;
  /** The API's `ModifyType`, kept for the record; its values are not documented. */
  readonly modifyType?: number;
  /** Estimates from the cloud itself, when it gives them (older API versions did). */
  readonly cloudEstimateSeconds?: { readonly stable?: number; readonly highSpeed?: number };
  /** When the answer is the safe side of answers that disagree: why, in words. */
  readonly note?: string;
}

/** A price for one spec from InquireCkafkaPrice (purchase price of one unit of time). */
export interface PriceQuote {
  readonly currency: string;
  /** Price of one month (prepaid) or one hour (postpaid), after discount. */
  readonly amount: number;
  readonly per: 'month' | 'hour';
}

/** Current and target quotes for one instance. */
export interface QuotePair {
  readonly current: PriceQuote;
  readonly target: PriceQuote;
}

/** Route status, from DescribeRoute `Status`: 1 creating, 2 ok, 3 create failed, 4 deleting, 6 delete failed. */
export interface RouteFact {
  readonly routeId: number;
  /** -1 when the cloud gave no status (the SDK: may be null): the route's health is not known. */
  readonly statusCode: number;
  readonly healthy: boolean;
  /** 0 PLAINTEXT, 1 SASL_PLAINTEXT, 2 SSL, 3 SASL_SSL. */
  readonly accessType: number;
  /** 1 public, 3 VPC, 7 internal support. */
  readonly vipType: number;
  readonly endpoints: readonly Endpoint[];
}

/** A topic as the pre-checks need it. */
export interface TopicFact {
  readonly name: string;
  readonly partitions: number;
  readonly replicas: number;
  /** DescribeTopicDetail `Status`: 0 ok, 1 deleted, 2 deleting. */
  readonly statusCode: number;
}

/** Out-of-sync replicas of one topic (DescribeTopicSyncReplica with OutOfSyncReplicaOnly). */
export interface OutOfSyncFact {
  readonly topic: string;
  readonly partitions: readonly string[];
}

/**
 * Everything the pre-checks look at, gathered for an instance that changes. `routes`, `topics`
 * and `outOfSync` are all-or-nothing: when one cannot be gathered, `preflight` rejects rather
 * than return an empty (passing) list. The optional facts stay `undefined` when they cannot be
 * gathered, and `errors` says why.
 */
export interface PreflightFacts {
  readonly routes: readonly RouteFact[];
  readonly topics: readonly TopicFact[];
  readonly outOfSync: readonly OutOfSyncFact[];
  /** Instance-level max message size in bytes (DescribeInstanceAttributes `MaxMessageByte`). */
  readonly maxMessageBytes?: number;
  /** Stock of the instance's zone (DescribeCkafkaZone): `false` when sold out. */
  readonly zoneInStock?: boolean;
  /** Data held, in GB, replicas included (DescribeTopicFlowRanking `MessageHeap`, summed). */
  readonly diskUsedGB?: number;
  /** Recent produce traffic in MB/s (DescribeTopicFlowRanking PRO, averaged over its range). */
  readonly produceMBps?: number;
  /** Peak produce traffic over the last 7 days in MB/s, when the cloud can tell. */
  readonly peakProduceMBps7d?: number;
  /** Optional facts that could not be gathered, each with `what: 'preflight'` and `fact` naming the field. */
  readonly errors?: readonly FactError[];
}

/** A fact that could not be gathered, and why; the plan says so rather than guessing. */
export interface FactError {
  readonly what: 'migration' | 'quote' | 'preflight';
  /** For `preflight`: the {@link PreflightFacts} field concerned (`routes`, `outOfSync`, `zoneInStock`, …). */
  readonly fact?: string;
  readonly code: string;
  readonly message: string;
}

/** Facts gathered for one instance. Only instances that change need them. */
export interface InstanceFacts {
  readonly migration?: MigrationAssessment;
  readonly quote?: QuotePair;
  readonly preflight?: PreflightFacts;
  readonly errors?: readonly FactError[];
}

/**
 * What a cloud can do, so the plan can say honestly what will happen.
 */
export interface CloudCapabilities {
  /** Whether the migration mode can be chosen per charge type (postpaid only, on Tencent Cloud). */
  readonly modeSelectable: { readonly PREPAID: boolean; readonly POSTPAID_BY_HOUR: boolean };
  /** Whether an edition conversion (Standard → Pro/Advanced) can be done through the API. */
  readonly editionConversionByApi: boolean;
  /** Whether DescribeModifyType returns migration time estimates. */
  readonly migrationEstimates: boolean;
  /** Whether the cloud can report data volume and traffic (DescribeTopicFlowRanking). */
  readonly usageMetrics: boolean;
}

/** The migration mode the cloud will use for a change, given the charge type. */
export function effectiveMode(
  declared: UpgradeMode,
  chargeType: ChargeType,
  caps: CloudCapabilities,
): { mode: UpgradeMode; selectable: boolean } {
  const selectable = caps.modeSelectable[chargeType];
  // ModifyInstancePre takes no mode; the cloud's default for prepaid changes is not documented.
  // We assume stable (the console default) and the plan labels it as assumed.
  return selectable ? { mode: declared, selectable } : { mode: 'stable', selectable };
}
