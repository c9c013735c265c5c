/**
 * A state validated once and frozen, for starting many emulators from it: the contract suite
 * starts hundreds from one state, and validating the same state for each would be a large share of
 * the suite's time. Frozen, the state cannot have changed since it was validated; each emulator
 * still works on a copy of its own.
 */
import { parseEmulatorState } from './state-file';
import type { EmulatorState } from './state-schema';

const sealed = new WeakSet<object>();

function freezeDeep(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) freezeDeep(v);
}

/**
 * Validates `state` (as `createEmulator` validates a state it is given) and returns a deeply
 * frozen copy that `createEmulator({ state })` takes without validating it again. Changing the
 * copy throws; copy it (`structuredClone`) to derive another state.
 * @throws EmulatorStateError `emulator/state-invalid` naming the paths that fail the schema
 */
export function sealEmulatorState(state: EmulatorState): EmulatorState {
  const copy = parseEmulatorState(structuredClone(state));
  freezeDeep(copy);
  sealed.add(copy);
  return copy;
}

/** Whether `state` came from {@link sealEmulatorState} (and so is valid and unchanged). */
export function isSealedEmulatorState(state: EmulatorState): boolean {
  return sealed.has(state);
}
