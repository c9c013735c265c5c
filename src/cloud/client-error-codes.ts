/**
 * The client-side error codes both adapters raise, so the Tencent adapter and the emulator's
 * in-process adapter report the same failure with the same `CloudError.code`. Named like the
 * SDK-side codes of the Tencent Cloud Go SDK and the Terraform provider
 * (`ClientError.NetworkError`, `ClientError.HttpStatusCodeError`).
 */
export const CLIENT_ERROR_CODES = {
  /** No answer: refused, reset, timed out, dropped. Kind `network`. */
  network: 'ClientError.NetworkError',
  /** A non-200 HTTP answer, whose body the SDK does not read. Kind by status. */
  httpStatus: 'ClientError.HttpStatusCodeError',
  /** The caller's signal fired. Kind `other`: an abort is not a reason to retry. */
  aborted: 'ClientError.Aborted',
  /** The answer lacked what the port needs (a field, a listed zone). Kind `other`. */
  unexpectedResponse: 'ClientError.UnexpectedResponse',
  /** A write's answer was lost and observing the cloud could not settle it. Kind `other`. */
  outcomeUnknown: 'ClientError.OutcomeUnknown',
} as const;
