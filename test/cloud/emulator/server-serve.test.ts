/** The emulator's HTTP front over a state file, and `runEmulatorServe` in the foreground: what it prints, how it stops. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { ckafka } from 'tencentcloud-sdk-nodejs-ckafka';
import { signTc3Request, startEmulatorServer, runEmulatorServe, createEmulator, createManualClock, createSeedState } from '../../../src/cloud/emulator';
import { IDS, T0, makeTempDir, SEED_INSTANCES } from './_helpers';
import { KEY, agent, rawClient, requestHead, sdkClient, within } from './_http-client';

describe('state file and foreground serve', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.cleanup());

  it('keeps the state in the file, where a new emulator finds it after close', async () => {
    const statePath = join(tmp.dir, 'server', 'state.json');
    const server = await startEmulatorServer({
      statePath,
      credentials: KEY,
      emulatorOptions: { state: createSeedState({ now: T0, speed: 0 }), clock: createManualClock(T0) },
    });
    await sdkClient(server).InstanceScalingDown({ InstanceId: IDS.payments, BandWidth: 160, UpgradeStrategy: 1 });
    await server.close();
    expect(existsSync(statePath)).toBe(true);
    const again = createEmulator({ statePath });
    expect(again.snapshot().submissions).toHaveLength(1);
    expect(again.snapshot().instances.find((i) => i.instanceId === IDS.payments)?.status).toBe(7);
  });

  it('runs in the foreground, prints where it listens, and stops on abort', async () => {
    const statePath = join(tmp.dir, 'serve', 'emulator-state.json');
    const out = new PassThrough();
    let printed = '';
    out.on('data', (c: Buffer) => (printed += c.toString()));
    const ac = new AbortController();
    const running = runEmulatorServe({ port: 0, statePath, out, signal: ac.signal, credentials: KEY });
    while (!printed.includes('\n')) await new Promise((r) => setTimeout(r, 5));
    const m = /^ckafka emulator listening on http:\/\/127\.0\.0\.1:(\d+) \(state: (.+)\)\n$/.exec(printed);
    expect(m?.[2]).toBe(statePath);
    const port = Number(m?.[1]);
    const r = await new ckafka.v20190819.Client({
      credential: KEY,
      region: 'ap-guangzhou',
      profile: { httpProfile: { endpoint: `ckafka.localhost:${port}`, protocol: 'http://', agent } },
    }).DescribeInstancesDetail({});
    expect(r.Result?.TotalCount).toBe(SEED_INSTANCES);
    ac.abort();
    await running;
    expect(JSON.parse(readFileSync(statePath, 'utf8')).calls.DescribeInstancesDetail).toBe(1);
  });

  it('warns when it does not verify signatures', async () => {
    const statePath = join(tmp.dir, 'serve2', 'emulator-state.json');
    const out = new PassThrough();
    const err = new PassThrough();
    let warned = '';
    err.on('data', (c: Buffer) => (warned += c.toString()));
    let printed = '';
    out.on('data', (c: Buffer) => (printed += c.toString()));
    const ac = new AbortController();
    const running = runEmulatorServe({ port: 0, statePath, out, err, signal: ac.signal });
    while (!printed.includes('\n')) await new Promise((r) => setTimeout(r, 5));
    ac.abort();
    await running;
    expect(warned).toContain('without checking signatures');
  });
});

describe('stopping while a request stalls (attack B10 of docs/reliability.md)', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.cleanup());

  it('stops within its drain time, dropping the stalled request', async () => {
    let printed = '';
    const ac = new AbortController();
    const running = runEmulatorServe({ port: 0, statePath: join(tmp.dir, 'stall', 'state.json'), out: { write: (t: string) => (printed += t) }, err: { write: () => true }, signal: ac.signal, credentials: KEY, drainMs: 200 });
    while (!printed.includes('\n')) await new Promise((r) => setTimeout(r, 5));
    const port = Number(/:(\d+) /.exec(printed)?.[1]);
    const payload = JSON.stringify({ InstanceId: IDS.orders });
    const headers = signTc3Request({ ...KEY, action: 'DescribeInstanceAttributes', payload, host: `ckafka.localhost:${port}`, region: 'ap-guangzhou' });
    delete headers.Host;
    const c = rawClient(port);
    // Headers and half the body, then nothing.
    c.socket.write(requestHead(port, { ...headers, 'Content-Length': String(payload.length) }));
    c.socket.write(payload.slice(0, 10));
    await new Promise((r) => setTimeout(r, 100));
    ac.abort();
    expect(await within(running.then(() => 'stopped'), 5000, 'still up')).toBe('stopped');
    expect(await within(c.closed, 1000, 'still open')).toBeUndefined();
  });
});
