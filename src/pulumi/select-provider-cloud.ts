/**
 * Which cloud the provider talks to, by the CLI's rule: an emulator state file when one is
 * configured; Tencent Cloud when credentials (or an endpoint) are set; otherwise the embedded
 * emulator on `.ckafka/emulator-state.json`, seeded on first use. Built inside each provider
 * operation, never captured: a live client cannot be closure-serialised, and the Tencent SDK and
 * the emulator are loaded only when chosen.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CkafkaCloud } from '../cloud/port';
import { redactUrl } from '../cloud/redact';
import { REGION_PATTERN } from '../spec/fleet-schema';
import { CkafkaProviderError } from './ckafka-provider-error';

/** Where the embedded emulator keeps its state, relative to the working directory (as the CLI). */
export const DEFAULT_EMULATOR_STATE = path.join('.ckafka', 'emulator-state.json');

/** Pulumi config keys the provider reads (namespace `ckafka`). */
export const CONFIG_KEYS = {
  region: 'ckafka:region',
  endpoint: 'ckafka:endpoint',
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

async function embeddedEmulator(statePath: string, cwd: string, region: string | undefined, fallback: boolean): Promise<ProviderCloud> {
  const emulatorModule = await import('../cloud/emulator');
  const abs = path.resolve(cwd, statePath);
  let created = '';
  if (!fs.existsSync(abs)) {
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    emulatorModule.saveEmulatorState(abs, emulatorModule.createSeedState());
    created = ', created from the built-in seed';
  }
  const emulator = emulatorModule.createEmulator({ statePath: abs });
  const cloud = emulator.cloud(region === undefined ? {} : { region });
  return {
    cloud,
    fallback,
    description: `${fallback ? 'no Tencent Cloud credentials (TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY): using the ' : ''}embedded CKafka emulator (${cloud.region}, state ${path.relative(cwd, abs) || abs}${created})`,
    close: async () => {
      await cloud.close();
      await emulator.close();
    },
  };
}

/** Builds the cloud for one provider operation. */
export async function selectProviderCloud(settings: CkafkaProviderSettings, options: SelectProviderCloudOptions = {}): Promise<ProviderCloud> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const region = options.region ?? settings.region;
  if (settings.emulatorState !== undefined) return embeddedEmulator(settings.emulatorState, cwd, region, false);

  const { tencentConfigFromEnv, createTencentCloud } = await import('../cloud/tencent');
  // Secret config takes precedence over the environment, key by key.
  const merged = {
    ...env,
    ...(settings.secretId === undefined ? {} : { TENCENTCLOUD_SECRET_ID: settings.secretId }),
    ...(settings.secretKey === undefined ? {} : { TENCENTCLOUD_SECRET_KEY: settings.secretKey }),
    ...(settings.sessionToken === undefined ? {} : { TENCENTCLOUD_SESSION_TOKEN: settings.sessionToken }),
  };
  let config: ReturnType<typeof tencentConfigFromEnv>;
  try {
    config = tencentConfigFromEnv(merged, { ...(region === undefined ? {} : { region }), ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }) });
  } catch (e) {
    throw CkafkaProviderError.fromCloud(e, 'reading the cloud settings');
  }
  if (config.credentials === undefined && config.endpoint === undefined) return embeddedEmulator(DEFAULT_EMULATOR_STATE, cwd, region, true);
  if (config.credentials === undefined)
    throw new CkafkaProviderError(
      'cloud/auth-failed',
      `an endpoint is set (${redactUrl(config.endpoint ?? '')}) but no credentials: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, or the secret config ckafka:secretId and ckafka:secretKey`,
    );
  if (config.region === undefined)
    throw new CkafkaProviderError('cloud/region-missing', 'no region: set the resource input region, `pulumi config set ckafka:region ap-guangzhou`, or TENCENTCLOUD_REGION');
  if (!REGION_PATTERN.test(config.region)) throw new CkafkaProviderError('spec/bad-region', `"${config.region}" is not a Tencent Cloud region name (use a region such as ap-guangzhou)`);
  const cloud = createTencentCloud({
    region: config.region,
    credentials: config.credentials,
    ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
    ...(config.proxy === undefined ? {} : { proxy: config.proxy }),
  });
  const where = config.endpoint === undefined ? 'Tencent Cloud' : `the CKafka API at ${redactUrl(config.endpoint)}`;
  return { cloud, fallback: false, description: `${where} (${config.region})`, close: () => cloud.close() };
}
