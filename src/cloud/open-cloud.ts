/**
 * Which cloud to talk to, by one rule for every front end (the CLI and the Pulumi provider):
 * an emulator state file when one is named, or the embedded emulator when chosen on purpose;
 * Tencent Cloud (or the given endpoint) when credentials or an endpoint are set; otherwise the
 * embedded emulator on `.ckafka/emulator-state.json`, created on first use from a seed, except in
 * CI and the Pulumi provider, where that is an error (`cloud/credentials-missing`). Modules are loaded only for the cloud chosen, so a plan
 * against the emulator never loads the SDK.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IssueCode } from '../spec/issues';
import { REGION_PATTERN } from '../spec/fleet-schema';
import type { CkafkaCloud } from './port';
import { redactUrl } from './redact';

/** Where the embedded emulator keeps its state unless told otherwise, relative to the working directory. */
export const DEFAULT_EMULATOR_STATE = path.join('.ckafka', 'emulator-state.json');

export interface OpenCloudOptions {
  /** The environment to read credentials, region, endpoint and proxies from. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Base of relative paths. */
  readonly cwd: string;
  /** The declaration's region. @default TENCENTCLOUD_REGION; the emulator's own region for the emulator */
  readonly region?: string;
  /** An API endpoint (a private endpoint, `ckafka emulator serve`). @default CKAFKA_ENDPOINT, else the public endpoint */
  readonly endpoint?: string;
  /** Use the embedded emulator on this state file. @default - only when no credentials or endpoint are set */
  readonly emulatorState?: string;
  /** A state file to create a new embedded state from. @default the built-in demo fleet */
  readonly seed?: string;
  /** The embedded emulator, chosen on purpose (also `CKAFKA_EMULATOR=1`): used even in CI. @default false */
  readonly emulator?: boolean;
  /**
   * With no credentials, fail with `cloud/credentials-missing` instead of falling back to the
   * embedded emulator, so a missing secret cannot pass for a plan of an imaginary fleet.
   * @default - when `CI` is set in `env` (GitHub Actions, GitLab CI, most CI systems set it)
   */
  readonly refuseFallback?: boolean;
}

export interface OpenedCloud {
  readonly cloud: CkafkaCloud;
  /** The cloud in one line, without secrets: `Tencent Cloud (ap-guangzhou)`, `the embedded CKafka emulator (…)`. */
  readonly description: string;
  /** `named`: the emulator state was asked for; `fallback`: no credentials, so the embedded emulator. */
  readonly emulator?: 'named' | 'fallback';
  /** Releases the client and the emulator's state file. */
  close(): Promise<void>;
}

const BRAND = Symbol.for('ckafka-iac.CloudConfigError');

/** The settings cannot make a cloud: no region, an endpoint without credentials, a bad region name. */
export class CloudConfigError extends Error {
  readonly [BRAND] = true;
  override readonly name = 'CloudConfigError';
  constructor(
    readonly code: IssueCode,
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }

  static isCloudConfigError(x: unknown): x is CloudConfigError {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[BRAND] === true;
  }
}

async function openEmulator(options: OpenCloudOptions, statePath: string, how: 'named' | 'fallback'): Promise<OpenedCloud> {
  const emulatorModule = await import('./emulator');
  const { createEmulatedCloud } = await import('./emulated-cloud');
  const abs = path.resolve(options.cwd, statePath);
  let created = '';
  if (!fs.existsSync(abs)) {
    // A new embedded state starts now, on a clock that moves only when ckafka waits: apply follows
    // a migration of hours in a second, and time does not run on while someone reads a plan.
    const seed = options.seed === undefined ? emulatorModule.createSeedState() : await emulatorModule.loadEmulatorState(options.seed);
    const state = emulatorModule.rebaseEmulatorState(seed, new Date(), { speed: 0, realAt: Date.now(), stepOnSleep: true });
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    await emulatorModule.saveEmulatorState(abs, state);
    created = options.seed === undefined ? ', created from the built-in seed' : `, created from ${path.relative(options.cwd, options.seed) || options.seed}`;
  }
  const emulator = emulatorModule.createEmulator({ statePath: abs });
  const cloud = createEmulatedCloud(emulator, options.region === undefined ? {} : { region: options.region });
  return {
    cloud,
    description: `the embedded CKafka emulator (${cloud.region}, state ${path.relative(options.cwd, abs) || abs}${created})`,
    emulator: how,
    close: async () => {
      await cloud.close();
      await emulator.close();
    },
  };
}

const isSet = (v: string | undefined): boolean => v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';

/** Whether the environment is a CI job: `CI` set (and not `false` or `0`). */
export function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  return isSet(env.CI);
}

function credentialsMissing(ci: boolean): CloudConfigError {
  return new CloudConfigError(
    'cloud/credentials-missing',
    `no Tencent Cloud credentials: TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not set${ci ? ', and this is a CI job (CI is set)' : ''}; ckafka does not fall back to the embedded emulator here, so a missing secret cannot pass for a plan of an imaginary fleet`,
    'set the credentials (a misnamed secret, or a pull request from a fork, leaves them empty), or choose the emulator on purpose with CKAFKA_EMULATOR=1',
  );
}

/** Chooses and builds the cloud. Throws {@link CloudConfigError} when the settings cannot make one. */
export async function openCloud(options: OpenCloudOptions): Promise<OpenedCloud> {
  if (options.emulatorState !== undefined) return openEmulator(options, options.emulatorState, 'named');
  if (options.emulator === true || isSet(options.env.CKAFKA_EMULATOR)) return openEmulator(options, DEFAULT_EMULATOR_STATE, 'named');
  const { tencentConfigFromEnv, createTencentCloud } = await import('./tencent');
  const config = tencentConfigFromEnv(options.env, { ...(options.region === undefined ? {} : { region: options.region }), ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }) });
  if (config.credentials === undefined && config.endpoint === undefined) {
    if (options.refuseFallback ?? isCi(options.env)) throw credentialsMissing(isCi(options.env));
    return openEmulator(options, DEFAULT_EMULATOR_STATE, 'fallback');
  }
  if (config.credentials === undefined)
    throw new CloudConfigError(
      'cloud/auth-failed',
      `an endpoint is set (${redactUrl(config.endpoint ?? '')}) but TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not`,
      'set them (for `ckafka emulator serve`, the values the emulator was started with), or drop the endpoint to use the embedded emulator',
    );
  if (config.region === undefined)
    throw new CloudConfigError('cloud/region-missing', 'no region: the declaration names none and TENCENTCLOUD_REGION is not set', 'name the region in the declaration (`region: ap-guangzhou`) or set TENCENTCLOUD_REGION');
  if (!REGION_PATTERN.test(config.region)) throw new CloudConfigError('spec/bad-region', `"${config.region}" is not a Tencent Cloud region name`, 'use a region such as ap-guangzhou or ap-singapore');
  const cloud = createTencentCloud({
    region: config.region,
    credentials: config.credentials,
    ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
    ...(config.proxy === undefined ? {} : { proxy: config.proxy }),
    ...(config.writeSettleMs === undefined ? {} : { reobserveDelayMs: config.writeSettleMs }),
  });
  const where = config.endpoint === undefined ? 'Tencent Cloud' : `the CKafka API at ${redactUrl(config.endpoint)}`;
  return { cloud, description: `${where} (${config.region})${config.proxy === undefined ? '' : ` through proxy ${redactUrl(config.proxy)}`}`, close: () => cloud.close() };
}
