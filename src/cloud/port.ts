/**
 * The port to the cloud, in the domain's words. The core owns these types; one adapter implements
 * them (src/cloud/tencent), over a transport that is either the official SDK or the CKafka
 * emulator's wire layer (src/cloud/transport.ts). No API action name, wire unit or error code of
 * Tencent Cloud's is part of the port: the adapter picks the API calls, converts units and
 * classifies the cloud's errors into {@link CloudErrorKind}s.
 */
import type { Edition, UpgradeMode } from '../spec/types';
import type {
  ChargeType,
  CloudCapabilities,
  MigrationAssessment,
  ObservedInstance,
  PreflightFacts,
  PriceQuote,
} from '../spec/observed';
import type { DiagnoseOptions, Diagnosis } from './diagnosis';

/** Which instances to describe: by ids (batched), or every instance in the region (paged). */
export type DescribeQuery = { readonly ids: readonly string[] } | { readonly all: true };

/** A spec to assess or price. */
export interface TargetSpec {
  readonly edition: Edition;
  readonly bandwidthMBps: number;
  readonly diskGB: number;
  readonly partitions: number;
}

export interface PriceRequest extends TargetSpec {
  readonly chargeType: ChargeType;
  readonly diskType: string;
  readonly zoneId: number;
}

/** A spec change to submit: the target values and the migration mode asked for. */
export interface SpecChangeRequest {
  readonly instanceId: string;
  readonly bandwidthMBps: number;
  readonly diskGB: number;
  readonly partitions: number;
  /**
   * The migration mode. Honoured where the cloud takes one for the instance's billing (see
   * {@link CloudCapabilities.modeSelectable}); elsewhere the cloud's default applies.
   */
  readonly mode: UpgradeMode;
}

/** What the cloud answered to a submitted change. */
export interface SubmitResult {
  /**
   * How the change is known to be in the cloud: `response`, the cloud accepted it; or
   * `observation`, the answer was lost (timeout, dropped connection, 5xx) and re-observing the
   * instance showed the change upgrading, scheduled or done, so it was not sent again.
   */
  readonly acceptedBy: 'response' | 'observation';
  /** The cloud's request id, for support; empty when the answer was lost. */
  readonly requestId: string;
  /** What the cloud returned to identify the order (deal names, a flow id), for the record. */
  readonly reference: string;
}

/** Provisioning for a new instance (Pulumi create). */
export interface CreateInstanceRequest extends TargetSpec {
  readonly name: string;
  readonly chargeType: ChargeType;
  readonly zoneId: number;
  readonly vpcId: string;
  readonly subnetId: string;
  /** Prepaid only: months to buy. */
  readonly periodMonths?: number;
  readonly diskType?: string;
  readonly kafkaVersion?: string;
}

export interface CreateResult {
  readonly instanceId: string;
  readonly requestId: string;
}

/**
 * The cloud's clock. Tencent Cloud uses the system clock; the emulator runs a virtual clock
 * with a speed factor, so a migration of hours passes in seconds and apply waits in step.
 */
export interface CloudClock {
  now(): Date;
  /** Resolves after `ms` of this clock's time (or at once when aborted). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Options every call may take. */
export interface CallOptions {
  /** Stop waiting (retries, rate limits) when this fires. */
  readonly signal?: AbortSignal;
}

/**
 * The operations ckafka-iac needs from CKafka. Every method is safe to call concurrently.
 * Reads are retried by the adapter; writes are never retried blindly (see `submitSpecChange`).
 * Failures are thrown as {@link CloudError}.
 */
export interface CkafkaCloud {
  /** `tencent` or `emulator`, for the plan's record and for messages. */
  readonly kind: string;
  readonly region: string;
  readonly clock: CloudClock;
  capabilities(): CloudCapabilities;
  /**
   * Describes instances. By ids: batched at the API's page size (DescribeInstancesDetail,
   * InstanceIdList, 20 a call); results come in the order the ids were given, each id once, and
   * ids that do not exist are simply absent. All (`{ all: true }`): every instance of the
   * region, in instance id order.
   */
  describeInstances(query: DescribeQuery, options?: CallOptions): Promise<ObservedInstance[]>;
  /**
   * Whether moving to `target` migrates data, as the cloud assesses it. A missing instance is a
   * `not-found` error; a target of another edition (a conversion, console only) `unsupported`.
   */
  assessMigration(instanceId: string, target: TargetSpec, options?: CallOptions): Promise<MigrationAssessment>;
  /** The list price of a spec: the purchase price of one month (prepaid) or one hour (postpaid). */
  quote(request: PriceRequest, options?: CallOptions): Promise<PriceQuote>;
  /** Facts for the pre-checks: routes, topics, replica sync, zone stock, max message size, usage. */
  preflight(instance: ObservedInstance, options?: CallOptions): Promise<PreflightFacts>;
  /**
   * Submits a spec change, the way the instance's billing requires. Never retried blindly: after
   * an ambiguous failure (timeout, dropped connection, 5xx) the adapter re-observes the instance
   * and resubmits only if the change is provably not in the cloud; otherwise it fails with kind
   * `outcome-unknown` (not retryable).
   */
  submitSpecChange(request: SpecChangeRequest, options?: CallOptions): Promise<SubmitResult>;
  /** Moves a change already scheduled in the cloud to another time. */
  retimeRebalance(instanceId: string, at: Date, options?: CallOptions): Promise<void>;
  /**
   * Creates an instance. Never ordered twice: after a lost answer the adapter looks for a new
   * instance of that name, and fails with kind `outcome-unknown` when it finds none.
   */
  createInstance(request: CreateInstanceRequest, options?: CallOptions): Promise<CreateResult>;
  /**
   * Deletes an instance, the way its billing requires. One that does not exist counts as
   * deleted; a lost answer is settled by observing the instance.
   */
  deleteInstance(instanceId: string, options?: CallOptions): Promise<void>;
  /**
   * Asks each read action ckafka-iac depends on, for a sample of instances, and reports whether
   * the answers have the shapes the adapter relies on, the known differences from the
   * documentation it handles, and what the answers settle of the unconfirmed points. Read-only.
   */
  diagnose(options?: DiagnoseOptions): Promise<Diagnosis>;
  /** Releases sockets, timers and state files. */
  close(): Promise<void>;
}

/** Why a cloud call failed, in categories the callers act on. The adapter classifies the cloud's own codes. */
export type CloudErrorKind =
  | 'auth' // credentials, signature or permissions
  | 'throttled' // the cloud's rate limit
  | 'unavailable' // the service answered that it cannot serve now (5xx and the like)
  | 'network' // no answer: refused, reset, timed out
  | 'not-found' // the instance does not exist
  | 'in-use' // another change is running on the instance
  | 'sold-out' // the zone lacks resources
  | 'invalid' // the request was refused as invalid
  | 'unsupported' // the operation is not offered for this instance
  | 'outcome-unknown' // a write's answer was lost and observing the cloud could not settle it
  | 'aborted' // the caller's signal fired
  | 'other';

const CLOUD_ERROR_BRAND = Symbol.for('ckafka-iac.CloudError');

/**
 * A failed cloud call: its kind, the cloud's own error code and message (for the user and for
 * support), the request id, and the HTTP status when there was one. Never carries credentials.
 */
export class CloudError extends Error {
  readonly [CLOUD_ERROR_BRAND] = true;
  override readonly name = 'CloudError';
  constructor(
    readonly kind: CloudErrorKind,
    /** The cloud's own error code (e.g. `InvalidParameterValue.InstanceNotExist`), or the adapter's (`ClientError.*`). */
    readonly code: string,
    message: string,
    /** The cloud operation that failed, in the cloud's words, for the message. */
    readonly action: string,
    readonly requestId?: string,
    readonly httpCode?: number,
  ) {
    super(message);
  }

  /** True when retrying the same read may succeed. */
  get retryable(): boolean {
    return this.kind === 'throttled' || this.kind === 'unavailable' || this.kind === 'network';
  }

  static isCloudError(x: unknown): x is CloudError {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[CLOUD_ERROR_BRAND] === true;
  }
}
