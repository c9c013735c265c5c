import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { acquireFileLock, releaseFileLock } from '../../../src/cloud/emulator/file-lock';

describe('state file lock fairness markers', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckafka-lock-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('removes the marker of a waiter that no longer runs, and takes the lock', async () => {
    const lock = path.join(dir, 'state.json.lock');
    const dead = path.join(dir, 'state.json.lock.want-999999999-abc');
    fs.writeFileSync(dead, '');
    const token = await acquireFileLock(lock);
    expect(fs.existsSync(dead)).toBe(false);
    releaseFileLock(lock, token);
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('lets a live waiter go first but is never blocked by its marker alone', async () => {
    const lock = path.join(dir, 'state.json.lock');
    // The parent process (jest's runner) is alive and is not us: its marker means "waiting".
    const live = path.join(dir, `state.json.lock.want-${process.ppid}-abc`);
    fs.writeFileSync(live, '');
    const token = await acquireFileLock(lock);
    expect(fs.existsSync(live)).toBe(true);
    releaseFileLock(lock, token);
  });

  it('leaves no marker behind after waiting for a held lock', async () => {
    const lock = path.join(dir, 'state.json.lock');
    const first = await acquireFileLock(lock);
    const second = acquireFileLock(lock);
    await new Promise((r) => setTimeout(r, 20));
    expect(fs.readdirSync(dir).filter((n) => n.includes('.want-'))).toHaveLength(1);
    releaseFileLock(lock, first);
    const token = await second;
    expect(fs.readdirSync(dir).filter((n) => n.includes('.want-'))).toEqual([]);
    releaseFileLock(lock, token);
  });
});
