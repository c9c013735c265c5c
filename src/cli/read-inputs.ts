/**
 * Turns `ckafka plan|validate [paths…]` into one declared fleet: fleet files, folders of them,
 * and synthesized cdktf apps (`cdktf.out`). Every problem is an issue with the file it is in.
 *
 * In a folder, fleet files are `ckafka.yaml` (`.yml`, `.json`) and `*.ckafka.yaml` (…): a naming
 * convention, so other YAML (CI workflows) and an `emulator-state.json` next to them are never
 * mistaken for fleet files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readInputFile } from '../io/read-input-file';
import type { Issue } from '../spec/issues';
import { parseFleet } from '../spec/parse-fleet';
import type { DesiredFleet, DesiredInstance } from '../spec/types';

export interface Inputs {
  readonly fleet: DesiredFleet;
  /** The files read, relative to the working directory, in order. */
  readonly files: readonly string[];
  readonly issues: readonly Issue[];
  /** An `emulator-state.json` found beside the fleet files: the seed for a new embedded emulator. */
  readonly emulatorSeed?: string;
  /** The folder of the first input (absolute): the project whose embedded emulator is used. */
  readonly folder?: string;
}

const FLEET_FILE = /^(ckafka|.+\.ckafka)\.(ya?ml|json)$/;
export const EMULATOR_SEED_NAME = 'emulator-state.json';

function fileIssue(code: Issue['code'], file: string, message: string, hint: string): Issue {
  return { code, severity: 'error', path: '', message, hint, file };
}

function isCdktfOut(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'manifest.json')) && fs.existsSync(path.join(dir, 'stacks'));
}

interface Source {
  readonly kind: 'fleet' | 'cdktf';
  readonly path: string;
}

function expand(cwd: string, arg: string, issues: Issue[], seeds: Set<string>): Source[] {
  const abs = path.resolve(cwd, arg);
  const rel = path.relative(cwd, abs) || '.';
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    issues.push(fileIssue('cli/file-not-found', rel, `${rel} does not exist`, 'pass a fleet file (ckafka.yaml), a folder holding one, or a cdktf.out folder'));
    return [];
  }
  // Anything but a folder is read as a fleet file, which refuses FIFOs, devices and the like.
  if (!stat.isDirectory()) {
    if (path.basename(abs) === 'manifest.json') return [{ kind: 'cdktf', path: path.dirname(abs) }];
    const seed = path.join(path.dirname(abs), EMULATOR_SEED_NAME);
    if (fs.existsSync(seed) && seed !== abs) seeds.add(seed);
    return [{ kind: 'fleet', path: abs }];
  }
  if (isCdktfOut(abs)) return [{ kind: 'cdktf', path: abs }];
  const found = fs
    .readdirSync(abs)
    .filter((f) => FLEET_FILE.test(f))
    .sort()
    .map((f) => ({ kind: 'fleet' as const, path: path.join(abs, f) }));
  if (found.length === 0) {
    const nested = path.join(abs, 'cdktf.out');
    if (isCdktfOut(nested)) return [{ kind: 'cdktf', path: nested }];
    issues.push(
      fileIssue('cli/unsupported-input', rel, `${rel} holds no fleet file`, 'name fleet files ckafka.yaml or <name>.ckafka.yaml, or pass the file itself; for cdktf, pass the cdktf.out folder'),
    );
  }
  if (fs.existsSync(path.join(abs, EMULATOR_SEED_NAME))) seeds.add(path.join(abs, EMULATOR_SEED_NAME));
  return found;
}

async function readCdktf(dir: string, cwd: string): Promise<{ value: DesiredFleet | undefined; issues: readonly Issue[] }> {
  // Loaded only for cdktf input: reading synthesized JSON needs no cdktf package, and the plan
  // path must stay light.
  const { readCdktfOut } = await import('../cdktf/read-cdktf-out');
  const r = readCdktfOut(dir);
  const rel = (f: string | undefined) => (f === undefined ? f : path.relative(cwd, path.resolve(cwd, f)));
  return {
    value: r.value,
    issues: r.issues.map((i) => (i.file === undefined ? i : { ...i, file: rel(i.file) as string })),
  };
}

function mergeIssues(instances: readonly DesiredInstance[]): Issue[] {
  const issues: Issue[] = [];
  const byName = new Map<string, DesiredInstance>();
  const byId = new Map<string, DesiredInstance>();
  for (const d of instances) {
    const where = (x: DesiredInstance) => `${x.source.file ?? ''} ${x.source.path}`.trim();
    const sameName = byName.get(d.name);
    if (sameName !== undefined && sameName.source.file !== d.source.file)
      issues.push({ code: 'spec/duplicate-name', severity: 'error', path: `${d.source.path}.name`, message: `name "${d.name}" is also declared in ${where(sameName)}`, hint: 'names must be unique across all files planned together', ...(d.source.file ? { file: d.source.file } : {}) });
    byName.set(d.name, sameName ?? d);
    if (d.instanceId === undefined) continue;
    const sameId = byId.get(d.instanceId);
    if (sameId !== undefined && sameId.source.file !== d.source.file)
      issues.push({ code: 'spec/duplicate-instance-id', severity: 'error', path: `${d.source.path}.instanceId`, message: `instanceId ${d.instanceId} is also declared in ${where(sameId)}`, hint: 'declare each instance in one file only', ...(d.source.file ? { file: d.source.file } : {}) });
    byId.set(d.instanceId, sameId ?? d);
  }
  return issues;
}

/**
 * Reads every input and merges them into one fleet. Fails (issues with errors, no fleet) when a
 * file is missing or invalid, when files name different regions, or when names or ids repeat.
 */
export async function readInputs(args: readonly string[], cwd: string, now?: Date): Promise<Inputs> {
  const issues: Issue[] = [];
  const seeds = new Set<string>();
  const sources = (args.length === 0 ? ['.'] : args).flatMap((a) => expand(cwd, a, issues, seeds));
  const files: string[] = [];
  const instances: DesiredInstance[] = [];
  const regions = new Map<string, string>();
  for (const s of sources) {
    const rel = path.relative(cwd, s.path) || '.';
    files.push(rel);
    let result: { value: DesiredFleet | undefined; issues: readonly Issue[] };
    if (s.kind === 'cdktf') result = await readCdktf(s.path, cwd);
    else {
      const read = readInputFile(s.path, { display: rel, what: 'a fleet file' });
      if (read.issue !== undefined) {
        issues.push(read.issue);
        continue;
      }
      result = parseFleet(read.text, { file: rel, ...(now === undefined ? {} : { now }) });
    }
    // One by one: spreading a fleet of 100,000 instances into push() overflows the call stack.
    for (const i of result.issues) issues.push(i);
    if (result.value === undefined) continue;
    for (const d of result.value.instances) instances.push(d);
    if (result.value.region !== undefined) regions.set(rel, result.value.region);
  }
  const distinct = [...new Set(regions.values())];
  if (distinct.length > 1)
    issues.push({
      code: 'cli/unsupported-input',
      severity: 'error',
      path: 'region',
      message: `the files name different regions: ${[...regions].map(([f, r]) => `${f}: ${r}`).join(', ')}`,
      hint: 'plan one region at a time (run ckafka once per region)',
    });
  issues.push(...mergeIssues(instances));
  const region = distinct[0];
  const seed = seeds.size === 1 ? [...seeds][0] : undefined;
  const first = sources[0];
  const folder = first === undefined ? undefined : first.kind === 'cdktf' ? first.path : path.dirname(first.path);
  return {
    fleet: { ...(region === undefined ? {} : { region }), instances },
    files,
    issues,
    ...(seed === undefined ? {} : { emulatorSeed: seed }),
    ...(folder === undefined ? {} : { folder }),
  };
}
