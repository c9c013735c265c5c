/**
 * Reading and writing the emulator state file: validated against the state schema on the way in
 * and out, written through the project's one durable writer (every byte counted, fsync, rename,
 * folder fsync) so a reader never sees half a file, and a full disk or a `kill -9` mid-write
 * leaves the previous state intact. A state file that is a symbolic link is refused, for reading
 * and writing alike: the lock beside it would guard the link, not the file it points to.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, readlinkSync } from 'node:fs';
import { joinPath } from '../../spec/issues';
import { WriteFileError, writeFileDurably, type WriteFs } from '../../io/write-file-durably';
import { EmulatorStateError } from './api-error';
import { EMULATOR_STATE_FORMAT_VERSION, cachedEmulatorStateSchema, type EmulatorState } from './state-schema';

/**
 * Validates a parsed state document. Throws {@link EmulatorStateError} `emulator/state-invalid`
 * naming the file, the first problems and their paths.
 */
export function parseEmulatorState(input: unknown, path?: string): EmulatorState {
  const where = path === undefined ? 'the emulator state' : `emulator state file ${path}`;
  const version = (input as { formatVersion?: unknown } | null)?.formatVersion;
  // Version 1 is version 2 without a revision: read as revision 0.
  const document = version === 1 && typeof input === 'object' && input !== null ? { ...input, formatVersion: EMULATOR_STATE_FORMAT_VERSION, revision: 0 } : input;
  if (typeof version === 'number' && version !== EMULATOR_STATE_FORMAT_VERSION && version !== 1) {
    throw new EmulatorStateError(
      'emulator/state-invalid',
      path,
      `${where} has formatVersion ${version}, this ckafka-iac reads ${EMULATOR_STATE_FORMAT_VERSION}; ` +
        (version > EMULATOR_STATE_FORMAT_VERSION ? 'upgrade ckafka-iac' : 'delete the file to start again from the seed fleet'),
    );
  }
  const result = cachedEmulatorStateSchema().safeParse(document);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 5).map((i) => {
    const at = joinPath(...i.path.map((p) => (typeof p === 'number' ? p : String(p)))) || '(root)';
    return `at ${at}: ${i.message}`;
  });
  const more = result.error.issues.length > 5 ? ` (and ${result.error.issues.length - 5} more)` : '';
  throw new EmulatorStateError(
    'emulator/state-invalid',
    path,
    `${where} is invalid: ${problems.join('; ')}${more}. Fix it (schema: schema/emulator-state.schema.json) or delete it to start again from the seed fleet`,
  );
}

/** The text of a state file as read, and which file it was (device, inode, size, mtime). */
export interface StateFileRead {
  readonly text: string;
  /** Changes whenever the file is replaced or rewritten: compared before a write (fencing). */
  readonly identity: string;
}

function identityOf(st: { dev: number; ino: number; size: number; mtimeMs: number }): string {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;
}

function symlinkError(path: string): EmulatorStateError {
  let to = 'elsewhere';
  try {
    to = readlinkSync(path);
  } catch {
    // The link itself is what matters.
  }
  return new EmulatorStateError(
    'emulator/state-io',
    path,
    `emulator state file ${path} is a symbolic link (to ${to}); ckafka-iac locks and writes the state file itself, never through a link. Pass the real path (--emulator-state ${to}) or remove the link`,
  );
}

// O_NOFOLLOW: a link swapped in after a check is refused by open itself. O_NONBLOCK: a FIFO in
// its place is refused below instead of blocking until someone writes to it.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** Reads a state file and notes which file it was; `undefined` when it does not exist. */
export function readEmulatorStateSnapshot(path: string): StateFileRead | undefined {
  let fd: number;
  try {
    fd = openSync(path, READ_FLAGS);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP' || code === 'EMLINK') throw symlinkError(path);
    throw new EmulatorStateError('emulator/state-io', path, `cannot read emulator state file ${path}: ${(e as Error).message}`, { cause: e });
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new EmulatorStateError('emulator/state-io', path, `emulator state file ${path} is not a regular file (a folder, a FIFO or a device); give the path of a JSON file`);
    // Windows has no O_NOFOLLOW: check the path itself too.
    if (lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() === true) throw symlinkError(path);
    return { text: readFileSync(fd, 'utf8'), identity: identityOf(st) };
  } catch (e) {
    if (EmulatorStateError.isEmulatorStateError(e)) throw e;
    throw new EmulatorStateError('emulator/state-io', path, `cannot read emulator state file ${path}: ${(e as Error).message}`, { cause: e });
  } finally {
    closeSync(fd);
  }
}

/** The identity of the file at `path` now (see {@link StateFileRead}); `undefined` when there is none. */
export function stateFileIdentity(path: string): string | undefined {
  const st = lstatSync(path, { throwIfNoEntry: false });
  return st === undefined ? undefined : identityOf(st);
}

/** The text of a state file; `undefined` when it does not exist. */
export function readEmulatorStateText(path: string): string | undefined {
  return readEmulatorStateSnapshot(path)?.text;
}

/** Reads and validates a state file; `undefined` when it does not exist. */
export function readEmulatorStateFile(path: string): EmulatorState | undefined {
  return readEmulatorStateKnown(path)?.state;
}

/** Reads and validates a state file, with the text it was read from; `undefined` when it does not exist. */
export function readEmulatorStateKnown(path: string): { readonly text: string; readonly state: EmulatorState } | undefined {
  const text = readEmulatorStateText(path);
  return text === undefined ? undefined : { text, state: parseEmulatorStateText(text, path) };
}

/** Parses and validates the text of a state file. */
export function parseEmulatorStateText(text: string, path: string): EmulatorState {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (e) {
    throw new EmulatorStateError(
      'emulator/state-invalid',
      path,
      `emulator state file ${path} is not valid JSON (${(e as Error).message}); fix it or delete it to start again from the seed fleet`,
      { cause: e },
    );
  }
  return parseEmulatorState(document, path);
}

/** Reads and validates a state file. Throws when it is missing, unreadable or invalid. */
export async function loadEmulatorState(path: string): Promise<EmulatorState> {
  const state = readEmulatorStateFile(path);
  if (state === undefined) {
    throw new EmulatorStateError('emulator/state-io', path, `emulator state file ${path} does not exist; run ckafka emulator serve or any CLI command to create it`);
  }
  return state;
}

/** The text a state is written as. */
export function serializeEmulatorState(state: EmulatorState): string {
  return `${JSON.stringify(state, null, 2)}\n`;
}

/** Writes a state file atomically (no validation; see {@link saveEmulatorState}). */
export function writeEmulatorStateFile(path: string, state: EmulatorState): void {
  writeEmulatorStateText(path, serializeEmulatorState(state));
}

/** Options of {@link writeEmulatorStateText}. */
export interface WriteStateOptions {
  /** The fencing check, run just before the new file replaces the old one. */
  readonly beforeReplace?: () => void;
  /** The file-system seam (tests fake a full disk). @default the real file system */
  readonly fs?: WriteFs;
}

/**
 * Writes the text of a state file atomically and durably. A failure leaves the previous file
 * as it was and says so.
 */
export function writeEmulatorStateText(path: string, text: string, options: WriteStateOptions = {}): void {
  try {
    writeFileDurably(path, text, options);
  } catch (e) {
    if (!WriteFileError.isWriteFileError(e)) throw e;
    if (e.failure === 'symlink') throw symlinkError(path);
    throw new EmulatorStateError('emulator/state-io', path, `cannot write emulator state file: ${e.message}`, { cause: e });
  }
}

/** Validates and writes a state file atomically. */
export async function saveEmulatorState(path: string, state: EmulatorState): Promise<void> {
  writeEmulatorStateFile(path, parseEmulatorState(state, path));
}
