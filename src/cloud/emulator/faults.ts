/**
 * Fault injection and rate limits. Decisions are drawn from the seeded generator with a counter
 * kept in the state, so a run is reproducible whichever process serves each call.
 */
import { ApiError } from './api-error';
import { drawUniform } from './_seeded-random';
import type { EmulatorState, Faults } from './state-schema';

/** What happens to one call besides its normal processing. */
export type FaultKind =
  /** Processed normally. */
  | 'none'
  /** Answered `RequestLimitExceeded` (an API error, HTTP 200 on the wire). */
  | 'throttle'
  /** Not processed; HTTP 500/503 with a non-JSON body on the wire. */
  | 'unavailable'
  /** Not processed; the connection drops without a response. */
  | 'drop-before'
  /** Processed, then the connection drops: the client cannot know it was applied. */
  | 'drop-after';

/** The fault drawn for one call. */
export interface FaultDecision {
  readonly kind: FaultKind;
  /** Added latency in real milliseconds (base plus a possible spike). */
  readonly latencyMs: number;
  /** For `unavailable`: 500 or 503. */
  readonly httpStatus: 500 | 503;
}

/** Draws the fault of one call, consuming two draws of the state's fault counter. */
export function drawFault(state: EmulatorState, faults: Faults, action: string): FaultDecision {
  const index = state.counters.faultDraws;
  state.counters.faultDraws += 2;
  const u = drawUniform(faults.seed, 'fault', index);
  const v = drawUniform(faults.seed, 'fault', index + 1);
  const latencyMs = faults.latencyMs + (v < faults.latencySpikeRate ? faults.latencySpikeMs : 0);
  const httpStatus = v < 0.5 ? 500 : 503;
  const applies = faults.actions.length === 0 || faults.actions.includes(action);
  if (!applies) return { kind: 'none', latencyMs, httpStatus };
  let edge = faults.throttleRate;
  if (u < edge) return { kind: 'throttle', latencyMs, httpStatus };
  edge += faults.errorRate;
  if (u < edge) return { kind: 'unavailable', latencyMs, httpStatus };
  edge += faults.dropRate;
  if (u < edge) return { kind: 'drop-before', latencyMs, httpStatus };
  edge += faults.dropAfterRate;
  if (u < edge) return { kind: 'drop-after', latencyMs, httpStatus };
  return { kind: 'none', latencyMs, httpStatus };
}

/** The limit of an action in calls per second. */
export function rateLimitOf(faults: Faults, action: string): number {
  return faults.rateLimits[action] ?? faults.defaultRateLimit;
}

/**
 * Counts a call in its action's window (the second of `nowMs`) and throws `RequestLimitExceeded`
 * when the window is over the limit. The caller chooses the time base: virtual for in-process
 * callers, whose waits run on the virtual clock, real for HTTP clients.
 */
export function enforceRateLimit(state: EmulatorState, faults: Faults, action: string, nowMs: number): void {
  const second = Math.floor(nowMs / 1000);
  const window = state.rateWindows[action];
  const current = window !== undefined && window.second === second ? window : { second, count: 0 };
  current.count += 1;
  state.rateWindows[action] = current;
  if (!faults.rateLimitsEnabled) return;
  const limit = rateLimitOf(faults, action);
  if (current.count > limit) {
    throw new ApiError(
      'RequestLimitExceeded',
      `${action} is limited to ${limit} calls per second; this is call ${current.count} in the current second; retry after a back-off`,
    );
  }
}

/** The error a throttle fault answers with. */
export function throttleError(action: string): ApiError {
  return new ApiError('RequestLimitExceeded', `${action}: request frequency is over the limit (injected fault); retry after a back-off`);
}
