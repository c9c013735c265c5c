/**
 * Turning whatever the SDK throws into a {@link CloudError}: the API's code and request id when
 * the API answered, the HTTP status when something else did, and a network error when nothing
 * did. Messages go through the adapter's redactor, and the SDK's error object is never kept
 * (not even as `cause`), so nothing from the request can leak through an error.
 */
import { AbortedError } from '../resilience/aborted-error';
import { CloudError, type CloudErrorKind } from '../port';
import type { Redactor } from '../redact';
import { isOwnFault } from '../transport';

/**
 * Codes the adapter raises itself, named like the SDK-side codes of the Tencent Cloud Go SDK and
 * the Terraform provider (`ClientError.NetworkError`, `ClientError.HttpStatusCodeError`). A
 * request the API would refuse is refused with the API's own code (see `request-checks.ts`).
 */
export const CLIENT_ERROR = {
  /** No answer: refused, reset, timed out, dropped. Kind `network`. */
  network: 'ClientError.NetworkError',
  /** A non-200 HTTP answer, whose body the SDK does not read. Kind by status. */
  httpStatus: 'ClientError.HttpStatusCodeError',
  /** The caller's signal fired. Kind `aborted`. */
  aborted: 'ClientError.Aborted',
  /** The answer lacked what the port needs (a field, a listed zone). Kind `other`. */
  unexpectedResponse: 'ClientError.UnexpectedResponse',
  /** A write's answer was lost and observing the cloud could not settle it. Kind `outcome-unknown`. */
  outcomeUnknown: 'ClientError.OutcomeUnknown',
  invalidEndpoint: 'ClientError.InvalidEndpoint',
  invalidProxy: 'ClientError.InvalidProxy',
  regionMissing: 'ClientError.RegionMissing',
  credentialsMissing: 'ClientError.CredentialsMissing',
  invalidOption: 'ClientError.InvalidOption',
} as const;

/**
 * The kind of an API error code (and HTTP status): what callers of the port act on. Sources: the
 * common error codes of API 3.0 (tencentcloud.com/document/api/597/35370), the CKafka codes of
 * the vendored Go SDK (errors.go), and the Terraform provider's retry list (common.go).
 */
export function classifyErrorCode(code: string | undefined, httpCode?: number): CloudErrorKind {
  if (code === undefined) {
    if (httpCode !== undefined && httpCode >= 500) return 'unavailable';
    if (httpCode === 429) return 'throttled';
    return httpCode === undefined ? 'network' : 'other';
  }
  if (code.startsWith('AuthFailure') || code.startsWith('UnauthorizedOperation')) return 'auth';
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

/** The fields a `TencentCloudSDKHttpException` carries (the class is not exported by the SDK). */
interface SdkErrorShape {
  readonly message: string;
  readonly code?: string;
  readonly requestId?: string;
  readonly httpCode?: number;
}

function readSdkError(e: unknown): SdkErrorShape {
  if (typeof e !== 'object' || e === null) return { message: String(e) };
  const o = e as Record<string, unknown>;
  return {
    message: typeof o.message === 'string' ? o.message : String(e),
    ...(typeof o.code === 'string' && o.code !== '' ? { code: o.code } : {}),
    ...(typeof o.requestId === 'string' && o.requestId !== '' ? { requestId: o.requestId } : {}),
    ...(typeof o.httpCode === 'number' ? { httpCode: o.httpCode } : {}),
  };
}

/** What a user can do about each kind of failure. */
const FIX: Readonly<Record<CloudErrorKind, string>> = {
  auth: 'check TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY (and TENCENTCLOUD_SESSION_TOKEN for temporary keys), the clock of this machine, and the CAM permissions of the key for ckafka',
  throttled: 'the API rate limit was hit and retries did not get through; lower the concurrency or the rate limits, or try again later',
  unavailable: 'the service is unavailable; try again later',
  network: 'check the network, the proxy settings (HTTPS_PROXY, NO_PROXY) and CKAFKA_ENDPOINT',
  'not-found': 'check the instance id and the region',
  'in-use': 'another change is running on the instance; wait for it to finish (or attach to it)',
  'sold-out': 'the zone lacks resources for this spec; try another spec or open a ticket',
  'outcome-unknown': 'run `ckafka status` to see what the cloud has before trying again',
  aborted: 'nothing more was sent after the abort',
  invalid: 'the request was refused as invalid; check the values against the CKafka limits',
  unsupported: 'the operation is not supported for this instance',
  other: 'see the message and the request id',
};

/** Options of {@link toCloudError}. */
export interface ToCloudErrorOptions {
  readonly redact: Redactor;
  /** The caller's signal: a failure after it fired is reported as aborted. */
  readonly signal?: AbortSignal;
  /** Words put before the message, e.g. the instance id. */
  readonly context?: string;
  /** Attempts made, when more than one. */
  readonly attempts?: number;
}

/**
 * Maps anything thrown by a call of `action` to a {@link CloudError} whose message names the
 * action, the code, what the cloud said (redacted), the request id and how to fix it.
 *
 * @throws the error itself when the transport marked it as its own fault (`markOwnFault`).
 */
export function toCloudError(e: unknown, action: string, options: ToCloudErrorOptions): CloudError {
  if (CloudError.isCloudError(e)) return e;
  // Not an answer of the cloud: the transport's own failure goes up as it is (see markOwnFault).
  if (isOwnFault(e)) throw e;
  const where = options.context === undefined ? action : `${action} (${options.context})`;
  if (AbortedError.isAbortedError(e) || options.signal?.aborted === true) {
    return new CloudError('aborted', CLIENT_ERROR.aborted, `${where} was aborted before the cloud answered`, action);
  }
  const sdk = readSdkError(e);
  const kind = classifyErrorCode(sdk.code, sdk.httpCode);
  const code = sdk.code ?? (sdk.httpCode === undefined ? CLIENT_ERROR.network : CLIENT_ERROR.httpStatus);
  const said = options.redact(sdk.message.trim() === '' ? 'no message' : sdk.message.trim());
  const parts = [
    `${where} failed: ${code}${sdk.httpCode === undefined ? '' : ` (HTTP ${sdk.httpCode})`}: ${said}`,
    ...(sdk.requestId === undefined ? [] : [`request id ${options.redact(sdk.requestId)}`]),
    ...(options.attempts !== undefined && options.attempts > 1 ? [`after ${options.attempts} attempts`] : []),
  ];
  return new CloudError(
    kind,
    code,
    `${parts.join('; ')}; ${FIX[kind]}`,
    action,
    sdk.requestId === undefined ? undefined : options.redact(sdk.requestId),
    sdk.httpCode,
  );
}

/** True when retrying the same read may succeed: throttling, unavailability, network and 5xx. */
export function isRetryableRead(e: unknown): boolean {
  return CloudError.isCloudError(e) && e.retryable;
}

/**
 * True when a failed write provably did not apply and may be sent again after a backoff: the
 * API throttled it (RequestLimitExceeded / HTTP 429), which it does before doing anything.
 */
export function isRetryableWrite(e: unknown): boolean {
  return CloudError.isCloudError(e) && e.kind === 'throttled';
}

/** A failure raised by the adapter itself (bad options, a malformed answer). */
export function clientError(kind: CloudErrorKind, code: string, message: string, action = 'client'): CloudError {
  return new CloudError(kind, code, message, action);
}
