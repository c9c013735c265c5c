/**
 * The error the provider throws: a stable code first in the message (an issue code such as
 * `apply/stale`, or the cloud's error code such as `ResourcesSoldOut`), so `pulumi up` output
 * says what failed and how to fix it.
 */
import { redact } from '../cloud/redact';
import { CloudError } from '../cloud/port';
import type { Issue } from '../spec/issues';
import { pulumiFixOf } from './remedy-words';

const BRAND = Symbol.for('ckafka-iac.CkafkaProviderError');

/** What Pulumi records when an operation failed after the cloud changed something. */
export interface PartialState {
  /** The instance id: Pulumi keeps the resource in its state under it. */
  readonly id: string;
  /** The outputs to record (what the cloud shows now). */
  readonly properties: Record<string, unknown>;
}

/**
 * A failed provider operation. With `id` and `properties` set, Pulumi's dynamic provider host
 * reports it as a partial failure ("created/updated but failed to initialize") and records the
 * instance with those outputs, so an instance the cloud did create is never lost from the state.
 */
export class CkafkaProviderError extends Error {
  readonly [BRAND] = true;
  override readonly name = 'CkafkaProviderError';
  /** Read by Pulumi's dynamic provider host for a partial failure. */
  readonly id?: string;
  /** Read by Pulumi's dynamic provider host for a partial failure. */
  readonly properties?: Record<string, unknown>;
  /** Read by Pulumi's dynamic provider host for a partial failure. */
  readonly reasons?: string[];

  constructor(
    /** An issue code (`apply/stale`, `plan/instance-not-found`, …) or the cloud's error code. */
    readonly code: string,
    message: string,
    /** The cloud's request id, for support, when a cloud call failed. */
    readonly requestId?: string,
    partial?: PartialState,
  ) {
    super(`${code}: ${message}${requestId === undefined ? '' : ` (request ${requestId})`}`);
    if (partial !== undefined) {
      this.id = partial.id;
      this.properties = partial.properties;
      this.reasons = [this.message];
    }
  }

  static isCkafkaProviderError(x: unknown): x is CkafkaProviderError {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[BRAND] === true;
  }

  /** The first error of `issues` (code, message, hint), naming how many more there are. */
  static fromIssues(issues: readonly Issue[], fallback: string, partial?: PartialState): CkafkaProviderError {
    const errors = issues.filter((i) => i.severity === 'error');
    const first = errors[0];
    if (first === undefined) return new CkafkaProviderError('cloud/api-error', fallback, undefined, partial);
    const rest = errors.slice(1).map((i) => `${i.code}: ${i.message}`);
    const fix = pulumiFixOf(first);
    const hint = fix === undefined ? '' : ` (${fix})`;
    return new CkafkaProviderError(first.code, `${first.message}${hint}${rest.length === 0 ? '' : `; also ${rest.join('; ')}`}`, undefined, partial);
  }

  /** A cloud failure with its API code and request id; anything else as an internal error. */
  static fromCloud(e: unknown, doing: string, partial?: PartialState): CkafkaProviderError {
    if (CkafkaProviderError.isCkafkaProviderError(e)) return e;
    // The adapter's message names the operation, the cloud's code and what to do.
    if (CloudError.isCloudError(e)) return new CkafkaProviderError(e.code, `${doing}: ${e.message}`, e.requestId, partial);
    // Text from outside the adapters has not been through their redaction: scrub credential shapes.
    return new CkafkaProviderError('cloud/api-error', `${doing}: ${redact(e instanceof Error ? e.message : String(e))}`, undefined, partial);
  }
}
