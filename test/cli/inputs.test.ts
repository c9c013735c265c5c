/**
 * What the CLI reads, in-process: every input goes through one path (regular files of bounded
 * size, strict UTF-8, a cdktf.out that really holds its stacks), and nothing read is quoted back.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './_run-cli';

let cwd: string;
beforeEach(() => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'ckafka-cli-inputs-'));
});
afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

const write = (rel: string, content: string | Uint8Array) => {
  const p = path.join(cwd, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
};
const TOKEN = 'npm_TOKENq7Zk2Lw9TOKENx3Vb8Nn4Rt6';

describe('inputs that are not fleet files', () => {
  it('a symbolic link to /dev/zero: refused at once as a character device, with a fix line', async () => {
    fs.symlinkSync('/dev/zero', path.join(cwd, 'ckafka.yaml'));
    const r = await cli(['validate'], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error cli\/not-a-regular-file\s+ckafka\.yaml\n\s+ckafka\.yaml is a character device, not a fleet file\n\s+fix: pass a fleet file \(a regular file\)/);
  });

  it('a FIFO named like a fleet file in a folder: refused, never waited on', async () => {
    fs.mkdirSync(path.join(cwd, 'fleet'));
    execFileSync('mkfifo', [path.join(cwd, 'fleet', 'ckafka.yaml')]);
    const r = await cli(['plan', 'fleet', '--format', 'json'], cwd);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error.issues).toEqual([expect.objectContaining({ code: 'cli/not-a-regular-file', file: path.join('fleet', 'ckafka.yaml') })]);
  });

  it("someone's credentials behind a symbolic link: refused without quoting a byte of them", async () => {
    const npmrc = write('home/.npmrc', `//registry.npmjs.org/:_authToken=${TOKEN}\n`);
    fs.mkdirSync(path.join(cwd, 'pr'));
    fs.symlinkSync(npmrc, path.join(cwd, 'pr', 'ckafka.yaml'));
    for (const format of ['text', 'json']) {
      const r = await cli(['plan', 'pr', '--format', format], cwd);
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).toContain('the document must be a mapping, got a string');
      expect(r.stdout + r.stderr).not.toMatch(/TOKEN|registry|authToken/);
    }
  });

  it('a binary file: cli/not-utf8 with the offset of the first bad byte and a fix, no bytes echoed', async () => {
    write('ckafka.yaml', Buffer.concat([Buffer.from([0x89]), Buffer.from('PNG\r\n\u001a\n'), Buffer.from(TOKEN)]));
    const r = await cli(['validate'], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error cli\/not-utf8\s+ckafka\.yaml:1\n\s+ckafka\.yaml is not UTF-8 text: byte offset 0 \(0x89, line 1\) is not valid UTF-8\n\s+fix: pass a fleet file, saved as UTF-8/);
    expect(r.stderr).not.toMatch(/PNG|TOKEN/);
  });

  it('200,000 instances (26 MB): refused by size at once, no stack overflow, no internal error', async () => {
    const lines = ['region: ap-guangzhou', 'instances:'];
    for (let i = 0; i < 200_000; i++)
      lines.push(`  - name: inst-${i}`, `    instanceId: ckafka-${i.toString(36).padStart(8, '0')}`, '    edition: pro', '    bandwidthMBps: 200', '    diskGB: 3000', '    partitions: 1400');
    write('ckafka.yaml', `${lines.join('\n')}\n`);
    const r = await cli(['validate', '--format', 'json'], cwd);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).issues).toEqual([
      expect.objectContaining({ code: 'cli/input-too-large', message: expect.stringMatching(/^ckafka\.yaml is 26\.\d MB; ckafka reads fleet files of at most 8 MB$/) }),
    ]);
  });

  it('a plan file that is a FIFO or too large: refused before anything is observed', async () => {
    execFileSync('mkfifo', [path.join(cwd, 'plan.json')]);
    const fifo = await cli(['apply', 'plan.json', '--format', 'json'], cwd);
    expect(fifo.code).toBe(1);
    expect(JSON.parse(fifo.stdout).error.issues).toEqual([expect.objectContaining({ code: 'cli/not-a-regular-file', message: 'plan.json is a FIFO (named pipe), not a plan' })]);
    expect(fs.existsSync(path.join(cwd, '.ckafka'))).toBe(false);
  });

  it('a plan file that is not JSON: the position, never the content', async () => {
    write('plan.json', `//registry.npmjs.org/:_authToken=${TOKEN}\n`);
    const r = await cli(['apply', 'plan.json'], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('plan.json cannot be read as a plan: it is not valid JSON');
    expect(r.stderr).not.toMatch(/TOKEN|registry/);
  });

  it('a cdktf.out whose manifest points outside it: cli/path-outside, the outside file not read', async () => {
    write('secret.json', `{"token": "${TOKEN}"}`);
    write('cdktf.out/manifest.json', JSON.stringify({ version: '0.21.0', stacks: { app: { synthesizedStackPath: '../secret.json' } } }));
    fs.mkdirSync(path.join(cwd, 'cdktf.out', 'stacks'));
    const r = await cli(['plan', 'cdktf.out', '--format', 'json'], cwd);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error.issues).toEqual([expect.objectContaining({ code: 'cli/path-outside' })]);
    expect(r.stdout + r.stderr).not.toContain('TOKEN');
  });
});
