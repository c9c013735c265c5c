/**
 * `ckafka` in-process (`runCli`), for tests where a process is not the point: the same commands,
 * flags and exit codes as the binary, in milliseconds.
 */
import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli/main';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `ckafka <argv>` in `cwd` with only `env` (plus PATH) as the environment. */
export async function runInProcess(argv: readonly string[], cwd: string, env: Readonly<Record<string, string>> = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await runCli(argv, { stdout, stderr, env: { PATH: process.env.PATH ?? '', ...env }, cwd });
  return { code, stdout: out, stderr: err };
}
