/**
 * Props of the `CkafkaInstance` construct, shared by the CDK for Terraform and CDK Terrain entries
 * (`ckafka-iac/cdktf`, `ckafka-iac/cdktn`). Free of engine imports: each entry supplies the types
 * of its Terraform meta-arguments (`provider`, `dependsOn`, `lifecycle`).
 */
import type { ChargeType, Edition, RebalancePolicy, SpecOwner, UpgradeMode } from '../spec/types';

/** When and how a spec change that migrates data runs. */
export interface CkafkaInstanceUpgradeProps {
  /**
   * When a change that migrates data may start: `'now'`, `{ at: '<ISO-8601>' }`, or
   * `{ window: { days, start, end, timezone } }`.
   *
   * @default 'now' - a change starts as soon as the plan is applied
   */
  readonly rebalance?: RebalancePolicy;
  /**
   * How data migrates: `stable` throttles migration to protect traffic, `high-speed` does not.
   * Also written to `upgrade_strategy` (1 stable, 2 high-speed), which Terraform uses only for
   * postpaid changes when Terraform owns the spec.
   *
   * @default 'stable'
   */
  readonly mode?: UpgradeMode;
}

/** Topic defaults of the instance (the provider's `config` block). */
export interface CkafkaInstanceTopicConfig {
  /** Whether producers and consumers may create topics by using them. */
  readonly autoCreateTopicEnable: boolean;
  /** Partitions of an automatically created topic. */
  readonly defaultNumPartitions: number;
  /** Replicas of an automatically created topic. */
  readonly defaultReplicationFactor: number;
}

/** Dynamic message retention: shorten retention when the disk fills (the provider's `dynamic_retention_config` block). */
export interface CkafkaInstanceDynamicRetentionConfig {
  /**
   * Whether dynamic retention is on.
   *
   * @default - the cloud's setting is kept
   */
  readonly enable?: boolean;
  /**
   * Disk usage, in percent, that shortens retention.
   *
   * @default - the cloud's setting is kept
   */
  readonly diskQuotaPercentage?: number;
  /**
   * How much, in percent, retention is shortened each time.
   *
   * @default - the cloud's setting is kept
   */
  readonly stepForwardPercentage?: number;
  /**
   * Retention is never shortened below this, in minutes.
   *
   * @default - the cloud's setting is kept
   */
  readonly bottomRetentionMinutes?: number;
}

/** What the construct reads of the Terraform lifecycle settings: the engine's type has more. */
export interface CkafkaInstanceLifecycle {
  /** Arguments Terraform leaves alone after creation, or `'all'`. */
  readonly ignoreChanges?: string[] | 'all';
}

/**
 * Props of the `CkafkaInstance` construct: ckafka-iac's instance spec (the same keys as an entry
 * of a fleet file) plus what Terraform needs to create the instance. Each entry names it
 * `CkafkaInstanceProps`, with its engine's types for the meta-arguments.
 *
 * @typeParam TProvider - the engine's `TerraformProvider`
 * @typeParam TDependable - the engine's `ITerraformDependable`
 * @typeParam TLifecycle - the engine's `TerraformResourceLifecycle`
 */
export interface CkafkaInstanceBaseProps<TProvider, TDependable, TLifecycle extends CkafkaInstanceLifecycle> {
  /**
   * The instance name (`instance_name`), unique among the instances ckafka-iac plans together.
   * ckafka-iac finds the running instance by this name when `instanceId` is absent.
   *
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The id of an instance that already exists (e.g. `ckafka-abc12345`), to adopt it rather than
   * look it up by name. Terraform still needs the instance in its state: import it. Without it the
   * construct describes an instance Terraform creates, and the rules of a new instance apply at
   * synth: Pro only, values on the sale step, `zoneId`, `vpcId` and `subnetId` given, a disk type
   * and Kafka version a new instance can have (docs/cdktf.md, "Provisioning rules").
   *
   * @default - Terraform creates the instance; ckafka-iac finds it by `name` afterwards
   */
  readonly instanceId?: string;
  /** `standard`, `advanced` or `pro` (`specifications_type` `standard`, `premium`, `profession`). */
  readonly edition: Edition;
  /** Peak bandwidth in MB/s, as the console and the provider's `band_width` take it. */
  readonly bandwidthMBps: number;
  /** Disk in GB (`disk_size`), in steps of 100. */
  readonly diskGB: number;
  /** Partition limit (`partition`), replicas included, in steps of 100. */
  readonly partitions: number;
  /**
   * When and how spec changes that migrate data run.
   *
   * @default - rebalance now, mode stable
   */
  readonly upgrade?: CkafkaInstanceUpgradeProps;
  /**
   * Allow bandwidth or disk to decrease. Partitions never decrease.
   *
   * @default false - a decrease is refused by the plan
   */
  readonly allowScaleDown?: boolean;
  /**
   * Who changes the spec after creation.
   *
   * - `ckafka-iac`: Terraform creates the instance; ckafka-iac plans and applies spec changes.
   *   The resource ignores changes to `band_width`, `disk_size`, `partition`,
   *   `specifications_type` and `upgrade_strategy`, so the two never fight over them.
   * - `terraform`: Terraform applies spec changes as the provider does (at once, no window);
   *   ckafka-iac only reads and plans.
   *
   * @default 'ckafka-iac'
   */
  readonly specOwner?: SpecOwner;

  /** Availability zone id (`zone_id`), e.g. 100003 for ap-guangzhou-3. Cannot change after creation. */
  readonly zoneId: number;
  /**
   * Zones of a multi-zone instance (`zone_ids`, sets `multi_zone_flag`): 2 or more, `zoneId`
   * among them. Cannot change after creation.
   *
   * @default - a single-zone instance in `zoneId`
   */
  readonly zoneIds?: number[];
  /**
   * VPC to place the instance in (`vpc-` and 8 letters or digits). Cannot change after creation.
   * Required to create the instance: both create actions require `VpcId`.
   *
   * @default - none; an error at synth when the construct creates the instance
   */
  readonly vpcId?: string;
  /**
   * Subnet to place the instance in (`subnet-` and 8 letters or digits). Cannot change after
   * creation. Required to create the instance: both create actions require `SubnetId`.
   *
   * @default - none; an error at synth when the construct creates the instance
   */
  readonly subnetId?: string;
  /**
   * Billing: `PREPAID` (monthly) or `POSTPAID_BY_HOUR` (Pro only). Changing it replaces the instance.
   *
   * @default 'PREPAID' - the provider's default
   */
  readonly chargeType?: ChargeType;
  /**
   * Prepaid purchase period in whole months (`period`), 1 to 36 (CreateInstancePre `Period`
   * "1m" to "36m"). Prepaid only.
   *
   * @default 1 when the construct creates a prepaid instance (as the Pulumi resource and the
   *   adapter); none for an instance that runs (`instanceId`), whose `period` Terraform cannot change
   */
  readonly periodMonths?: number;
  /**
   * Renew a prepaid instance automatically (`renew_flag` 1) or explicitly not (2).
   *
   * @default - the account's default renewal setting (`renew_flag` 0)
   */
  readonly autoRenew?: boolean;
  /**
   * Disk type (`disk_type`): a new instance has `CLOUD_BASIC`, `CLOUD_SSD` or `CLOUD_PREMIUM`.
   * Cannot change after creation.
   *
   * @default - the cloud's default for the edition
   */
  readonly diskType?: string;
  /**
   * Kafka version (`kafka_version`): a new instance has `2.4.1`, `2.4.2`, `2.8.1` or `3.2.3`.
   * Cannot change after creation.
   *
   * @default - the cloud's default version
   */
  readonly kafkaVersion?: string;
  /**
   * Message retention in minutes (`msg_retention_time`).
   *
   * @default - the cloud's default (7 days)
   */
  readonly msgRetentionMinutes?: number;
  /**
   * Largest message the instance accepts, in bytes (`max_message_byte`), above 1024 and below
   * 12582912 (the API excludes both ends; the provider's own check would take them). A mismatch
   * with the target cluster slows spec-change migrations.
   *
   * @default - the cloud's default
   */
  readonly maxMessageBytes?: number;
  /**
   * Public network bandwidth in Mbps (`public_network`), 3 or more.
   *
   * @default - the cloud's default
   */
  readonly publicNetworkMbps?: number;
  /**
   * Refuse deletion of the instance in the cloud (`delete_protection_enable`).
   *
   * @default - the cloud's setting is kept
   */
  readonly deleteProtection?: boolean;
  /**
   * Elastic bandwidth (`elastic_bandwidth_switch`); takes effect only at creation.
   *
   * @default - off
   */
  readonly elasticBandwidth?: boolean;
  /**
   * A custom SSL certificate id (`custom_ssl_cert_id`); Pro only. Cannot change after creation.
   *
   * @default - no custom certificate
   */
  readonly customSslCertId?: string;
  /**
   * Tags (`tag_set`).
   *
   * @default - no tags
   */
  readonly tags?: Record<string, string>;
  /**
   * Topic defaults (`config`).
   *
   * @default - the cloud's defaults
   */
  readonly config?: CkafkaInstanceTopicConfig;
  /**
   * Dynamic message retention (`dynamic_retention_config`).
   *
   * @default - the cloud's setting is kept
   */
  readonly dynamicRetentionConfig?: CkafkaInstanceDynamicRetentionConfig;

  /**
   * The provider configuration to use, e.g. one with an `alias` for another region.
   *
   * @default - the stack's default `tencentcloud` provider
   */
  readonly provider?: TProvider;
  /**
   * Resources Terraform must create first.
   *
   * @default - none
   */
  readonly dependsOn?: TDependable[];
  /**
   * Terraform lifecycle settings (e.g. `preventDestroy`). With `specOwner: 'ckafka-iac'` the spec
   * arguments are added to `ignoreChanges`.
   *
   * @default - only the spec arguments are ignored (none with `specOwner: 'terraform'`)
   */
  readonly lifecycle?: TLifecycle;
}
