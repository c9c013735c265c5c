/**
 * `ckafka doctor`: each read action ckafka-iac depends on, asked once per instance of a sample,
 * its answer held to the shapes the adapter relies on (response-shapes.ts) and run through the
 * adapter's own mapping; the known differences from the documentation reported as handled; and
 * what the answers settle of the unconfirmed points (the unit of DescribeModifyType's BandWidth
 * above all). Read-only: no write action is ever sent.
 */
import type * as M from 'tencentcloud-sdk-nodejs-ckafka/tencentcloud/services/ckafka/v20190819/ckafka_models';
import { isOnSaleStep } from '../../spec/catalog';
import { statusFromCode, type ObservedInstance } from '../../spec/observed';
import type { DiagnoseOptions, Diagnosis, DiagnosisCall, Finding, Settlement } from '../diagnosis';
import { CloudError } from '../port';
import type { CkafkaAction, CkafkaRequest, CkafkaResponse } from '../transport';
import { flowRankingDate, mapInstanceDetail, mapModifyType, mapPrice, MBPS_PER_MBYTE_PER_SECOND, toDescribeModifyType, toInquireCkafkaPrice, zoneStock } from './mapping';
import { USAGE_WINDOW_SECONDS } from './preflight';
import { checkFields, RESPONSE_SHAPES, type FieldRule } from './response-shapes';
import { modifyTypeUnitSettlement, observedSettlements, type UnitProbe } from './diagnose-settlements';

/** The adapter's calls doctor makes: reads under the call policy, and its clock. */
export interface DiagnoseCalls {
  read<A extends CkafkaAction>(action: A, params: CkafkaRequest<A>, signal?: AbortSignal, context?: string): Promise<CkafkaResponse<A>>;
  now(): Date;
  readonly kind: string;
  readonly region: string;
}

/** The sample's size when none is asked for. */
export const DEFAULT_DOCTOR_SAMPLE = 5;

type Answer<A extends CkafkaAction> = { readonly ok: true; readonly response: CkafkaResponse<A> } | { readonly ok: false; readonly error: CloudError };

class Doctor {
  readonly calls: DiagnosisCall[] = [];
  readonly findings: Finding[] = [];

  constructor(
    private readonly api: DiagnoseCalls,
    private readonly signal: AbortSignal | undefined,
  ) {}

  /** One read, recorded; an error comes back as data (doctor carries on with the next action). */
  async ask<A extends CkafkaAction>(action: A, params: CkafkaRequest<A>, instanceId?: string, asked?: string): Promise<Answer<A>> {
    const subject = instanceId === undefined ? {} : { instanceId };
    try {
      const response = await this.api.read(action, params, this.signal, instanceId);
      this.calls.push({ action, ...subject, ...(asked === undefined ? {} : { asked }), outcome: 'answered', ...(response.RequestId === undefined ? {} : { requestId: response.RequestId }) });
      return { ok: true, response };
    } catch (e) {
      if (this.signal?.aborted === true) throw e;
      const error = CloudError.isCloudError(e) ? e : new CloudError('other', 'ClientError.UnexpectedResponse', e instanceof Error ? e.message : String(e), action);
      // An API error is the cloud refusing; anything else (network, 5xx) is a failure to answer.
      const refused = !error.code.startsWith('ClientError.') && error.kind !== 'unavailable' && error.kind !== 'network' && error.kind !== 'throttled';
      this.calls.push({ action, ...subject, ...(asked === undefined ? {} : { asked }), outcome: refused ? 'refused' : 'failed', code: error.code, ...(error.requestId === undefined ? {} : { requestId: error.requestId }) });
      return { ok: false, error };
    }
  }

  find(f: Finding): void {
    this.findings.push(f);
  }

  /** A refused or failed read the adapter depends on: a divergence, unless `handled` says how the adapter copes. */
  unanswered(action: string, error: CloudError, instanceId: string | undefined, handled?: string): void {
    this.find({
      check: 'action-unanswered',
      severity: handled === undefined ? 'divergence' : 'handled',
      action,
      ...(instanceId === undefined ? {} : { instanceId }),
      message: `${action} did not answer (${error.code}: ${error.message})${handled === undefined ? '' : `; ${handled}`}`,
    });
  }

  shape(obj: unknown, rules: readonly FieldRule[], action: string, where: string, instanceId?: string): boolean {
    const found = checkFields(obj, rules, { action, where, ...(instanceId === undefined ? {} : { instanceId }) });
    for (const f of found) this.find(f);
    return found.length === 0;
  }

  /** Every element of an array field against `rules`. */
  shapeEach(list: unknown, rules: readonly FieldRule[], action: string, where: string, instanceId?: string): unknown[] {
    const items = Array.isArray(list) ? list : [];
    items.forEach((item, i) => this.shape(item, rules, action, `${where}[${i}]`, instanceId));
    return items;
  }
}

/** The known differences one listed instance shows, reported as handled. */
function instanceFindings(d: M.InstanceDetail, o: ObservedInstance, now: Date): Finding[] {
  const id = o.instanceId;
  const at = (check: string, message: string, severity: Finding['severity'] = 'handled'): Finding => ({ check, severity, action: 'DescribeInstancesDetail', instanceId: id, message });
  const out: Finding[] = [];
  if (o.diskGB === null) out.push(at('elastic-storage', `${id} reports DiskSize -1: read as elastic storage (no disk size to plan or send)`));
  if (o.edition !== undefined) {
    const off = (['bandwidthMBps', 'diskGB', 'partitions'] as const).filter((f) => {
      const v = o[f];
      return v !== null && !isOnSaleStep(o.edition ?? 'pro', f, v);
    });
    if (off.length > 0) out.push(at('off-step-running', `${id} runs ${off.map((f) => `${f} ${o[f] ?? ''}`).join(', ')}, off the sale step: valid as declared, the step applies to values being changed`));
  }
  const raw = typeof d.RebalanceTime === 'string' ? d.RebalanceTime : '';
  if (raw !== '' && raw !== '0000-00-00 00:00:00' && o.rebalanceAt === undefined) {
    out.push(at('past-rebalance-time', `${id} shows RebalanceTime "${raw}", before ${now.toISOString()}: not a scheduled task`));
  }
  if (statusFromCode(o.statusCode) === 'unknown') out.push(at('unknown-status', `${id} has Status ${o.statusCode}, which the SDK does not document; ckafka-iac changes only running (1) instances`, 'note'));
  if (typeof d.Bandwidth === 'number' && d.Bandwidth % MBPS_PER_MBYTE_PER_SECOND !== 0) out.push(at('bandwidth-not-whole-mbytes', `${id} reports Bandwidth ${d.Bandwidth} Mbps, not a whole number of MB/s`, 'note'));
  return out;
}

/** The sample: an instance of each kind worth seeing (prepaid, postpaid, elastic, off-step, a past task), then the rest by id. */
function pickSample(observed: readonly ObservedInstance[], size: number): ObservedInstance[] {
  const candidates = observed.filter((o) => o.edition !== undefined && o.status === 'running');
  const kinds: Array<(o: ObservedInstance) => boolean> = [
    (o) => o.chargeType === 'PREPAID',
    (o) => o.chargeType === 'POSTPAID_BY_HOUR',
    (o) => o.diskGB === null,
    (o) => (['bandwidthMBps', 'diskGB', 'partitions'] as const).some((f) => o[f] !== null && !isOnSaleStep(o.edition ?? 'pro', f, o[f] ?? 0)),
  ];
  const picked: ObservedInstance[] = [];
  for (const kind of kinds) {
    const o = candidates.find((c) => kind(c) && !picked.includes(c));
    if (o !== undefined && picked.length < size) picked.push(o);
  }
  for (const o of candidates) if (picked.length < size && !picked.includes(o)) picked.push(o);
  return picked;
}

async function listInstances(doc: Doctor, options: DiagnoseOptions, now: Date): Promise<{ listed: number; details: Array<{ d: M.InstanceDetail; o: ObservedInstance }> }> {
  const ids = options.instanceIds;
  const r = await doc.ask('DescribeInstancesDetail', ids === undefined ? { Offset: 0, Limit: 20 } : { InstanceIdList: [...ids].slice(0, 20), Offset: 0, Limit: 20 });
  if (!r.ok) {
    doc.unanswered('DescribeInstancesDetail', r.error, undefined);
    return { listed: 0, details: [] };
  }
  const result = r.response.Result;
  doc.shape(result, RESPONSE_SHAPES.instanceList, 'DescribeInstancesDetail', 'Result');
  const details: Array<{ d: M.InstanceDetail; o: ObservedInstance }> = [];
  (Array.isArray(result?.InstanceList) ? result.InstanceList : []).forEach((d, i) => {
    doc.shape(d, RESPONSE_SHAPES.instanceDetail, 'DescribeInstancesDetail', `Result.InstanceList[${i}]`, typeof d.InstanceId === 'string' ? d.InstanceId : undefined);
    try {
      const o = mapInstanceDetail(d, now);
      details.push({ d, o });
      for (const f of instanceFindings(d, o, now)) doc.find(f);
    } catch (e) {
      doc.find({ check: 'mapping-failed', severity: 'divergence', action: 'DescribeInstancesDetail', ...(typeof d.InstanceId === 'string' ? { instanceId: d.InstanceId } : {}), message: `the adapter cannot read this instance: ${e instanceof Error ? e.message : String(e)}` });
    }
  });
  return { listed: typeof result?.TotalCount === 'number' ? result.TotalCount : details.length, details };
}

/** The per-instance reads of the pre-checks, the price and the migration assessment. */
async function examine(doc: Doctor, o: ObservedInstance, zones: readonly M.ZoneInfo[] | undefined, now: Date): Promise<UnitProbe | undefined> {
  const id = o.instanceId;
  const attrs = await doc.ask('DescribeInstanceAttributes', { InstanceId: id }, id);
  if (!attrs.ok) doc.unanswered('DescribeInstanceAttributes', attrs.error, id, 'the max-message-bytes check is then "not checked"');
  else if (doc.shape(attrs.response.Result, RESPONSE_SHAPES.instanceAttributes, 'DescribeInstanceAttributes', 'Result', id) && typeof attrs.response.Result?.MaxMessageByte !== 'number') {
    doc.find({ check: 'no-max-message-byte', severity: 'handled', action: 'DescribeInstanceAttributes', instanceId: id, message: 'no MaxMessageByte in the answer: the max-message-bytes check says "not checked"' });
  }

  const routes = await doc.ask('DescribeRoute', { InstanceId: id }, id);
  if (!routes.ok) doc.unanswered('DescribeRoute', routes.error, id);
  else if (doc.shape(routes.response.Result, RESPONSE_SHAPES.routeList, 'DescribeRoute', 'Result', id)) {
    const list = doc.shapeEach(routes.response.Result?.Routers, RESPONSE_SHAPES.route, 'DescribeRoute', 'Result.Routers', id);
    const noStatus = list.filter((r) => typeof (r as M.Route).Status !== 'number').length;
    if (noStatus > 0) doc.find({ check: 'route-without-status', severity: 'handled', action: 'DescribeRoute', instanceId: id, message: `${noStatus} of ${list.length} routes have no Status: routes-healthy says their health could not be verified (apply blocks on it)` });
  }

  const topics = await doc.ask('DescribeTopicDetail', { InstanceId: id, Offset: 0, Limit: 20, OrderBy: 'CreateTime', OrderType: 0 }, id);
  let replicated: string | undefined;
  if (!topics.ok) doc.unanswered('DescribeTopicDetail', topics.error, id, 'the Go SDK marks the action console-only (仅控制台调用); without it the topic pre-checks cannot run and apply blocks');
  else if (doc.shape(topics.response.Result, RESPONSE_SHAPES.topicList, 'DescribeTopicDetail', 'Result', id)) {
    const list = doc.shapeEach(topics.response.Result?.TopicList, RESPONSE_SHAPES.topic, 'DescribeTopicDetail', 'Result.TopicList', id) as M.TopicDetail[];
    const noStatus = list.filter((t) => typeof t.Status !== 'number').length;
    if (noStatus > 0) doc.find({ check: 'topic-without-status', severity: 'handled', action: 'DescribeTopicDetail', instanceId: id, message: `${noStatus} topics have no Status: topics-healthy counts them as not known` });
    replicated = list.find((t) => (t.Status ?? 0) === 0 && (t.ReplicaNum ?? 0) > 1)?.TopicName;
  }
  if (replicated !== undefined) {
    const sync = await doc.ask('DescribeTopicSyncReplica', { InstanceId: id, TopicName: replicated, Offset: 0, Limit: 20, OutOfSyncReplicaOnly: true }, id, 'one replicated topic, out-of-sync partitions only');
    if (!sync.ok) doc.unanswered('DescribeTopicSyncReplica', sync.error, id);
    else if (doc.shape(sync.response.Result, RESPONSE_SHAPES.syncReplicaList, 'DescribeTopicSyncReplica', 'Result', id)) {
      const rows = doc.shapeEach(sync.response.Result?.TopicInSyncReplicaList, RESPONSE_SHAPES.syncReplica, 'DescribeTopicSyncReplica', 'Result.TopicInSyncReplicaList', id) as M.TopicInSyncReplicaInfo[];
      const inSync = rows.filter((r) => (r.OutOfSyncReplica ?? '').trim() === '' && r.Replica === r.InSyncReplica).length;
      if (inSync > 0) doc.find({ check: 'sync-filter-ignored', severity: 'handled', action: 'DescribeTopicSyncReplica', instanceId: id, message: `${inSync} in-sync partitions listed although OutOfSyncReplicaOnly was true: the adapter filters them again` });
      const named = rows.find((r) => r.Partition !== undefined)?.Partition;
      if (named !== undefined) doc.find({ check: 'partition-name', severity: 'note', action: 'DescribeTopicSyncReplica', instanceId: id, message: `partitions are named like "${String(named).replace(/\d+$/, 'N')}"` });
    }
  }

  const end = now;
  const begin = new Date(end.getTime() - USAGE_WINDOW_SECONDS * 1000);
  const flow = await doc.ask('DescribeTopicFlowRanking', { InstanceId: id, RankingType: 'PRO', BeginDate: flowRankingDate(begin), EndDate: flowRankingDate(end) }, id, 'produce traffic, last 24 hours');
  if (!flow.ok) doc.unanswered('DescribeTopicFlowRanking', flow.error, id, 'the plan then has no data volume or traffic: the estimate uses the whole disk and the load check says "not checked"');
  else if (doc.shape(flow.response.Result, RESPONSE_SHAPES.flowRanking, 'DescribeTopicFlowRanking', 'Result', id)) {
    doc.shapeEach(flow.response.Result?.TopicFlow, RESPONSE_SHAPES.topicFlow, 'DescribeTopicFlowRanking', 'Result.TopicFlow', id);
  }

  const stock = zones === undefined ? undefined : zoneStock(zones, o);
  if (stock !== undefined && 'unverified' in stock) doc.find({ check: 'zone-signals-disagree', severity: 'handled', action: 'DescribeCkafkaZone', instanceId: id, message: `${stock.unverified}; zone-stock says "not checked"` });
  if (stock !== undefined && 'missingZones' in stock) doc.find({ check: 'zone-not-listed', severity: 'handled', action: 'DescribeCkafkaZone', instanceId: id, message: `zone ${stock.missingZones.join(', ')} is not listed; zone-stock says "not checked"` });

  const edition = o.edition;
  if (edition === undefined) return undefined;
  if (o.diskGB !== null) {
    const price = await doc.ask('InquireCkafkaPrice', toInquireCkafkaPrice({ edition, bandwidthMBps: o.bandwidthMBps, diskGB: o.diskGB, partitions: o.partitions, chargeType: o.chargeType, diskType: o.diskType, zoneId: o.zoneId }), id, 'the current spec');
    if (!price.ok) doc.unanswered('InquireCkafkaPrice', price.error, id, 'the plan then shows list prices');
    else if (doc.shape(price.response.Result, RESPONSE_SHAPES.price, 'InquireCkafkaPrice', 'Result', id)) mapPrice(price.response.Result, o.chargeType);
  }

  // The current spec with 100 more partitions (a change that migrates nothing, and no request
  // for "no change"), asked in both readings of BandWidth: in one the bandwidth is unchanged, in
  // the other it is 8 times more or less; how the answers differ tells the unit.
  const probe = { edition, bandwidthMBps: o.bandwidthMBps, diskGB: o.diskGB ?? 0, partitions: o.partitions + 100 };
  const [asMBps, asMbps] = toDescribeModifyType(o, probe);
  const answers: Array<boolean | CloudError> = [];
  for (const [request, words] of [
    [asMBps, `100 more partitions, BandWidth ${o.bandwidthMBps} (the bandwidth in MB/s)`],
    [asMbps, `100 more partitions, BandWidth ${o.bandwidthMBps * MBPS_PER_MBYTE_PER_SECOND} (the bandwidth in Mbps)`],
  ] as const) {
    if (request === undefined) continue;
    const r = await doc.ask('DescribeModifyType', request, id, words);
    if (!r.ok) {
      answers.push(r.error);
      continue;
    }
    if (doc.shape(r.response.Result, RESPONSE_SHAPES.modifyType, 'DescribeModifyType', 'Result', id)) answers.push(mapModifyType(r.response.Result, id).required);
    else answers.push(new CloudError('other', 'ClientError.UnexpectedResponse', 'no MigrateFlag', 'DescribeModifyType'));
  }
  const [x, eightX] = answers;
  return x === undefined || eightX === undefined ? undefined : { instanceId: id, bandwidthMBps: o.bandwidthMBps, asMBps: x, asMbps: eightX };
}

/** Runs every check of `ckafka doctor` through the adapter's reads. */
export async function diagnoseCloud(api: DiagnoseCalls, options: DiagnoseOptions = {}): Promise<Diagnosis> {
  const doc = new Doctor(api, options.signal);
  const now = api.now();
  const { listed, details } = await listInstances(doc, options, now);
  const observed = details.map((x) => x.o);
  const sample = options.instanceIds === undefined ? pickSample(observed, Math.max(1, options.sample ?? DEFAULT_DOCTOR_SAMPLE)) : observed.filter((o) => o.edition !== undefined);
  if (options.instanceIds !== undefined) {
    for (const id of options.instanceIds.filter((i) => !observed.some((o) => o.instanceId === i))) {
      doc.find({ check: 'instance-not-found', severity: 'note', action: 'DescribeInstancesDetail', instanceId: id, message: `${id} is not listed in ${api.region}` });
    }
  }

  let zones: readonly M.ZoneInfo[] | undefined;
  if (sample.length > 0) {
    const z = await doc.ask('DescribeCkafkaZone', {});
    if (!z.ok) doc.unanswered('DescribeCkafkaZone', z.error, undefined, 'zone-stock then says "not checked"');
    else if (doc.shape(z.response.Result, RESPONSE_SHAPES.zoneList, 'DescribeCkafkaZone', 'Result')) {
      doc.shapeEach(z.response.Result?.ZoneList, RESPONSE_SHAPES.zone, 'DescribeCkafkaZone', 'Result.ZoneList');
      zones = z.response.Result?.ZoneList;
    }
  }

  const probes: UnitProbe[] = [];
  for (const o of sample) {
    const probe = await examine(doc, o, zones, now);
    if (probe !== undefined) probes.push(probe);
  }
  const settlements: Settlement[] = [modifyTypeUnitSettlement(probes), ...observedSettlements(doc.findings, doc.calls, listed)];
  return {
    cloud: api.kind,
    region: api.region,
    at: now.toISOString(),
    instances: { listed, checked: sample.map((o) => o.instanceId) },
    calls: doc.calls,
    findings: doc.findings,
    settlements,
  };
}
