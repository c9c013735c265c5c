/**
 * The difference between a declared and an observed spec, field by field.
 */
import type { ObservedSpec } from '../spec/observed';
import { SPEC_FIELDS, type SpecField } from '../spec/types';
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
 * (migration assessment, quotes, pre-checks) only for instances where this is non-empty. An
 * elastic disk (`null`) has no size: it never differs, and is never changed.
 */
export function specChanges(desired: ObservedSpec, observed: ObservedSpec): PlanChange[] {
  return diffSpec(desired, observed);
}

/**
 * Like {@link specChanges}, for an observed side whose edition may be a raw API type
 * (`serverless`) rather than an edition.
 *
 * @internal
 */
export function diffSpec(
  desired: ObservedSpec,
  observed: Omit<ObservedSpec, 'edition'> & { readonly edition: string },
): PlanChange[] {
  const changes: PlanChange[] = [];
  for (const field of SPEC_FIELDS) {
    const from = observed[field];
    const to = desired[field];
    if (from === null || to === null) continue;
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

/** Whether two specs are known and equal, field by field (an elastic disk equals any disk). */
export function sameSpec(a: ObservedSpec | null | undefined, b: ObservedSpec | null | undefined): boolean {
  return a != null && b != null && specChanges(a, b).length === 0;
}

/**
 * How a spec moved, in words: `bandwidthMBps was 200 MB/s <then>, now 400 MB/s; …`, for a spec
 * that was `before` and is `after` now.
 */
export function describeDrift(before: ObservedSpec, after: ObservedSpec, then: string): string {
  // specChanges(desired, observed) gives `from` = observed and `to` = desired.
  return specChanges(after, before)
    .map((c) => `${c.field} was ${withUnit(c.from, c.unit)} ${then}, now ${withUnit(c.to, c.unit)}`)
    .join('; ');
}

function withUnit(value: string | number, unit: string): string {
  return unit === '' ? String(value) : `${value} ${unit}`;
}
