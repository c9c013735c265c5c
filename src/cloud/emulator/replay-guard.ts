/**
 * Signatures remembered for as long as they are valid (their timestamp ± 300 s), so a signed
 * request captured on the way cannot be sent again as something else or a second time.
 *
 * The official SDK signs `content-type;host` and the body, not the action (`X-TC-Action` is not
 * in its signed headers). Two of its requests with the same body in the same second therefore
 * carry the same signature: the adapter's DescribeRoute and DescribeInstanceAttributes of one
 * instance, or two processes reading the same page at once. A verifier cannot tell those from a
 * replay, so the rules guard what matters, the writes:
 *
 * - a signature first seen on one action is refused on another when either is a write
 *   (a signed DescribeInstanceAttributes cannot become DeleteInstancePre);
 * - a write that changes something each time it runs (a spec change, a create, a delete) is
 *   refused when its signature was seen before, even on the same action (an exact replay);
 * - reads may repeat: the same read twice changes nothing, and legitimate clients do it.
 *
 * A write is remembered from the moment it is let through, and forgotten again when the emulator
 * shows it did nothing (an injected 5xx or dropped connection before it ran, a throttle): the
 * client may resend it, possibly within the same second, and must not be refused.
 */
import { WRITE_ACTIONS } from './actions';
import type { Tc3Failure } from './tc3';

/**
 * Writes that change nothing when repeated: setting the same rebalance time twice. The adapter
 * retries it like a read, so an exact repeat is let through; a swap into it is still refused.
 */
const REPEATABLE_WRITES: ReadonlySet<string> = new Set(['ModifyInstanceAttributes']);

interface Seen {
  readonly action: string;
  /** Unix seconds after which the signature has expired anyway. */
  readonly expiresAt: number;
}

/** Options of {@link createReplayGuard}. */
export interface ReplayGuardOptions {
  /** How long a signature stays valid after (and before) its timestamp. @default 300 */
  readonly validitySeconds?: number;
  /** Signatures remembered at most; beyond, new requests are refused until old ones expire. @default 100000 */
  readonly capacity?: number;
}

/** What the server asks the guard. */
export interface ReplayGuard {
  /**
   * Admits a request with this signature and action, or says why not. An admitted request is
   * remembered; call `forget` when it turned out to do nothing.
   */
  admit(signature: string, action: string, timestamp: number, nowSeconds: number): Tc3Failure | undefined;
  /** Forgets an admitted write that did nothing, so its client may send it again. */
  forget(signature: string, action: string): void;
  /** Signatures remembered now (for tests). */
  readonly size: number;
}

/** Creates a guard; one per server, in memory (an emulator restart forgets, as expiry would). */
export function createReplayGuard(options: ReplayGuardOptions = {}): ReplayGuard {
  const validity = options.validitySeconds ?? 300;
  const capacity = options.capacity ?? 100_000;
  const seen = new Map<string, Seen>();

  // Entries go in roughly by arrival; dropping expired ones from the front keeps the map bounded
  // by the traffic of the last validity window.
  const expire = (now: number): void => {
    for (const [signature, entry] of seen) {
      if (entry.expiresAt >= now) break;
      seen.delete(signature);
    }
  };

  return {
    admit(signature, action, timestamp, now) {
      expire(now);
      const prior = seen.get(signature);
      const write = WRITE_ACTIONS.has(action);
      if (prior !== undefined && prior.action !== action && (write || WRITE_ACTIONS.has(prior.action))) {
        return {
          code: 'AuthFailure.SignatureFailure',
          message: `this signature was already used for ${prior.action} and is not valid for ${action}: sign each request afresh (a signed request cannot be replayed as another action)`,
        };
      }
      if (prior !== undefined && write && !REPEATABLE_WRITES.has(action)) {
        return {
          code: 'AuthFailure.SignatureFailure',
          message: `this signed ${action} was already received (a replay, or the same request sent twice within one second); it is not run again. Sign a new request if the change is still wanted`,
        };
      }
      if (prior === undefined) {
        if (seen.size >= capacity) return { code: 'AuthFailure.SignatureFailure', message: `too many signed requests in the last ${validity} s to remember; try again shortly` };
        seen.set(signature, { action, expiresAt: timestamp + validity });
      }
      return undefined;
    },
    forget(signature, action) {
      if (seen.get(signature)?.action === action && WRITE_ACTIONS.has(action)) seen.delete(signature);
    },
    get size() {
      return seen.size;
    },
  };
}
