/**
 * Spec changes: submitted through the API (ModifyInstancePre, InstanceScalingDown), assessed
 * (DescribeModifyType), or scheduled as the console does.
 */
import { CATALOG } from '../../../spec/catalog';
import type { Edition, UpgradeMode } from '../../../spec/types';
import { ApiError } from '../api-error';
import { needsMigration, type SpecNumbers } from '../migration-model';
import type { EmulatorState, SpecValuesState } from '../state-schema';
import { MS } from './_iso-time';
import { newTask } from './advance-state';
import { checkChange, checkEditionManaged, checkSpecValues } from './check-spec-change';
import { dataBytesOf, editionOf, requireInstance, specOf } from './instance-lookups';
import { nextDealName, recordSubmission } from './ledger';
import type { OpContext } from './op-context';
import { checkZoneStock, reserveZoneStock } from './zone-stock';

/** The write actions that change a spec. */
export type SpecChangeAction = 'ModifyInstancePre' | 'InstanceScalingDown';

/** A spec change as submitted (natural units); absent values keep the current ones. */
export interface SpecChangeInput {
  readonly instanceId: string;
  readonly via: SpecChangeAction;
  readonly bandwidthMBps?: number;
  readonly diskGB?: number;
  readonly partitions?: number;
  /** InstanceScalingDown only (`UpgradeStrategy`); ModifyInstancePre takes none. */
  readonly mode?: UpgradeMode;
}

/** What a submitted spec change turned into. */
export interface SpecChangeOutcome {
  readonly dealNames: string[];
  readonly migrate: boolean;
  readonly target: SpecValuesState;
  readonly mode: UpgradeMode;
}

/**
 * Submits a spec change: prepaid through ModifyInstancePre (no mode: ASSUMED stable, as the
 * console default), postpaid through InstanceScalingDown (mode required). It starts at once.
 */
export function submitSpecChange(state: EmulatorState, ctx: OpContext, input: SpecChangeInput): SpecChangeOutcome {
  const inst = requireInstance(state, ctx.region, input.instanceId);
  // ASSUMED: the wrong action for the charge type is refused with WrongAction (the code exists
  // for ModifyInstancePre; its exact trigger is not documented).
  if (input.via === 'ModifyInstancePre' && inst.chargeType !== 'PREPAID') {
    throw new ApiError('InvalidParameterValue.WrongAction', `${inst.instanceId} is postpaid (POSTPAID_BY_HOUR): change its spec with InstanceScalingDown, not ModifyInstancePre`);
  }
  // InstanceScalingDown lists no WrongAction (its Go SDK error list); InvalidParameterValue is a common code.
  if (input.via === 'InstanceScalingDown' && inst.chargeType !== 'POSTPAID_BY_HOUR') {
    throw new ApiError('InvalidParameterValue', `${inst.instanceId} is prepaid (PREPAID): change its spec with ModifyInstancePre, not InstanceScalingDown`);
  }
  const edition = checkEditionManaged(inst);
  // Neither spec-change action lists ResourceInUse (their Go SDK error lists): a busy instance is a FailedOperation.
  if (inst.status === 7 || inst.task !== null) {
    throw new ApiError('FailedOperation', `${inst.instanceId} is upgrading (status 7); wait until it is running (status 1) before another change`);
  }
  if (inst.pendingTask !== null) {
    throw new ApiError(
      'FailedOperation',
      `${inst.instanceId} has a spec change scheduled for ${inst.pendingTask.rebalanceAt}; let it run, or move it with ModifyInstanceAttributes.RebalanceTime`,
    );
  }
  if (inst.status !== 1) {
    throw new ApiError('FailedOperation', `${inst.instanceId} is in status ${inst.status}, not running (1); a spec change needs a running instance`);
  }
  if (input.bandwidthMBps === undefined && input.diskGB === undefined && input.partitions === undefined) {
    throw new ApiError('InvalidParameterValue', 'none of BandWidth, DiskSize and Partition was given; pass at least one');
  }
  if (inst.elasticStorage === true && input.diskGB !== undefined) {
    // ASSUMED: no source says what the API answers; the disk of elastic storage is not set by size.
    throw new ApiError('InvalidParameter', `${inst.instanceId} has elastic storage (DiskSize -1): its disk grows with use and takes no DiskSize; leave DiskSize out`);
  }
  const target: SpecValuesState = {
    bandwidthMBps: input.bandwidthMBps ?? inst.bandwidthMBps,
    diskGB: input.diskGB ?? inst.diskGB,
    partitions: input.partitions ?? inst.partitions,
  };
  checkSpecValues(edition, target, specOf(inst));
  checkChange(inst, edition, target);
  if (input.via === 'InstanceScalingDown' && (ctx.faults ?? state.faults).scalingDownRefusesIncreases === true && raises(specOf(inst), target)) {
    throw new ApiError(
      'FailedOperation',
      `InstanceScalingDown scales postpaid instances down only; ${inst.instanceId} would go up (injected fault scalingDownRefusesIncreases: whether the real API accepts increases is unconfirmed)`,
    );
  }
  const migrate = needsMigration(inst.capacity, specOf(inst), target);
  if (migrate) checkZoneStock(state, inst.zoneId, target.diskGB);

  const mode: UpgradeMode = input.via === 'InstanceScalingDown' ? (input.mode ?? 'stable') : 'stable';
  if (migrate) reserveZoneStock(state, inst.zoneId, target.diskGB);
  const nowMs = ctx.now.getTime();
  inst.task = newTask(input.via, ctx.requestId, specOf(inst), target, mode, migrate, nowMs, dataBytesOf(inst));
  inst.status = 7;
  inst.statusSince = ctx.now.toISOString();
  const dealNames = [nextDealName(state, ctx.now)];
  const params: Record<string, unknown> = { InstanceId: inst.instanceId };
  if (input.diskGB !== undefined) params.DiskSize = input.diskGB;
  if (input.bandwidthMBps !== undefined) params.BandWidth = input.bandwidthMBps;
  if (input.partitions !== undefined) params.Partition = input.partitions;
  if (input.via === 'InstanceScalingDown') params.UpgradeStrategy = mode === 'high-speed' ? 2 : 1;
  recordSubmission(state, ctx, input.via, inst.instanceId, params);
  return { dealNames, migrate, target, mode };
}

/** Whether `target` raises any of bandwidth, disk or partitions above `current`. */
function raises(current: SpecNumbers, target: SpecNumbers): boolean {
  return target.bandwidthMBps > current.bandwidthMBps || target.diskGB > current.diskGB || target.partitions > current.partitions;
}

/**
 * DescribeModifyType: whether a target migrates data. `modifyType` 0 in place, 1 migration
 * (ASSUMED meanings). `edition` is the target's edition (the request's `Type`): another edition
 * than the instance's is a conversion, which only the console does (`UnsupportedOperation`).
 * The target is not checked against the catalog (ASSUMED: an assessment, not an order; the write
 * checks it), so a question in either reading of the bandwidth unit gets an answer. A disk of
 * `null` (an elastic instance's DiskSize -1) keeps the current disk.
 */
export function assessSpecChange(
  state: EmulatorState,
  region: string,
  instanceId: string,
  target: { readonly bandwidthMBps: number; readonly diskGB: number | null; readonly partitions: number },
  edition?: Edition,
): { migrate: boolean; modifyType: number } {
  const inst = requireInstance(state, region, instanceId);
  const current = editionOf(inst);
  if (edition !== undefined && current !== undefined && edition !== current) {
    throw new ApiError(
      'UnsupportedOperation',
      `${instanceId} is ${CATALOG[current].label}; converting it to ${CATALOG[edition].label} is not possible by API (console only)`,
    );
  }
  const migrate = needsMigration(inst.capacity, specOf(inst), { ...target, diskGB: target.diskGB ?? inst.diskGB });
  return { migrate, modifyType: migrate ? 1 : 0 };
}

/**
 * Schedules a spec change for later, as the console does ("custom rebalance time"); the API has
 * no way to do this, so this is for seeds, tests and rehearsals. It starts when due.
 */
export function scheduleConsoleChange(
  state: EmulatorState,
  ctx: OpContext,
  input: { readonly instanceId: string; readonly target: SpecNumbers; readonly mode: UpgradeMode; readonly at: Date },
): void {
  const inst = requireInstance(state, ctx.region, input.instanceId);
  const edition = checkEditionManaged(inst);
  if (inst.task !== null || inst.pendingTask !== null) throw new ApiError('ResourceInUse', `${inst.instanceId} already has a change running or scheduled`);
  if (input.at.getTime() <= ctx.now.getTime()) throw new ApiError('InvalidParameterValue', `the rebalance time ${input.at.toISOString()} is not in the future`);
  const target = { ...input.target };
  checkSpecValues(edition, target, specOf(inst));
  checkChange(inst, edition, target);
  const migrate = needsMigration(inst.capacity, specOf(inst), target);
  if (migrate) {
    checkZoneStock(state, inst.zoneId, target.diskGB);
    reserveZoneStock(state, inst.zoneId, target.diskGB);
  }
  inst.pendingTask = { action: 'Console', requestId: ctx.requestId, target, mode: input.mode, rebalanceAt: new Date(Math.floor(input.at.getTime() / MS) * MS).toISOString() };
}
