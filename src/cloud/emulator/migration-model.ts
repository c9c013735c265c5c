/**
 * The emulator's model of how long a CKafka spec change takes and whether it migrates data.
 * The real cloud decides both in its backend and publishes no formula; these constants are
 * ASSUMED, chosen to land in the documented ranges ("minutes" in place, "minutes to hours
 * depending on how much data is stored" with migration) and documented in docs/emulator.md.
 */
import { CATALOG, nearestBandwidths } from '../../spec/catalog';
import type { Edition, UpgradeMode } from '../../spec/types';

/** Bytes in the MB the emulator converts with (binary, as Kafka tooling reports). */
export const BYTES_PER_MB = 1024 * 1024;
/** Bytes in the GB the emulator converts with (binary; the Tencent adapter uses the same). */
export const BYTES_PER_GB = 1024 * 1024 * 1024;

/** Timing and throughput constants of the model. All ASSUMED; see docs/emulator.md. */
export const MIGRATION_MODEL = {
  /** An in-place quota change (no migration): "done in minutes". */
  quotaChangeSeconds: 90,
  /** New brokers are created and join before data moves (the doc: ~5 min per node kernel upgrade). */
  provisionSeconds: 600,
  /** Broker addresses switch over after the copy (failure cause 4 stops here). */
  switchSeconds: 120,
  /** Stable mode throttles the copy to this share of the instance's peak bandwidth. */
  stableShare: 0.2,
  /** High-speed mode copies at up to this share of the peak bandwidth. */
  highSpeedShare: 0.8,
  /** Above this produce load (produce ÷ peak bandwidth) a high-speed copy competes with traffic. */
  highSpeedContentionFrom: 0.5,
  /** The floor of the high-speed contention factor (failure cause 2: a long delay, not a stop). */
  highSpeedMinFactor: 0.05,
  /** The new brokers' default max message size; a larger instance MaxMessageByte stalls the copy (cause 3). */
  newBrokerMaxMessageBytes: 1024 * 1024,
  /** A migrated cluster is built with this much room above its new spec (bandwidth and disk). */
  capacityHeadroom: 1.5,
  /** Creating an instance. */
  createSeconds: 180,
  /** Deleting an instance. */
  deleteSeconds: 60,
} as const;

/** A spec's three numbers, natural units. */
export interface SpecNumbers {
  readonly bandwidthMBps: number;
  readonly diskGB: number;
  readonly partitions: number;
}

/**
 * Whether moving from `current` to `target` migrates data: a target bandwidth or disk beyond what
 * the dedicated cluster can hold. Partition-only changes never migrate (partitions are a quota).
 */
export function needsMigration(
  capacity: { readonly bandwidthMBps: number; readonly diskGB: number },
  current: SpecNumbers,
  target: SpecNumbers,
): boolean {
  if (target.bandwidthMBps === current.bandwidthMBps && target.diskGB === current.diskGB) return false;
  return target.bandwidthMBps > capacity.bandwidthMBps || target.diskGB > capacity.diskGB;
}

/**
 * Copy throughput in MB/s for a migration. Stable is throttled to a fixed share of the peak
 * bandwidth whatever the load; high-speed takes most of it, but once produce traffic passes half
 * of the bandwidth the copy competes with it and slows quadratically, to below stable speed
 * under heavy load (documented failure cause 2).
 */
export function copyRateMBps(mode: UpgradeMode, bandwidthMBps: number, produceMBps: number): number {
  const m = MIGRATION_MODEL;
  if (mode === 'stable') return m.stableShare * bandwidthMBps;
  const load = Math.min(1, Math.max(0, produceMBps / bandwidthMBps));
  const headroom = (1 - load) / (1 - m.highSpeedContentionFrom);
  const factor = Math.min(1, Math.max(m.highSpeedMinFactor, headroom * headroom));
  return m.highSpeedShare * bandwidthMBps * factor;
}

/** Whether the instance's MaxMessageByte stalls a migration's copy (failure cause 3). */
export function stallsMigration(maxMessageBytes: number): boolean {
  return maxMessageBytes > MIGRATION_MODEL.newBrokerMaxMessageBytes;
}

/**
 * The duration of a spec change in seconds, if nothing changes while it runs (no stall, constant
 * traffic). Used by tests and docs; the engine integrates progress step by step instead.
 */
export function estimateChangeSeconds(options: {
  readonly migrate: boolean;
  readonly mode: UpgradeMode;
  readonly bandwidthMBps: number;
  readonly produceMBps: number;
  readonly dataBytes: number;
}): number {
  const m = MIGRATION_MODEL;
  if (!options.migrate) return m.quotaChangeSeconds;
  const rate = copyRateMBps(options.mode, options.bandwidthMBps, options.produceMBps) * BYTES_PER_MB;
  return m.provisionSeconds + options.dataBytes / rate + m.switchSeconds;
}

/** The capacity of a cluster rebuilt for `target`: the headroom, rounded up to valid values. */
export function capacityAfterMigration(edition: Edition, target: SpecNumbers): { bandwidthMBps: number; diskGB: number } {
  const cat = CATALOG[edition];
  const wantBw = Math.ceil(target.bandwidthMBps * MIGRATION_MODEL.capacityHeadroom);
  const maxBw = cat.bandwidth[cat.bandwidth.length - 1]?.max ?? target.bandwidthMBps;
  const candidates = nearestBandwidths(edition, Math.min(wantBw, maxBw));
  const bw = Math.max(target.bandwidthMBps, candidates[candidates.length - 1] ?? target.bandwidthMBps);
  const disk = Math.min(cat.disk.max, Math.ceil((target.diskGB * MIGRATION_MODEL.capacityHeadroom) / cat.disk.step) * cat.disk.step);
  return { bandwidthMBps: bw, diskGB: Math.max(disk, target.diskGB) };
}
