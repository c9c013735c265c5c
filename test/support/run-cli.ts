/**
 * `ckafka` in-process (`runCli`), for tests where a process is not the point: the same commands,
 * flags and exit codes as the binary, in milliseconds. Like a run of the binary, every run is
 * scanned for the fake credentials (a secret printed anywhere fails the test).
 */
import { runCli } from '../../src/cli/main';
import { assertNoSecrets } from './fake-credentials';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A stream that is not a terminal and keeps what is written to it, at once. */
function sink(add: (s: string) => void): NodeJS.WritableStream {
  return { write: (chunk: string | Uint8Array) => (add(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')), true) } as unknown as NodeJS.WritableStream;
}

/**
 * Runs `ckafka <argv>` in `cwd` with only `env` (plus PATH) as the environment. stdout and stderr
 * are not terminals, as when the binary's output is captured.
 */
export async function runInProcess(argv: readonly string[], cwd: string, env: Readonly<Record<string, string | undefined>> = {}): Promise<CliRun> {
  let out = '';
  let err = '';
  const stdout = sink((s) => (out += s));
  const stderr = sink((s) => (err += s));
  const code = await runCli(argv, { stdout, stderr, env: { PATH: process.env.PATH ?? '', ...env }, cwd });
  assertNoSecrets(out, `the stdout of ckafka ${argv.join(' ')}`);
  assertNoSecrets(err, `the stderr of ckafka ${argv.join(' ')}`);
  return { code, stdout: out, stderr: err };
}

/** `runInProcess` with the options of the binary's runner (test/e2e/_cli.ts), for tests written for both. */
export function ckafka(argv: readonly string[], options: { readonly cwd: string; readonly env?: Readonly<Record<string, string>> }): Promise<CliRun> {
  return runInProcess(argv, options.cwd, options.env);
}
