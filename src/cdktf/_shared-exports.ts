/**
 * What `ckafka-iac/cdktf` and `ckafka-iac/cdktn` both export, unchanged: free of engine imports,
 * so each entry adds only its construct and its bindings.
 */
export { formatIssue } from './ckafka-instance-base';
export type {
  CkafkaInstanceBaseProps,
  CkafkaInstanceLifecycle,
  CkafkaInstanceUpgradeProps,
  CkafkaInstanceTopicConfig,
  CkafkaInstanceDynamicRetentionConfig,
} from './ckafka-instance-props';
export { readCdktfOut } from './read-cdktf-out';
export type { ReadCdktfOutOptions } from './read-cdktf-out';
export { CKAFKA_RESOURCE_TYPE, METADATA_KEY, METADATA_FORMAT_VERSION, SPEC_IGNORE_CHANGES } from './_metadata';
export type { CkafkaIacMetadata } from './_metadata';
