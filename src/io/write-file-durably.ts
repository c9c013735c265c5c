/**
 * The one way ckafka-iac writes a file: the emulator state, `plan --out`, `emulator snapshot`.
 *
 * Atomic and durable: the bytes go to a temporary file beside the target, every byte counted (a
 * short write on a full disk is an error, never a cut-off file), the file is fsynced, renamed over
 * the target, and the folder is fsynced so the rename survives a power cut. Whatever fails, the
 * previous file stays as it was and the temporary file is removed.
 *
 * Symbolic links are refused, not followed: a target that is a link is an error naming the link
 * and where it points. Writing through a link lets whoever placed it (a pull request adding
 * `plan.json -> ~/.bashrc`) choose the file that gets replaced, and replacing the link itself
 * would silently turn it into a plain file. Links in the folders above the file are followed as
 * the operating system does. Temporary files left by processes that died mid-write (`kill -9`)
 * are removed by the next write to the same target.
 */
import * as nodeFs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { hostTag, isProcessAlive } from './process-owner';

/** What the helper needs to know of an existing path. */
export interface PathStat {
  readonly isFile: boolean;
  readonly isSymbolicLink: boolean;
  readonly mode: number;
}

/**
 * The file-system calls the helper makes, as a seam: tests replace one to fake a full disk, a
 * short write or a failing rename. Paths are absolute or relative to the process's folder.
 */
export interface WriteFs {
  /** Creates the folder and its parents. */
  mkdirp(path: string): void;
  /** `undefined` when nothing is at `path`; links are not followed. */
  lstat(path: string): PathStat | undefined;
  /** Where a link points, for the error message. */
  readlink(path: string): string;
  readdir(path: string): string[];
  /** Creates a new file (fails when it exists) and opens it for writing. */
  createExclusive(path: string, mode: number): number;
  /** Writes up to `length` bytes; returns how many were written (possibly fewer). */
  write(fd: number, data: Uint8Array, offset: number, length: number): number;
  fsync(fd: number): void;
  close(fd: number): void;
  rename(from: string, to: string): void;
  unlink(path: string): void;
  /** fsync of a folder, so a rename in it is durable. */
  fsyncDirectory(path: string): void;
}

// Platforms where a folder cannot be opened or fsynced (Windows, some network file systems)
// answer with one of these; the rename is still atomic there, only its durability is the OS's.
const DIRECTORY_FSYNC_UNSUPPORTED = new Set(['EISDIR', 'EINVAL', 'EPERM', 'ENOTSUP', 'EACCES']);

/** The real file system. */
export const NODE_WRITE_FS: WriteFs = {
  mkdirp: (path) => void nodeFs.mkdirSync(path, { recursive: true }),
  lstat: (path) => {
    const st = nodeFs.lstatSync(path, { throwIfNoEntry: false });
    return st === undefined ? undefined : { isFile: st.isFile(), isSymbolicLink: st.isSymbolicLink(), mode: st.mode };
  },
  readlink: (path) => nodeFs.readlinkSync(path),
  readdir: (path) => nodeFs.readdirSync(path),
  createExclusive: (path, mode) => nodeFs.openSync(path, 'wx', mode),
  write: (fd, data, offset, length) => nodeFs.writeSync(fd, data, offset, length),
  fsync: (fd) => nodeFs.fsyncSync(fd),
  close: (fd) => nodeFs.closeSync(fd),
  rename: (from, to) => nodeFs.renameSync(from, to),
  unlink: (path) => nodeFs.unlinkSync(path),
  fsyncDirectory: (path) => {
    let fd: number;
    try {
      fd = nodeFs.openSync(path, 'r');
    } catch (e) {
      if (DIRECTORY_FSYNC_UNSUPPORTED.has((e as NodeJS.ErrnoException).code ?? '')) return;
      throw e;
    }
    try {
      nodeFs.fsyncSync(fd);
    } catch (e) {
      if (!DIRECTORY_FSYNC_UNSUPPORTED.has((e as NodeJS.ErrnoException).code ?? '')) throw e;
    } finally {
      nodeFs.closeSync(fd);
    }
  },
};

/** Why a write failed. */
export type WriteFailure =
  /** The target is a symbolic link. */
  | 'symlink'
  /** The target exists and is not a regular file (a folder, a FIFO, a device). */
  | 'not-a-file'
  /** The file system failed: no space, a short write, permissions, I/O. */
  | 'io';

const BRAND = Symbol.for('ckafka-iac.WriteFileError');

/**
 * A write that did not happen. The previous file (if any) is unchanged. The message names the
 * file, what went wrong and how many bytes were written when the disk filled up.
 */
export class WriteFileError extends Error {
  readonly [BRAND] = true;
  override readonly name = 'WriteFileError';
  constructor(
    readonly failure: WriteFailure,
    readonly path: string,
    message: string,
    /** The errno code behind an `io` failure (`ENOSPC`, `EACCES`, …), when there is one. */
    readonly errno?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  static isWriteFileError(x: unknown): x is WriteFileError {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[BRAND] === true;
  }
}

/** Options of {@link writeFileDurably}. */
export interface WriteFileOptions {
  /**
   * Runs after the new content is safely on disk and just before it replaces the target; what it
   * throws cancels the write and is rethrown as is (the emulator state's fencing check: has anyone
   * else written since we read?).
   * @default no check
   */
  readonly beforeReplace?: () => void;
  /** @default the real file system */
  readonly fs?: WriteFs;
  /** Mode of a new file, before the umask. @default 0o666, or the existing file's mode */
  readonly mode?: number;
}

const ERRNO_WORDS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  EFBIG: 'the file is larger than this process may write',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  EIO: 'an I/O error',
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'a part of the path is not a folder',
};

function describeErrno(e: unknown): { errno: string | undefined; words: string } {
  const errno = (e as NodeJS.ErrnoException).code;
  const words = errno === undefined ? (e as Error).message : `${ERRNO_WORDS[errno] ?? (e as Error).message} (${errno})`;
  return { errno, words };
}

/** The temporary file name of a write to `target` by this process. */
function temporaryName(target: string): string {
  return join(dirname(target), `.${basename(target)}.${hostTag()}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Removes temporary files that a write to `target` left behind when its process died: ours
 * (`.<name>.<host>.<pid>.<hex>.tmp`, this host, pid gone) and the `<name>.<pid>.<hex>.tmp` an
 * older ckafka-iac wrote. A live process's file is never touched. Failures are ignored: cleaning
 * up is a courtesy, never a reason to fail a write. Returns the names removed.
 */
export function removeAbandonedTemporaryFiles(target: string, fs: WriteFs = NODE_WRITE_FS): string[] {
  const dir = dirname(target);
  const base = escapeRegExp(basename(target));
  const ours = new RegExp(`^\\.${base}\\.([0-9a-f]{8})\\.(\\d+)\\.[0-9a-f]+\\.tmp$`);
  const legacy = new RegExp(`^${base}\\.(\\d+)\\.[0-9a-f]+\\.tmp$`);
  let names: string[];
  try {
    names = fs.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = ours.exec(name);
    const l = m === null ? legacy.exec(name) : null;
    const pid = m !== null ? Number(m[2]) : l !== null ? Number(l[1]) : undefined;
    if (pid === undefined) continue;
    if (m !== null && m[1] !== hostTag()) continue;
    if (pid === process.pid || isProcessAlive(pid)) continue;
    try {
      fs.unlink(join(dir, name));
      removed.push(name);
    } catch {
      // Someone else removed it, or it cannot be: left for later.
    }
  }
  return removed;
}

/**
 * Refuses a target that is a symbolic link or not a regular file; returns what is there now
 * (`undefined` when nothing is).
 */
export function checkWritableTarget(target: string, fs: WriteFs = NODE_WRITE_FS): PathStat | undefined {
  let st: PathStat | undefined;
  try {
    st = fs.lstat(target);
  } catch (e) {
    const { errno, words } = describeErrno(e);
    throw new WriteFileError('io', target, `cannot write ${target}: ${words}`, errno, { cause: e });
  }
  if (st === undefined) return undefined;
  if (st.isSymbolicLink) {
    let to = 'elsewhere';
    try {
      to = fs.readlink(target);
    } catch {
      // The link itself is what matters.
    }
    throw new WriteFileError(
      'symlink',
      target,
      `${target} is a symbolic link (to ${to}); ckafka-iac does not write through links, so another file cannot be replaced by mistake. Give the real path, or remove the link`,
    );
  }
  if (!st.isFile) throw new WriteFileError('not-a-file', target, `${target} exists and is not a regular file (a folder, a FIFO or a device); give the path of a file`);
  return st;
}

/** Writes every byte of `data` to `fd`, or throws saying how many were written. */
export function writeAll(fd: number, data: Uint8Array, fs: Pick<WriteFs, 'write'> = NODE_WRITE_FS): void {
  let offset = 0;
  while (offset < data.length) {
    let n: number;
    try {
      n = fs.write(fd, data, offset, data.length - offset);
    } catch (e) {
      throw Object.assign(e as Error, { bytesWritten: offset });
    }
    // A write that makes no progress would loop forever; a full disk often looks like this.
    if (!Number.isInteger(n) || n <= 0) throw Object.assign(new Error(`the write stopped after ${offset} of ${data.length} bytes`), { code: 'ENOSPC', bytesWritten: offset });
    offset += n;
  }
}

/**
 * Replaces `target` with `data`, atomically and durably (see the module comment). Creates the
 * folder when missing.
 *
 * @throws {@link WriteFileError} naming the file and the cause; the previous file is unchanged.
 */
export function writeFileDurably(target: string, data: string | Uint8Array, options: WriteFileOptions = {}): void {
  const fs = options.fs ?? NODE_WRITE_FS;
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const existing = checkWritableTarget(target, fs);
  removeAbandonedTemporaryFiles(target, fs);
  const tmp = temporaryName(target);
  let fd: number | undefined;
  let stage = 'create a temporary file for';
  try {
    fs.mkdirp(dirname(target));
    fd = fs.createExclusive(tmp, options.mode ?? (existing === undefined ? 0o666 : existing.mode & 0o7777));
    stage = 'write';
    writeAll(fd, bytes, fs);
    // Without fsync a crash after the rename could leave an empty file in place of the old one.
    stage = 'flush';
    fs.fsync(fd);
    const closing = fd;
    fd = undefined;
    fs.close(closing);
    stage = 'check';
    options.beforeReplace?.();
    stage = 'replace';
    fs.rename(tmp, target);
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.close(fd);
      } catch {
        // Already failing.
      }
    }
    try {
      fs.unlink(tmp);
    } catch {
      // Never created, or already renamed.
    }
    // The caller's own refusal goes back to it as it was thrown.
    if (WriteFileError.isWriteFileError(e) || stage === 'check') throw e;
    const { errno, words } = describeErrno(e);
    const written = (e as { bytesWritten?: number }).bytesWritten;
    const progress = stage === 'write' && written !== undefined ? ` after ${written} of ${bytes.length} bytes` : '';
    throw new WriteFileError('io', target, `cannot ${stage} ${target}: ${words}${progress}; ${existing === undefined ? 'nothing was written' : 'the previous file is unchanged'}`, errno, { cause: e });
  }
  // The rename is done; fsync the folder so it survives a power cut. A failure here cannot undo it.
  try {
    fs.fsyncDirectory(dirname(target));
  } catch (e) {
    const { errno, words } = describeErrno(e);
    throw new WriteFileError('io', target, `wrote ${target} but could not flush its folder: ${words}`, errno, { cause: e });
  }
}
