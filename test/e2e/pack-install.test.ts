/**
 * The package as a team installs it: `npm pack`, then `npm install <tarball>` into a fresh
 * project (from the npm registry, as a user would), then the documented commands from that
 * project. Also measures the CLI-only footprint (installed packages and bytes) against its budget
 * of 50 packages and 20 MB; docs/performance.md records the figures.
 *
 * Needs the built dist/ (the globalSetup of its jest project builds it) and the npm registry. Slow
 * by nature (about ten seconds of install on a warm cache, a minute on a cold one): one test file,
 * generous time limits, in its own jest project that runs in CI or with CKAFKA_TEST_PACKAGE=1
 * (jest.config.js).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { ROOT, SEED, fleetYaml, tempDir } from './_cli';

const run = promisify(execFile);
jest.setTimeout(120_000);
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

const MAX_PACKAGES = 50;
const MAX_BYTES = 20 * 1000 * 1000;

// What `npm test` exports to its children describes this repository (its prefix, its package): a
// child npm inheriting it could install into the repository instead of the temporary project.
// Keep only the user's own npm settings (cache, registry, certificates, proxies).
const KEEP_NPM = /^npm_config_(cache|cafile|userconfig|globalconfig|registry|strict_ssl|.*proxy|nodedir|omit_lockfile_registry_resolved|update_notifier|audit|fund)$/i;
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) || KEEP_NPM.test(k)) env[k] = v;
  delete env.INIT_CWD;
  for (const k of ['TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY', 'TENCENTCLOUD_SESSION_TOKEN', 'CKAFKA_ENDPOINT']) delete env[k];
  return { ...env, CHECKPOINT_DISABLE: '1', NO_COLOR: '1', CI: 'true' };
}

interface Exec {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function exec(file: string, args: readonly string[], cwd: string): Promise<Exec> {
  try {
    const r = await run(file, [...args], { cwd, env: npmEnv(), maxBuffer: 64 * 1024 * 1024, timeout: 240_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code?: unknown; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : -1, stdout: x.stdout ?? '', stderr: x.stderr ?? String(e) };
  }
}

/** Apparent size of every file under `dir`, in bytes. */
function bytesUnder(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) total += bytesUnder(p);
    else if (entry.isFile()) total += fs.statSync(p).size;
  }
  return total;
}

let tmp: ReturnType<typeof tempDir>;
let project: string;
let tarball: string;
let install: Exec;

beforeAll(async () => {
  tmp = tempDir('ckafka-pack-');
  if (!fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run it through jest (its globalSetup builds dist/) or `npm run build` first');
  // --ignore-scripts: prepack would rebuild dist/ while other test files run the CLI from it.
  const pack = await exec(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp.dir], ROOT);
  if (pack.code !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
  const [packed] = JSON.parse(pack.stdout) as Array<{ filename: string }>;
  tarball = path.join(tmp.dir, packed?.filename ?? '');
  project = path.join(tmp.dir, 'team-infra');
  fs.mkdirSync(project);
  const init = await exec(NPM, ['init', '-y'], project);
  if (init.code !== 0) throw new Error(`npm init failed:\n${init.stderr}`);
  install = await exec(NPM, ['install', '--save-dev', '--no-audit', '--no-fund', tarball], project);
  fs.writeFileSync(path.join(project, 'ckafka.yaml'), fleetYaml({ payments: { bw: 160 } }));
}, 300_000);
afterAll(() => tmp?.cleanup());

describe('the packed package, installed into a fresh project', () => {
  it('installs from the tarball', () => {
    expect(install.stderr).not.toMatch(/npm (error|ERR!)/);
    expect(install.code).toBe(0);
    const pkg = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
    expect(Object.keys(pkg.devDependencies ?? {})).toEqual(['ckafka-iac']);
  });

  it(`stays within ${MAX_PACKAGES} packages and ${MAX_BYTES / 1e6} MB without cdktf or Pulumi`, () => {
    const lock = JSON.parse(fs.readFileSync(path.join(project, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    const installed = Object.keys(lock.packages).filter((k) => k.startsWith('node_modules/'));
    const names = installed.map((k) => k.slice(k.lastIndexOf('node_modules/') + 'node_modules/'.length));
    for (const optional of ['@pulumi/pulumi', 'cdktf', 'cdktn', 'constructs', '@cdktf/provider-generator', 'typescript']) expect(names).not.toContain(optional);
    const bytes = bytesUnder(path.join(project, 'node_modules'));
    const figures = `${installed.length} packages, ${(bytes / 1e6).toFixed(1)} MB`;
    fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'bench', 'results', 'footprint.json'), `${JSON.stringify({ measuredAt: new Date().toISOString(), packages: installed.length, bytes, names }, null, 2)}\n`);
    expect({ figures, packages: installed.length <= MAX_PACKAGES, bytes: bytes <= MAX_BYTES }).toEqual({ figures, packages: true, bytes: true });
  });

  // `npx --no`: the project's own bin or nothing, never a package of that name from the registry.
  it('npx ckafka validate', async () => {
    const r = await exec(NPX, ['--no', 'ckafka', 'validate'], project);
    expect(r).toMatchObject({ code: 0, stdout: 'valid: 1 instance in ckafka.yaml\n' });
  });

  it('npx ckafka plan, on the embedded emulator', async () => {
    // A new user's first plan on a terminal; in CI the embedded emulator is chosen explicitly.
    const r = await exec(NPX, ['--no', 'ckafka', 'plan', '--emulator', '--format', 'json'], project);
    expect(r.stderr).toMatch(/[Uu]sing the embedded CKafka emulator/);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as { instances: Array<{ instanceId: string; action: string }> };
    expect(plan.instances).toEqual([expect.objectContaining({ instanceId: SEED.payments.id, action: 'upgrade' })]);
  });

  it("require('ckafka-iac') loads the programmatic API", async () => {
    const r = await exec(process.execPath, ['-e', "const c = require('ckafka-iac'); process.stdout.write([typeof c.parseFleet, typeof c.planWithCloud, typeof c.openCloud].join(' '))"], project);
    expect(r).toMatchObject({ code: 0, stdout: 'function function function' });
  });

  it.each([
    ['ckafka-iac/cdktf', 'cdktf and constructs', /npm install -D cdktf@"\^0\.21\.0" constructs@"\^10\.\d+\.\d+"/],
    ['ckafka-iac/cdktn', 'cdktn and constructs', /npm install -D cdktn@"\^0\.24\.0" constructs@"\^10\.\d+\.\d+"/],
    ['ckafka-iac/pulumi', '@pulumi/pulumi', /npm install -D @pulumi\/pulumi@"\^3\.248\.0"/],
  ])('%s without its peer dependencies names what to install', async (entry, needs, command) => {
    const r = await exec(process.execPath, ['-e', `try { require('${entry}') } catch (e) { process.stdout.write(e.message); process.exit(3) }`], project);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain(`${entry} needs ${needs}`);
    expect(r.stdout).toMatch(command);
  });
});
