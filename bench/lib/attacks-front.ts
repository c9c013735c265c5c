/**
 * The attacks on what ckafka shows and serves (docs/reliability.md, Attacks): hostile names in every command's
 * output (B7), and `ckafka emulator serve` under replayed and re-targeted signatures (B8), large
 * unauthenticated bodies (B9) and SIGTERM while a request stalls (B10). Loopback only.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { signTc3Request } from '../../src/cloud/emulator';
import { cleanEnv } from './env';
import { IDS, cli, paymentsFleet, peakRssMB, rawSocket, requestHead, seedState, startServe, within, writeState, type Attack } from './attack-kit';

const CREDENTIALS = { secretId: 'AKIDattackCanaryId00000000000000', secretKey: 'attackCanarySecretKey00000000' };

/** Every payload kind: OSC 52, erase-line + cursor-up, conceal, a C1 CSI, a bidi override, CR, NUL, LS. */
const PAYLOAD = '\u001b]52;c;ZXZpbA==\u0007\u001b[2K\u001b[1A\u001b[8m\u009b31m\u202eexe.txt\rX\u0000\u2028Y';
/** The same in a command-line argument, which cannot hold a NUL. */
const ARG_PAYLOAD = PAYLOAD.replace('\u0000', '');
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const FORBIDDEN = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- the sequences start with ESC
const OWN_SEQUENCES = /\u001b\[(?:[0-9;]*m|2K|\d+A)/g;

/** Characters a terminal would obey, outside the colour and cursor sequences ckafka writes itself. */
function rawControls(text: string): number {
  return (text.replace(OWN_SEQUENCES, '').match(FORBIDDEN) ?? []).length;
}

const hostileNames: Attack = {
  id: 'B7',
  what: 'instance and topic names with OSC 52, erase-line/cursor-up, conceal, C1 CSI, U+202E, CR, NUL; every command, with and without colour',
  async run(dir) {
    const d = path.join(dir, 'b7');
    const name = `payments${PAYLOAD}`;
    await writeState(
      path.join(d, 'state.json'),
      seedState((s) => {
        for (const i of s.instances) {
          if (i.instanceId === IDS.payments) i.name = name;
          if (i.instanceId === IDS.audit) for (const t of i.topics) t.name = `${t.name}${PAYLOAD}`;
        }
      }),
    );
    fs.writeFileSync(path.join(d, 'ckafka.yaml'), paymentsFleet(160, name));
    const state = ['--emulator-state', 'state.json'];
    const commands = [
      ['status', ...state],
      ['status', ...state, '--format', 'json'],
      ['status', ...state, `ckafka-${ARG_PAYLOAD}`],
      ['validate', 'ckafka.yaml'],
      ['plan', 'ckafka.yaml', ...state, '--out', 'plan.json'],
      ['plan', 'ckafka.yaml', ...state, '--format', 'markdown'],
      ['plan', 'ckafka.yaml', ...state, '--format', 'json'],
      ['apply', 'plan.json', ...state, '--poll-interval', '10m'],
      ['apply', 'plan.json', ...state, '--format', 'json'],
      [`plan${ARG_PAYLOAD}`],
      ['apply', `missing${ARG_PAYLOAD}.json`],
    ];
    let raw = 0;
    let runs = 0;
    const offenders: string[] = [];
    for (const color of [false, true]) {
      // FORCE_COLOR colours a pipe as a terminal would be coloured.
      const env = color ? { ...cleanEnv(), NO_COLOR: undefined, FORCE_COLOR: '1' } : cleanEnv();
      for (const args of commands) {
        const r = await cli(args, { cwd: d, env });
        runs += 1;
        const n = rawControls(r.stdout) + rawControls(r.stderr);
        if (n > 0) offenders.push(`${JSON.stringify(args.join(' ').slice(0, 24))}${color ? ' (colour)' : ''}`);
        raw += n;
      }
    }
    return {
      held: raw === 0,
      observed: `${runs} runs (status, validate, plan, apply, hostile arguments; with and without colour): ${raw} raw control characters reached stdout/stderr${offenders.length > 0 ? ` (${[...new Set(offenders)].join(', ')})` : ''}`,
    };
  },
};

function signedHeaders(port: number, action: string, payload: string, extra: { service?: string; host?: string } = {}): Record<string, string> {
  // As the official SDK signs: content-type;host only, not the action.
  return signTc3Request({ ...CREDENTIALS, action, payload, host: extra.host ?? `ckafka.localhost:${port}`, region: 'ap-guangzhou', signAction: false, ...(extra.service === undefined ? {} : { service: extra.service }) });
}

async function send(port: number, headers: Record<string, string>, body: string): Promise<string> {
  const c = rawSocket(port);
  c.socket.write(requestHead(headers.Host ?? `ckafka.localhost:${port}`, { ...headers, 'Content-Length': String(Buffer.byteLength(body)), Connection: 'close' }) + body);
  await within(c.closed, 10_000, undefined);
  c.socket.destroy();
  const code = /"Code":"([^"]+)"/.exec(c.received())?.[1];
  return code ?? (/^HTTP\/1\.1 (\d+)/.exec(c.received())?.[1] === '200' ? 'ok' : c.received().slice(0, 40));
}

/** `ckafka emulator serve` on the seed fleet in its own folder, verifying signatures with the attack's key pair. */
async function serveWithKey(dir: string, name: string): Promise<{ statePath: string; serve: Awaited<ReturnType<typeof startServe>> }> {
  const d = path.join(dir, name);
  const statePath = path.join(d, 'state.json');
  await writeState(statePath, seedState());
  const serve = await startServe(statePath, d, { ...cleanEnv(), TENCENTCLOUD_SECRET_ID: CREDENTIALS.secretId, TENCENTCLOUD_SECRET_KEY: CREDENTIALS.secretKey });
  return { statePath, serve };
}

const replayedSignatures: Attack = {
  id: 'B8',
  what: '`ckafka emulator serve` with a key pair: a signed read re-sent as DeleteInstancePre, a write replayed exactly, service `127`, another host',
  async run(dir) {
    const { statePath, serve } = await serveWithKey(dir, 'b8');
    const results: Record<string, string> = {};
    try {
      const read = JSON.stringify({ InstanceId: IDS.orders });
      const readHeaders = signedHeaders(serve.port, 'DescribeInstanceAttributes', read);
      results.read = await send(serve.port, readHeaders, read);
      results.swap = await send(serve.port, { ...readHeaders, 'X-TC-Action': 'DeleteInstancePre' }, read);
      const write = JSON.stringify({ InstanceId: IDS.payments, BandWidth: 160, UpgradeStrategy: 1 });
      const writeHeaders = signedHeaders(serve.port, 'InstanceScalingDown', write);
      results.write = await send(serve.port, writeHeaders, write);
      results.replay = await send(serve.port, writeHeaders, write);
      results.service127 = await send(serve.port, signedHeaders(serve.port, 'DescribeCkafkaZone', '{}', { service: '127', host: `127.0.0.1:${serve.port}` }), '{}');
      results.otherHost = await send(serve.port, signedHeaders(serve.port, 'DescribeCkafkaZone', '{}', { host: `cvm.tencentcloudapi.com:${serve.port}` }), '{}');
    } finally {
      serve.child.kill('SIGTERM');
      await serve.done;
    }
    const final = JSON.parse(fs.readFileSync(statePath, 'utf8')) as { submissions: { action: string }[] };
    const refused = ['swap', 'replay', 'service127', 'otherHost'].filter((k) => results[k] !== 'ok');
    const held = results.read === 'ok' && results.write === 'ok' && refused.length === 4 && final.submissions.length === 1 && final.submissions[0]?.action === 'InstanceScalingDown';
    return {
      held,
      observed: `swap → ${results.swap}, exact write replay → ${results.replay}, service 127 → ${results.service127}, other host → ${results.otherHost}; ledger: ${final.submissions.map((s) => s.action).join(', ') || 'empty'}`,
    };
  },
};

const bigUnauthenticatedBodies: Attack = {
  id: 'B9',
  what: '80 connections each sending an unauthenticated 10 MB body to `ckafka emulator serve`; then 80 connections held open and idle',
  async run(dir) {
    const { serve } = await serveWithKey(dir, 'b9');
    const pid = serve.child.pid ?? 0;
    const before = peakRssMB(pid);
    const body = Buffer.alloc(10 * 1024 * 1024, 0x61);
    let answered = 0;
    let dropped = 0;
    let stillServing = '';
    let peak: number | undefined;
    let capped = 0;
    try {
      const clients = Array.from({ length: 80 }, () => {
        const c = rawSocket(serve.port);
        c.socket.write(requestHead(`ckafka.localhost:${serve.port}`, { 'Content-Type': 'application/json', 'Content-Length': String(body.length), 'X-TC-Action': 'DescribeCkafkaZone', 'X-TC-Version': '2019-08-19', 'X-TC-Region': 'ap-guangzhou' }));
        c.socket.write(body);
        return c;
      });
      await within(Promise.all(clients.map((c) => c.closed)), 20_000, undefined);
      answered = clients.filter((c) => c.received().startsWith('HTTP/1.1')).length;
      dropped = clients.filter((c) => c.received() === '').length;
      for (const c of clients) c.socket.destroy();
      // Connections that say nothing: those over the cap are closed as they arrive.
      const idle = Array.from({ length: 80 }, () => rawSocket(serve.port));
      await new Promise((r) => setTimeout(r, 1000));
      capped = (await Promise.all(idle.map((c) => within(c.closed.then(() => 1), 10, 0)))).reduce((a: number, b) => a + b, 0);
      for (const c of idle) c.socket.destroy();
      await Promise.all(idle.map((c) => c.closed));
      await new Promise((r) => setTimeout(r, 100));
      stillServing = await send(serve.port, signedHeaders(serve.port, 'DescribeCkafkaZone', '{}'), '{}');
      // Read while the server runs: /proc of an exited process is gone.
      peak = peakRssMB(pid);
    } finally {
      serve.child.kill('SIGTERM');
      await serve.done;
    }
    // Bodies read before authentication took 890 MB here; an unread body costs nothing.
    const held = stillServing === 'ok' && (peak === undefined || peak < 300) && capped >= 16;
    return {
      held,
      observed: `bodies: ${answered} of 80 answered, ${dropped} closed unanswered; server RSS ${before ?? '?'} MB before${peak === undefined ? '' : `, ${peak} MB peak`}; idle: ${capped} of 80 closed at once (cap 64); then still serving: ${stillServing}`,
    };
  },
};

const sigtermWhileStalled: Attack = {
  id: 'B10',
  what: 'SIGTERM to `ckafka emulator serve` while a request stalls mid-body',
  async run(dir) {
    const { serve } = await serveWithKey(dir, 'b10');
    const payload = JSON.stringify({ InstanceId: IDS.orders });
    const c = rawSocket(serve.port);
    c.socket.write(requestHead(`ckafka.localhost:${serve.port}`, { ...signedHeaders(serve.port, 'DescribeInstanceAttributes', payload), 'Content-Length': String(payload.length) }));
    c.socket.write(payload.slice(0, 10));
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    serve.child.kill('SIGTERM');
    const exited = await within(serve.done, 15_000, undefined);
    const ms = Date.now() - started;
    c.socket.destroy();
    if (exited === undefined) {
      serve.child.kill('SIGKILL');
      await serve.done;
    }
    return { held: exited !== undefined && exited.code === 0 && ms < 8000, observed: exited === undefined ? 'still up 15 s after SIGTERM' : `exited ${exited.code} ${ms} ms after SIGTERM (drain bound 5 s)` };
  },
};

/** The attacks on output and on the HTTP front, in the issue's order. */
export const FRONT_ATTACKS: readonly Attack[] = [hostileNames, replayedSignatures, bigUnauthenticatedBodies, sigtermWhileStalled];
