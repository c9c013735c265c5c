/**
 * Running the real `ckafka` binary (bin/ckafka.js → dist/, brought up to date by the processes
 * project's globalSetup) as a child process, in temporary folders, on an emulator state file the
 * test writes (a fixed virtual time, so windows and plans are reproducible) or over HTTP against a
 * server the test starts. The workspace helpers (seed state, temporary folders, fleet files) serve
 * the in-process CLI tests too.
 *
 * Every spawn's stdout and stderr is scanned for the fake credentials: a secret printed anywhere
 * fails the test that ran the command. Every child still running after a test is killed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createSeedState, saveEmulatorState, type EmulatorState, type Submission } from '../../src/cloud/emulator';
import { assertNoSecrets } from '../support/fake-credentials';

export const ROOT = path.resolve(__dirname, '..', '..');
export const BIN = path.join(ROOT, 'bin', 'ckafka.js');

/** Monday 2 March 2026, 10:00 in Shanghai: outside a weekend window. */
export const T0 = new Date('2026-03-02T02:00:00Z');
export const T0_ISO = '2026-03-02T02:00:00Z';
export const WEEKEND_WINDOW = '{ window: { days: [sat, sun], start: "01:00", end: "05:00", timezone: Asia/Shanghai } }';
/** The next opening of that window after T0: Saturday 7 March 01:00 Asia/Shanghai. */
export const NEXT_WINDOW_OPENING = '2026-03-06T17:00:00.000Z';

export { FAKE_CREDENTIALS, assertNoSecrets } from '../support/fake-credentials';

export interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd: string;
  /** Added to a clean environment (PATH and HOME only: no colour, CI or cloud variables from the runner). */
  readonly env?: Readonly<Record<string, string>>;
}

const live = new Set<ChildProcess>();

/** A child environment with nothing from the runner that changes ckafka's behaviour. */
export function cleanEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), CHECKPOINT_DISABLE: '1', ...extra };
}

/** Starts `ckafka <args>`; the result settles when it exits. */
export function start(args: readonly string[], options: RunOptions): { child: ChildProcess; done: Promise<Run>; output: () => { stdout: string; stderr: string } } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: cleanEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<Run>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      live.delete(child);
      try {
        assertNoSecrets(stdout, `the stdout of ckafka ${args.join(' ')}`);
        assertNoSecrets(stderr, `the stderr of ckafka ${args.join(' ')}`);
      } catch (e) {
        reject(e);
        return;
      }
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, done, output: () => ({ stdout, stderr }) };
}

/** Runs `ckafka <args>` to the end. */
export function ckafka(args: readonly string[], options: RunOptions): Promise<Run> {
  return start(args, options).done;
}

/** Kills every child still running (call in afterEach/afterAll). */
export function killAll(): void {
  for (const c of live) c.kill('SIGKILL');
  live.clear();
}

/** A temporary folder; `cleanup` removes it. */
export function tempDir(prefix = 'ckafka-e2e-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Where the CLI keeps the embedded emulator's state by default, under `cwd`. */
export function statePathIn(cwd: string): string {
  return path.join(cwd, '.ckafka', 'emulator-state.json');
}

/**
 * Writes the seed fleet as the CLI's embedded emulator state: at T0, on a clock that moves only
 * when ckafka waits (what the CLI creates on first use, but at a fixed time).
 */
export async function writeSeedState(file: string, mutate?: (s: EmulatorState) => void, at: Date = T0): Promise<void> {
  const state = createSeedState({ now: at });
  state.clock = { virtualAt: at.toISOString(), realAt: Date.now(), speed: 0, revision: 1, stepOnSleep: true };
  mutate?.(state);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await saveEmulatorState(file, state);
}

/** The state file as JSON (written atomically by the emulator, so readable at any time). */
export function readState(file: string): EmulatorState {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as EmulatorState;
}

/** The spec changes in a state file's ledger. */
export function specSubmissionsIn(file: string, instanceId?: string): Submission[] {
  return readState(file).submissions.filter((s) => (s.action === 'ModifyInstancePre' || s.action === 'InstanceScalingDown') && (instanceId === undefined || s.instanceId === instanceId));
}

export { SEED, fleetYaml, type Decl, type SeedName } from '../support/seed-fleet';

/** Writes a file (creating its folder) and returns its path. */
export function writeFile(file: string, text: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** Polls `check` every `everyMs` real milliseconds until it holds, for at most `limitMs`. */
export async function eventually(check: () => boolean, limitMs = 15_000, everyMs = 20): Promise<void> {
  const until = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`condition not reached within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** ANSI escape sequences. */
// eslint-disable-next-line no-control-regex
export const ANSI = /\u001b\[/;
