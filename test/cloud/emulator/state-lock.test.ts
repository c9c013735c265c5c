/**
 * The state file's lock: a lock left by a dead process, by an unreadable owner or by another host
 * is recovered once stale; a live owner on this host is never broken, however old; a process that
 * stalls inside its transaction loses no one's change; a waiter gives up after its timeout.
 */
import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createEmulator, createManualClock, createSeedState, loadEmulatorState, saveEmulatorState } from '../../../src/cloud/emulator';
import { deadPid } from '../../support/fake-fs';
import { T0, call, makeTempDir, spawnTsChild } from './_helpers';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
let n = 0;
const fresh = (): string => join(tmp.dir, `k${++n}`, 'emulator-state.json');

describe('the lock', () => {
  it('recovers a lock left by a dead process', async () => {
    const path = fresh();
    const em = createEmulator({ statePath: path, clock: createManualClock(T0) });
    await em.update(() => undefined);
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: await deadPid(), host: hostname(), token: 'stale', acquiredAt: T0.toISOString() }));
    expect((await call(em, 'DescribeCkafkaZone')).Error).toBeUndefined();
    await em.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('recovers a lock file older than the stale age whose owner cannot be read', async () => {
    const path = fresh();
    const em = createEmulator({ statePath: path, clock: createManualClock(T0), lock: { staleMs: 5000 } });
    await em.update(() => undefined);
    writeFileSync(`${path}.lock`, 'garbage');
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${path}.lock`, old, old);
    expect((await call(em, 'DescribeCkafkaZone')).Error).toBeUndefined();
  });

  it('recovers a lock held from another host once it is older than the stale age', async () => {
    const path = fresh();
    const em = createEmulator({ statePath: path, clock: createManualClock(T0), lock: { staleMs: 5000 } });
    await em.update(() => undefined);
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: 1, host: `not-${hostname()}`, token: 'remote', acquiredAt: T0.toISOString() }));
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${path}.lock`, old, old);
    expect((await call(em, 'DescribeCkafkaZone')).Error).toBeUndefined();
  });

  it('never breaks a lock whose owner is alive on this host, however old (B6)', async () => {
    const path = fresh();
    const em = createEmulator({ statePath: path, clock: createManualClock(T0), lock: { staleMs: 1000, timeoutMs: 300 } });
    await em.update(() => undefined);
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), token: 'alive', acquiredAt: T0.toISOString() }));
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${path}.lock`, old, old);
    await expect(call(em, 'DescribeCkafkaZone')).rejects.toMatchObject({
      code: 'emulator/state-locked',
      message: expect.stringContaining('still running'),
    });
    expect(JSON.parse(readFileSync(`${path}.lock`, 'utf8')).token).toBe('alive');
  });

  it('a process stalled past the stale age inside its transaction loses no one’s change (B6)', async () => {
    const path = fresh();
    await saveEmulatorState(path, createSeedState({ now: T0, speed: 0 }));
    const marker = `${path}.held`;
    const release = `${path}.release`;
    const staleMs = 300;
    const child = spawnTsChild('fixtures/stall-child.ts', [path, marker, release]);
    while (!existsSync(marker)) await new Promise((r) => setTimeout(r, 20));
    const em = createEmulator({ statePath: path, lock: { staleMs, timeoutMs: 15_000 } });
    let waited = false;
    const waiter = em
      .update((s) => {
        s.faults.seed = 4242;
      })
      .then(() => (waited = true));
    // The stalled holder stays well past this waiter's stale age (the waiter looks every few ms)
    // before it goes on.
    const lockAge = (): number => {
      try {
        return Date.now() - statSync(`${path}.lock`).mtimeMs;
      } catch {
        return Infinity; // gone: broken, which the next line reports
      }
    };
    while (lockAge() < 2 * staleMs) await new Promise((r) => setTimeout(r, 20));
    expect(waited).toBe(false);
    writeFileSync(release, '');
    await waiter;
    expect(await child.exited).toEqual({ code: 0, output: 'done' });
    const final = await loadEmulatorState(path);
    expect(final.faults.latencyMs).toBe(7);
    expect(final.faults.seed).toBe(4242);
    expect(final.revision).toBe(2);
    await em.close();
  }, 30_000);

  it('gives up after the timeout with a clear error naming the holder', async () => {
    const path = fresh();
    const em = createEmulator({ statePath: path, clock: createManualClock(T0), lock: { timeoutMs: 100 } });
    await em.update(() => undefined);
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), token: 'held', acquiredAt: new Date().toISOString() }));
    await expect(call(em, 'DescribeCkafkaZone')).rejects.toMatchObject({
      code: 'emulator/state-locked',
      message: expect.stringContaining(`process ${process.pid}`),
    });
    // The holder's lock is left alone.
    expect(JSON.parse(readFileSync(`${path}.lock`, 'utf8')).token).toBe('held');
  });
});
