/**
 * The parent's handle on an emulator host process (emulator-host.ts): start it, ask it for
 * counters and state summaries, change its faults, stop it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { Faults } from '../../src/cloud/emulator';
import { registerChild } from './children';
import type { HostConfig, HostCounters, HostReady, HostRequest, HostResponse, HostSummary } from './emulator-protocol';

const REGISTER = path.resolve(__dirname, '../../scripts/ts-register.js');

export interface EmulatorHost extends HostReady {
  readonly pid: number;
  counters(): Promise<HostCounters>;
  reset(): Promise<void>;
  summary(detail?: boolean): Promise<HostSummary>;
  setFaults(faults: Partial<Faults>): Promise<void>;
  stop(): Promise<void>;
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/** Starts an emulator host and resolves when it listens. */
export function startEmulatorHost(config: HostConfig): Promise<EmulatorHost> {
  const child: ChildProcess = registerChild(
    fork(path.join(__dirname, 'emulator-host.ts'), [], {
      execArgv: ['-r', REGISTER],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // No proxy variables: the emulator is on loopback.
      env: { ...process.env, http_proxy: '', https_proxy: '', HTTP_PROXY: '', HTTPS_PROXY: '', CKAFKA_BENCH_HOST_CONFIG: JSON.stringify(config) },
    }),
  );
  const pending = new Map<number, Pending>();
  let next = 1;
  return new Promise<EmulatorHost>((resolveReady, rejectReady) => {
    const failAll = (why: string): void => {
      rejectReady(new Error(why));
      for (const p of pending.values()) p.reject(new Error(why));
      pending.clear();
    };
    child.once('exit', (code, signal) => failAll(`the emulator host exited (${signal ?? code})`));
    child.once('error', (e) => failAll(`the emulator host failed: ${e.message}`));
    const ask = <T>(request: WithoutId<HostRequest>): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        if (!child.connected) return reject(new Error('the emulator host is not running'));
        const id = next++;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ ...request, id });
      });
    child.on('message', (raw) => {
      const m = raw as HostResponse;
      if (m.id === 0) {
        if (!m.ok) return failAll(m.error);
        const ready = m.value as HostReady;
        resolveReady({
          ...ready,
          pid: child.pid ?? -1,
          counters: () => ask<HostCounters>({ cmd: 'counters' }),
          reset: () => ask<void>({ cmd: 'reset' }),
          summary: (detail) => ask<HostSummary>({ cmd: 'summary', ...(detail === undefined ? {} : { detail }) }),
          setFaults: (faults) => ask<void>({ cmd: 'faults', faults }),
          stop: async () => {
            if (child.exitCode !== null || child.signalCode !== null) return;
            const exited = new Promise<void>((r) => child.once('exit', () => r()));
            try {
              await Promise.race([ask<void>({ cmd: 'stop' }), exited]);
            } catch {
              // fall through to the kill below
            }
            const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
            await exited;
            clearTimeout(timer);
          },
        });
        return;
      }
      const p = pending.get(m.id);
      if (p === undefined) return;
      pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(m.error));
    });
  });
}
