/**
 * ckafka-iac for CDK Terrain (cdktn), the community continuation of CDK for Terraform: the same
 * `CkafkaInstance` construct as `ckafka-iac/cdktf` (shared props, validation and ckafka-iac
 * record), the Tencent Cloud provider bindings generated for cdktn, and `readCdktfOut` to plan
 * from a synthesized app (cdktn writes the same `cdktf.out`).
 *
 * Loads cdktn and never cdktf: an app uses one engine.
 */
// First: names the optional peer dependencies to install when they are missing.
import './_require-peers';
export { CkafkaInstance } from './ckafka-instance';
export type { CkafkaInstanceProps } from './ckafka-instance';
export * from '../cdktf/_shared-exports';
export { TencentcloudProvider } from './gen/provider';
export type { TencentcloudProviderConfig } from './gen/provider';
/** The generated bindings: `tencentcloud.provider`, `tencentcloud.ckafkaInstance`, `tencentcloud.dataTencentcloudCkafkaInstances`. */
export * as tencentcloud from './gen';
