/** A changed field and an action in the short words tables and headers use. */
import type { PlanAction, PlanChange } from '../plan/types';

/** A value with its unit, as the fleet file writes it: `400 MB/s`, `6000 GB`, `pro`. */
export function formatValue(value: string | number, unit: string): string {
  return unit === '' ? String(value) : `${value} ${unit}`;
}

/** One changed field: `bandwidthMBps: 200 → 400 MB/s`. */
export function describeChange(change: PlanChange): string {
  const to = formatValue(change.to, change.unit);
  return `${change.field}: ${change.from} → ${to}`;
}

/** One changed field without its name, for table cells: `200 → 400 MB/s`. */
export function describeChangeValues(change: PlanChange): string {
  return `${change.from} → ${formatValue(change.to, change.unit)}`;
}

/** Short words for an action, as table cells and headers show it. */
export function describeAction(action: PlanAction): string {
  return action === 'none' ? 'no changes' : action;
}
