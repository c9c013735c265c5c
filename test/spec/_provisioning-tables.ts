/**
 * One table per provisioning rule (and one for the spec rules at creation): declarations in the
 * domain's words over a valid new Pro instance, and what every caller must make of them. The rule
 * tests (provisioning-rules.test.ts) run each row through its rule; the agreement test
 * (provisioning-agreement.test.ts) runs every row through the four callers.
 */
import type { IssueCode } from '../../src/spec/issues';
import { SPEC_RULES } from '../../src/spec/rules/spec-rules';
import {
  chargeTypeOffered,
  diskTypeOffered,
  editionCreatable,
  kafkaVersionOffered,
  maxMessageBytesInRange,
  networkGiven,
  periodMonthsAllowed,
  specOnSaleStep,
  zonesOfMultiZone,
  type ProvisioningDraft,
} from '../../src/spec/rules/provisioning-rules';
import type { SpecRule } from '../../src/spec/rules/rule';

/** What a construct's props, Pulumi's inputs and a create request have in common: a spec and the provisioning keys. */
export type Declaration = { readonly edition: string; readonly bandwidthMBps: number; readonly diskGB: number; readonly partitions: number } & Omit<
  ProvisioningDraft,
  'creating' | 'unknown' | 'edition' | 'bandwidthMBps' | 'diskGB' | 'partitions'
>;

/** A valid new instance: Pro, 200 MB/s (disk ≥ 1000 GB, partitions ≥ 1400), in the emulator's zone 100003 (in stock). */
export const BASE: Declaration = {
  edition: 'pro',
  bandwidthMBps: 200,
  diskGB: 2000,
  partitions: 1400,
  chargeType: 'PREPAID',
  zoneId: 100003,
  vpcId: 'vpc-6b2g8c1d',
  subnetId: 'subnet-3k9f2w7q',
};

/** The callers of the rules, as the agreement test drives them. */
export type Caller = 'construct' | 'pulumi' | 'adapter' | 'emulator';

export interface Row {
  readonly name: string;
  /** Over {@link BASE}; a key set to `undefined` is left out. */
  readonly declared: { readonly [K in keyof Declaration]?: Declaration[K] | undefined };
  /**
   * `false`: the declaration names an instance that runs (by its instanceId), which only the
   * front ends can declare; the adapter and the emulator only create.
   *
   * @default true
   */
  readonly creating?: boolean;
  /**
   * What refuses it: the issue the front ends report (`code`, at the field `at`), and the API's
   * error code the adapter and the emulator answer (`wire`, default `InvalidParameterValue`).
   * Absent: every caller accepts the row.
   */
  readonly refused?: { readonly code: IssueCode; readonly at: string; readonly wire?: string };
  /** Callers that cannot express this declaration at all, and why (beyond the fields a caller has). */
  readonly inexpressible?: Partial<Record<Caller, string>>;
}

export interface Table {
  /** The rule the rows are about, as its unit test runs it. */
  readonly rule: SpecRule<ProvisioningDraft>;
  readonly rows: readonly Row[];
}

const NO_BILLING_PARAMETER = 'the billing mode is the create action itself: no request carries an unknown one';
const NO_POSTPAID_PERIOD = 'CreatePostPaidInstance has no Period: no front end sends one on a postpaid create';

const runningOnly = { creating: false } as const;

/** The spec rules, run on a new instance: their errors (an off-step warning there becomes an error of `specOnSaleStep`). */
const specRulesAtCreation: SpecRule<ProvisioningDraft> = (draft) => SPEC_RULES.flatMap((rule) => rule(draft)).filter((i) => i.severity === 'error');

export const PROVISIONING_TABLES: Readonly<Record<string, Table>> = {
  editionCreatable: {
    rule: editionCreatable,
    rows: [
      { name: 'creates a Pro instance', declared: {} },
      {
        name: 'fails to create an Advanced instance (CreateInstancePre creates Pro only)',
        declared: { edition: 'advanced', bandwidthMBps: 100, diskGB: 1000, partitions: 1200 },
        refused: { code: 'spec/edition-not-creatable', at: 'edition' },
      },
      {
        name: 'fails to create a postpaid Advanced instance (postpaid is Pro only), naming the edition first',
        declared: { edition: 'advanced', bandwidthMBps: 100, diskGB: 1000, partitions: 1200, chargeType: 'POSTPAID_BY_HOUR' },
        refused: { code: 'spec/edition-not-creatable', at: 'edition' },
      },
      {
        name: 'fails to create a Standard instance (no longer sold)',
        declared: { edition: 'standard', bandwidthMBps: 100, diskGB: 1500, partitions: 100 },
        refused: { code: 'spec/edition-not-creatable', at: 'edition' },
      },
      { name: 'declares an Advanced instance that runs', declared: { edition: 'advanced', bandwidthMBps: 100, diskGB: 1000, partitions: 1200 }, ...runningOnly },
    ],
  },
  chargeTypeOffered: {
    rule: chargeTypeOffered,
    rows: [
      { name: 'creates a postpaid Pro instance', declared: { chargeType: 'POSTPAID_BY_HOUR' } },
      { name: 'creates a prepaid instance when chargeType is left out (PREPAID)', declared: { chargeType: undefined } },
      { name: 'fails on a misspelt billing mode', declared: { chargeType: 'PREPAYED' }, refused: { code: 'spec/invalid-value', at: 'chargeType' }, inexpressible: { emulator: NO_BILLING_PARAMETER } },
      {
        name: 'fails on an Advanced instance that runs, billed by the hour',
        declared: { edition: 'advanced', bandwidthMBps: 100, diskGB: 1000, partitions: 1200, chargeType: 'POSTPAID_BY_HOUR' },
        refused: { code: 'spec/invalid-value', at: 'chargeType' },
        ...runningOnly,
      },
    ],
  },
  periodMonthsAllowed: {
    rule: periodMonthsAllowed,
    rows: [
      { name: 'buys 1 month', declared: { periodMonths: 1 } },
      { name: 'buys 13 months (the API takes 1m to 36m, beyond the console offer)', declared: { periodMonths: 13 } },
      { name: 'buys 36 months', declared: { periodMonths: 36 } },
      { name: 'fails on 0 months', declared: { periodMonths: 0 }, refused: { code: 'spec/invalid-value', at: 'periodMonths' } },
      { name: 'fails on 37 months', declared: { periodMonths: 37 }, refused: { code: 'spec/invalid-value', at: 'periodMonths' } },
      { name: 'fails on 1.5 months', declared: { periodMonths: 1.5 }, refused: { code: 'spec/invalid-value', at: 'periodMonths' } },
      {
        name: 'fails on a period for a postpaid instance',
        declared: { chargeType: 'POSTPAID_BY_HOUR', periodMonths: 12 },
        refused: { code: 'spec/invalid-value', at: 'periodMonths' },
        inexpressible: { emulator: NO_POSTPAID_PERIOD },
      },
    ],
  },
  diskTypeOffered: {
    rule: diskTypeOffered,
    rows: [
      { name: 'creates CLOUD_BASIC', declared: { diskType: 'CLOUD_BASIC' } },
      { name: 'creates CLOUD_SSD', declared: { diskType: 'CLOUD_SSD' } },
      { name: 'creates CLOUD_PREMIUM', declared: { diskType: 'CLOUD_PREMIUM' } },
      { name: 'fails to create SSD (a type instances may report, not one to buy)', declared: { diskType: 'SSD' }, refused: { code: 'spec/invalid-value', at: 'diskType' } },
      { name: 'fails on a misspelt disk type', declared: { diskType: 'CLOUD_SDD' }, refused: { code: 'spec/invalid-value', at: 'diskType' } },
      { name: 'declares an instance that runs on SSD', declared: { diskType: 'SSD' }, ...runningOnly },
    ],
  },
  kafkaVersionOffered: {
    rule: kafkaVersionOffered,
    rows: [
      { name: 'creates 2.4.1', declared: { kafkaVersion: '2.4.1' } },
      { name: 'creates 2.8.1', declared: { kafkaVersion: '2.8.1' } },
      { name: 'creates 3.2.3', declared: { kafkaVersion: '3.2.3' } },
      { name: 'fails to create 3.9.0 (not offered)', declared: { kafkaVersion: '3.9.0' }, refused: { code: 'spec/invalid-value', at: 'kafkaVersion' } },
      { name: 'fails on a version that is no number', declared: { kafkaVersion: 'latest' }, refused: { code: 'spec/invalid-value', at: 'kafkaVersion' } },
      { name: 'declares an instance that runs 1.1.1', declared: { kafkaVersion: '1.1.1' }, ...runningOnly },
      { name: 'fails on a version that is no number, for an instance that runs', declared: { kafkaVersion: 'latest' }, refused: { code: 'spec/invalid-value', at: 'kafkaVersion' }, ...runningOnly },
    ],
  },
  maxMessageBytesInRange: {
    rule: maxMessageBytesInRange,
    rows: [
      { name: 'takes 1 MiB', declared: { maxMessageBytes: 1048576 } },
      { name: 'takes 1025 bytes', declared: { maxMessageBytes: 1025 } },
      { name: 'takes 12582911 bytes', declared: { maxMessageBytes: 12582911 } },
      { name: 'fails on 1024 (the API excludes it; Terraform would take it)', declared: { maxMessageBytes: 1024 }, refused: { code: 'spec/invalid-value', at: 'maxMessageBytes' } },
      { name: 'fails on 12582912 (the API excludes it; Terraform would take it)', declared: { maxMessageBytes: 12582912 }, refused: { code: 'spec/invalid-value', at: 'maxMessageBytes' } },
      { name: 'fails on 100 bytes', declared: { maxMessageBytes: 100 }, refused: { code: 'spec/invalid-value', at: 'maxMessageBytes' } },
      // An Integer field: a fraction cannot be sent, and the wire refuses its type.
      { name: 'fails on a fraction of a byte', declared: { maxMessageBytes: 1048576.5 }, refused: { code: 'spec/invalid-value', at: 'maxMessageBytes', wire: 'InvalidParameter' } },
    ],
  },
  networkGiven: {
    rule: networkGiven,
    rows: [
      { name: 'fails to create without zoneId', declared: { zoneId: undefined }, refused: { code: 'spec/missing-field', at: 'zoneId', wire: 'MissingParameter' } },
      { name: 'fails to create without vpcId', declared: { vpcId: undefined }, refused: { code: 'spec/missing-field', at: 'vpcId', wire: 'MissingParameter' } },
      { name: 'fails to create without subnetId', declared: { subnetId: undefined }, refused: { code: 'spec/missing-field', at: 'subnetId', wire: 'MissingParameter' } },
      { name: 'fails on zone 0', declared: { zoneId: 0 }, refused: { code: 'spec/invalid-value', at: 'zoneId' } },
      { name: 'fails on a malformed VPC id', declared: { vpcId: 'vpc-1' }, refused: { code: 'spec/invalid-value', at: 'vpcId', wire: 'InvalidParameterValue.VpcIdInvalid' } },
      { name: 'fails on a malformed subnet id', declared: { subnetId: 'default' }, refused: { code: 'spec/invalid-value', at: 'subnetId', wire: 'InvalidParameterValue.SubnetIdInvalid' } },
      { name: 'declares an instance that runs without its network', declared: { vpcId: undefined, subnetId: undefined }, ...runningOnly },
    ],
  },
  zonesOfMultiZone: {
    rule: zonesOfMultiZone,
    rows: [
      { name: 'creates a multi-zone instance in 100003 and 100004', declared: { zoneIds: [100003, 100004] } },
      { name: 'fails on one zone', declared: { zoneIds: [100003] }, refused: { code: 'spec/invalid-value', at: 'zoneIds' } },
      { name: 'fails when the main zone is not among the zones', declared: { zoneIds: [100004, 100007] }, refused: { code: 'spec/invalid-value', at: 'zoneIds' } },
    ],
  },
  specOnSaleStep: {
    rule: specOnSaleStep,
    rows: [
      { name: 'creates 1600 MB/s (the high-performance range)', declared: { bandwidthMBps: 1600, diskGB: 10000, partitions: 4000 } },
      { name: 'fails to create 150 MB/s (off the 20 MB/s step)', declared: { bandwidthMBps: 150, diskGB: 1000, partitions: 1200 }, refused: { code: 'spec/off-step', at: 'bandwidthMBps' } },
      { name: 'fails to create 2050 GB', declared: { diskGB: 2050 }, refused: { code: 'spec/off-step', at: 'diskGB' } },
      { name: 'fails to create 1450 partitions', declared: { partitions: 1450 }, refused: { code: 'spec/off-step', at: 'partitions' } },
      { name: 'declares an instance that runs 150 MB/s (a warning)', declared: { bandwidthMBps: 150, diskGB: 1000, partitions: 1200 }, ...runningOnly },
    ],
  },
  specRulesAtCreation: {
    rule: specRulesAtCreation,
    rows: [
      { name: 'fails below the disk of the bandwidth tier', declared: { bandwidthMBps: 320, diskGB: 2000, partitions: 1800 }, refused: { code: 'spec/disk-below-tier-minimum', at: 'diskGB' } },
      { name: 'fails below the partitions of the bandwidth tier', declared: { partitions: 1000 }, refused: { code: 'spec/partitions-below-tier-minimum', at: 'partitions' } },
      { name: 'fails above the Pro maximum', declared: { bandwidthMBps: 100200, diskGB: 10000, partitions: 6000 }, refused: { code: 'spec/above-maximum', at: 'bandwidthMBps' } },
    ],
  },
};

/** {@link BASE} with a row's declaration over it; keys set to `undefined` are left out. */
export function declarationOf(row: Row): Record<string, unknown> {
  const out: Record<string, unknown> = { ...BASE, ...row.declared };
  for (const [k, v] of Object.entries(out)) if (v === undefined) delete out[k];
  return out;
}

/** Every row, named by its table. */
export function allRows(): Array<readonly [string, Row]> {
  return Object.entries(PROVISIONING_TABLES).flatMap(([table, t]) => t.rows.map((row) => [`${table}: ${row.name}`, row] as const));
}
