/**
 * A child process that serves the CKafka emulator over HTTP (TC3-verified) for the benchmarks and
 * the soak, and answers its parent over IPC: counters of what it served (calls, throttles and
 * injected faults by action), a summary of its state (virtual time, submissions ledger, specs),
 * fault changes, and stop.
 *
 * Started by `startEmulatorHost` (emulator-process.ts) with a JSON config in its environment. It exits when
 * its parent goes away, so no server outlives a bench run, even after kill -9 of the parent.
 */
import * as fs from 'node:fs';
import {
  createEmulator,
  parseEmulatorState,
  startEmulatorServer,
  type DispatchOutcome,
  type Emulator,
  type Faults,
} from '../../src/cloud/emulator';
import type { HostConfig, HostCounters, HostRequest, HostResponse, HostSummary, ActionCounters } from './emulator-protocol';

function emptyCounters(): ActionCounters {
  return { calls: 0, ok: 0, apiErrors: 0, rateLimited: 0, injectedThrottles: 0, unavailable: 0, dropBefore: 0, dropAfter: 0, latencySpikes: 0 };
}

function count(counters: Map<string, ActionCounters>, action: string, out: DispatchOutcome, baseLatencyMs: number): void {
  let c = counters.get(action);
  if (c === undefined) {
    c = emptyCounters();
    counters.set(action, c);
  }
  c.calls += 1;
  if (out.latencyMs > baseLatencyMs) c.latencySpikes += 1;
  if (out.kind === 'fault') {
    if (out.fault === 'unavailable') c.unavailable += 1;
    else c.dropBefore += 1;
    return;
  }
  if (out.lostResponse) {
    c.dropAfter += 1;
    return;
  }
  const error = (out.body.Response as { Error?: { Code?: string; Message?: string } }).Error;
  if (error === undefined) {
    c.ok += 1;
    return;
  }
  if (error.Code === 'RequestLimitExceeded') {
    if ((error.Message ?? '').includes('injected fault')) c.injectedThrottles += 1;
    else c.rateLimited += 1;
    return;
  }
  c.apiErrors += 1;
}

function summarize(em: Emulator, detail: boolean): HostSummary {
  const s = em.snapshot();
  return {
    virtualNow: em.clock.now().toISOString(),
    speed: em.clock.speed,
    calls: s.calls,
    instances: detail
      ? s.instances.map((i) => ({
          instanceId: i.instanceId,
          status: i.status,
          statusSince: i.statusSince,
          bandwidthMBps: i.bandwidthMBps,
          diskGB: i.diskGB,
          partitions: i.partitions,
          task: i.task === null ? null : { target: i.task.target, startedAt: i.task.startedAt, migrate: i.task.migrate, phase: i.task.phase },
        }))
      : [],
    submissions: detail ? s.submissions.map((x) => ({ at: x.at, action: x.action, instanceId: x.instanceId, params: x.params, requestId: x.requestId })) : [],
  };
}

async function main(): Promise<void> {
  // From the environment, not argv: argv is visible to every user of the machine (ps).
  const config = JSON.parse(process.env.CKAFKA_BENCH_HOST_CONFIG ?? '{}') as HostConfig;
  delete process.env.CKAFKA_BENCH_HOST_CONFIG;
  const initial = config.initialStatePath === undefined ? undefined : parseEmulatorState(JSON.parse(fs.readFileSync(config.initialStatePath, 'utf8')));
  const clock = config.speed === undefined ? undefined : { speed: config.speed, ...(config.start === undefined ? {} : { start: new Date(config.start) }) };
  const em = createEmulator({
    ...(initial === undefined ? {} : { state: initial }),
    ...(config.statePath === undefined ? {} : { statePath: config.statePath }),
    ...(clock === undefined ? {} : { clock }),
  });
  let faultOverrides: Partial<Faults> = { ...config.faults };
  const counters = new Map<string, ActionCounters>();
  const wrapped: Emulator = {
    ...em,
    dispatch: async (action, request, region, timing) => {
      const out = await em.dispatch(action, request, region, timing);
      count(counters, action, out, faultOverrides.latencyMs ?? 0);
      return out;
    },
  };
  // Faults live in the state (not in per-process overrides), so later changes take effect; for a
  // file-backed state this also writes the file before the first client call.
  await em.update((s) => {
    if (config.faults !== undefined) s.faults = { ...s.faults, ...config.faults };
  });
  const server = await startEmulatorServer({ emulator: wrapped, credentials: config.credentials });

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await em.close();
  };
  process.on('disconnect', () => {
    void stop().finally(() => process.exit(0));
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => void stop().finally(() => process.exit(0)));

  const reply = (r: HostResponse): void => {
    if (process.connected) process.send?.(r);
  };
  process.on('message', (raw) => {
    const m = raw as HostRequest;
    void (async () => {
      try {
        switch (m.cmd) {
          case 'counters': {
            const out: HostCounters = Object.fromEntries([...counters.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, { ...v }]));
            reply({ id: m.id, ok: true, value: out });
            return;
          }
          case 'reset':
            counters.clear();
            reply({ id: m.id, ok: true, value: null });
            return;
          case 'summary':
            reply({ id: m.id, ok: true, value: summarize(em, m.detail === true) });
            return;
          case 'faults':
            // Persisted in the state (the file, for the soak), so every later call uses them.
            faultOverrides = { ...faultOverrides, ...m.faults };
            await em.update((s) => {
              s.faults = { ...s.faults, ...m.faults };
            });
            reply({ id: m.id, ok: true, value: null });
            return;
          case 'stop':
            await stop();
            reply({ id: m.id, ok: true, value: null });
            process.disconnect();
            return;
        }
      } catch (e) {
        reply({ id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) });
      }
    })();
  });
  reply({ id: 0, ok: true, value: { url: server.url, port: server.port, endpoint: server.endpoint } });
}

main().catch((e: unknown) => {
  process.stderr.write(`emulator host failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
