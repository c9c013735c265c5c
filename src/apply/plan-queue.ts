/**
 * The queue of merged, reviewed plans that a scheduled GitOps job walks, so no merged plan is ever
 * lost: every plan stays pending until each of its instances is applied (done), has nothing to do
 * (unchanged), or is superseded by a plan merged later for the same instance. Pure: the entries
 * come in, decisions and updated records go out; reading and writing the queue is the front
 * end's (`ckafka queue`).
 *
 * The rule for one instance of a pending plan, in order:
 * 1. already settled (done, unchanged, superseded) by an earlier run: nothing to do;
 * 2. a plan merged later covers the same instance and does what the fleet files declare for it:
 *    superseded by the latest such plan (it is applied there, never twice);
 * 3. the fleet files no longer declare the instance: superseded by that change;
 * 4. nothing to submit for it (no change planned): unchanged;
 * 5. it does what the fleet files declare: apply it;
 * 6. otherwise the fleet files declare something no pending reviewed plan does: refused
 *    (`apply/plan-modified`) until a reviewed plan for it is merged, which supersedes this one.
 * The fleet files are the trusted branch's: a plan that departs from them is never applied.
 */
import type { Plan, PlannedInstance } from '../plan/types';
import type { Issue } from '../spec/issues';
import type { DesiredFleet } from '../spec/types';
import type { InstanceOutcome, InstanceResult } from './apply-types';
import { verifyPlanAgainstFleet } from './verify-plan-against-fleet';

/** How an instance of a queued plan stands: an apply outcome, or superseded by a later plan. */
export type QueueOutcome = InstanceOutcome | 'superseded';

/** Outcomes after which an instance of a queued plan needs nothing more. */
export const SETTLED_OUTCOMES: readonly QueueOutcome[] = ['done', 'unchanged', 'superseded'];

/** Outcomes that keep the scheduled job green: settled, or waiting for their time or the cloud. */
export const QUEUE_SUCCESS_OUTCOMES: readonly QueueOutcome[] = ['done', 'unchanged', 'superseded', 'deferred', 'scheduled', 'in-progress'];

/** What the queue remembers about one instance of a plan, between runs. */
export interface QueuedInstanceRecord {
  readonly instanceId: string | null;
  readonly outcome: QueueOutcome;
  readonly message: string;
  /** When this was recorded (cloud clock), ISO-8601. */
  readonly at: string;
  /** When this plan's change was submitted, for progress and ETA in later runs. */
  readonly submittedAt?: string;
  /** The key of the plan that superseded this one, or `fleet` when the fleet files dropped the instance. */
  readonly supersededBy?: string;
}

/** Where an entry is: waiting, or settled one way or the other. */
export type QueueState = 'pending' | 'applied' | 'superseded';

/** One merged plan in the queue. */
export interface QueueEntry {
  /** Orders the queue by merge: `<merged-at>-<id>`, e.g. `20260307T011000Z-pr42`. */
  readonly key: string;
  readonly state: QueueState;
  readonly plan: Plan;
  /** By instance name (unique in a plan). */
  readonly records: Readonly<Record<string, QueuedInstanceRecord>>;
}

/** What to do now with one instance of a pending plan. */
export type QueueDecision =
  | { readonly kind: 'settled' }
  | { readonly kind: 'superseded'; readonly by: string; readonly message: string }
  | { readonly kind: 'unchanged'; readonly message: string }
  | { readonly kind: 'apply' }
  | { readonly kind: 'refused'; readonly message: string; readonly issues: readonly Issue[] };

/** The same instance across plans: its id, or its name when it had none. */
function instanceKey(p: PlannedInstance): string {
  return p.instanceId ?? `name:${p.name}`;
}

function declared(p: PlannedInstance, fleet: DesiredFleet): boolean {
  return fleet.instances.some((d) => (d.instanceId !== undefined && d.instanceId === p.instanceId) || (d.instanceId === undefined && d.name === p.name));
}

/** The fleet files' objections to one instance of a plan; empty when it does what they declare. */
function objections(plan: Plan, p: PlannedInstance, fleet: DesiredFleet): Issue[] {
  return verifyPlanAgainstFleet({ ...plan, instances: [p] }, fleet);
}

/**
 * Decides, for every instance of every pending entry, what this run does. `entries` may come in
 * any order and in any state; settled entries count as later plans too (a plan applied earlier
 * still supersedes older ones).
 */
export function decideQueue(entries: readonly QueueEntry[], fleet: DesiredFleet): Map<string, Map<string, QueueDecision>> {
  const ordered = [...entries].sort((a, b) => a.key.localeCompare(b.key));
  const out = new Map<string, Map<string, QueueDecision>>();
  for (const [index, entry] of ordered.entries()) {
    if (entry.state !== 'pending') continue;
    const decisions = new Map<string, QueueDecision>();
    for (const p of entry.plan.instances) decisions.set(p.name, decideInstance(entry, p, ordered.slice(index + 1), fleet));
    out.set(entry.key, decisions);
  }
  return out;
}

function decideInstance(entry: QueueEntry, p: PlannedInstance, later: readonly QueueEntry[], fleet: DesiredFleet): QueueDecision {
  const record = entry.records[p.name];
  if (record !== undefined && SETTLED_OUTCOMES.includes(record.outcome)) return { kind: 'settled' };
  const key = instanceKey(p);
  const superseding = [...later].reverse().find((e) => e.plan.instances.some((q) => instanceKey(q) === key && declared(q, fleet) && objections(e.plan, q, fleet).length === 0));
  if (superseding !== undefined) return { kind: 'superseded', by: superseding.key, message: `superseded by ${superseding.key}, merged later, which does what the fleet files declare for it` };
  if (!declared(p, fleet)) return { kind: 'superseded', by: 'fleet', message: 'superseded: the fleet files no longer declare it' };
  if (p.action === 'none') return { kind: 'unchanged', message: 'no change planned' };
  const issues = objections(entry.plan, p, fleet);
  if (issues.length === 0) return { kind: 'apply' };
  return {
    kind: 'refused',
    message: `does not do what the fleet files declare, and no plan merged later does: ${issues.map((i) => i.message).join('; ')}`,
    issues: issues.map((i) => ({ ...i, hint: 'plan the fleet files as they are, review that plan and merge it: it supersedes this one' })),
  };
}

/** The records of an entry after this run: decisions taken without the cloud, then apply results. */
export function recordRun(
  entry: QueueEntry,
  decisions: ReadonlyMap<string, QueueDecision>,
  results: readonly InstanceResult[],
  at: Date,
): Record<string, QueuedInstanceRecord> {
  const records: Record<string, QueuedInstanceRecord> = { ...entry.records };
  const stamp = at.toISOString();
  for (const p of entry.plan.instances) {
    const decision = decisions.get(p.name);
    const previous = entry.records[p.name];
    // A submission recorded earlier keeps counting for progress, whatever this run saw.
    const submittedAt = previous?.submittedAt === undefined ? {} : { submittedAt: previous.submittedAt };
    if (decision === undefined || decision.kind === 'settled' || decision.kind === 'apply') continue;
    if (decision.kind === 'superseded') records[p.name] = { instanceId: p.instanceId, outcome: 'superseded', message: decision.message, at: stamp, supersededBy: decision.by, ...submittedAt };
    else if (decision.kind === 'unchanged') records[p.name] = { instanceId: p.instanceId, outcome: 'unchanged', message: decision.message, at: stamp, ...submittedAt };
    else records[p.name] = { instanceId: p.instanceId, outcome: 'refused', message: decision.message, at: stamp, ...submittedAt };
  }
  for (const r of results) {
    const previous = entry.records[r.name];
    const submittedAt = r.submitted?.at ?? previous?.submittedAt;
    records[r.name] = { instanceId: r.instanceId, outcome: r.outcome, message: r.message, at: stamp, ...(submittedAt === undefined ? {} : { submittedAt }) };
  }
  return records;
}

/** Where an entry goes once every instance is settled: applied, or superseded when any was; pending until then. */
export function stateAfter(entry: QueueEntry, records: Readonly<Record<string, QueuedInstanceRecord>>): QueueState {
  const all = entry.plan.instances.map((p) => records[p.name]?.outcome);
  if (!all.every((o) => o !== undefined && SETTLED_OUTCOMES.includes(o))) return 'pending';
  return all.includes('superseded') ? 'superseded' : 'applied';
}

/**
 * When changes still running were submitted, by instance id, from the records of pending plans:
 * a later run reports their progress and ETA, and knows a short result is this plan's.
 */
export function submissionsOf(entries: readonly QueueEntry[]): Map<string, Date> {
  const out = new Map<string, Date>();
  for (const e of entries) {
    if (e.state !== 'pending') continue;
    for (const r of Object.values(e.records)) {
      if (r.instanceId === null || r.submittedAt === undefined || SETTLED_OUTCOMES.includes(r.outcome)) continue;
      const at = new Date(r.submittedAt);
      const known = out.get(r.instanceId);
      if (known === undefined || known.getTime() < at.getTime()) out.set(r.instanceId, at);
    }
  }
  return out;
}
