/**
 * The in-process `CkafkaCloud` adapter of the emulator. It works on the domain core directly, in
 * natural units, and never goes through the wire JSON: a contract suite compares it with the
 * Tencent adapter speaking to the HTTP front through the real SDK, so a unit bug on either side
 * shows up as a difference.
 *
 * Each operation is one or more emulated API calls (same action names, so call counters, rate
 * limits and injected faults apply as on the wire). Failures are `CloudError`s with the code the
 * wire would carry; transport faults use the client-side codes `ClientError.NetworkError` and
 * `ClientError.HttpStatusCodeError` (the Terraform provider's names).
 */
import { CATALOG } from '../../spec/catalog';
import { statusFromCode, type CloudCapabilities, type MigrationAssessment, type ObservedInstance, type PreflightFacts, type PriceQuote } from '../../spec/observed';
import type { ChargeType } from '../../spec/types';
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
   * After an ambiguous submit failure (dropped connection, 5xx), re-observe the instance: report
   * success if the change is in the cloud, resubmit once if it provably is not, otherwise throw.
   * Turn off to see the raw failure. @default true
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

/** Instances in id order, as the Tencent adapter returns them, so the two compare directly. */
function sortById(list: ObservedInstance[]): ObservedInstance[] {
  return list.sort((a, b) => a.instanceId.localeCompare(b.instanceId));
}

/** Creates the in-process adapter over an emulator. */
export function createEmulatorCloud(emulator: Emulator, options: EmulatorCloudOptions = {}): CkafkaCloud {
  const region = options.region ?? emulator.region;
  const reobserve = options.reobserveAmbiguousSubmits ?? true;
  const attempts = Math.max(1, options.readRetry?.attempts ?? 4);
  const baseDelayMs = options.readRetry?.baseDelayMs ?? 200;
  let closed = false;

  const checkCall = (action: string, signal?: AbortSignal): void => {
    if (closed) throw new CloudError('other', 'ClientError.Closed', 'the emulator cloud client is closed', action);
    if (signal?.aborted) throw new CloudError('network', 'ClientError.Aborted', `${action}: the call was aborted`, action);
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
          throw new CloudError('network', 'ClientError.NetworkError', `${action}: the connection dropped before a response arrived; the request may have been applied`, action);
        }
        return { value: r.value, requestId: r.requestId };
      case 'error':
        throw new CloudError(classifyErrorCode(r.error.code), r.error.code, r.error.message, action, r.requestId);
      case 'fault':
        if (r.fault === 'unavailable') {
          throw new CloudError('unavailable', 'ClientError.HttpStatusCodeError', `${action}: HTTP ${r.httpStatus} ${r.httpStatus === 500 ? 'Internal Server Error' : 'Service Unavailable'}`, action, undefined, r.httpStatus);
        }
        throw new CloudError('network', 'ClientError.NetworkError', `${action}: the connection dropped without a response`, action);
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

    /** Instances in id order; ids that do not exist are absent. */
    async describeInstances(query: DescribeQuery, callOptions?: CallOptions): Promise<ObservedInstance[]> {
      const signal = callOptions?.signal;
      if ('ids' in query) {
        const ids = [...new Set(query.ids)];
        const out: ObservedInstance[] = [];
        for (let i = 0; i < ids.length; i += PAGE) {
          const batch = ids.slice(i, i + PAGE);
          const page = await read(
            'DescribeInstancesDetail',
            (state, ctx) => instancesIn(state, ctx.region).filter((x) => batch.includes(x.instanceId)).map(toObservedInstance),
            signal,
          );
          out.push(...page);
        }
        return sortById(out);
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
          const inst = requireInstance(state, ctx.region, instanceId);
          const edition = editionOf(inst);
          if (edition !== undefined && edition === target.edition && edition !== 'standard') checkSpecValues(edition, target);
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

    async preflight(instance: ObservedInstance, callOptions?: CallOptions): Promise<PreflightFacts> {
      const signal = callOptions?.signal;
      const id = instance.instanceId;
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
      const topics: PreflightFacts['topics'][number][] = [];
      // DescribeTopicDetail pages of 50 (its emulated maximum).
      for (let offset = 0; ; offset += 50) {
        const page = await read(
          'DescribeTopicDetail',
          (state, ctx) => {
            const all = requireInstance(state, ctx.region, id).topics;
            return { total: all.length, items: all.slice(offset, offset + 50).map((tp) => ({ name: tp.name, partitions: tp.partitions, replicas: tp.replicas, statusCode: tp.status })) };
          },
          signal,
        );
        topics.push(...page.items);
        if (page.items.length === 0 || offset + 50 >= page.total) break;
      }
      // One emulated DescribeTopicSyncReplica call for all topics: the real API needs one per
      // topic (at 5/s), which a stopped test clock could never pace. Single-replica topics
      // cannot be out of sync and are skipped, as the Tencent adapter does.
      const outOfSync = await read(
        'DescribeTopicSyncReplica',
        (state, ctx) => {
          const inst = requireInstance(state, ctx.region, id);
          return liveTopics(inst)
            .filter((tp) => tp.replicas > 1)
            .map((tp) => ({
              topic: tp.name,
              partitions: partitionReplicaRows(inst, tp)
                .filter((r) => r.outOfSync.length > 0)
                .map((r) => String(r.partition)),
            }))
            .filter((x) => x.partitions.length > 0);
        },
        signal,
      );
      const maxMessageBytes = await read('DescribeInstanceAttributes', (state, ctx) => requireInstance(state, ctx.region, id).maxMessageBytes, signal);
      const zoneInStock = await read(
        'DescribeCkafkaZone',
        (state, ctx) => {
          const zones = state.region === ctx.region ? state.zones : [];
          const wanted = instance.zoneIds.length > 0 ? instance.zoneIds : [instance.zoneId];
          const found = wanted.map((zoneId) => zones.find((z) => z.zoneId === zoneId));
          if (found.some((z) => z === undefined)) return undefined;
          // Every zone of a multi-zone instance must have stock; Standard is sold out everywhere
          // (sale stopped), as DescribeCkafkaZone's SalesInfo says.
          return instance.edition !== 'standard' && found.every((z) => z !== undefined && !z.soldOut);
        },
        signal,
      );
      const usage = await read(
        'DescribeTopicFlowRanking',
        (state, ctx) => {
          const inst = requireInstance(state, ctx.region, id);
          const bytes = liveTopics(inst).reduce((n, tp) => n + tp.dataBytes, 0);
          return { diskUsedGB: Math.round((bytes / BYTES_PER_GB) * 100) / 100, produceMBps: inst.produceMBps };
        },
        signal,
      );
      return {
        routes,
        topics,
        outOfSync,
        maxMessageBytes,
        ...(zoneInStock !== undefined ? { zoneInStock } : {}),
        diskUsedGB: usage.diskUsedGB,
        produceMBps: usage.produceMBps,
      };
    },

    async submitSpecChange(request: SpecChangeRequest, callOptions?: CallOptions): Promise<SubmitResult> {
      const signal = callOptions?.signal;
      const action = request.chargeType === 'PREPAID' ? 'ModifyInstancePre' : 'InstanceScalingDown';
      for (let submissions = 1; ; submissions++) {
        let lost: CloudError;
        try {
          // Throttling is answered before anything is applied, so a throttled submit is safe to retry.
          return await withThrottleRetry(() => submitOnce(request, signal), signal);
        } catch (e) {
          const ambiguous = CloudError.isCloudError(e) && (e.kind === 'network' || e.kind === 'unavailable');
          if (!reobserve || !ambiguous) throw e;
          lost = e;
        }
        const seen = await describeOne(request.instanceId, signal);
        if (seen === undefined) throw lost;
        const atTarget = seen.bandwidthMBps === request.bandwidthMBps && seen.diskGB === request.diskGB && seen.partitions === request.partitions;
        // The caller submits only to a running, idle instance: a change running or scheduled now,
        // or the target reached, is this submission.
        if (seen.status === 'upgrading' || atTarget || seen.rebalanceAt !== undefined) {
          const what = seen.status === 'upgrading' ? 'upgrading' : atTarget ? 'at the target spec' : `with a task scheduled for ${seen.rebalanceAt ?? ''}`;
          return {
            action,
            requestId: lost.requestId ?? '',
            reference: `accepted by observation after a lost answer (${lost.code}): instance ${what}`,
            acceptedBy: 'observation',
          };
        }
        if (seen.status === 'running' && submissions === 1) continue;
        throw new CloudError(
          lost.kind,
          lost.code,
          `${lost.message}; re-observed ${request.instanceId}: status ${seen.statusCode}, ${seen.bandwidthMBps} MB/s, ${seen.diskGB} GB, ${seen.partitions} partitions; ` +
            (submissions === 1 ? 'that proves neither outcome, so it was not resubmitted' : 'it was already resubmitted once'),
          action,
          lost.requestId,
          lost.httpCode,
        );
      }
    },

    async retimeRebalance(instanceId: string, at: Date, callOptions?: CallOptions): Promise<void> {
      await callOnce('ModifyInstanceAttributes', (state, ctx) => modifyInstanceAttributes(state, ctx, { instanceId, rebalanceAt: new Date(Math.floor(at.getTime() / 1000) * 1000) }), callOptions?.signal);
    },

    async createInstance(request: CreateInstanceRequest, callOptions?: CallOptions): Promise<CreateResult> {
      const prepaid = request.chargeType === 'PREPAID';
      const action = prepaid ? 'CreateInstancePre' : 'CreatePostPaidInstance';
      const specificationsType = request.edition === 'pro' ? 'profession' : request.edition === 'advanced' ? 'premium' : 'standard';
      const { value, requestId } = await callOnce(
        action,
        (state, ctx) =>
          createInstances(state, ctx, {
            via: action,
            name: request.name,
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
            ...(prepaid ? { periodMonths: request.periodMonths ?? 1 } : {}),
            publicNetworkMbps: 3,
            params: {
              InstanceName: request.name,
              ZoneId: request.zoneId,
              VpcId: request.vpcId,
              SubnetId: request.subnetId,
              SpecificationsType: specificationsType,
              BandWidth: request.bandwidthMBps,
              DiskSize: request.diskGB,
              Partition: request.partitions,
              ...(request.diskType !== undefined ? { DiskType: request.diskType } : {}),
              ...(request.kafkaVersion !== undefined ? { KafkaVersion: request.kafkaVersion } : {}),
              ...(prepaid ? { Period: `${request.periodMonths ?? 1}m`, InstanceType: 1 } : {}),
            },
          }),
        callOptions?.signal,
      );
      const instanceId = value.instanceIds[0];
      if (instanceId === undefined) throw new CloudError('other', 'InternalError', `${action} returned no instance id`, action, requestId);
      return { instanceId, requestId };
    },

    async deleteInstance(instanceId: string, chargeType: ChargeType, callOptions?: CallOptions): Promise<void> {
      const action = chargeType === 'PREPAID' ? 'DeleteInstancePre' : 'DeleteInstancePost';
      await callOnce(action, (state, ctx) => deleteInstance(state, ctx, instanceId, action), callOptions?.signal);
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      if (options.ownsEmulator === true) await emulator.close();
    },
  };
  return cloud;
}
