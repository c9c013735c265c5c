/**
 * Workspaces for running `ckafka` in tests, in process or as a process: temporary folders, fleet
 * files, and an emulator state file at a fixed virtual time (so windows and plans are
 * reproducible), with readers for what the emulator recorded.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createSeedState, saveEmulatorState, type EmulatorState, type Submission } from '../../src/cloud/emulator';
import { fleetYaml } from './seed-fleet';

export const ROOT = path.resolve(__dirname, '..', '..');

/** Monday 2 March 2026, 10:00 in Shanghai: outside a weekend window. */
export const T0 = new Date('2026-03-02T02:00:00Z');
export const T0_ISO = '2026-03-02T02:00:00Z';
export const WEEKEND_WINDOW = '{ window: { days: [sat, sun], start: "01:00", end: "05:00", timezone: Asia/Shanghai } }';
/** The next opening of that window after T0: Saturday 7 March 01:00 Asia/Shanghai. */
export const NEXT_WINDOW_OPENING = '2026-03-06T17:00:00.000Z';

/** A temporary folder; `cleanup` removes it. */
export function tempDir(prefix = 'ckafka-test-'): { dir: string; cleanup: () => void } {
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

export { SEED, fleetYaml, type Decl, type SeedName } from './seed-fleet';

/** Writes a file (creating its folder) and returns its path. */
export function writeFile(file: string, text: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/**
 * A workspace `parent/name` declaring one change (payments to 160 MB/s) over the seed fleet's
 * embedded state; `state` is that state file.
 */
export async function paymentsChangeWorkspace(parent: string, name: string): Promise<{ cwd: string; state: string }> {
  const cwd = path.join(parent, name);
  writeFile(path.join(cwd, 'ckafka.yaml'), fleetYaml({ payments: { bw: 160 } }));
  await writeSeedState(statePathIn(cwd));
  return { cwd, state: statePathIn(cwd) };
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
