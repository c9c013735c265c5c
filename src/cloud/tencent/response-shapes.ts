/**
 * The shapes of the CKafka answers the adapter relies on: per read action, the fields it reads
 * and their JSON types, each with what it is read for. `ckafka doctor` holds a cloud's answers to
 * them, so a field missing or of another type is reported by name rather than met as an error in
 * a plan. The mapping functions (mapping/) read exactly these fields; a test keeps the two in
 * step by mapping answers that pass these rules.
 */
import type { Finding } from '../diagnosis';

/** A JSON type as a field may hold it; `numeric` is a string holding a number (TopicTraffic). */
export type FieldType = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'numeric';

/** One field the adapter reads. */
export interface FieldRule {
  /** Dotted path inside the object checked. */
  readonly path: string;
  readonly types: readonly FieldType[];
  /** A required field the adapter cannot do without; an optional one it reads when present. */
  readonly required: boolean;
  /** What the adapter reads it for. */
  readonly why: string;
}

const req = (path: string, types: FieldType | readonly FieldType[], why: string): FieldRule => ({ path, types: typeof types === 'string' ? [types] : types, required: true, why });
const opt = (path: string, types: FieldType | readonly FieldType[], why: string): FieldRule => ({ path, types: typeof types === 'string' ? [types] : types, required: false, why });

/** Each object the adapter reads, by where it sits in an answer. */
export const RESPONSE_SHAPES = {
  /** DescribeInstancesDetail `Result`. */
  instanceList: [req('TotalCount', 'number', 'paging the region'), req('InstanceList', 'array', 'the instances')],
  /** One `InstanceDetail`. */
  instanceDetail: [
    req('InstanceId', 'string', 'the instance id'),
    req('InstanceType', 'string', 'the edition'),
    req('Status', 'number', 'running, upgrading, …'),
    req('ExpireTime', 'number', 'the billing (0: postpaid)'),
    req('Bandwidth', 'number', 'the bandwidth (Mbps)'),
    req('DiskSize', 'number', 'the disk (GB; -1 elastic storage)'),
    req('MaxPartitionNumber', 'number', 'the partition limit'),
    req('PartitionNumber', 'number', 'the partitions in use'),
    req('TopicNum', 'number', 'DescribeModifyType.Topic'),
    opt('RebalanceTime', 'string', 'a scheduled task'),
    opt('DiskType', 'string', 'pricing and DescribeModifyType'),
    opt('ZoneId', 'number', 'pricing and zone stock'),
    opt('ZoneIds', 'array', 'the zones of a multi-zone instance'),
    opt('VipList', 'array', 'the endpoints'),
    opt('Version', 'string', 'zone stock by Kafka version'),
    opt('Healthy', 'number', 'the health'),
  ],
  /** DescribeInstanceAttributes `Result`. */
  instanceAttributes: [opt('MaxMessageByte', 'number', 'the max-message-bytes check')],
  /** DescribeRoute `Result`. */
  routeList: [req('Routers', 'array', 'the routes-healthy check')],
  /** One `Route`. */
  route: [opt('RouteId', 'number', 'naming the route'), opt('Status', 'number', 'the routes-healthy check'), opt('VipType', 'number', 'naming the route'), opt('VipList', 'array', 'the endpoints')],
  /** DescribeTopicDetail `Result`. */
  topicList: [req('TotalCount', 'number', 'paging the topics'), req('TopicList', 'array', 'the topics')],
  /** One `TopicDetail`. */
  topic: [
    req('TopicName', 'string', 'the topic'),
    req('PartitionNum', 'number', 'the topic'),
    req('ReplicaNum', 'number', 'single-replica topics and the load estimate'),
    opt('Status', 'number', 'the topics-healthy check'),
    opt('CreateTime', 'number', 'the order topics are read in'),
  ],
  /** DescribeTopicSyncReplica `Result`. */
  syncReplicaList: [req('TotalCount', 'number', 'paging the partitions'), req('TopicInSyncReplicaList', 'array', 'the partitions')],
  /** One `TopicInSyncReplicaInfo`. */
  syncReplica: [
    req('Partition', ['string', 'number'], 'naming the partition'),
    opt('Replica', 'string', 'the replicas-in-sync check'),
    opt('InSyncReplica', 'string', 'the replicas-in-sync check'),
    opt('OutOfSyncReplica', 'string', 'the replicas-in-sync check'),
  ],
  /** DescribeCkafkaZone `Result`. */
  zoneList: [req('ZoneList', 'array', 'the zone-stock check')],
  /** One `ZoneInfo`. */
  zone: [
    req('ZoneId', ['string', 'number'], 'finding the instance’s zone'),
    req('SoldOut', ['string', 'boolean'], 'the zone-stock check'),
    opt('Flag', 'boolean', 'the zone-stock check (a second sold-out signal)'),
    opt('ZoneStatus', 'number', 'the zone-stock check (4: closed)'),
    opt('SalesInfo', 'array', 'stock by edition and Kafka version'),
  ],
  /** DescribeTopicFlowRanking `Result`. */
  flowRanking: [opt('TopicFlow', 'array', 'produce traffic'), opt('TopicMessageHeap', 'array', 'data held')],
  /** One `TopicFlow` row. */
  topicFlow: [opt('TopicTraffic', ['numeric', 'number'], 'produce traffic (MB over the range)'), opt('MessageHeap', 'number', 'data held (bytes)')],
  /** InquireCkafkaPrice `Result`. */
  price: [req('InstancePrice.DiscountPrice', 'number', 'the cost'), opt('InstancePrice.TimeUnit', 'string', 'the price’s unit of time'), opt('InstancePrice.Currency', 'string', 'the currency')],
  /** DescribeModifyType `Result`. */
  modifyType: [req('MigrateFlag', 'boolean', 'whether data migrates'), opt('ModifyType', 'number', 'kept for the record')],
} as const satisfies Record<string, readonly FieldRule[]>;

/** The value at a dotted path, or `undefined`. */
export function valueAt(obj: unknown, path: string): unknown {
  let v: unknown = obj;
  for (const key of path.split('.')) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

function typeOf(v: unknown): FieldType | 'null' | 'other' {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'string') return v.trim() !== '' && Number.isFinite(Number(v)) ? 'numeric' : 'string';
  if (typeof v === 'number') return Number.isFinite(v) ? 'number' : 'other';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'object') return 'object';
  return 'other';
}

function matches(v: unknown, types: readonly FieldType[]): boolean {
  const t = typeOf(v);
  // A numeric string is a string too.
  return types.includes(t as FieldType) || (t === 'numeric' && types.includes('string'));
}

/** Where a check happened, for its findings. */
export interface ShapeContext {
  readonly action: string;
  /** How the object is named in messages: `Result`, `InstanceList[0]`, … */
  readonly where: string;
  readonly instanceId?: string;
}

/**
 * Findings for an object against rules: a required field missing (or null), or any field of
 * another type, is a `divergence` naming the field, what it holds, and what the adapter reads it for.
 */
export function checkFields(obj: unknown, rules: readonly FieldRule[], ctx: ShapeContext): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    const v = valueAt(obj, rule.path);
    const base = { severity: 'divergence' as const, action: ctx.action, ...(ctx.instanceId === undefined ? {} : { instanceId: ctx.instanceId }) };
    if (v === undefined || v === null) {
      if (rule.required) out.push({ ...base, check: 'missing-field', message: `${ctx.where}.${rule.path} is ${v === null ? 'null' : 'missing'}; the adapter reads it for ${rule.why}` });
      continue;
    }
    if (!matches(v, rule.types)) {
      out.push({ ...base, check: 'wrong-type', message: `${ctx.where}.${rule.path} is ${typeOf(v)}, expected ${rule.types.join(' or ')}; the adapter reads it for ${rule.why}` });
    }
  }
  return out;
}
