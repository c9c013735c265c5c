/**
 * Whether a change migrates data, in which mode, and roughly how long it takes. The duration is
 * always an estimate and says so in `basis`.
 */
import { effectiveMode, type CloudCapabilities, type InstanceFacts, type ObservedInstance } from '../spec/observed';
import type { UpgradeMode } from '../spec/types';
import { formatDuration, formatNumber } from './words';
import type { PlanMigration } from './types';

/**
 * The duration model used when the cloud gives no estimate of its own.
 *
 * seconds = dataGB × 1024 / (current bandwidth × share of the mode) + overhead
 *
 * Not calibrated: the only public figure is the tccli example of DescribeModifyType (stable
 * estimate `MigrateCostTime` 17,066 s, in seconds per the older SDKs' 迁移预计耗时(稳定模式)秒), and
 * its BandWidth 320 and DiskSize 1000 are the *target* spec (SDK: 升配后的带宽 / 升配后的磁盘), with
 * BandWidth in an unconfirmed unit; the example gives neither the data held nor the current
 * bandwidth, which this model needs. The shares below are assumptions, and the basis says so.
 */
export const ESTIMATE_MODEL = {
  /** MB in a GB, as CKafka counts disk. */
  mbPerGB: 1024,
  /**
   * Share of the current peak bandwidth a stable migration moves data at. Stable mode throttles
   * migration to keep bandwidth for producers and consumers. ASSUMED: the cloud does not publish
   * its throttle.
   */
  stableShare: 0.2,
  /**
   * Share of the current peak bandwidth a high-speed (unthrottled) migration reaches. ASSUMED:
   * not 100%, because traffic keeps running and replication competes with it.
   */
  highSpeedShare: 0.8,
  /**
   * Fixed time on top of the copy: brokers restart one by one and migration also upgrades the
   * kernel to the latest minor version (about 5 min per node for the package, per the docs).
   */
  overheadSeconds: 600,
  /** A change without migration: the cloud raises the quota in minutes. */
  quotaOnlySeconds: 300,
} as const;

/** The model's seconds to move `dataGB` at an instance's current bandwidth in `mode`. */
export function estimateMigrationSeconds(dataGB: number, bandwidthMBps: number, mode: UpgradeMode): number {
  const share = mode === 'high-speed' ? ESTIMATE_MODEL.highSpeedShare : ESTIMATE_MODEL.stableShare;
  return Math.round((dataGB * ESTIMATE_MODEL.mbPerGB) / (bandwidthMBps * share) + ESTIMATE_MODEL.overheadSeconds);
}

/** What {@link estimateMigration} needs to know. */
export interface MigrationInput {
  /** The instance as it runs: its bandwidth sets the migration speed, its disk bounds the data. */
  readonly observed: ObservedInstance;
  /** The mode the declaration asks for. */
  readonly declaredMode: UpgradeMode;
  readonly capabilities: CloudCapabilities;
  /** Facts gathered for the instance: the cloud's migration assessment and the data held. */
  readonly facts?: InstanceFacts;
  /**
   * The change converts the edition in the console, which decides about migration itself.
   * @default false - the cloud's migration assessment applies
   */
  readonly conversion?: boolean;
}

/**
 * The migration of a change: `required` is the cloud's answer (DescribeModifyType), `null`
 * when it could not be asked or the console decides. `null` is planned like `true` (the safe
 * side): it gets a mode, an estimate, a schedule and the migration checks, and `basis` says so.
 * The mode is the one the cloud will use (see `effectiveMode`): prepaid changes cannot select it.
 */
export function estimateMigration(input: MigrationInput): PlanMigration {
  const { observed, facts, capabilities } = input;
  const { mode, selectable } = effectiveMode(input.declaredMode, observed.chargeType, capabilities);
  const assessment = input.conversion === true ? undefined : facts?.migration;
  const required = assessment?.required ?? null;
  if (required === false) {
    return {
      required: false,
      estimatedSeconds: ESTIMATE_MODEL.quotaOnlySeconds,
      mode: null,
      modeSelectable: selectable,
      basis: `estimate: no data migrates, so the cloud raises the quota in minutes (about ${formatDuration(ESTIMATE_MODEL.quotaOnlySeconds)})`,
    };
  }

  const parts: string[] = [];
  if (assessment?.note !== undefined) parts.push(assessment.note);
  if (input.conversion === true) {
    parts.push('the console decides whether an edition conversion migrates data; planned as if it does (the safe side)');
  } else if (required === null) {
    const error = facts?.errors?.find((e) => e.what === 'migration');
    parts.push(
      error === undefined
        ? 'whether data migrates was not assessed; planned as if it does (the safe side)'
        : `the cloud could not say whether data migrates (${error.code}: ${error.message}); planned as if it does (the safe side)`,
    );
  }

  let seconds: number | null;
  const cloud = capabilities.migrationEstimates ? assessment?.cloudEstimateSeconds : undefined;
  const cloudSeconds = mode === 'high-speed' ? cloud?.highSpeed : cloud?.stable;
  if (cloudSeconds !== undefined) {
    seconds = Math.round(cloudSeconds);
    parts.push(`estimate from the cloud (DescribeModifyType) for ${mode} mode: ${formatDuration(seconds)}`);
  } else if (observed.bandwidthMBps > 0 && (facts?.preflight?.diskUsedGB !== undefined || observed.diskGB !== null)) {
    const used = facts?.preflight?.diskUsedGB;
    const dataGB = used ?? observed.diskGB ?? 0;
    const share = mode === 'high-speed' ? ESTIMATE_MODEL.highSpeedShare : ESTIMATE_MODEL.stableShare;
    seconds = estimateMigrationSeconds(dataGB, observed.bandwidthMBps, mode);
    const data = used === undefined ? `estimate (upper bound: usage not observed): the whole ${formatNumber(dataGB)} GB disk` : `estimate: ${formatNumber(dataGB)} GB of data held`;
    parts.push(
      `${data} moved at ${formatNumber(Math.round(observed.bandwidthMBps * share * 100) / 100)} MB/s ` +
        `(an assumed ${Math.round(share * 100)}% of the current ${formatNumber(observed.bandwidthMBps)} MB/s in ${mode} mode) ` +
        `plus ${formatDuration(ESTIMATE_MODEL.overheadSeconds)} for broker restarts and the kernel minor upgrade: ${formatDuration(seconds)}`,
    );
  } else {
    seconds = null;
    parts.push(observed.bandwidthMBps > 0 ? 'no estimate: the data held was not observed, and elastic storage has no disk size to bound it' : 'no estimate: the current bandwidth is not known');
  }
  if (!selectable) parts.push(`${observed.chargeType === 'PREPAID' ? 'prepaid' : 'this instance'}: the mode cannot be selected, the cloud's default applies (assumed stable)`);
  return { required, estimatedSeconds: seconds, mode, modeSelectable: selectable, basis: parts.join('; ') };
}
