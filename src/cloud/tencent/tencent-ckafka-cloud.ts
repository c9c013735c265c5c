/**
 * The CkafkaCloud port on Tencent Cloud, through the official Node SDK
 * (tencentcloud-sdk-nodejs-ckafka). Every call goes through one {@link CallPolicy}: a
 * concurrency limit, a token bucket per action at the documented rate, and retries with
 * backoff for reads. Writes are never retried blindly (see {@link TencentCkafkaCloud.submitSpecChange}).
 */
import { setMaxListeners } from 'node:events';
import type { Agent } from 'http';
import type {
  ChargeType,
  CloudCapabilities,
  FactError,
  MigrationAssessment,
  ObservedInstance,
  OutOfSyncFact,
  PreflightFacts,
  PriceQuote,
  RouteFact,
  TopicFact,
} from '../../spec/observed';
import {
  CloudError,
  type CallOptions,
  type CkafkaCloud,
  type CloudClock,
  type CreateInstanceRequest,
  type CreateResult,
  type DescribeQuery,
  type PriceRequest,
  type SpecChangeRequest,
  type SubmitResult,
  type TargetSpec,
} from '../port';
import { compareTopicsByAge, needsSyncCheck, sortFactErrors, USAGE_WINDOW_SECONDS } from '../preflight-rules';
import { createRedactor, type Redactor } from '../redact';
import { checkCreateRequest, checkSpecNumbers, createActionOf } from '../request-checks';
import { AbortedError } from '../resilience/aborted-error';
import { CallPolicy, type CallAttemptEvent } from '../resilience/call-policy';
import type { CallStatsSnapshot } from '../resilience/call-stats';
import { mapWithConcurrency } from '../resilience/map-with-concurrency';
import type { RetryPolicy, Timer } from '../resilience/retry-with-backoff';
import { createInstanceSafely, deleteInstanceSafely, submitSpecChangeSafely, type LostAnswerHandling } from '../write-safety';
import { CLIENT_ERROR, clientError, isRetryableRead, isRetryableWrite, toCloudError } from './errors';
import {
  flowRankingDate,
  mapInstanceDetail,
  mapModifyType,
  mapPrice,
  mapRoute,
  mapTopic,
  outOfSyncFact,
  outOfSyncPartitions,
  toDescribeModifyType,
  toInquireCkafkaPrice,
  toInstanceScalingDown,
  toModifyInstancePre,
  usageFromFlowRanking,
  zoneStock,
} from './mapping';
import { DEFAULT_ENDPOINT, parseEndpoint, type ParsedEndpoint } from './parse-endpoint';
import { DEFAULT_TENCENT_CONCURRENCY, DEFAULT_TENCENT_RATE_LIMIT, TENCENT_RATE_LIMITS } from './rate-limits';
import { createSdkTransport, type CkafkaAction, type CkafkaRequest, type CkafkaResponse, type CkafkaTransport } from './sdk-transport';
import { createAgent, normaliseProxyUrl } from './select-proxy';
import type { TencentCredentials } from './tencent-config-from-env';

/** The largest page DescribeInstancesDetail, DescribeTopicDetail and DescribeTopicSyncReplica serve (API docs 597/40834, 597/35341, 597/42213). */
export const PAGE_SIZE = 20;

/** What Tencent Cloud lets ckafka-iac do. */
export const TENCENT_CAPABILITIES: CloudCapabilities = {
  // ModifyInstancePre takes no mode; InstanceScalingDown takes UpgradeStrategy.
  modeSelectable: { PREPAID: false, POSTPAID_BY_HOUR: true },
  // Converting Standard to Pro/Advanced is a console operation only.
  editionConversionByApi: false,
  // DescribeModifyType dropped MigrateCostTime in 2026-03 (SDK changelog, release 141).
  migrationEstimates: false,
  // DescribeTopicFlowRanking reports data held and produce traffic.
  usageMetrics: true,
};

/** One finished API call attempt, for logs; never holds a credential. */
export interface TencentCallEvent {
  readonly action: string;
  readonly attempt: number;
  readonly ok: boolean;
  readonly durationMs: number;
  readonly code?: string;
  readonly requestId?: string;
  readonly httpCode?: number;
  /** The (redacted) error message of a failed attempt. */
  readonly message?: string;
}

/** Call statistics, plus the write-safety counters. */
export interface TencentCallStats extends CallStatsSnapshot {
  /** Times a write's lost answer was followed by re-observing the instance. */
  readonly reobservations: number;
  /** Times a write was sent again because re-observation proved it had not applied. */
  readonly resubmissions: number;
}

/** Options of {@link TencentCkafkaCloud}. Nothing here is read from the environment (see `tencentConfigFromEnv`). */
export interface TencentCloudOptions {
  /** The region every call goes to (X-TC-Region), e.g. `ap-guangzhou`. */
  readonly region: string;
  readonly credentials: TencentCredentials;
  /**
   * The API endpoint: `https://host[:port]`, `http://host[:port]` or a bare host.
   *
   * @default 'https://ckafka.tencentcloudapi.com'
   */
  readonly endpoint?: string;
  /**
   * An http(s) proxy URL to send every request through, used as given (the env policy of
   * `tencentConfigFromEnv` has already been applied by the caller).
   *
   * @default no proxy: direct connections
   */
  readonly proxy?: string;
  /**
   * The agent to send requests with, instead of the one built from `endpoint` and `proxy`.
   *
   * @default a keep-alive agent for the endpoint's scheme, or the SDK's proxy agent when `proxy` is set
   */
  readonly agent?: Agent;
  /**
   * Per-request timeout in seconds (the SDK's `reqTimeout`). A request that times out is a
   * network error: retried for reads, re-observed for writes.
   *
   * @default 30
   */
  readonly requestTimeoutSeconds?: number;
  /** Calls in flight at once. @default 8 */
  readonly concurrency?: number;
  /**
   * Requests per second by action, merged over {@link TENCENT_RATE_LIMITS}.
   *
   * @default the documented limits
   */
  readonly rateLimits?: Readonly<Record<string, number>>;
  /** Requests per second of actions without a documented limit. @default 20 */
  readonly defaultRateLimit?: number;
  /**
   * Retry bounds, field by field.
   *
   * @default 5 attempts, backoff caps from 250 ms doubling to 8 s, 60 s in all
   */
  readonly retry?: Partial<RetryPolicy>;
  /**
   * How long to wait after a write's answer is lost before re-observing the instance, so the
   * cloud has time to show a change it accepted. A spec change that still shows no change is
   * looked at twice more, after 3× and 8× this delay (about a minute in all by default), before it
   * is taken as not applied and sent again: how fast the real cloud shows an accepted order is
   * UNCONFIRMED, and resending too early would place a second, billed order.
   *
   * @default 5000
   */
  readonly reobserveDelayMs?: number;
  /** @default the system clock */
  readonly clock?: CloudClock;
  /** A number in [0, 1) for backoff jitter. @default Math.random */
  readonly random?: () => number;
  /** Language of the API's error messages (X-TC-Language). @default 'en-US' */
  readonly language?: 'en-US' | 'zh-CN';
  /** Called after every call attempt, e.g. for `--verbose` logs. @default no-op */
  readonly onCall?: (event: TencentCallEvent) => void;
  /**
   * The transport to send actions with, instead of the SDK (for rehearsal and tests).
   *
   * @default the official SDK, required when the adapter is created
   */
  readonly transport?: CkafkaTransport;
}

/** Options of {@link createTencentCloud}: region and credentials may still be missing, and are checked. */
export type TencentCloudInit = Omit<TencentCloudOptions, 'region' | 'credentials'> & {
  readonly region?: string | undefined;
  readonly credentials?: TencentCredentials | undefined;
};

/** The system clock: `Date` and `setTimeout`. */
export const systemClock: CloudClock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted === true) return resolve();
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener('abort', done, { once: true });
    }),
};

function checkOptions(init: TencentCloudInit): asserts init is TencentCloudOptions {
  const region = init.region?.trim() ?? '';
  if (region === '' || /\s/.test(region)) {
    throw clientError(
      'invalid',
      CLIENT_ERROR.regionMissing,
      region === ''
        ? 'no region given: set `region` in the fleet file or TENCENTCLOUD_REGION, e.g. ap-guangzhou'
        : `region must be a region name like ap-guangzhou, got "${region}"`,
    );
  }
  const c = init.credentials;
  if (c === undefined || c.secretId.trim() === '' || c.secretKey.trim() === '') {
    throw clientError(
      'auth',
      CLIENT_ERROR.credentialsMissing,
      'no Tencent Cloud credentials: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (and TENCENTCLOUD_SESSION_TOKEN for temporary credentials)',
    );
  }
  const positive = (name: string, v: number | undefined, integer: boolean): void => {
    if (v === undefined) return;
    if (!Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) {
      throw clientError('invalid', CLIENT_ERROR.invalidOption, `${name} must be a ${integer ? 'whole ' : ''}number above 0, got ${v}`);
    }
  };
  positive('requestTimeoutSeconds', init.requestTimeoutSeconds, false);
  positive('concurrency', init.concurrency, true);
  positive('defaultRateLimit', init.defaultRateLimit, false);
  for (const [action, rate] of Object.entries(init.rateLimits ?? {})) positive(`rateLimits.${action}`, rate, false);
  if (init.reobserveDelayMs !== undefined && (!Number.isFinite(init.reobserveDelayMs) || init.reobserveDelayMs < 0)) {
    throw clientError('invalid', CLIENT_ERROR.invalidOption, `reobserveDelayMs must be a number of at least 0, got ${init.reobserveDelayMs}`);
  }
}

/**
 * Creates the Tencent Cloud adapter, checking that a region and credentials were given
 * (typically from `tencentConfigFromEnv`). The SDK is required here, not when this module loads.
 *
 * @throws CloudError `ClientError.RegionMissing`, `ClientError.CredentialsMissing`,
 *   `ClientError.InvalidEndpoint`, `ClientError.InvalidProxy` or `ClientError.InvalidOption`.
 */
export function createTencentCloud(init: TencentCloudInit): TencentCkafkaCloud {
  checkOptions(init);
  return new TencentCkafkaCloud(init);
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The CkafkaCloud port on Tencent Cloud. */
export class TencentCkafkaCloud implements CkafkaCloud {
  readonly kind = 'tencent';
  readonly region: string;
  readonly clock: CloudClock;
  /** The endpoint requests go to. */
  readonly endpoint: ParsedEndpoint;
  private readonly transport: CkafkaTransport;
  private readonly policy: CallPolicy;
  private readonly redact: Redactor;
  private readonly reobserveDelayMs: number;
  private readonly onCall: ((event: TencentCallEvent) => void) | undefined;
  /** The last observation of each instance, for the parameters DescribeModifyType needs (disk type, topics). */
  private readonly observed = new Map<string, ObservedInstance>();
  private reobservations = 0;
  private resubmissions = 0;

  constructor(options: TencentCloudOptions) {
    checkOptions(options);
    this.region = options.region.trim();
    this.clock = options.clock ?? systemClock;
    this.endpoint = parseEndpoint(options.endpoint ?? DEFAULT_ENDPOINT, 'endpoint');
    const proxy = options.proxy === undefined ? undefined : normaliseProxyUrl(options.proxy, 'proxy');
    let proxyPassword: string | undefined;
    if (proxy !== undefined) {
      const u = new URL(proxy);
      proxyPassword = u.password === '' ? undefined : decodeURIComponent(u.password);
    }
    const { credentials } = options;
    this.redact = createRedactor([credentials.secretId, credentials.secretKey, credentials.token, proxyPassword]);
    this.reobserveDelayMs = options.reobserveDelayMs ?? 5000;
    this.onCall = options.onCall;
    const concurrency = options.concurrency ?? DEFAULT_TENCENT_CONCURRENCY;
    const timer: Timer = { now: () => this.clock.now().getTime(), sleep: (ms, signal) => this.clock.sleep(ms, signal) };
    this.policy = new CallPolicy({
      concurrency,
      rates: { ...TENCENT_RATE_LIMITS, ...options.rateLimits },
      defaultRate: options.defaultRateLimit ?? DEFAULT_TENCENT_RATE_LIMIT,
      timer,
      isThrottle: (e) => CloudError.isCloudError(e) && e.kind === 'throttled',
      onAttempt: (e) => this.emit(e),
      ...(options.retry === undefined ? {} : { retry: options.retry }),
      ...(options.random === undefined ? {} : { random: options.random }),
    });
    this.transport =
      options.transport ??
      createSdkTransport({
        region: this.region,
        secretId: credentials.secretId,
        secretKey: credentials.secretKey,
        ...(credentials.token === undefined || credentials.token === '' ? {} : { token: credentials.token }),
        endpoint: this.endpoint.sdkEndpoint,
        protocol: this.endpoint.protocol,
        reqTimeoutSeconds: options.requestTimeoutSeconds ?? 30,
        agent: options.agent ?? createAgent(this.endpoint, proxy, { maxSockets: concurrency }),
        language: options.language ?? 'en-US',
      });
  }

  capabilities(): CloudCapabilities {
    return TENCENT_CAPABILITIES;
  }

  /** Calls, retries, throttles and failures per action so far, and the write-safety counters. */
  stats(): TencentCallStats {
    return { ...this.policy.stats(), reobservations: this.reobservations, resubmissions: this.resubmissions };
  }

  async close(): Promise<void> {
    this.transport.close();
  }

  // ------------------------------------------------------------------------------------------
  // Reads
  // ------------------------------------------------------------------------------------------

  /**
   * By ids: DescribeInstancesDetail with `InstanceIdList` in batches of 20, issued concurrently,
   * so N distinct ids cost ceil(N/20) calls; results come in the order of the ids, absent ids
   * are left out. All: pages of 20 until TotalCount (page 1 first, then the rest concurrently),
   * sorted by instance id.
   */
  async describeInstances(query: DescribeQuery, options?: CallOptions): Promise<ObservedInstance[]> {
    const signal = options?.signal;
    if ('ids' in query) {
      const ids = [...new Set(query.ids)];
      if (ids.length === 0) return [];
      const pages = await Promise.all(
        chunk(ids, PAGE_SIZE).map((batch) => this.read('DescribeInstancesDetail', { InstanceIdList: batch, Offset: 0, Limit: PAGE_SIZE }, signal)),
      );
      const byId = new Map<string, ObservedInstance>();
      for (const page of pages) for (const d of page.Result?.InstanceList ?? []) {
        const o = mapInstanceDetail(d);
        byId.set(o.instanceId, o);
      }
      const found = ids.map((id) => byId.get(id)).filter((o): o is ObservedInstance => o !== undefined);
      for (const o of found) this.observed.set(o.instanceId, o);
      return found;
    }
    const details = await this.readAllPages(
      'DescribeInstancesDetail',
      (Offset) => ({ Offset, Limit: PAGE_SIZE }),
      (r) => r.Result?.TotalCount,
      (r) => r.Result?.InstanceList,
      signal,
    );
    const byId = new Map<string, ObservedInstance>();
    for (const d of details) {
      const o = mapInstanceDetail(d);
      byId.set(o.instanceId, o);
    }
    const all = [...byId.values()].sort((a, b) => a.instanceId.localeCompare(b.instanceId));
    for (const o of all) this.observed.set(o.instanceId, o);
    return all;
  }

  /**
   * DescribeModifyType for moving an instance to `target`. The call also needs the instance's
   * disk type and topic count: taken from the last observation, or observed now.
   */
  async assessMigration(instanceId: string, target: TargetSpec, options?: CallOptions): Promise<MigrationAssessment> {
    const observed = this.observed.get(instanceId) ?? (await this.describeOne(instanceId, 'DescribeModifyType', options?.signal));
    const response = await this.read('DescribeModifyType', toDescribeModifyType(observed, target), options?.signal, instanceId);
    return mapModifyType(response.Result, instanceId);
  }

  /** InquireCkafkaPrice for one month (prepaid) or one hour (postpaid) of a spec, bandwidth in MB/s. */
  async quote(request: PriceRequest, options?: CallOptions): Promise<PriceQuote> {
    const response = await this.read('InquireCkafkaPrice', toInquireCkafkaPrice(request), options?.signal);
    return mapPrice(response.Result, request.chargeType);
  }

  /**
   * The pre-check facts, gathered concurrently: DescribeRoute; DescribeTopicDetail (all pages;
   * topics oldest first, then by name); DescribeTopicSyncReplica with OutOfSyncReplicaOnly for
   * each live (status 0) topic with more than one replica (bounded fan-out, at the action's 5/s
   * limit: the slow part for thousands of topics); DescribeInstanceAttributes (MaxMessageByte);
   * DescribeCkafkaZone (stock); and DescribeTopicFlowRanking PRO over the last 24 hours (data
   * held, produce rate). The orders and the sync-check rule are the port's
   * (`preflight-rules.ts`), shared with the emulator's adapter.
   *
   * Routes, topics and out-of-sync replicas are required: if one cannot be gathered the call
   * rejects (and stops the other calls) rather than report an empty, passing list. The other
   * facts stay undefined on failure and are listed in `errors`, in the order of the fields.
   */
  async preflight(instance: ObservedInstance, options?: CallOptions): Promise<PreflightFacts> {
    const id = instance.instanceId;
    const linked = new AbortController();
    // One listener per topic call in flight: more than Node's default 10 is expected here.
    setMaxListeners(10_000, linked.signal);
    const outer = options?.signal;
    const forward = (): void => linked.abort(outer?.reason);
    if (outer?.aborted === true) forward();
    outer?.addEventListener('abort', forward, { once: true });
    const signal = linked.signal;
    const errors: FactError[] = [];

    const required = async <T>(fact: string, gather: () => Promise<T>): Promise<T> => {
      try {
        return await gather();
      } catch (e) {
        const err = this.asCloudError(e, 'preflight', signal, id);
        linked.abort();
        throw new CloudError(
          err.kind,
          err.code,
          `preflight of ${id}: ${fact} could not be gathered, so the pre-checks cannot run: ${err.message}`,
          err.action,
          err.requestId,
          err.httpCode,
        );
      }
    };
    const optional = async <T>(facts: readonly string[], gather: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await gather();
      } catch (e) {
        if (signal.aborted) throw e;
        const err = this.asCloudError(e, 'preflight', signal, id);
        for (const fact of facts) errors.push({ what: 'preflight', fact, code: err.code, message: err.message });
        return undefined;
      }
    };

    try {
      const [routes, topicFacts, maxMessageBytes, zone, usage] = await Promise.all([
        required('routes', () => this.readRoutes(id, errors, signal)),
        required('topics', () => this.readTopics(id, errors, signal)).then(async (topics) => ({
          topics,
          outOfSync: await required('outOfSync', () => this.readOutOfSync(id, topics, errors, signal)),
        })),
        optional(['maxMessageBytes'], async () => {
          const r = await this.read('DescribeInstanceAttributes', { InstanceId: id }, signal, id);
          const v = r.Result?.MaxMessageByte;
          if (typeof v !== 'number') {
            throw clientError('other', CLIENT_ERROR.unexpectedResponse, `DescribeInstanceAttributes of ${id} gave no MaxMessageByte`, 'DescribeInstanceAttributes');
          }
          return v;
        }),
        optional(['zoneInStock'], async () => {
          const r = await this.read('DescribeCkafkaZone', {}, signal);
          const stock = zoneStock(r.Result?.ZoneList, instance);
          if ('missingZones' in stock) {
            throw clientError(
              'other',
              CLIENT_ERROR.unexpectedResponse,
              `DescribeCkafkaZone does not list zone ${stock.missingZones.join(', ')} of ${id}, so its stock is not known`,
              'DescribeCkafkaZone',
            );
          }
          return stock.inStock;
        }),
        optional(['diskUsedGB', 'produceMBps'], async () => {
          const end = this.clock.now();
          const begin = new Date(end.getTime() - USAGE_WINDOW_SECONDS * 1000);
          // UNCONFIRMED: the date format (the API example's) and that the range is honoured to the second.
          const r = await this.read(
            'DescribeTopicFlowRanking',
            { InstanceId: id, RankingType: 'PRO', BeginDate: flowRankingDate(begin), EndDate: flowRankingDate(end) },
            signal,
            id,
          );
          return usageFromFlowRanking(r.Result, USAGE_WINDOW_SECONDS);
        }),
      ]);
      return {
        routes,
        topics: topicFacts.topics,
        outOfSync: topicFacts.outOfSync,
        ...(maxMessageBytes === undefined ? {} : { maxMessageBytes }),
        ...(zone === undefined ? {} : { zoneInStock: zone }),
        ...(usage?.diskUsedGB === undefined ? {} : { diskUsedGB: usage.diskUsedGB }),
        ...(usage?.produceMBps === undefined ? {} : { produceMBps: usage.produceMBps }),
        ...(errors.length === 0 ? {} : { errors: sortFactErrors(errors) }),
      };
    } catch (e) {
      // An abort by the caller surfaces as such, not as the first fact that noticed it.
      if (outer?.aborted === true) throw toCloudError(new AbortedError(outer.reason), 'preflight', { redact: this.redact, context: id });
      throw e;
    } finally {
      outer?.removeEventListener('abort', forward);
    }
  }

  private async readRoutes(id: string, errors: FactError[], signal: AbortSignal): Promise<RouteFact[]> {
    const r = await this.read('DescribeRoute', { InstanceId: id }, signal, id);
    const routers = r.Result?.Routers;
    if (routers === undefined) {
      throw clientError('other', CLIENT_ERROR.unexpectedResponse, `DescribeRoute of ${id} gave no Routers list`, 'DescribeRoute');
    }
    const routes = routers.map(mapRoute);
    for (const route of routes) {
      if (route.statusCode === -1) {
        errors.push({
          what: 'preflight',
          fact: 'routes',
          code: CLIENT_ERROR.unexpectedResponse,
          message: `DescribeRoute gave no status for route ${route.routeId} of ${id}; it is counted as not healthy`,
        });
      }
    }
    return routes;
  }

  private async readTopics(id: string, errors: FactError[], signal: AbortSignal): Promise<TopicFact[]> {
    // Asked oldest first, so topics created while paging land after the pages already read.
    const details = await this.readAllPages(
      'DescribeTopicDetail',
      (Offset) => ({ InstanceId: id, Offset, Limit: PAGE_SIZE, OrderBy: 'CreateTime', OrderType: 0 }),
      (r) => r.Result?.TotalCount,
      (r) => r.Result?.TopicList,
      signal,
      id,
    );
    // Sorted here too (oldest first, then by name: the port's order), whatever order the API
    // gives topics created in the same second; a topic listed twice (paging while topics are
    // created) is kept once.
    const aged = details
      .map((d) => {
        const fact = mapTopic(d);
        return { fact, name: fact.name, createdAtSeconds: typeof d.CreateTime === 'number' ? d.CreateTime : undefined };
      })
      .sort(compareTopicsByAge);
    const byName = new Map<string, TopicFact>();
    for (const { fact } of aged) if (!byName.has(fact.name)) byName.set(fact.name, fact);
    const topics = [...byName.values()];
    for (const t of topics) {
      if (t.statusCode === -1) {
        errors.push({
          what: 'preflight',
          fact: 'topics',
          code: CLIENT_ERROR.unexpectedResponse,
          message: `DescribeTopicDetail gave no status for topic ${t.name} of ${id}; it is counted as not healthy`,
        });
      }
    }
    return topics;
  }

  private async readOutOfSync(id: string, topics: readonly TopicFact[], errors: FactError[], signal: AbortSignal): Promise<OutOfSyncFact[]> {
    const candidates = topics.filter(needsSyncCheck);
    // Fan out no wider than the action's rate: more callers would only hold concurrency slots
    // while waiting for tokens, starving the other facts' calls.
    const fanOut = Math.max(1, Math.min(this.policy.concurrency, Math.floor(this.policy.rateOf('DescribeTopicSyncReplica'))));
    const settled = await mapWithConcurrency(
      candidates,
      fanOut,
      async (topic) => {
        const partitions = await this.readAllPages(
          'DescribeTopicSyncReplica',
          (Offset) => ({ InstanceId: id, TopicName: topic.name, Offset, Limit: PAGE_SIZE, OutOfSyncReplicaOnly: true }),
          (r) => r.Result?.TotalCount,
          (r) => r.Result?.TopicInSyncReplicaList,
          signal,
          `${id} topic ${topic.name}`,
        );
        return outOfSyncFact(topic.name, outOfSyncPartitions(partitions));
      },
      signal,
    );
    const found = settled.flatMap((s) => (s.ok && s.value !== undefined ? [s.value] : []));
    const failures = settled.flatMap((s) => (s.ok ? [] : [s.error]));
    if (failures.length === 0) return found;
    const first = this.asCloudError(failures[0], 'DescribeTopicSyncReplica', signal, id);
    const summary = `${failures.length} of ${candidates.length} topics of ${id} could not be checked for out-of-sync replicas (first: ${first.message})`;
    // Out-of-sync replicas found elsewhere already fail the check; an unchecked rest cannot pass it.
    if (found.length > 0) {
      errors.push({ what: 'preflight', fact: 'outOfSync', code: first.code, message: summary });
      return found;
    }
    throw new CloudError(first.kind, first.code, summary, first.action, first.requestId, first.httpCode);
  }

  // ------------------------------------------------------------------------------------------
  // Writes
  // ------------------------------------------------------------------------------------------

  /**
   * Submits a spec change: ModifyInstancePre (prepaid) or InstanceScalingDown (postpaid, with
   * UpgradeStrategy 1 stable / 2 high-speed), always with all three target values in MB/s, GB
   * and partitions.
   *
   * Write safety (shared with the emulator's adapter, `write-safety.ts`): a throttled submission
   * (RequestLimitExceeded, which the API answers before doing anything) is retried after
   * backoff; any other API error is final, and ResourceInUse comes back as a CloudError of kind
   * `in-use`. When the answer is lost (network error, timeout, HTTP 5xx, InternalError) the
   * outcome is unknown, so the instance is re-observed first: upgrading, at the target, or with a
   * task scheduled means the change is in the cloud and the result says `acceptedBy:
   * 'observation'`; running, idle and unchanged means it provably did not apply, and it is
   * resubmitted once. Anything else is `ClientError.OutcomeUnknown`, never guessed.
   */
  async submitSpecChange(request: SpecChangeRequest, options?: CallOptions): Promise<SubmitResult> {
    const signal = options?.signal;
    const id = request.instanceId;
    const action = request.chargeType === 'PREPAID' ? 'ModifyInstancePre' : 'InstanceScalingDown';
    checkSpecNumbers(request, action, id);
    const send = async (): Promise<SubmitResult> => {
      if (action === 'ModifyInstancePre') {
        const r = await this.write('ModifyInstancePre', toModifyInstancePre(request), signal, id);
        this.checkReturnCode(action, r.Result?.ReturnCode, r.Result?.ReturnMessage, r.RequestId, id);
        const data = r.Result?.Data;
        const deals = data?.DealNames ?? [];
        return {
          action,
          requestId: r.RequestId ?? '',
          reference: deals.length > 0 ? deals.join(',') : `FlowId ${data?.FlowId ?? 0}`,
          acceptedBy: 'response',
        };
      }
      const r = await this.write('InstanceScalingDown', toInstanceScalingDown(request), signal, id);
      return { action, requestId: r.RequestId ?? '', reference: (r.Result?.DealNames ?? []).join(','), acceptedBy: 'response' };
    };
    return submitSpecChangeSafely({
      request,
      action,
      send: this.asCloudErrors(send, action, signal, id),
      observe: (instanceId) => this.observeOne(instanceId, signal),
      handling: this.lostAnswerHandling,
      ...(signal === undefined ? {} : { signal }),
    });
  }

  /**
   * Re-times a task already scheduled in the cloud: ModifyInstanceAttributes.RebalanceTime in
   * Unix seconds. Setting the same time twice is harmless, so it is retried like a read.
   */
  async retimeRebalance(instanceId: string, at: Date, options?: CallOptions): Promise<void> {
    if (Number.isNaN(at.getTime())) {
      // What the API answers for a RebalanceTime it cannot use; an invalid Date cannot even be sent.
      throw new CloudError('invalid', 'InvalidParameterValue', `ModifyInstanceAttributes (${instanceId}): retimeRebalance needs a valid time`, 'ModifyInstanceAttributes');
    }
    const r = await this.read('ModifyInstanceAttributes', { InstanceId: instanceId, RebalanceTime: Math.floor(at.getTime() / 1000) }, options?.signal, instanceId);
    this.checkReturnCode('ModifyInstanceAttributes', r.Result?.ReturnCode, r.Result?.ReturnMessage, r.RequestId, instanceId);
  }

  /**
   * Creates an instance: CreateInstancePre (prepaid, `periodMonths` months, default 1) or
   * CreatePostPaidInstance (postpaid, Pro only). Throttling is retried; a lost answer is checked
   * by looking for a new instance with the same name, and never resubmitted (a duplicate would
   * be billed).
   */
  async createInstance(request: CreateInstanceRequest, options?: CallOptions): Promise<CreateResult> {
    const signal = options?.signal;
    const { name, months } = checkCreateRequest(request);
    const action = createActionOf(request.chargeType);
    const send = async (): Promise<CreateResult> => {
      const r =
        action === 'CreateInstancePre'
          ? await this.write(
              'CreateInstancePre',
              {
                InstanceName: name,
                ZoneId: request.zoneId,
                Period: `${months}m`,
                // 1 for every instance but the international site's Standard types (SDK model).
                InstanceType: 1,
                VpcId: request.vpcId,
                SubnetId: request.subnetId,
                SpecificationsType: request.edition === 'pro' ? 'profession' : request.edition === 'advanced' ? 'premium' : 'standard',
                BandWidth: request.bandwidthMBps,
                DiskSize: request.diskGB,
                Partition: request.partitions,
                ...(request.diskType === undefined ? {} : { DiskType: request.diskType }),
                ...(request.kafkaVersion === undefined ? {} : { KafkaVersion: request.kafkaVersion }),
              },
              signal,
              name,
            )
          : await this.write(
              'CreatePostPaidInstance',
              {
                InstanceName: name,
                VpcId: request.vpcId,
                SubnetId: request.subnetId,
                // Optional here; 1 for every instance but the international site's Standard types (SDK model).
                InstanceType: 1,
                SpecificationsType: 'profession',
                BandWidth: request.bandwidthMBps,
                DiskSize: request.diskGB,
                Partition: request.partitions,
                ZoneId: request.zoneId,
                ...(request.diskType === undefined ? {} : { DiskType: request.diskType }),
                ...(request.kafkaVersion === undefined ? {} : { KafkaVersion: request.kafkaVersion }),
              },
              signal,
              name,
            );
      this.checkReturnCode(action, r.Result?.ReturnCode, r.Result?.ReturnMessage, r.RequestId, name);
      const instanceId = r.Result?.Data?.InstanceId;
      if (typeof instanceId !== 'string' || instanceId === '') {
        throw clientError('other', CLIENT_ERROR.unexpectedResponse, `${action} for ${name} gave no instance id (request id ${r.RequestId ?? ''})`, action);
      }
      return { instanceId, requestId: r.RequestId ?? '' };
    };
    return createInstanceSafely({
      action,
      name,
      send: this.asCloudErrors(send, action, signal, name),
      listByName: (n) => this.findByName(n, signal),
      handling: this.lostAnswerHandling,
      ...(signal === undefined ? {} : { signal }),
    });
  }

  /**
   * Deletes an instance: DeleteInstancePre (prepaid) or DeleteInstancePost (postpaid). An
   * instance that does not exist counts as deleted. A lost answer is re-observed: gone,
   * deleting, deleted or isolated means done; still running means it is sent once more.
   */
  async deleteInstance(instanceId: string, chargeType: ChargeType, options?: CallOptions): Promise<void> {
    const signal = options?.signal;
    const action = chargeType === 'PREPAID' ? 'DeleteInstancePre' : 'DeleteInstancePost';
    const send = async (): Promise<void> => {
      if (action === 'DeleteInstancePre') {
        const r = await this.write('DeleteInstancePre', { InstanceId: instanceId }, signal, instanceId);
        this.checkReturnCode(action, r.Result?.ReturnCode, r.Result?.ReturnMessage, r.RequestId, instanceId);
      } else {
        await this.write('DeleteInstancePost', { InstanceId: instanceId }, signal, instanceId);
      }
    };
    await deleteInstanceSafely({
      action,
      instanceId,
      send: this.asCloudErrors(send, action, signal, instanceId),
      observe: (id) => this.observeOne(id, signal),
      handling: this.lostAnswerHandling,
      ...(signal === undefined ? {} : { signal }),
    });
    this.observed.delete(instanceId);
  }

  // ------------------------------------------------------------------------------------------
  // Plumbing
  // ------------------------------------------------------------------------------------------

  /** A read: retried on throttling, unavailability, network errors and 5xx. */
  private read<A extends CkafkaAction>(action: A, params: CkafkaRequest<A>, signal?: AbortSignal, context?: string): Promise<CkafkaResponse<A>> {
    return this.send(action, params, isRetryableRead, signal, context);
  }

  /** A write: retried only when the API throttled it, which proves it did not apply. */
  private write<A extends CkafkaAction>(action: A, params: CkafkaRequest<A>, signal?: AbortSignal, context?: string): Promise<CkafkaResponse<A>> {
    return this.send(action, params, isRetryableWrite, signal, context);
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

  private asCloudError(e: unknown, action: string, signal?: AbortSignal, context?: string): CloudError {
    return toCloudError(e, action, { redact: this.redact, ...(signal === undefined ? {} : { signal }), ...(context === undefined ? {} : { context }) });
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

  /** Pages through a list action: page 1 first (it tells the total), then the rest concurrently. */
  private async readAllPages<A extends CkafkaAction, T>(
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

  /** One instance by id, or `undefined` when the cloud does not list it. */
  private async observeOne(instanceId: string, signal?: AbortSignal): Promise<ObservedInstance | undefined> {
    const [observed] = await this.describeInstances({ ids: [instanceId] }, signal === undefined ? undefined : { signal });
    return observed;
  }

  /**
   * One instance that `action` needs to know about before it can be asked. A missing instance
   * is refused with the code the API gives for one (`InvalidParameterValue.InstanceNotExist`),
   * as if `action` had been sent: callers act on the code, whichever side refused.
   */
  private async describeOne(instanceId: string, action: string, signal?: AbortSignal): Promise<ObservedInstance> {
    const observed = await this.observeOne(instanceId, signal);
    if (observed === undefined) {
      throw new CloudError(
        'not-found',
        'InvalidParameterValue.InstanceNotExist',
        `${action} (${instanceId}): instance ${instanceId} does not exist in ${this.region}; check the instance id and the region`,
        action,
      );
    }
    return observed;
  }

  /** Every instance whose name is exactly `name` (DescribeInstancesDetail SearchWord is fuzzy). */
  private async findByName(name: string, signal?: AbortSignal): Promise<ObservedInstance[]> {
    const details = await this.readAllPages(
      'DescribeInstancesDetail',
      (Offset) => ({ SearchWord: name, Offset, Limit: PAGE_SIZE }),
      (r) => r.Result?.TotalCount,
      (r) => r.Result?.InstanceList,
      signal,
    );
    return details.filter((d) => d.InstanceName === name).map(mapInstanceDetail);
  }

  /** Re-observation after a lost write answer: waits `reobserveDelayMs` on the adapter's clock and counts. */
  private readonly lostAnswerHandling: LostAnswerHandling = {
    // Looks at +1, +4 and +12 delays (5 s, 20 s, 60 s by default).
    pause: (signal, look) => this.clock.sleep(this.reobserveDelayMs * (look === 0 ? 1 : look === 1 ? 3 : 8), signal),
    settleLooks: 3,
    now: () => this.clock.now(),
    onReobserve: () => {
      this.reobservations += 1;
    },
    onResubmit: () => {
      this.resubmissions += 1;
    },
  };

  /** `send`, with anything it throws as a CloudError (the write-safety rules read `kind` and `code`). */
  private asCloudErrors<T>(send: () => Promise<T>, action: string, signal: AbortSignal | undefined, subject: string): () => Promise<T> {
    return async () => {
      try {
        return await send();
      } catch (e) {
        throw this.asCloudError(e, action, signal, subject);
      }
    };
  }

  private checkReturnCode(action: string, code: string | undefined, message: string | undefined, requestId: string | undefined, subject: string): void {
    if (code === undefined || code === '0') return;
    throw new CloudError(
      'other',
      'FailedOperation',
      `${action} (${subject}) failed: ReturnCode ${this.redact(code)}: ${this.redact(message ?? 'no message')}${requestId === undefined ? '' : `; request id ${requestId}`}`,
      action,
      requestId,
    );
  }
}
