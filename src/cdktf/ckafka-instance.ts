/**
 * The `CkafkaInstance` construct: a CKafka instance declared with ckafka-iac's spec, synthesized
 * as a `tencentcloud_ckafka_instance` through the generated binding, validated by the core.
 */
import { Annotations, Token, type ITerraformDependable, type TerraformProvider, type TerraformResourceLifecycle } from 'cdktf';
import { Construct, type IConstruct } from 'constructs';
import { CATALOG } from '../spec/catalog';
import { joinPath, type Issue } from '../spec/issues';
import type { ChargeType, Edition, RebalancePolicy, SpecOwner, UpgradeMode } from '../spec/types';
import { validateInstanceSpec } from '../spec/validate';
import { CkafkaInstance as CkafkaInstanceResource, type CkafkaInstanceConfig } from './gen/ckafka-instance';
import {
  METADATA_FORMAT_VERSION,
  METADATA_KEY,
  SPEC_IGNORE_CHANGES,
  SPECIFICATIONS_TYPE,
  UPGRADE_STRATEGY,
  type CkafkaIacMetadata,
} from './_metadata';

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

/**
 * Props of {@link CkafkaInstance}: ckafka-iac's instance spec (the same keys as an entry of a
 * fleet file) plus what Terraform needs to create the instance.
 */
export interface CkafkaInstanceProps {
  /**
   * The instance name (`instance_name`), unique among the instances ckafka-iac plans together.
   * ckafka-iac finds the running instance by this name when `instanceId` is absent.
   *
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The id of an instance that already exists (e.g. `ckafka-abc12345`), to adopt it rather than
   * look it up by name. Terraform still needs the instance in its state: import it.
   *
   * @default - the instance is looked up by `name`
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
   * Zones of a multi-zone instance (`zone_ids`, sets `multi_zone_flag`). Cannot change after creation.
   *
   * @default - a single-zone instance in `zoneId`
   */
  readonly zoneIds?: number[];
  /**
   * VPC to place the instance in. Cannot change after creation.
   *
   * @default - the basic network
   */
  readonly vpcId?: string;
  /**
   * Subnet to place the instance in. Cannot change after creation.
   *
   * @default - the basic network
   */
  readonly subnetId?: string;
  /**
   * Billing: `PREPAID` (monthly) or `POSTPAID_BY_HOUR` (Pro only). Changing it replaces the instance.
   *
   * @default 'PREPAID' - the provider's default
   */
  readonly chargeType?: ChargeType;
  /**
   * Prepaid purchase period in months (`period`). Prepaid only.
   *
   * @default - the provider's default period
   */
  readonly periodMonths?: number;
  /**
   * Renew a prepaid instance automatically (`renew_flag` 1) or explicitly not (2).
   *
   * @default - the account's default renewal setting (`renew_flag` 0)
   */
  readonly autoRenew?: boolean;
  /**
   * Disk type (`disk_type`), e.g. `CLOUD_BASIC` or `CLOUD_SSD`. Cannot change after creation.
   *
   * @default - the cloud's default for the edition
   */
  readonly diskType?: string;
  /**
   * Kafka version (`kafka_version`), e.g. `2.8.1`. Cannot change after creation.
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
   * Largest message the instance accepts, in bytes (`max_message_byte`), 1024 to 12582912.
   * A mismatch with the target cluster slows spec-change migrations.
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
  readonly provider?: TerraformProvider;
  /**
   * Resources Terraform must create first.
   *
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Terraform lifecycle settings (e.g. `preventDestroy`). With `specOwner: 'ckafka-iac'` the spec
   * arguments are added to `ignoreChanges`.
   *
   * @default - only the spec arguments are ignored (none with `specOwner: 'terraform'`)
   */
  readonly lifecycle?: TerraformResourceLifecycle;
}

/** Keys of the spec part of the props, in the order a fleet file lists them. */
const SPEC_KEYS = ['name', 'instanceId', 'edition', 'bandwidthMBps', 'diskGB', 'partitions', 'upgrade', 'allowScaleDown'] as const;

const MAX_MESSAGE_BYTES = { min: 1024, max: 12 * 1024 * 1024 };

// The first instance declared with each name, per app (construct tree root): ckafka-iac plans
// all instances of an app together, so names must be unique across its stacks. Registering at
// construction keeps the check linear in the number of instances.
const FIRST_BY_NAME = new WeakMap<IConstruct, Map<string, CkafkaInstance>>();

/** Formats an issue the way synth errors print: `<code> at <path>: <message> (<hint>)`. */
export function formatIssue(issue: Issue): string {
  return `${issue.code} at ${issue.path}: ${issue.message}${issue.hint === undefined ? '' : ` (${issue.hint})`}`;
}

/** Paths of unresolved tokens anywhere inside `value`. */
function findTokens(value: unknown, path: string): string[] {
  if (Token.isUnresolved(value)) return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => findTokens(v, joinPath(path, i)));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => findTokens(v, joinPath(path, k)));
  return [];
}

function without<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function flag(value: boolean | undefined, on: number, off: number): number | undefined {
  return value === undefined ? undefined : value ? on : off;
}

/**
 * A CKafka instance whose spec ckafka-iac plans and applies (or, with `specOwner: 'terraform'`,
 * only reads), synthesized as a `tencentcloud_ckafka_instance`.
 *
 * The spec is validated by the core when the app synthesizes: each problem is reported as
 * `<code> at <construct path>.<field>: <message> (<hint>)`.
 *
 * @see https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/latest/docs/resources/ckafka_instance
 */
export class CkafkaInstance extends Construct {
  /** The generated `tencentcloud_ckafka_instance` resource, for overrides ckafka-iac does not model. */
  public readonly resource: CkafkaInstanceResource;
  /** Who changes the spec after creation. */
  public readonly specOwner: SpecOwner;
  /** The instance name (`instance_name`). */
  public readonly name: string;

  private readonly props: CkafkaInstanceProps;

  public constructor(scope: Construct, id: string, props: CkafkaInstanceProps) {
    super(scope, id);
    this.props = props;
    this.specOwner = props.specOwner ?? 'ckafka-iac';
    this.name = props.name ?? id;

    // `Default` keeps the resource's Terraform name and path what they would be without the
    // wrapper, so moving from a plain resource to this construct does not rename it.
    const root = this.node.root;
    const names = FIRST_BY_NAME.get(root) ?? new Map<string, CkafkaInstance>();
    FIRST_BY_NAME.set(root, names);
    if (!names.has(this.name)) names.set(this.name, this);

    this.resource = new CkafkaInstanceResource(this, 'Default', this.resourceConfig());
    this.resource.addOverride(`//.${METADATA_KEY}`, this.metadata());
    this.node.addValidation({ validate: () => this.validateProps() });
  }

  /** The instance id, known after Terraform creates the instance. */
  public get id(): string {
    return this.resource.id;
  }

  /** The instance's virtual IP, known after creation. */
  public get vip(): string {
    return this.resource.vip;
  }

  /** The instance's virtual port, known after creation. */
  public get vport(): string {
    return this.resource.vport;
  }

  private resourceConfig(): CkafkaInstanceConfig {
    const p = this.props;
    const mode = p.upgrade?.mode ?? 'stable';
    return without<CkafkaInstanceConfig>({
      instanceName: this.name,
      // An edition the catalog does not know passes through so validation can name it.
      specificationsType: SPECIFICATIONS_TYPE[p.edition] ?? String(p.edition),
      bandWidth: p.bandwidthMBps,
      diskSize: p.diskGB,
      partition: p.partitions,
      upgradeStrategy: UPGRADE_STRATEGY[mode] ?? UPGRADE_STRATEGY.stable,
      zoneId: p.zoneId,
      zoneIds: p.zoneIds,
      multiZoneFlag: p.zoneIds === undefined ? undefined : true,
      vpcId: p.vpcId,
      subnetId: p.subnetId,
      chargeType: p.chargeType,
      period: p.periodMonths,
      renewFlag: flag(p.autoRenew, 1, 2),
      diskType: p.diskType,
      kafkaVersion: p.kafkaVersion,
      msgRetentionTime: p.msgRetentionMinutes,
      maxMessageByte: p.maxMessageBytes,
      publicNetwork: p.publicNetworkMbps,
      deleteProtectionEnable: flag(p.deleteProtection, 1, 0),
      elasticBandwidthSwitch: flag(p.elasticBandwidth, 1, 0),
      customSslCertId: p.customSslCertId,
      tagSet: p.tags,
      config: p.config,
      dynamicRetentionConfig:
        p.dynamicRetentionConfig === undefined
          ? undefined
          : without({
              enable: flag(p.dynamicRetentionConfig.enable, 1, 0),
              diskQuotaPercentage: p.dynamicRetentionConfig.diskQuotaPercentage,
              stepForwardPercentage: p.dynamicRetentionConfig.stepForwardPercentage,
              bottomRetention: p.dynamicRetentionConfig.bottomRetentionMinutes,
            }),
      provider: p.provider,
      dependsOn: p.dependsOn,
      lifecycle: this.lifecycle(),
    });
  }

  private lifecycle(): TerraformResourceLifecycle | undefined {
    const given = this.props.lifecycle;
    if (this.specOwner === 'terraform') return given;
    const ignore = given?.ignoreChanges;
    if (ignore === 'all') return given;
    const merged = [...(ignore ?? []), ...SPEC_IGNORE_CHANGES.filter((a) => !(ignore ?? []).includes(a))];
    return { ...given, ignoreChanges: merged };
  }

  private metadata(): CkafkaIacMetadata {
    const p = this.props;
    return without<CkafkaIacMetadata>({
      formatVersion: METADATA_FORMAT_VERSION,
      specOwner: this.specOwner,
      instanceId: p.instanceId,
      upgrade: p.upgrade === undefined ? undefined : without({ ...p.upgrade }),
      allowScaleDown: p.allowScaleDown,
    });
  }

  /** The spec as a fleet file would hold it: only the keys the user gave. */
  private specInput(): Record<string, unknown> {
    const input: Record<string, unknown> = { name: this.name };
    for (const key of SPEC_KEYS) {
      const value = key === 'name' ? this.name : this.props[key];
      if (value !== undefined) input[key] = value;
    }
    return input;
  }

  private validateProps(): string[] {
    const path = this.node.path;
    const spec = this.specInput();
    const tokens = findTokens(spec, path);
    const issues: Issue[] = [];
    if (tokens.length > 0) {
      // A token's placeholder value (a huge negative number, or `${TfToken[…]}`) would only
      // produce confusing range errors; report what is really wrong.
      for (const at of tokens)
        issues.push({
          code: 'cdktf/unresolved-token',
          severity: 'error',
          path: at,
          message: `${at.slice(path.length + 1)} is a Terraform expression that is only known at apply time; ckafka-iac plans from literal values`,
          hint: 'give a literal (or a value computed in TypeScript), not a Terraform variable or another resource attribute',
        });
    } else {
      issues.push(...validateInstanceSpec(spec, { path }).issues);
    }
    issues.push(...this.validateUniqueName(path));
    issues.push(...this.validateProvisioning(path));
    for (const issue of issues) if (issue.severity === 'warning') Annotations.of(this).addWarning(formatIssue(issue));
    return issues.filter((i) => i.severity === 'error').map(formatIssue);
  }

  /** The fleet rule on names, across the app: ckafka-iac plans all instances of an app together. */
  private validateUniqueName(path: string): Issue[] {
    const first = FIRST_BY_NAME.get(this.node.root)?.get(this.name);
    if (first === undefined || first === this) return [];
    return [
      {
        code: 'spec/duplicate-name',
        severity: 'error',
        path: joinPath(path, 'name'),
        message: `name "${this.name}" is already used by ${first.node.path}`,
        hint: 'give every instance a unique name',
      },
    ];
  }

  /** Checks on the Terraform-only props that the provider would only reject at apply time. */
  private validateProvisioning(path: string): Issue[] {
    const p = this.props;
    const issues: Issue[] = [];
    const add = (field: string, message: string, hint: string) =>
      issues.push({ code: 'spec/invalid-value', severity: 'error', path: joinPath(path, field), message, hint });
    const catalog = (CATALOG as Partial<typeof CATALOG>)[p.edition];
    if (p.chargeType !== undefined && catalog !== undefined && !catalog.capabilities.chargeTypes.includes(p.chargeType))
      add(
        'chargeType',
        `chargeType ${p.chargeType} is not offered for ${catalog.label}, which is billed ${catalog.capabilities.chargeTypes.join(' or ')}`,
        p.chargeType === 'POSTPAID_BY_HOUR' ? 'use PREPAID, or the pro edition for hourly billing' : `use ${catalog.capabilities.chargeTypes.join(' or ')}`,
      );
    if (p.periodMonths !== undefined && !Token.isUnresolved(p.periodMonths)) {
      if (!Number.isInteger(p.periodMonths) || p.periodMonths < 1)
        add('periodMonths', `periodMonths must be a whole number of months, 1 or more, got ${p.periodMonths}`, 'use e.g. 1, 12 or 36');
      else if (p.chargeType === 'POSTPAID_BY_HOUR')
        add('periodMonths', 'periodMonths applies to PREPAID instances only, but chargeType is POSTPAID_BY_HOUR', 'remove periodMonths, or use chargeType PREPAID');
    }
    if (p.zoneIds !== undefined && !Token.isUnresolved(p.zoneIds) && p.zoneIds.length < 2)
      add('zoneIds', `zoneIds lists ${p.zoneIds.length} zone(s); a multi-zone instance needs 2 or more`, 'list 2 or more zone ids, or leave zoneIds out for a single-zone instance');
    const mmb = p.maxMessageBytes;
    if (mmb !== undefined && !Token.isUnresolved(mmb) && (!Number.isInteger(mmb) || mmb < MAX_MESSAGE_BYTES.min || mmb > MAX_MESSAGE_BYTES.max))
      add('maxMessageBytes', `maxMessageBytes must be a whole number from ${MAX_MESSAGE_BYTES.min} to ${MAX_MESSAGE_BYTES.max} bytes, got ${mmb}`, 'use e.g. 1048576 (1 MB)');
    return issues;
  }
}
