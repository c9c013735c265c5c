/**
 * The binary itself, where a process is the point: bin/ckafka.js hands argv, the environment and
 * the real stdout and stderr pipes to the CLI, and the process exits with the code the command
 * returned (0, 1 or 2), its output flushed. One process per exit code, each asserted on both
 * streams. What the commands say is tested in process (test/cli/cli-inputs.test.ts: the text-mode
 * error with an empty stdout, validate's unknown key, colour rules; test/cli/cli-embedded.test.ts:
 * --detailed-exitcode 0 without changes).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ANSI, ROOT, ckafka, killAll, paymentsChangeWorkspace, tempDir } from './_cli';

let tmp: ReturnType<typeof tempDir>;
let cwd: string;

beforeAll(async () => {
  tmp = tempDir();
  cwd = (await paymentsChangeWorkspace(tmp.dir, 'workspace')).cwd;
});
afterAll(() => tmp.cleanup());
afterEach(killAll);

describe('bin/ckafka.js', () => {
  it('exit 0: --version on stdout, nothing on stderr', async () => {
    const r = await ckafka(['--version'], { cwd });
    expect(r).toMatchObject({ code: 0, signal: null, stderr: '' });
    expect(r.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('exit 1 on bad input: the error on stderr, uncoloured on a pipe; with --format json the envelope on stdout', async () => {
    const r = await ckafka(['plan', 'nope.yaml', '--format', 'json'], { cwd });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error.issues[0].code).toBe('cli/file-not-found');
    expect(r.stderr).toMatch(/^error cli\/file-not-found/);
    // The control for this is the next test: the same error is coloured when FORCE_COLOR is set.
    expect(r.stderr).not.toMatch(ANSI);
  });

  it('colours stderr when FORCE_COLOR is in its environment, and keeps stdout plain JSON', async () => {
    const r = await ckafka(['plan', 'nope.yaml', '--format', 'json'], { cwd, env: { FORCE_COLOR: '1' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(ANSI);
    expect(r.stderr).toContain('cli/file-not-found');
    expect(JSON.parse(r.stdout).error.issues[0].code).toBe('cli/file-not-found');
  });

  it('plan --detailed-exitcode: 2 with changes; the whole plan is written before the exit', async () => {
    const r = await ckafka(['plan', '--detailed-exitcode', '--format', 'json'], { cwd });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).summary.hasChanges).toBe(true);
  });
});
