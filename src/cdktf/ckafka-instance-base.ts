/**
 * The engine-neutral part of the `CkafkaInstance` construct: props to provider arguments, the
 * lifecycle the spec owner needs, the ckafka-iac record, and the validations that run at synth.
 * CDK for Terraform (`ckafka-iac/cdktf`) and CDK Terrain (`ckafka-iac/cdktn`) each subclass it
 * with their generated binding and an {@link CkafkaInstanceEngine}; nothing here imports either
 * engine, so each entry loads only its own.
 */
import { Construct, type IConstruct } from 'constructs';
import { dropSupersededWarnings, joinPath, type Issue } from '../spec/issues';
import { PROVISIONING_OPTIONS } from '../spec/provisioning-options';
import { PROVISIONING_KEYS } from '../spec/rules/provisioning-rules';
import type { SpecOwner } from '../spec/types';
import { validateInstanceSpec } from '../spec/validate';
import { validateProvisioning } from '../spec/validate-provisioning';
import {
  METADATA_FORMAT_VERSION,
  METADATA_KEY,
  SPEC_IGNORE_CHANGES,
  SPECIFICATIONS_TYPE,
  UPGRADE_STRATEGY,
  type CkafkaIacMetadata,
} from './_metadata';
import type { CkafkaInstanceBaseProps, CkafkaInstanceLifecycle } from './ckafka-instance-props';

/** Props of either engine: the meta-arguments' types are the engine's. */
export type AnyCkafkaInstanceProps = CkafkaInstanceBaseProps<unknown, unknown, CkafkaInstanceLifecycle>;

/** The meta-argument props, passed through to the generated resource unchanged but for `lifecycle`. */
type MetaArgumentKey = 'provider' | 'dependsOn' | 'lifecycle';

/**
 * The generated `tencentcloud_ckafka_instance` config as the construct fills it: the binding's
 * camelCase names, with the plain values both engines' bindings accept.
 */
export interface CkafkaInstanceArguments<P extends AnyCkafkaInstanceProps> extends Pick<P, MetaArgumentKey> {
  readonly instanceName: string;
  readonly specificationsType: string;
  readonly bandWidth: number;
  readonly diskSize: number;
  readonly partition: number;
  readonly upgradeStrategy: number;
  readonly zoneId: number;
  readonly zoneIds?: number[];
  readonly multiZoneFlag?: boolean;
  readonly vpcId?: string;
  readonly subnetId?: string;
  readonly chargeType?: string;
  readonly period?: number;
  readonly renewFlag?: number;
  readonly diskType?: string;
  readonly kafkaVersion?: string;
  readonly msgRetentionTime?: number;
  readonly maxMessageByte?: number;
  readonly publicNetwork?: number;
  readonly deleteProtectionEnable?: number;
  readonly elasticBandwidthSwitch?: number;
  readonly customSslCertId?: string;
  readonly tagSet?: Record<string, string>;
  readonly config?: { autoCreateTopicEnable: boolean; defaultNumPartitions: number; defaultReplicationFactor: number };
  readonly dynamicRetentionConfig?: { enable?: number; diskQuotaPercentage?: number; stepForwardPercentage?: number; bottomRetention?: number };
}

/** What the construct uses of the generated resource. */
export interface CkafkaInstanceResourceLike extends IConstruct {
  readonly id: string;
  readonly vip: string;
  readonly vport: string;
  addOverride(path: string, value: unknown): void;
}

/** What the construct needs from its CDK engine: the few calls that must be the engine's own. */
export interface CkafkaInstanceEngine<P extends AnyCkafkaInstanceProps, R extends CkafkaInstanceResourceLike> {
  /** Whether `value` is a token of this engine (a Terraform expression, only known at apply time). */
  isUnresolved(value: unknown): boolean;
  /** Adds a warning the engine prints when the app synthesizes. */
  addWarning(scope: IConstruct, message: string): void;
  /** Creates the generated `tencentcloud_ckafka_instance` resource. */
  createResource(scope: Construct, id: string, config: CkafkaInstanceArguments<P>): R;
}

/** Keys of the spec part of the props, in the order a fleet file lists them. */
const SPEC_KEYS = ['name', 'instanceId', 'edition', 'bandwidthMBps', 'diskGB', 'partitions', 'upgrade', 'allowScaleDown'] as const;

/** Spec keys the provisioning rules read (the edition's billing, the sale step of a new instance). */
const RULE_SPEC_KEYS = ['edition', 'bandwidthMBps', 'diskGB', 'partitions'] as const;

// The first instance declared with each name, per app (construct tree root): ckafka-iac plans
// all instances of an app together, so names must be unique across its stacks. Registering at
// construction keeps the check linear in the number of instances.
const FIRST_BY_NAME = new WeakMap<IConstruct, Map<string, IConstruct>>();

/** Formats an issue the way synth errors print: `<code> at <path>: <message> (<hint>)`. */
export function formatIssue(issue: Issue): string {
  return `${issue.code} at ${issue.path}: ${issue.message}${issue.hint === undefined ? '' : ` (${issue.hint})`}`;
}

function without<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function flag(value: boolean | undefined, on: number, off: number): number | undefined {
  return value === undefined ? undefined : value ? on : off;
}

/**
 * A CKafka instance whose spec ckafka-iac plans and applies (or, with `specOwner: 'terraform'`,
 * only reads), synthesized as a `tencentcloud_ckafka_instance`. Use the `CkafkaInstance` of
 * `ckafka-iac/cdktf` or `ckafka-iac/cdktn`: this base holds what the two share.
 *
 * The spec and the provisioning props are validated by the core when the app synthesizes, with
 * the rules the Pulumi provider, the adapter and the emulator run: each problem is reported as
 * `<code> at <construct path>.<field>: <message> (<hint>)`.
 *
 * @typeParam P - the entry's `CkafkaInstanceProps`
 * @typeParam R - the entry's generated `tencentcloud_ckafka_instance` resource class
 */
export abstract class CkafkaInstanceBase<P extends AnyCkafkaInstanceProps, R extends CkafkaInstanceResourceLike> extends Construct {
  /** The generated `tencentcloud_ckafka_instance` resource, for overrides ckafka-iac does not model. */
  public readonly resource: R;
  /** Who changes the spec after creation. */
  public readonly specOwner: SpecOwner;
  /** The instance name (`instance_name`). */
  public readonly name: string;

  private readonly props: P;
  private readonly engine: CkafkaInstanceEngine<P, R>;

  protected constructor(scope: Construct, id: string, props: P, engine: CkafkaInstanceEngine<P, R>) {
    super(scope, id);
    this.props = props;
    this.engine = engine;
    this.specOwner = props.specOwner ?? 'ckafka-iac';
    this.name = props.name ?? id;

    const root = this.node.root;
    const names = FIRST_BY_NAME.get(root) ?? new Map<string, IConstruct>();
    FIRST_BY_NAME.set(root, names);
    if (!names.has(this.name)) names.set(this.name, this);

    // `Default` keeps the resource's Terraform name and path what they would be without the
    // wrapper, so moving from a plain resource to this construct does not rename it.
    this.resource = engine.createResource(this, 'Default', this.resourceConfig());
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

  private resourceConfig(): CkafkaInstanceArguments<P> {
    const p = this.props;
    const mode = p.upgrade?.mode ?? 'stable';
    return without<CkafkaInstanceArguments<P>>({
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
      period: p.periodMonths ?? this.defaultPeriod(),
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
    } as CkafkaInstanceArguments<P>);
  }

  /**
   * The months of a prepaid instance the construct creates, when none are given: CreateInstancePre
   * requires `Period`, and the provider sends none without `period`. An instance that runs gets
   * none (the provider refuses a change of `period` after creation).
   */
  private defaultPeriod(): number | undefined {
    const prepaid = (this.props.chargeType ?? PROVISIONING_OPTIONS.defaultChargeType) === 'PREPAID';
    return this.creates() && prepaid ? PROVISIONING_OPTIONS.periodMonths.default : undefined;
  }

  private lifecycle(): P['lifecycle'] {
    const given = this.props.lifecycle;
    if (this.specOwner === 'terraform') return given;
    const ignore = given?.ignoreChanges;
    if (ignore === 'all') return given;
    const merged = [...(ignore ?? []), ...SPEC_IGNORE_CHANGES.filter((a) => !(ignore ?? []).includes(a))];
    return { ...given, ignoreChanges: merged } as P['lifecycle'];
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

  /** Paths of unresolved tokens anywhere inside `value`. */
  private findTokens(value: unknown, path: string): string[] {
    if (this.engine.isUnresolved(value)) return [path];
    if (Array.isArray(value)) return value.flatMap((v, i) => this.findTokens(v, joinPath(path, i)));
    if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => this.findTokens(v, joinPath(path, k)));
    return [];
  }

  private validateProps(): string[] {
    const path = this.node.path;
    const spec = this.specInput();
    const tokens = this.findTokens(spec, path);
    const issues: Issue[] = [];
    if (tokens.length > 0) {
      // A token's placeholder value (a huge negative number, or `${TfToken[…]}`) would only
      // produce confusing range errors; report what is really wrong. Both engines report the
      // `cdktf/` code: it names the synthesized format, which is the same.
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
    // An off-step value is a warning of the spec rules and, when the construct creates the instance, an error.
    const reported = dropSupersededWarnings(issues, (i) => i.path);
    for (const issue of reported) if (issue.severity === 'warning') this.engine.addWarning(this, formatIssue(issue));
    return reported.filter((i) => i.severity === 'error').map(formatIssue);
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

  /**
   * The core's provisioning rules on the props Terraform creates the instance with: the same rules
   * the Pulumi provider's `check`, the adapter and the emulator run, so a stack that synthesizes is
   * not refused at create. Without `instanceId` the construct creates the instance, and the rules
   * of a new instance apply. Terraform expressions are given but not known: not checked.
   */
  private validateProvisioning(path: string): Issue[] {
    const p = this.props as unknown as Record<string, unknown>;
    const unknown = [...PROVISIONING_KEYS, ...RULE_SPEC_KEYS].filter((key) => this.findTokens(p[key], key).length > 0);
    return validateProvisioning(p, { creating: this.creates(), path, unknown });
  }

  /** Whether Terraform creates the instance: no `instanceId` names one that runs. */
  private creates(): boolean {
    return this.props.instanceId === undefined;
  }
}
