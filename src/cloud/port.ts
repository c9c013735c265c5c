/**
 * The port to the cloud. The core owns these types; two adapters implement them and pass one
 * contract suite: the Tencent Cloud client on the official SDK (src/cloud/tencent) and the
 * CKafka emulator (src/cloud/emulator).
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

/** A spec change to submit. Prepaid goes to ModifyInstancePre, postpaid to InstanceScalingDown. */
export interface SpecChangeRequest {
  readonly instanceId: string;
  readonly chargeType: ChargeType;
  readonly bandwidthMBps: number;
  readonly diskGB: number;
  readonly partitions: number;
  /** Sent as UpgradeStrategy (1 stable, 2 high-speed) for postpaid; prepaid takes no mode. */
  readonly mode: UpgradeMode;
}

/** What the cloud answered to a submitted change. */
export interface SubmitResult {
  readonly action: 'ModifyInstancePre' | 'InstanceScalingDown';
  readonly requestId: string;
  /** Deal names or flow ids the cloud returned, for the record (FlowId is always 0 for prepaid). */
  readonly reference: string;
  /**
   * How the submission is known to be in the cloud: `response`, the API accepted it; or
   * `observation`, the answer was lost (timeout, dropped connection, 5xx) and re-observing the
   * instance showed the change upgrading, scheduled or done, so it was not sent again.
   * Absent means `response`.
   */
  readonly acceptedBy?: 'response' | 'observation';
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
   * Whether moving to `target` migrates data (DescribeModifyType). A missing instance is
   * `InvalidParameterValue.InstanceNotExist`; a target of another edition (a conversion, console
   * only) is `UnsupportedOperation`.
   */
  assessMigration(instanceId: string, target: TargetSpec, options?: CallOptions): Promise<MigrationAssessment>;
  /** The list price of a spec (InquireCkafkaPrice, purchase of one month or one hour). */
  quote(request: PriceRequest, options?: CallOptions): Promise<PriceQuote>;
  /** Facts for the pre-checks: routes, topics, replica sync, zone stock, max message size, usage. */
  preflight(instance: ObservedInstance, options?: CallOptions): Promise<PreflightFacts>;
  /**
   * Submits a spec change. Never retried blindly: after an ambiguous failure (timeout, dropped
   * connection, 5xx) the adapter re-observes the instance and resubmits only if the change is
   * provably not in the cloud; otherwise it reports what it saw as `ClientError.OutcomeUnknown`
   * (kind `other`: not retryable).
   */
  submitSpecChange(request: SpecChangeRequest, options?: CallOptions): Promise<SubmitResult>;
  /** Moves a task already scheduled in the cloud (ModifyInstanceAttributes.RebalanceTime). */
  retimeRebalance(instanceId: string, at: Date, options?: CallOptions): Promise<void>;
  /**
   * Creates an instance (CreatePostPaidInstance / CreateInstancePre). Never ordered twice: after
   * a lost answer the adapter looks for a new instance of that name, and reports
   * `ClientError.OutcomeUnknown` when it finds none.
   */
  createInstance(request: CreateInstanceRequest, options?: CallOptions): Promise<CreateResult>;
  /**
   * Deletes an instance (DeleteInstancePost / DeleteInstancePre). One that does not exist counts
   * as deleted; a lost answer is settled by observing the instance.
   */
  deleteInstance(instanceId: string, chargeType: ChargeType, options?: CallOptions): Promise<void>;
  /** Releases sockets, timers and state files. */
  close(): Promise<void>;
}

/** Why a cloud call failed, in categories the callers act on. */
export type CloudErrorKind =
  | 'auth' // AuthFailure.*: credentials or signature
  | 'throttled' // RequestLimitExceeded.*
  | 'unavailable' // ResourceUnavailable, ServiceUnavailable, HTTP 5xx
  | 'network' // no response: refused, reset, timeout
  | 'not-found' // the instance does not exist
  | 'in-use' // ResourceInUse: another change is running
  | 'sold-out' // ResourcesSoldOut / ResourceInsufficient
  | 'invalid' // InvalidParameter*, MissingParameter, UnknownParameter
  | 'unsupported' // UnsupportedOperation*, OperationDenied
  | 'other';

const CLOUD_ERROR_BRAND = Symbol.for('ckafka-iac.CloudError');

/**
 * A failed cloud call: the API's error code and message, the request id to give support,
 * and the HTTP status when there was one. Never carries credentials.
 */
export class CloudError extends Error {
  readonly [CLOUD_ERROR_BRAND] = true;
  override readonly name = 'CloudError';
  constructor(
    readonly kind: CloudErrorKind,
    /** The API's `Error.Code` (e.g. `InvalidParameterValue.InstanceNotExist`), or a client-side code. */
    readonly code: string,
    message: string,
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

/** Classifies an API error code (and HTTP status) into a kind. */
export function classifyErrorCode(code: string | undefined, httpCode?: number): CloudErrorKind {
  if (code === undefined) {
    if (httpCode !== undefined && httpCode >= 500) return 'unavailable';
    if (httpCode === 429) return 'throttled';
    return httpCode === undefined ? 'network' : 'other';
  }
  if (code.startsWith('AuthFailure')) return 'auth';
  if (code.startsWith('RequestLimitExceeded')) return 'throttled';
  // InternalError is not retried: the Terraform provider documents that retrying it does not help.
  if (code.startsWith('ResourceUnavailable') || code === 'ServiceUnavailable') return 'unavailable';
  if (code === 'InvalidParameterValue.InstanceNotExist' || code === 'ResourceNotFound') return 'not-found';
  if (code === 'ResourceInUse') return 'in-use';
  if (code === 'ResourcesSoldOut' || code === 'ResourceInsufficient') return 'sold-out';
  if (code.startsWith('InvalidParameter') || code === 'MissingParameter' || code === 'UnknownParameter') return 'invalid';
  if (code.startsWith('UnsupportedOperation') || code.startsWith('OperationDenied')) return 'unsupported';
  return 'other';
}
