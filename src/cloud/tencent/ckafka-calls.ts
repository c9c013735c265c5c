/**
 * The adapter's calls to the CKafka API over a transport. Every call goes through one
 * {@link CallPolicy}: a concurrency limit, a token bucket per action at the documented rate, and
 * retries with backoff where a call may be retried (reads; writes only when throttled). Whatever
 * fails comes back as a CloudError with secrets redacted, and every attempt is reported.
 */
import { CloudError } from '../port';
import type { Redactor } from '../redact';
import { CallPolicy, type CallAttemptEvent, type CallPolicyOptions } from '../resilience/call-policy';
import type { CallStatsSnapshot } from '../resilience/call-stats';
import type { CkafkaAction, CkafkaRequest, CkafkaResponse, CkafkaTransport } from '../transport';
import { CLIENT_ERROR, clientError, isRetryableRead, isRetryableWrite, toCloudError } from './errors';
import type { TencentCallEvent } from './tencent-cloud-options';

/** The largest page DescribeInstancesDetail, DescribeTopicDetail and DescribeTopicSyncReplica serve (API docs 597/40834, 597/35341, 597/42213). */
export const PAGE_SIZE = 20;

/** Options of {@link CkafkaCalls}. */
export interface CkafkaCallsOptions extends Pick<CallPolicyOptions, 'concurrency' | 'rates' | 'defaultRate' | 'retry' | 'timer' | 'random'> {
  readonly transport: CkafkaTransport;
  /** Removes secrets from every error message. */
  readonly redact: Redactor;
  /** Called after every attempt. @default no-op */
  readonly onCall?: ((event: TencentCallEvent) => void) | undefined;
}

/** The CKafka API as the adapter calls it: reads, writes and paged lists under one call policy. */
export class CkafkaCalls {
  private readonly transport: CkafkaTransport;
  private readonly policy: CallPolicy;
  private readonly redact: Redactor;
  private readonly onCall: ((event: TencentCallEvent) => void) | undefined;

  constructor(options: CkafkaCallsOptions) {
    this.transport = options.transport;
    this.redact = options.redact;
    this.onCall = options.onCall;
    this.policy = new CallPolicy({
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      ...(options.rates === undefined ? {} : { rates: options.rates }),
      ...(options.defaultRate === undefined ? {} : { defaultRate: options.defaultRate }),
      timer: options.timer,
      isThrottle: (e) => CloudError.isCloudError(e) && e.kind === 'throttled',
      onAttempt: (e) => this.emit(e),
      ...(options.retry === undefined ? {} : { retry: options.retry }),
      ...(options.random === undefined ? {} : { random: options.random }),
    });
  }

  /** Calls in flight at once, all actions together. */
  get concurrency(): number {
    return this.policy.concurrency;
  }

  /** Requests per second `action` is held to. */
  rateOf(action: string): number {
    return this.policy.rateOf(action);
  }

  /** Calls, retries, throttles and failures per action so far. */
  stats(): CallStatsSnapshot {
    return this.policy.stats();
  }

  async close(): Promise<void> {
    await this.transport.close();
  }

  /** A read: retried on throttling, unavailability, network errors and 5xx. */
  read<A extends CkafkaAction>(action: A, params: CkafkaRequest<A>, signal?: AbortSignal, context?: string): Promise<CkafkaResponse<A>> {
    return this.send(action, params, isRetryableRead, signal, context);
  }

  /** A write: retried only when the API throttled it, which proves it did not apply. */
  write<A extends CkafkaAction>(action: A, params: CkafkaRequest<A>, signal?: AbortSignal, context?: string): Promise<CkafkaResponse<A>> {
    return this.send(action, params, isRetryableWrite, signal, context);
  }

  /** Pages through a list action: page 1 first (it tells the total), then the rest concurrently. */
  async readAllPages<A extends CkafkaAction, T>(
    action: A,
    page: (offset: number) => CkafkaRequest<A>,
    total: (r: CkafkaResponse<A>) => number | undefined,
    items: (r: CkafkaResponse<A>) => readonly T[] | undefined,
    signal: AbortSignal | undefined,
    context?: string,
  ): Promise<T[]> {
    const first = await this.read(action, page(0), signal, context);
    const count = total(first);
    if (typeof count !== 'number' || !Number.isFinite(count) || count < 0) {
      throw clientError('other', CLIENT_ERROR.unexpectedResponse, `${action}${context === undefined ? '' : ` (${context})`} gave no TotalCount`, action);
    }
    const offsets: number[] = [];
    for (let offset = PAGE_SIZE; offset < count; offset += PAGE_SIZE) offsets.push(offset);
    const rest = await Promise.all(offsets.map((offset) => this.read(action, page(offset), signal, context)));
    return [first, ...rest].flatMap((r) => [...(items(r) ?? [])]);
  }

  /** Anything thrown while calling `action`, as a redacted CloudError. */
  asCloudError(e: unknown, action: string, signal?: AbortSignal, context?: string): CloudError {
    return toCloudError(e, action, { redact: this.redact, ...(signal === undefined ? {} : { signal }), ...(context === undefined ? {} : { context }) });
  }

  /** `send`, with anything it throws as a CloudError (the write-safety rules read `kind` and `code`). */
  asCloudErrors<T>(send: () => Promise<T>, action: string, signal: AbortSignal | undefined, subject: string): () => Promise<T> {
    return async () => {
      try {
        return await send();
      } catch (e) {
        throw this.asCloudError(e, action, signal, subject);
      }
    };
  }

  /** Refuses an answer whose `ReturnCode` is not "0": the action failed although the call succeeded. */
  checkReturnCode(action: string, code: string | undefined, message: string | undefined, requestId: string | undefined, subject: string): void {
    if (code === undefined || code === '0') return;
    throw new CloudError(
      'other',
      'FailedOperation',
      `${action} (${subject}) failed: ReturnCode ${this.redact(code)}: ${this.redact(message ?? 'no message')}${requestId === undefined ? '' : `; request id ${requestId}`}`,
      action,
      requestId,
    );
  }

  private async send<A extends CkafkaAction>(
    action: A,
    params: CkafkaRequest<A>,
    retryable: (e: unknown) => boolean,
    signal: AbortSignal | undefined,
    context: string | undefined,
  ): Promise<CkafkaResponse<A>> {
    const errorOptions = (attempts: number): Parameters<typeof toCloudError>[2] => ({
      redact: this.redact,
      attempts,
      ...(signal === undefined ? {} : { signal }),
      ...(context === undefined ? {} : { context }),
    });
    let attempts = 0;
    try {
      return await this.policy.run(
        action,
        async (attempt) => {
          attempts = attempt;
          try {
            return await this.transport.request(action, params, signal);
          } catch (e) {
            // Each attempt's error states its attempt number, so the one that surfaces says how many it took.
            throw toCloudError(e, action, errorOptions(attempt));
          }
        },
        { retryable, ...(signal === undefined ? {} : { signal }) },
      );
    } catch (e) {
      throw toCloudError(e, action, errorOptions(attempts));
    }
  }

  private emit(e: CallAttemptEvent): void {
    if (this.onCall === undefined) return;
    const err = e.error === undefined ? undefined : CloudError.isCloudError(e.error) ? e.error : undefined;
    this.onCall({
      action: e.key,
      attempt: e.attempt,
      ok: e.ok,
      durationMs: e.durationMs,
      ...(err === undefined
        ? {}
        : {
            code: err.code,
            message: err.message,
            ...(err.requestId === undefined ? {} : { requestId: err.requestId }),
            ...(err.httpCode === undefined ? {} : { httpCode: err.httpCode }),
          }),
    });
  }
}
