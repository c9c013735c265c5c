/**
 * Which cloud to talk to, by one rule for every front end (the CLI and the Pulumi provider):
 * an emulator state file when one is named, or the embedded emulator when chosen on purpose;
 * Tencent Cloud (or the given endpoint) when credentials or an endpoint are set; otherwise the
 * embedded emulator on `.ckafka/emulator-state.json` at the project's root (see
 * `embedded-state-path.ts`), created on first use from a seed, except in CI and the Pulumi provider,
 * where that is an error (`cloud/credentials-missing`). Modules are loaded only for the cloud
 * chosen, so a plan against the emulator never loads the SDK.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IssueCode } from '../spec/issues';
import { REGION_PATTERN } from '../spec/fleet-schema';
import { EMBEDDED_STATE_FILE, embeddedStatePath } from './embedded-state-path';
import type { Emulator, EmulatorState } from './emulator';
import type { CkafkaCloud } from './port';
import { probeEndpointRegion } from './probe-endpoint-region';
import { redactUrl } from './redact';

/** Where the embedded emulator keeps its state unless told otherwise, relative to the project folder (the git root, else the working directory). */
export const DEFAULT_EMULATOR_STATE = EMBEDDED_STATE_FILE;

/**
 * The key pair requests to an endpoint on this machine are signed with when none is set: an
 * emulator serving without keys accepts any signature. Not a secret.
 */
const PLACEHOLDER_CREDENTIALS = { secretId: 'ckafka-iac-no-credentials', secretKey: 'ckafka-iac-no-credentials' } as const;

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
  /**
   * A folder of the project whose embedded emulator to use (the fleet files' folder): the state
   * lives at the root of its git work tree. @default the working directory
   */
  readonly projectDir?: string;
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
  // The modules themselves, not the emulator's index: a plan need not load its HTTP server.
  const [{ createEmulator }, { createSeedState }, { loadEmulatorState }, { rebaseEmulatorState }, { createEmulatedCloud }] = await Promise.all([
    import('./emulator/emulator'),
    import('./emulator/seed-state'),
    import('./emulator/state-file'),
    import('./emulator/rebase-state'),
    import('./emulated-cloud'),
  ]);
  const abs = path.resolve(options.cwd, statePath);
  let created = '';
  let state: EmulatorState | undefined;
  const exists = fs.existsSync(abs);
  if (!exists) {
    // A new embedded state starts now, on a clock that moves only when ckafka waits: apply follows
    // a migration of hours in a second, and time does not run on while someone reads a plan. The
    // emulator validates it and writes the file with its first call.
    const seed = options.seed === undefined ? createSeedState() : await loadEmulatorState(options.seed);
    state = rebaseEmulatorState(seed, new Date(), { speed: 0, realAt: Date.now(), stepOnSleep: true });
    created = options.seed === undefined ? ', created from the built-in seed' : `, created from ${path.relative(options.cwd, options.seed) || options.seed}`;
  }
  // An existing file is read and validated here, once; nothing is written before the first call.
  const emulator = createEmulator({ statePath: abs, ...(state === undefined ? {} : { state }) });
  if (how === 'named' && exists) await refuseUnanchoredSeed(emulator, path.relative(options.cwd, abs) || abs);
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

// A state file of a seed (a committed example such as examples/quickstart/emulator-state.json)
// has a clock anchored at real time 0: used as a live state, its virtual clock would read decades
// ahead. Seeds are copied and re-dated (`ckafka emulator init --seed`), never run in place.
async function refuseUnanchoredSeed(emulator: Emulator, shown: string): Promise<void> {
  const clock = emulator.snapshot('clock');
  if (clock.realAt !== 0 || clock.speed === 0) return;
  await emulator.close();
  throw new CloudConfigError(
    'emulator/state-is-seed',
    `${shown} is a seed, not a live emulator state: its clock is not anchored to real time (clock.realAt is 0), so run as is it would read a date decades ahead`,
    `copy it into a state dated now and rehearse on the copy: ckafka emulator init --seed ${shown} --out rehearsal.json, then --emulator-state rehearsal.json (or put it beside the fleet file as emulator-state.json, where the embedded emulator takes its seed)`,
  );
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
  const embedded = embeddedStatePath(options.cwd, options.projectDir);
  if (options.emulator === true || isSet(options.env.CKAFKA_EMULATOR)) return openEmulator(options, embedded, 'named');
  const [{ tencentConfigFromEnv }, { createTencentCloud }, { isLoopbackHost }, { parseEndpoint }] = await Promise.all([
    import('./tencent/tencent-config-from-env'),
    import('./tencent/tencent-ckafka-cloud'),
    import('./tencent/select-proxy'),
    import('./tencent/parse-endpoint'),
  ]);
  const config = tencentConfigFromEnv(options.env, { ...(options.region === undefined ? {} : { region: options.region }), ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }) });
  if (config.credentials === undefined && config.endpoint === undefined) {
    if (options.refuseFallback ?? isCi(options.env)) throw credentialsMissing(isCi(options.env));
    return openEmulator(options, embedded, 'fallback');
  }
  const local = config.endpoint !== undefined && isLoopbackHost(parseEndpoint(config.endpoint).hostname);
  if (config.credentials === undefined && !local)
    throw new CloudConfigError(
      'cloud/auth-failed',
      `an endpoint is set (${redactUrl(config.endpoint ?? '')}) but TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not`,
      'set them to a key pair the endpoint accepts, or drop the endpoint to use the embedded emulator',
    );
  // An endpoint on this machine is an emulator: without keys, sign with a placeholder (an emulator
  // started without keys accepts it; one started with keys says AuthFailure, and the hint says why).
  const credentials = config.credentials ?? PLACEHOLDER_CREDENTIALS;
  const probed = config.region === undefined && local && config.endpoint !== undefined ? await probeEndpointRegion(config.endpoint, credentials) : undefined;
  if (probed !== undefined && 'refused' in probed)
    throw new CloudConfigError(
      'cloud/auth-failed',
      config.credentials === undefined
        ? `the emulator at ${redactUrl(config.endpoint ?? '')} checks signatures (${probed.refused}) and TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not set`
        : `the emulator at ${redactUrl(config.endpoint ?? '')} refused the key pair in TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (${probed.refused})`,
      'set them to the key pair `ckafka emulator serve` was started with (or start it without one)',
    );
  const region = config.region ?? (probed !== undefined && 'region' in probed ? probed.region : undefined);
  if (region === undefined)
    throw new CloudConfigError(
      'cloud/region-missing',
      'no region: the declaration names none and TENCENTCLOUD_REGION is not set',
      local ? 'name the region in the declaration, pass --region or set TENCENTCLOUD_REGION (the endpoint did not say which region it serves)' : 'name the region in the declaration (`region: ap-guangzhou`) or set TENCENTCLOUD_REGION',
    );
  if (!REGION_PATTERN.test(region)) throw new CloudConfigError('spec/bad-region', `"${region}" is not a Tencent Cloud region name`, 'use a region such as ap-guangzhou or ap-singapore');
  const cloud = createTencentCloud({
    region,
    credentials,
    ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
    ...(config.proxy === undefined ? {} : { proxy: config.proxy }),
    ...(config.writeSettleMs === undefined ? {} : { reobserveDelayMs: config.writeSettleMs }),
  });
  const where = config.endpoint === undefined ? 'Tencent Cloud' : `the CKafka API at ${redactUrl(config.endpoint)}`;
  const notes = [
    config.region === undefined ? 'the region it serves' : undefined,
    config.credentials === undefined ? 'no credentials set: requests signed with a placeholder key, which an emulator serving without keys accepts' : undefined,
  ].filter((n) => n !== undefined);
  return {
    cloud,
    description: `${where} (${region}${notes.length > 0 ? `: ${notes.join('; ')}` : ''})${config.proxy === undefined ? '' : ` through proxy ${redactUrl(config.proxy)}`}`,
    close: () => cloud.close(),
  };
}
