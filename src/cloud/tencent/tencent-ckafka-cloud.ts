/**
 * The CkafkaCloud port on Tencent Cloud's CKafka API, over a transport: the official Node SDK
 * (tencentcloud-sdk-nodejs-ckafka), or the CKafka emulator's wire layer in process. Every call
 * goes through one call policy (`ckafka-calls.ts`): a concurrency limit, a token bucket per
 * action at the documented rate, and retries with backoff for reads. Writes are never retried
 * blindly (see {@link TencentCkafkaCloud.submitSpecChange}). Units, API actions and error codes
 * are turned into the port's domain terms by the adapter's modules and nowhere else.
 */
import type { CloudCapabilities, MigrationAssessment, ObservedInstance, PreflightFacts, PriceQuote } from '../../spec/observed';
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
import type { DiagnoseOptions, Diagnosis } from '../diagnosis';
import { createCall, deleteCall, retimeCall, specChangeCall } from './api-calls';
import { PAGE_SIZE, type CkafkaCalls } from './ckafka-calls';
import { combineModifyTypeAnswers, mapInstanceDetail, mapModifyType, mapPrice, toDescribeModifyType, toInquireCkafkaPrice } from './mapping';
import { DEFAULT_ENDPOINT, parseEndpoint, type ParsedEndpoint } from './parse-endpoint';
import { CLIENT_ERROR, clientError } from './errors';
import { explainRefusedIncrease, raisesSpec } from './explain-refusal';
import { gatherPreflight } from './gather-preflight';
import { openCkafkaCalls } from './open-ckafka-calls';
import { checkCreateRequest, checkSpecNumbers } from './request-checks';
import { checkOptions, systemClock, type TencentCallStats, type TencentCloudInit, type TencentCloudOptions } from './tencent-cloud-options';
import { createInstanceSafely, deleteInstanceSafely, submitSpecChangeSafely, type LostAnswerHandling } from './write-safety';

export { systemClock, type TencentCallEvent, type TencentCallStats, type TencentCloudInit, type TencentCloudOptions } from './tencent-cloud-options';

/** The largest page of the list actions (see `ckafka-calls.ts`). */
export { PAGE_SIZE };

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
  readonly kind: string;
  readonly region: string;
  readonly clock: CloudClock;
  /** The clock of the adapter's own waits. */
  private readonly waitClock: CloudClock;
  /** The endpoint requests go to. */
  readonly endpoint: ParsedEndpoint;
  /** Every call to the API: call policy, error mapping, redaction. */
  private readonly calls: CkafkaCalls;
  private readonly reobserveDelayMs: number;
  /** The last observation of each instance, for the parameters DescribeModifyType needs (disk type, topics). */
  private readonly observed = new Map<string, ObservedInstance>();
  private reobservations = 0;
  private resubmissions = 0;

  constructor(options: TencentCloudOptions) {
    checkOptions(options);
    this.kind = options.kind ?? 'tencent';
    this.region = options.region.trim();
    this.clock = options.clock ?? systemClock;
    this.waitClock = options.waitClock ?? this.clock;
    this.endpoint = parseEndpoint(options.endpoint ?? DEFAULT_ENDPOINT, 'endpoint');
    this.reobserveDelayMs = options.reobserveDelayMs ?? 5000;
    this.calls = openCkafkaCalls(options, { region: this.region, endpoint: this.endpoint, waitClock: this.waitClock });
  }

  capabilities(): CloudCapabilities {
    return TENCENT_CAPABILITIES;
  }

  /** Calls, retries, throttles and failures per action so far, and the write-safety counters. */
  stats(): TencentCallStats {
    return { ...this.calls.stats(), reobservations: this.reobservations, resubmissions: this.resubmissions };
  }

  async close(): Promise<void> {
    await this.calls.close();
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
        chunk(ids, PAGE_SIZE).map((batch) => this.calls.read('DescribeInstancesDetail', { InstanceIdList: batch, Offset: 0, Limit: PAGE_SIZE }, signal)),
      );
      const byId = new Map<string, ObservedInstance>();
      const at = this.clock.now();
      for (const page of pages) for (const d of page.Result?.InstanceList ?? []) {
        const o = mapInstanceDetail(d, at);
        byId.set(o.instanceId, o);
      }
      const found = ids.map((id) => byId.get(id)).filter((o): o is ObservedInstance => o !== undefined);
      for (const o of found) this.observed.set(o.instanceId, o);
      return found;
    }
    const details = await this.calls.readAllPages(
      'DescribeInstancesDetail',
      (Offset) => ({ Offset, Limit: PAGE_SIZE }),
      (r) => r.Result?.TotalCount,
      (r) => r.Result?.InstanceList,
      signal,
    );
    const byId = new Map<string, ObservedInstance>();
    const at = this.clock.now();
    for (const d of details) {
      const o = mapInstanceDetail(d, at);
      byId.set(o.instanceId, o);
    }
    const all = [...byId.values()].sort((a, b) => a.instanceId.localeCompare(b.instanceId));
    for (const o of all) this.observed.set(o.instanceId, o);
    return all;
  }

  /**
   * DescribeModifyType for moving an instance to `target`, asked in both readings of its
   * unconfirmed BandWidth unit (MB/s and Mbps, see `toDescribeModifyType`): data migrates if
   * either answer says so, and if either call fails the assessment fails (the caller plans the
   * change as migrating). The call also needs the instance's disk type and topic count: taken
   * from the last observation, or observed now.
   */
  async assessMigration(instanceId: string, target: TargetSpec, options?: CallOptions): Promise<MigrationAssessment> {
    const observed = this.observed.get(instanceId) ?? (await this.describeOne(instanceId, 'DescribeModifyType', options?.signal));
    const answers = await Promise.all(
      toDescribeModifyType(observed, target).map(async (request) => mapModifyType((await this.calls.read('DescribeModifyType', request, options?.signal, instanceId)).Result, instanceId)),
    );
    return combineModifyTypeAnswers(answers);
  }

  /** InquireCkafkaPrice for one month (prepaid) or one hour (postpaid) of a spec, bandwidth in MB/s. */
  async quote(request: PriceRequest, options?: CallOptions): Promise<PriceQuote> {
    const response = await this.calls.read('InquireCkafkaPrice', toInquireCkafkaPrice(request), options?.signal);
    return mapPrice(response.Result, request.chargeType);
  }

  /** `ckafka doctor`'s report (see `diagnoseCloud`): read actions only. */
  async diagnose(options?: DiagnoseOptions): Promise<Diagnosis> {
    // Loaded here: only `ckafka doctor` asks, and every plan would load it otherwise.
    const { diagnoseCloud } = await import('./diagnose');
    return diagnoseCloud({ read: (action, params, signal, context) => this.calls.read(action, params, signal, context), now: () => this.clock.now(), kind: this.kind, region: this.region }, options);
  }

  /** The pre-check facts (see `gatherPreflight`). */
  preflight(instance: ObservedInstance, options?: CallOptions): Promise<PreflightFacts> {
    return gatherPreflight(this.calls, instance, () => this.clock.now(), options);
  }

  // ------------------------------------------------------------------------------------------
  // Writes
  // ------------------------------------------------------------------------------------------

  /**
   * Submits a spec change the way the instance's billing requires (`specChangeCall`):
   * ModifyInstancePre for prepaid, InstanceScalingDown with UpgradeStrategy for postpaid, always
   * with all three target values. The billing is read from the latest observation (observed now
   * when the adapter has none).
   *
   * Write safety (`write-safety.ts`): a throttled submission (RequestLimitExceeded, which the API
   * answers before doing anything) is retried after backoff; any other API error is final, and
   * ResourceInUse comes back as a CloudError of kind `in-use`. When the answer is lost (network
   * error, timeout, HTTP 5xx, InternalError) the outcome is unknown, so the instance is
   * re-observed first: upgrading, at the target, or with a task scheduled means the change is in
   * the cloud (`acceptedBy: 'observation'`); running, idle and unchanged means it provably did not
   * apply, and it is resubmitted once. Anything else is kind `outcome-unknown`, never guessed.
   */
  async submitSpecChange(request: SpecChangeRequest, options?: CallOptions): Promise<SubmitResult> {
    const signal = options?.signal;
    const id = request.instanceId;
    checkSpecNumbers(request, 'submitSpecChange', id);
    const observed = this.observed.get(id) ?? (await this.describeOne(id, 'submitSpecChange', signal));
    const call = specChangeCall(id, observed.chargeType, request, { elasticStorage: observed.diskGB === null });
    const send = async (): Promise<SubmitResult> => {
      if (call.action === 'ModifyInstancePre') {
        const r = await this.calls.write(call.action, call.params, signal, id);
        this.calls.checkReturnCode(call.action, r.Result?.ReturnCode, r.Result?.ReturnMessage, r.RequestId, id);
        const data = r.Result?.Data;
        const deals = data?.DealNames ?? [];
        return { acceptedBy: 'response', requestId: r.RequestId ?? '', reference: deals.length > 0 ? deals.join(',') : `FlowId ${data?.FlowId ?? 0}` };
      }
      try {
        const r = await this.calls.write(call.action, call.params, signal, id);
        return { acceptedBy: 'response', requestId: r.RequestId ?? '', reference: (r.Result?.DealNames ?? []).join(',') };
      } catch (e) {
        throw raisesSpec(observed, request) ? explainRefusedIncrease(this.calls.asCloudError(e, call.action, signal, id), id) : e;
      }
    };
    return submitSpecChangeSafely({
      request,
      action: call.action,
      send: this.calls.asCloudErrors(send, call.action, signal, id),
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
    const call = retimeCall(instanceId, at);
    const r = await this.calls.read(call.action, call.params, options?.signal, instanceId);
    this.calls.checkReturnCode(call.action, r.Result?.ReturnCode, r.Result?.ReturnMessage, r.RequestId, instanceId);
  }

  /**
   * Creates an instance: CreateInstancePre (prepaid, `periodMonths` months, default 1) or
   * CreatePostPaidInstance (postpaid, Pro only). Throttling is retried; a lost answer is checked
   * by looking for a new instance with the same name, and never resubmitted (a duplicate would
   * be billed).
   */
  async createInstance(request: CreateInstanceRequest, options?: CallOptions): Promise<CreateResult> {
    const signal = options?.signal;
    const checked = checkCreateRequest(request);
    const call = createCall(request, checked);
    const { name } = checked;
    const send = async (): Promise<CreateResult> => {
      const r = call.action === 'CreateInstancePre' ? await this.calls.write(call.action, call.params, signal, name) : await this.calls.write(call.action, call.params, signal, name);
      this.calls.checkReturnCode(call.action, r.Result?.ReturnCode, r.Result?.ReturnMessage, r.RequestId, name);
      const instanceId = r.Result?.Data?.InstanceId;
      if (typeof instanceId !== 'string' || instanceId === '') {
        throw clientError('other', CLIENT_ERROR.unexpectedResponse, `${call.action} for ${name} gave no instance id (request id ${r.RequestId ?? ''})`, call.action);
      }
      return { instanceId, requestId: r.RequestId ?? '' };
    };
    return createInstanceSafely({
      action: call.action,
      name,
      send: this.calls.asCloudErrors(send, call.action, signal, name),
      listByName: (n) => this.findByName(n, signal),
      handling: this.lostAnswerHandling,
      ...(signal === undefined ? {} : { signal }),
    });
  }

  /**
   * Deletes an instance the way its billing requires: DeleteInstancePre (prepaid) or
   * DeleteInstancePost (postpaid). An instance that does not exist counts as deleted. A lost
   * answer is re-observed: gone, deleting, deleted or isolated means done; still running means it
   * is sent once more.
   */
  async deleteInstance(instanceId: string, options?: CallOptions): Promise<void> {
    const signal = options?.signal;
    const observed = await this.observeOne(instanceId, signal);
    if (observed === undefined) return;
    const call = deleteCall(instanceId, observed.chargeType);
    const send = async (): Promise<void> => {
      if (call.action === 'DeleteInstancePre') {
        const r = await this.calls.write(call.action, call.params, signal, instanceId);
        this.calls.checkReturnCode(call.action, r.Result?.ReturnCode, r.Result?.ReturnMessage, r.RequestId, instanceId);
      } else {
        await this.calls.write(call.action, call.params, signal, instanceId);
      }
    };
    await deleteInstanceSafely({
      action: call.action,
      instanceId,
      send: this.calls.asCloudErrors(send, call.action, signal, instanceId),
      observe: (id) => this.observeOne(id, signal),
      handling: this.lostAnswerHandling,
      ...(signal === undefined ? {} : { signal }),
    });
    this.observed.delete(instanceId);
  }

  // ------------------------------------------------------------------------------------------
  // Observation for the writes
  // ------------------------------------------------------------------------------------------

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
    const details = await this.calls.readAllPages(
      'DescribeInstancesDetail',
      (Offset) => ({ SearchWord: name, Offset, Limit: PAGE_SIZE }),
      (r) => r.Result?.TotalCount,
      (r) => r.Result?.InstanceList,
      signal,
    );
    const at = this.clock.now();
    return details.filter((d) => d.InstanceName === name).map((d) => mapInstanceDetail(d, at));
  }

  /** Re-observation after a lost write answer: waits `reobserveDelayMs` on the adapter's clock and counts. */
  private readonly lostAnswerHandling: LostAnswerHandling = {
    // Looks at +1, +4 and +12 delays (5 s, 20 s, 60 s by default).
    pause: (signal, look) => this.waitClock.sleep(this.reobserveDelayMs * (look === 0 ? 1 : look === 1 ? 3 : 8), signal),
    settleLooks: 3,
    now: () => this.clock.now(),
    onReobserve: () => {
      this.reobservations += 1;
    },
    onResubmit: () => {
      this.resubmissions += 1;
    },
  };
}
