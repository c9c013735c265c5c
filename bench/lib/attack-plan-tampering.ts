/**
 * Plan-tampering attacks (docs/reliability.md, Plan tampering: rows B1–B3 and B15, and F1–F13),
 * run through the CLI's own code path in this process: `ckafka plan --out` against the embedded
 * emulator on a state file in a temporary folder, then the plan edited the way anyone who can write
 * the plan file can edit it, with the digest recomputed from its documented definition (sha256 of
 * the canonical JSON without `digest`; written here independently, not ckafka-iac's function), then
 * `ckafka apply` with or without `--fleet`.
 *
 * A row holds when apply exits 1 with the expected issue code (at the expected path in the plan,
 * where the refusal comes from reading or verifying the plan) and the emulator's ledger shows no
 * accepted write. Loopback only, and in fact no network at all; bounded: one plan per scenario and
 * one apply per row, on a virtual clock.
 *
 * This module runs the rows; the rows themselves are in plan-tampers.ts, one module per theme
 * (schedule, identity, steps, verdicts, hostile JSON), and the scenarios they start from in
 * plan-tamper-scenarios.ts.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createEmulator, createSeedState, createVirtualClock, saveEmulatorState, type EmulatorState } from '../../src/cloud/emulator';
import { runCli } from '../../src/cli/main';
import type { Io } from '../../src/cli/output';
import type { Issue } from '../../src/spec/issues';
import type { Doc, Tamper } from './plan-tamper-kit';
import { fleetYaml, SCENARIOS, T0, type Scenario, type ScenarioName } from './plan-tamper-scenarios';
import { PLAN_TAMPERS } from './plan-tampers';

/** The rows {@link runPlanTamperingAttacks} runs, for callers that select or list them. */
export { PLAN_TAMPERS };

/** One attack and how it went. */
export interface AttackRow {
  readonly id: string;
  readonly attack: string;
  /** What must happen: the refusal (code and field) and no write. */
  readonly expected: string;
  /** What happened. */
  readonly result: string;
  /** Whether the result is the expected refusal with no write. */
  readonly held: boolean;
}

/** The digest as an attacker computes it from docs/plan-format.md: sha256 over the canonical JSON of the plan without `digest`. */
export function attackerDigest(plan: Doc): string {
  const canonical = (v: Doc): string => {
    if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonical(x))).join(',')}]`;
    if (v !== null && typeof v === 'object')
      return `{${Object.keys(v)
        .sort()
        .filter((k) => v[k] !== undefined)
        .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
        .join(',')}}`;
    return JSON.stringify(v);
  };
  const body: Doc = {};
  for (const k of Object.keys(plan)) if (k !== 'digest') Object.defineProperty(body, k, { value: plan[k], enumerable: true, writable: true, configurable: true });
  return `sha256:${createHash('sha256').update(canonical(body)).digest('hex')}`;
}

function sink(): { io: Io; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const io = {
    stdout: { write: (s: string) => ((out += s), true) },
    stderr: { write: (s: string) => ((err += s), true) },
    env: { NO_COLOR: '1' },
    cwd: '',
  } as unknown as Io;
  return { io, out: () => out, err: () => err };
}

async function ckafka(cwd: string, argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const s = sink();
  const code = await runCli(argv, { ...s.io, cwd });
  return { code, stdout: s.out(), stderr: s.err() };
}

const readState = (file: string): EmulatorState => JSON.parse(fs.readFileSync(file, 'utf8')) as EmulatorState;

/** Every issue in apply's JSON output: an error envelope, or a result with per-instance issues. */
function issuesOf(stdout: string): Issue[] {
  try {
    const doc = JSON.parse(stdout) as { error?: { issues?: Issue[] }; issues?: Issue[]; instances?: Array<{ issues?: Issue[] }> };
    return [...(doc.error?.issues ?? []), ...(doc.issues ?? []), ...(doc.instances ?? []).flatMap((i) => i.issues ?? [])];
  } catch {
    return [];
  }
}

interface Prepared {
  readonly dir: string;
  readonly plan: string;
  readonly attacker: string | undefined;
}

async function prepare(root: string, name: ScenarioName): Promise<Prepared> {
  const scenario: Scenario = SCENARIOS[name];
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  const state = createSeedState({ now: T0 });
  state.faults.rateLimitsEnabled = false;
  const em = createEmulator({ state, clock: createVirtualClock({ start: T0, speed: 0, stepOnSleep: true }) });
  await scenario.setup?.(em);
  const seeded = em.snapshot();
  await em.close();
  // A clock that stands still and moves only when ckafka waits, as the CLI's embedded emulator runs.
  seeded.clock = { virtualAt: T0.toISOString(), realAt: Date.now(), speed: 0, revision: 1, stepOnSleep: true };
  await saveEmulatorState(path.join(dir, 'state.json'), seeded);
  fs.writeFileSync(path.join(dir, 'fleet.yaml'), fleetYaml(scenario.fleet, scenario.noRegion !== true));
  const planned = await ckafka(dir, ['plan', 'fleet.yaml', '--emulator-state', 'state.json', '--out', 'plan.json', '--format', 'json']);
  if (planned.code !== 0) throw new Error(`plan of scenario ${name} failed (${planned.code}): ${planned.stderr}`);
  let attacker: string | undefined;
  if (scenario.attacker !== undefined) {
    fs.writeFileSync(path.join(dir, 'attacker.yaml'), fleetYaml(scenario.attacker, true));
    const own = await ckafka(dir, ['plan', 'attacker.yaml', '--emulator-state', 'state.json', '--out', 'attacker-plan.json', '--format', 'json']);
    if (own.code !== 0) throw new Error(`attacker plan of scenario ${name} failed (${own.code}): ${own.stderr}`);
    attacker = fs.readFileSync(path.join(dir, 'attacker-plan.json'), 'utf8');
  }
  return { dir, plan: fs.readFileSync(path.join(dir, 'plan.json'), 'utf8'), attacker };
}

function expectedWords(t: Tamper): string {
  return `refused: ${t.code}${t.path === undefined ? '' : ` at ${t.path}`}; no write`;
}

async function attack(t: Tamper, base: Prepared, root: string): Promise<AttackRow> {
  const dir = path.join(root, `row-${t.id}`);
  fs.mkdirSync(dir, { recursive: true });
  for (const f of ['state.json', 'fleet.yaml']) fs.copyFileSync(path.join(base.dir, f), path.join(dir, f));
  const plan: Doc = JSON.parse(base.plan);
  t.edit(plan, base.attacker === undefined ? undefined : JSON.parse(base.attacker));
  if (t.keepDigest !== true) plan.digest = attackerDigest(plan);
  fs.writeFileSync(path.join(dir, 'tampered.json'), JSON.stringify(plan));

  const stateFile = path.join(dir, 'state.json');
  if (t.meanwhile !== undefined) {
    const s = readState(stateFile);
    t.meanwhile(s);
    await saveEmulatorState(stateFile, s);
  }
  const before = readState(stateFile).submissions.length;
  const applied = await ckafka(dir, ['apply', 'tampered.json', ...(t.fleet ? ['--fleet', 'fleet.yaml'] : []), '--emulator-state', 'state.json', '--format', 'json', '--poll-interval', '10m']);
  const writes = readState(stateFile).submissions.slice(before);
  const issues = issuesOf(applied.stdout);
  const match = issues.find((i) => i.code === t.code && (t.path === undefined || i.path === t.path));
  const held = applied.code === 1 && writes.length === 0 && match !== undefined;
  const named = issues
    .filter((i) => i.severity === 'error')
    .slice(0, 3)
    .map((i) => `${i.code}${i.path ? ` at ${i.path}` : ''}`)
    .join('; ');
  const result = `exit ${applied.code}; ${named || 'no issue'}; ${writes.length === 0 ? 'no write' : `${writes.length} write(s): ${writes.map((w) => `${w.action} ${w.instanceId ?? ''}`).join(', ')}`}`;
  return { id: t.id, attack: t.attack, expected: expectedWords(t), result, held };
}

/** Options of {@link runPlanTamperingAttacks}. */
export interface PlanTamperingOptions {
  /** Only these row ids. @default every row */
  readonly only?: readonly string[];
  /** Keep the temporary folder (plans, state files) for inspection. @default false */
  readonly keep?: boolean;
  /** Run in this folder (created if missing) and leave it for the caller. @default a temporary folder, removed unless `keep` */
  readonly dir?: string;
}

/**
 * Runs every plan-tampering attack and returns one row each. Rows run one after another in this
 * process against the embedded emulator; nothing listens on a port.
 */
export async function runPlanTamperingAttacks(options: PlanTamperingOptions = {}): Promise<AttackRow[]> {
  const root = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ckafka-attack-plan-'));
  if (options.dir !== undefined) fs.mkdirSync(root, { recursive: true });
  try {
    const tampers = PLAN_TAMPERS.filter((t) => options.only === undefined || options.only.includes(t.id));
    const bases = new Map<ScenarioName, Prepared>();
    const rows: AttackRow[] = [];
    for (const t of tampers) {
      let base = bases.get(t.scenario);
      if (base === undefined) {
        base = await prepare(root, t.scenario);
        bases.set(t.scenario, base);
      }
      rows.push(await attack(t, base, root));
    }
    return rows;
  } finally {
    if (options.keep !== true && options.dir === undefined) fs.rmSync(root, { recursive: true, force: true });
  }
}
