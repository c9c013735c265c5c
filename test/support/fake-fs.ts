/**
 * File-system faults for the durable writer's seam, and a pid that is certainly not running: the
 * tools of the durability tests.
 */
import { spawn } from 'node:child_process';
import { NODE_WRITE_FS, type WriteFs } from '../../src/io/write-file-durably';

/** An error as node's fs raises it, with an errno code. */
export function errnoError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/**
 * A disk with `free` bytes left: real writes go through until then (the last one short, as the
 * kernel does at the edge), after which every write fails with ENOSPC.
 */
export function nearlyFullDisk(free: number): WriteFs {
  let left = free;
  return {
    ...NODE_WRITE_FS,
    write: (fd, data, offset, length) => {
      if (left <= 0) throw errnoError('ENOSPC');
      const n = NODE_WRITE_FS.write(fd, data, offset, Math.min(length, left));
      left -= n;
      return n;
    },
  };
}

/** The pid of a process that has exited (so, barring reuse, nothing runs under it). */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  const pid = child.pid ?? 0;
  await new Promise((r) => child.on('exit', r));
  return pid;
}
