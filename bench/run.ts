/**
 * `npm run bench [-- options]`: how fast ckafka-iac is at fleet scale, against the CKafka emulator
 * with per-request latency and the documented per-action rate limits. Prints a table with
 * PASS/MISS per target and writes bench/results/latest.json. See docs/performance.md.
 *
 *   --quick                 a reduced set (at most 1,000 instances, fewer topics), under two minutes
 *   --latency <ms>          latency the emulator adds to every answer (default 30)
 *   --sizes <n,n,…>         fleet sizes to plan (default 10,100,1000,10000; quick 10,100,1000)
 *   --topics <n>            topics per instance in the plan fleets (default 3; quick 2)
 *   --precheck-topics <n>   topics of the pre-check instance (default 5000; quick 50)
 *   --cold-runs <n>         cold-start runs (default 9; quick 5)
 *   --only <a,b>            sections to run: plan, cold, apply, precheck (default all)
 *   --no-baseline           skip the instance-by-instance baseline
 *   --profile               write a CPU profile of each plan run (to a temporary folder it names)
 *   --out <file>            results file (default bench/results/latest.json)
 *   --strict                exit 2 when a target is missed
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { ApplyBenchResult } from './lib/apply-child';
import { liveChildren } from './lib/children';
import { benchColdStart, type ColdStartResult } from './lib/cold-start';
import { benchPlanSize, type PlanSizeResult } from './lib/plan-bench';
import { benchPrecheck, type PrecheckResult } from './lib/precheck-bench';
import { formatMs, renderReport, type Target } from './lib/report';
import { ROOT, TS_REGISTER, runNode } from './lib/run-process';

const PAGE_SIZE = 20;

interface Settings {
  readonly quick: boolean;
  readonly latencyMs: number;
  readonly sizes: readonly number[];
  readonly topics: number;
  readonly precheckTopics: number;
  readonly coldRuns: number;
  readonly sections: ReadonlySet<string>;
  readonly baseline: boolean;
  readonly profile: boolean;
  readonly out: string;
  readonly strict: boolean;
}

function positiveInt(name: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} takes a whole number, got ${v}`);
  return n;
}

function readSettings(argv: readonly string[]): Settings {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean' },
      latency: { type: 'string' },
      sizes: { type: 'string' },
      topics: { type: 'string' },
      'precheck-topics': { type: 'string' },
      'cold-runs': { type: 'string' },
      only: { type: 'string' },
      'no-baseline': { type: 'boolean' },
      profile: { type: 'boolean' },
      out: { type: 'string' },
      strict: { type: 'boolean' },
    },
    strict: true,
  });
  const quick = values.quick === true;
  const sizes = (values.sizes ?? (quick ? '10,100,1000' : '10,100,1000,10000')).split(',').map((s) => positiveInt('sizes', s.trim(), 0));
  const sections = new Set((values.only ?? 'plan,cold,apply,precheck').split(',').map((s) => s.trim()));
  for (const s of sections) if (!['plan', 'cold', 'apply', 'precheck'].includes(s)) throw new Error(`--only takes plan, cold, apply, precheck; got ${s}`);
  return {
    quick,
    latencyMs: positiveInt('latency', values.latency, 30),
    sizes,
    topics: positiveInt('topics', values.topics, quick ? 2 : 3),
    precheckTopics: positiveInt('precheck-topics', values['precheck-topics'], quick ? 50 : 5000),
    coldRuns: positiveInt('cold-runs', values['cold-runs'], quick ? 5 : 9),
    sections,
    baseline: values['no-baseline'] !== true,
    profile: values.profile === true,
    out: path.resolve(values.out ?? path.join(ROOT, 'bench', 'results', 'latest.json')),
    strict: values.strict === true,
  };
}

async function runApply(options: { instances: number; concurrency?: number; maxRunning?: number; topicsPerInstance: number; speed?: number }): Promise<ApplyBenchResult> {
  const r = await runNode(path.join(__dirname, 'lib', 'apply-child.ts'), [JSON.stringify(options)], { nodeFlags: ['-r', TS_REGISTER] });
  if (r.code !== 0) throw new Error(`the apply benchmark exited with ${r.signal ?? r.code}: ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as ApplyBenchResult;
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : Math.round((a / b) * 100) / 100;
}

function evaluate(plan: readonly PlanSizeResult[], cold: ColdStartResult | undefined, apply: ApplyBenchResult | undefined): Target[] {
  const targets: Target[] = [];
  if (plan.length > 0) {
    const worst = plan.map((p) => ({ p, limit: Math.ceil(p.instances / PAGE_SIZE) + 1 }));
    const over = worst.filter(({ p, limit }) => p.unchangedDescribeCalls > limit);
    targets.push({
      id: 'unchanged-fleet-calls',
      target: 'an unchanged fleet costs at most ceil(N/20) + 1 describe calls',
      measured: worst.map(({ p, limit }) => `${p.instances}: ${p.unchangedDescribeCalls} ≤ ${limit}`).join('; '),
      status: over.length === 0 ? 'PASS' : 'MISS',
    });
  }
  const thousand = plan.find((p) => p.instances === 1000);
  targets.push(
    thousand === undefined
      ? { id: 'plan-1000-floor', target: '1,000-instance plan ≤ 1.2 × its rate-limit floor', measured: 'not measured', status: 'SKIP' }
      : {
          id: 'plan-1000-floor',
          target: '1,000-instance plan ≤ 1.2 × its rate-limit floor',
          measured: `${formatMs(thousand.wallMs)} / ${formatMs(thousand.floorMs)} = ${ratio(thousand.wallMs, thousand.floorMs)}×`,
          status: thousand.wallMs <= 1.2 * thousand.floorMs ? 'PASS' : 'MISS',
        },
  );
  const tenK = plan.find((p) => p.instances === 10000);
  targets.push(
    tenK === undefined
      ? { id: 'plan-10000-rss', target: '10,000-instance plan under 300 MB RSS', measured: 'not measured (full run only)', status: 'SKIP' }
      : { id: 'plan-10000-rss', target: '10,000-instance plan under 300 MB RSS', measured: `${tenK.rssMB} MB`, status: tenK.rssMB < 300 ? 'PASS' : 'MISS' },
  );
  targets.push(
    cold === undefined
      ? { id: 'cold-start', target: 'cold start ≤ node -e 0 + 0.5 s', measured: 'not measured', status: 'SKIP' }
      : {
          id: 'cold-start',
          target: 'cold start ≤ node -e 0 + 0.5 s',
          measured: `${formatMs(cold.planMs)} − ${formatMs(cold.nodeMs)} = ${formatMs(cold.planMs - cold.nodeMs)}`,
          status: cold.planMs - cold.nodeMs <= 500 ? 'PASS' : 'MISS',
        },
  );
  targets.push(
    apply === undefined
      ? { id: 'apply-100', target: 'apply of 100 migrations ≤ 1.2 × the longest single one', measured: 'not measured', status: 'SKIP' }
      : {
          id: 'apply-100',
          target: `apply of ${apply.instances} migrations ≤ 1.2 × the longest single one`,
          measured: `${formatMs(apply.wallMs)} / ${formatMs(apply.longestSingleMs)} = ${ratio(apply.wallMs, apply.longestSingleMs)}× (virtual time, --concurrency ${apply.concurrency})`,
          status: apply.wallMs <= 1.2 * apply.longestSingleMs ? 'PASS' : 'MISS',
        },
  );
  return targets;
}

async function main(): Promise<void> {
  const settings = readSettings(process.argv.slice(2));
  const started = Date.now();
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckafka-bench-'));
  // Kept after the run (profiles are large and not results): the path is printed.
  const profileDir = settings.profile ? fs.mkdtempSync(path.join(os.tmpdir(), 'ckafka-bench-profiles-')) : undefined;
  if (profileDir !== undefined) log(`CPU profiles: ${profileDir}`);
  if (!fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (the bench runs bin/ckafka.js)');
  log(`ckafka-iac bench${settings.quick ? ' (quick)' : ''}: latency ${settings.latencyMs} ms, documented rate limits; work dir ${workDir}`);

  const plan: PlanSizeResult[] = [];
  let cold: ColdStartResult | undefined;
  let apply: ApplyBenchResult | undefined;
  let applyStaged: ApplyBenchResult | undefined;
  let precheck: PrecheckResult | undefined;
  try {
    if (settings.sections.has('plan')) {
      log('plan of a fleet:');
      for (const n of settings.sizes) {
        plan.push(
          await benchPlanSize({
            instances: n,
            topicsPerInstance: settings.topics,
            changingShare: 0.1,
            latencyMs: settings.latencyMs,
            workDir,
            baselineInParallel: settings.quick,
            skipBaseline: !settings.baseline,
            ...(profileDir === undefined ? {} : { profileDir }),
            log,
          }),
        );
      }
    }
    if (settings.sections.has('cold')) {
      log(`cold start: ${settings.coldRuns} runs each`);
      cold = await benchColdStart(settings.coldRuns);
    }
    if (settings.sections.has('apply')) {
      log('apply of 100 migrations (virtual time):');
      log('  --concurrency 8 (the default)');
      // Quick: the clock runs faster while only migrations run (coarser, see apply-child.ts).
      apply = await runApply({ instances: 100, topicsPerInstance: settings.topics, ...(settings.quick ? { speed: 2500 } : {}) });
      if (!settings.quick) {
        // What the blast-radius cap costs: ten waves of ten.
        log('  --max-running 10 (staged)');
        applyStaged = await runApply({ instances: 100, maxRunning: 10, topicsPerInstance: settings.topics });
      }
    }
    if (settings.sections.has('precheck')) {
      log('pre-checks of one instance:');
      precheck = await benchPrecheck({ topics: settings.precheckTopics, latencyMs: settings.latencyMs, workDir, log });
    }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }

  const targets = evaluate(plan, cold, apply);
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
  const results = {
    date: new Date().toISOString(),
    quick: settings.quick,
    machine,
    settings: { latencyMs: settings.latencyMs, topicsPerInstance: settings.topics, changingShare: 0.1, precheckTopics: settings.precheckTopics, coldRuns: settings.coldRuns },
    plan: plan.map((p) => ({ ...p, ratioWall: p.baselineWallMs === null ? null : ratio(p.wallMs, p.baselineWallMs), ratioCalls: p.baselineApiCalls === null ? null : ratio(p.apiCalls, p.baselineApiCalls) })),
    coldStart: cold ?? null,
    apply: apply ?? null,
    applyStaged: applyStaged ?? null,
    precheck: precheck ?? null,
    targets,
    durationMs: Date.now() - started,
  };
  fs.mkdirSync(path.dirname(settings.out), { recursive: true });
  fs.writeFileSync(settings.out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(renderReport(results));
  process.stdout.write(`\nresults: ${path.relative(process.cwd(), settings.out)} (${formatMs(results.durationMs)})\n`);
  if (settings.strict && targets.some((t) => t.status === 'MISS')) process.exitCode = 2;
}

main()
  .catch((e: unknown) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  })
  .finally(() => {
    if (liveChildren() > 0) process.stderr.write(`note: ${liveChildren()} child process(es) still running; they are killed on exit\n`);
  });
