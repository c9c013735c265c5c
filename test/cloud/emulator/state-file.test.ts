/**
 * The state file: schema in sync, clear errors for bad files, atomic writes, and transactions
 * shared by emulators and processes. The lock itself is state-lock.test.ts.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  EmulatorStateError,
  createEmulator,
  createManualClock,
  createSeedState,
  isSealedEmulatorState,
  loadEmulatorState,
  parseEmulatorState,
  renderEmulatorStateJsonSchema,
  saveEmulatorState,
  sealEmulatorState,
  type EmulatorState,
} from '../../../src/cloud/emulator';
import { createFileStateStore } from '../../../src/cloud/emulator/_state-store';
import { NODE_WRITE_FS } from '../../../src/io/write-file-durably';
import { hostTag } from '../../../src/io/process-owner';
import { deadPid, nearlyFullDisk } from '../../support/fake-fs';
import { ROOT } from '../../support/workspace';
import { HOUR, IDS, T0, call, makeTempDir, SEED_INSTANCES, spawnTsChild } from './_helpers';

const SCHEMA_FILE = join(ROOT, 'schema/emulator-state.schema.json');

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
let n = 0;
const fresh = (): string => join(tmp.dir, `s${++n}`, 'emulator-state.json');

function writeText(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('state schema', () => {
  it('matches the committed JSON Schema (UPDATE_SCHEMA=1 rewrites it)', () => {
    const rendered = renderEmulatorStateJsonSchema();
    if (process.env.UPDATE_SCHEMA === '1' && process.env.CI !== 'true') writeFileSync(SCHEMA_FILE, rendered);
    if (!existsSync(SCHEMA_FILE)) throw new Error(`${SCHEMA_FILE} is missing; run the tests with UPDATE_SCHEMA=1 to create it`);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(rendered);
  });

  it('accepts the seed state', () => {
    expect(() => parseEmulatorState(createSeedState({ now: T0 }))).not.toThrow();
    expect(() => parseEmulatorState(createSeedState({ now: T0, region: 'ap-shanghai' }))).not.toThrow();
    expect(() => parseEmulatorState(createSeedState({ now: T0, region: 'eu-frankfurt' }))).not.toThrow();
  });
});

describe('invalid state files', () => {
  it('names the file, the path inside it and the problem', () => {
    const path = fresh();
    const state = createSeedState({ now: T0 }) as unknown as { instances: Array<Record<string, unknown>> };
    (state.instances[0] as Record<string, unknown>).bandwidthMBps = 'fast';
    writeText(path, JSON.stringify(state));
    const e = catchError(() => createEmulator({ statePath: path }));
    expect(EmulatorStateError.isEmulatorStateError(e)).toBe(true);
    const err = e as EmulatorStateError;
    expect(err.code).toBe('emulator/state-invalid');
    expect(err.path).toBe(path);
    expect(err.message).toContain(path);
    expect(err.message).toContain('instances[0].bandwidthMBps');
    expect(err.message).toContain('delete it');
  });

  it('says when the file is not JSON', () => {
    const path = fresh();
    writeText(path, '{"formatVersion": 1,');
    const e = catchError(() => createEmulator({ statePath: path })) as EmulatorStateError;
    expect(e.code).toBe('emulator/state-invalid');
    expect(e.message).toContain('not valid JSON');
  });

  it('says when the format is newer than this version reads', () => {
    const path = fresh();
    writeText(path, JSON.stringify({ ...createSeedState({ now: T0 }), formatVersion: 3 }));
    const e = catchError(() => createEmulator({ statePath: path })) as EmulatorStateError;
    expect(e.message).toContain('formatVersion 3');
    expect(e.message).toContain('upgrade ckafka-iac');
  });

  it('refuses an update that breaks the state, and keeps the old one', async () => {
    const path = fresh();
    const em = createEmulator({ statePath: path, clock: createManualClock(T0) });
    await em.update(() => undefined);
    await expect(
      em.update((s) => {
        (s.instances[0] as unknown as Record<string, unknown>).status = 42;
      }),
    ).rejects.toThrow(/instances\[0\]\.status/);
    expect(em.snapshot().instances[0]?.status).toBe(1);
  });
});

describe('a state handed to an emulator in memory', () => {
  /** The seed fleet with a bandwidth that is not a number. */
  const broken = (from: EmulatorState = createSeedState({ now: T0 })): EmulatorState => {
    const state = structuredClone(from);
    (state.instances[0] as unknown as Record<string, unknown>).bandwidthMBps = 'fast';
    return state;
  };

  it('is validated: an invalid one is refused, naming the path inside it', () => {
    const e = catchError(() => createEmulator({ state: broken(), clock: createManualClock(T0) })) as EmulatorStateError;
    expect(e.code).toBe('emulator/state-invalid');
    expect(e.message).toContain('instances[0].bandwidthMBps');
  });

  it('sealed, is validated once and frozen, and each emulator works on a copy of its own', async () => {
    expect(catchError(() => sealEmulatorState(broken()))).toMatchObject({ code: 'emulator/state-invalid' });
    const sealed = sealEmulatorState(createSeedState({ now: T0 }));
    expect(isSealedEmulatorState(sealed)).toBe(true);
    expect(() => {
      (sealed.instances[0]?.topics[0] as { partitions: number }).partitions = 1;
    }).toThrow(TypeError);
    const [a, b] = [createEmulator({ state: sealed, clock: createManualClock(T0) }), createEmulator({ state: sealed, clock: createManualClock(T0) })];
    await call(a, 'InstanceScalingDown', { InstanceId: IDS.payments, BandWidth: 160, UpgradeStrategy: 1 });
    expect(a.snapshot('submissions')).toHaveLength(1);
    expect(b.snapshot('submissions')).toEqual([]);
    expect(sealed.submissions).toEqual([]);
    // A copy of a sealed state is a caller's state like any other.
    const copy = broken(sealed);
    expect(isSealedEmulatorState(copy)).toBe(false);
    expect(catchError(() => createEmulator({ state: copy, clock: createManualClock(T0) }))).toMatchObject({ code: 'emulator/state-invalid' });
  });
});

describe('save and load', () => {
  it('round-trips a state through an atomic write, leaving no temporary file', async () => {
    const path = fresh();
    const state = createSeedState({ now: T0 });
    await saveEmulatorState(path, state);
    expect(await loadEmulatorState(path)).toEqual(state);
    expect(readdirSync(join(path, '..'))).toEqual(['emulator-state.json']);
  });

  it('fails clearly when the file does not exist', async () => {
    await expect(loadEmulatorState(join(tmp.dir, 'missing.json'))).rejects.toMatchObject({ code: 'emulator/state-io' });
  });

  it('creates the file from the seed fleet on first use', async () => {
    const path = fresh();
    const em = createEmulator({ statePath: path, clock: createManualClock(T0) });
    expect(existsSync(path)).toBe(false);
    await call(em, 'DescribeCkafkaZone');
    await em.close();
    const written = await loadEmulatorState(path);
    expect(written.instances).toHaveLength(SEED_INSTANCES);
    expect(written.calls).toEqual({ DescribeCkafkaZone: 1 });
  });
});

describe('durability', () => {
  it('reads a version-1 file as revision 0 and writes it back as version 2, revision 1', async () => {
    const path = fresh();
    const v1 = { ...createSeedState({ now: T0 }), formatVersion: 1 } as Record<string, unknown>;
    delete v1.revision;
    writeText(path, JSON.stringify(v1));
    expect((await loadEmulatorState(path)).revision).toBe(0);
    const em = createEmulator({ statePath: path, clock: createManualClock(T0) });
    await call(em, 'DescribeCkafkaZone');
    await em.close();
    const written = JSON.parse(readFileSync(path, 'utf8')) as { formatVersion: number; revision: number };
    expect([written.formatVersion, written.revision]).toEqual([2, 1]);
  });

  it('increments the revision with every write; a run of reads is one write', async () => {
    const path = fresh();
    const em = createEmulator({ statePath: path, clock: createManualClock(T0) });
    for (let i = 0; i < 3; i++) await em.update(() => undefined);
    expect((await loadEmulatorState(path)).revision).toBe(3);
    for (let i = 0; i < 3; i++) await call(em, 'DescribeCkafkaZone');
    await em.close();
    expect((await loadEmulatorState(path)).revision).toBe(4);
  });

  it('on a full disk, refuses the write clearly and keeps the previous state byte for byte (B5)', async () => {
    const path = fresh();
    const em = createEmulator({ statePath: path, clock: createManualClock(T0) });
    await call(em, 'DescribeCkafkaZone');
    await em.close();
    const before = readFileSync(path, 'utf8');
    const store = createFileStateStore(path, () => createSeedState({ now: T0 }), undefined, nearlyFullDisk(4096));
    const e = await store.transact((s) => ({ state: s, result: undefined })).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'emulator/state-io', path });
    expect((e as Error).message).toContain('no space left on the device (ENOSPC) after 4096 of');
    expect((e as Error).message).toContain('the previous file is unchanged');
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(readdirSync(dirname(path)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a write when another process wrote since the read (fencing), keeping the newer state', async () => {
    const path = fresh();
    await saveEmulatorState(path, createSeedState({ now: T0 }));
    // While this store writes, "another process" replaces the file with a newer revision.
    let intruded = false;
    const intruding = {
      ...NODE_WRITE_FS,
      fsync: (fd: number) => {
        NODE_WRITE_FS.fsync(fd);
        if (intruded) return;
        intruded = true;
        writeFileSync(`${path}.other`, JSON.stringify({ ...createSeedState({ now: T0 }), revision: 9 }));
        NODE_WRITE_FS.rename(`${path}.other`, path);
      },
    };
    const store = createFileStateStore(path, () => createSeedState({ now: T0 }), undefined, intruding);
    await expect(store.transact((s) => ({ state: s, result: undefined }))).rejects.toMatchObject({
      code: 'emulator/state-conflict',
      message: expect.stringContaining('revision 9, this one read 0'),
    });
    expect((await loadEmulatorState(path)).revision).toBe(9);
  });

  it('refuses a state file that is a symbolic link, leaving the link and its target alone (B17)', async () => {
    const real = fresh();
    await saveEmulatorState(real, createSeedState({ now: T0 }));
    const before = readFileSync(real, 'utf8');
    const link = join(dirname(real), 'linked-state.json');
    symlinkSync(real, link);
    const e = catchError(() => createEmulator({ statePath: link, clock: createManualClock(T0) })) as EmulatorStateError;
    expect(e.code).toBe('emulator/state-io');
    expect(e.message).toContain(`${link} is a symbolic link (to ${real})`);
    await expect(saveEmulatorState(link, createSeedState({ now: T0 }))).rejects.toMatchObject({ code: 'emulator/state-io' });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe(before);
    expect(existsSync(`${link}.lock`)).toBe(false);
  });

  it('removes the temporary files of writers killed mid-write (B14)', async () => {
    const path = fresh();
    const em = createEmulator({ statePath: path, clock: createManualClock(T0) });
    await call(em, 'DescribeCkafkaZone');
    const pid = await deadPid();
    const left = [`emulator-state.json.${pid}.0badc0de.tmp`, `.emulator-state.json.${hostTag()}.${pid}.0badc0de.tmp`];
    for (const name of left) writeFileSync(join(dirname(path), name), '{"formatVersion": 2, "revi');
    await call(em, 'DescribeCkafkaZone');
    await em.close();
    expect(readdirSync(dirname(path)).sort()).toEqual(['emulator-state.json']);
  });
});

describe('shared state', () => {
  it('two emulators on one file see each other’s changes', async () => {
    const path = fresh();
    const clock = createManualClock(T0);
    const a = createEmulator({ statePath: path, clock });
    const b = createEmulator({ statePath: path, clock });
    await call(a, 'InstanceScalingDown', { InstanceId: IDS.payments, BandWidth: 160, UpgradeStrategy: 1 });
    const seen = await call(b, 'DescribeInstancesDetail', { InstanceId: IDS.payments });
    expect(seen.Result.InstanceList[0].Status).toBe(7);
  });

  it('two emulators submitting the same change at once: exactly one is accepted', async () => {
    const path = fresh();
    const clock = createManualClock(T0);
    const a = createEmulator({ statePath: path, clock });
    const b = createEmulator({ statePath: path, clock });
    const req = { InstanceId: IDS.payments, BandWidth: 160, UpgradeStrategy: 1 };
    const results = await Promise.all([a, b, a, b].map((em) => call(em, 'InstanceScalingDown', req)));
    const codes = results.map((r) => r.Error?.Code ?? 'ok').sort();
    expect(codes).toEqual(['FailedOperation', 'FailedOperation', 'FailedOperation', 'ok']);
    expect(a.snapshot().submissions).toHaveLength(1);
  });

  it('several processes submitting the same change at once: exactly one is accepted', async () => {
    const path = fresh();
    await saveEmulatorState(path, createSeedState({ now: T0, speed: 0 }));
    const children = Array.from({ length: 4 }, () => spawnTsChild('fixtures/submit-child.ts', [path, IDS.payments]));
    // Released together once all are loaded, so the processes really contend for the lock.
    await Promise.all(children.map((c) => c.printed('ready\n')));
    for (const c of children) c.process.stdin?.end('go\n');
    const outputs = await Promise.all(children.map((c) => c.exited));
    expect(outputs.map((o) => o.code)).toEqual([0, 0, 0, 0]);
    const codes = outputs.map((o) => (JSON.parse(o.output.slice('ready\n'.length)) as { Error?: { Code: string } }).Error?.Code ?? 'ok').sort();
    expect(codes).toEqual(['FailedOperation', 'FailedOperation', 'FailedOperation', 'ok']);
    const state = await loadEmulatorState(path);
    expect(state.submissions).toHaveLength(1);
    expect(state.calls.InstanceScalingDown).toBe(4);
    expect(existsSync(`${path}.lock`)).toBe(false);
  }, 30000);

  it('shares the virtual clock through the file', async () => {
    const path = fresh();
    const a = createEmulator({ statePath: path, clock: { speed: 0, start: T0 } });
    await a.update(() => undefined);
    a.clock.advance(2 * HOUR);
    await a.update(() => undefined);
    const b = createEmulator({ statePath: path });
    expect(b.clock.now().toISOString()).toBe(new Date(T0.getTime() + 2 * HOUR).toISOString());
    a.clock.advance(HOUR);
    await call(a, 'DescribeCkafkaZone');
    // b adopts the newer anchor on its next call.
    await call(b, 'DescribeCkafkaZone');
    expect(b.clock.now().toISOString()).toBe(new Date(T0.getTime() + 3 * HOUR).toISOString());
  });

  it('a new speed supersedes the persisted clock without a jump', async () => {
    const path = fresh();
    const a = createEmulator({ statePath: path, clock: { speed: 0, start: T0 } });
    await a.update(() => undefined);
    const b = createEmulator({ statePath: path, clock: { speed: 0 } });
    expect(b.clock.now().getTime()).toBe(T0.getTime());
    await b.update(() => undefined);
    expect((await loadEmulatorState(path)).clock.revision).toBeGreaterThan(0);
  });
});
