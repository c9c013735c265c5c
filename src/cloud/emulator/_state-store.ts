/**
 * Where the emulator keeps its state: in memory, or in a JSON file shared by processes. Every
 * transaction is exclusive: in a file, lock → read → apply → write atomically → unlock.
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
import { withFileLock, type FileLockOptions } from './file-lock';
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
}

/** State storage with exclusive transactions. */
export interface StateStore {
  /** The state file, when there is one. */
  readonly path: string | undefined;
  /**
   * Runs `fn` exclusively on the current state and keeps the state it returns. `fn` may change
   * the state it is given in place, so it must not throw after changing it (the engine changes a
   * draft and returns it, or throws before changing anything).
   */
  transact<T>(fn: (current: EmulatorState) => TransactionResult<T>): Promise<T>;
  /** A consistent deep copy of the current state, read without waiting for the lock. */
  peek(): EmulatorState;
  /** Resolves when every transaction queued so far has finished. */
  idle(): Promise<void>;
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

/** State in memory (tests, one-off runs). */
export function createMemoryStateStore(initial: EmulatorState): StateStore {
  let state = parseEmulatorState(structuredClone(initial));
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
    idle,
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
 * State in a JSON file. `initial` builds the state when the file does not exist yet (it is
 * written by the first transaction). `fs` replaces the file system the writes go through (tests
 * fake a full disk with it).
 */
export function createFileStateStore(path: string, initial: () => EmulatorState, lock?: FileLockOptions, fs?: WriteFs): StateStore {
  const { enqueue, idle } = createQueue();
  const lockPath = `${path}.lock`;
  // The last text this process wrote and its state: when the file still holds exactly that text,
  // nobody else wrote since, and it need not be parsed and validated again.
  let lastText: string | undefined;
  let lastState: EmulatorState | undefined;
  const stateOf = (read: StateFileRead | undefined): EmulatorState => {
    if (read === undefined) return parseEmulatorState(initial(), path);
    if (read.text === lastText && lastState !== undefined) return structuredClone(lastState);
    return parseEmulatorStateText(read.text, path);
  };
  return {
    path,
    transact: <T>(fn: (current: EmulatorState) => TransactionResult<T>) =>
      enqueue(() =>
        withFileLock(
          lockPath,
          () => {
            const read = readEmulatorStateSnapshot(path);
            const current = stateOf(read);
            const revision = current.revision;
            const out = fn(current);
            const state = out.validate === true ? parseEmulatorState(out.state, path) : out.state;
            state.revision = revision + 1;
            const text = serializeEmulatorState(state);
            writeEmulatorStateText(path, text, { beforeReplace: () => fence(path, read, revision), ...(fs === undefined ? {} : { fs }) });
            lastText = text;
            lastState = structuredClone(state);
            return out.result;
          },
          lock,
        ),
      ),
    // The file is only ever replaced by rename, so a lock-free read sees a whole state.
    peek: () => stateOf(readEmulatorStateSnapshot(path)),
    idle,
  };
}
