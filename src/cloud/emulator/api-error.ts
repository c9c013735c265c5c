/**
 * Errors of the emulator. `ApiError` is a business error of the simulated CKafka API: the wire
 * front returns it as `{"Response": {"Error": {Code, Message}, RequestId}}` with HTTP 200, over
 * HTTP and through the in-process transport alike.
 */
import type { RuleIssue } from '../../spec/rules/rule';
import { apiRefusalOf } from '../api-refusal';

const API_ERROR_BRAND = Symbol.for('ckafka-iac.emulator.ApiError');

/**
 * A CKafka API error, with the code the real API uses (`InvalidParameterValue.InstanceNotExist`,
 * `ResourceInUse`, …) and a message that says what was given, what is allowed and how to fix it.
 */
export class ApiError extends Error {
  readonly [API_ERROR_BRAND] = true;
  override readonly name = 'ApiError';
  constructor(
    /** The API's `Error.Code`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  static isApiError(x: unknown): x is ApiError {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[API_ERROR_BRAND] === true;
  }
}

/**
 * Throws the API's answer to the first error among `issues` (the shared provisioning and spec
 * rules): the code the action lists for that parameter, the parameter's wire name, the rule's words.
 */
export function refuseByRules(issues: readonly RuleIssue[]): void {
  const refusal = apiRefusalOf(issues);
  if (refusal !== undefined) throw new ApiError(refusal.code, refusal.parameter === undefined ? refusal.message : `${refusal.parameter}: ${refusal.message}`);
}

/** Codes of {@link EmulatorStateError}. */
export type EmulatorStateErrorCode =
  /** The state file is not JSON or does not match the state schema. */
  | 'emulator/state-invalid'
  /** The state file exists but cannot be read or written. */
  | 'emulator/state-io'
  /** The lock on the state file could not be acquired in time. */
  | 'emulator/state-locked'
  /** Another process wrote the state file since this one read it (fencing); nothing was written. */
  | 'emulator/state-conflict'
  /** The emulator was used after `close()`. */
  | 'emulator/closed';

const STATE_ERROR_BRAND = Symbol.for('ckafka-iac.emulator.EmulatorStateError');

/**
 * A problem with the emulator's own state file (not a simulated API error): unreadable, invalid,
 * or locked by another process. The message names the file, the problem and the fix.
 */
export class EmulatorStateError extends Error {
  readonly [STATE_ERROR_BRAND] = true;
  override readonly name = 'EmulatorStateError';
  constructor(
    readonly code: EmulatorStateErrorCode,
    /** The state file concerned, when there is one. */
    readonly path: string | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  static isEmulatorStateError(x: unknown): x is EmulatorStateError {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[STATE_ERROR_BRAND] === true;
  }
}
