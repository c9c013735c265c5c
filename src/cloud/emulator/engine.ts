/**
 * The domain core of the emulator: a state machine over {@link EmulatorState} in natural units
 * (MB/s, GB, bytes, virtual time). The wire layer (actions.ts) converts the API's units around it;
 * nothing else calls it but the emulator's own tools (seeding, console-scheduled changes).
 *
 * Every operation takes the state and a context (virtual `now`, request id) and either mutates
 * the state or throws an {@link ApiError} with the code the real API uses, before mutating
 * anything. Time only moves through {@link advanceState}.
 */
import {
  ADDON_PRICES,
  CATALOG,
  editionFromInstanceType,
  isValidBandwidth,
  listPrice,
  minDiskGB,
  minPartitions,
  nearestBandwidths,
  nearestSteps,
  roundMoney,
  standardTypeFor,
} from '../../spec/catalog';
import type { ChargeType, Edition, UpgradeMode } from '../../spec/types';
import { maxMessageBytesInRange } from '../../spec/rules/provisioning-rules';
import { checkCreation } from '../../spec/validate-provisioning';
import { ApiError, refuseByRules } from './api-error';
import {
  BYTES_PER_GB,
  BYTES_PER_MB,
  MIGRATION_MODEL,
  capacityAfterMigration,
  copyRateMBps,
  needsMigration,
  stallsMigration,
  type SpecNumbers,
} from './migration-model';
import { drawId, drawInt } from './_seeded-random';
import type { EmulatorState, Faults, InstanceState, PendingTaskState, SpecValuesState, TaskState, TopicState } from './state-schema';

/** What every operation knows about the call it serves. */
export interface OpContext {
  /** Virtual time of the call. */
  readonly now: Date;
  readonly requestId: string;
  /** The region the call was made in (`X-TC-Region`); the emulator holds one region. */
  readonly region: string;
  /** The fault settings in effect for the call (the state's, with any overrides of this process). @default the state's */
  readonly faults?: Faults;
}

/** The write actions that change a spec. */
export type SpecChangeAction = 'ModifyInstancePre' | 'InstanceScalingDown';

const MS = 1000;

function iso(ms: number): string {
  return new Date(Math.ceil(ms)).toISOString();
}

function t(isoTime: string): number {
  return Date.parse(isoTime);
}

// ---------------------------------------------------------------------------------------------
// Lookups
// ---------------------------------------------------------------------------------------------

/** The instances visible in `region`: the emulator holds one region, others are empty. */
export function instancesIn(state: EmulatorState, region: string): InstanceState[] {
  return state.region === region ? state.instances : [];
}

/** An instance by id, or `undefined`. */
export function findInstance(state: EmulatorState, region: string, instanceId: string): InstanceState | undefined {
  return instancesIn(state, region).find((i) => i.instanceId === instanceId);
}

/** An instance by id, or `InvalidParameterValue.InstanceNotExist`. */
export function requireInstance(state: EmulatorState, region: string, instanceId: string): InstanceState {
  const found = findInstance(state, region, instanceId);
  if (found === undefined) {
    throw new ApiError(
      'InvalidParameterValue.InstanceNotExist',
      `instance ${instanceId} does not exist in region ${region}; check the id with DescribeInstancesDetail`,
    );
  }
  return found;
}

/** The edition of an instance, or `undefined` for types ckafka-iac does not manage. */
export function editionOf(instance: InstanceState): Edition | undefined {
  return editionFromInstanceType(instance.instanceType);
}

/** Topics that exist (not deleted). */
export function liveTopics(instance: InstanceState): TopicState[] {
  return instance.topics.filter((tp) => tp.status !== 1);
}

/** Partitions in use, replicas included (`PartitionNumber`): the instance limit counts replicas. */
export function partitionsInUse(instance: InstanceState): number {
  return liveTopics(instance).reduce((n, tp) => n + tp.partitions * tp.replicas, 0);
}

/** Data held in bytes, replicas included. */
export function dataBytesOf(instance: InstanceState): number {
  return liveTopics(instance).reduce((n, tp) => n + tp.dataBytes, 0);
}

/** The topic limit: a Standard type's fixed number, else half the partitions (as real instances report). */
export function maxTopicNumber(instance: InstanceState): number {
  if (editionOf(instance) === 'standard') return standardTypeFor(instance.bandwidthMBps)?.topics ?? Math.floor(instance.partitions / 2);
  return Math.floor(instance.partitions / 2);
}

/** Produce traffic by topic in MB/s: the instance's traffic shared by data held (equally when empty). */
export function produceByTopic(instance: InstanceState): Map<string, number> {
  const topics = liveTopics(instance);
  const total = topics.reduce((n, tp) => n + tp.dataBytes, 0);
  const out = new Map<string, number>();
  for (const tp of topics) {
    const share = total > 0 ? tp.dataBytes / total : 1 / topics.length;
    out.set(tp.name, instance.produceMBps * share);
  }
  return out;
}

/** The broker count the emulator reports (replica placement, broker IPs): three, plus one per 200 MB/s of capacity. */
export function brokerCount(instance: InstanceState): number {
  return Math.max(3, Math.ceil(instance.capacity.bandwidthMBps / 200));
}

// ---------------------------------------------------------------------------------------------
// Time
// ---------------------------------------------------------------------------------------------

/**
 * Moves the state to virtual time `now`: finishes creations and deletions, starts scheduled
 * tasks that are due, and advances running tasks through their phases. Idempotent for a given
 * `now`; time never moves backwards (a `now` earlier than a task's progress is ignored).
 */
export function advanceState(state: EmulatorState, now: Date): void {
  const nowMs = now.getTime();
  const removed: InstanceState[] = [];
  for (const inst of state.instances) {
    if (inst.status === 0 && t(inst.createTime) + MIGRATION_MODEL.createSeconds * MS <= nowMs) {
      inst.status = 1;
      inst.statusSince = iso(t(inst.createTime) + MIGRATION_MODEL.createSeconds * MS);
    }
    if (inst.pendingTask !== null && inst.task === null && inst.status === 1 && t(inst.pendingTask.rebalanceAt) <= nowMs) {
      startPendingTask(inst, inst.pendingTask);
    }
    if (inst.task !== null) advanceTask(state, inst, inst.task, nowMs);
    if (inst.status === 2 && t(inst.statusSince) + MIGRATION_MODEL.deleteSeconds * MS <= nowMs) removed.push(inst);
  }
  for (const inst of removed) {
    const zone = state.zones.find((z) => z.zoneId === inst.zoneId);
    if (zone !== undefined) zone.diskStockGB += inst.diskGB;
    state.instances.splice(state.instances.indexOf(inst), 1);
  }
}

function startPendingTask(inst: InstanceState, pending: PendingTaskState): void {
  const at = t(pending.rebalanceAt);
  const current = specOf(inst);
  const migrate = needsMigration(inst.capacity, current, pending.target);
  inst.task = newTask(pending.action, pending.requestId ?? 'console', current, pending.target, pending.mode, migrate, at, dataBytesOf(inst));
  inst.pendingTask = null;
  // The API keeps showing the time after the task ran (the documented listing's past RebalanceTime).
  inst.lastRebalanceAt = pending.rebalanceAt;
  inst.status = 7;
  inst.statusSince = iso(at);
}

function newTask(
  action: TaskState['action'],
  requestId: string,
  from: SpecValuesState,
  target: SpecValuesState,
  mode: UpgradeMode,
  migrate: boolean,
  atMs: number,
  dataBytes: number,
): TaskState {
  const at = iso(atMs);
  return {
    action,
    requestId,
    from: { ...from },
    target: { ...target },
    mode,
    migrate,
    phase: migrate ? 'provision' : 'quota',
    startedAt: at,
    phaseStartedAt: at,
    updatedAt: at,
    bytesTotal: migrate ? dataBytes : 0,
    bytesDone: 0,
  };
}

function advanceTask(state: EmulatorState, inst: InstanceState, task: TaskState, nowMs: number): void {
  const m = MIGRATION_MODEL;
  // Each phase either ends before `now` (and the loop carries on from its end) or is still
  // running at `now`. Rates depend on state that only changes between calls, so they are
  // constant over each stretch integrated here.
  for (;;) {
    const updated = t(task.updatedAt);
    const phaseStart = t(task.phaseStartedAt);
    switch (task.phase) {
      case 'quota': {
        const end = phaseStart + m.quotaChangeSeconds * MS;
        if (end > nowMs) return;
        return completeTask(state, inst, task, end);
      }
      case 'provision': {
        const end = phaseStart + m.provisionSeconds * MS;
        if (end > nowMs) return;
        task.phase = 'copy';
        task.phaseStartedAt = iso(end);
        task.updatedAt = iso(end);
        continue;
      }
      case 'copy': {
        const rate = stallsMigration(inst.maxMessageBytes) ? 0 : copyRateMBps(task.mode, inst.bandwidthMBps, inst.produceMBps) * BYTES_PER_MB;
        const remaining = task.bytesTotal - task.bytesDone;
        const end = remaining <= 0 ? updated : rate > 0 ? updated + (remaining / rate) * MS : Number.POSITIVE_INFINITY;
        if (end <= nowMs) {
          task.bytesDone = task.bytesTotal;
          task.phase = 'switch';
          task.phaseStartedAt = iso(end);
          task.updatedAt = iso(end);
          continue;
        }
        if (nowMs > updated) {
          task.bytesDone = Math.min(task.bytesTotal, task.bytesDone + (rate * (nowMs - updated)) / MS);
          task.updatedAt = iso(nowMs);
        }
        return;
      }
      case 'switch': {
        if (inst.failures.brokerAddressUpdateFails) {
          // Stuck (failure cause 4): time spent stuck does not count towards the switch.
          if (nowMs > updated) {
            task.phaseStartedAt = iso(phaseStart + (nowMs - updated));
            task.updatedAt = iso(nowMs);
          }
          return;
        }
        const end = phaseStart + m.switchSeconds * MS;
        if (end <= nowMs) return completeTask(state, inst, task, end);
        if (nowMs > updated) task.updatedAt = iso(nowMs);
        return;
      }
    }
  }
}

function completeTask(state: EmulatorState, inst: InstanceState, task: TaskState, endMs: number): void {
  inst.bandwidthMBps = task.target.bandwidthMBps;
  inst.diskGB = task.target.diskGB;
  inst.partitions = task.target.partitions;
  if (task.migrate) {
    const edition = editionOf(inst) ?? 'pro';
    const grown = capacityAfterMigration(edition, task.target);
    inst.capacity = { bandwidthMBps: Math.max(grown.bandwidthMBps, inst.capacity.bandwidthMBps), diskGB: Math.max(grown.diskGB, inst.capacity.diskGB) };
    inst.migrations += 1;
    // New brokers keep the addresses (VIPs) but listen on new ports: the doc warns ports may change.
    for (const route of inst.routes) route.vport = String(newPort(state.faults.seed, inst.instanceId, route.routeId, inst.migrations, route.vport));
    const zone = state.zones.find((z) => z.zoneId === inst.zoneId);
    if (zone !== undefined) zone.diskStockGB += task.from.diskGB;
  }
  inst.task = null;
  inst.status = 1;
  inst.statusSince = iso(endMs);
}

function newPort(seed: number, instanceId: string, routeId: number, generation: number, old: string): number {
  const port = 10000 + drawInt(seed, `vport:${instanceId}:${routeId}`, generation, 50000);
  return String(port) === old ? port + 1 : port;
}

// ---------------------------------------------------------------------------------------------
// Spec validation (shared by spec changes and creation)
// ---------------------------------------------------------------------------------------------

function specOf(inst: InstanceState): SpecValuesState {
  return { bandwidthMBps: inst.bandwidthMBps, diskGB: inst.diskGB, partitions: inst.partitions };
}

function describeBandwidths(edition: Edition): string {
  return CATALOG[edition].bandwidth
    .map((r) => (r.min === r.max ? `${r.min}` : `${r.min}–${r.max} in steps of ${r.step}`))
    .join(', ');
}

/**
 * Checks a target spec against the catalog: steps, tier minimums, maximums. A value equal to
 * the instance's current one (`current`) is not held to the step: running instances can hold
 * off-step values (the documented listing shows a Pro instance at 150 MB/s), and the step rule
 * applies to values being changed (ASSUMED for the write APIs; no source says what they answer).
 */
export function checkSpecValues(edition: Edition, target: SpecNumbers, current?: SpecNumbers): void {
  const cat = CATALOG[edition];
  const label = cat.label;
  const bw = target.bandwidthMBps;
  const kept = (field: keyof SpecNumbers): boolean => current !== undefined && current[field] === target[field];
  if (!isValidBandwidth(edition, bw) && !kept('bandwidthMBps')) {
    const min = cat.bandwidth[0]?.min ?? 0;
    const max = cat.bandwidth[cat.bandwidth.length - 1]?.max ?? 0;
    const why = bw < min ? `below the ${label} minimum of ${min}` : bw > max ? `above the ${label} maximum of ${max}` : 'not on a valid step';
    throw new ApiError(
      'InvalidParameterValue',
      `BandWidth ${bw} MB/s is ${why}; ${label} allows ${describeBandwidths(edition)} MB/s; nearest valid: ${nearestBandwidths(edition, bw).join(' or ')}`,
    );
  }
  const disk = target.diskGB;
  const diskMin = minDiskGB(edition, bw);
  if (disk % cat.disk.step !== 0 && !kept('diskGB')) {
    throw new ApiError('InvalidParameterValue', `DiskSize ${disk} GB is not a multiple of ${cat.disk.step}; use ${nearestSteps(disk, cat.disk.step).join(' or ')}`);
  }
  if (disk > cat.disk.max) throw new ApiError('InvalidParameterValue', `DiskSize ${disk} GB is above the maximum of ${cat.disk.max} GB`);
  if (disk < diskMin) {
    throw new ApiError('InvalidParameterValue', `DiskSize ${disk} GB is below the minimum of ${diskMin} GB for ${bw} MB/s on ${label}; use at least ${diskMin}`);
  }
  const parts = target.partitions;
  const partMin = minPartitions(edition, bw);
  if (parts % cat.partitions.step !== 0 && !kept('partitions')) {
    throw new ApiError('InvalidParameterValue', `Partition ${parts} is not a multiple of ${cat.partitions.step}; use ${nearestSteps(parts, cat.partitions.step).join(' or ')}`);
  }
  if (parts > cat.partitions.max) throw new ApiError('InvalidParameterValue', `Partition ${parts} is above the maximum of ${cat.partitions.max}`);
  if (parts < partMin) {
    throw new ApiError('InvalidParameterValue', `Partition ${parts} is below the minimum of ${partMin} for ${bw} MB/s on ${label}; use at least ${partMin}`);
  }
}

/** Checks a target against the running instance: decreases, data held, no-op. */
function checkChange(inst: InstanceState, edition: Edition, target: SpecNumbers): void {
  const current = specOf(inst);
  if (target.bandwidthMBps === current.bandwidthMBps && target.diskGB === current.diskGB && target.partitions === current.partitions) {
    throw new ApiError(
      'InvalidParameterValue',
      `the target spec equals the current spec of ${inst.instanceId} (${current.bandwidthMBps} MB/s, ${current.diskGB} GB, ${current.partitions} partitions); nothing to change`,
    );
  }
  if (target.partitions < current.partitions) {
    throw new ApiError('InvalidParameterValue', `Partition ${target.partitions} is below the current ${current.partitions}; partitions cannot be reduced`);
  }
  const down = target.bandwidthMBps < current.bandwidthMBps || target.diskGB < current.diskGB;
  if (down && !CATALOG[edition].capabilities.scaleDown) {
    throw new ApiError('FailedOperation', `${CATALOG[edition].label} instances cannot lower bandwidth or disk; only Pro supports a spec downgrade`);
  }
  // ASSUMED: the cloud refuses a disk smaller than the data held.
  const usedGB = Math.ceil(dataBytesOf(inst) / BYTES_PER_GB);
  if (target.diskGB < usedGB) {
    throw new ApiError('InvalidParameterValue', `DiskSize ${target.diskGB} GB is below the ${usedGB} GB of data held by ${inst.instanceId}; delete data or choose a larger disk`);
  }
}

function checkEditionManaged(inst: InstanceState): Edition {
  const edition = editionOf(inst);
  if (edition === undefined) throw new ApiError('FailedOperation', `instance type ${inst.instanceType} does not support this spec change`);
  if (!CATALOG[edition].capabilities.specUpgrade) {
    throw new ApiError(
      'FailedOperation',
      `${inst.instanceId} is a Standard edition instance: its spec cannot be changed by API; convert it to Pro or Advanced in the console (Instance list > Upgrade)`,
    );
  }
  return edition;
}

/**
 * Refuses new brokers in a zone that is sold out or short of disk, with `code`: the spec-change
 * actions list neither ResourcesSoldOut nor ResourceInsufficient (their Go SDK error lists), so
 * they answer FailedOperation; CreateInstancePre lists ResourceInsufficient.
 */
function checkZoneStock(state: EmulatorState, zoneId: number, needGB: number, code: 'FailedOperation' | 'ResourceInsufficient' = 'FailedOperation'): void {
  const zone = state.zones.find((z) => z.zoneId === zoneId);
  if (zone === undefined) return;
  if (zone.soldOut) throw new ApiError(code, `zone ${zone.name} (${zone.zoneId}) is sold out; no new brokers can be created there`);
  if (zone.diskStockGB < needGB) {
    throw new ApiError(
      code,
      `zone ${zone.name} (${zone.zoneId}) has ${zone.diskStockGB} GB of disk stock, the new brokers need ${needGB} GB; try a smaller disk, later, or open a ticket`,
    );
  }
}

function reserveZoneStock(state: EmulatorState, zoneId: number, gb: number): void {
  const zone = state.zones.find((z) => z.zoneId === zoneId);
  if (zone !== undefined) zone.diskStockGB = Math.max(0, zone.diskStockGB - gb);
}

// ---------------------------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------------------------

/** Records an accepted write in the ledger. */
export function recordSubmission(state: EmulatorState, ctx: OpContext, action: string, instanceId: string | null, params: Record<string, unknown>): void {
  state.submissions.push({ at: ctx.now.toISOString(), action, instanceId, params: { ...params }, requestId: ctx.requestId });
}

function nextDealName(state: EmulatorState, now: Date): string {
  state.counters.deals += 1;
  const beijing = new Date(now.getTime() + 8 * 3600 * MS).toISOString();
  return `${beijing.slice(0, 10).replace(/-/g, '')}${String(state.counters.deals).padStart(8, '0')}`;
}

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

/** ModifyInstanceAttributes input, natural units. */
export interface AttributesInput {
  readonly instanceId: string;
  /** Re-times the scheduled task; future times only. */
  readonly rebalanceAt?: Date;
  /** Exclusive range (1024, 12582912): the shared rule `maxMessageBytesInRange`. */
  readonly maxMessageBytes?: number;
  readonly instanceName?: string;
  /** Minutes, 1 to 90 days. */
  readonly msgRetentionMinutes?: number;
  /** Mbps, 3–999, Pro only. */
  readonly publicNetworkMbps?: number;
  /** Attributes the API accepts that the emulator validates but does not model, by wire name. */
  readonly other?: Readonly<Record<string, unknown>>;
}

/** ModifyInstanceAttributes. Returns whether any attribute was given (the API says `ok[no param set]` otherwise). */
export function modifyInstanceAttributes(state: EmulatorState, ctx: OpContext, input: AttributesInput): { anySet: boolean } {
  const inst = requireInstance(state, ctx.region, input.instanceId);
  if (inst.status === 2) throw new ApiError('UnsupportedOperation', `${inst.instanceId} is being deleted`);
  if (input.maxMessageBytes !== undefined) refuseByRules(maxMessageBytesInRange({ creating: false, maxMessageBytes: input.maxMessageBytes }));
  if (input.instanceName !== undefined && (input.instanceName.length === 0 || input.instanceName.length > 128)) {
    throw new ApiError('InvalidParameterValue', `InstanceName must be 1 to 128 characters, got ${input.instanceName.length}`);
  }
  if (input.msgRetentionMinutes !== undefined && !(input.msgRetentionMinutes >= 1 && input.msgRetentionMinutes <= 90 * 24 * 60)) {
    throw new ApiError('InvalidParameterValue', `MsgRetentionTime ${input.msgRetentionMinutes} minutes is out of range: 1 to 129600 (90 days)`);
  }
  if (input.publicNetworkMbps !== undefined) {
    if (editionOf(inst) !== 'pro') throw new ApiError('UnsupportedOperation', 'PublicNetwork can only be set on Pro instances');
    if (!(input.publicNetworkMbps >= 3 && input.publicNetworkMbps <= 999)) {
      throw new ApiError('InvalidParameterValue', `PublicNetwork ${input.publicNetworkMbps} Mbps is out of range: 3 to 999`);
    }
  }
  if (input.rebalanceAt !== undefined) {
    if (inst.pendingTask === null) {
      throw new ApiError(
        'FailedOperation',
        inst.task !== null
          ? `${inst.instanceId} has no scheduled task to re-time: its change is already running`
          : `${inst.instanceId} has no scheduled upgrade task; RebalanceTime only moves a task scheduled in the console`,
      );
    }
    if (input.rebalanceAt.getTime() <= ctx.now.getTime()) {
      throw new ApiError('InvalidParameterValue', `RebalanceTime ${Math.floor(input.rebalanceAt.getTime() / MS)} (${input.rebalanceAt.toISOString()}) is not in the future; pass a later Unix time in seconds`);
    }
  }
  // Validation done; apply.
  if (input.maxMessageBytes !== undefined) inst.maxMessageBytes = input.maxMessageBytes;
  if (input.instanceName !== undefined) inst.name = input.instanceName;
  if (input.msgRetentionMinutes !== undefined) inst.msgRetentionMinutes = input.msgRetentionMinutes;
  if (input.publicNetworkMbps !== undefined) inst.publicNetworkMbps = input.publicNetworkMbps;
  if (input.rebalanceAt !== undefined && inst.pendingTask !== null) {
    inst.pendingTask.rebalanceAt = new Date(Math.floor(input.rebalanceAt.getTime() / MS) * MS).toISOString();
  }
  const params: Record<string, unknown> = { InstanceId: inst.instanceId, ...(input.other ?? {}) };
  if (input.rebalanceAt !== undefined) params.RebalanceTime = Math.floor(input.rebalanceAt.getTime() / MS);
  if (input.maxMessageBytes !== undefined) params.MaxMessageByte = input.maxMessageBytes;
  if (input.instanceName !== undefined) params.InstanceName = input.instanceName;
  if (input.msgRetentionMinutes !== undefined) params.MsgRetentionTime = input.msgRetentionMinutes;
  if (input.publicNetworkMbps !== undefined) params.PublicNetwork = input.publicNetworkMbps;
  const anySet = Object.keys(params).length > 1;
  recordSubmission(state, ctx, 'ModifyInstanceAttributes', inst.instanceId, params);
  return { anySet };
}

/** An instance to create, natural units. */
export interface CreateInput {
  readonly via: 'CreatePostPaidInstance' | 'CreateInstancePre';
  readonly name: string;
  readonly edition: Edition;
  readonly chargeType: ChargeType;
  readonly zoneId: number;
  readonly zoneIds?: readonly number[];
  /** `MultiZoneFlag`: `zoneIds` are the zones of a multi-zone instance. */
  readonly multiZone?: boolean;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly bandwidthMBps: number;
  readonly diskGB: number;
  readonly partitions: number;
  readonly diskType: string;
  readonly kafkaVersion: string;
  readonly msgRetentionMinutes: number;
  /** Prepaid: months bought. */
  readonly periodMonths?: number;
  readonly renewFlag?: 0 | 1 | 2;
  readonly instanceNum?: number;
  readonly publicNetworkMbps?: number;
  readonly tags?: ReadonlyArray<{ readonly key: string; readonly value: string }>;
  /** The request as sent, for the ledger. */
  readonly params: Readonly<Record<string, unknown>>;
}

/** CreatePostPaidInstance / CreateInstancePre. The instances start in status 0 (creating). */
export function createInstances(state: EmulatorState, ctx: OpContext, input: CreateInput): { instanceIds: string[]; dealNames: string[] } {
  // The rules every front end runs before a create (Pro only, billing, period, disk type, Kafka
  // version, network ids, the spec on the sale step), answered with the codes the actions list.
  refuseByRules(
    checkCreation({
      edition: input.edition,
      chargeType: input.chargeType,
      bandwidthMBps: input.bandwidthMBps,
      diskGB: input.diskGB,
      partitions: input.partitions,
      periodMonths: input.periodMonths,
      diskType: input.diskType,
      kafkaVersion: input.kafkaVersion,
      zoneId: input.zoneId,
      zoneIds: input.multiZone === true ? (input.zoneIds ?? []) : undefined,
      vpcId: input.vpcId,
      subnetId: input.subnetId,
    }),
  );
  if (input.name.length === 0 || input.name.length > 128) throw new ApiError('InvalidParameterValue', `InstanceName must be 1 to 128 characters, got ${input.name.length}`);
  const zones = state.region === ctx.region ? state.zones : [];
  const zone = zones.find((z) => z.zoneId === input.zoneId);
  if (zone === undefined) {
    throw new ApiError('InvalidParameterValue.ZoneNotSupport', `zone ${input.zoneId} is not a CKafka zone of ${ctx.region}; zones: ${zones.map((z) => z.zoneId).join(', ') || 'none'}`);
  }
  const zoneIds = input.zoneIds !== undefined && input.zoneIds.length > 0 ? [...input.zoneIds] : [input.zoneId];
  if (!zoneIds.includes(input.zoneId)) throw new ApiError('InvalidParameterValue', `ZoneIds ${JSON.stringify(zoneIds)} must include ZoneId ${input.zoneId}`);
  for (const z of zoneIds) if (!zones.some((x) => x.zoneId === z)) throw new ApiError('InvalidParameterValue.ZoneNotSupport', `zone ${z} is not a CKafka zone of ${ctx.region}`);
  const target = { bandwidthMBps: input.bandwidthMBps, diskGB: input.diskGB, partitions: input.partitions };
  const num = input.instanceNum ?? 1;
  if (!(Number.isInteger(num) && num >= 1 && num <= 20)) throw new ApiError('InvalidParameterValue', `InstanceNum ${num} is out of range: 1 to 20`);
  checkZoneStock(state, input.zoneId, input.diskGB * num, input.via === 'CreateInstancePre' ? 'ResourceInsufficient' : 'FailedOperation');
  reserveZoneStock(state, input.zoneId, input.diskGB * num);

  const now = ctx.now.toISOString();
  const instanceIds: string[] = [];
  const dealNames: string[] = [];
  for (let k = 0; k < num; k++) {
    let instanceId: string;
    do {
      state.counters.instances += 1;
      instanceId = `ckafka-${drawId(state.faults.seed, 'instance', state.counters.instances, 8)}`;
    } while (state.instances.some((i) => i.instanceId === instanceId));
    state.counters.routes += 1;
    const routeId = state.counters.routes;
    const expire =
      input.chargeType === 'PREPAID'
        ? new Date(Date.UTC(ctx.now.getUTCFullYear(), ctx.now.getUTCMonth() + (input.periodMonths ?? 1), ctx.now.getUTCDate(), ctx.now.getUTCHours(), ctx.now.getUTCMinutes(), ctx.now.getUTCSeconds())).toISOString()
        : null;
    state.instances.push({
      instanceId,
      // ASSUMED suffix format when several are bought at once.
      name: num === 1 ? input.name : `${input.name}-${k + 1}`,
      instanceType: CATALOG[input.edition].priceInstanceType,
      chargeType: input.chargeType,
      zoneId: input.zoneId,
      zoneIds,
      vpcId: input.vpcId,
      subnetId: input.subnetId,
      createTime: now,
      expireTime: expire,
      renewFlag: input.renewFlag ?? 0,
      status: 0,
      statusSince: now,
      healthy: 1,
      bandwidthMBps: input.bandwidthMBps,
      diskGB: input.diskGB,
      diskType: input.diskType,
      partitions: input.partitions,
      kafkaVersion: input.kafkaVersion,
      maxMessageBytes: MIGRATION_MODEL.newBrokerMaxMessageBytes,
      msgRetentionMinutes: input.msgRetentionMinutes,
      produceMBps: 0,
      publicNetworkMbps: input.publicNetworkMbps ?? 3,
      tags: (input.tags ?? []).map((x) => ({ key: x.key, value: x.value })),
      capacity: capacityAfterMigration(input.edition, target),
      routes: [
        {
          routeId,
          accessType: 0,
          vipType: 3,
          vip: `10.${drawInt(state.faults.seed, 'vip', routeId, 200) + 20}.${drawInt(state.faults.seed, 'vip2', routeId, 250) + 1}.${drawInt(state.faults.seed, 'vip3', routeId, 250) + 2}`,
          vport: '9092',
          status: 2,
          vpcId: input.vpcId,
          subnetId: input.subnetId,
        },
      ],
      topics: [],
      task: null,
      pendingTask: null,
      failures: { brokerAddressUpdateFails: false },
      migrations: 0,
    });
    instanceIds.push(instanceId);
    dealNames.push(nextDealName(state, ctx.now));
  }
  recordSubmission(state, ctx, input.via, instanceIds[0] ?? null, { ...input.params });
  return { instanceIds, dealNames };
}

/** DeleteInstancePost / DeleteInstancePre: status 2 (deleting), then gone. Returns the flow to poll. */
export function deleteInstance(state: EmulatorState, ctx: OpContext, instanceId: string, via: 'DeleteInstancePost' | 'DeleteInstancePre'): { flowId: number } {
  const inst = requireInstance(state, ctx.region, instanceId);
  if (via === 'DeleteInstancePost' && inst.chargeType !== 'POSTPAID_BY_HOUR') {
    throw new ApiError('InvalidParameterValue.WrongAction', `${instanceId} is prepaid: delete it with DeleteInstancePre`);
  }
  // DeleteInstancePre lists only FailedOperation and UnsupportedOperation (its Go SDK error list).
  if (via === 'DeleteInstancePre' && inst.chargeType !== 'PREPAID') {
    throw new ApiError('FailedOperation', `${instanceId} is postpaid: delete it with DeleteInstancePost`);
  }
  if (inst.status === 2) throw new ApiError('FailedOperation', `${instanceId} is already being deleted`);
  // The Terraform provider retries deletes on UnsupportedOperation: the cloud answers that while
  // an instance is busy.
  if (inst.status !== 1 && inst.status !== 5) {
    throw new ApiError('UnsupportedOperation', `${instanceId} is in status ${inst.status}; it can be deleted once running (1) or isolated (5)`);
  }
  inst.status = 2;
  inst.statusSince = ctx.now.toISOString();
  inst.pendingTask = null;
  state.counters.flows += 1;
  const flowId = state.counters.flows;
  state.flows.push({
    flowId,
    action: via,
    instanceId,
    startedAt: ctx.now.toISOString(),
    doneAt: new Date(ctx.now.getTime() + MIGRATION_MODEL.deleteSeconds * MS).toISOString(),
  });
  recordSubmission(state, ctx, via, instanceId, { InstanceId: instanceId });
  return { flowId };
}

/** DescribeTaskStatus: 0 success, 1 failed, 2 running. */
export function taskStatus(state: EmulatorState, flowId: number, now: Date): { status: 0 | 1 | 2; output: string } {
  if (flowId === 0) {
    throw new ApiError('InvalidParameterValue', 'FlowId 0 is what prepaid operations return and cannot be queried; poll the instance Status instead');
  }
  const flow = state.flows.find((f) => f.flowId === flowId);
  if (flow === undefined) throw new ApiError('InvalidParameterValue', `FlowId ${flowId} does not exist`);
  const done = t(flow.doneAt) <= now.getTime();
  return { status: done ? 0 : 2, output: done ? `${flow.action} ${flow.instanceId} done` : `${flow.action} ${flow.instanceId} in progress` };
}

// ---------------------------------------------------------------------------------------------
// Prices
// ---------------------------------------------------------------------------------------------

/** A list price split as InquireCkafkaPrice details it. */
export interface PriceBreakdown {
  readonly per: 'month' | 'hour';
  readonly currency: string;
  /** Total of one unit of time. */
  readonly unit: number;
  /** Bandwidth package (InstanceTypePrice). */
  readonly bandwidthPackage: number;
  readonly partitionAddon: number;
  readonly extraPartitions: number;
  readonly disk: number;
}

/** The catalog's list price of a spec, split; `undefined` when none is published. */
export function priceSpec(
  spec: { readonly edition: Edition; readonly bandwidthMBps: number; readonly diskGB: number; readonly partitions: number },
  chargeType: ChargeType,
  diskType: string,
): PriceBreakdown | undefined {
  const per = chargeType === 'PREPAID' ? 'month' : 'hour';
  const unit = listPrice(spec, per, diskType);
  if (unit === undefined) return undefined;
  const extraPartitions = Math.max(0, spec.partitions - minPartitions(spec.edition, spec.bandwidthMBps));
  const partitionUnit = per === 'month' ? ADDON_PRICES.partitionPer100.monthly : ADDON_PRICES.partitionPer100.hourly;
  const monthlyDisk = ADDON_PRICES.diskPer100GB.monthly;
  const diskUnit = per === 'month' ? (monthlyDisk[diskType] ?? monthlyDisk.CLOUD_BASIC ?? 0) : ADDON_PRICES.diskPer100GB.hourly;
  const partitionAddon = roundMoney((partitionUnit * extraPartitions) / 100);
  const disk = roundMoney((diskUnit * spec.diskGB) / 100);
  return { per, currency: ADDON_PRICES.currency, unit, bandwidthPackage: roundMoney(unit - partitionAddon - disk), partitionAddon, extraPartitions, disk };
}

// ---------------------------------------------------------------------------------------------
// Reads used by both fronts
// ---------------------------------------------------------------------------------------------

/** One partition's replica state, as DescribeTopicSyncReplica reports it. */
export interface PartitionReplicaRow {
  readonly partition: number;
  readonly leader: number;
  readonly replicas: number[];
  readonly inSync: number[];
  readonly outOfSync: number[];
  readonly beginOffset: number;
  readonly endOffset: number;
}

/** Replica placement and sync state of a topic's partitions (deterministic from the topic). */
export function partitionReplicaRows(instance: InstanceState, topic: TopicState): PartitionReplicaRow[] {
  const brokers = brokerCount(instance);
  const rows: PartitionReplicaRow[] = [];
  // ASSUMED average message size of 1 KiB to turn bytes into offsets.
  const perPartitionMessages = Math.floor(topic.dataBytes / topic.replicas / topic.partitions / 1024);
  for (let p = 0; p < topic.partitions; p++) {
    const replicas = Array.from({ length: topic.replicas }, (_, k) => ((p + k) % brokers) + 1);
    const bad = topic.outOfSyncPartitions.includes(p) && replicas.length > 1 ? [replicas[replicas.length - 1] as number] : [];
    rows.push({
      partition: p,
      leader: replicas[0] as number,
      replicas,
      inSync: replicas.filter((r) => !bad.includes(r)),
      outOfSync: bad,
      beginOffset: 0,
      endOffset: perPartitionMessages,
    });
  }
  return rows;
}

/** A topic by name, or `InvalidParameterValue` (DescribeTopicSyncReplica lists no ResourceNotFound). */
export function requireTopic(instance: InstanceState, name: string): TopicState {
  const topic = liveTopics(instance).find((tp) => tp.name === name);
  if (topic === undefined) throw new ApiError('InvalidParameterValue', `topic ${JSON.stringify(name)} does not exist in ${instance.instanceId}`);
  return topic;
}

/** Seconds of traffic between two instants, clipped to the instance's life and to `now`. */
export function trafficSeconds(instance: InstanceState, begin: Date, end: Date, now: Date): number {
  const from = Math.max(begin.getTime(), t(instance.createTime));
  const to = Math.min(end.getTime(), now.getTime());
  return Math.max(0, (to - from) / MS);
}

/** One topic of a flow ranking: its produce traffic over the range, in MB to two decimals (as the API reports it). */
export interface TopicFlowRow {
  readonly topic: TopicState;
  readonly trafficMB: number;
}

/** The live topics by traffic and by data held, as DescribeTopicFlowRanking lists them. */
export interface TopicFlowRanking {
  /** Most traffic first, then by name (`TopicFlow`). */
  readonly byTraffic: readonly TopicFlowRow[];
  /** Most data first, then by name (`TopicMessageHeap`). */
  readonly byHeap: readonly TopicState[];
}

/**
 * DescribeTopicFlowRanking's content for a range: each live topic's share of the produce traffic
 * over the part of the range the instance existed (an instance created during the range has
 * less traffic in it), and the data it holds. One function for the wire and the in-process
 * adapter, so both report the same numbers.
 */
export function topicFlowRanking(instance: InstanceState, begin: Date, end: Date, now: Date): TopicFlowRanking {
  const seconds = trafficSeconds(instance, begin, end, now);
  const flows = produceByTopic(instance);
  const topics = liveTopics(instance);
  const byTraffic = topics
    .map((topic) => ({ topic, trafficMB: Math.round((flows.get(topic.name) ?? 0) * seconds * 100) / 100 }))
    .sort((a, b) => b.trafficMB - a.trafficMB || a.topic.name.localeCompare(b.topic.name));
  const byHeap = [...topics].sort((a, b) => b.dataBytes - a.dataBytes || a.name.localeCompare(b.name));
  return { byTraffic, byHeap };
}
