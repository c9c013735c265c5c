/**
 * Rules over what buying an instance takes beside its spec: the edition and billing on sale, the
 * prepaid period, disk type, Kafka version, message size, zone and network. Some hold for any
 * declaration (a postpaid Advanced instance cannot exist); others only when the declaration
 * creates the instance (a running instance keeps the disk type, version and off-step values it
 * was given). Every front end runs these same rules: the cdktf/cdktn construct at synth, the
 * Pulumi provider's `check`, the adapter before it sends a create, and the emulator's create.
 */
import { CATALOG, nearestOnStep } from '../catalog';
import { CHARGE_TYPES, PROVISIONING_OPTIONS as OPTIONS } from '../provisioning-options';
import { closestMatch } from '../suggest';
import type { ChargeType } from '../types';
import { error, listOr, type InstanceDraft, type RuleIssue, type SpecRule } from './rule';
import { bandwidthAllowed, diskOnStep, partitionsOnStep } from './spec-rules';

/** Keys the provisioning rules read beside the spec, in the order issues are reported. */
export const PROVISIONING_KEYS = ['chargeType', 'periodMonths', 'diskType', 'kafkaVersion', 'maxMessageBytes', 'zoneId', 'zoneIds', 'vpcId', 'subnetId'] as const;

export type ProvisioningKey = (typeof PROVISIONING_KEYS)[number];

/**
 * One declaration as the provisioning rules read it: each field present only when it had the
 * right type. Spec fields are read for the rules that depend on them (billing by edition, the
 * sale step of a new instance).
 */
export interface ProvisioningDraft extends Pick<InstanceDraft, 'edition' | 'bandwidthMBps' | 'diskGB' | 'partitions'> {
  /**
   * Whether this declaration creates the instance (cdktf/cdktn without `instanceId`, a new Pulumi
   * resource without one, every create request). A running instance may hold values a new one
   * cannot have (an off-step bandwidth, an older Kafka version, an edition no longer sold).
   */
  readonly creating: boolean;
  readonly chargeType?: string;
  readonly periodMonths?: number;
  readonly diskType?: string;
  readonly kafkaVersion?: string;
  readonly maxMessageBytes?: number;
  readonly zoneId?: number;
  readonly zoneIds?: readonly number[];
  readonly vpcId?: string;
  readonly subnetId?: string;
  /** Keys given with a value not known yet (a Terraform token, a Pulumi preview): given, but not checked. */
  readonly unknown?: readonly ProvisioningKey[];
}

/** How to declare an instance that runs rather than create one: by its id. */
const BY_ID = 'declare it by its instanceId';

function isWhole(n: number): boolean {
  return Number.isSafeInteger(n);
}

function suggestion(value: string, allowed: readonly string[]): string {
  const near = closestMatch(value, allowed);
  return near !== undefined ? `did you mean ${near}?` : `use ${listOr(allowed)}`;
}

/**
 * A new instance is Pro: CreateInstancePre creates Pro only, postpaid billing is Pro only, and
 * Standard is no longer sold. A running Advanced or Standard instance is declared by its id.
 */
export const editionCreatable: SpecRule<ProvisioningDraft> = ({ creating, edition }) => {
  if (!creating || edition === undefined || OPTIONS.creatableEditions.includes(edition)) return [];
  const message =
    edition === 'standard'
      ? 'edition standard cannot be created: Standard has not been sold since March 2024'
      : `edition ${edition} cannot be created through the API: CreateInstancePre creates Pro instances only, and postpaid billing is Pro only`;
  const hint =
    edition === 'standard'
      ? `use edition: pro; for a Standard instance that runs, ${BY_ID}`
      : `use edition: pro, or create the ${CATALOG[edition].label} instance in the CKafka console and ${BY_ID}`;
  return [error('spec/edition-not-creatable', ['edition'], message, hint)];
};

/** The billing mode is one CKafka has, and one the edition is sold with (hourly billing is Pro only). */
export const chargeTypeOffered: SpecRule<ProvisioningDraft> = ({ chargeType, edition }) => {
  if (chargeType === undefined) return [];
  if (!(CHARGE_TYPES as readonly string[]).includes(chargeType))
    return [error('spec/invalid-value', ['chargeType'], `chargeType "${chargeType}" is not a billing mode`, suggestion(chargeType, CHARGE_TYPES))];
  if (edition === undefined) return [];
  const { label, capabilities } = CATALOG[edition];
  if (capabilities.chargeTypes.includes(chargeType as ChargeType)) return [];
  return [
    error(
      'spec/invalid-value',
      ['chargeType'],
      `chargeType ${chargeType} is not offered for ${label}, which is billed ${capabilities.chargeTypes.join(' or ')} only`,
      chargeType === 'POSTPAID_BY_HOUR' ? 'use PREPAID, or the pro edition for hourly billing' : `use ${listOr(capabilities.chargeTypes)}`,
    ),
  ];
};

/** A prepaid period is 1 to 36 whole months (CreateInstancePre `Period` "1m" to "36m"), and only for a prepaid instance. */
export const periodMonthsAllowed: SpecRule<ProvisioningDraft> = ({ periodMonths, chargeType }) => {
  if (periodMonths === undefined) return [];
  const { min, max } = OPTIONS.periodMonths;
  if (!isWhole(periodMonths) || periodMonths < min || periodMonths > max)
    return [error('spec/invalid-value', ['periodMonths'], `periodMonths must be a whole number of months from ${min} to ${max}, got ${periodMonths}`, 'use e.g. 1 or 12 (CreateInstancePre buys 1 to 36 months)')];
  if (chargeType === 'POSTPAID_BY_HOUR')
    return [error('spec/invalid-value', ['periodMonths'], 'periodMonths applies to PREPAID instances only, but chargeType is POSTPAID_BY_HOUR', 'remove periodMonths, or use chargeType: PREPAID')];
  return [];
};

/** A new instance's disk type is one the create actions take; a running instance keeps its own. */
export const diskTypeOffered: SpecRule<ProvisioningDraft> = ({ creating, diskType }) => {
  if (!creating || diskType === undefined || OPTIONS.diskTypes.includes(diskType)) return [];
  return [error('spec/invalid-value', ['diskType'], `diskType "${diskType}" is not a disk type a new instance can have`, suggestion(diskType, OPTIONS.diskTypes))];
};

/** A Kafka version looks like one (2.8.1); a new instance's is one the create actions offer. */
export const kafkaVersionOffered: SpecRule<ProvisioningDraft> = ({ creating, kafkaVersion }) => {
  if (kafkaVersion === undefined) return [];
  if (!OPTIONS.kafkaVersionPattern.test(kafkaVersion))
    return [error('spec/invalid-value', ['kafkaVersion'], `kafkaVersion "${kafkaVersion}" is not a version number`, 'write it as the console lists it, e.g. 2.8.1')];
  if (!creating || OPTIONS.kafkaVersions.includes(kafkaVersion)) return [];
  return [error('spec/invalid-value', ['kafkaVersion'], `kafkaVersion ${kafkaVersion} is not offered for a new instance`, `use ${listOr(OPTIONS.kafkaVersions)}`)];
};

/** The instance-level message size is above 1024 and below 12582912 bytes (the API excludes both ends). */
export const maxMessageBytesInRange: SpecRule<ProvisioningDraft> = ({ maxMessageBytes }) => {
  if (maxMessageBytes === undefined) return [];
  const { above, below } = OPTIONS.maxMessageBytes;
  if (isWhole(maxMessageBytes) && maxMessageBytes > above && maxMessageBytes < below) return [];
  return [
    error(
      'spec/invalid-value',
      ['maxMessageBytes'],
      `maxMessageBytes must be a whole number of bytes above ${above} and below ${below} (12 MiB), got ${maxMessageBytes}`,
      `use e.g. 1048576 (1 MiB); the API excludes ${above} and ${below} themselves`,
    ),
  ];
};

/** A new instance needs a zone, a VPC and a subnet (both create actions require them); given ids have their form. */
export const networkGiven: SpecRule<ProvisioningDraft> = ({ creating, zoneId, vpcId, subnetId, unknown = [] }) => {
  const out: RuleIssue[] = [];
  const missing = (key: 'zoneId' | 'vpcId' | 'subnetId', value: unknown): boolean => {
    if (!creating || value !== undefined || unknown.includes(key)) return false;
    out.push(error('spec/missing-field', [key], `${key} is required to create an instance (no instanceId is given)`, `set ${key}${key === 'zoneId' ? ' (e.g. 100003)' : ''}; for an instance that runs, ${BY_ID}`));
    return true;
  };
  if (!missing('zoneId', zoneId) && zoneId !== undefined && (!isWhole(zoneId) || zoneId <= 0))
    out.push(error('spec/invalid-value', ['zoneId'], `zoneId must be a whole number above 0, got ${zoneId}`, 'use the numeric zone id, e.g. 100003 for Guangzhou 3'));
  if (!missing('vpcId', vpcId) && vpcId !== undefined && !OPTIONS.vpcIdPattern.test(vpcId))
    out.push(error('spec/invalid-value', ['vpcId'], `vpcId "${vpcId}" is not a VPC id`, 'use the id as the console shows it, e.g. vpc-12345678'));
  if (!missing('subnetId', subnetId) && subnetId !== undefined && !OPTIONS.subnetIdPattern.test(subnetId))
    out.push(error('spec/invalid-value', ['subnetId'], `subnetId "${subnetId}" is not a subnet id`, 'use the id as the console shows it, e.g. subnet-12345678'));
  return out;
};

/** The zones of a multi-zone instance: two or more, the main zone (`zoneId`) among them. */
export const zonesOfMultiZone: SpecRule<ProvisioningDraft> = ({ zoneIds, zoneId }) => {
  if (zoneIds === undefined) return [];
  if (zoneIds.length < 2)
    return [
      error('spec/invalid-value', ['zoneIds'], `zoneIds lists ${zoneIds.length} zone(s); a multi-zone instance needs 2 or more`, 'list 2 or more zone ids, or leave zoneIds out for a single-zone instance'),
    ];
  if (zoneId !== undefined && !zoneIds.includes(zoneId))
    return [error('spec/invalid-value', ['zoneIds'], `zoneIds [${zoneIds.join(', ')}] does not include zoneId ${zoneId}, the main zone`, `add ${zoneId} to zoneIds, or make one of them the zoneId`)];
  return [];
};

/**
 * A new instance is created on the sale step: where the spec rules warn that a bandwidth, disk or
 * partition count is off it (a running instance may hold such a value), creating it is an error.
 */
export const specOnSaleStep: SpecRule<ProvisioningDraft> = (draft) => {
  const { creating, edition } = draft;
  if (!creating || edition === undefined) return [];
  return [bandwidthAllowed, diskOnStep, partitionsOnStep]
    .flatMap((rule) => rule(draft))
    .filter((i) => i.code === 'spec/off-step')
    .map((i) => {
      const field = i.at[0] as 'bandwidthMBps' | 'diskGB' | 'partitions';
      const value = draft[field] ?? 0;
      return error(
        'spec/off-step',
        i.at,
        `${field} ${value} is off the ${CATALOG[edition].label} sale step, and a new instance is created on the step`,
        `use ${listOr(nearestOnStep(edition, field, value))}; if the instance runs ${value} now, ${BY_ID}`,
      );
    });
};

/** Every provisioning rule, in the order issues are reported: the edition first, so a refusal names it. */
export const PROVISIONING_RULES: readonly SpecRule<ProvisioningDraft>[] = [
  editionCreatable,
  chargeTypeOffered,
  periodMonthsAllowed,
  diskTypeOffered,
  kafkaVersionOffered,
  maxMessageBytesInRange,
  networkGiven,
  zonesOfMultiZone,
  specOnSaleStep,
];
