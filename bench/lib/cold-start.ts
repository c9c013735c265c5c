/**
 * Cold start: the process wall time of `ckafka plan examples/quickstart` on the embedded emulator
 * (no credentials), each run in a fresh temporary working directory so the emulator state is
 * created from the quickstart's seed every time, against `node -e 0` on the same machine.
 * Runs alternate (plan, node, plan, node, …) after one unmeasured warm-up of each, so a change in
 * machine load affects both series alike; the medians are compared.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cleanEnv } from './env';
import { CLI, ROOT, runNode } from './run-process';

export interface ColdStartResult {
  readonly runs: number;
  /** Median process wall time of `ckafka plan examples/quickstart`, ms. */
  readonly planMs: number;
  /** Median process wall time of `node -e 0`, ms. */
  readonly nodeMs: number;
  readonly planRunsMs: readonly number[];
  readonly nodeRunsMs: readonly number[];
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? 0 : s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

async function planOnce(): Promise<number> {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'ckafka-cold-'));
  try {
    // A copy: the embedded state lives at the fleet files' git root, which for the repository's
    // own examples would be the developer's project state, not a fresh one.
    fs.cpSync(path.join(ROOT, 'examples', 'quickstart'), path.join(cwd, 'quickstart'), { recursive: true });
    const r = await runNode(CLI, ['plan', 'quickstart'], { cwd, env: cleanEnv() });
    if (r.code !== 0) throw new Error(`ckafka plan examples/quickstart exited with ${r.signal ?? r.code}: ${r.stderr.slice(-1000)}`);
    if (!fs.existsSync(path.join(cwd, '.ckafka', 'emulator-state.json'))) throw new Error('the cold-start run did not create its emulator state');
    return r.wallMs;
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}

async function nodeOnce(): Promise<number> {
  const r = await runNode('-e', ['0'], { env: cleanEnv() });
  if (r.code !== 0) throw new Error('node -e 0 failed');
  return r.wallMs;
}

export async function benchColdStart(runs: number): Promise<ColdStartResult> {
  await planOnce();
  await nodeOnce();
  const planRunsMs: number[] = [];
  const nodeRunsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    planRunsMs.push(Math.round(await planOnce()));
    nodeRunsMs.push(Math.round(await nodeOnce()));
  }
  return { runs, planMs: Math.round(median(planRunsMs)), nodeMs: Math.round(median(nodeRunsMs)), planRunsMs, nodeRunsMs };
}
