/**
 * Time in the domain core: creations and deletions finish, scheduled tasks start when due, and
 * running tasks move through their phases (quota, or provision, copy and switch when data
 * migrates) at the rates of the migration model.
 */
import type { UpgradeMode } from '../../../spec/types';
import { BYTES_PER_MB, MIGRATION_MODEL, capacityAfterMigration, copyRateMBps, needsMigration, stallsMigration } from '../migration-model';
import { drawInt } from '../_seeded-random';
import type { EmulatorState, Faults, InstanceState, PendingTaskState, SpecValuesState, TaskState } from '../state-schema';
import { MS, iso, msOf } from './_iso-time';
import { dataBytesOf, editionOf, specOf } from './instance-lookups';

/**
 * What time moves: the instances and the zones' disk stock, and the seed that new ports are
 * drawn from. The rest of the state (ledger, counters, calls, faults) reads the same at any time,
 * so a reader of those parts need not advance anything.
 */
export type TimedState = Pick<EmulatorState, TimedPart> & { readonly faults: Readonly<Pick<Faults, 'seed'>> };

/** The parts of the state that {@link advanceState} changes. */
export const TIMED_PARTS = ['instances', 'zones'] as const;
/** One of {@link TIMED_PARTS}. */
export type TimedPart = (typeof TIMED_PARTS)[number];

/**
 * Moves the state to virtual time `now`: finishes creations and deletions, starts scheduled
 * tasks that are due, and advances running tasks through their phases. Idempotent for a given
 * `now`; time never moves backwards (a `now` earlier than a task's progress is ignored).
 * Instances move independently: an instance advanced in a state that holds it alone (with the
 * zones) ends as it would among all the others.
 */
export function advanceState(state: TimedState, now: Date): void {
  const nowMs = now.getTime();
  const removed: InstanceState[] = [];
  for (const inst of state.instances) {
    if (inst.status === 0 && msOf(inst.createTime) + MIGRATION_MODEL.createSeconds * MS <= nowMs) {
      inst.status = 1;
      inst.statusSince = iso(msOf(inst.createTime) + MIGRATION_MODEL.createSeconds * MS);
    }
    if (inst.pendingTask !== null && inst.task === null && inst.status === 1 && msOf(inst.pendingTask.rebalanceAt) <= nowMs) {
      startPendingTask(inst, inst.pendingTask);
    }
    if (inst.task !== null) advanceTask(state, inst, inst.task, nowMs);
    if (inst.status === 2 && msOf(inst.statusSince) + MIGRATION_MODEL.deleteSeconds * MS <= nowMs) removed.push(inst);
  }
  for (const inst of removed) {
    const zone = state.zones.find((z) => z.zoneId === inst.zoneId);
    if (zone !== undefined) zone.diskStockGB += inst.diskGB;
    state.instances.splice(state.instances.indexOf(inst), 1);
  }
}

function startPendingTask(inst: InstanceState, pending: PendingTaskState): void {
  const at = msOf(pending.rebalanceAt);
  const current = specOf(inst);
  const migrate = needsMigration(inst.capacity, current, pending.target);
  inst.task = newTask(pending.action, pending.requestId ?? 'console', current, pending.target, pending.mode, migrate, at, dataBytesOf(inst));
  inst.pendingTask = null;
  // The API keeps showing the time after the task ran (the documented listing's past RebalanceTime).
  inst.lastRebalanceAt = pending.rebalanceAt;
  inst.status = 7;
  inst.statusSince = iso(at);
}

/** A task that starts at `atMs`: migrating ones go through provision, copy and switch, others only change the quota. */
export function newTask(
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

function advanceTask(state: TimedState, inst: InstanceState, task: TaskState, nowMs: number): void {
  const m = MIGRATION_MODEL;
  // Each phase either ends before `now` (and the loop carries on from its end) or is still
  // running at `now`. Rates depend on state that only changes between calls, so they are
  // constant over each stretch integrated here.
  for (;;) {
    const updated = msOf(task.updatedAt);
    const phaseStart = msOf(task.phaseStartedAt);
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

function completeTask(state: TimedState, inst: InstanceState, task: TaskState, endMs: number): void {
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
