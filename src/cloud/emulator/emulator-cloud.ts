/**
 * The in-process `CkafkaCloud` adapter of the emulator. It works on the domain core directly, in
 * natural units, and never goes through the wire JSON: a contract suite compares it with the
 * Tencent adapter speaking to the HTTP front through the real SDK, so a unit bug on either side
 * shows up as a difference.
 *
 * Each operation is one or more emulated API calls (same action names, so call counters, rate
 * limits and injected faults apply as on the wire). Failures are `CloudError`s with the code the
 * wire would carry; transport faults use the client-side codes `ClientError.NetworkError` and
 * `ClientError.HttpStatusCodeError` (the Terraform provider's names). The rules that do not
 * depend on how the cloud is reached (write safety after a lost answer, request checks, the
 * preflight's orders) are the Tencent adapter's own, shared through `src/cloud/`.
 */
import { CATALOG } from '../../spec/catalog';
import {
  statusFromCode,
  type CloudCapabilities,
  type FactError,
  type MigrationAssessment,
  type ObservedInstance,
  type PreflightFacts,
  type PriceQuote,
  type TopicFact,
} from '../../spec/observed';
import type { ChargeType } from '../../spec/types';
import { CLIENT_ERROR_CODES } from '../client-error-codes';
import {
  CloudError,
  classifyErrorCode,
  type CallOptions,
  type CkafkaCloud,
  type CreateInstanceRequest,
  type CreateResult,
  type DescribeQuery,
  type PriceRequest,
  type SpecChangeRequest,
  type SubmitResult,
  type TargetSpec,
} from '../port';
import { compareTopicsByAge, needsSyncCheck, sortFactErrors, USAGE_WINDOW_SECONDS } from '../preflight-rules';
import { checkCreateRequest, checkSpecNumbers, createActionOf } from '../request-checks';
import { createInstanceSafely, deleteInstanceSafely, submitSpecChangeSafely, type LostAnswerHandling } from '../write-safety';
import { ApiError } from './api-error';
import {
  assessSpecChange,
  checkDiskType,
  checkKafkaVersion,
  checkSpecValues,
  createInstances,
  deleteInstance,
  editionOf,
  instancesIn,
  liveTopics,
  modifyInstanceAttributes,
  partitionReplicaRows,
  partitionsInUse,
  priceSpec,
  requireInstance,
  submitSpecChange,
  topicFlowRanking,
  type OpContext,
} from './engine';
import type { Emulator } from './emulator';
import { BYTES_PER_GB } from './migration-model';
import type { EmulatorState, InstanceState } from './state-schema';

/** Options of {@link Emulator.cloud}. */
export interface EmulatorCloudOptions {
  /** The region calls are made in. @default the emulator's region */
  readonly region?: string;
  /**
   * After a write's answer is lost (dropped connection, 5xx), observe the cloud before anything
   * else, as the Tencent adapter does (`write-safety.ts`): a spec change found upgrading,
   * scheduled or at its target is accepted, one provably not applied is sent once more; a create
   * is looked up by name and never ordered twice; a delete found deleting is done. Anything else
   * is `ClientError.OutcomeUnknown`. Turn off to see the raw failure of the write.
   *
   * @default true
   */
  readonly reobserveAmbiguousSubmits?: boolean;
  /** Read retries on throttling, 5xx and network faults; back-off on the cloud clock. @default { attempts: 4, baseDelayMs: 200 } */
  readonly readRetry?: { readonly attempts?: number; readonly baseDelayMs?: number };
  /** Whether `close()` also closes the emulator. @default false */
  readonly ownsEmulator?: boolean;
}

/** What the real cloud can do, as the emulator models it. */
export const EMULATED_CAPABILITIES: CloudCapabilities = {
  // ModifyInstancePre takes no mode; InstanceScalingDown takes UpgradeStrategy.
  modeSelectable: { PREPAID: false, POSTPAID_BY_HOUR: true },
  editionConversionByApi: false,
  // DescribeModifyType lost MigrateCostTime in SDK release #141 (2026-03-02).
  migrationEstimates: false,
  usageMetrics: true,
};

/** Maps an instance of the state to the port's observed instance (natural units). */
export function toObservedInstance(inst: InstanceState): ObservedInstance {
  const route = inst.routes.find((r) => r.vipType === 3) ?? inst.routes[0];
  return {
    instanceId: inst.instanceId,
    name: inst.name,
    edition: editionOf(inst),
    instanceType: inst.instanceType,
    status: statusFromCode(inst.status),
    statusCode: inst.status,
    bandwidthMBps: inst.bandwidthMBps,
    diskGB: inst.diskGB,
    partitions: inst.partitions,
    partitionsUsed: partitionsInUse(inst),
    topicsUsed: liveTopics(inst).length,
    diskType: inst.diskType,
    chargeType: inst.chargeType,
    ...(inst.expireTime !== null ? { expiresAt: new Date(inst.expireTime).toISOString() } : {}),
    zoneId: inst.zoneId,
    zoneIds: [...inst.zoneIds],
    vpcId: inst.vpcId,
    subnetId: inst.subnetId,
    endpoints: route === undefined ? [] : [{ vip: route.vip, vport: route.vport }],
    ...(inst.pendingTask !== null ? { rebalanceAt: new Date(inst.pendingTask.rebalanceAt).toISOString() } : {}),
    kafkaVersion: inst.kafkaVersion,
    healthy: inst.healthy,
  };
}

const PAGE = 20;

/** Every instance of the region in id order: the port's order for `{ all: true }`. */
function sortById(list: ObservedInstance[]): ObservedInstance[] {
  return list.sort((a, b) => a.instanceId.localeCompare(b.instanceId));
}

/** The emulated page size of DescribeTopicDetail (its UNCONFIRMED maximum, held to by the wire). */
const TOPIC_PAGE = 50;

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Seconds since the epoch of an ISO time: the API's resolution for creation times. */
function unixSeconds(isoTime: string): number {
  return Math.floor(Date.parse(isoTime) / 1000);
}


/** Creates the in-process adapter over an emulator. */
export function createEmulatorCloud(emulator: Emulator, options: EmulatorCloudOptions = {}): CkafkaCloud {
  // No wait before re-observing a lost write, and one look: the emulator applies a write within
  // the call, so an observation right after shows it (the Tencent adapter gives the real cloud a
  // settling period).
  const NO_PAUSE: LostAnswerHandling = { pause: () => Promise.resolve(), settleLooks: 1, now: () => emulator.clock.now() };
  const region = options.region ?? emulator.region;
  const reobserve = options.reobserveAmbiguousSubmits ?? true;
  const attempts = Math.max(1, options.readRetry?.attempts ?? 4);
  const baseDelayMs = options.readRetry?.baseDelayMs ?? 200;
  let closed = false;

  const checkCall = (action: string, signal?: AbortSignal): void => {
    if (closed) throw new CloudError('other', 'ClientError.Closed', 'the emulator cloud client is closed', action);
    // Kind `other`, as on the Tencent adapter: an abort is the caller's decision, never a reason to retry.
    if (signal?.aborted) throw new CloudError('other', CLIENT_ERROR_CODES.aborted, `${action}: the call was aborted`, action);
  };

  /** One call, no retry. */
  const callOnce = async <T>(action: string, op: (state: EmulatorState, ctx: OpContext) => T, signal?: AbortSignal): Promise<{ value: T; requestId: string }> => {
    checkCall(action, signal);
    const r = await emulator.execute(action, region, op);
    // Latency is network time: real milliseconds, whatever the virtual clock does.
    if (r.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, r.latencyMs));
    switch (r.kind) {
      case 'ok':
        if (r.lostResponse) {
          throw new CloudError('network', CLIENT_ERROR_CODES.network, `${action}: the connection dropped before a response arrived; the request may have been applied`, action);
        }
        return { value: r.value, requestId: r.requestId };
      case 'error':
        throw new CloudError(classifyErrorCode(r.error.code), r.error.code, r.error.message, action, r.requestId);
      case 'fault':
        if (r.fault === 'unavailable') {
          throw new CloudError('unavailable', CLIENT_ERROR_CODES.httpStatus, `${action}: HTTP ${r.httpStatus} ${r.httpStatus === 500 ? 'Internal Server Error' : 'Service Unavailable'}`, action, undefined, r.httpStatus);
        }
        throw new CloudError('network', CLIENT_ERROR_CODES.network, `${action}: the connection dropped without a response`, action);
    }
  };

  /** A read, retried on retryable failures with exponential back-off on the cloud clock. */
  const read = async <T>(action: string, op: (state: EmulatorState, ctx: OpContext) => T, signal?: AbortSignal): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await callOnce(action, op, signal)).value;
      } catch (e) {
        if (!CloudError.isCloudError(e) || !e.retryable || attempt >= attempts || signal?.aborted) throw e;
        // A stopped (manual) clock would never wake a sleeper: retry at once instead. A stepping
        // clock moves by the back-off, which lets a rate-limit window pass.
        if (emulator.clock.speed > 0 || emulator.clock.stepOnSleep) await emulator.clock.sleep(baseDelayMs * 2 ** (attempt - 1), signal);
      }
    }
  };

  /** Retries only `RequestLimitExceeded` (answered before anything is applied): safe for writes. */
  const withThrottleRetry = async <T>(send: () => Promise<T>, signal?: AbortSignal): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await send();
      } catch (e) {
        if (!CloudError.isCloudError(e) || e.kind !== 'throttled' || attempt >= attempts || signal?.aborted) throw e;
        if (emulator.clock.speed > 0 || emulator.clock.stepOnSleep) await emulator.clock.sleep(baseDelayMs * 2 ** (attempt - 1), signal);
      }
    }
  };

  const describeOne = (instanceId: string, signal?: AbortSignal): Promise<ObservedInstance | undefined> =>
    read(
      'DescribeInstancesDetail',
      (state, ctx) => {
        const found = instancesIn(state, ctx.region).find((i) => i.instanceId === instanceId);
        return found === undefined ? undefined : toObservedInstance(found);
      },
      signal,
    );

  /** Every instance named exactly `name` (the Tencent adapter pages DescribeInstancesDetail by SearchWord). */
  const listByName = (name: string, signal?: AbortSignal): Promise<ObservedInstance[]> =>
    read('DescribeInstancesDetail', (state, ctx) => instancesIn(state, ctx.region).filter((i) => i.name === name).map(toObservedInstance), signal);

  const submitOnce = async (request: SpecChangeRequest, signal?: AbortSignal): Promise<SubmitResult> => {
    const action = request.chargeType === 'PREPAID' ? 'ModifyInstancePre' : 'InstanceScalingDown';
    const { value, requestId } = await callOnce(
      action,
      (state, ctx) =>
        submitSpecChange(state, ctx, {
          instanceId: request.instanceId,
          via: action,
          bandwidthMBps: request.bandwidthMBps,
          diskGB: request.diskGB,
          partitions: request.partitions,
          ...(action === 'InstanceScalingDown' ? { mode: request.mode } : {}),
        }),
      signal,
    );
    return { action, requestId, reference: value.dealNames.join(','), acceptedBy: 'response' };
  };

  const cloud: CkafkaCloud = {
    kind: 'emulator',
    region,
    clock: emulator.clock,
    capabilities: () => EMULATED_CAPABILITIES,

    /** By ids: in the order of the ids, each once, ids that do not exist left out. All: in id order. */
    async describeInstances(query: DescribeQuery, callOptions?: CallOptions): Promise<ObservedInstance[]> {
      const signal = callOptions?.signal;
      if ('ids' in query) {
        const ids = [...new Set(query.ids)];
        const byId = new Map<string, ObservedInstance>();
        for (let i = 0; i < ids.length; i += PAGE) {
          const batch = ids.slice(i, i + PAGE);
          const page = await read(
            'DescribeInstancesDetail',
            (state, ctx) => instancesIn(state, ctx.region).filter((x) => batch.includes(x.instanceId)).map(toObservedInstance),
            signal,
          );
          for (const o of page) byId.set(o.instanceId, o);
        }
        return ids.map((id) => byId.get(id)).filter((o): o is ObservedInstance => o !== undefined);
      }
      const out: ObservedInstance[] = [];
      for (let offset = 0; ; offset += PAGE) {
        const page = await read(
          'DescribeInstancesDetail',
          (state, ctx) => {
            const all = instancesIn(state, ctx.region);
            return { total: all.length, items: all.slice(offset, offset + PAGE).map(toObservedInstance) };
          },
          signal,
        );
        out.push(...page.items);
        if (page.items.length === 0 || offset + PAGE >= page.total) return sortById(out);
      }
    },

    assessMigration(instanceId: string, target: TargetSpec, callOptions?: CallOptions): Promise<MigrationAssessment> {
      return read(
        'DescribeModifyType',
        (state, ctx) => {
          const r = assessSpecChange(state, ctx.region, instanceId, target, target.edition);
          return { required: r.migrate, modifyType: r.modifyType };
        },
        callOptions?.signal,
      );
    },

    quote(request: PriceRequest, callOptions?: CallOptions): Promise<PriceQuote> {
      return read(
        'InquireCkafkaPrice',
        () => {
          if (request.edition === 'standard') {
            throw new ApiError('UnsupportedOperation', 'Standard edition is no longer sold (since March 2024) and has no published price; price a Pro or Advanced spec');
          }
          checkSpecValues(request.edition, request);
          const price = priceSpec(request, request.chargeType, request.diskType);
          if (price === undefined) {
            throw new ApiError('InvalidParameterValue', `${CATALOG[request.edition].label} has no ${request.chargeType} price for ${request.bandwidthMBps} MB/s`);
          }
          return { currency: price.currency, amount: price.unit, per: price.per };
        },
        callOptions?.signal,
      );
    },

    /**
     * The pre-check facts, as the Tencent adapter gathers them: routes, topics and replica sync
     * are required (a failure rejects); max message size, zone stock and usage are optional (a
     * failure leaves the fact undefined, listed in `errors`).
     */
    async preflight(instance: ObservedInstance, callOptions?: CallOptions): Promise<PreflightFacts> {
      const signal = callOptions?.signal;
      const id = instance.instanceId;
      const errors: FactError[] = [];
      const optional = async <T>(facts: readonly string[], gather: () => Promise<T>): Promise<T | undefined> => {
        try {
          return await gather();
        } catch (e) {
          if (!CloudError.isCloudError(e) || signal?.aborted === true) throw e;
          for (const fact of facts) errors.push({ what: 'preflight', fact, code: e.code, message: e.message });
          return undefined;
        }
      };

      const routes = await read(
        'DescribeRoute',
        (state, ctx) =>
          requireInstance(state, ctx.region, id).routes.map((r) => ({
            routeId: r.routeId,
            statusCode: r.status,
            healthy: r.status === 2,
            accessType: r.accessType,
            vipType: r.vipType,
            endpoints: [{ vip: r.vip, vport: r.vport }],
          })),
        signal,
      );
      const topics: TopicFact[] = [];
      for (let offset = 0; ; offset += TOPIC_PAGE) {
        const page = await read(
          'DescribeTopicDetail',
          (state, ctx) => {
            // The port's order (oldest first, then by name), at the API's resolution of seconds.
            const all = requireInstance(state, ctx.region, id)
              .topics.map((tp) => ({ tp, name: tp.name, createdAtSeconds: unixSeconds(tp.createTime) }))
              .sort(compareTopicsByAge);
            return {
              total: all.length,
              items: all.slice(offset, offset + TOPIC_PAGE).map(({ tp }) => ({ name: tp.name, partitions: tp.partitions, replicas: tp.replicas, statusCode: tp.status })),
            };
          },
          signal,
        );
        topics.push(...page.items);
        if (page.items.length === 0 || offset + TOPIC_PAGE >= page.total) break;
      }
      // One emulated DescribeTopicSyncReplica call for all topics: the real API needs one per
      // topic (at 5/s), which a stopped test clock could never pace. The topics asked about
      // are those the Tencent adapter asks about, in the same order.
      const candidates = topics.filter(needsSyncCheck).map((t) => t.name);
      const outOfSync = await read(
        'DescribeTopicSyncReplica',
        (state, ctx) => {
          const inst = requireInstance(state, ctx.region, id);
          return candidates.flatMap((name) => {
            const tp = inst.topics.find((x) => x.name === name);
            const partitions = tp === undefined ? [] : partitionReplicaRows(inst, tp).filter((r) => r.outOfSync.length > 0).map((r) => String(r.partition));
            return partitions.length > 0 ? [{ topic: name, partitions }] : [];
          });
        },
        signal,
      );

      const maxMessageBytes = await optional(['maxMessageBytes'], () =>
        read('DescribeInstanceAttributes', (state, ctx) => requireInstance(state, ctx.region, id).maxMessageBytes, signal),
      );
      const zoneInStock = await optional(['zoneInStock'], async () => {
        const wanted = instance.zoneIds.length > 0 ? instance.zoneIds : [instance.zoneId];
        const stock = await read(
          'DescribeCkafkaZone',
          (state, ctx) => {
            const zones = state.region === ctx.region ? state.zones : [];
            const found = wanted.map((zoneId) => ({ zoneId, zone: zones.find((z) => z.zoneId === zoneId) }));
            const missing = found.filter((f) => f.zone === undefined).map((f) => f.zoneId);
            // Every zone of a multi-zone instance must have stock; Standard is sold out everywhere
            // (sale stopped), as DescribeCkafkaZone's SalesInfo says.
            return { missing, inStock: instance.edition !== 'standard' && found.every((f) => f.zone !== undefined && !f.zone.soldOut) };
          },
          signal,
        );
        if (stock.missing.length > 0) {
          // What the Tencent adapter makes of an answer that does not list the zone.
          throw new CloudError(
            'other',
            CLIENT_ERROR_CODES.unexpectedResponse,
            `DescribeCkafkaZone does not list zone ${stock.missing.join(', ')} of ${id}, so its stock is not known`,
            'DescribeCkafkaZone',
          );
        }
        return stock.inStock;
      });
      const usage = await optional(['diskUsedGB', 'produceMBps'], () =>
        read(
          'DescribeTopicFlowRanking',
          (state, ctx) => {
            const inst = requireInstance(state, ctx.region, id);
            // The last 24 hours to the second, as the Tencent adapter asks; an instance younger
            // than that has traffic only since its creation, averaged over the whole window.
            const end = new Date(Math.floor(ctx.now.getTime() / 1000) * 1000);
            const begin = new Date(end.getTime() - USAGE_WINDOW_SECONDS * 1000);
            const ranking = topicFlowRanking(inst, begin, end, ctx.now);
            return {
              diskUsedGB: round2(ranking.byHeap.reduce((n, tp) => n + tp.dataBytes, 0) / BYTES_PER_GB),
              produceMBps: round2(ranking.byTraffic.reduce((n, r) => n + r.trafficMB, 0) / USAGE_WINDOW_SECONDS),
            };
          },
          signal,
        ),
      );
      return {
        routes,
        topics,
        outOfSync,
        ...(maxMessageBytes === undefined ? {} : { maxMessageBytes }),
        ...(zoneInStock === undefined ? {} : { zoneInStock }),
        ...(usage === undefined ? {} : { diskUsedGB: usage.diskUsedGB, produceMBps: usage.produceMBps }),
        ...(errors.length === 0 ? {} : { errors: sortFactErrors(errors) }),
      };
    },

    async submitSpecChange(request: SpecChangeRequest, callOptions?: CallOptions): Promise<SubmitResult> {
      const signal = callOptions?.signal;
      const action = request.chargeType === 'PREPAID' ? 'ModifyInstancePre' : 'InstanceScalingDown';
      checkSpecNumbers(request, action, request.instanceId);
      // Throttling is answered before anything is applied, so a throttled submit is safe to retry.
      const send = (): Promise<SubmitResult> => withThrottleRetry(() => submitOnce(request, signal), signal);
      if (!reobserve) return send();
      return submitSpecChangeSafely({
        request,
        action,
        send,
        observe: (id) => describeOne(id, signal),
        handling: NO_PAUSE,
        ...(signal === undefined ? {} : { signal }),
      });
    },

    async retimeRebalance(instanceId: string, at: Date, callOptions?: CallOptions): Promise<void> {
      await callOnce('ModifyInstanceAttributes', (state, ctx) => modifyInstanceAttributes(state, ctx, { instanceId, rebalanceAt: new Date(Math.floor(at.getTime() / 1000) * 1000) }), callOptions?.signal);
    },

    async createInstance(request: CreateInstanceRequest, callOptions?: CallOptions): Promise<CreateResult> {
      const signal = callOptions?.signal;
      const { name, months } = checkCreateRequest(request);
      const prepaid = request.chargeType === 'PREPAID';
      const action = createActionOf(request.chargeType);
      const specificationsType = request.edition === 'pro' ? 'profession' : request.edition === 'advanced' ? 'premium' : 'standard';
      const send = async (): Promise<CreateResult> => {
        const { value, requestId } = await withThrottleRetry(
          () =>
            callOnce(
              action,
              (state, ctx) =>
                createInstances(state, ctx, {
                  via: action,
                  name,
                  edition: request.edition,
                  chargeType: request.chargeType,
                  zoneId: request.zoneId,
                  vpcId: request.vpcId,
                  subnetId: request.subnetId,
                  bandwidthMBps: request.bandwidthMBps,
                  diskGB: request.diskGB,
                  partitions: request.partitions,
                  diskType: checkDiskType(request.diskType),
                  kafkaVersion: checkKafkaVersion(request.kafkaVersion),
                  msgRetentionMinutes: 1440,
                  ...(prepaid ? { periodMonths: months } : {}),
                  publicNetworkMbps: 3,
                  // The request as the Tencent adapter sends it, for the ledger.
                  params: {
                    InstanceName: name,
                    ZoneId: request.zoneId,
                    VpcId: request.vpcId,
                    SubnetId: request.subnetId,
                    // 1 for every instance but the international site's Standard types (SDK model);
                    // required by CreateInstancePre, optional for CreatePostPaidInstance.
                    InstanceType: 1,
                    SpecificationsType: specificationsType,
                    BandWidth: request.bandwidthMBps,
                    DiskSize: request.diskGB,
                    Partition: request.partitions,
                    ...(request.diskType !== undefined ? { DiskType: request.diskType } : {}),
                    ...(request.kafkaVersion !== undefined ? { KafkaVersion: request.kafkaVersion } : {}),
                    ...(prepaid ? { Period: `${months}m` } : {}),
                  },
                }),
              signal,
            ),
          signal,
        );
        const instanceId = value.instanceIds[0];
        if (instanceId === undefined) throw new CloudError('other', 'InternalError', `${action} returned no instance id`, action, requestId);
        return { instanceId, requestId };
      };
      if (!reobserve) return send();
      return createInstanceSafely({
        action,
        name,
        send,
        listByName: (n) => listByName(n, signal),
        handling: NO_PAUSE,
        ...(signal === undefined ? {} : { signal }),
      });
    },

    async deleteInstance(instanceId: string, chargeType: ChargeType, callOptions?: CallOptions): Promise<void> {
      const signal = callOptions?.signal;
      const action = chargeType === 'PREPAID' ? 'DeleteInstancePre' : 'DeleteInstancePost';
      const send = async (): Promise<void> => {
        await withThrottleRetry(() => callOnce(action, (state, ctx) => deleteInstance(state, ctx, instanceId, action), signal), signal);
      };
      if (!reobserve) {
        // Not re-observed, but a missing instance still counts as deleted (the port's rule).
        try {
          await send();
        } catch (e) {
          if (!CloudError.isCloudError(e) || e.kind !== 'not-found') throw e;
        }
        return;
      }
      await deleteInstanceSafely({
        action,
        instanceId,
        send,
        observe: (id) => describeOne(id, signal),
        handling: NO_PAUSE,
        ...(signal === undefined ? {} : { signal }),
      });
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      if (options.ownsEmulator === true) await emulator.close();
    },
  };
  return cloud;
}
