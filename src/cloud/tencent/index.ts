/** The Tencent Cloud adapter of the CkafkaCloud port. Loading this module does not load the SDK. */
export { createCall, deleteCall, retimeCall, specChangeCall, upgradeStrategyOf, type CreateCall, type DeleteCall, type RetimeCall, type SpecChangeCall, type SpecChangeValues } from './api-calls';
export {
  PAGE_SIZE,
  TENCENT_CAPABILITIES,
  TencentCkafkaCloud,
  createTencentCloud,
  systemClock,
  type TencentCallEvent,
  type TencentCallStats,
  type TencentCloudInit,
  type TencentCloudOptions,
} from './tencent-ckafka-cloud';
export { tencentConfigFromEnv, type TencentCredentials, type TencentEnvConfig, type TencentEnvOverrides } from './tencent-config-from-env';
export { DEFAULT_ENDPOINT, parseEndpoint, type ParsedEndpoint } from './parse-endpoint';
export { createAgent, isLoopbackHost, matchesNoProxy, normaliseProxyUrl, selectProxy, type AgentOptions, type Env } from './select-proxy';
export { CLIENT_ERROR, classifyErrorCode, isRetryableRead, isRetryableWrite, toCloudError, type ToCloudErrorOptions } from './errors';
export { isAtTarget, isOutcomeUnknown } from './write-safety';
export { DEFAULT_TENCENT_CONCURRENCY, DEFAULT_TENCENT_RATE_LIMIT, TENCENT_RATE_LIMITS } from './rate-limits';
export {
  MBPS_PER_MBYTE_PER_SECOND,
  bandwidthMBpsFromMbps,
  mapInstanceDetail,
  mapModifyType,
  mapPrice,
  mapRoute,
  mapTopic,
  modifyTypeOf,
  outOfSyncPartitions,
  parseRebalanceTime,
  toDescribeModifyType,
  toInquireCkafkaPrice,
  usageFromFlowRanking,
  zoneStock,
  type FlowUsage,
  type ZoneStock,
} from './mapping';
export { createSdkTransport, type CkafkaAction, type CkafkaActions, type CkafkaRequest, type CkafkaResponse, type CkafkaTransport, type SdkTransportOptions } from './sdk-transport';
export { USAGE_WINDOW_SECONDS, needsSyncCheck } from './preflight';
