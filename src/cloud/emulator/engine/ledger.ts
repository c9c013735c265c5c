/** The submissions ledger and the deal names of accepted writes. */
import type { EmulatorState } from '../state-schema';
import { MS } from './_iso-time';
import type { OpContext } from './op-context';

/** Records an accepted write in the ledger. */
export function recordSubmission(state: EmulatorState, ctx: OpContext, action: string, instanceId: string | null, params: Record<string, unknown>): void {
  state.submissions.push({ at: ctx.now.toISOString(), action, instanceId, params: { ...params }, requestId: ctx.requestId });
}

/** The next deal name: the Beijing date and a counter (`2026030100000001`). */
export function nextDealName(state: EmulatorState, now: Date): string {
  state.counters.deals += 1;
  const beijing = new Date(now.getTime() + 8 * 3600 * MS).toISOString();
  return `${beijing.slice(0, 10).replace(/-/g, '')}${String(state.counters.deals).padStart(8, '0')}`;
}
