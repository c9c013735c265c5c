/**
 * Running the real `ckafka` binary (bin/ckafka.js → dist/, brought up to date by the processes
 * project's globalSetup) as a child process, in the workspaces of test/support/workspace.ts (an
 * emulator state file the test writes) or over HTTP against a server the test starts.
 *
 * Every spawn's stdout and stderr is scanned for the fake credentials: a secret printed anywhere
 * fails the test that ran the command. Every child still running after a test is killed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { assertNoSecrets } from '../support/fake-credentials';
import { ROOT } from '../support/workspace';

export * from '../support/workspace';
export const BIN = path.join(ROOT, 'bin', 'ckafka.js');

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
