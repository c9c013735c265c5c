/**
 * Applies a saved plan: exactly what was reviewed, or a refusal that says why. Each instance is
 * decided (`decide`) and executed (`applyInstance`) on its own, all at once, under the apply's
 * slots (`Admission`); one poller (`Tracker`) follows every running change.
 */
import { getMaxListeners, setMaxListeners } from 'node:events';
import type { CkafkaCloud } from '../cloud/port';
import type { Plan, PlannedInstance } from '../plan/types';
import type { Issue } from '../spec/issues';
import type { ObservedInstance } from '../spec/observed';
import { Admission } from './admission';
import { applyInstance, type ApplyRun } from './apply-instance';
import { decideOptionsFor, type ApplyOptions } from './apply-options';
import { SUCCESS_OUTCOMES, type ApplyResult, type ApplySummary, type InstanceOutcome, type InstanceResult } from './apply-types';
import { decide } from './decide';
import { planCloudMismatch } from './plan-cloud-mismatch';
import { Tracker } from './tracker';

export type { ApplyOptions } from './apply-options';

function summarise(results: readonly InstanceResult[]): ApplySummary {
  const byOutcome: Partial<Record<InstanceOutcome, number>> = {};
  for (const r of results) byOutcome[r.outcome] = (byOutcome[r.outcome] ?? 0) + 1;
  const order: InstanceOutcome[] = ['done', 'in-progress', 'running', 'scheduled', 'deferred', 'blocked', 'refused', 'failed', 'skipped', 'unchanged'];
  const parts = order.filter((o) => byOutcome[o]).map((o) => `${byOutcome[o]} ${o}`);
  return {
    total: results.length,
    byOutcome,
    stillRunning: results.filter((r) => r.outcome === 'running' || r.outcome === 'in-progress').map((r) => r.name),
    line: results.length === 0 ? 'nothing to apply' : parts.join(', '),
  };
}

/** How an apply ended, as the CLI reports it; exported for the Pulumi provider's update. */
export function finishApply(results: readonly InstanceResult[], interrupted: boolean, issues: readonly Issue[] = []): ApplyResult {
  const ok = issues.length === 0 && results.every((r) => SUCCESS_OUTCOMES.includes(r.outcome));
  return { instances: results, summary: summarise(results), interrupted, exitCode: ok && !interrupted ? 0 : 1, issues };
}

/** Every instance's report when the apply was interrupted before anything was looked at. */
function interruptedBeforeStart(plan: Plan, now: Date, options: ApplyOptions): InstanceResult[] {
  return plan.instances.map((p): InstanceResult => {
    const d = decide(p, { after: 'interrupted', while: 'starting' }, now, decideOptionsFor(options, p, true));
    if (d.kind !== 'end') throw new Error(`internal: ${d.rule} does not end ${p.name}`);
    return { name: p.name, instanceId: p.instanceId, ...d.result };
  });
}

/**
 * Applies a verified plan (see `loadPlan`) through a cloud. Instances are checked and submitted in
 * parallel under a concurrency limit; one poller follows every running change.
 */
export async function applyPlan(plan: Plan, cloud: CkafkaCloud, options: ApplyOptions = {}): Promise<ApplyResult & { readonly polls: number }> {
  const start = cloud.clock.now();
  options.onEvent?.({ type: 'start', at: start, instances: plan.instances.length });
  const ended = (result: ApplyResult, polls: number): ApplyResult & { readonly polls: number } => {
    options.onEvent?.({ type: 'end', at: cloud.clock.now(), result });
    return { ...result, polls };
  };

  const wrongCloud = planCloudMismatch(plan, cloud);
  if (wrongCloud !== undefined) return ended(finishApply([], false, [wrongCloud]), 0);

  const ids = plan.instances.filter((p) => p.action !== 'none' && p.instanceId !== null).map((p) => p.instanceId as string);
  let observed: ObservedInstance[];
  try {
    observed = ids.length === 0 ? [] : await cloud.describeInstances({ ids }, options.signal === undefined ? {} : { signal: options.signal });
  } catch (e) {
    // Interrupted before anything started: nothing was submitted, say so per instance.
    if (options.signal?.aborted !== true) throw e;
    return ended(finishApply(interruptedBeforeStart(plan, cloud.clock.now(), options), true), 0);
  }
  const byId = new Map(observed.map((o) => [o.instanceId, o]));

  const run: ApplyRun = {
    cloud,
    options,
    admission: new Admission<PlannedInstance>({
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      ...(options.maxRunning === undefined ? {} : { maxRunning: options.maxRunning }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    }),
    tracker: new Tracker(cloud, {
      ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    }),
  };
  // Changes already running in the cloud count against `maxRunning` before any instance starts,
  // so an instance that would submit cannot take the slot of one it is about to follow.
  for (const p of plan.instances) if (p.action !== 'none' && p.instanceId !== null && byId.get(p.instanceId)?.status === 'upgrading') run.admission.countRunning(p);
  // Every instance waits on the caller's signal at once: not a leak, so no warning past 10.
  if (options.signal !== undefined) setMaxListeners(Math.max(getMaxListeners(options.signal), 4 * plan.instances.length + 10), options.signal);
  // Every instance starts at once; the slots bound how many are checked and submitted. Each
  // instance's work ends with a report whatever fails, so every instance has an outcome.
  const results: InstanceResult[] = await Promise.all(
    plan.instances.map(async (p) => {
      const r = await applyInstance(run, p, p.instanceId === null ? undefined : byId.get(p.instanceId));
      options.onEvent?.({ type: 'state', at: cloud.clock.now(), name: p.name, instanceId: p.instanceId, state: r.outcome, message: r.message });
      return { name: p.name, instanceId: p.instanceId, ...r };
    }),
  );
  return ended(finishApply(results, options.signal?.aborted === true), run.tracker.polls);
}
