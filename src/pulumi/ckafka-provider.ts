/**
 * The dynamic provider of `CkafkaInstance`.
 *
 * Pulumi serialises a dynamic provider *object* with everything its methods reach, and re-creates
 * it in a separate provider process from that text alone. So this class is self-contained: no
 * module it imports is used at run time, its fields are plain data, and each method loads the
 * implementation by the package's public name (`ckafka-iac/pulumi`), which the provider process
 * resolves from the program's `node_modules`. The serialised text stays small and never holds the
 * core, the Tencent SDK, a zod schema or a live client. (Capturing an internal module would also
 * fail outright once ckafka-iac is installed: Pulumi turns a module in `node_modules` into a
 * `require()` of a path the package's `exports` must list.)
 */
import type * as pulumi from '@pulumi/pulumi';
import type { ProviderContext, ProviderRuntime } from './_provider-runtime';
import type { CkafkaDiffResult } from './ckafka-diff-result';
import type { CkafkaInstanceInputs } from './ckafka-instance-inputs';
import type { CkafkaInstanceState } from './ckafka-instance-state';
import type { CkafkaProviderOptions } from './ckafka-provider-options';
import type { CkafkaProviderSettings } from './select-provider-cloud';

export type { CkafkaCloudFactory, CkafkaProviderLogger, CkafkaProviderOptions } from './ckafka-provider-options';

// The implementation, loaded by the public entry point at call time (see the file comment). The
// provider process resolves it from the program's node_modules; tests map it to the sources.
function runtime(): ProviderRuntime {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- resolved at call time, see above
  return (require('ckafka-iac/pulumi') as { providerRuntime: ProviderRuntime }).providerRuntime;
}

/**
 * A Pulumi dynamic provider for CKafka instances whose diff is ckafka-iac's upgrade plan and whose
 * update applies it, with the window, mode, staleness and pre-check semantics of `ckafka apply`.
 *
 * - `check`: the core's validation (`spec/off-step`, …) plus the provisioning keys.
 * - `diff`: the plan: a detailed diff per property, the plan's text and its facts as diagnostics
 *   in the log; replaces only for what cannot change in place.
 * - `create`: adopts `instanceId` (and converges it), or creates an instance and waits for it.
 * - `update`: refuses when the cloud moved since Pulumi last saw it; defers outside the window
 *   (or waits with `wait: true`); fails on a failing pre-check unless listed in `ignoreChecks`.
 * - `delete`: retains the instance unless `deletionPolicy: 'delete'`.
 *
 * @example
 * // Direct use, e.g. in a test against the emulator:
 * const provider = new CkafkaProvider({ cloud: createEmulatedCloud(emulator) });
 * const { failures } = await provider.check({}, inputs);
 */
export class CkafkaProvider implements pulumi.dynamic.ResourceProvider<CkafkaInstanceInputs, CkafkaInstanceState> {
  private readonly options: CkafkaProviderOptions;
  // Set by `configure` in the provider process; plain data, like everything this object holds.
  private configured: CkafkaProviderSettings = {};
  private readonly announced = { done: false };

  constructor(options: CkafkaProviderOptions = {}) {
    this.options = options;
  }

  /** Reads the `ckafka:*` stack config (region, endpoint, emulatorState, secret credentials). */
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.configured = runtime().readProviderConfig(req.config);
  }

  async check(olds: CkafkaInstanceInputs, news: CkafkaInstanceInputs): Promise<pulumi.dynamic.CheckResult<CkafkaInstanceInputs>> {
    return runtime().check(this.context(), olds, news);
  }

  async diff(id: string, olds: CkafkaInstanceState, news: CkafkaInstanceInputs): Promise<CkafkaDiffResult> {
    return runtime().diff(this.context(), id, olds, news);
  }

  async create(inputs: CkafkaInstanceInputs): Promise<pulumi.dynamic.CreateResult<CkafkaInstanceState>> {
    return runtime().create(this.context(), inputs);
  }

  async read(id: string, props?: CkafkaInstanceState): Promise<pulumi.dynamic.ReadResult<CkafkaInstanceState>> {
    return runtime().read(this.context(), id, props);
  }

  async update(id: string, olds: CkafkaInstanceState, news: CkafkaInstanceInputs): Promise<pulumi.dynamic.UpdateResult<CkafkaInstanceState>> {
    return runtime().update(this.context(), id, olds, news);
  }

  async delete(id: string, props: CkafkaInstanceState): Promise<void> {
    return runtime().delete(this.context(), id, props);
  }

  private context(): ProviderContext {
    return { options: this.options, settings: { ...this.configured, ...this.options.settings }, announced: this.announced };
  }
}
