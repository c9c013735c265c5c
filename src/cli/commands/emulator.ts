import * as path from 'node:path';
import { intFlag, parseCommandArgs, stringFlag } from '../args';
import { CliError, usageError } from '../cli-error';
import type { Command } from '../command';
import { escapeTerminalLine, escapeTerminalText } from '../../render/escape-terminal';
import { write } from '../output';
import { embeddedStatePath } from '../../cloud/embedded-state-path';
import { selectCloud } from '../select-cloud';
import { watchParent } from '../watch-parent';

const DEFAULT_PORT = 4577;

/** `ckafka emulator init|serve|snapshot`. */
export const emulatorCommand: Command = async (argv, io) => {
  const [sub, ...rest] = argv;
  if (sub === 'serve') {
    const args = parseCommandArgs('emulator serve', rest, { port: { type: 'string' }, state: { type: 'string' }, speed: { type: 'string' } });
    if (args.positionals.length > 0) throw usageError(`ckafka emulator serve takes no arguments; got ${args.positionals.join(' ')}`);
    const portText = stringFlag(args, 'port');
    const port = portText === '0' ? 0 : intFlag(args, 'port', DEFAULT_PORT);
    if (port > 65535) throw usageError(`--port must be at most 65535; got ${portText}`);
    const speedText = stringFlag(args, 'speed');
    const speed = speedText === undefined ? undefined : Number(speedText);
    if (speed !== undefined && (!Number.isFinite(speed) || speed < 0)) throw usageError(`--speed must be a number of virtual seconds per real second, 0 or more; got "${speedText}"`);
    const state = stringFlag(args, 'state');
    const statePath = state === undefined ? embeddedStatePath(io.cwd) : path.resolve(io.cwd, state);
    const { runEmulatorServe } = await import('../../cloud/emulator/server');
    const id = io.env.TENCENTCLOUD_SECRET_ID;
    const key = io.env.TENCENTCLOUD_SECRET_KEY;
    // Stop (cleanly, saving the state) when npm or npx, which started it, is killed.
    const stop = new AbortController();
    const unwatch = watchParent(() => {
      write(io, 'stderr', 'ckafka emulator: the process that started it (npm, npx or a shell) has exited; stopping\n');
      stop.abort();
    });
    try {
      await runEmulatorServe({
        port,
        statePath,
        // Through the CLI's one output path (secrets removed, controls escaped).
        out: { write: (text: string) => write(io, 'stdout', text) },
        err: { write: (text: string) => write(io, 'stderr', text) },
        signal: stop.signal,
        ...(id && key ? { credentials: { secretId: id, secretKey: key } } : {}),
        ...(speed === undefined ? {} : { speed }),
      });
    } finally {
      unwatch();
    }
    return 0;
  }
  if (sub === 'snapshot') {
    const args = parseCommandArgs('emulator snapshot', rest, { out: { type: 'string' }, region: { type: 'string' }, endpoint: { type: 'string' } });
    const out = stringFlag(args, 'out');
    if (out === undefined) throw usageError('ckafka emulator snapshot needs --out <file>', 'ckafka emulator snapshot --out rehearsal.json [ids...]');
    const region = stringFlag(args, 'region');
    const endpoint = stringFlag(args, 'endpoint');
    const { tencentConfigFromEnv } = await import('../../cloud/tencent/tencent-config-from-env');
    const config = tencentConfigFromEnv(io.env, endpoint === undefined ? {} : { endpoint });
    if (config.credentials === undefined)
      throw new CliError('usage', 'a snapshot reads a real cloud: TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not set', [
        { code: 'cloud/auth-failed', severity: 'error', path: '', message: 'no credentials to read the instances with', hint: 'set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (read-only CKafka permissions are enough)' },
      ]);
    const selected = await selectCloud(io, { ...(region === undefined ? {} : { region }), ...(endpoint === undefined ? {} : { endpoint }) });
    try {
      const { snapshotFromCloud } = await import('../../cloud/snapshot-from-cloud');
      const { saveEmulatorState } = await import('../../cloud/emulator/state-file');
      const snap = await snapshotFromCloud(selected.cloud, args.positionals.length > 0 ? { ids: args.positionals } : {});
      const abs = path.resolve(io.cwd, out);
      await saveEmulatorState(abs, snap.state);
      for (const n of snap.notes) write(io, 'stderr', `note: ${escapeTerminalText(n)}\n`);
      if (snap.notFound.length > 0) write(io, 'stderr', `not found in ${selected.cloud.region}: ${snap.notFound.map(escapeTerminalLine).join(', ')}\n`);
      write(io, 'stdout', `Wrote ${snap.state.instances.length} instance${snap.state.instances.length === 1 ? '' : 's'} from ${escapeTerminalLine(selected.description)} to ${escapeTerminalLine(out)}.\nRehearse with: ckafka plan <fleet> --emulator-state ${escapeTerminalLine(out)}\n`);
      return snap.notFound.length > 0 ? 1 : 0;
    } finally {
      await selected.close();
    }
  }
  if (sub === 'init') return (await import('./emulator-init')).emulatorInitCommand(rest, io);
  throw usageError(sub === undefined ? 'ckafka emulator needs a subcommand: init, serve or snapshot' : `unknown emulator subcommand "${sub}"`, 'ckafka emulator --help');
};
