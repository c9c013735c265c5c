/**
 * The difference between a declared and an observed spec, field by field.
 */
import { SPEC_FIELDS, type SpecField, type SpecValues } from '../spec/types';
import type { PlanChange } from './types';

/** The unit each spec field is shown in: write-API units, so reviewers never guess. */
export const SPEC_UNITS: Readonly<Record<SpecField, string>> = {
  edition: '',
  bandwidthMBps: 'MB/s',
  diskGB: 'GB',
  partitions: 'partitions',
};

/**
 * The fields whose declared value differs from the observed one, in `SPEC_FIELDS` order,
 * each with its unit. Empty when the instance matches its declaration; the CLI gathers facts
 * (migration assessment, quotes, pre-checks) only for instances where this is non-empty.
 */
export function specChanges(desired: SpecValues, observed: SpecValues): PlanChange[] {
  return diffSpec(desired, observed);
}

/**
 * Like {@link specChanges}, for an observed side whose edition may be a raw API type
 * (`serverless`) rather than an edition.
 *
 * @internal
 */
export function diffSpec(
  desired: SpecValues,
  observed: Omit<SpecValues, 'edition'> & { readonly edition: string },
): PlanChange[] {
  const changes: PlanChange[] = [];
  for (const field of SPEC_FIELDS) {
    const from = observed[field];
    const to = desired[field];
    if (from !== to) changes.push({ field, from, to, unit: SPEC_UNITS[field] });
  }
  return changes;
}

/** Whether a change lowers bandwidth or disk (partitions never go down; the rules refuse it). */
export function isScaleDown(changes: readonly PlanChange[]): boolean {
  return changes.some(
    (c) => (c.field === 'bandwidthMBps' || c.field === 'diskGB') && typeof c.from === 'number' && typeof c.to === 'number' && c.to < c.from,
  );
}

/** Whether two specs are known and equal, field by field. */
export function sameSpec(a: SpecValues | null | undefined, b: SpecValues | null | undefined): boolean {
  return a != null && b != null && specChanges(a, b).length === 0;
}

/**
 * How a spec moved, in words: `bandwidthMBps was 200 MB/s <then>, now 400 MB/s; …`, for a spec
 * that was `before` and is `after` now.
 */
export function describeDrift(before: SpecValues, after: SpecValues, then: string): string {
  // specChanges(desired, observed) gives `from` = observed and `to` = desired.
  return specChanges(after, before)
    .map((c) => `${c.field} was ${withUnit(c.from, c.unit)} ${then}, now ${withUnit(c.to, c.unit)}`)
    .join('; ');
}

function withUnit(value: string | number, unit: string): string {
  return unit === '' ? String(value) : `${value} ${unit}`;
}
