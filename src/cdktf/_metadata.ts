/**
 * What the `CkafkaInstance` construct writes into the synthesized `tencentcloud_ckafka_instance`
 * and what `readCdktfOut` reads back. Shared by both sides so they cannot drift; free of cdktf
 * imports so the CLI can read `cdktf.out` without loading cdktf.
 *
 * The spec values travel in the resource's own arguments (`band_width`, `disk_size`, …: what
 * Terraform sees). What Terraform has no argument for (the upgrade policy, `allowScaleDown`, the
 * instance id to adopt, the spec owner) travels in the resource body's `//` property, which
 * Terraform's JSON syntax treats as a comment and ignores. cdktf already keeps its own
 * `//.metadata` there; ours sits beside it under {@link METADATA_KEY}.
 */
import type { Edition, SpecOwner } from '../spec/types';

/** The Terraform resource type of a CKafka instance. */
export const CKAFKA_RESOURCE_TYPE = 'tencentcloud_ckafka_instance';

/** The provider's local name, as Terraform and cdktf use it in `provider` blocks. */
export const PROVIDER_NAME = 'tencentcloud';

/** Key of our record inside the resource body's `//` comment object. */
export const METADATA_KEY = 'ckafka-iac';

/** Bumped when the record changes incompatibly; the reader refuses versions it does not know. */
export const METADATA_FORMAT_VERSION = 1;

/**
 * The record, exactly as declared (defaults are not applied here: the reader validates it again,
 * so a construct resolves exactly like the same entry in a fleet file).
 */
export interface CkafkaIacMetadata {
  /** {@link METADATA_FORMAT_VERSION} of the writer. */
  readonly formatVersion: number;
  /** Who changes the spec after creation. */
  readonly specOwner: SpecOwner;
  /** The instance to adopt, when the construct names one. */
  readonly instanceId?: string;
  /** The `upgrade` block as declared, possibly partial. */
  readonly upgrade?: Readonly<Record<string, unknown>>;
  /** `allowScaleDown` as declared. */
  readonly allowScaleDown?: boolean;
}

/** Terraform's `specifications_type` for each edition (TF provider, resource_tc_ckafka_instance.go). */
export const SPECIFICATIONS_TYPE: Readonly<Record<Edition, string>> = {
  standard: 'standard',
  advanced: 'premium',
  pro: 'profession',
};

/** The provider's default `specifications_type` when the argument is left out. */
export const DEFAULT_SPECIFICATIONS_TYPE = 'profession';

/** The edition a `specifications_type` denotes, or `undefined` for a value the provider does not accept. */
export function editionFromSpecificationsType(value: string): Edition | undefined {
  for (const [edition, type] of Object.entries(SPECIFICATIONS_TYPE) as Array<[Edition, string]>) if (type === value) return edition;
  return undefined;
}

/** Each spec field and the Terraform argument that carries it. */
export const SPEC_ATTRIBUTE: Readonly<Record<'name' | 'edition' | 'bandwidthMBps' | 'diskGB' | 'partitions', string>> = {
  name: 'instance_name',
  edition: 'specifications_type',
  bandwidthMBps: 'band_width',
  diskGB: 'disk_size',
  partitions: 'partition',
};

/**
 * Arguments Terraform must ignore when ckafka-iac owns the spec. With these in
 * `lifecycle.ignore_changes` Terraform still creates the instance with the declared spec but
 * never changes it afterwards, so Terraform and ckafka-iac never fight over them.
 */
export const SPEC_IGNORE_CHANGES: readonly string[] = ['band_width', 'disk_size', 'partition', 'specifications_type', 'upgrade_strategy'];

/**
 * The spec arguments Terraform would otherwise change in place (the others in
 * {@link SPEC_IGNORE_CHANGES} cannot change after creation or only steer how a change runs).
 * When all of these are ignored, Terraform does not own the spec.
 */
export const SPEC_MUTABLE_ATTRIBUTES: readonly string[] = ['band_width', 'disk_size', 'partition'];

/** `upgrade_strategy` for each mode: the provider passes it to InstanceScalingDown (postpaid). */
export const UPGRADE_STRATEGY = { stable: 1, 'high-speed': 2 } as const;
