/**
 * Rules over a change: what is declared against what runs. Editions only go up, and only where
 * CKafka allows it; partitions never go down; bandwidth and disk go down only when the
 * declaration allows it and the edition supports it; disk never drops below the data it holds.
 */
import { CATALOG } from '../catalog';
import { parseInstant } from '../time';
import { EDITIONS, type DesiredInstance, type Edition } from '../types';
import type { InstanceFacts, ObservedInstance } from '../observed';
import { error, listOr, type RuleIssue } from './rule';
import { atInPast } from './upgrade-rules';

/** What a change rule sees. */
export interface ChangeRuleContext {
  readonly desired: DesiredInstance;
  readonly observed: ObservedInstance & { readonly edition: Edition };
  readonly facts?: InstanceFacts;
  readonly now: Date;
}

export type ChangeRule = (ctx: ChangeRuleContext) => RuleIssue[];

const rank = (e: Edition): number => EDITIONS.indexOf(e);

/** An edition never goes down (Pro → Advanced → Standard is not possible). */
export const editionNotDowngraded: ChangeRule = ({ desired, observed }) => {
  if (rank(desired.edition) >= rank(observed.edition)) return [];
  return [
    error(
      'plan/edition-downgrade',
      ['edition'],
      `edition ${desired.edition} is lower than the running ${observed.edition}; CKafka editions cannot be downgraded`,
      `keep edition: ${observed.edition}; to shrink the instance, lower its bandwidth or disk with allowScaleDown: true`,
    ),
  ];
};

/** An edition goes up only where CKafka converts it (Standard → Pro or Advanced). */
export const editionConversionSupported: ChangeRule = ({ desired, observed }) => {
  if (rank(desired.edition) <= rank(observed.edition)) return [];
  const allowed = CATALOG[observed.edition].capabilities.convertTo;
  if (allowed.includes(desired.edition)) return [];
  return [
    error(
      'plan/edition-conversion-unsupported',
      ['edition'],
      `a ${CATALOG[observed.edition].label} instance cannot be converted to ${CATALOG[desired.edition].label}`,
      allowed.length > 0 ? `it can be converted to ${listOr(allowed)}` : `keep edition: ${observed.edition}; a new ${desired.edition} instance and a data migration are the only way`,
    ),
  ];
};

/** Within an edition, the spec changes only where the edition allows it (Standard does not). */
export const specChangeSupported: ChangeRule = ({ desired, observed }) => {
  if (desired.edition !== observed.edition || CATALOG[observed.edition].capabilities.specUpgrade) return [];
  const differs = desired.bandwidthMBps !== observed.bandwidthMBps || desired.diskGB !== observed.diskGB || desired.partitions !== observed.partitions;
  if (!differs) return [];
  return [
    error(
      'plan/spec-change-unsupported',
      ['edition'],
      `${CATALOG[observed.edition].label} instances cannot change their spec (${CATALOG[observed.edition].note ?? 'not supported'})`,
      `convert it: set edition: pro with a Pro spec (it can become ${listOr(CATALOG[observed.edition].capabilities.convertTo)}), or declare the running spec: ${observed.bandwidthMBps} MB/s, ${observed.diskGB} GB, ${observed.partitions} partitions`,
    ),
  ];
};

/** Partitions never go down, with or without allowScaleDown. */
export const partitionsNotDecreased: ChangeRule = ({ desired, observed }) => {
  if (desired.partitions >= observed.partitions) return [];
  return [
    error(
      'plan/partition-decrease',
      ['partitions'],
      `partitions ${desired.partitions} is below the running ${observed.partitions}; CKafka cannot reduce partitions`,
      `keep partitions: ${observed.partitions} or more`,
    ),
  ];
};

/** Bandwidth or disk goes down only with allowScaleDown: true. */
export const scaleDownAllowed: ChangeRule = ({ desired, observed }) => {
  if (desired.allowScaleDown) return [];
  const out: RuleIssue[] = [];
  if (desired.bandwidthMBps < observed.bandwidthMBps)
    out.push(
      error(
        'plan/scale-down-not-allowed',
        ['bandwidthMBps'],
        `bandwidthMBps ${desired.bandwidthMBps} MB/s is below the running ${observed.bandwidthMBps} MB/s, and this instance does not allow scale-down`,
        `set allowScaleDown: true to lower it on purpose, or keep bandwidthMBps: ${observed.bandwidthMBps}`,
      ),
    );
  if (desired.diskGB < observed.diskGB)
    out.push(
      error(
        'plan/scale-down-not-allowed',
        ['diskGB'],
        `diskGB ${desired.diskGB} GB is below the running ${observed.diskGB} GB, and this instance does not allow scale-down`,
        `set allowScaleDown: true to lower it on purpose, or keep diskGB: ${observed.diskGB}`,
      ),
    );
  return out;
};

/** Only editions that support it scale down (Pro; Advanced and Standard do not). */
export const scaleDownSupported: ChangeRule = ({ desired, observed }) => {
  if (!desired.allowScaleDown || desired.edition !== observed.edition) return [];
  if (CATALOG[observed.edition].capabilities.scaleDown) return [];
  const decreases = desired.bandwidthMBps < observed.bandwidthMBps || desired.diskGB < observed.diskGB;
  if (!decreases) return [];
  return [
    error(
      'plan/scale-down-unsupported',
      [desired.bandwidthMBps < observed.bandwidthMBps ? 'bandwidthMBps' : 'diskGB'],
      `${CATALOG[observed.edition].label} instances cannot scale down; only Pro supports lowering bandwidth or disk`,
      `keep bandwidthMBps: ${observed.bandwidthMBps} and diskGB: ${observed.diskGB} or more`,
    ),
  ];
};

/** Disk never drops below the data the instance holds (replicas included). */
export const diskHoldsData: ChangeRule = ({ desired, observed, facts }) => {
  const used = facts?.preflight?.diskUsedGB;
  if (used === undefined || desired.diskGB >= observed.diskGB || desired.diskGB >= used) return [];
  const needed = Math.ceil(used / 100) * 100;
  return [
    error(
      'plan/disk-below-used',
      ['diskGB'],
      `diskGB ${desired.diskGB} GB is below the ${Math.round(used)} GB of data the instance holds`,
      `use diskGB: ${needed} or more, or delete data (shorter retention) first`,
    ),
  ];
};

/** An `at` time that has passed cannot schedule a change that migrates data. */
export const atNotPassed: ChangeRule = ({ desired, facts, now }) => {
  const r = desired.upgrade.rebalance;
  if (typeof r !== 'object' || !('at' in r) || facts?.migration?.required === false) return [];
  const at = parseInstant(r.at);
  if (at === undefined || at.getTime() > now.getTime()) return [];
  return [{ ...atInPast(r.at, now, 'error'), at: ['upgrade', 'rebalance', 'at'] }];
};

/** Every change rule, in the order issues are reported. */
export const CHANGE_RULES: readonly ChangeRule[] = [
  editionNotDowngraded,
  editionConversionSupported,
  specChangeSupported,
  partitionsNotDecreased,
  scaleDownAllowed,
  scaleDownSupported,
  diskHoldsData,
  atNotPassed,
];
