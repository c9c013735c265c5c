/**
 * ckafka-iac for Pulumi: the `CkafkaInstance` resource and its dynamic provider. See docs/pulumi.md.
 */
// First: names the optional peer dependencies to install when they are missing.
import './_require-peers';
export { CkafkaInstance, type CkafkaInstanceArgs, type CkafkaInstanceUpgradeArgs } from './ckafka-instance';
export { CkafkaProvider, type CkafkaCloudFactory, type CkafkaProviderLogger, type CkafkaProviderOptions } from './ckafka-provider';
export { CkafkaProviderError, type PartialState } from './ckafka-provider-error';
export type { CkafkaDiffResult, PropertyDiff, PropertyDiffKind } from './ckafka-diff-result';
export type { CkafkaDiagnostic, CkafkaDiagnosticTopic } from './ckafka-diagnostic';
export {
  BEHAVIOUR_INPUT_KEYS,
  DEFAULT_MAX_WAIT_MINUTES,
  PROVISIONING_INPUT_KEYS,
  REPLACE_ON_CHANGE_KEYS,
  SPEC_INPUT_KEYS,
  type CkafkaInstanceInputs,
  type CkafkaInstanceUpgradeInputs,
  type DeletionPolicy,
} from './ckafka-instance-inputs';
export { STATE_KEYS, type CkafkaInstanceState, type CkafkaPlanSummary } from './ckafka-instance-state';
export {
  checkInstanceInputs,
  formatInputIssue,
  toCheckFailures,
  PROVIDER_KEY,
  UNKNOWN_VALUE,
  type CheckInputsOptions,
  type InputFailure,
  type InputsCheck,
  type ResolvedBehaviour,
  type ResolvedInputs,
  type ResolvedProvisioning,
} from './check-instance-inputs';
export {
  CONFIG_KEYS,
  DEFAULT_EMULATOR_STATE,
  readProviderConfig,
  selectProviderCloud,
  type CkafkaProviderSettings,
  type ConfigReader,
  type ProviderCloud,
  type SelectProviderCloudOptions,
} from './select-provider-cloud';
export { describePlannedInstance, summarizePlannedInstance } from './summarize-planned-instance';
/**
 * The provider's implementation, which `CkafkaProvider` loads by this entry point's name at run time.
 *
 * @internal
 */
export { providerRuntime } from './_provider-runtime';
