/**
 * What the attacks of `npm run attack` share: the real CLI as a child process (optionally allowed
 * to write only a few kilobytes per file, as on a full disk), `ckafka emulator serve` as a child
 * process, raw HTTP sockets, and emulator states with hostile names. Loopback only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { connect, type Socket } from 'node:net';
import * as path from 'node:path';
import { createSeedState, type EmulatorState } from '../../src/cloud/emulator';
import { registerChild } from './children';
import { cleanEnv } from './env';
import { CLI } from './run-process';

/** One attack's verdict. */
export interface AttackResult {
  /** Whether the defence held. */
  readonly held: boolean;
  /** What was seen, in a line for the table. */
  readonly observed: string;
}

/** An attack of the table in docs/reliability.md (Attacks). */
export interface Attack {
  /** The row of that table: B5, B6, … */
  readonly id: string;
  /** The attack, in a line. */
  readonly what: string;
  run(dir: string): Promise<AttackResult>;
}

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Let the process write at most this many blocks per file (`ulimit -f`, with SIGXFSZ ignored):
   * the kernel then cuts a write short and refuses the next one, as on a full disk.
   */
  readonly fileSizeBlocks?: number;
  /** Kill the process with SIGKILL after this many milliseconds. */
  readonly killAfterMs?: number;
  /** Kill it anyway after this long. @default 60000 */
  readonly timeoutMs?: number;
}

let cliPath = CLI;

/** Runs the attacks against another build's `bin/ckafka.js` (a previous version, to see them break). */
export function useCli(path: string): void {
  cliPath = path;
}

function quote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Starts `ckafka <args>`. */
export function startCli(args: readonly string[], options: CliOptions): { child: ChildProcess; done: Promise<CliRun> } {
  const env = options.env ?? cleanEnv();
  const child = registerChild(
    options.fileSizeBlocks === undefined
      ? spawn(process.execPath, [cliPath, ...args], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn('/bin/sh', ['-c', `trap '' XFSZ; ulimit -f ${options.fileSizeBlocks} && exec ${[process.execPath, cliPath, ...args].map(quote).join(' ')}`], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timers = [
    setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000),
    ...(options.killAfterMs === undefined ? [] : [setTimeout(() => child.kill('SIGKILL'), options.killAfterMs)]),
  ];
  const done = new Promise<CliRun>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      for (const t of timers) clearTimeout(t);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, done };
}

/** Runs `ckafka <args>` to the end. */
export function cli(args: readonly string[], options: CliOptions): Promise<CliRun> {
  return startCli(args, options).done;
}

/** `ckafka emulator serve` on a free port; resolves once it listens. */
export async function startServe(statePath: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number; done: Promise<CliRun> }> {
  const started = startCli(['emulator', 'serve', '--port', '0', '--state', statePath], { cwd, env, timeoutMs: 120_000 });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    started.child.stdout?.on('data', (d: string) => {
      out += d;
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+) /.exec(out);
      if (m !== null) resolve(Number(m[1]));
    });
    void started.done.then((r) => reject(new Error(`ckafka emulator serve exited (${r.signal ?? r.code}): ${r.stderr.slice(-300)}`)));
  });
  return { ...started, port };
}

/** A raw HTTP/1.1 client on a socket to 127.0.0.1. */
export function rawSocket(port: number): { socket: Socket; received: () => string; closed: Promise<void> } {
  const socket = connect(port, '127.0.0.1');
  let data = '';
  socket.setEncoding('latin1').on('data', (d: string) => (data += d));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, received: () => data, closed };
}

/** The head of a POST / with these headers. */
export function requestHead(host: string, headers: Readonly<Record<string, string>>): string {
  return `POST / HTTP/1.1\r\nHost: ${host}\r\n${Object.entries(headers)
    .filter(([k]) => k.toLowerCase() !== 'host')
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
}

/** Resolves with what `p` gives within `ms`, else with `late`. */
export function within<T, L>(p: Promise<T>, ms: number, late: L): Promise<T | L> {
  return Promise.race([p, new Promise<L>((resolve) => setTimeout(() => resolve(late), ms).unref())]);
}

/** Peak resident memory of a process in MB (Linux `/proc`), or `undefined`. */
export function peakRssMB(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m === null ? undefined : Math.round(Number(m[1]) / 1024);
  } catch {
    return undefined;
  }
}

/** The seed fleet at a fixed time, on a clock that moves only when ckafka waits (as the CLI makes it). */
export function seedState(mutate?: (s: EmulatorState) => void): EmulatorState {
  const now = new Date('2026-03-02T02:00:00Z');
  const state = createSeedState({ now });
  state.clock = { virtualAt: now.toISOString(), realAt: Date.now(), speed: 0, revision: 1, stepOnSleep: true };
  mutate?.(state);
  return state;
}

/**
 * Writes a state file (and its folder) in format version 1, which every build reads (this one as
 * revision 0), so the attacks also run against an older build.
 */
export async function writeState(file: string, state: EmulatorState): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const { revision: _revision, ...rest } = state;
  await fs.promises.writeFile(file, `${JSON.stringify({ ...rest, formatVersion: 1 }, null, 2)}\n`);
}

/** The seed instance ids the attacks use. */
export const IDS = { payments: 'ckafka-4m7tz1bc', orders: 'ckafka-9x2kq7pe', audit: 'ckafka-2pd8v6fj' } as const;

/** A YAML double-quoted string holding exactly `s`: everything but printable ASCII as `\uXXXX`. */
export function yamlQuoted(s: string): string {
  return `"${[...s].map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) > 0x7e || c === '"' || c === '\\' ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join('')}"`;
}

/** A fleet file that raises payments to `bw` MB/s now. */
export function paymentsFleet(bw: number, name = 'payments'): string {
  return [
    'region: ap-guangzhou',
    'instances:',
    `  - name: ${yamlQuoted(name)}`,
    `    instanceId: ${IDS.payments}`,
    '    edition: pro',
    `    bandwidthMBps: ${bw}`,
    '    diskGB: 2000',
    '    partitions: 1200',
    '    upgrade:',
    '      rebalance: now',
    '      mode: stable',
    '',
  ].join('\n');
}
