/** DescribeInstancesDetail's `InstanceDetail` as an observed instance: spec, billing, endpoints, a scheduled change. */
import type * as M from 'tencentcloud-sdk-nodejs-ckafka/tencentcloud/services/ckafka/v20190819/ckafka_models';
import { editionFromInstanceType } from '../../../spec/catalog';
import { statusFromCode, type ChargeType, type Endpoint, type ObservedInstance } from '../../../spec/observed';
import { bandwidthMBpsFromMbps } from './bandwidth-units';
import { unexpectedShape } from './unexpected-shape';

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
    return unexpectedShape('DescribeInstancesDetail', `instance ${instanceId} has RebalanceTime "${v}", expected YYYY-MM-DD HH:mm:ss`);
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
  return unexpectedShape('DescribeInstancesDetail', `instance ${d.InstanceId ?? '(no id)'} has no numeric ${field}`);
}

/** The endpoints of a `VipList`, else of the single `Vip`/`Vport`. */
export function endpointsOf(vipList: readonly M.VipEntity[] | undefined, vip: string | undefined, vport: string | undefined): Endpoint[] {
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
  if (typeof instanceId !== 'string' || instanceId === '') return unexpectedShape('DescribeInstancesDetail', 'an instance has no InstanceId');
  if (typeof d.InstanceType !== 'string') return unexpectedShape('DescribeInstancesDetail', `instance ${instanceId} has no InstanceType`);
  const statusCode = requireNumber(d, 'Status');
  const expireTime = requireNumber(d, 'ExpireTime');
  const chargeType: ChargeType = expireTime > 0 ? 'PREPAID' : 'POSTPAID_BY_HOUR';
  const rebalanceAt = scheduledRebalance(d.RebalanceTime, instanceId, now);
  const diskSize = requireNumber(d, 'DiskSize');
  if (diskSize !== ELASTIC_DISK_SIZE && diskSize < 1) return unexpectedShape('DescribeInstancesDetail', `instance ${instanceId} has DiskSize ${diskSize}`);
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
