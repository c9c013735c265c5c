/**
 * Who owns a lock or a temporary file: a process on a host. Used to tell a file left by a dead
 * process (safe to remove) from one a live process is still using (never touched).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** Whether a process with this pid exists on this host. */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * When the process with this pid started, as an opaque token (Linux: the start time in clock
 * ticks since boot, field 22 of `/proc/<pid>/stat`); `undefined` where it cannot be read. A pid
 * reused by a new process has another start time, so a lock of the dead owner is not mistaken
 * for the new process's.
 */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const start = fields[19];
    return start !== undefined && /^\d+$/.test(start) ? start : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the owner recorded as (`pid`, `startTime`) is still running on this host. */
export function isOwnerAlive(pid: number, startTime: string | undefined): boolean {
  if (!isProcessAlive(pid)) return false;
  if (startTime === undefined) return true;
  const now = processStartTime(pid);
  // Unknown now (no /proc): the pid exists, so it counts as alive.
  return now === undefined || now === startTime;
}

let cachedHostTag: string | undefined;

/** Eight hex characters naming this host in file names (the host name itself may hold anything). */
export function hostTag(): string {
  cachedHostTag ??= createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
  return cachedHostTag;
}
