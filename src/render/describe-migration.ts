/** Whether data migrates, in which mode, for how long, and what it does to clients, in words. */
import type { PlanMigration } from '../plan/types';
import { formatDuration } from '../plan/words';

/** The migration in words. */
export interface MigrationWords {
  /** `data migrates`, `no data migrates`, `unknown: …`. */
  readonly headline: string;
  /** `stable mode`, `high-speed mode`; absent when nothing migrates. */
  readonly mode?: string;
  /** What the mode means for traffic. */
  readonly modeNote?: string;
  /** Present when the mode cannot be chosen. */
  readonly assumed?: string;
  /** `~4h 37m (estimate)` or `duration unknown`. */
  readonly estimate?: string;
  /** What a migration does to clients, when one runs. */
  readonly impact?: string;
  readonly basis: string;
  /** Short form for table cells: `yes, stable (assumed)`. */
  readonly short: string;
}

/** The impacts the CKafka upgrade documentation lists for a change that migrates data. */
export const MIGRATION_IMPACT =
  'while it runs, leaders switch partition by partition and brokers restart one by one; ports may change (addresses do not); single-replica topics are unavailable';

/** What a mode means for traffic: stable is throttled, high-speed is not and competes with production traffic. */
export function describeModeNote(mode: PlanMigration['mode']): string {
  if (mode === 'high-speed') return 'high-speed does not throttle the migration: it competes with production traffic for bandwidth';
  if (mode === 'stable') return 'stable throttles the migration to protect production traffic, so it takes longer';
  return 'the mode is not known';
}

/** Describes whether data migrates, how, and for how long. */
export function describeMigration(migration: PlanMigration): MigrationWords {
  if (migration.required === null) {
    return { headline: 'unknown: the cloud could not assess whether data migrates', basis: migration.basis, short: 'unknown' };
  }
  if (!migration.required) return { headline: 'no data migrates', basis: migration.basis, short: 'no' };
  const estimate = migration.estimatedSeconds === null ? 'duration unknown' : `~${formatDuration(migration.estimatedSeconds)} (estimate)`;
  const assumed = migration.modeSelectable ? {} : { assumed: "assumed: prepaid instances take the cloud's default" };
  return {
    headline: 'data migrates',
    mode: migration.mode === null ? 'mode unknown' : `${migration.mode} mode`,
    modeNote: describeModeNote(migration.mode),
    ...assumed,
    estimate,
    impact: MIGRATION_IMPACT,
    basis: migration.basis,
    short: `yes, ${migration.mode ?? 'mode unknown'}${migration.modeSelectable ? '' : ' (assumed)'}`,
  };
}
