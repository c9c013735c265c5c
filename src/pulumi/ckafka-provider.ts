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
import type { CkafkaCloud } from '../cloud/port';
import type { ProviderContext, ProviderRuntime } from './_provider-runtime';
import type { CkafkaInstanceInputs } from './ckafka-instance-inputs';
import type { CkafkaInstanceState } from './ckafka-instance-state';
import type { CkafkaProviderSettings } from './select-provider-cloud';

/** Where the provider writes progress and the plan; defaults to `pulumi.log`. */
export interface CkafkaProviderLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** Builds a cloud client for one operation; the provider closes it after the operation. */
export type CkafkaCloudFactory = () => CkafkaCloud | Promise<CkafkaCloud>;

/**
 * Options of {@link CkafkaProvider}. `CkafkaInstance` uses none of them (its provider is
 * serialised, so it takes its cloud from config and the environment); they are for calling the
 * provider's methods directly, as tests and tools do.
 */
export interface CkafkaProviderOptions {
  /**
   * The cloud client: an object (used as is, never closed by the provider) or a factory (called
   * for each operation; the client it returns is closed after it). A live client cannot be
   * serialised: never hand a provider built with one to a resource.
   *
   * @default - chosen per operation from `settings`, `ckafka:*` config and the environment:
   * Tencent Cloud when TENCENTCLOUD_SECRET_ID/KEY are set, else the embedded emulator on
   * `.ckafka/emulator-state.json`
   */
  readonly cloud?: CkafkaCloud | CkafkaCloudFactory;
  /**
   * How to reach the cloud when no `cloud` is given; these override `ckafka:*` config key by key.
   *
   * @default - `ckafka:*` config, then the environment
   */
  readonly settings?: CkafkaProviderSettings;
  /** @default - `pulumi.log.info` / `pulumi.log.warn` */
  readonly logger?: CkafkaProviderLogger;
  /** Environment to read credentials and the region from. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Base of a relative emulator state path. @default process.cwd() */
  readonly cwd?: string;
  /** The clock of `check` (an `at` time in the past is a warning). @default - the system clock */
  readonly now?: () => Date;
  /** Time between status polls while creating, changing or deleting, on the cloud's clock. @default 30000 */
  readonly pollIntervalMs?: number;
  /** How long `create` waits for a new instance to run, on the cloud's clock. @default 30 */
  readonly createTimeoutMinutes?: number;
  /** How long `delete` (with deletionPolicy delete) waits for the instance to go, on the cloud's clock. @default 30 */
  readonly deleteTimeoutMinutes?: number;
}

// The implementation, loaded by the public entry point at call time (see the file comment). The
// provider process resolves it from the program's node_modules; tests map it to the sources.
function runtime(): ProviderRuntime {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('ckafka-iac/pulumi') as { providerRuntime: ProviderRuntime }).providerRuntime;
}

/**
 * A Pulumi dynamic provider for CKafka instances whose diff is ckafka-iac's upgrade plan and whose
 * update applies it, with the window, mode, staleness and pre-check semantics of `ckafka apply`.
 *
 * - `check`: the core's validation (`spec/off-step`, …) plus the provisioning keys.
 * - `diff`: the plan (logged); replaces only for what cannot change in place.
 * - `create`: adopts `instanceId` (and converges it), or creates an instance and waits for it.
 * - `update`: refuses when the cloud moved since Pulumi last saw it; defers outside the window
 *   (or waits with `wait: true`); fails on a failing pre-check unless listed in `ignoreChecks`.
 * - `delete`: retains the instance unless `deletionPolicy: 'delete'`.
 *
 * @example
 * // Direct use, e.g. in a test against the emulator:
 * const provider = new CkafkaProvider({ cloud: emulator.cloud() });
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

  async diff(id: string, olds: CkafkaInstanceState, news: CkafkaInstanceInputs): Promise<pulumi.dynamic.DiffResult> {
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
