/**
 * Mapping between the CKafka API's models and ckafka-iac's observed-state types. Pure functions,
 * table-tested. Field names follow the SDK's ckafka_models.d.ts (tencentcloud-sdk-nodejs-ckafka
 * 4.1.314), whose types are imported here.
 *
 * Units: read APIs report `Bandwidth` in Mbps (MB/s × 8); write APIs take MB/s. Everything
 * ckafka-iac holds is MB/s, so the only division by 8 in the adapter is {@link bandwidthMBpsFromMbps}.
 */
import type * as M from 'tencentcloud-sdk-nodejs-ckafka/tencentcloud/services/ckafka/v20190819/ckafka_models';
import { CATALOG, editionFromInstanceType } from '../../spec/catalog';
import {
  statusFromCode,
  type ChargeType,
  type Endpoint,
  type MigrationAssessment,
  type ObservedInstance,
  type OutOfSyncFact,
  type PriceQuote,
  type RouteFact,
  type TopicFact,
} from '../../spec/observed';
import type { Edition } from '../../spec/types';
import type { PriceRequest, TargetSpec } from '../port';
import { CLIENT_ERROR, clientError } from './errors';

/** Bits per byte: read APIs report Mbps, ckafka-iac and the write APIs use MB/s. */
export const MBPS_PER_MBYTE_PER_SECOND = 8;

/** MB/s from the read APIs' Mbps (`InstanceDetail.Bandwidth`): 160 → 20, 3200 → 400. */
export function bandwidthMBpsFromMbps(mbps: number): number {
  return mbps / MBPS_PER_MBYTE_PER_SECOND;
}

function unexpected(action: string, what: string): never {
  throw clientError(
    'other',
    CLIENT_ERROR.unexpectedResponse,
    `${action} answered in an unexpected shape: ${what}; if the endpoint is not the Tencent Cloud API, check CKAFKA_ENDPOINT`,
    action,
  );
}

// RebalanceTime is a wall-clock string without a zone. ASSUMED: Beijing time (UTC+8, no DST),
// the zone of the console and of every other CKafka time string; no source states it.
const REBALANCE_TIME_OFFSET = '+08:00';
const NOTHING_SCHEDULED = '0000-00-00 00:00:00';

/**
 * `InstanceDetail.RebalanceTime` (`YYYY-MM-DD HH:mm:ss`, Beijing time) as ISO-8601 UTC, or
 * `undefined` when nothing is scheduled (`0000-00-00 00:00:00`, empty or absent).
 *
 * @throws CloudError `ClientError.UnexpectedResponse` for any other shape: guessing "nothing
 *   scheduled" could let apply start a second change next to a scheduled one.
 */
export function parseRebalanceTime(value: string | null | undefined, instanceId = ''): string | undefined {
  const v = value?.trim() ?? '';
  if (v === '' || v === NOTHING_SCHEDULED) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(v);
  const d = m === null ? undefined : new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${REBALANCE_TIME_OFFSET}`);
  if (d === undefined || Number.isNaN(d.getTime())) {
    return unexpected('DescribeInstancesDetail', `instance ${instanceId} has RebalanceTime "${v}", expected YYYY-MM-DD HH:mm:ss`);
  }
  return d.toISOString();
}

/**
 * How long after its Beijing reading has passed a `RebalanceTime` may still be a task to come:
 * the zone of the string is not documented, and read as UTC the same string is 8 hours later.
 */
export const REBALANCE_ZONE_MARGIN_MS = 8 * 3600 * 1000;

/**
 * The task a `RebalanceTime` schedules, as of `now`: its time unless it has passed under every
 * plausible reading of its zone, else `undefined`. The API keeps a task's time after it ran (the
 * documented listing, published in 2024-12, shows "2023-07-04 10:30:58" on a running instance),
 * so a past time is not a task; a time passed by less than {@link REBALANCE_ZONE_MARGIN_MS} is
 * kept, since it may not have come yet (the planner then refuses to start another change next to
 * it). Without `now` every time counts, the side that never misses a scheduled task.
 */
export function scheduledRebalance(value: string | null | undefined, instanceId: string, now: Date | undefined): string | undefined {
  const at = parseRebalanceTime(value, instanceId);
  if (at === undefined || now === undefined) return at;
  return Date.parse(at) + REBALANCE_ZONE_MARGIN_MS > now.getTime() ? at : undefined;
}

/** `DiskSize` of elastic storage: the documented listing shows it on a postpaid instance. */
export const ELASTIC_DISK_SIZE = -1;

function requireNumber(d: M.InstanceDetail, field: keyof M.InstanceDetail): number {
  const v = d[field];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  return unexpected('DescribeInstancesDetail', `instance ${d.InstanceId ?? '(no id)'} has no numeric ${field}`);
}

function endpointsOf(vipList: readonly M.VipEntity[] | undefined, vip: string | undefined, vport: string | undefined): Endpoint[] {
  const list = (vipList ?? [])
    .filter((e) => typeof e.Vip === 'string' && e.Vip !== '')
    .map((e) => ({ vip: e.Vip ?? '', vport: String(e.Vport ?? '') }));
  if (list.length > 0) return list;
  return vip === undefined || vip === '' ? [] : [{ vip, vport: String(vport ?? '') }];
}

/**
 * One `InstanceDetail` of DescribeInstancesDetail as an {@link ObservedInstance}, as of `now`
 * (the listing's time). Spec and usage fields are required (a missing one is an error, not a
 * zero); descriptive fields default to empty.
 *
 * - `Bandwidth` Mbps / 8 → `bandwidthMBps`; `MaxPartitionNumber` → `partitions` (the spec);
 *   `PartitionNumber` → `partitionsUsed`; `TopicNum` → `topicsUsed`.
 * - `DiskSize` -1 → `diskGB: null`, elastic storage (a postpaid instance of the documented
 *   listing; `StoreQuantityType` is the elastic storage switch at creation). Any other value
 *   below 1 is an unexpected answer.
 * - `ExpireTime` 0 → postpaid; > 0 → prepaid, expiring then (Unix seconds).
 * - `RebalanceTime` → `rebalanceAt` only when after `now` (see {@link scheduledRebalance}).
 */
export function mapInstanceDetail(d: M.InstanceDetail, now?: Date): ObservedInstance {
  const instanceId = d.InstanceId;
  if (typeof instanceId !== 'string' || instanceId === '') return unexpected('DescribeInstancesDetail', 'an instance has no InstanceId');
  if (typeof d.InstanceType !== 'string') return unexpected('DescribeInstancesDetail', `instance ${instanceId} has no InstanceType`);
  const statusCode = requireNumber(d, 'Status');
  const expireTime = requireNumber(d, 'ExpireTime');
  const chargeType: ChargeType = expireTime > 0 ? 'PREPAID' : 'POSTPAID_BY_HOUR';
  const rebalanceAt = scheduledRebalance(d.RebalanceTime, instanceId, now);
  const diskSize = requireNumber(d, 'DiskSize');
  if (diskSize !== ELASTIC_DISK_SIZE && diskSize < 1) return unexpected('DescribeInstancesDetail', `instance ${instanceId} has DiskSize ${diskSize}`);
  return {
    instanceId,
    name: d.InstanceName ?? '',
    edition: editionFromInstanceType(d.InstanceType),
    instanceType: d.InstanceType,
    status: statusFromCode(statusCode),
    statusCode,
    bandwidthMBps: bandwidthMBpsFromMbps(requireNumber(d, 'Bandwidth')),
    diskGB: diskSize === ELASTIC_DISK_SIZE ? null : diskSize,
    partitions: requireNumber(d, 'MaxPartitionNumber'),
    partitionsUsed: requireNumber(d, 'PartitionNumber'),
    topicsUsed: requireNumber(d, 'TopicNum'),
    diskType: d.DiskType ?? '',
    chargeType,
    ...(chargeType === 'PREPAID' ? { expiresAt: new Date(expireTime * 1000).toISOString() } : {}),
    zoneId: typeof d.ZoneId === 'number' ? d.ZoneId : 0,
    zoneIds: (d.ZoneIds ?? []).map((z) => Number(z)),
    vpcId: d.VpcId ?? '',
    subnetId: d.SubnetId ?? '',
    endpoints: endpointsOf(d.VipList, d.Vip, d.Vport),
    ...(rebalanceAt === undefined ? {} : { rebalanceAt }),
    kafkaVersion: d.Version ?? '',
    healthy: typeof d.Healthy === 'number' ? d.Healthy : 0,
  };
}

/**
 * DescribeModifyType's `Type` for an edition. The SDK's only example is `sp_ckafka_profession`
 * (Pro); the others follow the same pattern with the edition's API type (`sp_ckafka_premium`,
 * `sp_ckafka_standards2`): UNCONFIRMED.
 */
export function modifyTypeOf(edition: Edition): string {
  return `sp_ckafka_${CATALOG[edition].priceInstanceType}`;
}

/** The readings of DescribeModifyType's `BandWidth` the adapter asks in, in the order of {@link toDescribeModifyType}'s requests. */
export const MODIFY_TYPE_READINGS = ['MB/s', 'Mbps'] as const;

/** How DescribeModifyType's `BandWidth` is read: its unit is not settled (SDK: 单位mb). */
export type ModifyTypeReading = (typeof MODIFY_TYPE_READINGS)[number];

/**
 * DescribeModifyType requests for moving `observed` to `target`, one per reading of
 * `BandWidth` ({@link MODIFY_TYPE_READINGS}): MB/s (as every write API takes it) and Mbps (× 8, as the read APIs report it).
 * The unit is UNCONFIRMED: the SDK says 单位mb, and the documented request (BandWidth 320 with
 * 1000 GB and 1200 partitions) is a valid Pro spec only read as Mbps (40 MB/s). Asking for only
 * one reading could ask about a target 8× too small and under-report migration, so the adapter
 * asks both and takes migration if either says so. An elastic disk is sent as the API reports it
 * (`DiskSize` -1: unchanged). `Topic` is the instance's current topic count (TopicNum): the
 * field's meaning is UNCONFIRMED.
 */
export function toDescribeModifyType(observed: ObservedInstance, target: TargetSpec): M.DescribeModifyTypeRequest[] {
  const base = {
    InstanceId: observed.instanceId,
    DiskSize: observed.diskGB === null ? ELASTIC_DISK_SIZE : target.diskGB,
    DiskType: observed.diskType,
    Partition: target.partitions,
    Topic: observed.topicsUsed,
    Type: modifyTypeOf(target.edition),
  };
  // The order of MODIFY_TYPE_READINGS.
  return [
    { ...base, BandWidth: target.bandwidthMBps },
    { ...base, BandWidth: target.bandwidthMBps * MBPS_PER_MBYTE_PER_SECOND },
  ];
}

function positiveSeconds(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/**
 * DescribeModifyType's answer. `MigrateFlag` is required. `MigrateCostTime` (stable) and
 * `MigrateCostTimeHighSpeed` (seconds) were removed from the API in 2026-03 but are read when an
 * older endpoint still sends them.
 */
export function mapModifyType(result: M.DescModifyType | undefined, instanceId: string): MigrationAssessment {
  if (typeof result?.MigrateFlag !== 'boolean') return unexpected('DescribeModifyType', `no MigrateFlag for ${instanceId}`);
  const extra = result as Record<string, unknown>;
  const stable = positiveSeconds(extra.MigrateCostTime);
  const highSpeed = positiveSeconds(extra.MigrateCostTimeHighSpeed);
  return {
    required: result.MigrateFlag,
    ...(typeof result.ModifyType === 'number' ? { modifyType: result.ModifyType } : {}),
    ...(stable === undefined && highSpeed === undefined
      ? {}
      : { cloudEstimateSeconds: { ...(stable === undefined ? {} : { stable }), ...(highSpeed === undefined ? {} : { highSpeed }) } }),
  };
}

/**
 * One assessment from the answers to {@link toDescribeModifyType}'s requests (in the order of
 * {@link MODIFY_TYPE_READINGS}): data migrates if either answer says so; the cloud's estimates
 * are the longer of the answers that migrate. When the answers disagree, `note` says so.
 */
export function combineModifyTypeAnswers(answers: readonly MigrationAssessment[]): MigrationAssessment {
  const migrating = answers.filter((a) => a.required);
  const chosen = migrating.length > 0 ? migrating : answers;
  const first = chosen[0];
  if (first === undefined) return unexpected('DescribeModifyType', 'no answer to combine');
  const longest = (mode: 'stable' | 'highSpeed'): number | undefined => {
    const all = chosen.map((a) => a.cloudEstimateSeconds?.[mode]).filter((v): v is number => v !== undefined);
    return all.length === 0 ? undefined : Math.max(...all);
  };
  const stable = longest('stable');
  const highSpeed = longest('highSpeed');
  const disagree = migrating.length > 0 && migrating.length < answers.length;
  const words = answers.map((a, i) => `${MODIFY_TYPE_READINGS[i] ?? `answer ${i + 1}`}: ${a.required ? 'migrates' : 'no migration'}`).join(', ');
  return {
    required: migrating.length > 0,
    ...(first.modifyType === undefined ? {} : { modifyType: first.modifyType }),
    ...(stable === undefined && highSpeed === undefined
      ? {}
      : { cloudEstimateSeconds: { ...(stable === undefined ? {} : { stable }), ...(highSpeed === undefined ? {} : { highSpeed }) } }),
    ...(disagree
      ? { note: `DescribeModifyType was asked in both readings of its unconfirmed BandWidth unit and they differ (${words}); taken as migrating (the safe side)` }
      : {}),
  };
}

/**
 * InquireCkafkaPrice parameters for one unit of a spec: one month prepaid, or one hour postpaid.
 * Bandwidth in MB/s. Standard is priced by its fixed type (BillType).
 */
export function toInquireCkafkaPrice(req: PriceRequest): M.InquireCkafkaPriceRequest {
  const standardType = req.edition === 'standard' ? CATALOG.standard.standardTypes?.find((t) => t.bandwidthMBps === req.bandwidthMBps) : undefined;
  return {
    InstanceType: CATALOG[req.edition].priceInstanceType,
    InstanceChargeParam:
      req.chargeType === 'PREPAID' ? { InstanceChargeType: 'PREPAID', InstanceChargePeriod: 1 } : { InstanceChargeType: 'POSTPAID_BY_HOUR' },
    InstanceNum: 1,
    Bandwidth: req.bandwidthMBps,
    InquiryDiskParam: { DiskType: req.diskType, DiskSize: req.diskGB },
    Partition: req.partitions,
    ZoneIds: [req.zoneId],
    ...(standardType === undefined ? {} : { BillType: standardType.id }),
  };
}

/** InquireCkafkaPrice's answer as a quote: the discounted price of one month or one hour. */
export function mapPrice(result: M.InquireCkafkaPriceResp | undefined, chargeType: ChargeType): PriceQuote {
  const p = result?.InstancePrice;
  if (typeof p?.DiscountPrice !== 'number') return unexpected('InquireCkafkaPrice', 'no InstancePrice.DiscountPrice');
  const per: PriceQuote['per'] = p.TimeUnit === 'h' ? 'hour' : p.TimeUnit === 'm' ? 'month' : chargeType === 'PREPAID' ? 'month' : 'hour';
  const span = typeof p.TimeSpan === 'number' && p.TimeSpan > 0 ? p.TimeSpan : 1;
  return { currency: p.Currency ?? 'CNY', amount: Math.round((p.DiscountPrice / span) * 100) / 100, per };
}

/** Route status 2 is "created"; 1 creating, 3 create failed, 4 deleting, 6 delete failed. */
export const ROUTE_STATUS_OK = 2;

/**
 * A route of DescribeRoute. The API may return `Status` as null; such a route is reported with
 * status -1 and not healthy (the caller adds a fact error), since its health is not known.
 */
export function mapRoute(r: M.Route): RouteFact {
  const statusCode = typeof r.Status === 'number' ? r.Status : -1;
  return {
    routeId: typeof r.RouteId === 'number' ? r.RouteId : -1,
    statusCode,
    healthy: statusCode === ROUTE_STATUS_OK,
    accessType: typeof r.AccessType === 'number' ? r.AccessType : -1,
    vipType: typeof r.VipType === 'number' ? r.VipType : -1,
    endpoints: endpointsOf(r.VipList, undefined, undefined),
  };
}

/** A topic of DescribeTopicDetail; a missing `Status` is reported as -1 (not known), not as 0 (ok). */
export function mapTopic(t: M.TopicDetail): TopicFact {
  if (typeof t.TopicName !== 'string' || t.TopicName === '') return unexpected('DescribeTopicDetail', 'a topic has no TopicName');
  if (typeof t.PartitionNum !== 'number' || typeof t.ReplicaNum !== 'number') {
    return unexpected('DescribeTopicDetail', `topic ${t.TopicName} has no PartitionNum or ReplicaNum`);
  }
  return {
    name: t.TopicName,
    partitions: t.PartitionNum,
    replicas: t.ReplicaNum,
    statusCode: typeof t.Status === 'number' ? t.Status : -1,
  };
}

function brokerSet(v: string | undefined): Set<string> {
  return new Set((v ?? '').split(/[\s,;]+/).filter((x) => x !== ''));
}

/**
 * The partitions of a DescribeTopicSyncReplica page with out-of-sync replicas: those listing an
 * `OutOfSyncReplica`, or whose `Replica` set holds a broker missing from `InSyncReplica` (so a
 * partition is not missed when the API leaves `OutOfSyncReplica` empty).
 */
export function outOfSyncPartitions(list: readonly M.TopicInSyncReplicaInfo[] | undefined): string[] {
  return (list ?? [])
    .filter((p) => {
      if (brokerSet(p.OutOfSyncReplica).size > 0) return true;
      if (typeof p.Replica !== 'string' || typeof p.InSyncReplica !== 'string') return false;
      const isr = brokerSet(p.InSyncReplica);
      return [...brokerSet(p.Replica)].some((b) => !isr.has(b));
    })
    .map((p) => String(p.Partition ?? ''));
}

/** Builds the out-of-sync fact of one topic, or `undefined` when all its replicas are in sync. */
export function outOfSyncFact(topic: string, partitions: readonly string[]): OutOfSyncFact | undefined {
  return partitions.length === 0 ? undefined : { topic, partitions: [...partitions] };
}

/** The stock of an instance's zones, or why it cannot be told. */
export type ZoneStock = { readonly inStock: boolean } | { readonly missingZones: readonly number[] } | { readonly unverified: string };

/**
 * Zone stock from DescribeCkafkaZone: a zone is sold out when its `SoldOut` says "true" (the
 * API says the zone's state follows SoldOut), or, when `SalesInfo` lists the instance's
 * platform (profession / premium / standard), when the entry for its Kafka version (else every
 * entry of the platform) is sold out. A multi-zone instance is in stock only if all its zones are.
 *
 * The other signals can disagree: the documented answer flags zone 2000800004 sold out (`Flag`
 * true, SDK: 可用区是否售罄标识) and closed (`ZoneStatus` 4) while its `SoldOut` and its
 * `SalesInfo` say on sale. A zone read as in stock while `Flag` or `ZoneStatus` 4 says otherwise
 * is reported `unverified`, never in stock; any sold-out reading wins.
 */
export function zoneStock(zones: readonly M.ZoneInfo[] | undefined, instance: ObservedInstance): ZoneStock {
  const wanted = instance.zoneIds.length > 0 ? instance.zoneIds : [instance.zoneId];
  const platform = instance.edition === undefined ? instance.instanceType : CATALOG[instance.edition].priceInstanceType.replace(/s2$/, '');
  const missing: number[] = [];
  const doubtful: string[] = [];
  let inStock = true;
  for (const id of wanted) {
    const zone = (zones ?? []).find((z) => String(z.ZoneId) === String(id));
    if (zone === undefined) {
      missing.push(id);
      continue;
    }
    const sales = (zone.SalesInfo ?? []).filter((s) => s.Platform === platform);
    const exact = sales.find((s) => s.Version !== undefined && s.Version === instance.kafkaVersion);
    const soldOut =
      exact !== undefined ? exact.SoldOut === true : sales.length > 0 ? sales.every((s) => s.SoldOut === true) : String(zone.SoldOut) === 'true';
    if (soldOut) inStock = false;
    else if (zone.Flag === true || zone.ZoneStatus === 4) {
      doubtful.push(`zone ${id} reads on sale (SoldOut "${String(zone.SoldOut)}"${exact === undefined ? '' : `, ${platform} ${exact.Version ?? ''} not sold out`}) but ${[zone.Flag === true ? 'Flag marks it sold out' : '', zone.ZoneStatus === 4 ? 'ZoneStatus 4 marks it closed' : ''].filter((x) => x !== '').join(' and ')}`);
    }
  }
  if (missing.length > 0) return { missingZones: missing };
  if (inStock && doubtful.length > 0) return { unverified: `the stock could not be verified: ${doubtful.join('; ')}` };
  return { inStock };
}

const BYTES_PER_GB = 1024 ** 3;

/** Data volume and produce rate from DescribeTopicFlowRanking (RankingType PRO). */
export interface FlowUsage {
  /** Sum of `MessageHeap` (bytes) over the listed topics, in GB (2^30 bytes). */
  readonly diskUsedGB?: number;
  /** Sum of `TopicTraffic` (MB, summed over the range by the API) divided by the range's seconds. */
  readonly produceMBps?: number;
}

/**
 * Usage from a flow ranking over `rangeSeconds`. `TopicMessageHeap` ("message heap / disk used,
 * bytes") is preferred for the volume, else the `MessageHeap` of `TopicFlow`. UNCONFIRMED:
 * whether the ranking lists every topic or only the top ones (the sums would then be lower
 * bounds), and whether MessageHeap counts replicas.
 */
export function usageFromFlowRanking(result: M.TopicFlowRankingResult | undefined, rangeSeconds: number): FlowUsage {
  const heapList = (result?.TopicMessageHeap?.length ?? 0) > 0 ? result?.TopicMessageHeap : result?.TopicFlow;
  const heaps = (heapList ?? []).map((t) => t.MessageHeap).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const traffic = (result?.TopicFlow ?? []).map((t) => Number(t.TopicTraffic)).filter((v) => Number.isFinite(v));
  const round = (x: number): number => Math.round(x * 100) / 100;
  return {
    ...(heaps.length === 0 && result?.TopicMessageHeap === undefined && result?.TopicFlow === undefined
      ? {}
      : { diskUsedGB: round(heaps.reduce((a, b) => a + b, 0) / BYTES_PER_GB) }),
    ...(result?.TopicFlow === undefined || rangeSeconds <= 0 ? {} : { produceMBps: round(traffic.reduce((a, b) => a + b, 0) / rangeSeconds) }),
  };
}

/** The date format of DescribeTopicFlowRanking's BeginDate/EndDate, as in the API's example: `2020-09-22T00:00:00+00:00`. */
export function flowRankingDate(d: Date): string {
  return `${d.toISOString().slice(0, 19)}+00:00`;
}
