/**
 * ckafka-iac for CDK for Terraform: the `CkafkaInstance` construct, the generated Tencent Cloud
 * provider bindings it is built on, and `readCdktfOut` to plan from a synthesized app.
 *
 * cdktf is archived upstream (0.21.0 is its last release); `ckafka-iac/cdktn` gives the same
 * construct for CDK Terrain, its community continuation. This adapter stays in its own folder
 * and nothing in the core depends on it.
 */
// First: names the optional peer dependencies to install when they are missing.
import './_require-peers';
export { CkafkaInstance } from './ckafka-instance';
export type { CkafkaInstanceProps } from './ckafka-instance';
export * from './_shared-exports';
export { TencentcloudProvider } from './gen/provider';
export type { TencentcloudProviderConfig } from './gen/provider';
/** The generated bindings: `tencentcloud.provider`, `tencentcloud.ckafkaInstance`, `tencentcloud.dataTencentcloudCkafkaInstances`. */
export * as tencentcloud from './gen';
