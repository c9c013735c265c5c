/**
 * The plan benchmark for one fleet size, measured the way users run it: `ckafka plan` (bin/ckafka.js,
 * a child process of its own, so its peak RSS is its own) with `--endpoint` on the HTTP emulator,
 * which verifies TC3 signatures, adds the configured latency to every answer and enforces the
 * documented per-action rate limits in real seconds. Three runs against the same emulated fleet:
 *
 * 1. the fleet declared exactly as it runs (nothing changes): how many describe calls it costs;
 * 2. the fleet with ~10% changing: wall time, calls by action, peak RSS, the rate-limit floor;
 * 3. the baseline: the same instances read one by one as the Terraform provider refreshes them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cloudEnv } from './env';
import { startEmulatorHost, type EmulatorHost } from './emulator-process';
import { rateLimitFloor, requiredCalls, total } from './floor';
import { buildSyntheticFleet, unchangedFleetYaml } from './fleet';
import { CLI, TS_REGISTER, runNode, type RunResult } from './run-process';

export interface PlanSizeOptions {
  readonly instances: number;
  readonly topicsPerInstance: number;
  readonly changingShare: number;
  readonly latencyMs: number;
  readonly workDir: string;
  /** Measure the baseline on a second emulator at the same time as ours (quick mode). */
  readonly baselineInParallel: boolean;
  readonly skipBaseline?: boolean;
  /** Write a CPU profile of ours' plan run here. */
  readonly profileDir?: string;
  readonly log: (line: string) => void;
}

export interface PlanSizeResult {
  readonly instances: number;
  readonly changing: number;
  readonly topicsPerInstance: number;
  readonly wallMs: number;
  /** Calls that had to be made (throttled ones left out), all actions. */
  readonly apiCalls: number;
  readonly apiCallsByAction: Record<string, number>;
  /** Calls the emulator throttled (client pacing should make this 0). */
  readonly throttled: number;
  readonly rssMB: number;
  readonly cpuMs: number;
  readonly floorMs: number;
  readonly floorAction: string | null;
  readonly unchangedWallMs: number;
  readonly unchangedDescribeCalls: number;
  readonly unchangedApiCallsByAction: Record<string, number>;
  readonly unchangedRssMB: number;
  readonly baselineWallMs: number | null;
  readonly baselineApiCalls: number | null;
  readonly baselineApiCallsByAction: Record<string, number> | null;
  readonly baselineFloorMs: number | null;
  readonly baselineRssMB: number | null;
  readonly planned: { readonly upgrades: number; readonly unchanged: number; readonly blocked: number };
}

export const BENCH_CREDENTIALS = { secretId: 'AKIDbench0000000000000000000000000', secretKey: 'benchSecretKey000000000000000000' };

function check(r: RunResult, what: string): void {
  if (r.code !== 0) throw new Error(`${what} exited with ${r.signal ?? r.code}: ${r.stderr.slice(-2000)}`);
}

function mb(kb: number | undefined): number {
  return kb === undefined ? 0 : Math.round((kb / 1024) * 10) / 10;
}

async function runOurs(host: EmulatorHost, fleetFile: string, cwd: string, out: string | undefined, profileDir?: string): Promise<RunResult> {
  await host.reset();
  const args = ['plan', fleetFile, '--endpoint', host.url, ...(out === undefined ? ['--format', 'json'] : ['--out', out])];
  const r = await runNode(CLI, args, {
    cwd,
    env: cloudEnv(BENCH_CREDENTIALS),
    probe: true,
    ...(profileDir === undefined ? {} : { nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] }),
  });
  check(r, `ckafka plan ${path.basename(fleetFile)}`);
  return r;
}

async function runBaseline(host: EmulatorHost, idsFile: string, cwd: string): Promise<RunResult> {
  await host.reset();
  const r = await runNode(path.join(__dirname, 'baseline-child.ts'), [host.url, idsFile], {
    cwd,
    env: cloudEnv(BENCH_CREDENTIALS),
    probe: true,
    nodeFlags: ['-r', TS_REGISTER],
  });
  check(r, 'the baseline');
  return r;
}

/** Measures one fleet size. */
export async function benchPlanSize(options: PlanSizeOptions): Promise<PlanSizeResult> {
  const n = options.instances;
  const dir = path.join(options.workDir, `plan-${n}`);
  fs.mkdirSync(dir, { recursive: true });
  const fleet = buildSyntheticFleet({ instances: n, changingShare: options.changingShare, topicsPerInstance: options.topicsPerInstance, now: new Date(), rebalance: 'window' });
  const statePath = path.join(dir, 'state.json');
  fs.writeFileSync(statePath, JSON.stringify(fleet.state));
  const fleetFile = path.join(dir, 'ckafka.yaml');
  fs.writeFileSync(fleetFile, fleet.yaml);
  const unchangedFile = path.join(dir, 'unchanged.ckafka.yaml');
  fs.writeFileSync(unchangedFile, unchangedFleetYaml(fleet, 'window'));
  const idsFile = path.join(dir, 'ids.json');
  fs.writeFileSync(idsFile, JSON.stringify(fleet.state.instances.map((i) => i.instanceId)));
  const changing = fleet.changes.filter((c) => c !== 'none').length;

  const hostConfig = { initialStatePath: statePath, credentials: BENCH_CREDENTIALS, faults: { latencyMs: options.latencyMs }, speed: 1 };
  const host = await startEmulatorHost(hostConfig);
  const second = options.baselineInParallel && options.skipBaseline !== true ? await startEmulatorHost(hostConfig) : undefined;
  try {
    options.log(`  ${n} instances: unchanged fleet`);
    const unchanged = await runOurs(host, unchangedFile, dir, undefined);
    const unchangedCalls = requiredCalls(await host.counters());

    options.log(`  ${n} instances: ${changing} changing, ${options.topicsPerInstance} topics each${second ? ' (baseline alongside, on its own emulator)' : ''}`);
    const planFile = path.join(dir, 'plan.json');
    const oursRun = runOurs(host, fleetFile, dir, planFile, options.profileDir);
    const baselineRun = second === undefined ? undefined : runBaseline(second, idsFile, dir);
    // Settled either way, so a failure of ours never leaves the baseline's rejection unhandled.
    const [oursSettled, baselineSettled] = await Promise.allSettled([oursRun, baselineRun]);
    if (oursSettled.status === 'rejected') throw oursSettled.reason;
    if (baselineSettled.status === 'rejected') throw baselineSettled.reason;
    const ours = oursSettled.value;
    const counters = await host.counters();
    let baseline: RunResult | undefined = baselineSettled.value;
    let baselineCounters = second === undefined ? undefined : await second.counters();
    if (second === undefined && options.skipBaseline !== true) {
      options.log(`  ${n} instances: baseline (instance by instance)`);
      baseline = await runBaseline(host, idsFile, dir);
      baselineCounters = await host.counters();
    }

    const calls = requiredCalls(counters);
    const throttled = Object.values(counters).reduce((a, c) => a + c.rateLimited + c.injectedThrottles, 0);
    const floor = rateLimitFloor(calls);
    const plan = JSON.parse(fs.readFileSync(planFile, 'utf8')) as { instances: Array<{ action: string }> };
    const planned = {
      upgrades: plan.instances.filter((i) => i.action === 'upgrade').length,
      unchanged: plan.instances.filter((i) => i.action === 'none').length,
      blocked: plan.instances.filter((i) => i.action === 'blocked').length,
    };
    if (planned.upgrades !== changing) throw new Error(`the plan of ${n} instances has ${planned.upgrades} upgrades, expected ${changing} (blocked ${planned.blocked})`);
    const baselineCalls = baselineCounters === undefined ? undefined : requiredCalls(baselineCounters);
    return {
      instances: n,
      changing,
      topicsPerInstance: options.topicsPerInstance,
      wallMs: Math.round(ours.wallMs),
      apiCalls: total(calls),
      apiCallsByAction: calls,
      throttled,
      rssMB: mb(ours.maxRssKB),
      cpuMs: Math.round(ours.cpuMs ?? 0),
      floorMs: floor.floorMs,
      floorAction: floor.bottleneck,
      unchangedWallMs: Math.round(unchanged.wallMs),
      unchangedDescribeCalls: Object.entries(unchangedCalls)
        .filter(([a]) => a.startsWith('Describe'))
        .reduce((s, [, v]) => s + v, 0),
      unchangedApiCallsByAction: unchangedCalls,
      unchangedRssMB: mb(unchanged.maxRssKB),
      baselineWallMs: baseline === undefined ? null : Math.round(baseline.wallMs),
      baselineApiCalls: baselineCalls === undefined ? null : total(baselineCalls),
      baselineApiCallsByAction: baselineCalls ?? null,
      baselineFloorMs: baselineCalls === undefined ? null : rateLimitFloor(baselineCalls).floorMs,
      baselineRssMB: baseline === undefined ? null : mb(baseline.maxRssKB),
      planned,
    };
  } finally {
    await host.stop();
    await second?.stop();
  }
}
