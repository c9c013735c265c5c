/**
 * The resource under Pulumi's mocks: what it registers, that its provider survives closure
 * serialisation, and that the serialised provider works from config alone (as Pulumi's provider
 * process runs it). Also: the example program, and that the CLI never loads Pulumi.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as pulumiModule from '@pulumi/pulumi';
import type * as ckafkaPulumi from '../../src/pulumi';

interface Registration {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
}

const registrations: Registration[] = [];
let pulumi: typeof pulumiModule;
let ckafka: typeof ckafkaPulumi;
let tmp: string;

const ORDERS = 'ckafka-9x2kq7pe';
const ordersInputs = { name: 'orders', instanceId: ORDERS, edition: 'pro', bandwidthMBps: 200, diskGB: 3000, partitions: 1400 } as const;

beforeAll(async () => {
  pulumi = await import('@pulumi/pulumi');
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registrations.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
        // The state a provider would return: the observed spec, here the declared one plus outputs.
        return { id: `${args.name}-id`, state: { ...args.inputs, status: 'running', vip: '10.0.11.10', vport: '9092', lastPlan: null } };
      },
      call: (args) => args.inputs,
    },
    'ckafka-test',
    'dev',
    false,
  );
  // Imported after the mocks are in place, as Pulumi requires.
  ckafka = await import('../../src/pulumi');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ckafka-pulumi-'));
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function valueOf<T>(o: pulumiModule.Output<T>): Promise<T> {
  return new Promise((resolve) => o.apply(resolve));
}

function registered(name: string): Registration {
  const r = registrations.find((x) => x.name === name);
  if (r === undefined) throw new Error(`${name} was not registered`);
  return r;
}

/** Loads serialised provider text the way Pulumi's provider process does, with the package mapped to the sources. */
function loadSerializedProvider(text: string): pulumiModule.dynamic.ResourceProvider {
  const module = { exports: {} as { handler?: () => pulumiModule.dynamic.ResourceProvider } };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the serialised module's own require
  const requireFor = (id: string): unknown => (id === 'ckafka-iac/pulumi' ? ckafka : require(id));
  // The serialised text is a CommonJS module body (sloppy mode: it uses `with`).
  new Function('exports', 'require', 'module', text)(module.exports, requireFor, module);
  const handler = module.exports.handler;
  if (handler === undefined) throw new Error('the serialised provider exports no handler');
  return handler();
}

describe('CkafkaInstance under mocks', () => {
  it('registers a dynamic resource with the declared inputs and the serialised provider', async () => {
    const r = new ckafka.CkafkaInstance('orders', { instanceId: ORDERS, edition: 'pro', bandwidthMBps: 300, diskGB: 3000, partitions: 1600, upgrade: { mode: 'high-speed' }, ignoreChecks: ['zone-stock'] });
    expect(await valueOf(r.urn)).toBe('urn:pulumi:dev::ckafka-test::pulumi-nodejs:dynamic/ckafka:CkafkaInstance::orders');
    const reg = registered('orders');
    expect(reg.type).toBe('pulumi-nodejs:dynamic/ckafka:CkafkaInstance');
    const { __provider: provider, ...inputs } = reg.inputs;
    // The name defaults to the resource name; output-only keys are not sent as inputs.
    expect(inputs).toEqual({ name: 'orders', instanceId: ORDERS, edition: 'pro', bandwidthMBps: 300, diskGB: 3000, partitions: 1600, upgrade: { mode: 'high-speed' }, ignoreChecks: ['zone-stock'] });
    expect(typeof provider).toBe('string');
  });

  it('exposes the outputs the provider returns', async () => {
    const r = new ckafka.CkafkaInstance('events', { name: 'events-cluster', instanceId: 'ckafka-4m7tz1bc', edition: 'pro', bandwidthMBps: 120, diskGB: 2000, partitions: 1200 });
    expect(await valueOf(r.instanceId)).toBe('ckafka-4m7tz1bc');
    expect(await valueOf(r.name)).toBe('events-cluster');
    expect(await valueOf(r.bandwidthMBps)).toBe(120);
    expect(await valueOf(r.status)).toBe('running');
    expect(await valueOf(r.vip)).toBe('10.0.11.10');
    expect(await valueOf(r.id)).toBe('events-id');
  });

  it('serialises a small, self-contained provider: no core, SDK, schema or client inside', () => {
    const text = registered('orders').inputs.__provider as string;
    expect(text).toContain("require('ckafka-iac/pulumi')");
    expect(text.length).toBeLessThan(12_000);
    for (const absent of ['zod', 'tencentcloud', 'planWithCloud', 'applyPlan', 'createEmulator', '/src/', 'dist/'] as const) expect(text).not.toContain(absent);
  });

  it('runs from config alone once deserialised: check, then adopt on the embedded emulator state it seeds', async () => {
    const provider = loadSerializedProvider(registered('orders').inputs.__provider as string);
    const statePath = path.join(tmp, 'from-config', 'emulator-state.json');
    const config: Record<string, string> = { 'ckafka:emulatorState': statePath };
    await provider.configure?.({ config: { get: (key) => config[key], require: (key) => config[key] ?? '' } });
    const logged = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect((await provider.check?.({}, { ...ordersInputs, bandwidthMBps: 100200 }))?.failures?.[0]?.reason).toMatch(/^spec\/above-maximum:/);
      const created = await provider.create({ ...ordersInputs });
      expect(created.id).toBe(ORDERS);
      expect(created.outs).toMatchObject({ instanceId: ORDERS, bandwidthMBps: 200, cloud: 'emulator', region: 'ap-guangzhou', lastPlan: { outcome: 'unchanged' } });
      expect(fs.existsSync(statePath)).toBe(true);
      expect(logged.mock.calls.map((c) => String(c[0])).join('\n')).toContain('ckafka: the embedded CKafka emulator (ap-guangzhou, state ');
    } finally {
      logged.mockRestore();
    }
  });
});

describe('the example program', () => {
  it('declares pulumi-orders and pulumi-events, and both pass the provider check', async () => {
    await import('../../examples/pulumi/index');
    const provider = new ckafka.CkafkaProvider({ logger: { info: () => undefined, warn: () => undefined } });
    for (const name of ['pulumi-orders', 'pulumi-events']) {
      // Registration waits for the provider's serialisation; let it finish.
      for (let i = 0; i < 1000 && !registrations.some((r) => r.name === name); i++) await new Promise((resolve) => setImmediate(resolve));
      const reg = registered(name);
      expect(reg.type).toBe('pulumi-nodejs:dynamic/ckafka:CkafkaInstance');
      expect((await provider.check({} as ckafkaPulumi.CkafkaInstanceInputs, reg.inputs as unknown as ckafkaPulumi.CkafkaInstanceInputs)).failures).toEqual([]);
      expect(reg.inputs.name).toBe(name);
    }
  });
});

describe('the CLI entry', () => {
  it('does not load @pulumi/pulumi', () => {
    const root = path.resolve(__dirname, '../..');
    const script = [
      "const { runCli } = require('./src/cli/main.ts');",
      'const sink = { write: () => true };',
      "runCli(['--help'], { stdout: sink, stderr: sink, env: {}, cwd: process.cwd() }).then((code) => {",
      "  const pulumi = Object.keys(require.cache).filter((k) => k.includes(`${require('path').sep}@pulumi${require('path').sep}`));",
      "  const ours = Object.keys(require.cache).filter((k) => k.includes(`${require('path').sep}src${require('path').sep}pulumi${require('path').sep}`));",
      '  process.stdout.write(JSON.stringify({ code, pulumi, ours }));',
      '});',
    ].join('\n');
    const out = execFileSync(process.execPath, ['-r', './scripts/ts-register.js', '-e', script], { cwd: root, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
    expect(JSON.parse(out)).toEqual({ code: 0, pulumi: [], ours: [] });
  });
});
