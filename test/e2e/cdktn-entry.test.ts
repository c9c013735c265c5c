/**
 * The `ckafka-iac/cdktn` package entry (package.json `exports`, the built dist/, as the processes
 * project's globalSetup builds it): it gives the construct, the bindings and the reader, loads
 * cdktn and never cdktf (and the cdktf entry never cdktn), and without its optional peers it
 * names what to install.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const PEERS = (require('../../package.json') as { peerDependencies: Record<string, string> }).peerDependencies;

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ckafka-iac-cdktn-entry-'));
  // Makes the listed packages unresolvable, as in a project that has not installed them.
  fs.writeFileSync(
    path.join(tmp, 'hide-packages.js'),
    [
      "const Module = require('module');",
      "const hidden = (process.env.HIDE_PACKAGES || '').split(',').filter(Boolean);",
      'const resolve = Module._resolveFilename;',
      'Module._resolveFilename = function (request, ...rest) {',
      "  if (hidden.some((p) => request === p || request.startsWith(p + '/'))) throw Object.assign(new Error(`Cannot find module '${request}'`), { code: 'MODULE_NOT_FOUND' });",
      '  return resolve.call(this, request, ...rest);',
      '};',
    ].join('\n'),
  );
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs `code` in a Node process in the repository, so `ckafka-iac/…` resolves through its exports. */
function node(code: string, hide: readonly string[] = []): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['-r', path.join(tmp, 'hide-packages.js'), '-e', code], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', CHECKPOINT_DISABLE: '1', HIDE_PACKAGES: hide.join(',') },
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const LIST_PACKAGES = "const pkgs = [...new Set(Object.keys(require.cache).map((f) => (f.match(/node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/) || [])[1]).filter(Boolean))];";

describe("require('ckafka-iac/cdktn')", () => {
  it('gives the construct, the provider, the bindings and the reader, loading cdktn and not cdktf', () => {
    const r = node(
      `const m = require('ckafka-iac/cdktn'); ${LIST_PACKAGES} console.log(JSON.stringify({ types: [m.CkafkaInstance, m.TencentcloudProvider, m.tencentcloud.ckafkaInstance.CkafkaInstance, m.readCdktfOut, m.formatIssue].map((x) => typeof x), pkgs, file: require.resolve('ckafka-iac/cdktn') }))`,
    );
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { types: string[]; pkgs: string[]; file: string };
    expect(out.types).toEqual(['function', 'function', 'function', 'function', 'function']);
    expect(path.relative(ROOT, out.file)).toBe(path.join('dist', 'cdktn', 'index.js'));
    expect(out.pkgs).toContain('cdktn');
    expect(out.pkgs).toContain('constructs');
    expect(out.pkgs).not.toContain('cdktf');
  });

  it("and require('ckafka-iac/cdktf') does not load cdktn", () => {
    const r = node(`const m = require('ckafka-iac/cdktf'); ${LIST_PACKAGES} console.log(JSON.stringify({ type: typeof m.CkafkaInstance, pkgs }))`);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { type: string; pkgs: string[] };
    expect(out.type).toBe('function');
    expect(out.pkgs).toContain('cdktf');
    expect(out.pkgs).not.toContain('cdktn');
  });

  it.each([
    [['cdktn'], `ckafka-iac/cdktn needs cdktn, an optional peer dependency of ckafka-iac that is not installed; install it with: npm install -D cdktn@"${PEERS.cdktn}"`],
    [
      ['cdktn', 'constructs'],
      `ckafka-iac/cdktn needs cdktn and constructs, optional peer dependencies of ckafka-iac that are not installed; install them with: npm install -D cdktn@"${PEERS.cdktn}" constructs@"${PEERS.constructs}"`,
    ],
  ])('without %j, names what to install (the ranges from package.json)', (hide, message) => {
    const r = node("try { require('ckafka-iac/cdktn') } catch (e) { process.stdout.write(e.name + ': ' + e.message); process.exit(3) }", hide);
    expect(r.status).toBe(3);
    expect(r.stdout).toBe(`MissingPeerDependencyError: ${message}`);
  });
});
