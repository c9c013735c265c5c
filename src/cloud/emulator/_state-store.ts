/**
 * Where the emulator keeps its state: in memory, or in a JSON file shared by processes. Every
 * transaction is exclusive: in a file, lock → read → apply → write atomically → unlock. A run of
 * reads is one such transaction written once (see {@link createFileStateStore}): a plan makes
 * dozens of calls, and a durable write each (two fsyncs and a rename) cost more than the plan.
 *
 * Fencing: every write increments the state's `revision`, and just before the new file replaces
 * the old one the store checks that the file is still the one it read. If another process wrote
 * in between (it broke a lock it judged abandoned, or a person edited the file), the write is
 * refused with `emulator/state-conflict` rather than putting an older state back over a newer one.
 *
 * Validation happens at the boundaries: a file written by someone else (another process, a
 * person) is validated when read, and a transaction that ran caller code (`validate: true`, as
 * `update()` does) is validated before it is kept. States produced by the engine are trusted,
 * which keeps a call to about a millisecond.
 */
import type { WriteFs } from '../../io/write-file-durably';
import { EmulatorStateError } from './api-error';
import { acquireFileLock, isLockWanted, releaseFileLock, type FileLockOptions } from './file-lock';
import {
  parseEmulatorState,
  parseEmulatorStateText,
  readEmulatorStateSnapshot,
  serializeEmulatorState,
  stateFileIdentity,
  writeEmulatorStateText,
  type StateFileRead,
} from './state-file';
import type { EmulatorState } from './state-schema';

/** A transaction's outcome: the state to keep and the value to return. */
export interface TransactionResult<T> {
  readonly state: EmulatorState;
  readonly result: T;
  /** Validate the state before keeping it (it was changed by code outside the engine). */
  readonly validate?: boolean;
  /**
   * Only bookkeeping changed (call counters, rate windows, fault draws, the clock; what a read
   * changes): a file store may write it with a later transaction instead of at once.
   * @default false: written before the transaction returns
   */
  readonly deferrable?: boolean;
}

/** State storage with exclusive transactions. */
export interface StateStore {
  /** The state file, when there is one. */
  readonly path: string | undefined;
  /**
   * Runs `fn` exclusively on the current state and keeps the state it returns. `fn` may change
   * the state it is given in place; when it throws, a file store drops what it changed.
   */
  transact<T>(fn: (current: EmulatorState) => TransactionResult<T>): Promise<T>;
  /** A consistent deep copy of the current state, read without waiting for the lock. */
  peek(): EmulatorState;
  /** Resolves when every transaction queued so far has finished. */
  idle(): Promise<void>;
  /** Finishes the queued transactions and writes what is not written yet. */
  close(): Promise<void>;
}

/** Serialises async work in this process, so a process never waits on its own file lock. */
function createQueue(): { enqueue: <T>(work: () => Promise<T>) => Promise<T>; idle: () => Promise<void> } {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    enqueue: <T>(work: () => Promise<T>): Promise<T> => {
      const run = tail.then(work, work);
      tail = run.catch(() => undefined);
      return run;
    },
    idle: () => tail.then(() => undefined),
  };
}

/** A store in memory, which also lends its state for a look without a copy. */
export interface MemoryStateStore extends StateStore {
  /**
   * Runs `select` on the current state itself, not a copy: `select` must not change it, and must
   * copy what it returns.
   */
  look<T>(select: (current: Readonly<EmulatorState>) => T): T;
}

/**
 * State in memory (tests, one-off runs). The store keeps `initial` itself, not a copy (the caller
 * hands over a state of its own). `validate`: a state from outside the engine (a caller's) is
 * validated first; one the engine built (the seed) is trusted.
 */
export function createMemoryStateStore(initial: EmulatorState, options: { readonly validate: boolean }): MemoryStateStore {
  let state = options.validate ? parseEmulatorState(initial) : initial;
  const { enqueue, idle } = createQueue();
  return {
    path: undefined,
    transact: <T>(fn: (current: EmulatorState) => TransactionResult<T>) =>
      enqueue(async () => {
        // No copy per call: at fleet scale it would cost more than the call itself.
        const revision = state.revision;
        const out = fn(state);
        state = out.validate === true ? parseEmulatorState(out.state) : out.state;
        state.revision = revision + 1;
        return out.result;
      }),
    peek: () => structuredClone(state),
    look: (select) => select(state),
    idle,
    close: idle,
  };
}

/** The revision recorded in a state file's text; 0 for a version-1 file, `undefined` when unreadable. */
function revisionInText(text: string): number | undefined {
  try {
    const doc = JSON.parse(text) as { revision?: unknown; formatVersion?: unknown };
    if (typeof doc.revision === 'number') return doc.revision;
    return doc.formatVersion === 1 ? 0 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Refuses the write when the file is no longer the one read: replaced or rewritten with another
 * revision since. Cheap in the usual case (one lstat); the file is read only when it changed.
 */
function fence(path: string, read: StateFileRead | undefined, revision: number): void {
  const now = stateFileIdentity(path);
  if (now === read?.identity) return;
  const current = now === undefined ? undefined : readEmulatorStateSnapshot(path);
  const found = current === undefined ? undefined : revisionInText(current.text);
  // Rewritten at the same revision (touched, or copied back): nothing newer is lost.
  if (read !== undefined && found === revision) return;
  const what =
    current === undefined
      ? 'was deleted'
      : read === undefined
        ? `was created (revision ${found ?? 'unknown'})`
        : `was written by another process (revision ${found ?? 'unknown'}, this one read ${revision})`;
  throw new EmulatorStateError(
    'emulator/state-conflict',
    path,
    `emulator state file ${path} ${what} while this process held its lock; nothing was written, so the newer state is kept. Run the command again`,
  );
}

/**
 * How long a process keeps the lock after a call that changed only bookkeeping, waiting for the
 * next call of the same burst (a plan makes dozens back to back).
 */
const LEASE_IDLE_MS = 20;
/** The longest a process keeps the lock across calls; what others read is at most this stale. */
const LEASE_MAX_MS = 500;

/** The lock this process holds across calls, and the state as it stands under it. */
interface Lease {
  readonly token: string;
  readonly since: number;
  /** The file as this process last read or wrote it: the fencing reference. */
  read: StateFileRead | undefined;
  /** The revision in that file. */
  revision: number;
  state: EmulatorState;
  /** Changed since `read` (bookkeeping not yet written). */
  dirty: boolean;
  timer: NodeJS.Timeout | undefined;
}

/**
 * State in a JSON file. `initial` builds the state when the file does not exist yet (it is
 * written by the first transaction). `fs` replaces the file system the writes go through (tests
 * fake a full disk with it). `known` is the file as the caller has just read and validated it, so
 * the first transaction need not validate it again; the store takes its state over (the caller
 * only reads it while creating the emulator). `now` is the time source of the lease's age (tests
 * step it instead of waiting), `Date.now` by default.
 *
 * A transaction that changed only bookkeeping (`deferrable`) is not written at once: the process
 * keeps the lock and writes it with the next transaction that must be written, when another
 * process or store waits for the lock, after {@link LEASE_IDLE_MS} without a call, at most
 * {@link LEASE_MAX_MS} after it took the lock, or at `close()`. Every other transaction is written
 * durably before it returns, and the lock is let go at once.
 */
export function createFileStateStore(
  path: string,
  initial: () => EmulatorState,
  lock?: FileLockOptions,
  fs?: WriteFs,
  known?: { readonly text: string; readonly state: EmulatorState },
  now: () => number = Date.now,
): StateStore {
  const { enqueue, idle } = createQueue();
  const lockPath = `${path}.lock`;
  // The last text this process read or wrote and its state: when the file still holds exactly
  // that text, nobody else wrote since, and it need not be parsed and validated again. The state
  // is this store's own object, changed only under the lock.
  let lastText = known?.text;
  let lastState = known?.state;
  let lease: Lease | undefined;
  const forget = (): void => {
    lastText = undefined;
    lastState = undefined;
  };

  const stateOf = (read: StateFileRead | undefined): EmulatorState => {
    if (read === undefined) return parseEmulatorState(initial(), path);
    if (read.text === lastText && lastState !== undefined) return lastState;
    forget();
    return parseEmulatorStateText(read.text, path);
  };

  const take = async (): Promise<Lease> => {
    if (lease !== undefined) return lease;
    const token = await acquireFileLock(lockPath, lock);
    try {
      const read = readEmulatorStateSnapshot(path);
      const state = stateOf(read);
      lease = { token, since: now(), read, revision: state.revision, state, dirty: false, timer: undefined };
      return lease;
    } catch (e) {
      releaseFileLock(lockPath, token);
      throw e;
    }
  };

  /** Writes the lease's state durably; on failure the lease's unwritten state is dropped. */
  const write = (held: Lease): void => {
    const state = held.state;
    state.revision = held.revision + 1;
    const text = serializeEmulatorState(state);
    try {
      writeEmulatorStateText(path, text, { beforeReplace: () => fence(path, held.read, held.revision), ...(fs === undefined ? {} : { fs }) });
    } catch (e) {
      forget();
      throw e;
    }
    held.read = { text, identity: stateFileIdentity(path) ?? '' };
    held.revision = state.revision;
    held.dirty = false;
    lastText = text;
    lastState = state;
  };

  /** Lets go of the lock, writing first what is not written yet. */
  const release = (held: Lease): void => {
    clearTimeout(held.timer);
    lease = undefined;
    try {
      if (held.dirty) write(held);
    } finally {
      releaseFileLock(lockPath, held.token);
    }
  };

  // Only bookkeeping is unwritten when the lease ends this way, so a failed write (a full disk)
  // loses call counters and rate windows of reads, never a change; the next write meets the
  // same disk and says so.
  const releaseQuietly = (held: Lease): void => {
    try {
      release(held);
    } catch {
      // See above.
    }
  };

  return {
    path,
    transact: <T>(fn: (current: EmulatorState) => TransactionResult<T>) =>
      enqueue(async () => {
        const held = await take();
        clearTimeout(held.timer);
        held.timer = undefined;
        let out: TransactionResult<T>;
        try {
          out = fn(held.state);
          held.state = out.validate === true ? parseEmulatorState(out.state, path) : out.state;
        } catch (e) {
          // What `fn` did before it threw is not kept: the lease ends unwritten (losing at most
          // bookkeeping), and the next transaction reads the file again.
          lease = undefined;
          forget();
          releaseFileLock(lockPath, held.token);
          throw e;
        }
        held.dirty = true;
        const keep = out.deferrable === true && now() - held.since < LEASE_MAX_MS && !isLockWanted(lockPath);
        if (!keep) {
          release(held);
          return out.result;
        }
        held.timer = setTimeout(() => void enqueue(async () => (lease === held ? releaseQuietly(held) : undefined)), LEASE_IDLE_MS);
        return out.result;
      }),
    // The file is only ever replaced by rename, so a lock-free read sees a whole state; under a
    // lease this process's state is newer than the file.
    peek: () => structuredClone(lease?.state ?? stateOf(readEmulatorStateSnapshot(path))),
    idle,
    close: () =>
      enqueue(async () => {
        if (lease !== undefined) release(lease);
      }),
  };
}
