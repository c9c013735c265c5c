/**
 * The emulator as a transport: each request goes to the emulator's wire layer (the code the HTTP
 * server runs) and comes back as the API's `Response` object in wire units, or fails the way the
 * official SDK fails. The production adapter runs on top of it unchanged: the embedded emulator,
 * `--emulator-state`, the Pulumi provider's emulator and the tests all exercise the code that
 * talks to Tencent Cloud, with only the bytes-on-the-wire layer swapped.
 *
 * Requests and answers go through JSON, as on the wire, so nothing is shared by reference and
 * fields the SDK would drop (undefined) are dropped here too.
 */
import { sleepUnlessAborted } from '../resilience/sleep-unless-aborted';
import { markOwnFault, type CkafkaAction, type CkafkaRequest, type CkafkaResponse, type CkafkaTransport } from '../transport';
import type { DispatchOutcome, Emulator } from './emulator';

const TRANSPORT_ERROR_BRAND = Symbol.for('ckafka-iac.emulator.TransportError');

/**
 * A failed request, with the fields the official SDK's `TencentCloudSDKHttpException` carries:
 * `code` and `requestId` for an API error, `httpCode` for a non-200 answer, neither when no answer
 * came.
 */
export class EmulatorTransportError extends Error {
  readonly [TRANSPORT_ERROR_BRAND] = true;
  override readonly name = 'EmulatorTransportError';
  constructor(
    message: string,
    readonly code?: string,
    readonly requestId?: string,
    readonly httpCode?: number,
  ) {
    super(message);
  }

  static isEmulatorTransportError(x: unknown): x is EmulatorTransportError {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[TRANSPORT_ERROR_BRAND] === true;
  }
}

/** Options of {@link createInProcessTransport}. */
export interface InProcessTransportOptions {
  /** `X-TC-Region` of every request. @default the emulator's region */
  readonly region?: string;
}

function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

function aborted(action: string): EmulatorTransportError {
  return new EmulatorTransportError(`request of ${action} was aborted`);
}

/** What the SDK makes of one dispatch outcome. */
function settle(action: string, out: DispatchOutcome): Record<string, unknown> {
  if (out.kind === 'fault') {
    if (out.fault === 'unavailable') {
      // The SDK reads no body on a non-200 answer: the status text is all it reports.
      throw new EmulatorTransportError(out.httpStatus === 500 ? 'Internal Server Error' : 'Service Unavailable', undefined, '', out.httpStatus);
    }
    throw new EmulatorTransportError(`request of ${action} failed, reason: socket hang up (the connection dropped before the request was applied)`);
  }
  if (out.lostResponse) throw new EmulatorTransportError(`request of ${action} failed, reason: socket hang up (the connection dropped before the answer arrived)`);
  const response = JSON.parse(JSON.stringify(out.body.Response)) as Record<string, unknown>;
  const error = response.Error as { Code?: unknown; Message?: unknown } | undefined;
  if (error !== undefined) {
    throw new EmulatorTransportError(String(error.Message ?? ''), String(error.Code ?? ''), typeof response.RequestId === 'string' ? response.RequestId : undefined);
  }
  return response;
}

/** A transport that hands each request to `emulator`'s wire layer, in this process. */
export function createInProcessTransport(emulator: Emulator, options: InProcessTransportOptions = {}): CkafkaTransport {
  const region = options.region ?? emulator.region;
  return {
    async request<A extends CkafkaAction>(action: A, params: CkafkaRequest<A>, signal?: AbortSignal): Promise<CkafkaResponse<A>> {
      if (signal?.aborted === true) throw aborted(action);
      // A request in flight is work, not a wait: a stepping clock must not move under it, or a
      // change due now would be submitted after someone else's wait.
      const release = emulator.clock.hold();
      try {
        let out: DispatchOutcome;
        try {
          out = await emulator.dispatch(action, JSON.parse(JSON.stringify(params ?? {})) as unknown, region);
        } catch (e) {
          // API errors come back as outcomes; anything thrown is the emulator's own failure (its
          // state file, its lock), which the caller must see as it is.
          throw typeof e === 'object' && e !== null ? markOwnFault(e) : e;
        }
        // Latency is network time: real milliseconds, whatever the virtual clock does.
        if (out.latencyMs > 0) await sleepUnlessAborted(out.latencyMs, signal);
        if (isAborted(signal) && out.kind === 'response' && !out.lostResponse) {
          // The answer arrived as the caller gave up: as with a fetch aborted late, it is not read.
          throw aborted(action);
        }
        return settle(action, out) as CkafkaResponse<A>;
      } finally {
        release();
      }
    },
    close() {
      // Nothing to release: the emulator belongs to whoever created it.
    },
  };
}
