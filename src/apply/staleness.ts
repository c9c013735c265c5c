/**
 * Whether what runs is still what a plan (or a recorded state) was made against: pure rules over
 * an observed instance, shared by apply's decisions and the Pulumi provider's update and diff.
 */
import { describeDrift, sameSpec } from '../plan/spec-changes';
import { fingerprintObserved } from '../plan/fingerprint-observed';
import type { PlannedInstance, RetimeStep } from '../plan/types';
import { specOfObserved, type ObservedInstance, type ObservedSpec } from '../spec/observed';
import { SPEC_FIELDS } from '../spec/types';
import { scheduleGate } from './schedule-gate';

/** What a reviewer or a recorded state saw of an instance: its spec and billing, when known. */
export interface SeenBefore {
  readonly spec: ObservedSpec | null | undefined;
  readonly chargeType: string | null | undefined;
}

/**
 * Why the spec or billing an instance runs differs from what was seen before (`when` words the
 * moment: "when planned"), or `undefined`. Unknown values are not compared.
 */
export function driftFrom(before: SeenBefore, o: ObservedInstance, when: string): string | undefined {
  const now = specOfObserved(o);
  if (before.spec !== null && before.spec !== undefined && now !== undefined && !sameSpec(before.spec, now)) return describeDrift(before.spec, now, when);
  if (before.chargeType !== null && before.chargeType !== undefined && before.chargeType !== o.chargeType) return `its billing changed from ${before.chargeType} to ${o.chargeType}`;
  return undefined;
}

/** The plan's re-time of a task scheduled in the cloud, if it has one. */
export function retimeStepOf(p: PlannedInstance): RetimeStep | undefined {
  return p.steps.find((s): s is RetimeStep => s.kind === 'retime');
}

/**
 * Whether a task scheduled in the cloud at `at` is the one this plan scheduled: the reviewed
 * re-time, or (when that time had passed inside an open window) a re-time inside the window.
 */
export function scheduledByThisPlan(p: PlannedInstance, at: string): boolean {
  const retime = retimeStepOf(p);
  if (retime === undefined) return false;
  const atMs = Date.parse(at);
  if (atMs === Date.parse(retime.at)) return true;
  return p.schedule.kind === 'window' && p.schedule.window !== undefined && scheduleGate(p.schedule, new Date(atMs)).due;
}

/**
 * Whether the instance is part-way between the planned spec and the target: every field at one
 * or the other, and not all at either. Upgrading, that is this change in flight; running, it
 * ended short of the target (or someone else moved part of it), which the plan cannot fix.
 */
export function partWay(p: PlannedInstance, o: ObservedInstance): boolean {
  const planned = p.observed.spec;
  const now = specOfObserved(o);
  if (planned === null || now === undefined || sameSpec(planned, now) || sameSpec(p.target, now)) return false;
  return SPEC_FIELDS.every((f) => now[f] === planned[f] || now[f] === p.target[f]);
}

/** Why an instance's observed state no longer matches what the plan was made against, or `undefined`. */
export function staleness(p: PlannedInstance, o: ObservedInstance): string | undefined {
  // The instance the reviewer saw, by name too: a rename is a reason to look again, and for an
  // instance declared by name it is the reviewed identity.
  if (p.observed.name !== null && p.observed.name !== o.name) return `its name changed from ${JSON.stringify(p.observed.name)} to ${JSON.stringify(o.name)}`;
  const drift = driftFrom(p.observed, o, 'when planned');
  if (drift !== undefined) return drift;
  const plannedAt = p.observed.rebalanceAt ?? undefined;
  if (plannedAt !== o.rebalanceAt) {
    // This plan's own doing: it re-timed the task (applying it again must stay safe), or the task
    // it waits for has started (the caller follows it).
    const ours = o.rebalanceAt !== undefined ? scheduledByThisPlan(p, o.rebalanceAt) : plannedAt !== undefined && o.status === 'upgrading';
    if (!ours)
      return o.rebalanceAt === undefined
        ? `the task scheduled in the cloud for ${plannedAt} is gone`
        : `a task is now scheduled in the cloud for ${o.rebalanceAt}${plannedAt ? ` (was ${plannedAt})` : ''}`;
  }
  // What the fingerprint covers beyond the above (instance type, disk type): compared with the
  // scheduled task taken as planned, which was judged just above.
  if (p.fingerprint !== '' && fingerprintObserved({ ...o, ...(plannedAt === undefined ? { rebalanceAt: undefined } : { rebalanceAt: plannedAt }) }) !== p.fingerprint)
    return `its type, disk type or storage changed since the plan (now ${o.instanceType}, ${o.diskType}${o.diskGB === null ? ', elastic storage' : ''})`;
  return undefined;
}
