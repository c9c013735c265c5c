/**
 * Response objects of the read actions, shaped as the SDK models declare them in
 * ckafka_models.d.ts (InstanceDetail, InstanceAttributesResponse, Route, TopicDetail,
 * InquiryPrice), from the emulator's state in natural units.
 */
import { minPartitions } from '../../../spec/catalog';
import { brokerCount, dataBytesOf, editionOf, liveTopics, maxTopicNumber, partitionsInUse } from '../engine/instance-lookups';
import type { PriceBreakdown } from '../engine/price-spec';
import { BYTES_PER_GB } from '../migration-model';
import type { InstanceState, RouteState, TopicState } from '../state-schema';
import { formatBeijingTime, mbps, unixSeconds } from './wire-units';

const NO_REBALANCE = '0000-00-00 00:00:00';

/** The route clients connect through: the VPC route (VipType 3), else the first. */
export function mainRoute(inst: InstanceState): RouteState | undefined {
  return inst.routes.find((r) => r.vipType === 3) ?? inst.routes[0];
}

/** The brokers' addresses behind a route, one per broker (`BrokerVipList`). */
export function brokerVips(inst: InstanceState, route: RouteState): Array<{ Vip: string; Vport: string }> {
  const parts = route.vip.split('.');
  const last = Number(parts[3] ?? 0);
  return Array.from({ length: brokerCount(inst) }, (_, i) => ({
    Vip: [...parts.slice(0, 3), String(((last + 1 + i) % 254) + 1)].join('.'),
    Vport: route.vport,
  }));
}

/** The instance's tags as `Tag` objects. */
function instanceTags(inst: InstanceState): Array<{ TagKey: string; TagValue: string }> {
  return inst.tags.map((x) => ({ TagKey: x.key, TagValue: x.value }));
}

/** `HealthyMessage`: the disk used, in percent. */
function healthyMessage(inst: InstanceState): string {
  const pct = Math.round((dataBytesOf(inst) / (inst.diskGB * BYTES_PER_GB)) * 100);
  return `disk usage ${pct}%`;
}

/** `DiskSize` as the read APIs report it: -1 for elastic storage (the documented listing's postpaid instance). */
function diskSizeOf(inst: InstanceState): number {
  return inst.elasticStorage === true ? -1 : inst.diskGB;
}

/**
 * `RebalanceTime`: the scheduled change's time; after it has run, the time stays (the documented
 * listing shows "2023-07-04 10:30:58" on a running instance listed in 2024-12) until another is
 * scheduled; `0000-00-00 00:00:00` when none ever was.
 */
function rebalanceTimeOf(inst: InstanceState): string {
  if (inst.pendingTask !== null) return formatBeijingTime(inst.pendingTask.rebalanceAt);
  return inst.lastRebalanceAt === undefined ? NO_REBALANCE : formatBeijingTime(inst.lastRebalanceAt);
}

/** `Cvm`: 0 for Standard (shared), 1 for Pro and Advanced. */
function cvm(inst: InstanceState): number {
  return editionOf(inst) === 'standard' ? 0 : 1;
}

/** InstanceDetail (DescribeInstancesDetail). */
export function toInstanceDetail(inst: InstanceState): Record<string, unknown> {
  const route = mainRoute(inst);
  return {
    InstanceId: inst.instanceId,
    InstanceName: inst.name,
    Vip: route?.vip ?? '',
    Vport: route?.vport ?? '',
    VipList: route === undefined ? [] : [{ Vip: route.vip, Vport: route.vport }],
    Status: inst.status,
    Bandwidth: mbps(inst.bandwidthMBps),
    DiskSize: diskSizeOf(inst),
    ZoneId: inst.zoneId,
    VpcId: inst.vpcId,
    SubnetId: inst.subnetId,
    RenewFlag: inst.renewFlag,
    Healthy: inst.healthy,
    HealthyMessage: healthyMessage(inst),
    CreateTime: unixSeconds(inst.createTime),
    ExpireTime: inst.expireTime === null ? 0 : unixSeconds(inst.expireTime),
    IsInternal: 0,
    TopicNum: liveTopics(inst).length,
    Tags: instanceTags(inst),
    Version: inst.kafkaVersion,
    ZoneIds: [...inst.zoneIds],
    Cvm: cvm(inst),
    InstanceType: inst.instanceType,
    DiskType: inst.diskType,
    MaxTopicNumber: maxTopicNumber(inst),
    MaxPartitionNumber: inst.partitions,
    RebalanceTime: rebalanceTimeOf(inst),
    PartitionNumber: partitionsInUse(inst),
    PublicNetworkChargeType: 'BANDWIDTH_POSTPAID_BY_HOUR',
    PublicNetwork: inst.publicNetworkMbps,
    ClusterType: editionOf(inst) === 'standard' ? 'CLOUD_CVM_SHARE' : 'CLOUD_CVM',
    Features: [],
    RetentionBytes: -1,
  };
}

/** InstanceAttributesResponse (DescribeInstanceAttributes). */
export function toInstanceAttributes(inst: InstanceState): Record<string, unknown> {
  const route = mainRoute(inst);
  const edition = editionOf(inst);
  const used = partitionsInUse(inst);
  const topics = liveTopics(inst).length;
  const maxTopics = maxTopicNumber(inst);
  return {
    InstanceId: inst.instanceId,
    InstanceName: inst.name,
    VipList: route === undefined ? [] : [{ Vip: route.vip, Vport: route.vport }],
    Vip: route?.vip ?? '',
    Vport: route?.vport ?? '',
    Status: inst.status,
    Bandwidth: mbps(inst.bandwidthMBps),
    DiskSize: diskSizeOf(inst),
    ZoneId: inst.zoneId,
    VpcId: inst.vpcId,
    SubnetId: inst.subnetId,
    Healthy: inst.healthy,
    HealthyMessage: healthyMessage(inst),
    CreateTime: unixSeconds(inst.createTime),
    MsgRetentionTime: inst.msgRetentionMinutes,
    Config: { AutoCreateTopicsEnable: false, DefaultNumPartitions: 3, DefaultReplicationFactor: 2 },
    RemainderPartitions: Math.max(0, inst.partitions - used),
    RemainderTopics: Math.max(0, maxTopics - topics),
    CreatedPartitions: used,
    CreatedTopics: topics,
    Tags: instanceTags(inst),
    ExpireTime: inst.expireTime === null ? 0 : unixSeconds(inst.expireTime),
    ZoneIds: [...inst.zoneIds],
    Version: inst.kafkaVersion,
    MaxGroupNum: 500,
    Cvm: cvm(inst),
    InstanceType: inst.instanceType,
    Features: [],
    RetentionTimeConfig: { Enable: 0, DiskQuotaPercentage: 0, StepForwardPercentage: 0, BottomRetention: 0 },
    MaxConnection: 5000,
    PublicNetwork: inst.publicNetworkMbps,
    DeleteRouteTimestamp: null,
    RemainingPartitions: Math.max(0, inst.partitions - used),
    RemainingTopics: Math.max(0, maxTopics - topics),
    DynamicDiskConfig: { Enable: 0, StepForwardPercentage: 0, DiskQuotaPercentage: 0, MaxDiskSpace: 0 },
    SystemMaintenanceTime: '',
    MaxMessageByte: inst.maxMessageBytes,
    InstanceChargeType: inst.chargeType,
    ElasticBandwidthSwitch: 0,
    ElasticBandwidthOpenStatus: 1,
    ClusterType: edition === 'standard' ? 'CLOUD_CVM_SHARE' : 'CLOUD_CVM',
    FreePartitionNumber: edition === undefined ? 0 : minPartitions(edition, inst.bandwidthMBps),
    ElasticFloatBandwidth: 0,
    UncleanLeaderElectionEnable: 0,
    DeleteProtectionEnable: 0,
    RetentionBytes: -1,
    TransactionalIdExpirationMs: 604800000,
  };
}

/** Route (DescribeRoute). */
export function toRoute(inst: InstanceState, route: RouteState): Record<string, unknown> {
  return {
    AccessType: route.accessType,
    RouteId: route.routeId,
    VipType: route.vipType,
    VipList: [{ Vip: route.vip, Vport: route.vport }],
    Domain: null,
    DomainPort: null,
    DeleteTimestamp: null,
    Subnet: route.subnetId ?? null,
    BrokerVipList: brokerVips(inst, route),
    VpcId: route.vpcId ?? null,
    Note: null,
    Status: route.status,
  };
}

/** TopicDetail (DescribeTopicDetail), its config from the instance's. */
export function toTopicDetail(inst: InstanceState, topic: TopicState): Record<string, unknown> {
  return {
    TopicName: topic.name,
    TopicId: topic.topicId,
    PartitionNum: topic.partitions,
    ReplicaNum: topic.replicas,
    Note: '',
    CreateTime: unixSeconds(topic.createTime),
    EnableWhiteList: false,
    IpWhiteListCount: 0,
    ForwardCosBucket: '',
    ForwardStatus: 1,
    ForwardInterval: 0,
    Config: {
      Retention: inst.msgRetentionMinutes * 60000,
      MinInsyncReplicas: 1,
      CleanUpPolicy: 'delete',
      SegmentMs: 86400000,
      UncleanLeaderElectionEnable: 0,
      SegmentBytes: 1073741824,
      MaxMessageBytes: inst.maxMessageBytes,
      RetentionBytes: -1,
      LogMsgTimestampType: 'CreateTime',
    },
    RetentionTimeConfig: { Expect: inst.msgRetentionMinutes, Current: inst.msgRetentionMinutes, ModTimeStamp: unixSeconds(topic.createTime) },
    Status: topic.status,
    Tags: [],
  };
}

/** One line of InquiryDetailPrice: a unit price over `multiplier` units, undiscounted. */
function basePrice(unit: number, multiplier: number, value: number | null, diskType: string | null = null): Record<string, unknown> {
  const total = Math.round(unit * multiplier * 100) / 100;
  return {
    UnitPrice: unit,
    UnitPriceDiscount: unit,
    OriginalPrice: total,
    DiscountPrice: total,
    Discount: 100,
    GoodsNum: null,
    Currency: null,
    DiskType: diskType,
    TimeSpan: null,
    TimeUnit: null,
    Value: value,
  };
}

/** InquiryPrice (InquireCkafkaPrice): `timeSpan` units of time for `goods` instances, split as `DetailPrices`. */
export function toInquiryPrice(price: PriceBreakdown, spec: { diskGB: number }, diskType: string, timeSpan: number, goods: number): Record<string, unknown> {
  const multiplier = timeSpan * goods;
  const total = Math.round(price.unit * multiplier * 100) / 100;
  return {
    UnitPrice: price.unit,
    UnitPriceDiscount: price.unit,
    OriginalPrice: total,
    DiscountPrice: total,
    Discount: 100,
    GoodsNum: goods,
    Currency: price.currency,
    DiskType: null,
    TimeSpan: timeSpan,
    TimeUnit: price.per === 'month' ? 'm' : 'h',
    Value: null,
    DetailPrices: {
      // The bandwidth package is the instance type price; no bandwidth is bought beyond it.
      BandwidthPrice: basePrice(0, multiplier, 0),
      DiskPrice: basePrice(price.disk, multiplier, spec.diskGB, diskType),
      PartitionPrice: basePrice(price.partitionAddon, multiplier, price.extraPartitions),
      TopicPrice: basePrice(0, multiplier, 0),
      InstanceTypePrice: basePrice(price.bandwidthPackage, multiplier, 1),
    },
  };
}

