/**
 * Moves a saved state to a new moment: every time in it shifts by the same amount, so a seed
 * written months ago (the quickstart's) starts at "now" with the same relations — prepaid expiry
 * still seven months ahead, a scheduled change still next Saturday.
 */
import type { ClockState } from './virtual-clock';
import type { EmulatorState } from './state-schema';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function shift(value: unknown, deltaMs: number): unknown {
  if (typeof value === 'string') return ISO_TIME.test(value) ? new Date(Date.parse(value) + deltaMs).toISOString() : value;
  if (Array.isArray(value)) return value.map((v) => shift(v, deltaMs));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shift(v, deltaMs)]));
  return value;
}

/**
 * A copy of `state` whose virtual clock reads `now`, every other time shifted alike, with the
 * given clock behaviour (`realAt` anchors it to the real clock).
 */
export function rebaseEmulatorState(state: EmulatorState, now: Date, clock: Pick<ClockState, 'speed' | 'realAt'> & { readonly stepOnSleep?: boolean }): EmulatorState {
  const delta = now.getTime() - Date.parse(state.clock.virtualAt);
  const shifted = shift(state, delta) as EmulatorState;
  return { ...shifted, clock: { virtualAt: now.toISOString(), realAt: clock.realAt, speed: clock.speed, revision: 0, ...(clock.stepOnSleep ? { stepOnSleep: true } : {}) } };
}
