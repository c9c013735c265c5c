/**
 * Runs a child process to completion and measures it: wall time from spawn to exit, and (with
 * the rss probe preloaded) its peak RSS and CPU time. Output is captured; nothing is inherited.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { registerChild } from './children';

export const ROOT = path.resolve(__dirname, '../..');
export const CLI = path.join(ROOT, 'bin', 'ckafka.js');
export const TS_REGISTER = path.join(ROOT, 'scripts', 'ts-register.js');
const PROBE = path.join(__dirname, 'rss-probe.js');

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Preload the rss probe. @default false */
  readonly probe?: boolean;
  /** Extra node flags (e.g. --cpu-prof). */
  readonly nodeFlags?: readonly string[];
  /** Kill the child after this long. @default none */
  readonly timeoutMs?: number;
  /** Called with the child's pid once it is spawned (the soak kills it at random moments). */
  readonly onSpawn?: (pid: number) => void;
  /** Keep at most this much of each stream. @default 64 MiB */
  readonly maxOutputBytes?: number;
}

export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly wallMs: number;
  readonly maxRssKB?: number;
  readonly cpuMs?: number;
}

/** Runs `node [flags] [-r probe] <script> ...args`. */
export function runNode(script: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const probeFile = options.probe === true ? path.join(os.tmpdir(), `ckafka-probe-${process.pid}-${Math.random().toString(36).slice(2)}.json`) : undefined;
  const flags = [...(options.nodeFlags ?? []), ...(probeFile === undefined ? [] : ['-r', PROBE])];
  const env = { ...(options.env ?? process.env), ...(probeFile === undefined ? {} : { CKAFKA_BENCH_PROBE: probeFile }) };
  const limit = options.maxOutputBytes ?? 64 * 1024 * 1024;
  return new Promise<RunResult>((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = registerChild(spawn(process.execPath, [...flags, script, ...args], { cwd: options.cwd ?? ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }));
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    child.stdout?.on('data', (b: Buffer) => {
      outBytes += b.length;
      if (outBytes <= limit) out.push(b);
    });
    child.stderr?.on('data', (b: Buffer) => {
      errBytes += b.length;
      if (errBytes <= limit) err.push(b);
    });
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.once('error', (e) => {
      if (timer) clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      let probe: { maxRssKB?: number; userCpuMs?: number; systemCpuMs?: number } = {};
      if (probeFile !== undefined) {
        try {
          probe = JSON.parse(fs.readFileSync(probeFile, 'utf8')) as typeof probe;
          fs.rmSync(probeFile, { force: true });
        } catch {
          // killed before exit: no probe
        }
      }
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        wallMs,
        ...(probe.maxRssKB === undefined ? {} : { maxRssKB: probe.maxRssKB }),
        ...(probe.userCpuMs === undefined ? {} : { cpuMs: (probe.userCpuMs ?? 0) + (probe.systemCpuMs ?? 0) }),
      });
    });
  });
}
