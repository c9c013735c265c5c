/** Shared set-up for the emulator tests: a manual clock at a fixed time and the seed fleet. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmulator, createManualClock, type Emulator, type EmulatorOptions, type VirtualClock } from '../../../src/cloud/emulator';
import type { LooseJson } from '../../support/loose-json';
import { ROOT } from '../../support/workspace';

/** Monday 2 March 2026, 10:00 in Beijing. */
export const T0 = new Date('2026-03-02T02:00:00Z');

/** The seed fleet's instance ids. */
export const IDS = {
  orders: 'ckafka-9x2kq7pe', // Pro prepaid, room to grow (capacity 400 MB/s, 6000 GB)
  payments: 'ckafka-4m7tz1bc', // Pro postpaid, at capacity
  clickstream: 'ckafka-7hw5n3rd', // Pro postpaid, produce 340 of 400 MB/s
  media: 'ckafka-3rf6w8ya', // Pro postpaid, MaxMessageByte 8 MiB
  audit: 'ckafka-2pd8v6fj', // Advanced prepaid, out-of-sync partition 2 of audit.trail
  legacy: 'ckafka-5ct9y4ks', // Standard prepaid
  reports: 'ckafka-r3p0rts1', // Pro prepaid at 150 MB/s (off-step), CLOUD_BASIC, a past RebalanceTime
  telemetry: 'ckafka-t3l3m7ry', // Pro postpaid, elastic storage (DiskSize -1)
} as const;

export const MINUTE = 60_000;
export const HOUR = 3_600_000;

/**
 * A fresh in-memory emulator with a stopped clock at {@link T0}, on the seed fleet (the emulator's
 * own, built at the clock's {@link T0}) unless `options.state` says otherwise.
 */
export function newEmulator(options: Omit<EmulatorOptions, 'clock'> = {}): { em: Emulator; clock: VirtualClock } {
  const clock = createManualClock(T0);
  const em = createEmulator({ ...options, clock });
  return { em, clock };
}

/** Calls an action at the wire level and returns the inner `Response`. */
export async function call(em: Emulator, action: string, request: unknown = {}): Promise<Record<string, LooseJson>> {
  const out = (await em.handleAction(action, request)) as { Response: Record<string, LooseJson> };
  return out.Response;
}

/** The `Error.Code` of a call, or `undefined` when it succeeded. */
export async function errorCode(em: Emulator, action: string, request: unknown = {}): Promise<string | undefined> {
  const r = await call(em, action, request);
  return r.Error?.Code;
}

/** A temporary directory removed after the test file. */
export function makeTempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ckafka-emulator-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The instance of the state with this id. */
export function instanceOf(em: Emulator, id: string) {
  const found = em.instance(id);
  if (found === undefined) throw new Error(`no instance ${id}`);
  return found;
}

/** Advances the clock in steps until `done()` or `limitMs`; returns the virtual ms it took (to a step). */
export function advanceUntil(em: Emulator, clock: VirtualClock, done: () => boolean, stepMs: number, limitMs: number): number {
  let elapsed = 0;
  while (!done()) {
    if (elapsed >= limitMs) return Number.POSITIVE_INFINITY;
    clock.advance(stepMs);
    elapsed += stepMs;
  }
  return elapsed;
}

/** How many instances the seed fleet holds (see src/cloud/emulator/seed-state.ts). */
export const SEED_INSTANCES = 12;


/** A TypeScript fixture of this folder in its own process: what it printed (stdout and stderr) and its exit code. */
export function spawnTsChild(fixture: string, args: readonly string[]) {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'scripts/ts-register.js'), join(__dirname, fixture), ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const listeners = new Set<() => void>();
  const append = (d: Buffer): void => {
    output += d.toString();
    for (const l of listeners) l();
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = new Promise<{ code: number | null; output: string }>((resolve) => child.on('close', (code) => resolve({ code, output })));
  const printed = (text: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (output.startsWith(text)) resolve();
      };
      listeners.add(check);
      check();
      void exited.then(() => reject(new Error(`the child exited before printing ${JSON.stringify(text)}: ${output}`)));
    });
  return { process: child, exited, printed };
}
