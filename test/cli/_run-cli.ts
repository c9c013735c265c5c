/**
 * `runCli(argv, io)` in this process, with its output captured: for what the CLI says and
 * returns, where no process is the point (parsing, help, files, errors, formats).
 */
import { runInProcess, type CliRun } from '../support/run-cli';

export type { CliRun } from '../support/run-cli';

/** Runs `ckafka <argv>` in `cwd` with only `env` (no credentials, colour or CI from the runner; NO_COLOR unless given). */
export function cli(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return runInProcess(argv, cwd, { NO_COLOR: '1', ...env });
}
