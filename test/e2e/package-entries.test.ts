/**
 * The package's entry points as a project requires them: `ckafka-iac/…` resolved through
 * package.json `exports` to the built dist/ (as the processes project's globalSetup builds it),
 * each in a Node process started in the repository, and what each one loads. Where one process
 * can show two things, it shows both: what the first require loaded is listed before the second.
 *
 * - `ckafka-iac`: the programmatic API, no front end, SDK or emulator; `ckafka-iac/testing`: the
 *   emulator and the test helpers, no front end.
 * - `ckafka-iac/cdktf`: the construct and the reader, loading cdktf and never cdktn;
 *   `ckafka-iac/pulumi`: the resource and the provider.
 * - `ckafka-iac/cdktn`: the construct, the provider, the bindings and the reader, loading cdktn
 *   and never cdktf; without its optional peers it names what to install.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ROOT, cleanEnv, tempDir, writeFile } from './_cli';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const PEERS = (require('../../package.json') as { peerDependencies: Record<string, string> }).peerDependencies;

let tmp: ReturnType<typeof tempDir>;
let hidePackages: string;
beforeAll(() => {
  tmp = tempDir('ckafka-iac-entries-');
  // Makes the packages listed in HIDE_PACKAGES (read at each resolution) unresolvable, as in a
  // project that has not installed them.
  hidePackages = writeFile(
    path.join(tmp.dir, 'hide-packages.js'),
    [
      "const Module = require('module');",
      'const resolve = Module._resolveFilename;',
      'Module._resolveFilename = function (request, ...rest) {',
      "  const hidden = (process.env.HIDE_PACKAGES || '').split(',').filter(Boolean);",
      "  if (hidden.some((p) => request === p || request.startsWith(p + '/'))) throw Object.assign(new Error(`Cannot find module '${request}'`), { code: 'MODULE_NOT_FOUND' });",
      '  return resolve.call(this, request, ...rest);',
      '};',
    ].join('\n'),
  );
});
afterAll(() => tmp.cleanup());

/**
 * Runs `lines` in a Node process in the repository, so `ckafka-iac/…` resolves through its
 * exports, and returns what it printed as JSON (nothing on stderr). In `lines`, `modules()` lists
 * the files loaded so far and `packages()` the packages.
 */
function node<T>(lines: readonly string[]): T {
  const helpers = [
    'const modules = () => Object.keys(require.cache);',
    "const packages = () => [...new Set(modules().map((f) => (f.match(/node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/) || [])[1]).filter(Boolean))];",
  ];
  const r = spawnSync(process.execPath, ['-r', hidePackages, '-e', [...helpers, ...lines].join(' ')], { cwd: ROOT, env: cleanEnv(), encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as T;
}

const HEAVY = [/[\\/]node_modules[\\/]@pulumi[\\/]pulumi[\\/]/, /[\\/]node_modules[\\/]cdktf[\\/]/];
const heavyIn = (modules: readonly string[]) => modules.filter((m) => HEAVY.some((h) => h.test(m)));
const inDist = (modules: readonly string[]) => modules.filter((m) => m.includes(`${path.sep}dist${path.sep}`));

describe("require('ckafka-iac'), then require('ckafka-iac/testing')", () => {
  let out: { api: string[]; emulator: string[]; apiModules: string[]; testing: string[]; allModules: string[] };
  beforeAll(() => {
    out = node([
        "const m = require('ckafka-iac');",
        "const api = ['parseFleet', 'validateFleet', 'planFleet', 'renderMarkdown', 'planWithCloud', 'loadPlan', 'applyPlan', 'openCloud', 'createTencentCloud', 'CloudError'].map((k) => k + ':' + typeof m[k]);",
        "const emulator = ['createEmulator', 'createSeedState', 'startEmulatorServer', 'createEmulatedCloud'].map((k) => k + ':' + typeof m[k]);",
        'const apiModules = modules();',
        "const t = require('ckafka-iac/testing');",
        "const testing = ['createEmulator', 'createEmulatedCloud', 'createTestCloud', 'planAgainstEmulator', 'seedStateFromDeclarations', 'fleetFromPulumiInputs', 'requireFleet', 'readCdktfOut'].map((k) => typeof t[k]);",
      'console.log(JSON.stringify({ api, emulator, apiModules, testing, allModules: modules() }));',
    ]);
  });

  it("require('ckafka-iac') gives the programmatic API and loads no front end, no SDK and no emulator", () => {
    expect(out.api.filter((s) => !/:function$/.test(s))).toEqual([]);
    expect(out.emulator).toEqual(['createEmulator:undefined', 'createSeedState:undefined', 'startEmulatorServer:undefined', 'createEmulatedCloud:undefined']);
    expect(inDist(out.apiModules).length).toBeGreaterThan(10);
    expect(out.apiModules.filter((m) => /[\\/]dist[\\/]cloud[\\/](emulator[\\/]|emulated-cloud)/.test(m))).toEqual([]);
    expect(heavyIn(out.apiModules)).toEqual([]);
    expect(out.apiModules.filter((m) => /tencentcloud-sdk/.test(m))).toEqual([]);
  });

  it("require('ckafka-iac/testing') gives the emulator and the test helpers, and loads no front end", () => {
    expect(out.testing).toEqual(new Array(8).fill('function'));
    // None of the emulator was loaded by the first require (above), so these are the second's.
    expect(out.allModules.filter((m) => /[\\/]dist[\\/]cloud[\\/]emulator[\\/]/.test(m)).length).toBeGreaterThan(0);
    expect(heavyIn(out.allModules)).toEqual([]);
  });
});

describe("require('ckafka-iac/cdktf'), then require('ckafka-iac/pulumi')", () => {
  let out: { cdktf: string[]; cdktfPackages: string[]; pulumi: string[] };
  beforeAll(() => {
    out = node([
        "const c = require('ckafka-iac/cdktf');",
        'const cdktf = [c.CkafkaInstance, c.readCdktfOut].map((x) => typeof x);',
        'const cdktfPackages = packages();',
        "const p = require('ckafka-iac/pulumi');",
      'console.log(JSON.stringify({ cdktf, cdktfPackages, pulumi: [p.CkafkaInstance, p.CkafkaProvider].map((x) => typeof x) }));',
    ]);
  });

  it("require('ckafka-iac/cdktf') gives the construct and the reader, and does not load cdktn", () => {
    expect(out.cdktf).toEqual(['function', 'function']);
    expect(out.cdktfPackages).toContain('cdktf');
    expect(out.cdktfPackages).not.toContain('cdktn');
  });

  it("require('ckafka-iac/pulumi') gives the resource and the provider", () => {
    expect(out.pulumi).toEqual(['function', 'function']);
  });
});

describe("require('ckafka-iac/cdktn')", () => {
  it('gives the construct, the provider, the bindings and the reader, loading cdktn and not cdktf', () => {
    const out = node<{ types: string[]; pkgs: string[]; file: string }>([
      "const m = require('ckafka-iac/cdktn');",
      "console.log(JSON.stringify({ types: [m.CkafkaInstance, m.TencentcloudProvider, m.tencentcloud.ckafkaInstance.CkafkaInstance, m.readCdktfOut, m.formatIssue].map((x) => typeof x), pkgs: packages(), file: require.resolve('ckafka-iac/cdktn') }))",
    ]);
    expect(out.types).toEqual(['function', 'function', 'function', 'function', 'function']);
    expect(path.relative(ROOT, out.file)).toBe(path.join('dist', 'cdktn', 'index.js'));
    expect(out.pkgs).toContain('cdktn');
    expect(out.pkgs).toContain('constructs');
    expect(out.pkgs).not.toContain('cdktf');
  });

  describe('without its optional peers', () => {
    const CASES: ReadonlyArray<readonly [readonly string[], string]> = [
      [['cdktn'], `ckafka-iac/cdktn needs cdktn, an optional peer dependency of ckafka-iac that is not installed; install it with: npm install -D cdktn@"${PEERS.cdktn}"`],
      [
        ['cdktn', 'constructs'],
        `ckafka-iac/cdktn needs cdktn and constructs, optional peer dependencies of ckafka-iac that are not installed; install them with: npm install -D cdktn@"${PEERS.cdktn}" constructs@"${PEERS.constructs}"`,
      ],
    ];
    // One process requires the entry once per case: a require that throws leaves the entry (and
    // its peer check) out of the module cache, so each attempt runs the check afresh.
    let thrown: Record<string, string>;
    beforeAll(() => {
      thrown = node([
        `const thrown = {}; for (const hide of ${JSON.stringify(CASES.map(([hide]) => hide.join(',')))}) {`,
        "process.env.HIDE_PACKAGES = hide; try { require('ckafka-iac/cdktn'); thrown[hide] = 'loaded'; } catch (e) { thrown[hide] = e.name + ': ' + e.message; } }",
        'console.log(JSON.stringify(thrown));',
      ]);
    });

    it.each(CASES)('without %j, names what to install (the ranges from package.json)', (hide, message) => {
      expect(thrown[hide.join(',')]).toBe(`MissingPeerDependencyError: ${message}`);
    });
  });
});
