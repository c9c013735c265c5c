/**
 * A run of reads on a state file is one transaction written once: the store keeps the lock across
 * calls that change only bookkeeping, and lets go (writing what it holds) at the next write, when
 * someone else waits, when idle, after its longest hold, and at close. What a write changes is on
 * disk before the write returns.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEmulator, createManualClock, createSeedState, loadEmulatorState, saveEmulatorState } from '../../../src/cloud/emulator';
import { createFileStateStore } from '../../../src/cloud/emulator/_state-store';
import { NODE_WRITE_FS, type WriteFs } from '../../../src/io/write-file-durably';
import { IDS, T0, call, makeTempDir } from './_helpers';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
let n = 0;
const fresh = (): string => join(tmp.dir, `l${++n}`, 'emulator-state.json');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The real file system, counting the renames (one per durable write). */
function countingFs(): { fs: WriteFs; writes: () => number } {
  let writes = 0;
  return {
    fs: {
      ...NODE_WRITE_FS,
      rename: (from: string, to: string) => {
        writes += 1;
        NODE_WRITE_FS.rename(from, to);
      },
    },
    writes: () => writes,
  };
}

const bookkeeping = (s: ReturnType<typeof createSeedState>) => {
  s.counters.requests += 1;
  return { state: s, result: s.counters.requests, deferrable: true };
};

describe('a run of reads on a state file', () => {
  it('is written once, when the store lets go at close, with every call counted', async () => {
    const path = fresh();
    await saveEmulatorState(path, createSeedState({ now: T0 }));
    const { fs, writes } = countingFs();
    const store = createFileStateStore(path, () => createSeedState({ now: T0 }), undefined, fs);
    for (let i = 0; i < 30; i++) await store.transact(bookkeeping);
    expect(writes()).toBe(0);
    expect(existsSync(`${path}.lock`)).toBe(true);
    // A lock-free read by this store sees its own calls.
    expect(store.peek().counters.requests).toBe(30);
    await store.close();
    expect(writes()).toBe(1);
    expect(existsSync(`${path}.lock`)).toBe(false);
    const written = await loadEmulatorState(path);
    expect([written.counters.requests, written.revision]).toEqual([30, 1]);
  });

  it('is written when the store has been idle a moment, and the lock is free again', async () => {
    const path = fresh();
    const em = createEmulator({ statePath: path, clock: createManualClock(T0) });
    for (let i = 0; i < 5; i++) await call(em, 'DescribeCkafkaZone');
    for (let waited = 0; existsSync(`${path}.lock`) && waited < 2000; waited += 10) await sleep(10);
    expect(existsSync(`${path}.lock`)).toBe(false);
    expect((await loadEmulatorState(path)).calls).toEqual({ DescribeCkafkaZone: 5 });
    await em.close();
  });

  it('is written at least every half second while the calls go on', async () => {
    const path = fresh();
    await saveEmulatorState(path, createSeedState({ now: T0 }));
    const { fs, writes } = countingFs();
    // The lease's age on a stepped clock: 1.3 s of calls 5 ms apart, without waiting for them.
    let now = 0;
    const store = createFileStateStore(path, () => createSeedState({ now: T0 }), undefined, fs, undefined, () => now);
    for (; now < 1300; now += 5) await store.transact(bookkeeping);
    // Calls 5 ms apart never leave the store idle; only the longest hold makes it let go.
    expect(writes()).toBeGreaterThanOrEqual(2);
    await store.close();
  });

  it('lets another store on the file in at once, and each sees the other’s calls', async () => {
    const path = fresh();
    const clock = createManualClock(T0);
    const a = createEmulator({ statePath: path, clock });
    const b = createEmulator({ statePath: path, clock });
    await call(a, 'DescribeCkafkaZone');
    // `a` holds the lock; `b` waits, and `a` lets go after its next call instead of when idle.
    const served = call(b, 'DescribeCkafkaZone');
    await call(a, 'DescribeCkafkaZone');
    await served;
    await call(a, 'DescribeCkafkaZone');
    await Promise.all([a.close(), b.close()]);
    expect((await loadEmulatorState(path)).calls).toEqual({ DescribeCkafkaZone: 4 });
  });

  it('puts a write on disk before it returns, with the reads before it', async () => {
    const path = fresh();
    const em = createEmulator({ statePath: path, clock: createManualClock(T0) });
    await call(em, 'DescribeInstancesDetail', { InstanceId: IDS.payments });
    const submitted = await call(em, 'InstanceScalingDown', { InstanceId: IDS.payments, BandWidth: 160, UpgradeStrategy: 1 });
    expect(submitted.Error).toBeUndefined();
    // Read straight from the file, as another process would, before this emulator lets go.
    const onDisk = JSON.parse(readFileSync(path, 'utf8')) as ReturnType<typeof createSeedState>;
    expect(onDisk.submissions).toHaveLength(1);
    expect(onDisk.calls).toEqual({ DescribeInstancesDetail: 1, InstanceScalingDown: 1 });
    expect(existsSync(`${path}.lock`)).toBe(false);
    await em.close();
  });

  it('drops what a transaction that threw had changed, and reads the file again', async () => {
    const path = fresh();
    await saveEmulatorState(path, createSeedState({ now: T0 }));
    const store = createFileStateStore(path, () => createSeedState({ now: T0 }));
    await store.transact(bookkeeping);
    await expect(
      store.transact((s) => {
        s.counters.requests = 999;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(existsSync(`${path}.lock`)).toBe(false);
    expect(await store.transact(bookkeeping)).toBe(1);
    await store.close();
    expect((await loadEmulatorState(path)).counters.requests).toBe(1);
  });
});

describe('a state file damaged between two runs of calls', () => {
  it('fails the next call with the file named, and leaves the lock free for whoever repairs it', async () => {
    const path = fresh();
    await saveEmulatorState(path, createSeedState({ now: T0 }));
    const store = createFileStateStore(path, () => createSeedState({ now: T0 }));
    await store.transact(bookkeeping);
    await store.close();
    writeFileSync(path, '{ "formatVersion": 2, "damaged": ');
    await expect(store.transact(bookkeeping)).rejects.toThrow(path);
    expect(existsSync(`${path}.lock`)).toBe(false);
    // Repaired, the same store carries on from the file.
    await saveEmulatorState(path, createSeedState({ now: T0 }));
    expect(await store.transact(bookkeeping)).toBe(1);
    await store.close();
  });
});

describe('a state file rewritten by someone else while the lock is held', () => {
  const change = (s: ReturnType<typeof createSeedState>) => {
    s.counters.requests += 1;
    return { state: s, result: s.counters.requests };
  };
  it.each<[string, (path: string) => void, string]>([
    ['with another revision', (p) => writeFileSync(p, JSON.stringify({ ...JSON.parse(readFileSync(p, 'utf8')), revision: 7 })), 'revision 7, this one read 1'],
    ['in the first format, which has no revision', (p) => writeFileSync(p, JSON.stringify({ formatVersion: 1 })), 'revision 0, this one read 1'],
    ['as text that is not JSON', (p) => writeFileSync(p, '{ "revision": '), 'revision unknown, this one read 1'],
  ])('refuses the next change, %s, writing nothing', async (_, rewrite, revision) => {
    const path = fresh();
    await saveEmulatorState(path, createSeedState({ now: T0 }));
    const store = createFileStateStore(path, () => createSeedState({ now: T0 }));
    await store.transact(change);
    // A read keeps the lock (the lease); meanwhile another writer replaces the file.
    await store.transact(bookkeeping);
    rewrite(path);
    const replaced = readFileSync(path, 'utf8');
    await expect(store.transact(change)).rejects.toThrow(`was written by another process (${revision})`);
    expect(readFileSync(path, 'utf8')).toBe(replaced);
    await store.close().catch(() => undefined);
  });
});
