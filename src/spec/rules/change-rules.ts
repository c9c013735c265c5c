/**
 * Rules over a change: what is declared against what runs. Editions only go up, and only where
 * CKafka allows it; partitions never go down; bandwidth and disk go down only when the
 * declaration allows it and the edition supports it; disk never drops below the data it holds.
 */
import { CATALOG, isOnSaleStep, nearestOnStep } from '../catalog';
import { parseInstant } from '../time';
import { EDITIONS, type DesiredInstance, type Edition } from '../types';
import type { InstanceFacts, ObservedInstance } from '../observed';
import { error, listOr, warning, type RuleIssue } from './rule';
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

const STEPPED_FIELDS = [
  ['bandwidthMBps', ' MB/s'],
  ['diskGB', ' GB'],
  ['partitions', ''],
] as const;

/** A spec as the step rule compares it: a `null` disk is elastic storage, never sent, so it has no step. */
export interface SteppedSpec {
  readonly bandwidthMBps: number;
  readonly diskGB: number | null;
  readonly partitions: number;
}

/**
 * The step applies to values being changed: a value of `target` that differs from the running
 * one must be on the edition's sale step; a running value off the step (the documented listing
 * shows a Pro instance at 150 MB/s) may be kept. When another value changes (or the edition,
 * `editionChanged`), an unchanged off-step value is carried in the request, and older SDK
 * releases of ModifyInstancePre document that values are rounded up to the step: a warning says
 * so. An elastic disk is never sent, so it has no step. Shared by the planner
 * ({@link changedValuesOnStep}) and the emulator's spec change requests (`checkSpecTarget`).
 */
export function offStepChanges(edition: Edition, target: { readonly bandwidthMBps: number; readonly diskGB: number; readonly partitions: number }, running: SteppedSpec, editionChanged: boolean): RuleIssue[] {
  if (edition === 'standard') return [];
  const label = CATALOG[edition].label;
  const fields = STEPPED_FIELDS.map(([field, unit]) => {
    const from = running[field];
    return { field, unit, to: target[field], running: from, changed: from !== null && from !== target[field], sent: from !== null || field !== 'diskGB' };
  });
  const anyChange = fields.some((f) => f.changed) || editionChanged;
  const out: RuleIssue[] = [];
  for (const f of fields) {
    if (!f.sent || isOnSaleStep(edition, f.field, f.to)) continue;
    const near = listOr(nearestOnStep(edition, f.field, f.to));
    if (f.changed || editionChanged)
      out.push(
        error(
          'spec/off-step',
          [f.field],
          `${f.field} ${f.to}${f.unit} is off the ${label} step, and the instance runs ${f.running ?? '?'}${f.unit}: a value being changed must be one ${label} sells`,
          `use ${near}`,
        ),
      );
    else if (anyChange)
      out.push(
        warning(
          'spec/off-step',
          [f.field],
          `${f.field} ${f.to}${f.unit} is unchanged but off the ${label} step; the change request carries it, and older SDK releases of ModifyInstancePre say values are rounded up to the step`,
          `expect ${nearestOnStep(edition, f.field, f.to).at(-1) ?? f.to}${f.unit} after the change, or declare a value on the step (${near})`,
        ),
      );
  }
  return out;
}

/** The step rule of a declared change (see {@link offStepChanges}). */
export const changedValuesOnStep: ChangeRule = ({ desired, observed }) => offStepChanges(desired.edition, desired, observed, desired.edition !== observed.edition);

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
  if (observed.diskGB !== null && desired.diskGB < observed.diskGB)
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
  const decreases = desired.bandwidthMBps < observed.bandwidthMBps || (observed.diskGB !== null && desired.diskGB < observed.diskGB);
  if (!decreases) return [];
  return [
    error(
      'plan/scale-down-unsupported',
      [desired.bandwidthMBps < observed.bandwidthMBps ? 'bandwidthMBps' : 'diskGB'],
      `${CATALOG[observed.edition].label} instances cannot scale down; only Pro supports lowering bandwidth or disk`,
      `keep bandwidthMBps: ${observed.bandwidthMBps}${observed.diskGB === null ? '' : ` and diskGB: ${observed.diskGB}`} or more`,
    ),
  ];
};

/** Disk never drops below the data the instance holds (replicas included). */
export const diskHoldsData: ChangeRule = ({ desired, observed, facts }) => {
  const used = facts?.preflight?.diskUsedGB;
  // An elastic disk is never changed, so it cannot drop below the data.
  if (used === undefined || observed.diskGB === null || desired.diskGB >= observed.diskGB || desired.diskGB >= used) return [];
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
  changedValuesOnStep,
  partitionsNotDecreased,
  scaleDownAllowed,
  scaleDownSupported,
  diskHoldsData,
  atNotPassed,
];
