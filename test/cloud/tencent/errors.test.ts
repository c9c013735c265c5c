import { AbortedError } from '../../../src/cloud/resilience/aborted-error';
import { CloudError, type CloudErrorKind } from '../../../src/cloud/port';
import { createRedactor } from '../../../src/cloud/redact';
import { isRetryableRead, isRetryableWrite, toCloudError } from '../../../src/cloud/tencent/errors';
import { isOutcomeUnknown } from '../../../src/cloud/tencent/write-safety';

/** What the SDK throws: a TencentCloudSDKHttpException (not exported by the SDK), duck-typed. */
function sdkError(fields: { message: string; code?: string; requestId?: string; httpCode?: number; traceId?: string }): Error {
  return Object.assign(new Error(fields.message), { requestId: '', traceId: 'trace-1', ...fields });
}

const redact = createRedactor();

describe('toCloudError', () => {
  it.each<[string, Error, CloudErrorKind, string, string | undefined, number | undefined]>([
    ['API throttling', sdkError({ message: 'too many requests', code: 'RequestLimitExceeded', requestId: 'r-1' }), 'throttled', 'RequestLimitExceeded', 'r-1', undefined],
    ['API in use', sdkError({ message: 'instance is upgrading', code: 'ResourceInUse', requestId: 'r-2' }), 'in-use', 'ResourceInUse', 'r-2', undefined],
    ['API auth', sdkError({ message: 'bad signature', code: 'AuthFailure.SignatureFailure', requestId: 'r-3' }), 'auth', 'AuthFailure.SignatureFailure', 'r-3', undefined],
    ['API not found', sdkError({ message: 'no such', code: 'InvalidParameterValue.InstanceNotExist', requestId: 'r-4' }), 'not-found', 'InvalidParameterValue.InstanceNotExist', 'r-4', undefined],
    ['HTTP 500', sdkError({ message: 'Internal Server Error', httpCode: 500 }), 'unavailable', 'ClientError.HttpStatusCodeError', undefined, 500],
    ['HTTP 429', sdkError({ message: 'Too Many Requests', httpCode: 429 }), 'throttled', 'ClientError.HttpStatusCodeError', undefined, 429],
    ['HTTP 404', sdkError({ message: 'Not Found', httpCode: 404 }), 'other', 'ClientError.HttpStatusCodeError', undefined, 404],
    [
      'connection refused',
      sdkError({ message: 'request to http://127.0.0.1:9/ failed, reason: connect ECONNREFUSED 127.0.0.1:9' }),
      'network',
      'ClientError.NetworkError',
      undefined,
      undefined,
    ],
    ['timeout', sdkError({ message: 'network timeout at: http://127.0.0.1:9/' }), 'network', 'ClientError.NetworkError', undefined, undefined],
  ])('%s', (_name, error, kind, code, requestId, httpCode) => {
    const e = toCloudError(error, 'DescribeInstancesDetail', { redact });
    expect(e).toBeInstanceOf(CloudError);
    expect([e.kind, e.code, e.requestId, e.httpCode, e.action]).toEqual([kind, code, requestId, httpCode, 'DescribeInstancesDetail']);
    expect(e.message).toContain(`DescribeInstancesDetail failed: ${code}`);
    if (requestId !== undefined) expect(e.message).toContain(`request id ${requestId}`);
  });

  it('says how many attempts it took and what to do', () => {
    const e = toCloudError(sdkError({ message: 'slow down', code: 'RequestLimitExceeded', requestId: 'r' }), 'InquireCkafkaPrice', {
      redact,
      attempts: 5,
      context: 'ckafka-a',
    });
    expect(e.message).toBe(
      'InquireCkafkaPrice (ckafka-a) failed: RequestLimitExceeded: slow down; request id r; after 5 attempts; the API rate limit was hit and retries did not get through; lower the concurrency or the rate limits, or try again later',
    );
  });

  it('reports an abort as such', () => {
    const controller = new AbortController();
    controller.abort();
    expect(toCloudError(sdkError({ message: 'The user aborted a request.' }), 'X', { redact, signal: controller.signal }).code).toBe('ClientError.Aborted');
    expect(toCloudError(new AbortedError(), 'X', { redact }).code).toBe('ClientError.Aborted');
  });

  it('passes a CloudError through unchanged', () => {
    const e = new CloudError('invalid', 'InvalidParameter', 'bad', 'X');
    expect(toCloudError(e, 'Y', { redact })).toBe(e);
  });

  it('does not keep the SDK error (no cause)', () => {
    const e = toCloudError(sdkError({ message: 'x', code: 'InternalError' }), 'X', { redact });
    expect((e as Error & { cause?: unknown }).cause).toBeUndefined();
  });
});

describe('retry and write-safety classification', () => {
  const make = (kind: CloudErrorKind, code: string, httpCode?: number): CloudError => new CloudError(kind, code, 'm', 'A', undefined, httpCode);
  it.each<[string, CloudError, boolean, boolean, boolean]>([
    // name, error, retryable read, retryable write, outcome unknown
    ['throttled', make('throttled', 'RequestLimitExceeded'), true, true, false],
    ['network', make('network', 'ClientError.NetworkError'), true, false, true],
    ['HTTP 502', make('unavailable', 'ClientError.HttpStatusCodeError', 502), true, false, true],
    ['ResourceUnavailable', make('unavailable', 'ResourceUnavailable'), true, false, true],
    ['InternalError', make('other', 'InternalError'), false, false, true],
    ['in use', make('in-use', 'ResourceInUse'), false, false, false],
    ['auth', make('auth', 'AuthFailure.SecretIdNotFound'), false, false, false],
    ['invalid', make('invalid', 'InvalidParameterValue'), false, false, false],
    ['HTTP 407 from a proxy', make('other', 'ClientError.HttpStatusCodeError', 407), false, false, false],
  ])('%s', (_name, e, read, write, unknown) => {
    expect(isRetryableRead(e)).toBe(read);
    expect(isRetryableWrite(e)).toBe(write);
    expect(isOutcomeUnknown(e)).toBe(unknown);
  });
});
