/**
 * What the plan path loads, and the cdktf route end to end.
 *
 * A `--require` hook (through NODE_OPTIONS) writes every module the process loaded when it exits;
 * `plan`, `apply` and `validate` (embedded emulator and over HTTP) must load neither
 * `@pulumi/pulumi` (about 0.6 s) nor `cdktf`. The example cdktf app, synthesized with the same
 * hook, is the control that the hook sees `cdktf` when it is loaded, and its output is planned.
 * What the package's entry points load is test/e2e/package-entries.test.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { createEmulator, createSeedState, createVirtualClock, startEmulatorServer } from '../../src/cloud/emulator';
import { FAKE_CREDENTIALS, ROOT, cleanEnv, ckafka, fleetYaml, killAll, statePathIn, tempDir, writeFile, writeSeedState } from './_cli';

let tmp: ReturnType<typeof tempDir>;
let hook: string;
let seq = 0;

beforeAll(async () => {
  tmp = tempDir();
  hook = writeFile(
    path.join(tmp.dir, 'list-modules.js'),
    "process.on('exit', () => require('fs').writeFileSync(process.env.CKAFKA_E2E_MODULES_OUT, Object.keys(require.cache).join('\\n')));\n",
  );
  writeFile(path.join(tmp.dir, 'ckafka.yaml'), fleetYaml({ orders: { bw: 300, partitions: 1600 }, payments: {} }));
  await writeSeedState(statePathIn(tmp.dir));
});
afterAll(() => tmp.cleanup());
afterEach(killAll);

/** Environment that makes the child list its loaded modules in a new file; returns the reader. */
function listing(extra: Record<string, string> = {}): { env: Record<string, string>; modules: () => string[] } {
  const out = path.join(tmp.dir, `modules-${++seq}.txt`);
  return { env: { NODE_OPTIONS: `--require ${hook}`, CKAFKA_E2E_MODULES_OUT: out, ...extra }, modules: () => fs.readFileSync(out, 'utf8').split('\n') };
}

const HEAVY = [/[\\/]node_modules[\\/]@pulumi[\\/]pulumi[\\/]/, /[\\/]node_modules[\\/]cdktf[\\/]/];
const heavyIn = (modules: readonly string[]) => modules.filter((m) => HEAVY.some((h) => h.test(m)));

describe('the plan path stays light', () => {
  it('plan, apply and validate on the embedded emulator load neither @pulumi/pulumi nor cdktf', async () => {
    const plan = listing();
    expect((await ckafka(['plan', '--out', 'plan.json'], { cwd: tmp.dir, env: plan.env })).code).toBe(0);
    // The hook works: the CLI and the YAML parser are in the list.
    expect(plan.modules().some((m) => m.endsWith(path.join('dist', 'cli', 'main.js')))).toBe(true);
    expect(plan.modules().some((m) => /[\\/]node_modules[\\/]yaml[\\/]/.test(m))).toBe(true);
    expect(heavyIn(plan.modules())).toEqual([]);
    // zod's locales wait for first use (src/cli/lazy-module.ts): of them, only English is read.
    const locales = plan.modules().filter((m) => /[\\/]zod[\\/]v4[\\/]locales[\\/]/.test(m)).map((m) => path.basename(m));
    expect(locales.sort()).toEqual(['en.cjs', 'index.cjs']);

    const apply = listing();
    expect((await ckafka(['apply', 'plan.json', '--poll-interval', '10m'], { cwd: tmp.dir, env: apply.env })).code).toBe(0);
    expect(heavyIn(apply.modules())).toEqual([]);

    const validate = listing();
    expect((await ckafka(['validate'], { cwd: tmp.dir, env: validate.env })).code).toBe(0);
    expect(heavyIn(validate.modules())).toEqual([]);
    // validate is offline: no cloud SDK either.
    expect(validate.modules().filter((m) => /tencentcloud-sdk/.test(m))).toEqual([]);
  });

  it('plan over HTTP (the Tencent SDK) loads neither @pulumi/pulumi nor cdktf', async () => {
    const em = createEmulator({ state: createSeedState({ now: new Date() }), clock: createVirtualClock({ speed: 1 }) });
    const server = await startEmulatorServer({ emulator: em, port: 0, credentials: { secretId: FAKE_CREDENTIALS.TENCENTCLOUD_SECRET_ID, secretKey: FAKE_CREDENTIALS.TENCENTCLOUD_SECRET_KEY } });
    try {
      const run = listing({ ...FAKE_CREDENTIALS });
      const r = await ckafka(['plan', 'ckafka.yaml', '--endpoint', server.url], { cwd: tmp.dir, env: run.env });
      expect(r.code).toBe(0);
      expect(run.modules().some((m) => /tencentcloud-sdk-nodejs-ckafka/.test(m))).toBe(true);
      expect(heavyIn(run.modules())).toEqual([]);
    } finally {
      await server.close();
      await em.close();
    }
  });
});

describe('a module deferred by the binary', () => {
  it('answers require without reading the file, and loads the real file on first use', async () => {
    // Node's own module cache is the point here (jest replaces it in process).
    const file = writeFile(path.join(tmp.dir, 'counted.js'), 'globalThis.loads = (globalThis.loads ?? 0) + 1;\nexports.answer = 42;\n');
    const script = `
      const { deferModule } = require(${JSON.stringify(path.join(ROOT, 'dist', 'cli', 'lazy-module.js'))});
      const file = ${JSON.stringify(file)};
      deferModule(file);
      const m = require(file);
      const before = globalThis.loads ?? 0;
      const answer = m.answer;
      const again = require(file).answer;
      console.log(JSON.stringify({ before, answer, again, loads: globalThis.loads }));`;
    const out = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      const child = spawn(process.execPath, ['-e', script], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'inherit'] });
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.on('error', reject);
      child.on('close', () => resolve(stdout));
    });
    expect(JSON.parse(out)).toEqual({ before: 0, answer: 42, again: 42, loads: 1 });
  });
});

describe('the cdktf route', () => {
  it('the example app synthesized, then planned from its cdktf.out: both example instances, without loading cdktf', async () => {
    const outdir = path.join(tmp.dir, 'cdktf.out');
    const synth = listing({ CDKTF_OUTDIR: outdir });
    // `npm run synth:example`, writing into a temporary folder instead of the repository.
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, ['-r', './scripts/ts-register.js', 'examples/cdktf/main.ts'], { cwd: ROOT, env: cleanEnv(synth.env), stdio: 'ignore' });
      child.on('error', reject);
      child.on('close', resolve);
    });
    expect(code).toBe(0);
    expect(fs.existsSync(path.join(outdir, 'manifest.json'))).toBe(true);
    // The control: the hook does see cdktf when it is loaded.
    expect(heavyIn(synth.modules()).some((m) => /[\\/]cdktf[\\/]/.test(m))).toBe(true);

    const plan = listing();
    const r = await ckafka(['plan', outdir, '--format', 'json', '--emulator-state', statePathIn(tmp.dir)], { cwd: tmp.dir, env: plan.env });

    expect(r.code).toBe(0);
    expect(heavyIn(plan.modules())).toEqual([]);
    const parsed = JSON.parse(r.stdout);
    const byName = Object.fromEntries(parsed.instances.map((p: { name: string }) => [p.name, p]));
    expect(Object.keys(byName).sort()).toEqual(['cdktf-clickstream', 'cdktf-orders']);
    // Found by name (the app declares no instanceId); orders goes from 320 to 400 MB/s.
    expect(byName['cdktf-orders']).toMatchObject({ instanceId: 'ckafka-8cq3d5of', action: 'upgrade', target: { edition: 'pro', bandwidthMBps: 400, diskGB: 6000, partitions: 2400 } });
    expect(byName['cdktf-orders'].changes).toEqual([{ field: 'bandwidthMBps', from: 320, to: 400, unit: 'MB/s' }]);
    expect(byName['cdktf-orders'].schedule.kind).toBe('window');
    expect(byName['cdktf-clickstream']).toMatchObject({ instanceId: 'ckafka-6kx1c7lm', action: 'none' });
  });
});
