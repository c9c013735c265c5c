/**
 * `ckafka-iac`: the programmatic API, for pipelines that plan and apply from code rather than
 * through the CLI. The front ends have their own entry points (`ckafka-iac/cdktf`,
 * `ckafka-iac/cdktn`, `ckafka-iac/pulumi`), so loading this one loads none of cdktf, CDK Terrain
 * or Pulumi, and the Tencent Cloud SDK only when a Tencent cloud is opened. The emulator, a test double, is in
 * `ckafka-iac/testing` and loads only when `openCloud` chooses it.
 *
 * ```ts
 * import { parseFleet, openCloud, planWithCloud, renderMarkdown } from 'ckafka-iac';
 * ```
 */
export * from './spec';
export * from './plan';
export * from './render';
export * from './apply';
export * from './cloud/port';
export { openCloud, CloudConfigError, DEFAULT_EMULATOR_STATE, type OpenCloudOptions, type OpenedCloud } from './cloud/open-cloud';
export { createTencentCloud, tencentConfigFromEnv, type TencentCloudOptions, type TencentEnvConfig } from './cloud/tencent';
