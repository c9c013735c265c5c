/**
 * One soak run: pick random upward targets, write the fleet file, plan (under the run's faults),
 * apply (normally, killed with SIGKILL and re-run, or twice at once), then keep applying the same
 * plan (re-planning only when apply refuses it) until the emulator is at the targets; the last
 * attempts run with faults off. Every random choice is drawn from the soak's seeded generator in a
 * fixed order, so a run is reproducible from the seed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EmulatorHost } from './emulator-process';
import type { HostInstanceSummary } from './emulator-protocol';
import { renderFleetYaml, type DeclaredInstance } from './fleet';
import { ISSUE_CODE, type Limits, type SoakCli } from './soak-cli';
import { bumpSpec, submissionKey, type Spec } from './soak-changes';
import { FAULTS_OFF, FAULT_PROFILES } from './soak-faults';

const SCENARIOS = ['normal', 'kill', 'double'] as const;
type Scenario = (typeof SCENARIOS)[number];

const ATTEMPTS = 6;
const FAULTY_ATTEMPTS = 2;

/** What every run shares: the emulator host, the CLI, the folder, the seeded generator and the fleet's region. */
export interface SoakRunContext {
  readonly host: EmulatorHost;
  readonly cli: SoakCli;
  readonly dir: string;
  readonly random: () => number;
  readonly region: string;
  readonly log: (line: string) => void;
}

/** How one run went. */
export interface SoakRunOutcome {
  /** The ledger keys of the targets the run declared: an accepted spec change of any other is unplanned. */
  readonly plannedKeys: readonly string[];
  readonly profile: string;
  readonly scenario: Scenario;
  /** Whether the emulator reached every target. */
  readonly converged: boolean;
  /** Whether the last failure, when it did not converge, named an issue code. */
  readonly lastFailureClear: boolean;
  /** A line per instance an apply reported done while the emulator was not at its target. */
  readonly lost: readonly string[];
}

function specOf(i: HostInstanceSummary): Spec {
  return { bandwidthMBps: i.bandwidthMBps, diskGB: i.diskGB, partitions: i.partitions };
}

function sameSpec(a: Spec, b: Spec): boolean {
  return a.bandwidthMBps === b.bandwidthMBps && a.diskGB === b.diskGB && a.partitions === b.partitions;
}

/** Runs soak run number `run` to convergence or to its last attempt, and logs one line about it. */
export async function soakRun(ctx: SoakRunContext, run: number): Promise<SoakRunOutcome> {
  const { host, cli, dir, random } = ctx;
  const before = await host.summary(true);
  const running = before.instances.filter((i) => i.status === 1);
  // Some instances change in every run; the rest are declared as they run.
  const targets = new Map<string, Spec>();
  for (const i of running) {
    if (random() < 0.4) {
      const t = bumpSpec(specOf(i), random);
      if (t !== undefined) targets.set(i.instanceId, t);
    }
  }
  const first = running[Math.floor(random() * running.length)];
  if (targets.size === 0 && first !== undefined) {
    const t = bumpSpec(specOf(first), random);
    if (t !== undefined) targets.set(first.instanceId, t);
  }
  const plannedKeys = [...targets].map(([id, t]) => submissionKey(id, { BandWidth: t.bandwidthMBps, DiskSize: t.diskGB, Partition: t.partitions }));
  const declared: DeclaredInstance[] = before.instances.map((i, k) => ({
    name: `svc-${String(k).padStart(5, '0')}`,
    instanceId: i.instanceId,
    edition: 'pro',
    ...(targets.get(i.instanceId) ?? specOf(i)),
  }));
  const fleetFile = path.join(dir, `run-${run}.ckafka.yaml`);
  const planFile = path.join(dir, `run-${run}.plan.json`);
  fs.writeFileSync(fleetFile, renderFleetYaml(declared, before.instances.length > 0 ? ctx.region : 'ap-guangzhou', 'now').replace('mode: high-speed', `mode: ${random() < 0.5 ? 'stable' : 'high-speed'}`));
  const profileNames = Object.keys(FAULT_PROFILES);
  const profileName = profileNames[Math.floor(random() * profileNames.length)] as string;
  const scenario: Scenario = SCENARIOS[Math.floor(random() * SCENARIOS.length)] as Scenario;
  // A third of the runs also cap the changes in flight (--max-running 1 or 2).
  const limits: Limits = { concurrency: 1 + Math.floor(random() * 4), ...(random() < 0.33 ? { maxRunning: 1 + Math.floor(random() * 2) } : {}) };

  const lost: string[] = [];
  let done = false;
  let needPlan = true;
  let lastFailureClear = true;
  for (let attempt = 1; attempt <= ATTEMPTS && !done; attempt++) {
    await host.setFaults(attempt <= FAULTY_ATTEMPTS ? { ...FAULTS_OFF, ...FAULT_PROFILES[profileName] } : FAULTS_OFF);
    if (needPlan) {
      await cli.settle();
      const planned = await cli.plan(fleetFile, planFile);
      if (!planned.ok) {
        lastFailureClear = planned.clear;
        continue;
      }
      needPlan = false;
    }
    const killAfter = attempt === 1 && scenario === 'kill' ? 150 + Math.floor(random() * 2500) : undefined;
    const results =
      attempt === 1 && scenario === 'double' ? await Promise.all([cli.apply(planFile, limits), cli.apply(planFile, limits)]) : [await cli.apply(planFile, limits, killAfter)];
    const after = await host.summary(true);
    const byId = new Map(after.instances.map((i) => [i.instanceId, i]));
    const atTargets = [...targets].every(([id, t]) => {
      const i = byId.get(id);
      return i !== undefined && i.status === 1 && sameSpec(specOf(i), t);
    });
    // An apply that exited 0 and called a change done must have left it at its target.
    for (const r of results) {
      if (r.code !== 0 || r.json?.instances === undefined) continue;
      for (const o of r.json.instances) {
        const t = o.instanceId === null ? undefined : targets.get(o.instanceId);
        const i = o.instanceId === null ? undefined : byId.get(o.instanceId);
        if (o.outcome === 'done' && t !== undefined && (i === undefined || !sameSpec(specOf(i), t))) {
          lost.push(`run ${run}: ${o.instanceId ?? '?'} reported done but is ${i === undefined ? 'gone' : `${i.bandwidthMBps}/${i.diskGB}/${i.partitions}`}, target ${t.bandwidthMBps}/${t.diskGB}/${t.partitions}`);
        }
      }
    }
    if (atTargets) {
      done = true;
      break;
    }
    const outcomes = results.flatMap((r) => r.json?.instances ?? []);
    lastFailureClear = results.every((r) => r.killed || r.code === 0 || ISSUE_CODE.test(`${r.stdout}\n${r.stderr}`));
    // A refused or blocked instance needs a new plan; anything else resumes with the same one.
    if (outcomes.some((o) => o.outcome === 'refused' || o.outcome === 'blocked')) needPlan = true;
  }
  // Whatever is left running must not leak into the next run's "before".
  if (!done) await cli.settle();
  ctx.log(`run ${run}: ${targets.size} change(s), ${profileName}, ${scenario}, concurrency ${limits.concurrency}${limits.maxRunning === undefined ? '' : `, max-running ${limits.maxRunning}`}: ${done ? 'converged' : 'NOT converged'}`);
  return { plannedKeys, profile: profileName, scenario, converged: done, lastFailureClear, lost };
}
