/**
 * Nothing hostile reaches a terminal (docs/reliability.md, attack B7): every command, run
 * in-process, against an emulator state and a fleet file whose instance and topic names carry
 * terminal escapes (OSC 52 clipboard writes, erase-line and cursor-up, conceal, a one-character C1
 * CSI, a bidi override, a carriage return, a NUL, a line separator). Every byte each command writes
 * to stdout and stderr is checked: without colour not one control character other than the line
 * feed; with colour and a live progress display only the colour and cursor sequences ckafka writes
 * itself.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createSeedState, saveEmulatorState, type EmulatorState } from '../../src/cloud/emulator';
import { runCli } from '../../src/cli/main';
import type { Io } from '../../src/cli/output';
import { SEED } from '../support/seed-fleet';

const OSC52 = '\u001b]52;c;ZXZpbA==\u0007';
const ERASE_UP = '\u001b[2K\u001b[1A';
const CONCEAL = '\u001b[8m';
const C1_CSI = '\u009b31m';
const BIDI = '\u202e';
/** A name with every kind of payload. */
const evil = (base: string): string => `${base}${OSC52}${ERASE_UP}${CONCEAL}${C1_CSI}${BIDI}exe.txt\rX\u0000\u2028Y`;

/** What must never be written raw: C0 but the line feed, DEL, C1, bidi controls and marks, LS/PS. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;
/** The sequences ckafka writes itself: SGR colours, and on a live display erase-line and cursor-up. */
// eslint-disable-next-line no-control-regex
const OWN = /\u001b\[(?:[0-9;]*m|2K|\d+A)/g;

interface Captured {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

function sink(isTTY: boolean): NodeJS.WritableStream & { isTTY?: boolean; text: () => string } {
  const chunks: string[] = [];
  return Object.assign(
    {
      write: (chunk: unknown) => {
        chunks.push(String(chunk));
        return true;
      },
      text: () => chunks.join(''),
      isTTY,
    },
    {},
  ) as unknown as NodeJS.WritableStream & { isTTY?: boolean; text: () => string };
}

async function run(argv: readonly string[], cwd: string, options: { color?: boolean; extraEnv?: NodeJS.ProcessEnv } = {}): Promise<Captured> {
  const stdout = sink(options.color === true);
  const stderr = sink(options.color === true);
  const env: NodeJS.ProcessEnv = { ...(options.color === true ? { FORCE_COLOR: '1' } : { NO_COLOR: '1', CI: 'true' }), ...options.extraEnv };
  const io: Io = { stdout, stderr, env, cwd };
  const code = await runCli(argv, io);
  return { stdout: stdout.text(), stderr: stderr.text(), code };
}

/** Fails with the offending character and its surroundings. */
function expectClean(out: Captured, what: string, color: boolean): void {
  for (const [stream, text] of [['stdout', out.stdout], ['stderr', out.stderr]] as const) {
    const rest = color ? text.replace(OWN, '') : text;
    const m = FORBIDDEN.exec(rest);
    if (m !== null) {
      const at = m.index;
      throw new Error(`${what}: U+${m[0].charCodeAt(0).toString(16).padStart(4, '0')} reached ${stream}: ${JSON.stringify(rest.slice(Math.max(0, at - 60), at + 20))}`);
    }
    // Even the sequences ckafka may write never come from a name.
    expect(text).not.toContain(ERASE_UP);
    expect(text).not.toContain(CONCEAL);
  }
}

const NAMES = { payments: evil('payments'), audit: evil('audit'), orders: evil('orders') };
const TOPIC = evil('audit.trail');

function yamlString(s: string): string {
  return `"${[...s].map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) > 0x7e || c === '"' || c === '\\' ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join('')}"`;
}

function fleet(): string {
  const decl = (name: string, s: (typeof SEED)[keyof typeof SEED], bw: number, partitions: number = s.partitions) =>
    [`  - name: ${yamlString(name)}`, `    instanceId: ${s.id}`, `    edition: ${s.edition}`, `    bandwidthMBps: ${bw}`, `    diskGB: ${s.disk}`, `    partitions: ${partitions}`, '    upgrade:', '      rebalance: now', '      mode: stable'].join('\n');
  return ['region: ap-guangzhou', 'instances:', decl(NAMES.payments, SEED.payments, 160), decl(NAMES.audit, SEED.audit, 60, 900), decl(NAMES.orders, SEED.orders, 200), ''].join('\n');
}

function hostileState(): EmulatorState {
  const state = createSeedState({ now: new Date('2026-03-02T02:00:00Z') });
  state.clock = { virtualAt: '2026-03-02T02:00:00.000Z', realAt: Date.now(), speed: 0, revision: 1, stepOnSleep: true };
  for (const i of state.instances) {
    if (i.instanceId === SEED.payments.id) i.name = NAMES.payments;
    if (i.instanceId === SEED.orders.id) i.name = NAMES.orders;
    if (i.instanceId === SEED.audit.id) {
      i.name = NAMES.audit;
      for (const t of i.topics) t.name = `${TOPIC}-${t.name}`;
    }
  }
  return state;
}

let dir: string;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckafka-hostile-'));
  fs.writeFileSync(path.join(dir, 'ckafka.yaml'), fleet());
  await saveEmulatorState(path.join(dir, 'state.json'), hostileState());
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.each([false, true])('with colour %s', (color) => {
  const state = ['--emulator-state', 'state.json'];

  it('plan in every format, and the saved plan', async () => {
    for (const format of ['text', 'markdown', 'json']) {
      const out = await run(['plan', 'ckafka.yaml', ...state, '--format', format, '--out', 'plan.json'], dir, { color });
      expect(out.code).toBe(0);
      expectClean(out, `plan --format ${format}`, color);
    }
    const text = await run(['plan', 'ckafka.yaml', ...state], dir, { color });
    // The names are there, escaped: visible, not obeyed.
    expect(text.stdout).toContain('payments\\u001b]52;c;ZXZpbA==\\u0007');
    expect(text.stdout).toContain('\\u202eexe.txt');
  });

  it('apply: progress lines (live and logged), results and issues, in text and json', async () => {
    expect((await run(['plan', 'ckafka.yaml', ...state, '--out', 'plan.json'], dir)).code).toBe(0);
    const applied = await run(['apply', 'plan.json', ...state, '--poll-interval', '10m'], dir, { color });
    expectClean(applied, 'apply', color);
    expect(applied.stdout).toContain('payments\\u001b]52;c;ZXZpbA==\\u0007');
    expect(applied.stderr).toContain('payments\\u001b]52;c;ZXZpbA==\\u0007');
    // Both plan.json instances that changed are named in the result; the run is over.
    expect(applied.stdout).toMatch(/Apply: /);
    const again = await run(['apply', 'plan.json', ...state, '--format', 'json'], dir, { color });
    expectClean(again, 'apply --format json', color);
    const parsed = JSON.parse(again.stdout) as { instances: { name: string }[] };
    // The JSON is still valid and carries the names exactly.
    expect(parsed.instances.map((i) => i.name)).toContain(NAMES.payments);
  });

  it('status, in text and json, and ids not found', async () => {
    for (const format of ['text', 'json']) {
      const out = await run(['status', ...state, '--format', format], dir, { color });
      expect(out.code).toBe(0);
      expectClean(out, `status --format ${format}`, color);
    }
    const missing = await run(['status', ...state, `ckafka-${OSC52}`], dir, { color });
    expect(missing.code).toBe(1);
    expectClean(missing, 'status <hostile id>', color);
  });

  it('validate, with issues that name the hostile instances', async () => {
    fs.writeFileSync(path.join(dir, 'bad.ckafka.yaml'), fleet().replace('bandwidthMBps: 160', 'bandwidthMBps: 165').replace(`name: ${yamlString(NAMES.orders)}`, `name: ${yamlString(NAMES.payments)}`));
    for (const args of [['validate', 'ckafka.yaml'], ['validate', 'bad.ckafka.yaml'], ['validate', 'bad.ckafka.yaml', '--format', 'json']]) {
      const out = await run(args, dir, { color });
      expectClean(out, args.join(' '), color);
    }
    const bad = await run(['validate', 'bad.ckafka.yaml'], dir, { color });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('\\u001b]52');
  });

  it('hostile arguments: an unknown command, flag value, files and a new state file, all named back', async () => {
    const cases: string[][] = [
      [`pl${OSC52}an`],
      ['plan', 'ckafka.yaml', ...state, '--format', `text${ERASE_UP}`],
      ['apply', `missing${OSC52}.json`],
      ['plan', `nowhere${ERASE_UP}${BIDI}`],
      ['status', '--emulator-state', `state${CONCEAL}.json${BIDI}`],
      ['schema', `fleet${OSC52}`],
      ['emulator', `serve${C1_CSI}`],
    ];
    for (const argv of cases) {
      for (const json of argv.includes('--format') ? [false] : [false, true]) {
        const out = await run(json ? [...argv, '--format', 'json'] : argv, dir, { color });
        expectClean(out, `ckafka ${JSON.stringify(argv)}`, color);
      }
    }
  });

  it('emulator serve: the listening line names a hostile state path, escaped', async () => {
    const stdout = sink(color);
    const stderr = sink(color);
    const io: Io = { stdout, stderr, env: color ? { FORCE_COLOR: '1' } : { NO_COLOR: '1' }, cwd: dir };
    const serving = runCli(['emulator', 'serve', '--port', '0', '--state', `served${OSC52}${BIDI}.json`], io);
    const until = Date.now() + 10_000;
    while (!stdout.text().includes('listening') && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    // What SIGINT would do; nothing else in a test worker listens for it.
    process.emit('SIGINT');
    expect(await serving).toBe(0);
    expectClean({ stdout: stdout.text(), stderr: stderr.text(), code: 0 }, 'emulator serve', color);
    expect(stdout.text()).toContain('served\\u001b]52;c;ZXZpbA==\\u0007\\u202e.json');
  });

  it('schema and help', async () => {
    for (const argv of [['schema'], ['--help'], ['plan', '--help']]) expectClean(await run(argv, dir, { color }), argv.join(' '), color);
  });
});
