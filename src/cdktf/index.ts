/**
 * ckafka-iac for CDK for Terraform: the `CkafkaInstance` construct, the generated Tencent Cloud
 * provider bindings it is built on, and `readCdktfOut` to plan from a synthesized app.
 *
 * cdktf is archived upstream (0.21.0 is its last release); this adapter stays in its own folder
 * and nothing in the core depends on it.
 */
// First: names the optional peer dependencies to install when they are missing.
import './_require-peers';
export { CkafkaInstance, formatIssue } from './ckafka-instance';
export type {
  CkafkaInstanceProps,
  CkafkaInstanceUpgradeProps,
  CkafkaInstanceTopicConfig,
  CkafkaInstanceDynamicRetentionConfig,
} from './ckafka-instance';
export { readCdktfOut } from './read-cdktf-out';
export type { ReadCdktfOutOptions } from './read-cdktf-out';
export { CKAFKA_RESOURCE_TYPE, METADATA_KEY, METADATA_FORMAT_VERSION, SPEC_IGNORE_CHANGES } from './_metadata';
export type { CkafkaIacMetadata } from './_metadata';
export { TencentcloudProvider } from './gen/provider';
export type { TencentcloudProviderConfig } from './gen/provider';
/** The generated bindings: `tencentcloud.provider`, `tencentcloud.ckafkaInstance`, `tencentcloud.dataTencentcloudCkafkaInstances`. */
export * as tencentcloud from './gen';
