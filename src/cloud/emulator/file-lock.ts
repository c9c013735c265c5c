/**
 * An inter-process lock on a file: an exclusive lock file created with O_EXCL holding the owner's
 * pid, start time, host and a token. Several CLI processes share one emulator state file (two
 * applies of the same plan, a re-run after `kill -9`), so every transaction on it holds this lock.
 *
 * A lock is broken only when its owner is known to be gone: on this host, its pid no longer runs
 * (or runs a new process with another start time). A lock whose owner is alive on this host is
 * never broken, however long it is held (a process stalled in a write would otherwise put its old
 * state back over the breaker's); waiters give up after `timeoutMs` with an error naming it. Only
 * a lock the waiter cannot judge (held from another host, or an unreadable lock file) is broken
 * by age, after `staleMs`; the state's revision check (fencing) refuses a write that would then
 * overwrite a newer state. The break itself is guarded by a second O_EXCL file so two waiters
 * cannot both break a lock and delete a fresh one.
 */
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { isOwnerAlive, isProcessAlive, processStartTime } from '../../io/process-owner';
import { writeAll } from '../../io/write-file-durably';
import { EmulatorStateError } from './api-error';

export { isProcessAlive };

/** Options of {@link withFileLock}. */
export interface FileLockOptions {
  /** How long to wait for the lock before failing. @default 10000 ms */
  readonly timeoutMs?: number;
  /**
   * A lock whose owner cannot be checked (held from another host, or a lock file without a
   * readable owner) is considered abandoned after this long. A lock held by a live process on
   * this host is never broken. @default 30000 ms
   */
  readonly staleMs?: number;
}

interface LockInfo {
  readonly pid: number;
  /** The owner's start time ({@link processStartTime}), where the platform tells it. */
  readonly startTime?: string;
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

function isStale(lock: { info: LockInfo | undefined; mtimeMs: number }, staleMs: number): boolean {
  const info = lock.info;
  // The owner is checkable: only its death frees the lock.
  if (info !== undefined && info.host === hostname()) return !isOwnerAlive(info.pid, info.startTime);
  return Date.now() - lock.mtimeMs > staleMs;
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

// Waiters in this process (two stores on one file): its own pid's markers do not count above.
const waitingHere = new Map<string, number>();

/**
 * Whether someone else wants the lock: another live process, or another store in this process.
 * A holder that keeps the lock across calls lets go as soon as this says so.
 */
export function isLockWanted(lockPath: string): boolean {
  return (waitingHere.get(lockPath) ?? 0) > 0 || othersWaiting(lockPath, undefined);
}

/** Acquires the lock, waiting up to `timeoutMs`; returns the token to release it with. */
export async function acquireFileLock(lockPath: string, options: FileLockOptions = {}): Promise<string> {
  waitingHere.set(lockPath, (waitingHere.get(lockPath) ?? 0) + 1);
  try {
    return await acquire(lockPath, options);
  } finally {
    const left = (waitingHere.get(lockPath) ?? 1) - 1;
    if (left > 0) waitingHere.set(lockPath, left);
    else waitingHere.delete(lockPath);
  }
}

async function acquire(lockPath: string, options: FileLockOptions): Promise<string> {
  const timeoutMs = options.timeoutMs ?? 10000;
  const staleMs = options.staleMs ?? 30000;
  const token = `${process.pid}-${randomBytes(8).toString('hex')}`;
  const startTime = processStartTime(process.pid);
  const body = Buffer.from(JSON.stringify({ pid: process.pid, ...(startTime === undefined ? {} : { startTime }), host: hostname(), token, acquiredAt: new Date().toISOString() }));
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
        // A cut-off owner record (a full disk) would make a live lock look unowned.
        writeAll(fd, body);
      } catch (e) {
        closeSync(fd);
        tryUnlink(lockPath);
        throw e;
      }
      closeSync(fd);
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
          (held.info !== undefined && held.info.host === hostname()
            ? `That process is still running: let it finish, or stop it (kill ${held.info.pid}); its lock is never broken while it runs`
            : 'If no ckafka process is running, delete the lock file and retry'),
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
