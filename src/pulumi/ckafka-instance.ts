/**
 * The `CkafkaInstance` Pulumi resource: a CKafka instance declared with ckafka-iac's spec, whose
 * preview is the upgrade plan and whose `pulumi up` applies it (see docs/pulumi.md).
 */
import * as pulumi from '@pulumi/pulumi';
import type { CheckId } from '../plan/types';
import type { ChargeType, Edition, RebalancePolicy, UpgradeMode } from '../spec/types';
import type { DeletionPolicy } from './ckafka-instance-inputs';
import { STATE_KEYS, type CkafkaPlanSummary } from './ckafka-instance-state';
import { CkafkaProvider } from './ckafka-provider';

/** When and how spec changes that migrate data run. */
export interface CkafkaInstanceUpgradeArgs {
  /**
   * When a change that migrates data may start: `'now'`, `{ at: '<ISO-8601 with offset>' }`, or
   * `{ window: { days, start, end, timezone } }`. A change that migrates nothing runs at once.
   *
   * @default 'now' - a change starts as soon as `pulumi up` applies it
   */
  readonly rebalance?: pulumi.Input<RebalancePolicy>;
  /**
   * `stable` throttles the migration to protect traffic; `high-speed` does not. Only postpaid
   * instances can choose; prepaid changes run in the cloud's default (assumed stable).
   *
   * @default 'stable'
   */
  readonly mode?: pulumi.Input<UpgradeMode>;
}

/**
 * Arguments of {@link CkafkaInstance}: the keys of an instance of a fleet file, what creating an
 * instance needs, and how `pulumi up` / `pulumi destroy` behave.
 */
export interface CkafkaInstanceArgs {
  /**
   * The instance name in the cloud (`InstanceName`), used when creating it.
   *
   * @default - the resource name
   */
  readonly name?: pulumi.Input<string>;
  /**
   * An existing instance to adopt (e.g. `ckafka-abc12345`): `pulumi up` plans and applies its spec
   * instead of creating one.
   *
   * @default - a new instance is created from zoneId, vpcId, subnetId and chargeType
   */
  readonly instanceId?: pulumi.Input<string>;
  /** `standard`, `advanced` or `pro`. */
  readonly edition: pulumi.Input<Edition>;
  /** Peak bandwidth in MB/s, as the console shows it (e.g. 400). */
  readonly bandwidthMBps: pulumi.Input<number>;
  /** Disk in GB, in steps of 100. */
  readonly diskGB: pulumi.Input<number>;
  /** Partition limit (replicas included), in steps of 100. */
  readonly partitions: pulumi.Input<number>;
  /**
   * When and how spec changes that migrate data run.
   *
   * @default - rebalance now, mode stable
   */
  readonly upgrade?: pulumi.Input<CkafkaInstanceUpgradeArgs>;
  /**
   * Allow bandwidth or disk to decrease. Partitions never decrease.
   *
   * @default false - a decrease fails the update
   */
  readonly allowScaleDown?: pulumi.Input<boolean>;

  /**
   * The region of the instance. Changing it replaces the instance.
   *
   * @default - `ckafka:region` config, else TENCENTCLOUD_REGION (the emulator's region when it is used)
   */
  readonly region?: pulumi.Input<string>;
  /** Availability zone id, e.g. 100003. Required to create; a change replaces the instance. */
  readonly zoneId?: pulumi.Input<number>;
  /** VPC id (`vpc-xxxxxxxx`). Required to create; a change replaces the instance. */
  readonly vpcId?: pulumi.Input<string>;
  /** Subnet id (`subnet-xxxxxxxx`). Required to create; a change replaces the instance. */
  readonly subnetId?: pulumi.Input<string>;
  /**
   * `PREPAID` (monthly) or `POSTPAID_BY_HOUR` (Pro only). A change replaces the instance.
   *
   * @default 'PREPAID' - as the Terraform provider
   */
  readonly chargeType?: pulumi.Input<ChargeType>;
  /**
   * Months bought when a prepaid instance is created (1–12, 24 or 36); used only at creation.
   *
   * @default 1
   */
  readonly periodMonths?: pulumi.Input<number>;
  /**
   * `CLOUD_BASIC`, `CLOUD_SSD` or `CLOUD_PREMIUM`. A change replaces the instance.
   *
   * @default - the cloud's default
   */
  readonly diskType?: pulumi.Input<string>;
  /**
   * Kafka version, e.g. `2.8.1`. A change replaces the instance.
   *
   * @default - the cloud's default
   */
  readonly kafkaVersion?: pulumi.Input<string>;

  /**
   * Wait for the window (or the `at` time) instead of deferring a change to a later `pulumi up`.
   *
   * @default false - outside its window a change is deferred and `pulumi up` succeeds without it
   */
  readonly wait?: pulumi.Input<boolean>;
  /**
   * The longest `wait` waits, in minutes; a change that would wait longer is deferred.
   *
   * @default 1440 (24 hours)
   */
  readonly maxWaitMinutes?: pulumi.Input<number>;
  /**
   * Failing pre-checks to accept (e.g. `['zone-stock']`), as `ckafka apply --ignore-check`.
   *
   * @default - none: a failing pre-check fails the update and names the check
   */
  readonly ignoreChecks?: pulumi.Input<pulumi.Input<CheckId>[]>;
  /**
   * What removing the resource (or replacing it) does to the instance in the cloud. Pulumi's
   * delete sees only the recorded state: run `pulumi up` after changing it, before removing.
   *
   * @default 'retain' - the instance keeps running (and billing); only Pulumi forgets it
   */
  readonly deletionPolicy?: pulumi.Input<DeletionPolicy>;
}

/**
 * A CKafka instance whose spec ckafka-iac plans and applies.
 *
 * The preview logs the upgrade plan (what changes, whether data migrates, window, mode, estimate,
 * cost, pre-checks); `pulumi up` applies it like `ckafka apply`. Outputs always show what the
 * cloud reports: after a change deferred to its window they still show the old spec, so the next
 * `pulumi up` shows the change again. The cloud is chosen from `ckafka:*` config and the
 * environment (Tencent Cloud with credentials, else the embedded emulator).
 *
 * @example
 * new CkafkaInstance('orders', {
 *   instanceId: 'ckafka-abc12345',
 *   edition: 'pro', bandwidthMBps: 400, diskGB: 6000, partitions: 2400,
 *   upgrade: { rebalance: { window: { days: ['sat', 'sun'], start: '01:00', end: '05:00', timezone: 'Asia/Shanghai' } } },
 * });
 */
export class CkafkaInstance extends pulumi.dynamic.Resource {
  /** The CKafka instance id. */
  declare public readonly instanceId: pulumi.Output<string>;
  /** The instance name in the cloud. */
  declare public readonly name: pulumi.Output<string>;
  /** The edition the cloud reports. */
  declare public readonly edition: pulumi.Output<string>;
  /** Observed peak bandwidth in MB/s (the old value while a change is deferred). */
  declare public readonly bandwidthMBps: pulumi.Output<number>;
  /** Observed disk in GB. */
  declare public readonly diskGB: pulumi.Output<number>;
  /** Observed partition limit. */
  declare public readonly partitions: pulumi.Output<number>;
  declare public readonly chargeType: pulumi.Output<string>;
  declare public readonly zoneId: pulumi.Output<number>;
  declare public readonly vpcId: pulumi.Output<string>;
  declare public readonly subnetId: pulumi.Output<string>;
  declare public readonly diskType: pulumi.Output<string>;
  declare public readonly kafkaVersion: pulumi.Output<string>;
  /** `running`, `upgrading`, … */
  declare public readonly status: pulumi.Output<string>;
  /** The API's numeric status. */
  declare public readonly statusCode: pulumi.Output<number>;
  /** Every endpoint (address and port); a migration may change the ports. */
  declare public readonly endpoints: pulumi.Output<Array<{ vip: string; vport: string }>>;
  /** The first endpoint's address. */
  declare public readonly vip: pulumi.Output<string>;
  /** The first endpoint's port. */
  declare public readonly vport: pulumi.Output<string>;
  /** Prepaid expiry (ISO-8601), or null. */
  declare public readonly expiresAt: pulumi.Output<string | null>;
  /** A change scheduled in the cloud (ISO-8601), or null. */
  declare public readonly rebalanceAt: pulumi.Output<string | null>;
  declare public readonly region: pulumi.Output<string>;
  /** `tencent` or `emulator`. */
  declare public readonly cloud: pulumi.Output<string>;
  declare public readonly deletionPolicy: pulumi.Output<DeletionPolicy>;
  /** The last plan (verdict, migration, schedule, estimate, cost, checks) and what applying it did. */
  declare public readonly lastPlan: pulumi.Output<CkafkaPlanSummary | null>;

  constructor(name: string, args: CkafkaInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    // Every output must be named in the props for Pulumi to create its Output; inputs override.
    const outputs: Record<string, undefined> = Object.fromEntries(STATE_KEYS.map((k) => [k, undefined]));
    super(new CkafkaProvider(), name, { ...outputs, ...args, name: args.name ?? name }, opts, 'ckafka', 'CkafkaInstance');
  }
}
