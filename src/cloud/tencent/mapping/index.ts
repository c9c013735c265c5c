/**
 * Mapping between the CKafka API's models and ckafka-iac's observed-state types, one module per
 * concern. Pure functions, table-tested. Field names follow the SDK's ckafka_models.d.ts
 * (tencentcloud-sdk-nodejs-ckafka 4.1.314), whose types the modules import.
 */
export { MBPS_PER_MBYTE_PER_SECOND, bandwidthMBpsFromMbps } from './bandwidth-units';
export { ELASTIC_DISK_SIZE, REBALANCE_ZONE_MARGIN_MS, endpointsOf, mapInstanceDetail, parseRebalanceTime, scheduledRebalance } from './map-instance-detail';
export { MODIFY_TYPE_READINGS, combineModifyTypeAnswers, mapModifyType, modifyTypeOf, toDescribeModifyType, type ModifyTypeReading } from './modify-type';
export { mapPrice, toInquireCkafkaPrice } from './price-quote';
export {
  ROUTE_STATUS_OK,
  flowRankingDate,
  mapRoute,
  mapTopic,
  outOfSyncFact,
  outOfSyncPartitions,
  usageFromFlowRanking,
  zoneStock,
  type FlowUsage,
  type ZoneStock,
} from './preflight-facts';
