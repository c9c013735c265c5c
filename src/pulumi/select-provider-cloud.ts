/**
 * Which cloud the provider talks to, by the CLI's rule: an emulator state file when one is
 * configured, or the embedded emulator when chosen on purpose (`ckafka:emulator`); Tencent Cloud
 * when credentials (or an endpoint) are set; otherwise an error (`cloud/credentials-missing`):
 * unlike the CLI on a terminal, the provider never falls back to the emulator, so a missing
 * secret cannot make `pulumi up` "create" instances in a local file. Built inside each provider
 * operation, never captured: a live client cannot be closure-serialised, and the Tencent SDK and
 * the emulator are loaded only when chosen.
 */
import { CloudConfigError, DEFAULT_EMULATOR_STATE, openCloud } from '../cloud/open-cloud';
import type { CkafkaCloud } from '../cloud/port';
import { CkafkaProviderError } from './ckafka-provider-error';

export { DEFAULT_EMULATOR_STATE };

/** Pulumi config keys the provider reads (namespace `ckafka`). */
export const CONFIG_KEYS = {
  region: 'ckafka:region',
  endpoint: 'ckafka:endpoint',
  emulator: 'ckafka:emulator',
  emulatorState: 'ckafka:emulatorState',
  secretId: 'ckafka:secretId',
  secretKey: 'ckafka:secretKey',
  sessionToken: 'ckafka:sessionToken',
} as const;

/**
 * How the provider reaches the cloud. Plain data, so a provider holding it can be serialised.
 * Credentials come only from secret config (`pulumi config set --secret ckafka:secretKey …`) or
 * the environment; they never reach an output, a log line or an error.
 */
export interface CkafkaProviderSettings {
  /** @default - TENCENTCLOUD_REGION; the emulator's own region when it is used */
  readonly region?: string;
  /** A CKafka API endpoint, e.g. a `ckafka emulator serve` address. @default - CKAFKA_ENDPOINT, else the public endpoint */
  readonly endpoint?: string;
  /** Use the embedded emulator on this state file (relative to the working directory). @default - see {@link selectProviderCloud} */
  readonly emulatorState?: string;
  /**
   * Use the embedded emulator on `.ckafka/emulator-state.json`, on purpose (`"true"`; also
   * `CKAFKA_EMULATOR=1`). Without it and without credentials the provider fails
   * (`cloud/credentials-missing`) rather than create instances in a local file.
   * @default - not chosen
   */
  readonly emulator?: string;
  /** @default - TENCENTCLOUD_SECRET_ID */
  readonly secretId?: string;
  /** @default - TENCENTCLOUD_SECRET_KEY */
  readonly secretKey?: string;
  /** @default - TENCENTCLOUD_SESSION_TOKEN */
  readonly sessionToken?: string;
}

/** The part of `pulumi.dynamic.Config` the provider uses. */
export interface ConfigReader {
  get(key: string): string | undefined;
}

/** Reads the `ckafka:*` keys; empty values count as unset. */
export function readProviderConfig(config: ConfigReader): CkafkaProviderSettings {
  const out: Record<string, string> = {};
  for (const [field, key] of Object.entries(CONFIG_KEYS)) {
    const v = config.get(key)?.trim();
    if (v !== undefined && v !== '') out[field] = v;
  }
  return out;
}

/** A cloud chosen for one operation. */
export interface ProviderCloud {
  readonly cloud: CkafkaCloud;
  /** One line naming the cloud, never a secret. */
  readonly description: string;
  /** Whether no credentials were found and the emulator was picked for that reason. */
  readonly fallback: boolean;
  close(): Promise<void>;
}

/** Where {@link selectProviderCloud} looks. */
export interface SelectProviderCloudOptions {
  /** @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Base of relative emulator state paths. @default process.cwd() */
  readonly cwd?: string;
  /** The resource's own region, over the settings'. @default - the settings' region */
  readonly region?: string;
}

/** Builds the cloud for one provider operation, by the CLI's rule (`openCloud`). */
export async function selectProviderCloud(settings: CkafkaProviderSettings, options: SelectProviderCloudOptions = {}): Promise<ProviderCloud> {
  const env = options.env ?? process.env;
  const region = options.region ?? settings.region;
  // Secret config takes precedence over the environment, key by key.
  const merged = {
    ...env,
    ...(settings.secretId === undefined ? {} : { TENCENTCLOUD_SECRET_ID: settings.secretId }),
    ...(settings.secretKey === undefined ? {} : { TENCENTCLOUD_SECRET_KEY: settings.secretKey }),
    ...(settings.sessionToken === undefined ? {} : { TENCENTCLOUD_SESSION_TOKEN: settings.sessionToken }),
  };
  try {
    const opened = await openCloud({
      env: merged,
      cwd: options.cwd ?? process.cwd(),
      ...(region === undefined ? {} : { region }),
      ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
      ...(settings.emulatorState === undefined ? {} : { emulatorState: settings.emulatorState }),
      ...(settings.emulator === undefined || ['false', '0'].includes(settings.emulator.toLowerCase()) ? {} : { emulator: true }),
      refuseFallback: true,
    });
    const fallback = opened.emulator === 'fallback';
    return {
      cloud: opened.cloud,
      fallback,
      description: `${fallback ? 'no Tencent Cloud credentials (TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY): using ' : ''}${opened.description}`,
      close: () => opened.close(),
    };
  } catch (e) {
    if (CloudConfigError.isCloudConfigError(e)) {
      const hint =
        e.code === 'cloud/auth-failed'
          ? '; or the secret config ckafka:secretId and ckafka:secretKey'
          : e.code === 'cloud/region-missing'
            ? '; or the resource input region, or `pulumi config set ckafka:region ap-guangzhou`'
            : e.code === 'cloud/credentials-missing'
              ? '; or `pulumi config set --secret ckafka:secretId …` and `ckafka:secretKey`; or `pulumi config set ckafka:emulator true` (or ckafka:emulatorState <file>) for the emulator'
              : '';
      throw new CkafkaProviderError(e.code, `${e.message} (${e.hint}${hint})`);
    }
    throw CkafkaProviderError.fromCloud(e, 'reading the cloud settings');
  }
}
