/**
 * What can be chosen when an instance is bought, beside its spec (which `catalog.ts` holds):
 * editions on sale, billing, the prepaid period, disk types, Kafka versions, the instance-level
 * message size and the form of the network ids. Every value carries its source (tags as in
 * docs/sources.md); where sources disagree or are silent, the choice is named here and listed
 * in docs/sources.md.
 */
import type { ChargeType, Edition } from './types';

/** Billing modes, as the Terraform provider's `charge_type` and Pulumi's `chargeType` name them. */
export const CHARGE_TYPES: readonly ChargeType[] = ['PREPAID', 'POSTPAID_BY_HOUR'];

/** The choices of a new instance beside its spec, each with its source; the provisioning rules read them. */
export const PROVISIONING_OPTIONS = {
  /**
   * Editions the API creates: Pro only. [API 597/74261, Go SDK client.go] CreateInstancePre
   * "only supports creating Pro Edition instances"; [PROD] postpaid billing is Pro only, so
   * CreatePostPaidInstance cannot create Advanced either; Standard has not been sold since March 2024.
   */
  creatableEditions: ['pro'] as readonly Edition[],
  /** [TF] `charge_type` default. */
  defaultChargeType: 'PREPAID' as ChargeType,
  /**
   * Whole months a prepaid instance is bought for. [SDK] CreateInstancePre.Period: "1m"~"36m".
   * The console offers 1–12, 24 and 36; the API's range is the one taken. The default is ASSUMED
   * (Period is required by both SDKs; the Terraform provider sends none when `period` is unset),
   * and is the one every front end applies.
   */
  periodMonths: { min: 1, max: 36, default: 1 },
  /**
   * Disk types of a new instance. [SDK] CreateInstancePre.DiskType: CLOUD_SSD, CLOUD_PREMIUM
   * (default); [API 597/94259] CreatePostPaidInstance: CLOUD_SSD, CLOUD_BASIC (default); the
   * tccli examples of both actions and the Terraform provider's examples create CLOUD_BASIC.
   */
  diskTypes: ['CLOUD_BASIC', 'CLOUD_SSD', 'CLOUD_PREMIUM'] as readonly string[],
  /** Kafka versions of a new instance. [SDK] CreateInstancePre and CreatePostPaidInstance.KafkaVersion. */
  kafkaVersions: ['2.4.1', '2.4.2', '2.8.1', '3.2.3'] as readonly string[],
  /**
   * Instance-level MaxMessageByte, bytes, both ends excluded. [SDK] ModifyInstanceAttributes:
   * 最大 12582912(不包含) 最小1024(不包含). The Terraform provider validates 1024..12582912 with
   * both ends included; the API's stricter range is the one taken, so an end value fails at
   * validation rather than when Terraform sets it.
   */
  maxMessageBytes: { above: 1024, below: 12582912 },
  /**
   * VPC and subnet ids: the prefix and 8 lowercase letters or digits. ASSUMED from the
   * documented examples (tccli: vpc-rmcg5cpf, subnet-mnzcs7gk) and the console's id format.
   */
  vpcIdPattern: /^vpc-[a-z0-9]{8}$/,
  subnetIdPattern: /^subnet-[a-z0-9]{8}$/,
  /** A Kafka version number as the console lists it. */
  kafkaVersionPattern: /^\d+\.\d+\.\d+$/,
} as const;
