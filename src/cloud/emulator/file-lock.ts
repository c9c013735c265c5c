/**
 * An inter-process lock on a file: an exclusive lock file created with O_EXCL holding the owner's
 * pid, host and a token. Several CLI processes share one emulator state file (two applies of the
 * same plan, a re-run after `kill -9`), so every transaction on it holds this lock.
 *
 * A lock whose owner died (same host, pid gone) or that is older than `staleMs` is broken; the
 * break itself is guarded by a second O_EXCL file so two waiters cannot both break a lock and
 * delete a fresh one. Waiting is bounded and ends in a clear error.
 */
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { EmulatorStateError } from './api-error';

/** Options of {@link withFileLock}. */
export interface FileLockOptions {
  /** How long to wait for the lock before failing. @default 10000 ms */
  readonly timeoutMs?: number;
  /** A lock older than this is considered abandoned, whoever holds it. @default 30000 ms */
  readonly staleMs?: number;
}

interface LockInfo {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
  readonly acquiredAt: string;
}

const BREAK_GUARD_STALE_MS = 5000;

function readLock(lockPath: string): { info: LockInfo | undefined; mtimeMs: number } | undefined {
  try {
    const st = statSync(lockPath);
    const text = readFileSync(lockPath, 'utf8');
    let info: LockInfo | undefined;
    try {
      const parsed = JSON.parse(text) as Partial<LockInfo>;
      if (typeof parsed.pid === 'number' && typeof parsed.token === 'string' && typeof parsed.host === 'string') info = parsed as LockInfo;
    } catch {
      // Being written by its owner, or garbage: judged by age only.
    }
    return { info, mtimeMs: st.mtimeMs };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Whether a process with this pid exists on this host. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isStale(lock: { info: LockInfo | undefined; mtimeMs: number }, staleMs: number): boolean {
  if (Date.now() - lock.mtimeMs > staleMs) return true;
  const info = lock.info;
  return info !== undefined && info.host === hostname() && !isProcessAlive(info.pid);
}

function tryUnlink(path: string): void {
  try {
    unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

function breakStaleLock(lockPath: string, seen: { info: LockInfo | undefined; mtimeMs: number }, staleMs: number): void {
  const guard = `${lockPath}.break`;
  let fd: number;
  try {
    fd = openSync(guard, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    // Another waiter is breaking it; a guard left by a crashed breaker is removed after a while.
    try {
      if (Date.now() - statSync(guard).mtimeMs > BREAK_GUARD_STALE_MS) tryUnlink(guard);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    return;
  }
  try {
    closeSync(fd);
    // Re-read under the guard: only delete the very lock judged stale, never a fresh one.
    const now = readLock(lockPath);
    if (now !== undefined && now.info?.token === seen.info?.token && now.mtimeMs === seen.mtimeMs && isStale(now, staleMs)) tryUnlink(lockPath);
  } finally {
    tryUnlink(guard);
  }
}

function describeHolder(lock: { info: LockInfo | undefined; mtimeMs: number } | undefined): string {
  if (lock?.info === undefined) return 'another process';
  return `process ${lock.info.pid} on ${lock.info.host} (since ${lock.info.acquiredAt})`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Fairness. A process in a tight loop (apply following a migration) releases and re-takes the lock
// within microseconds, while a waiter polls every few milliseconds and could starve. A waiter
// therefore registers a marker file (`<lock>.want-<pid>-<token>`); a process about to take the lock
// without having waited yields briefly while a live process other than itself is waiting.
function wantPrefix(lockPath: string): string {
  return `${basename(lockPath)}.want-`;
}

function othersWaiting(lockPath: string, ownMarker: string | undefined): boolean {
  const dir = dirname(lockPath);
  const prefix = wantPrefix(lockPath);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return false;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || join(dir, name) === ownMarker) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && isProcessAlive(pid)) return true;
    // A marker left by a killed waiter.
    if (!Number.isInteger(pid) || !isProcessAlive(pid)) tryUnlink(join(dir, name));
  }
  return false;
}

/** Acquires the lock, waiting up to `timeoutMs`; returns the token to release it with. */
export async function acquireFileLock(lockPath: string, options: FileLockOptions = {}): Promise<string> {
  const timeoutMs = options.timeoutMs ?? 10000;
  const staleMs = options.staleMs ?? 30000;
  const token = `${process.pid}-${randomBytes(8).toString('hex')}`;
  const body = JSON.stringify({ pid: process.pid, host: hostname(), token, acquiredAt: new Date().toISOString() });
  const started = Date.now();
  let delay = 2;
  mkdirSync(dirname(lockPath), { recursive: true });
  let marker: string | undefined;
  let yielded = 0;
  const unmark = (): void => {
    if (marker !== undefined) tryUnlink(marker);
    marker = undefined;
  };
  for (;;) {
    // Let a waiting process go first, a few times at most, so nobody starves either way.
    if (marker === undefined && yielded < 20 && othersWaiting(lockPath, marker)) {
      yielded += 1;
      await sleep(1 + Math.floor(Math.random() * 3));
      continue;
    }
    try {
      const fd = openSync(lockPath, 'wx');
      try {
        writeSync(fd, body);
      } finally {
        closeSync(fd);
      }
      unmark();
      return token;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        unmark();
        throw new EmulatorStateError('emulator/state-io', lockPath, `cannot create lock file ${lockPath}: ${(e as Error).message}`, { cause: e });
      }
    }
    if (marker === undefined) {
      marker = join(dirname(lockPath), `${wantPrefix(lockPath)}${process.pid}-${token.split('-')[1] ?? ''}`);
      try {
        writeFileSync(marker, '');
      } catch {
        marker = undefined;
      }
    }
    const held = readLock(lockPath);
    if (held === undefined) continue;
    if (isStale(held, staleMs)) {
      breakStaleLock(lockPath, held, staleMs);
      continue;
    }
    if (Date.now() - started >= timeoutMs) {
      unmark();
      throw new EmulatorStateError(
        'emulator/state-locked',
        lockPath,
        `the emulator state is locked by ${describeHolder(held)}; waited ${timeoutMs} ms for ${lockPath}. ` +
          'If no ckafka process is running, delete the lock file and retry',
      );
    }
    // Short, jittered polls: waiters are served in well under a holder's transaction or two.
    await sleep(1 + Math.floor(Math.random() * delay));
    delay = Math.min(10, delay * 2);
  }
}

/** Releases the lock if it is still ours (a lock broken as stale belongs to someone else now). */
export function releaseFileLock(lockPath: string, token: string): void {
  const held = readLock(lockPath);
  if (held?.info?.token === token) tryUnlink(lockPath);
}

/** Runs `fn` while holding the lock. */
export async function withFileLock<T>(lockPath: string, fn: () => T | Promise<T>, options?: FileLockOptions): Promise<T> {
  const token = await acquireFileLock(lockPath, options);
  try {
    return await fn();
  } finally {
    releaseFileLock(lockPath, token);
  }
}
