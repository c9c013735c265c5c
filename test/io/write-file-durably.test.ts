/**
 * The one durable writer: every byte counted, the previous file intact whatever fails, no link
 * written through, temporary files of dead processes removed. A full disk is faked through the
 * file-system seam: real writes that stop after a quota of bytes, then fail with ENOSPC.
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NODE_WRITE_FS, WriteFileError, removeAbandonedTemporaryFiles, writeFileDurably, type WriteFs } from '../../src/io/write-file-durably';
import { hostTag } from '../../src/io/process-owner';
import { deadPid, errnoError, nearlyFullDisk } from '../support/fake-fs';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ckafka-durable-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const OLD = `${JSON.stringify({ plan: 'reviewed', padding: 'x'.repeat(6000) })}\n`;
const NEW = `${JSON.stringify({ plan: 'next', padding: 'y'.repeat(20000) })}\n`;

function catchWriteError(fn: () => void): WriteFileError {
  try {
    fn();
  } catch (e) {
    if (WriteFileError.isWriteFileError(e)) return e;
    throw e;
  }
  throw new Error('expected a WriteFileError');
}

/** The folder's entries other than the target: temporary files left behind. */
function leftovers(target: string): string[] {
  return readdirSync(dir).filter((n) => join(dir, n) !== target);
}

describe('writeFileDurably', () => {
  it('writes the whole text even when the file system takes it in small pieces', () => {
    const target = join(dir, 'plan.json');
    let calls = 0;
    const dribbling: WriteFs = { ...NODE_WRITE_FS, write: (fd, data, offset, length) => (calls++, NODE_WRITE_FS.write(fd, data, offset, Math.min(length, 1000))) };
    writeFileDurably(target, NEW, { fs: dribbling });
    expect(readFileSync(target, 'utf8')).toBe(NEW);
    expect(calls).toBeGreaterThan(20);
    expect(leftovers(target)).toEqual([]);
  });

  it('on a full disk, keeps the previous file byte for byte and says how much was written', () => {
    const target = join(dir, 'plan.json');
    writeFileSync(target, OLD);
    const e = catchWriteError(() => writeFileDurably(target, NEW, { fs: nearlyFullDisk(4096) }));
    expect(e.failure).toBe('io');
    expect(e.errno).toBe('ENOSPC');
    expect(e.message).toContain(target);
    expect(e.message).toContain('no space left on the device (ENOSPC) after 4096 of 20');
    expect(e.message).toContain('the previous file is unchanged');
    expect(readFileSync(target, 'utf8')).toBe(OLD);
    expect(leftovers(target)).toEqual([]);
  });

  it('treats a write that makes no progress as a full disk instead of looping', () => {
    const target = join(dir, 'plan.json');
    writeFileSync(target, OLD);
    const stuck: WriteFs = { ...NODE_WRITE_FS, write: () => 0 };
    const e = catchWriteError(() => writeFileDurably(target, NEW, { fs: stuck }));
    expect(e.errno).toBe('ENOSPC');
    expect(readFileSync(target, 'utf8')).toBe(OLD);
  });

  it.each([
    ['fsync', { fsync: () => { throw errnoError('EIO'); } }, 'cannot flush'],
    ['rename', { rename: () => { throw errnoError('EACCES'); } }, 'cannot replace'],
    ['create', { createExclusive: () => { throw errnoError('EROFS'); } }, 'cannot create a temporary file for'],
  ] as const)('keeps the previous file when %s fails', (_, override, words) => {
    const target = join(dir, 'state.json');
    writeFileSync(target, OLD);
    const e = catchWriteError(() => writeFileDurably(target, NEW, { fs: { ...NODE_WRITE_FS, ...override } }));
    expect(e.message).toContain(words);
    expect(readFileSync(target, 'utf8')).toBe(OLD);
    expect(leftovers(target)).toEqual([]);
  });

  it('rethrows what beforeReplace throws, after the new bytes were written, and replaces nothing', () => {
    const target = join(dir, 'state.json');
    writeFileSync(target, OLD);
    const refusal = new Error('someone else wrote');
    expect(() =>
      writeFileDurably(target, NEW, {
        beforeReplace: () => {
          throw refusal;
        },
      }),
    ).toThrow(refusal);
    expect(readFileSync(target, 'utf8')).toBe(OLD);
    expect(leftovers(target)).toEqual([]);
  });

  it('refuses a symbolic link, leaving the link and the file it points to alone', () => {
    const victim = join(dir, 'bashrc');
    writeFileSync(victim, 'export PATH=/usr/bin\n');
    const link = join(dir, 'plan.json');
    symlinkSync(victim, link);
    const e = catchWriteError(() => writeFileDurably(link, NEW));
    expect(e.failure).toBe('symlink');
    expect(e.message).toContain(`${link} is a symbolic link (to ${victim})`);
    expect(readFileSync(victim, 'utf8')).toBe('export PATH=/usr/bin\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('refuses a folder in place of the file', () => {
    const target = join(dir, 'plan.json');
    mkdirSync(target);
    expect(catchWriteError(() => writeFileDurably(target, NEW)).failure).toBe('not-a-file');
  });

  it('creates missing folders and keeps an existing file’s mode', () => {
    const nested = join(dir, 'a', 'b', 'plan.json');
    writeFileDurably(nested, NEW);
    expect(readFileSync(nested, 'utf8')).toBe(NEW);
    const target = join(dir, 'private.json');
    writeFileSync(target, OLD);
    chmodSync(target, 0o600);
    writeFileDurably(target, NEW);
    expect(statSync(target).mode & 0o777).toBe(0o600);
  });
});

describe('temporary files of dead processes', () => {
  it('removes those of dead processes on this host (and the older naming), and no other', async () => {
    const target = join(dir, 'emulator-state.json');
    const dead = await deadPid();
    const names = {
      dead: `.emulator-state.json.${hostTag()}.${dead}.0a1b2c3d.tmp`,
      legacy: `emulator-state.json.${dead}.0a1b2c3d.tmp`,
      live: `.emulator-state.json.${hostTag()}.${process.pid}.0a1b2c3d.tmp`,
      otherHost: `.emulator-state.json.ffffffff.${dead}.0a1b2c3d.tmp`,
      otherFile: `.plan.json.${hostTag()}.${dead}.0a1b2c3d.tmp`,
    };
    const tag = hostTag();
    if (tag === 'ffffffff') names.otherHost = `.emulator-state.json.00000000.${dead}.0a1b2c3d.tmp`;
    for (const n of Object.values(names)) writeFileSync(join(dir, n), 'partial');
    writeFileDurably(target, NEW);
    expect(existsSync(join(dir, names.dead))).toBe(false);
    expect(existsSync(join(dir, names.legacy))).toBe(false);
    expect(existsSync(join(dir, names.live))).toBe(true);
    expect(existsSync(join(dir, names.otherHost))).toBe(true);
    expect(existsSync(join(dir, names.otherFile))).toBe(true);
    expect(removeAbandonedTemporaryFiles(target)).toEqual([]);
  });
});
