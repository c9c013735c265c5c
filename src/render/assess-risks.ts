/** What a reviewer must look at in a planned instance: the risks the banners list, and whether it needs attention at all. */
import type { PlanCheck, PlannedInstance } from '../plan/types';

/** Whether an instance has anything a reviewer must look at beyond "no changes". */
export function needsAttention(instance: PlannedInstance): boolean {
  return instance.action !== 'none' || instance.issues.length > 0 || instance.checks.some((c) => c.status !== 'pass');
}

/** The risks of one instance, as the risk banner lists them. */
export interface InstanceRisks {
  readonly migrates: boolean;
  /** A change whose migration the cloud could not assess. */
  readonly migrationUnknown: boolean;
  readonly highSpeed: boolean;
  readonly scalesDown: boolean;
  readonly failingChecks: readonly PlanCheck[];
  readonly manualSteps: number;
}

/** What could go wrong with an instance that changes: data migration, high-speed mode, scale-down; and failing checks and manual steps. */
export function assessRisks(instance: PlannedInstance): InstanceRisks {
  // A blocked instance changes nothing until it is planned again, so its migration is no risk yet.
  const changing = instance.action === 'upgrade' || instance.action === 'scale-down';
  const migrates = changing && instance.migration.required === true;
  return {
    migrates,
    migrationUnknown: changing && instance.changes.length > 0 && instance.migration.required === null,
    highSpeed: migrates && instance.migration.mode === 'high-speed',
    scalesDown: instance.action === 'scale-down',
    failingChecks: instance.checks.filter((c) => c.status === 'fail'),
    manualSteps: instance.steps.filter((s) => s.kind === 'manual').length,
  };
}
