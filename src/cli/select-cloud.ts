/**
 * Which cloud a command talks to. With credentials or an endpoint: Tencent Cloud (through the
 * official SDK). With neither: the embedded emulator on a state file, created from a seed on
 * first use, and one line on stderr saying so. Modules are loaded only for the cloud chosen.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CkafkaCloud } from '../cloud/port';
import { redactUrl } from '../cloud/redact';
import { REGION_PATTERN } from '../spec/fleet-schema';
import { CliError, usageError } from './cli-error';
import { write, type Io } from './output';

/** Where the embedded emulator keeps its state unless told otherwise, relative to the working directory. */
export const DEFAULT_EMULATOR_STATE = path.join('.ckafka', 'emulator-state.json');

export interface CloudChoice {
  /** `--endpoint`, else CKAFKA_ENDPOINT. */
  readonly endpoint?: string;
  /** `--emulator-state`. */
  readonly emulatorState?: string;
  /** The declaration's region, or `--region`. */
  readonly region?: string;
  /** A seed for a new embedded emulator state (an `emulator-state.json` beside the fleet). */
  readonly seed?: string;
  /** Say which cloud is used, on stderr. @default true */
  readonly announce?: boolean;
}

export interface SelectedCloud {
  readonly cloud: CkafkaCloud;
  /** One line naming the cloud, never a secret. */
  readonly description: string;
  /** Releases the cloud (and the emulator's state file). */
  close(): Promise<void>;
}

function regionOrFail(region: string | undefined): string {
  if (region === undefined)
    throw new CliError('usage', 'no region: the fleet file names none and TENCENTCLOUD_REGION is not set', [
      { code: 'cloud/region-missing', severity: 'error', path: 'region', message: 'no region to talk to', hint: 'add `region: ap-guangzhou` to the fleet file, set TENCENTCLOUD_REGION, or pass --region' },
    ]);
  if (!REGION_PATTERN.test(region)) throw usageError(`"${region}" is not a Tencent Cloud region name`, 'use a region such as ap-guangzhou or ap-singapore');
  return region;
}

async function embeddedEmulator(io: Io, choice: CloudChoice, statePath: string, explicit: boolean): Promise<SelectedCloud> {
  const emulatorModule = await import('../cloud/emulator');
  const abs = path.resolve(io.cwd, statePath);
  const rel = path.relative(io.cwd, abs);
  let created = '';
  if (!fs.existsSync(abs)) {
    // A new embedded state starts now, on a clock that moves only when ckafka waits: apply follows
    // a migration of hours in a second, and time does not run on while someone reads a plan.
    const seed = choice.seed === undefined ? emulatorModule.createSeedState() : await emulatorModule.loadEmulatorState(choice.seed);
    const state = emulatorModule.rebaseEmulatorState(seed, new Date(), { speed: 0, realAt: Date.now(), stepOnSleep: true });
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    await emulatorModule.saveEmulatorState(abs, state);
    created = choice.seed === undefined ? ', created from the built-in seed' : `, created from ${path.relative(io.cwd, choice.seed)}`;
  }
  const emulator = emulatorModule.createEmulator({ statePath: abs });
  const cloud = emulator.cloud(choice.region === undefined ? {} : { region: choice.region });
  const description = `embedded CKafka emulator (${cloud.region}, state ${rel}${created})`;
  if (choice.announce !== false)
    write(
      io,
      'stderr',
      explicit
        ? `Using the ${description}.\n`
        : `No Tencent Cloud credentials (TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY): using the ${description}.\n`,
    );
  return {
    cloud,
    description,
    close: async () => {
      await cloud.close();
      await emulator.close();
    },
  };
}

/** Chooses and builds the cloud for a command. */
export async function selectCloud(io: Io, choice: CloudChoice): Promise<SelectedCloud> {
  if (choice.emulatorState !== undefined) return embeddedEmulator(io, choice, choice.emulatorState, true);
  const { tencentConfigFromEnv, createTencentCloud } = await import('../cloud/tencent');
  const config = tencentConfigFromEnv(io.env, { ...(choice.region === undefined ? {} : { region: choice.region }), ...(choice.endpoint === undefined ? {} : { endpoint: choice.endpoint }) });
  if (config.credentials === undefined && config.endpoint === undefined) return embeddedEmulator(io, choice, DEFAULT_EMULATOR_STATE, false);
  if (config.credentials === undefined)
    throw new CliError('usage', `an endpoint is set (${redactUrl(config.endpoint ?? '')}) but no credentials`, [
      {
        code: 'cloud/auth-failed',
        severity: 'error',
        path: '',
        message: 'TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not set',
        hint: 'set them (for `ckafka emulator serve`, the same values the emulator was started with), or drop --endpoint/CKAFKA_ENDPOINT to use the embedded emulator',
      },
    ]);
  const region = regionOrFail(config.region);
  const cloud = createTencentCloud({
    region,
    credentials: config.credentials,
    ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
    ...(config.proxy === undefined ? {} : { proxy: config.proxy }),
  });
  const where = config.endpoint === undefined ? 'Tencent Cloud' : `the CKafka API at ${redactUrl(config.endpoint)}`;
  const description = `${where} (${region})${config.proxy === undefined ? '' : ` through proxy ${redactUrl(config.proxy)}`}`;
  if (choice.announce !== false && config.endpoint !== undefined) write(io, 'stderr', `Using ${description}.\n`);
  return { cloud, description, close: () => cloud.close() };
}
