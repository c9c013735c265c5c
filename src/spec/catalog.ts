/**
 * The CKafka catalog: which specs each edition allows, the minimums that come with a bandwidth
 * tier, and list prices. Every number carries its source (tags as in docs/sources.md):
 *
 * - [ZONE]  DescribeCkafkaZone `Profession` JSON, real example output (tencentcloud-cli examples)
 * - [SDK]   tencentcloud-sdk-nodejs-ckafka 4.1.314, ckafka_models.d.ts
 * - [SPEC]  "Changing Instance Specifications" (tencentcloud.com/document/product/597/40650, 2026-01)
 * - [PROD]  qcloud-documents CKafka 产品规格 (editions) and limits page (597/39601)
 * - [PRICE] peak-bandwidth pricing (cloud.tencent.com/document/product/597/11745) and
 *           计费概述 / billing example (597/122802)
 *
 * Where a source is silent the value is marked ASSUMED, and docs/sources.md lists it.
 */
import type { ChargeType, Edition } from './types';

/** A run of valid bandwidths: `min`, `min + step`, … `max`. */
export interface BandwidthRange {
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

/** A minimum that applies from a bandwidth upward, until the next tier. */
export interface TierMinimum {
  readonly fromMBps: number;
  readonly value: number;
}

/** One fixed Standard type; Standard has no free-form spec. */
export interface StandardType {
  readonly id: string;
  readonly label: string;
  readonly bandwidthMBps: number;
  readonly diskMinGB: number;
  readonly diskMaxGB: number;
  readonly partitions: number;
  readonly topics: number;
}

/** What an edition may do through a spec change. */
export interface EditionCapabilities {
  /** Raise bandwidth, disk or partitions in place. */
  readonly specUpgrade: boolean;
  /** Lower bandwidth or disk in place (partitions never go down). */
  readonly scaleDown: boolean;
  /** Editions it can be converted to (a console operation; see the plan's manual steps). */
  readonly convertTo: readonly Edition[];
  readonly chargeTypes: readonly ChargeType[];
}

export interface EditionCatalog {
  readonly edition: Edition;
  readonly label: string;
  /** `InstanceType` values the API reports for this edition. */
  readonly apiInstanceTypes: readonly string[];
  /** `InquireCkafkaPrice.InstanceType` for this edition. */
  readonly priceInstanceType: string;
  readonly bandwidth: readonly BandwidthRange[];
  readonly disk: { readonly step: number; readonly max: number; readonly minByTier: readonly TierMinimum[] };
  readonly partitions: { readonly step: number; readonly max: number; readonly minByTier: readonly TierMinimum[] };
  readonly capabilities: EditionCapabilities;
  /** Standard only: the fixed types. */
  readonly standardTypes?: readonly StandardType[];
  /** Why a user should know: sale stopped, etc. */
  readonly note?: string;
}

// [ZONE] BasicEdition disk minimum by bandwidth tier (keys read as lower bounds: UNCONFIRMED).
const PRO_BASIC_DISK_MIN: readonly TierMinimum[] = [
  { fromMBps: 20, value: 200 },
  { fromMBps: 40, value: 500 },
  { fromMBps: 120, value: 1000 },
  { fromMBps: 320, value: 3000 },
  { fromMBps: 800, value: 5400 },
  { fromMBps: 1000, value: 7500 },
  // [ZONE] HighPerformanceEdition: disk minimum 10000 GB from 1600 MB/s.
  { fromMBps: 1600, value: 10000 },
];

// [ZONE] BasicEdition partition minimum by tier; these are the partitions included in the
// bandwidth package [PRICE billing example: 240 MB/s includes 1600, 320 MB/s includes 1800].
const PRO_PARTITION_MIN: readonly TierMinimum[] = [
  { fromMBps: 20, value: 400 },
  { fromMBps: 40, value: 800 },
  { fromMBps: 60, value: 900 },
  { fromMBps: 120, value: 1200 },
  { fromMBps: 180, value: 1400 },
  { fromMBps: 240, value: 1600 },
  { fromMBps: 320, value: 1800 },
  { fromMBps: 400, value: 2000 },
  { fromMBps: 500, value: 2200 },
  { fromMBps: 600, value: 2400 },
  { fromMBps: 800, value: 2600 },
  { fromMBps: 1000, value: 2800 },
  { fromMBps: 1200, value: 3200 },
  // [ZONE] HighPerformanceEdition partition minimum.
  { fromMBps: 1600, value: 4000 },
  { fromMBps: 2000, value: 4500 },
  { fromMBps: 2400, value: 5000 },
  { fromMBps: 2800, value: 5500 },
  { fromMBps: 3200, value: 6000 },
];

/** The catalog, by edition. */
export const CATALOG: Readonly<Record<Edition, EditionCatalog>> = {
  pro: {
    edition: 'pro',
    label: 'Pro',
    // [SDK] InstanceDetail.InstanceType: "profession" = Pro.
    apiInstanceTypes: ['profession'],
    priceInstanceType: 'profession',
    bandwidth: [
      // [ZONE] BasicEdition 20–1200 step 20; HighPerformanceEdition 1600–100000 step 200.
      { min: 20, max: 1200, step: 20 },
      { min: 1600, max: 100000, step: 200 },
    ],
    // [ZONE][SDK ModifyInstancePre] disk step 100 GB, max 500000 GB.
    disk: { step: 100, max: 500000, minByTier: PRO_BASIC_DISK_MIN },
    // [ZONE][SDK ModifyInstancePre] partitions step 100, max 40000.
    partitions: { step: 100, max: 40000, minByTier: PRO_PARTITION_MIN },
    // [SPEC] Pro: spec upgrade and downgrade; no edition conversion. [PROD] Pro alone has postpaid billing.
    capabilities: { specUpgrade: true, scaleDown: true, convertTo: [], chargeTypes: ['PREPAID', 'POSTPAID_BY_HOUR'] },
  },
  advanced: {
    edition: 'advanced',
    label: 'Advanced',
    // [SDK] "premium" = Advanced.
    apiInstanceTypes: ['premium'],
    priceInstanceType: 'premium',
    // [PROD] Advanced: 20–360 MB/s. Step 20: ASSUMED from the Pro BasicEdition step.
    bandwidth: [{ min: 20, max: 360, step: 20 }],
    // ASSUMED: Advanced uses the Pro BasicEdition disk and partition tiers (no source lists its own).
    disk: { step: 100, max: 500000, minByTier: PRO_BASIC_DISK_MIN },
    partitions: { step: 100, max: 40000, minByTier: PRO_PARTITION_MIN },
    // [SPEC] Advanced: no conversion; spec upgrade ASSUMED allowed (support icons missing in the
    // doc copy read); downgrade documented for Pro only [DOC 597/56204], so not offered here.
    // [PROD] Advanced is monthly (prepaid) only.
    capabilities: { specUpgrade: true, scaleDown: false, convertTo: [], chargeTypes: ['PREPAID'] },
  },
  standard: {
    edition: 'standard',
    label: 'Standard',
    // [SDK] any InstanceType other than profession/premium/serverless is Standard.
    apiInstanceTypes: ['standards2', 'standard'],
    priceInstanceType: 'standards2',
    // [ZONE StandardS2] fixed types: 40, 100, 150 MB/s (reported as 320/800/1200 Mbps).
    bandwidth: [
      { min: 40, max: 40, step: 40 },
      { min: 100, max: 100, step: 100 },
      { min: 150, max: 150, step: 150 },
    ],
    // ASSUMED: disk step 100 GB as for Pro; per-type ranges are in standardTypes.
    disk: { step: 100, max: 4000, minByTier: [{ fromMBps: 40, value: 300 }, { fromMBps: 100, value: 500 }, { fromMBps: 150, value: 1000 }] },
    partitions: { step: 1, max: 150, minByTier: [{ fromMBps: 40, value: 60 }, { fromMBps: 100, value: 100 }, { fromMBps: 150, value: 150 }] },
    // [SPEC] Standard: sale stopped March 2024; no spec upgrade or downgrade; can only be
    // converted to Pro or Advanced (a console operation).
    capabilities: { specUpgrade: false, scaleDown: false, convertTo: ['pro', 'advanced'], chargeTypes: ['PREPAID'] },
    standardTypes: [
      // [ZONE StandardS2] and [PRICE 计费概述]: Small is 40 MB/s, 300 GB, 25 topics, 60 partitions.
      { id: 'sv_ckafka_instance_s2_1', label: 'Small', bandwidthMBps: 40, diskMinGB: 300, diskMaxGB: 1000, partitions: 60, topics: 25 },
      { id: 'sv_ckafka_instance_s2_2', label: 'Standard', bandwidthMBps: 100, diskMinGB: 500, diskMaxGB: 2500, partitions: 100, topics: 40 },
      { id: 'sv_ckafka_instance_s2_3', label: 'Advanced', bandwidthMBps: 150, diskMinGB: 1000, diskMaxGB: 4000, partitions: 150, topics: 50 },
    ],
    note: 'Standard edition has not been sold since March 2024; it can only be converted to Pro or Advanced',
  },
};

/** The edition an API `InstanceType` denotes, or `undefined` for types ckafka-iac does not manage (serverless). */
export function editionFromInstanceType(instanceType: string): Edition | undefined {
  if (instanceType === 'profession') return 'pro';
  if (instanceType === 'premium') return 'advanced';
  if (instanceType === 'serverless') return undefined;
  return 'standard';
}

/** The minimum that applies at `bandwidthMBps`: the last tier whose lower bound it reaches. */
export function tierMinimum(tiers: readonly TierMinimum[], bandwidthMBps: number): number {
  let value = tiers[0]?.value ?? 0;
  for (const t of tiers) if (bandwidthMBps >= t.fromMBps) value = t.value;
  return value;
}

/** Whether `bandwidthMBps` is a valid bandwidth of `edition`. */
export function isValidBandwidth(edition: Edition, bandwidthMBps: number): boolean {
  return CATALOG[edition].bandwidth.some(
    (r) => bandwidthMBps >= r.min && bandwidthMBps <= r.max && (bandwidthMBps - r.min) % r.step === 0,
  );
}

/**
 * Whether a spec value is on the step the edition sells it in: a valid bandwidth, a disk or a
 * partition count that is a multiple of its step. Standard has fixed types and no step.
 */
export function isOnSaleStep(edition: Edition, field: 'bandwidthMBps' | 'diskGB' | 'partitions', value: number): boolean {
  if (edition === 'standard') return true;
  if (field === 'bandwidthMBps') return isValidBandwidth(edition, value);
  const { step } = field === 'diskGB' ? CATALOG[edition].disk : CATALOG[edition].partitions;
  return value % step === 0;
}

/** The values on the sale step nearest to `value`. */
export function nearestOnStep(edition: Edition, field: 'bandwidthMBps' | 'diskGB' | 'partitions', value: number): number[] {
  if (field === 'bandwidthMBps') return nearestBandwidths(edition, value);
  return nearestSteps(value, field === 'diskGB' ? CATALOG[edition].disk.step : CATALOG[edition].partitions.step);
}

/** The valid bandwidths nearest to a value: the closest one below and the closest one above, when they exist. */
export function nearestBandwidths(edition: Edition, bandwidthMBps: number): number[] {
  if (isValidBandwidth(edition, bandwidthMBps)) return [bandwidthMBps];
  let below: number | undefined;
  let above: number | undefined;
  for (const r of CATALOG[edition].bandwidth) {
    let lo: number | undefined;
    let hi: number | undefined;
    if (bandwidthMBps > r.max) lo = r.max;
    else if (bandwidthMBps < r.min) hi = r.min;
    else {
      lo = r.min + Math.floor((bandwidthMBps - r.min) / r.step) * r.step;
      hi = Math.min(r.max, lo + r.step);
    }
    if (lo !== undefined && (below === undefined || lo > below)) below = lo;
    if (hi !== undefined && (above === undefined || hi < above)) above = hi;
  }
  return [below, above].filter((v): v is number => v !== undefined);
}

/** The multiples of `step` nearest to a value: below and above (or just the value when on step). */
export function nearestSteps(value: number, step: number): number[] {
  const lo = Math.floor(value / step) * step;
  return lo === value ? [value] : [lo, lo + step].filter((v) => v > 0);
}

/** Minimum disk (GB) for a bandwidth on an edition. */
export function minDiskGB(edition: Edition, bandwidthMBps: number): number {
  return tierMinimum(CATALOG[edition].disk.minByTier, bandwidthMBps);
}

/** Minimum (and included) partitions for a bandwidth on an edition. */
export function minPartitions(edition: Edition, bandwidthMBps: number): number {
  return tierMinimum(CATALOG[edition].partitions.minByTier, bandwidthMBps);
}

/** The Standard type with this bandwidth, if any. */
export function standardTypeFor(bandwidthMBps: number): StandardType | undefined {
  return CATALOG.standard.standardTypes?.find((t) => t.bandwidthMBps === bandwidthMBps);
}

// ---------------------------------------------------------------------------------------------
// List prices (CNY, China site). These are LIST PRICES from the public pricing pages; real
// bills carry discounts and prices change. The plan prefers InquireCkafkaPrice quotes when the
// cloud answers, and labels list-price figures as such.
// ---------------------------------------------------------------------------------------------

/** A bandwidth price tier: `base` at `from`, plus `perStep` for each `stepMBps` above `from`. */
export interface PriceTier {
  readonly from: number;
  readonly to: number;
  readonly base: number;
  readonly perStep: number;
  readonly stepMBps: number;
}

export interface EditionPrices {
  readonly monthly: readonly PriceTier[];
  readonly hourly?: readonly PriceTier[];
}

/** Bandwidth package list prices. [PRICE 597/11745] */
export const BANDWIDTH_PRICES: Readonly<Partial<Record<Edition, EditionPrices>>> = {
  pro: {
    monthly: [
      { from: 20, to: 20, base: 890, perStep: 0, stepMBps: 20 },
      { from: 40, to: 100, base: 1990, perStep: 300, stepMBps: 20 },
      { from: 120, to: 300, base: 3377, perStep: 292, stepMBps: 20 },
      { from: 320, to: 600, base: 6147, perStep: 280, stepMBps: 20 },
      { from: 620, to: 900, base: 11687, perStep: 248, stepMBps: 20 },
      { from: 920, to: 1200, base: 15380, perStep: 192, stepMBps: 20 },
      { from: 1600, to: 100000, base: 20570, perStep: 2420, stepMBps: 200 },
    ],
    hourly: [
      { from: 20, to: 20, base: 1.34, perStep: 0, stepMBps: 20 },
      { from: 40, to: 100, base: 3.04, perStep: 0.46, stepMBps: 20 },
      { from: 120, to: 300, base: 5.16, perStep: 0.45, stepMBps: 20 },
      { from: 320, to: 600, base: 9.4, perStep: 0.43, stepMBps: 20 },
      { from: 620, to: 900, base: 17.85, perStep: 0.38, stepMBps: 20 },
      { from: 920, to: 1200, base: 23.49, perStep: 0.3, stepMBps: 20 },
      { from: 1600, to: 100000, base: 31.33, perStep: 3.7, stepMBps: 200 },
    ],
  },
  // [PRICE] Advanced is monthly only.
  advanced: {
    monthly: [
      { from: 20, to: 20, base: 445, perStep: 0, stepMBps: 20 },
      { from: 40, to: 100, base: 995, perStep: 50, stepMBps: 20 },
      { from: 120, to: 300, base: 1688.5, perStep: 45, stepMBps: 20 },
      { from: 320, to: 360, base: 3073.5, perStep: 40, stepMBps: 20 },
    ],
  },
  // Standard: no list price is published any more (sale stopped).
};

/** Add-on list prices. [PRICE 计费概述 (older doc) and billing example 597/122802, "for reference only"] */
export const ADDON_PRICES = {
  /** Per 100 partitions above those included in the bandwidth package. */
  partitionPer100: { monthly: 200, hourly: 0.31 },
  /** Per 100 GB of disk, by disk type; the hourly figure is the billing example's, for any type. */
  diskPer100GB: { monthly: { CLOUD_SSD: 100, SSD: 100, CLOUD_PREMIUM: 35, CLOUD_BASIC: 35 } as Readonly<Record<string, number>>, hourly: 0.25 },
  currency: 'CNY',
} as const;

function tierPrice(tiers: readonly PriceTier[], bandwidthMBps: number): number | undefined {
  const t = tiers.find((x) => bandwidthMBps >= x.from && bandwidthMBps <= x.to);
  return t === undefined ? undefined : t.base + (t.perStep * (bandwidthMBps - t.from)) / t.stepMBps;
}

/** Rounds money to cents without binary noise, so JSON stays byte-stable. */
export function roundMoney(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * The list price of a spec for one month (prepaid) or one hour (postpaid):
 * bandwidth package + partitions above the included ones + disk. [PRICE 计费概述 formula]
 * `undefined` when no list price is published (Standard, or a bandwidth outside the tiers).
 */
export function listPrice(
  spec: { readonly edition: Edition; readonly bandwidthMBps: number; readonly diskGB: number; readonly partitions: number },
  per: 'month' | 'hour',
  diskType = 'CLOUD_BASIC',
): number | undefined {
  const prices = BANDWIDTH_PRICES[spec.edition];
  const tiers = per === 'month' ? prices?.monthly : prices?.hourly;
  if (tiers === undefined) return undefined;
  const bandwidth = tierPrice(tiers, spec.bandwidthMBps);
  if (bandwidth === undefined) return undefined;
  const extraPartitions = Math.max(0, spec.partitions - minPartitions(spec.edition, spec.bandwidthMBps));
  const partitionUnit = per === 'month' ? ADDON_PRICES.partitionPer100.monthly : ADDON_PRICES.partitionPer100.hourly;
  const diskUnit =
    per === 'month' ? (ADDON_PRICES.diskPer100GB.monthly[diskType] ?? ADDON_PRICES.diskPer100GB.monthly.CLOUD_BASIC ?? 35) : ADDON_PRICES.diskPer100GB.hourly;
  return roundMoney(bandwidth + (partitionUnit * extraPartitions) / 100 + (diskUnit * spec.diskGB) / 100);
}
