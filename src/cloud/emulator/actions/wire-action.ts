/**
 * One CKafka API action of the wire layer: its parameters (from the Request interface of
 * ckafka_models.d.ts), whether it writes, and what it does with a checked request.
 */
import type { OpContext } from '../engine/op-context';
import type { EmulatorState } from '../state-schema';
import { readParams, type ParamSpec, type ParamsOf } from '../_wire-params';

/** An action as the action table runs it. */
export interface WireAction {
  /** Whether the action changes state: its accepted calls go to the submissions ledger. */
  readonly write: boolean;
  /**
   * Checks the request against the action's parameters, applies it, and returns the fields of
   * `Response` (without `RequestId`). Throws `ApiError` for every API error.
   */
  run(state: EmulatorState, ctx: OpContext, request: unknown): Record<string, unknown>;
}

/**
 * An action from its parameters and a handler of the checked request: an undeclared parameter
 * is `UnknownParameter`, a missing required one `MissingParameter`, a wrong type
 * `InvalidParameter`, before the handler runs.
 */
export function defineWireAction<S extends ParamSpec>(
  params: S,
  options: { readonly write: boolean },
  handle: (state: EmulatorState, ctx: OpContext, p: ParamsOf<S>) => Record<string, unknown>,
): WireAction {
  return { write: options.write, run: (state, ctx, request) => handle(state, ctx, readParams(params, request)) };
}
