/**
 * The `ckafka` entry point and the CLI's single error boundary. Commands are loaded on demand,
 * so `ckafka validate` never loads the cloud SDK and no command loads Pulumi or cdktf.
 */
import { CloudError } from '../cloud/port';
import type { EmulatorIssueCode } from '../spec/issues';
import { closestMatch } from '../spec/suggest';
import { escapeTerminalText } from '../render/escape-terminal';
import { CliError, usageError } from './cli-error';
import type { Command } from './command';
import { HELP } from './help';
import { colorFor, errorEnvelope, formatIssues, write, type Io } from './output';

export type { Command } from './command';

const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  plan: async () => (await import('./commands/plan')).planCommand,
  apply: async () => (await import('./commands/apply')).applyCommand,
  status: async () => (await import('./commands/status')).statusCommand,
  validate: async () => (await import('./commands/validate')).validateCommand,
  schema: async () => (await import('./commands/schema')).schemaCommand,
  emulator: async () => (await import('./commands/emulator')).emulatorCommand,
  queue: async () => (await import('./commands/queue')).queueCommand,
  doctor: async () => (await import('./commands/doctor')).doctorCommand,
};

function version(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- package.json is outside rootDir, so not importable
  return (require('../../package.json') as { version: string }).version;
}

function wantsJson(argv: readonly string[]): boolean {
  const i = argv.indexOf('--format');
  return argv.includes('--format=json') || (i >= 0 && argv[i + 1] === 'json');
}

// Cloud errors in the user's terms, with the request id support asks for.
function cloudErrorToCli(e: CloudError): CliError {
  const hints: Partial<Record<CloudError['kind'], string>> = {
    auth: 'check TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY (and the clock of this machine: signatures expire after 5 minutes)',
    throttled: 'the API kept throttling after retries; run again later or lower --concurrency',
    unavailable: 'the cloud is unavailable; run again later (nothing was submitted unless said so above)',
    network: 'check the network, the endpoint (--endpoint / CKAFKA_ENDPOINT) and any proxy settings',
    'not-found': 'check the instance id and the region',
  };
  // The client refused its own settings before any call: say what is wrong, not that a call failed.
  const config = e.kind === 'invalid' && e.action === 'client';
  const message = config ? e.message : `${e.action} failed: ${e.code}: ${e.message}${e.requestId ? ` (request ${e.requestId})` : ''}`;
  const code = config ? 'cloud/config-invalid' : e.kind === 'auth' ? 'cloud/auth-failed' : e.kind === 'throttled' ? 'cloud/throttled' : e.kind === 'network' ? 'cloud/network' : e.kind === 'unavailable' ? 'cloud/unavailable' : 'cloud/api-error';
  const hint = config ? 'fix or unset the setting the message names (a variable or a flag)' : hints[e.kind];
  return new CliError('cloud', message, [{ code, severity: 'error', path: '', message, ...(hint === undefined ? {} : { hint }) }], hint);
}

const EMULATOR_HINTS: Readonly<Record<EmulatorIssueCode, string>> = {
  'emulator/state-invalid': 'fix the value named, or delete the file to start again from the seed',
  'emulator/state-locked': 'wait for the other ckafka command to finish',
  'emulator/state-conflict': 'run the command again: it reads the newer state',
  'emulator/state-io': 'check the path, its permissions and the free space on the disk',
  'emulator/state-is-seed': 'make a state from the seed with `ckafka emulator init --seed <file>`, and pass that state',
  'emulator/state-exists': 'pass --force to replace it, or --out another file',
};

// The emulator's state-file errors, recognised without loading the emulator module.
function emulatorStateErrorToCli(e: unknown): CliError | undefined {
  const x = e as { name?: unknown; code?: unknown; path?: unknown; message?: unknown };
  // `emulator/closed` is a programming error (use after close): reported as internal.
  if (typeof e !== 'object' || e === null || x.name !== 'EmulatorStateError' || typeof x.code !== 'string' || !x.code.startsWith('emulator/') || x.code === 'emulator/closed') return undefined;
  const code = x.code as EmulatorIssueCode;
  const message = String(x.message);
  const hint = EMULATOR_HINTS[code] ?? 'check the path and its permissions';
  return new CliError('input', message, [{ code, severity: 'error', path: '', message, hint, ...(typeof x.path === 'string' ? { file: x.path } : {}) }], hint);
}

/** Runs `ckafka` with `argv` (without `node` and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  const json = wantsJson(argv);
  const color = colorFor(io.stderr, io.env, argv.includes('--no-color'));
  try {
    if (name === 'help' && rest[0] !== undefined) {
      // `ckafka help plan` is `ckafka plan --help`.
      const topic = rest[0];
      if (COMMANDS[topic] === undefined) {
        const near = closestMatch(topic, Object.keys(COMMANDS));
        throw usageError(`no help for "${topic}": it is not a command`, near ? `did you mean \`ckafka help ${near}\`? (ckafka --help lists the commands)` : 'ckafka --help lists the commands');
      }
      write(io, 'stdout', `${HELP[topic] ?? HELP.main}\n`);
      return 0;
    }
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      // `ckafka help <command>` is `ckafka <command> --help`.
      const topic = name === 'help' && rest[0] !== undefined && rest[0] in COMMANDS ? HELP[rest[0]] : undefined;
      write(io, 'stdout', `${topic ?? HELP.main}\n`);
      return name === undefined ? 1 : 0;
    }
    if (name === '--version' || name === '-v') {
      write(io, 'stdout', `${version()}\n`);
      return 0;
    }
    const load = COMMANDS[name];
    if (load === undefined) {
      const near = closestMatch(name, Object.keys(COMMANDS));
      throw usageError(`unknown command "${name}"`, near ? `did you mean \`ckafka ${near}\`? (ckafka --help lists the commands)` : 'ckafka --help lists the commands');
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      write(io, 'stdout', `${HELP[name] ?? HELP.main}\n`);
      return 0;
    }
    const command = await load();
    return await command(rest, io);
  } catch (e) {
    const err = CliError.isCliError(e)
      ? e
      : CloudError.isCloudError(e)
        ? cloudErrorToCli(e)
        : (emulatorStateErrorToCli(e) ?? new CliError('internal', `internal error: ${e instanceof Error ? e.message : String(e)}`, [
            { code: 'cli/internal', severity: 'error', path: '', message: e instanceof Error ? e.message : String(e), hint: `this is a bug in ckafka-iac ${version()} (node ${process.version}); please report it with the command you ran` },
          ]));
    if (json) write(io, 'stdout', errorEnvelope(err));
    const body = err.issues.length > 0 ? formatIssues(err.issues, color) : `error: ${escapeTerminalText(err.message)}${err.hint ? `\n  fix: ${escapeTerminalText(err.hint)}` : ''}`;
    write(io, 'stderr', `${body}\n`);
    if (err.kind === 'internal' && io.env.CKAFKA_DEBUG && e instanceof Error && e.stack) write(io, 'stderr', `${e.stack}\n`);
    return 1;
  }
}

/** The process entry: real streams and env, exit code set (not forced, so output flushes). */
export function main(): void {
  // If the process ends without a result (a promise that never settles empties the event loop),
  // it must not look like success.
  process.exitCode = 1;
  void runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }).then((code) => {
    process.exitCode = code;
  });
}
