/**
 * The cloud a command talks to (the rule is `openCloud`'s), announced on stderr, with
 * configuration problems turned into usage errors with their codes.
 */
import { CloudConfigError, DEFAULT_EMULATOR_STATE, openCloud, type OpenedCloud } from '../cloud/open-cloud';
import { escapeTerminalLine } from '../render/escape-terminal';
import { CliError } from './cli-error';
import { write, type Io } from './output';

export { DEFAULT_EMULATOR_STATE };

export interface CloudChoice {
  /** `--endpoint`, else CKAFKA_ENDPOINT. */
  readonly endpoint?: string;
  /** `--emulator-state`. */
  readonly emulatorState?: string;
  /** `--emulator`: the embedded emulator, on purpose. */
  readonly emulator?: boolean;
  /** The declaration's region, or `--region`. */
  readonly region?: string;
  /** A seed for a new embedded emulator state (an `emulator-state.json` beside the fleet). */
  readonly seed?: string;
  /** The fleet files' folder: the embedded state is the one of its project (git root). @default the working directory */
  readonly projectDir?: string;
  /** Say which cloud is used, on stderr. @default true */
  readonly announce?: boolean;
}

export type SelectedCloud = OpenedCloud;

/** Chooses and builds the cloud for a command. */
export async function selectCloud(io: Io, choice: CloudChoice): Promise<SelectedCloud> {
  let opened: OpenedCloud;
  try {
    opened = await openCloud({
      env: io.env,
      cwd: io.cwd,
      ...(choice.region === undefined ? {} : { region: choice.region }),
      ...(choice.endpoint === undefined ? {} : { endpoint: choice.endpoint }),
      ...(choice.emulatorState === undefined ? {} : { emulatorState: choice.emulatorState }),
      ...(choice.seed === undefined ? {} : { seed: choice.seed }),
      ...(choice.projectDir === undefined ? {} : { projectDir: choice.projectDir }),
      ...(choice.emulator === true ? { emulator: true } : {}),
    });
  } catch (e) {
    if (CloudConfigError.isCloudConfigError(e)) {
      const hint = e.code === 'cloud/credentials-missing' ? `${e.hint}, --emulator, or --emulator-state <file>` : e.hint;
      throw new CliError('usage', e.message, [{ code: e.code, severity: 'error', path: '', message: e.message, hint }], hint);
    }
    throw e;
  }
  if (choice.announce !== false && (opened.emulator !== undefined || choice.endpoint !== undefined || io.env.CKAFKA_ENDPOINT))
    write(
      io,
      'stderr',
      opened.emulator === 'fallback'
        ? `No Tencent Cloud credentials (TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY): using ${escapeTerminalLine(opened.description)}.\n`
        : `Using ${escapeTerminalLine(opened.description)}.\n`,
    );
  return opened;
}
