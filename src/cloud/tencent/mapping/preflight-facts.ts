/**
 * The answers the pre-checks read, as facts: routes (DescribeRoute), topics (DescribeTopicDetail),
 * out-of-sync replicas (DescribeTopicSyncReplica), zone stock (DescribeCkafkaZone) and usage
 * (DescribeTopicFlowRanking).
 */
import type * as M from 'tencentcloud-sdk-nodejs-ckafka/tencentcloud/services/ckafka/v20190819/ckafka_models';
import { CATALOG } from '../../../spec/catalog';
import type { ObservedInstance, OutOfSyncFact, RouteFact, TopicFact } from '../../../spec/observed';
import { endpointsOf } from './map-instance-detail';
import { unexpectedShape } from './unexpected-shape';

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
  if (typeof t.TopicName !== 'string' || t.TopicName === '') return unexpectedShape('DescribeTopicDetail', 'a topic has no TopicName');
  if (typeof t.PartitionNum !== 'number' || typeof t.ReplicaNum !== 'number') {
    return unexpectedShape('DescribeTopicDetail', `topic ${t.TopicName} has no PartitionNum or ReplicaNum`);
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
