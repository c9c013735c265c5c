/**
 * Reading and writing the emulator state file: validated against the state schema on the way in
 * and out, written atomically (temporary file, fsync, rename) so a reader never sees half a file
 * and a `kill -9` mid-write leaves the previous state intact.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { joinPath } from '../../spec/issues';
import { EmulatorStateError } from './api-error';
import { EMULATOR_STATE_FORMAT_VERSION, cachedEmulatorStateSchema, type EmulatorState } from './state-schema';

/**
 * Validates a parsed state document. Throws {@link EmulatorStateError} `emulator/state-invalid`
 * naming the file, the first problems and their paths.
 */
export function parseEmulatorState(document: unknown, path?: string): EmulatorState {
  const where = path === undefined ? 'the emulator state' : `emulator state file ${path}`;
  const version = (document as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version !== EMULATOR_STATE_FORMAT_VERSION) {
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

/** The text of a state file; `undefined` when it does not exist. */
export function readEmulatorStateText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new EmulatorStateError('emulator/state-io', path, `cannot read emulator state file ${path}: ${(e as Error).message}`, { cause: e });
  }
}

/** Reads and validates a state file; `undefined` when it does not exist. */
export function readEmulatorStateFile(path: string): EmulatorState | undefined {
  const text = readEmulatorStateText(path);
  return text === undefined ? undefined : parseEmulatorStateText(text, path);
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

/** Writes the text of a state file atomically: temporary file, fsync, rename. */
export function writeEmulatorStateText(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, text);
      // Without fsync a crash after rename could leave an empty file in place of the state.
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // Nothing to clean up.
    }
    throw new EmulatorStateError('emulator/state-io', path, `cannot write emulator state file ${path}: ${(e as Error).message}`, { cause: e });
  }
}

/** Validates and writes a state file atomically. */
export async function saveEmulatorState(path: string, state: EmulatorState): Promise<void> {
  writeEmulatorStateFile(path, parseEmulatorState(state, path));
}
