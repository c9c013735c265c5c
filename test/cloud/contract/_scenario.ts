/** What a contract scenario is, and the small readings of a front its scenarios share. */
import type { EmulatorState, Faults, Submission } from '../../../src/cloud/emulator';
import type { ObservedInstance } from '../../../src/spec/observed';
import type { ErrorShape, Front, FrontKind } from './_fronts';

/** One contract scenario. `run` returns plain data: what the port answered, as seen by a caller. */
export interface Scenario<R = unknown> {
  readonly name: string;
  /** @default `contractState()` of `_contract-state.ts` */
  readonly state?: () => EmulatorState;
  run(front: Front): Promise<R>;
  /** What the contract requires of the result (runs for each front). */
  check(result: R, front: FrontKind): void;
  /**
   * The call fails while other calls it made at once are still out, and cancels them: which of
   * those had reached the cloud depends on the transport's latency, so parity compares the
   * result, not the calls.
   */
  readonly cancelsInFlight?: true;
}

/** A typed scenario, listed with the others. */
export function scenario<R>(s: Scenario<R>): Scenario {
  return s as Scenario;
}

export function byId(list: readonly ObservedInstance[], id: string): ObservedInstance {
  const found = list.find((o) => o.instanceId === id);
  if (found === undefined) throw new Error(`${id} was not observed`);
  return found;
}

export function sorted(ids: readonly string[]): string[] {
  return [...ids].sort();
}

/** The accepted writes since `from`, without request ids. */
export function ledger(front: Front, from = 0): Array<Omit<Submission, 'requestId'>> {
  return front.em
    .snapshot('submissions')
    .slice(from)
    .map(({ requestId: _requestId, ...rest }) => rest);
}

export function callsOf(front: Front, action: string): number {
  return front.em.snapshot('calls')[action] ?? 0;
}

/** Makes the emulator inject `faults` (limited to `faults.actions` where given). */
export async function inject(front: Front, faults: Partial<Faults>): Promise<void> {
  await front.em.update((s) => {
    Object.assign(s.faults, faults);
  });
}

/** A settled outcome with its error reduced to what callers act on: `kind` and `code`. */
export function kindAndCode(outcome: unknown): unknown {
  return 'error' in (outcome as object) ? { error: { kind: (outcome as ErrorShape).error.kind, code: (outcome as ErrorShape).error.code } } : outcome;
}
