/**
 * The inputs of a `CkafkaInstance` as the dynamic provider receives them: plain values, the same
 * keys as an instance of a fleet file, plus what creating an instance needs and how `pulumi up`
 * behaves. The resource's `CkafkaInstanceArgs` is this type with every value a `pulumi.Input`.
 */
import type { CheckId } from '../plan/types';
import type { ChargeType, Edition, RebalancePolicy, UpgradeMode } from '../spec/types';

/**
 * What `pulumi destroy` (or removing the resource, or replacing it) does to the instance in the
 * cloud: `retain` leaves it running and only forgets it; `delete` deletes it through the API.
 */
export type DeletionPolicy = 'retain' | 'delete';

/** When and how a spec change that migrates data runs, as in a fleet file. */
export interface CkafkaInstanceUpgradeInputs {
  /**
   * When a change that migrates data may start: `'now'`, `{ at: '<ISO-8601 with offset>' }`, or
   * `{ window: { days, start, end, timezone } }`. A change that migrates nothing is applied at once.
   *
   * @default 'now' - a change starts as soon as `pulumi up` applies it
   */
  readonly rebalance?: RebalancePolicy;
  /**
   * `stable` throttles the migration to protect traffic; `high-speed` does not. Only postpaid
   * instances can choose; prepaid changes run in the cloud's default (assumed stable).
   *
   * @default 'stable'
   */
  readonly mode?: UpgradeMode;
}

/** The inputs of one CKafka instance. */
export interface CkafkaInstanceInputs {
  /** The instance name in the cloud (`InstanceName`), used when creating it. */
  readonly name: string;
  /**
   * An existing instance to adopt (`ckafka-` and 8 letters or digits). Without it, `pulumi up`
   * creates a new instance.
   *
   * @default - a new instance is created from the provisioning keys
   */
  readonly instanceId?: string;
  /** `standard`, `advanced` or `pro`. */
  readonly edition: Edition;
  /** Peak bandwidth in MB/s, as the console shows it. */
  readonly bandwidthMBps: number;
  /** Disk in GB, in steps of 100. */
  readonly diskGB: number;
  /** Partition limit (replicas included), in steps of 100. */
  readonly partitions: number;
  /**
   * When and how spec changes that migrate data run.
   *
   * @default - rebalance now, mode stable
   */
  readonly upgrade?: CkafkaInstanceUpgradeInputs;
  /**
   * Allow bandwidth or disk to decrease. Partitions never decrease.
   *
   * @default false - a decrease is refused
   */
  readonly allowScaleDown?: boolean;

  /**
   * The region of the instance. Changing it replaces the instance.
   *
   * @default - `ckafka:region` config, else TENCENTCLOUD_REGION (the emulator's region when it is used)
   */
  readonly region?: string;
  /** Availability zone id, e.g. 100003 (Guangzhou 3). Required to create; cannot change in place. */
  readonly zoneId?: number;
  /** VPC of the instance (`vpc-` and 8 letters or digits). Required to create; cannot change in place. */
  readonly vpcId?: string;
  /** Subnet of the instance (`subnet-` and 8 letters or digits). Required to create; cannot change in place. */
  readonly subnetId?: string;
  /**
   * `PREPAID` (monthly) or `POSTPAID_BY_HOUR` (Pro only). Changing it replaces the instance.
   *
   * @default 'PREPAID' - as the Terraform provider
   */
  readonly chargeType?: ChargeType;
  /**
   * Months bought when a prepaid instance is created (1–12, 24 or 36). Used only at creation.
   *
   * @default 1
   */
  readonly periodMonths?: number;
  /**
   * Disk type: `CLOUD_BASIC`, `CLOUD_SSD` or `CLOUD_PREMIUM`. Cannot change in place.
   *
   * @default - the cloud's default
   */
  readonly diskType?: string;
  /**
   * Kafka version, e.g. `2.8.1`. Cannot change in place.
   *
   * @default - the cloud's default
   */
  readonly kafkaVersion?: string;

  /**
   * Wait for a change outside its window (or before its `at` time) to start instead of deferring
   * it to a later `pulumi up`.
   *
   * @default false - the change is deferred and `pulumi up` succeeds without it
   */
  readonly wait?: boolean;
  /**
   * The longest `wait` waits for a window to open, in minutes; a change that would wait longer is
   * deferred.
   *
   * @default 1440 (24 hours, as `ckafka apply --max-wait`)
   */
  readonly maxWaitMinutes?: number;
  /**
   * Failing pre-checks to pass over (check ids such as `zone-stock`), as `ckafka apply --ignore-check`.
   *
   * @default - none: a failing check fails the update
   */
  readonly ignoreChecks?: readonly CheckId[];
  /**
   * What removing the resource does to the instance in the cloud.
   *
   * @default 'retain' - the instance keeps running (and billing); delete it in the console
   */
  readonly deletionPolicy?: DeletionPolicy;
}

/** The keys of the spec, exactly as a fleet file's instance has them. */
export const SPEC_INPUT_KEYS = ['name', 'instanceId', 'edition', 'bandwidthMBps', 'diskGB', 'partitions', 'upgrade', 'allowScaleDown'] as const;

/** Keys used to create an instance; after that only compared (most cannot change in place). */
export const PROVISIONING_INPUT_KEYS = ['region', 'zoneId', 'vpcId', 'subnetId', 'chargeType', 'periodMonths', 'diskType', 'kafkaVersion'] as const;

/** Keys that say how `pulumi up` and `pulumi destroy` behave; none is a cloud setting. */
export const BEHAVIOUR_INPUT_KEYS = ['wait', 'maxWaitMinutes', 'ignoreChecks', 'deletionPolicy'] as const;

/**
 * Provisioning keys the cloud cannot change on a running instance: changing one replaces the
 * instance (the Terraform provider marks `charge_type` ForceNew and refuses a change of the others;
 * its schema is in src/cdktf/provider-schema/SOURCES.md).
 * `periodMonths` is not here: it is used only when buying, so a later change does nothing.
 */
export const REPLACE_ON_CHANGE_KEYS = ['region', 'zoneId', 'vpcId', 'subnetId', 'chargeType', 'diskType', 'kafkaVersion'] as const;

/** What a `maxWaitMinutes` left out means. */
export const DEFAULT_MAX_WAIT_MINUTES = 24 * 60;
