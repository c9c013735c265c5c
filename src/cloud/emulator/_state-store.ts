/**
 * Where the emulator keeps its state: in memory, or in a JSON file shared by processes. Every
 * transaction is exclusive: in a file, lock → read → apply → write atomically → unlock.
 *
 * Validation happens at the boundaries: a file written by someone else (another process, a
 * person) is validated when read, and a transaction that ran caller code (`validate: true`, as
 * `update()` does) is validated before it is kept. States produced by the engine are trusted,
 * which keeps a call to about a millisecond.
 */
import { withFileLock, type FileLockOptions } from './file-lock';
import { parseEmulatorState, parseEmulatorStateText, readEmulatorStateText, serializeEmulatorState, writeEmulatorStateText } from './state-file';
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
        const out = fn(state);
        state = out.validate === true ? parseEmulatorState(out.state) : out.state;
        return out.result;
      }),
    peek: () => structuredClone(state),
    idle,
  };
}

/**
 * State in a JSON file. `initial` builds the state when the file does not exist yet (it is
 * written by the first transaction).
 */
export function createFileStateStore(path: string, initial: () => EmulatorState, lock?: FileLockOptions): StateStore {
  const { enqueue, idle } = createQueue();
  const lockPath = `${path}.lock`;
  // The last text this process wrote and its state: when the file still holds exactly that text,
  // nobody else wrote since, and it need not be parsed and validated again.
  let lastText: string | undefined;
  let lastState: EmulatorState | undefined;
  const read = (): EmulatorState => {
    const text = readEmulatorStateText(path);
    if (text === undefined) return parseEmulatorState(initial(), path);
    if (text === lastText && lastState !== undefined) return structuredClone(lastState);
    return parseEmulatorStateText(text, path);
  };
  return {
    path,
    transact: <T>(fn: (current: EmulatorState) => TransactionResult<T>) =>
      enqueue(() =>
        withFileLock(
          lockPath,
          () => {
            const out = fn(read());
            const state = out.validate === true ? parseEmulatorState(out.state, path) : out.state;
            const text = serializeEmulatorState(state);
            writeEmulatorStateText(path, text);
            lastText = text;
            lastState = structuredClone(state);
            return out.result;
          },
          lock,
        ),
      ),
    // The file is only ever replaced by rename, so a lock-free read sees a whole state.
    peek: read,
    idle,
  };
}
