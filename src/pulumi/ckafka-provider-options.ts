/**
 * Options of the `CkafkaProvider` for direct use (tests and tools), apart from the provider so
 * that its implementation can read them without importing the provider class.
 */
import type { CkafkaCloud } from '../cloud/port';
import type { CkafkaDiagnostic } from './ckafka-diagnostic';
import type { CkafkaProviderSettings } from './select-provider-cloud';

/** Where the provider writes progress and the plan; defaults to `pulumi.log`. */
export interface CkafkaProviderLogger {
  info(message: string): void;
  warn(message: string): void;
  /**
   * Receives each fact of a diff as data, besides its line in `info` or `warn`.
   *
   * @default - not called: `pulumi.log` takes text only, so the facts reach Pulumi as lines
   */
  diagnostic?(d: CkafkaDiagnostic): void;
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
