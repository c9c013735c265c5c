/**
 * Documented request-rate limits of the CKafka API, per action (requests per second). Tencent
 * Cloud counts them per API + region + sub-account, so the adapter keeps each action under its
 * limit with a token bucket of its own.
 */

/**
 * Limits with their sources. Actions not listed use {@link DEFAULT_TENCENT_RATE_LIMIT}.
 *
 * - DescribeInstancesDetail 20: cloud.tencent.com/document/api/597/40834
 * - DescribeInstanceAttributes 100: tencentcloud.com/document/api/597/35358
 * - DescribeCkafkaZone 100: API category table, cloud.tencent.com/document/api/597/40823
 * - DescribeTopicDetail 100: tencentcloud.com/document/api/597/35341
 * - DescribeTopicSyncReplica 5: tencentcloud.com/document/api/597/42213 (one call per topic: the
 *   slow part of a preflight, 1,000 s for 5,000 topics)
 * - ModifyInstancePre, InstanceScalingDown, InquireCkafkaPrice, UpgradeBrokerVersion 20: their
 *   API pages (597/73693, 597/95460, 597/83552, 597/125478)
 * - CreateInstancePre 10: tencentcloud.com/document/api/597/74261
 * - ModifyInstanceAttributes 100: cloud.tencent.com/document/api/597/40832
 * - DescribeModifyType 20: cloud.tencent.com/document/api/597/125916
 */
export const TENCENT_RATE_LIMITS: Readonly<Record<string, number>> = {
  DescribeInstancesDetail: 20,
  DescribeInstanceAttributes: 100,
  DescribeCkafkaZone: 100,
  DescribeTopicDetail: 100,
  DescribeTopicSyncReplica: 5,
  ModifyInstancePre: 20,
  InstanceScalingDown: 20,
  InquireCkafkaPrice: 20,
  UpgradeBrokerVersion: 20,
  CreateInstancePre: 10,
  ModifyInstanceAttributes: 100,
  DescribeModifyType: 20,
};

/**
 * The limit of actions {@link TENCENT_RATE_LIMITS} does not list: 20/s, what the pages of
 * DescribeTopicFlowRanking (597/90976), CreatePostPaidInstance (597/94259), DeleteInstancePost
 * (597/74260) and DeleteInstancePre (597/65806) state. DescribeRoute's page states none: 20/s is
 * ASSUMED for it.
 */
export const DEFAULT_TENCENT_RATE_LIMIT = 20;

/**
 * Calls in flight at once. The CKafka limits page allows at most 20 concurrent console/API
 * requests per instance (597/39601); 8 leaves room for the console and other tools.
 */
export const DEFAULT_TENCENT_CONCURRENCY = 8;
