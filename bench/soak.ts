/**
 * `npm run soak [-- options]`: many randomized plan/apply runs of the real CLI (bin/ckafka.js,
 * child processes, `--endpoint` to the HTTP emulator on loopback, credentials in the environment)
 * under injected throttling, 5xx answers, connections dropped before and after a request is
 * applied, latency spikes, `kill -9` of apply at random moments, and two applies of one plan at
 * once. It checks what must never happen:
 *
 * - a double submit: two accepted spec-change writes for the same instance and target, read
 *   from the emulator's submissions ledger (targets only ever go up, so none repeats legitimately);
 * - a lost change: a run that converged (apply said done) while the emulator is not at the
 *   plan's targets;
 * - an unplanned write: an accepted spec change that no run's plan asked for;
 * - a secret in any output: a distinctive fake SecretId and SecretKey are scanned for in every
 *   stdout, stderr and plan file.
 *
 * Each run: pick random upward targets, write the fleet file, plan (under the run's faults), apply
 * (normally, killed with SIGKILL and re-run, or twice at once), then keep applying the same plan
 * (re-planning only when apply refuses it) until the emulator is at the targets; the last attempts
 * run with faults off, as a storm passes. Bounded by --runs and --minutes; stops by itself.
 *
 *   --quick          12 runs; no new run starts after 2.2 minutes (done in under 3)
 *   --runs <n>       runs (default 40)
 *   --minutes <m>    stop starting runs after this long (default 20)
 *   --seed <n>       seed of every random choice (default: time-based, printed)
 *   --instances <n>  instances in the emulated fleet (default 8)
 *   --speed <x>      emulator clock speed (default 3000: a 15-minute migration takes 0.3 s)
 *   --keep           keep the temporary folder (state file, outputs) even when all is well
 *   --write-settle-ms <ms>  CKAFKA_WRITE_SETTLE_MS for the CLI: the wait before re-observing a
 *                    write whose answer was lost (default: the CLI's 5 s, looks at 5/15/40 s;
 *                    quick: 250 ms, so a run with lost writes cannot overrun the three minutes)
 *
 * The last line is machine-readable; the exit code is 1 when double submits, unplanned writes,
 * lost changes or leaked secrets are above zero.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { Faults } from '../src/cloud/emulator';
import { cloudEnv } from './lib/env';
import { startEmulatorHost, type EmulatorHost } from './lib/emulator-process';
import type { HostCounters, HostInstanceSummary } from './lib/emulator-protocol';
import { buildSyntheticFleet, renderFleetYaml, type DeclaredInstance } from './lib/fleet';
import { CLI, ROOT, runNode, type RunResult } from './lib/run-process';
import { bumpSpec, seededRandom, submissionKey, type Spec } from './lib/soak-changes';

const FAULTS_OFF: Partial<Faults> = { throttleRate: 0, errorRate: 0, dropRate: 0, dropAfterRate: 0, latencySpikeRate: 0, latencySpikeMs: 0 };
const PROFILES: Readonly<Record<string, Partial<Faults>>> = {
  throttling: { throttleRate: 0.15 },
  '5xx': { errorRate: 0.08 },
  'drop-before': { dropRate: 0.06 },
  'drop-after': { dropAfterRate: 0.08 },
  'latency-spikes': { latencySpikeRate: 0.1, latencySpikeMs: 1500 },
  storm: { throttleRate: 0.06, errorRate: 0.04, dropRate: 0.03, dropAfterRate: 0.05, latencySpikeRate: 0.04, latencySpikeMs: 800 },
  // Beyond what retries absorb: commands fail, and must say why with an issue code.
  outage: { errorRate: 0.45, dropRate: 0.15, dropAfterRate: 0.1 },
};
const SCENARIOS = ['normal', 'kill', 'double'] as const;
type Scenario = (typeof SCENARIOS)[number];

/** An issue code in output (apply/stale, cloud/throttled, …): the mark of a clear error. */
const ISSUE_CODE = /\b(spec|plan|apply|cloud|cli|cdktf|emulator)\/[a-z][a-z-]+\b/;
const ATTEMPTS = 6;
const FAULTY_ATTEMPTS = 2;

interface Settings {
  readonly runs: number;
  readonly maxMs: number;
  readonly seed: number;
  readonly instances: number;
  readonly speed: number;
  readonly keep: boolean;
  readonly writeSettleMs: number | undefined;
}

function readSettings(argv: readonly string[]): Settings {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean' },
      runs: { type: 'string' },
      minutes: { type: 'string' },
      seed: { type: 'string' },
      instances: { type: 'string' },
      speed: { type: 'string' },
      keep: { type: 'boolean' },
      'write-settle-ms': { type: 'string' },
    },
    strict: true,
  });
  const quick = values.quick === true;
  const num = (name: string, v: string | undefined, fallback: number): number => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} takes a positive number, got ${v}`);
    return n;
  };
  return {
    runs: Math.floor(num('runs', values.runs, quick ? 12 : 40)),
    maxMs: num('minutes', values.minutes, quick ? 2.2 : 20) * 60_000,
    seed: Math.floor(num('seed', values.seed, (Date.now() % 2 ** 31) + 1)),
    instances: Math.floor(num('instances', values.instances, 8)),
    speed: num('speed', values.speed, 3000),
    keep: values.keep === true,
    writeSettleMs: values['write-settle-ms'] !== undefined ? Math.floor(num('write-settle-ms', values['write-settle-ms'], 0)) : quick ? 250 : undefined,
  };
}

/** Apply's limits in one run. */
interface Limits {
  readonly concurrency: number;
  readonly maxRunning?: number;
}

interface ApplyJson {
  readonly instances?: ReadonlyArray<{ readonly instanceId: string | null; readonly outcome: string; readonly message: string }>;
}

function parseApplyJson(stdout: string): ApplyJson | undefined {
  try {
    return JSON.parse(stdout) as ApplyJson;
  } catch {
    return undefined;
  }
}

function specOf(i: HostInstanceSummary): Spec {
  return { bandwidthMBps: i.bandwidthMBps, diskGB: i.diskGB, partitions: i.partitions };
}

function sameSpec(a: Spec, b: Spec): boolean {
  return a.bandwidthMBps === b.bandwidthMBps && a.diskGB === b.diskGB && a.partitions === b.partitions;
}

function sumFaults(counters: HostCounters): { injected: number; throttles: number; unavailable: number; dropBefore: number; dropAfter: number; spikes: number; calls: number } {
  const out = { injected: 0, throttles: 0, unavailable: 0, dropBefore: 0, dropAfter: 0, spikes: 0, calls: 0 };
  for (const c of Object.values(counters)) {
    out.throttles += c.injectedThrottles;
    out.unavailable += c.unavailable;
    out.dropBefore += c.dropBefore;
    out.dropAfter += c.dropAfter;
    out.spikes += c.latencySpikes;
    out.calls += c.calls;
  }
  out.injected = out.throttles + out.unavailable + out.dropBefore + out.dropAfter + out.spikes;
  return out;
}

class Soak {
  readonly outputs: string[] = [];
  commands = 0;
  failedCommands = 0;
  unclearFailures: string[] = [];
  kills = 0;

  constructor(
    private readonly host: EmulatorHost,
    private readonly dir: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly log: (line: string) => void,
  ) {}

  /** Runs the CLI; every output is kept for the secret scan. */
  async cli(args: readonly string[], killAfterMs?: number): Promise<RunResult & { killed: boolean }> {
    this.commands += 1;
    let killed = false;
    let timer: NodeJS.Timeout | undefined;
    const r = await runNode(CLI, args, {
      cwd: this.dir,
      env: this.env,
      timeoutMs: 180_000,
      onSpawn: (pid) => {
        if (killAfterMs === undefined) return;
        timer = setTimeout(() => {
          try {
            process.kill(pid, 'SIGKILL');
            killed = true;
          } catch {
            // it had already exited
          }
        }, killAfterMs);
      },
    });
    if (timer !== undefined) clearTimeout(timer);
    if (killed && r.signal === 'SIGKILL') this.kills += 1;
    this.outputs.push(r.stdout, r.stderr);
    const wasKilled = killed && r.signal === 'SIGKILL';
    if (r.code !== 0 && !wasKilled) {
      this.failedCommands += 1;
      if (!ISSUE_CODE.test(`${r.stdout}\n${r.stderr}`)) this.unclearFailures.push(`${args[0] ?? ''} exited ${r.signal ?? r.code}: ${(r.stderr || r.stdout).slice(-400)}`);
    }
    return { ...r, killed: wasKilled };
  }

  /** Plans; resolves with whether a plan was written, and whether a failure named an issue code. */
  async plan(fleetFile: string, planFile: string): Promise<{ ok: boolean; clear: boolean }> {
    fs.rmSync(planFile, { force: true });
    const r = await this.cli(['plan', fleetFile, '--endpoint', this.host.url, '--out', planFile, '--format', 'json']);
    if (r.code === 0 && fs.existsSync(planFile)) {
      this.outputs.push(fs.readFileSync(planFile, 'utf8'));
      return { ok: true, clear: true };
    }
    return { ok: false, clear: ISSUE_CODE.test(`${r.stdout}\n${r.stderr}`) };
  }

  async apply(planFile: string, limits: Limits, killAfterMs?: number): Promise<RunResult & { killed: boolean; json?: ApplyJson }> {
    const args = ['apply', planFile, '--endpoint', this.host.url, '--poll-interval', '50ms', '--concurrency', String(limits.concurrency), '--format', 'json'];
    if (limits.maxRunning !== undefined) args.push('--max-running', String(limits.maxRunning));
    const r = await this.cli(args, killAfterMs);
    const json = r.killed ? undefined : parseApplyJson(r.stdout);
    return { ...r, ...(json === undefined ? {} : { json }) };
  }

  /** Waits until no instance is upgrading (bounded), so a re-plan sees settled instances. */
  async settle(): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const s = await this.host.summary(true);
      if (s.instances.every((x) => x.status !== 7)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function main(): Promise<void> {
  const settings = readSettings(process.argv.slice(2));
  const random = seededRandom(settings.seed);
  const started = Date.now();
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckafka-soak-'));
  if (!fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (the soak runs bin/ckafka.js)');
  // Distinctive fake credentials: any appearance in an output is a leak.
  const tag = Math.floor(random() * 2 ** 32).toString(16).padStart(8, '0');
  const credentials = { secretId: `AKIDsoakCanaryId${tag}Zq`, secretKey: `soakCanarySecretKey${tag}Xw` };
  const secrets = [credentials.secretId, credentials.secretKey, credentials.secretKey.slice(0, 16)];
  log(`ckafka-iac soak: seed ${settings.seed}, ${settings.runs} runs at most, ${Math.round(settings.maxMs / 60000)} min at most, ${settings.instances} instances, clock ${settings.speed}x, write settle ${settings.writeSettleMs === undefined ? "the CLI default" : `${settings.writeSettleMs} ms`}; folder ${dir}`);

  const fleet = buildSyntheticFleet({ instances: settings.instances, changingShare: 0, topicsPerInstance: 2, dataGB: 4, dataSpread: 0.5, now: new Date(), idPrefix: 's' });
  const statePath = path.join(dir, 'emulator-state.json');
  fs.writeFileSync(statePath, JSON.stringify(fleet.state));
  const host = await startEmulatorHost({ statePath, speed: settings.speed, credentials, faults: { ...FAULTS_OFF, latencyMs: 5, seed: settings.seed } });
  const env = cloudEnv(credentials);
  if (settings.writeSettleMs !== undefined) env.CKAFKA_WRITE_SETTLE_MS = String(settings.writeSettleMs);
  const soak = new Soak(host, dir, env, log);

  let runs = 0;
  let converged = 0;
  let failedClear = 0;
  let failedUnclear = 0;
  let lost = 0;
  const lostDetails: string[] = [];
  /** Every target some run declared, as ledger keys: any other accepted spec change is unplanned. */
  const plannedKeys = new Set<string>();
  const scenarioCounts: Record<string, number> = {};
  const profileCounts: Record<string, number> = {};
  try {
    while (runs < settings.runs && Date.now() - started < settings.maxMs) {
      runs += 1;
      const run = runs;
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
      for (const [id, t] of targets) plannedKeys.add(submissionKey(id, { BandWidth: t.bandwidthMBps, DiskSize: t.diskGB, Partition: t.partitions }));
      const declared: DeclaredInstance[] = before.instances.map((i, k) => ({
        name: `svc-${String(k).padStart(5, '0')}`,
        instanceId: i.instanceId,
        edition: 'pro',
        ...(targets.get(i.instanceId) ?? specOf(i)),
      }));
      const fleetFile = path.join(dir, `run-${run}.ckafka.yaml`);
      const planFile = path.join(dir, `run-${run}.plan.json`);
      fs.writeFileSync(fleetFile, renderFleetYaml(declared, before.instances.length > 0 ? fleet.state.region : 'ap-guangzhou', 'now').replace('mode: high-speed', `mode: ${random() < 0.5 ? 'stable' : 'high-speed'}`));
      const profileNames = Object.keys(PROFILES);
      const profileName = profileNames[Math.floor(random() * profileNames.length)] as string;
      const scenario: Scenario = SCENARIOS[Math.floor(random() * SCENARIOS.length)] as Scenario;
      scenarioCounts[scenario] = (scenarioCounts[scenario] ?? 0) + 1;
      profileCounts[profileName] = (profileCounts[profileName] ?? 0) + 1;
      // A third of the runs also cap the changes in flight (--max-running 1 or 2).
      const limits: Limits = { concurrency: 1 + Math.floor(random() * 4), ...(random() < 0.33 ? { maxRunning: 1 + Math.floor(random() * 2) } : {}) };

      let done = false;
      let needPlan = true;
      let lastFailureClear = true;
      for (let attempt = 1; attempt <= ATTEMPTS && !done; attempt++) {
        await host.setFaults(attempt <= FAULTY_ATTEMPTS ? { ...FAULTS_OFF, ...PROFILES[profileName] } : FAULTS_OFF);
        if (needPlan) {
          await soak.settle();
          const planned = await soak.plan(fleetFile, planFile);
          if (!planned.ok) {
            lastFailureClear = planned.clear;
            continue;
          }
          needPlan = false;
        }
        const killAfter = attempt === 1 && scenario === 'kill' ? 150 + Math.floor(random() * 2500) : undefined;
        const results =
          attempt === 1 && scenario === 'double'
            ? await Promise.all([soak.apply(planFile, limits), soak.apply(planFile, limits)])
            : [await soak.apply(planFile, limits, killAfter)];
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
              lost += 1;
              lostDetails.push(`run ${run}: ${o.instanceId ?? '?'} reported done but is ${i === undefined ? 'gone' : `${i.bandwidthMBps}/${i.diskGB}/${i.partitions}`}, target ${t.bandwidthMBps}/${t.diskGB}/${t.partitions}`);
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
      if (done) converged += 1;
      else {
        if (lastFailureClear) failedClear += 1;
        else failedUnclear += 1;
        // Whatever is left running must not leak into the next run's "before".
        await soak.settle();
      }
      log(`run ${run}: ${targets.size} change(s), ${profileName}, ${scenario}, concurrency ${limits.concurrency}${limits.maxRunning === undefined ? '' : `, max-running ${limits.maxRunning}`}: ${done ? 'converged' : 'NOT converged'}`);
    }
  } finally {
    await host.setFaults(FAULTS_OFF).catch(() => undefined);
  }

  const final = await host.summary(true);
  const counters = await host.counters();
  await host.stop();
  const seen = new Map<string, number>();
  for (const s of final.submissions) {
    if (s.action !== 'ModifyInstancePre' && s.action !== 'InstanceScalingDown') continue;
    const key = submissionKey(s.instanceId, s.params);
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const doubles = [...seen].filter(([, n]) => n > 1);
  const unplanned = [...seen.keys()].filter((k) => !plannedKeys.has(k));
  const doubleSubmits = doubles.reduce((a, [, n]) => a + n - 1, 0);
  let leaked = 0;
  for (const text of soak.outputs) for (const s of secrets) if (text.includes(s)) leaked += 1;
  const faults = sumFaults(counters);

  const ok = doubleSubmits === 0 && lost === 0 && leaked === 0 && unplanned.length === 0;
  const summary = {
    date: new Date().toISOString(),
    seed: settings.seed,
    settings,
    runs,
    converged,
    failedClear,
    failedUnclear,
    commands: soak.commands,
    failedCommands: soak.failedCommands,
    unclearFailures: soak.unclearFailures.slice(0, 20),
    kills: soak.kills,
    faults,
    scenarios: scenarioCounts,
    profiles: profileCounts,
    submissions: final.submissions.filter((s) => s.action === 'ModifyInstancePre' || s.action === 'InstanceScalingDown').length,
    doubleSubmits,
    doubles: doubles.slice(0, 20),
    unplannedWrites: unplanned.length,
    unplanned: unplanned.slice(0, 20),
    lost,
    lostDetails: lostDetails.slice(0, 20),
    secretsLeaked: leaked,
    durationMs: Date.now() - started,
    machine: { cpus: os.cpus().length, memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10, node: process.version },
  };
  const resultsFile = path.join(ROOT, 'bench', 'results', 'soak-latest.json');
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.writeFileSync(resultsFile, `${JSON.stringify(summary, null, 2)}\n`);
  if (ok && !settings.keep) fs.rmSync(dir, { recursive: true, force: true });
  else log(`kept ${dir} (state file, fleet files, plans) for inspection`);

  process.stdout.write(
    [
      `commands ${soak.commands} (${soak.failedCommands} failed, ${soak.unclearFailures.length} without an issue code), apply processes killed ${soak.kills}`,
      `faults injected ${faults.injected} of ${faults.calls} calls: throttles ${faults.throttles}, 5xx ${faults.unavailable}, dropped before ${faults.dropBefore}, dropped after ${faults.dropAfter}, latency spikes ${faults.spikes}`,
      `spec-change writes accepted ${summary.submissions}; scenarios ${JSON.stringify(scenarioCounts)}`,
      ...summary.unclearFailures.map((u) => `unclear failure: ${u}`),
      ...summary.lostDetails.map((l) => `lost: ${l}`),
      ...doubles.map(([k, n]) => `double submit: ${k} accepted ${n} times`),
      ...unplanned.map((k) => `unplanned write: ${k} (no run declared this target)`),
      `results: ${path.relative(process.cwd(), resultsFile)} (${Math.round(summary.durationMs / 1000)} s, seed ${settings.seed})`,
      `soak: runs=${runs} converged=${converged} failed_clear=${failedClear} failed_unclear=${failedUnclear} commands=${soak.commands} commands_failed=${soak.failedCommands} commands_failed_unclear=${soak.unclearFailures.length} kills=${soak.kills} faults=${faults.injected} double_submits=${doubleSubmits} unplanned_writes=${unplanned.length} lost=${lost} secrets_leaked=${leaked}`,
      '',
    ].join('\n'),
  );
  process.exitCode = ok ? 0 : 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`soak failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 1;
});
