/**
 * `runCli(argv, io)` in this process, with its output captured: for what the CLI says and
 * returns, where no process is the point (parsing, help, files, errors, formats).
 */
import { runCli } from '../../src/cli/main';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `ckafka <argv>` in `cwd` with only `env` (no credentials, colour or CI from the runner). */
export async function cli(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const sink = (add: (s: string) => void) => ({ write: (chunk: string | Uint8Array) => (add(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')), true) }) as unknown as NodeJS.WritableStream;
  const code = await runCli(argv, {
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
    cwd,
  });
  return { code, stdout, stderr };
}
