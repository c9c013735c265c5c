/**
 * Rules over one declared spec, against the catalog: steps, ranges, tier minimums, and the
 * fixed Standard types. Each rule is named after what it checks and is tested by its own table.
 */
import {
  CATALOG,
  isValidBandwidth,
  minDiskGB,
  minPartitions,
  nearestBandwidths,
  nearestSteps,
  standardTypeFor,
} from '../catalog';
import { error, listOr, warning, type RuleIssue, type SpecRule } from './rule';

function ranges(edition: keyof typeof CATALOG): string {
  return CATALOG[edition].bandwidth.map((r) => (r.min === r.max ? `${r.min}` : `${r.min}–${r.max} in steps of ${r.step}`)).join(', ');
}

/**
 * What an off-step value may still be: the value an instance runs now. Running instances can hold
 * values off the sale step (the documented DescribeInstancesDetail example lists a Pro instance at
 * 150 MB/s), and the step applies to values being changed; `validateChange` refuses a change to
 * an off-step value.
 */
const ONLY_AS_RUNNING = 'accepted only as the value the instance runs now; a change to it is refused';

/**
 * Bandwidth is one the edition sells: Pro 20–1200 by 20 and 1600–100000 by 200, Advanced 20–360
 * by 20. Out of range is an error; off the step a warning (see {@link ONLY_AS_RUNNING}).
 */
export const bandwidthAllowed: SpecRule = ({ edition, bandwidthMBps }) => {
  if (edition === undefined || bandwidthMBps === undefined || edition === 'standard') return [];
  if (isValidBandwidth(edition, bandwidthMBps)) return [];
  const cat = CATALOG[edition];
  const min = cat.bandwidth[0]?.min ?? 0;
  const max = cat.bandwidth[cat.bandwidth.length - 1]?.max ?? 0;
  const allowed = `${cat.label} allows ${ranges(edition)} MB/s`;
  if (bandwidthMBps < min)
    return [error('spec/below-minimum', ['bandwidthMBps'], `bandwidthMBps ${bandwidthMBps} MB/s is below the ${cat.label} minimum of ${min} MB/s`, `use ${min} or more; ${allowed}`)];
  if (bandwidthMBps > max)
    return [error('spec/above-maximum', ['bandwidthMBps'], `bandwidthMBps ${bandwidthMBps} MB/s is above the ${cat.label} maximum of ${max} MB/s`, edition === 'advanced' ? `use ${max} or less, or move to Pro for more bandwidth` : `use ${max} or less`)];
  const near = nearestBandwidths(edition, bandwidthMBps);
  return [warning('spec/off-step', ['bandwidthMBps'], `bandwidthMBps ${bandwidthMBps} MB/s is not a ${cat.label} bandwidth (${allowed}): ${ONLY_AS_RUNNING}`, `use ${listOr(near)}, unless the instance runs ${bandwidthMBps} MB/s now`)];
};

/** Disk is at most 500000 GB (an error) and a multiple of 100 GB (off the step: a warning, see {@link ONLY_AS_RUNNING}). */
export const diskOnStep: SpecRule = ({ edition, diskGB }) => {
  if (edition === undefined || diskGB === undefined) return [];
  const { step, max } = CATALOG[edition].disk;
  if (edition !== 'standard' && diskGB > max)
    return [error('spec/above-maximum', ['diskGB'], `diskGB ${diskGB} GB is above the maximum of ${max} GB`, `use ${max} or less`)];
  if (diskGB % step !== 0)
    return [warning('spec/off-step', ['diskGB'], `diskGB ${diskGB} GB is not a multiple of ${step} GB: ${ONLY_AS_RUNNING}`, `use ${listOr(nearestSteps(diskGB, step))}, unless the instance runs ${diskGB} GB now`)];
  return [];
};

/** Disk reaches the minimum of the bandwidth tier (Pro 320 MB/s needs at least 3000 GB). */
export const diskWithinTier: SpecRule = ({ edition, bandwidthMBps, diskGB }) => {
  if (edition === undefined || edition === 'standard' || bandwidthMBps === undefined || diskGB === undefined) return [];
  const min = minDiskGB(edition, bandwidthMBps);
  if (diskGB >= min) return [];
  return [
    error(
      'spec/disk-below-tier-minimum',
      ['diskGB'],
      `diskGB ${diskGB} GB is below the ${min} GB that ${CATALOG[edition].label} requires at ${bandwidthMBps} MB/s`,
      `use diskGB: ${min} or more, or a lower bandwidth`,
    ),
  ];
};

/** Partitions are at most 40000 (an error) and a multiple of 100 (off the step: a warning, see {@link ONLY_AS_RUNNING}). */
export const partitionsOnStep: SpecRule = ({ edition, partitions }) => {
  if (edition === undefined || edition === 'standard' || partitions === undefined) return [];
  const { step, max } = CATALOG[edition].partitions;
  if (partitions > max)
    return [error('spec/above-maximum', ['partitions'], `partitions ${partitions} is above the maximum of ${max}`, `use ${max} or less`)];
  if (partitions % step !== 0)
    return [warning('spec/off-step', ['partitions'], `partitions ${partitions} is not a multiple of ${step}: ${ONLY_AS_RUNNING}`, `use ${listOr(nearestSteps(partitions, step))}, unless the instance runs ${partitions} now`)];
  return [];
};

/** Partitions reach those included in the bandwidth package (Pro 400 MB/s includes 2000). */
export const partitionsWithinTier: SpecRule = ({ edition, bandwidthMBps, partitions }) => {
  if (edition === undefined || edition === 'standard' || bandwidthMBps === undefined || partitions === undefined) return [];
  const min = minPartitions(edition, bandwidthMBps);
  if (partitions >= min) return [];
  return [
    error(
      'spec/partitions-below-tier-minimum',
      ['partitions'],
      `partitions ${partitions} is below the ${min} included with ${bandwidthMBps} MB/s on ${CATALOG[edition].label}`,
      `use partitions: ${min} or more (they are included in the bandwidth price)`,
    ),
  ];
};

/** A Standard declaration names one of the fixed Standard types, with its disk range and partitions. */
export const standardTypeMatches: SpecRule = ({ edition, bandwidthMBps, diskGB, partitions }) => {
  if (edition !== 'standard' || bandwidthMBps === undefined) return [];
  const types = CATALOG.standard.standardTypes ?? [];
  const type = standardTypeFor(bandwidthMBps);
  if (type === undefined)
    return [
      error(
        'spec/standard-type-unknown',
        ['bandwidthMBps'],
        `bandwidthMBps ${bandwidthMBps} MB/s is not a Standard type: Standard comes only as ${listOr(types.map((t) => `${t.bandwidthMBps} MB/s (${t.label})`))}`,
        'declare the bandwidth your Standard instance has, or convert it to Pro (edition: pro)',
      ),
    ];
  const out: RuleIssue[] = [];
  if (diskGB !== undefined && (diskGB < type.diskMinGB || diskGB > type.diskMaxGB))
    out.push(
      error(
        diskGB < type.diskMinGB ? 'spec/disk-below-tier-minimum' : 'spec/above-maximum',
        ['diskGB'],
        `diskGB ${diskGB} GB is outside the ${type.diskMinGB}–${type.diskMaxGB} GB of the Standard ${type.label} type (${type.bandwidthMBps} MB/s)`,
        `use a disk between ${type.diskMinGB} and ${type.diskMaxGB} GB`,
      ),
    );
  if (partitions !== undefined && partitions !== type.partitions)
    out.push(
      error(
        'spec/standard-type-unknown',
        ['partitions'],
        `partitions ${partitions} does not match the Standard ${type.label} type, which has ${type.partitions} partitions`,
        `use partitions: ${type.partitions}`,
      ),
    );
  return out;
};

/** Every spec rule, in the order issues are reported. */
export const SPEC_RULES: readonly SpecRule[] = [
  bandwidthAllowed,
  standardTypeMatches,
  diskOnStep,
  diskWithinTier,
  partitionsOnStep,
  partitionsWithinTier,
];
