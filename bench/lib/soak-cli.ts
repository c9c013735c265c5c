/**
 * The soak's runs of the real CLI (bin/ckafka.js against the HTTP emulator): plan, apply (killed
 * with SIGKILL after a given time when asked), and a wait for settled instances. It counts commands,
 * failures and kills, and keeps every output for the secret scan.
 */
import * as fs from 'node:fs';
import type { EmulatorHost } from './emulator-process';
import { CLI, runNode, type RunResult } from './run-process';

/** An issue code in output (apply/stale, cloud/throttled, …): the mark of a clear error. */
export const ISSUE_CODE = /\b(spec|plan|apply|cloud|cli|cdktf|emulator)\/[a-z][a-z-]+\b/;

/** Apply's limits in one run. */
export interface Limits {
  readonly concurrency: number;
  readonly maxRunning?: number;
}

/** What the soak reads of `apply --format json`. */
export interface ApplyJson {
  readonly instances?: ReadonlyArray<{ readonly instanceId: string | null; readonly outcome: string; readonly message: string }>;
}

function parseApplyJson(stdout: string): ApplyJson | undefined {
  try {
    return JSON.parse(stdout) as ApplyJson;
  } catch {
    return undefined;
  }
}

/** The CLI as the soak runs it, with the counts the report gives. */
export class SoakCli {
  readonly outputs: string[] = [];
  commands = 0;
  failedCommands = 0;
  unclearFailures: string[] = [];
  kills = 0;

  constructor(
    private readonly host: EmulatorHost,
    private readonly dir: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Runs the CLI; every output is kept for the secret scan. */
  async cli(args: readonly string[], killAfterMs?: number): Promise<RunResult & { killed: boolean }> {
    this.commands += 1;
    let killed = false;
    let timer: NodeJS.Timeout | undefined;
    const r = await runNode(CLI, args, {
      cwd: this.dir,
      env: this.env,
      timeoutMs: 180_000,
      onSpawn: (pid) => {
        if (killAfterMs === undefined) return;
        timer = setTimeout(() => {
          try {
            process.kill(pid, 'SIGKILL');
            killed = true;
          } catch {
            // it had already exited
          }
        }, killAfterMs);
      },
    });
    if (timer !== undefined) clearTimeout(timer);
    if (killed && r.signal === 'SIGKILL') this.kills += 1;
    this.outputs.push(r.stdout, r.stderr);
    const wasKilled = killed && r.signal === 'SIGKILL';
    if (r.code !== 0 && !wasKilled) {
      this.failedCommands += 1;
      if (!ISSUE_CODE.test(`${r.stdout}\n${r.stderr}`)) this.unclearFailures.push(`${args[0] ?? ''} exited ${r.signal ?? r.code}: ${(r.stderr || r.stdout).slice(-400)}`);
    }
    return { ...r, killed: wasKilled };
  }

  /** Plans; resolves with whether a plan was written, and whether a failure named an issue code. */
  async plan(fleetFile: string, planFile: string): Promise<{ ok: boolean; clear: boolean }> {
    fs.rmSync(planFile, { force: true });
    const r = await this.cli(['plan', fleetFile, '--endpoint', this.host.url, '--out', planFile, '--format', 'json']);
    if (r.code === 0 && fs.existsSync(planFile)) {
      this.outputs.push(fs.readFileSync(planFile, 'utf8'));
      return { ok: true, clear: true };
    }
    return { ok: false, clear: ISSUE_CODE.test(`${r.stdout}\n${r.stderr}`) };
  }

  async apply(planFile: string, limits: Limits, killAfterMs?: number): Promise<RunResult & { killed: boolean; json?: ApplyJson }> {
    const args = ['apply', planFile, '--endpoint', this.host.url, '--poll-interval', '50ms', '--concurrency', String(limits.concurrency), '--format', 'json'];
    if (limits.maxRunning !== undefined) args.push('--max-running', String(limits.maxRunning));
    const r = await this.cli(args, killAfterMs);
    const json = r.killed ? undefined : parseApplyJson(r.stdout);
    return { ...r, ...(json === undefined ? {} : { json }) };
  }

  /** Waits until no instance is upgrading (bounded), so a re-plan sees settled instances. */
  async settle(): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const s = await this.host.summary(true);
      if (s.instances.every((x) => x.status !== 7)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
