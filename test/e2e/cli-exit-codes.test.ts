/**
 * The binary itself, where a process is the point: bin/ckafka.js hands argv, the environment and
 * the real stdout and stderr pipes to the CLI, and the process exits with the code the command
 * returned (0, 1 or 2), its output flushed. What the commands say is tested in process
 * (test/cli/cli-inputs.test.ts, test/cli/cli-embedded.test.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ANSI, ROOT, ckafka, fleetYaml, killAll, statePathIn, tempDir, writeFile, writeSeedState } from './_cli';

let tmp: ReturnType<typeof tempDir>;
let cwd: string;

beforeAll(async () => {
  tmp = tempDir();
  cwd = tmp.dir;
  writeFile(path.join(cwd, 'ckafka.yaml'), fleetYaml({ payments: { bw: 160 } }));
  writeFile(path.join(cwd, 'same', 'ckafka.yaml'), fleetYaml({ payments: {} }));
  writeFile(path.join(cwd, 'typo', 'ckafka.yaml'), fleetYaml({ payments: {} }).replace('bandwidthMBps', 'bandwidthMbps'));
  await writeSeedState(statePathIn(cwd));
});
afterAll(() => tmp.cleanup());
afterEach(killAll);

describe('bin/ckafka.js', () => {
  it('exit 0: --version on stdout, nothing on stderr', async () => {
    const r = await ckafka(['--version'], { cwd });
    expect(r).toMatchObject({ code: 0, signal: null, stderr: '' });
    expect(r.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('exit 1 on bad input: the error on stderr, stdout empty; with --format json the envelope on stdout', async () => {
    const text = await ckafka(['plan', 'nope.yaml'], { cwd });
    expect(text).toMatchObject({ code: 1, stdout: '' });
    expect(text.stderr).toMatch(/^error cli\/file-not-found/);
    const json = await ckafka(['plan', 'nope.yaml', '--format', 'json'], { cwd });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).error.issues[0].code).toBe('cli/file-not-found');
  });

  it('plan --detailed-exitcode: 2 with changes, 0 without; the whole plan is written before the exit', async () => {
    const changes = await ckafka(['plan', '--detailed-exitcode', '--format', 'json'], { cwd });
    expect(changes.code).toBe(2);
    expect(JSON.parse(changes.stdout).summary.hasChanges).toBe(true);
    const none = await ckafka(['plan', 'same', '--detailed-exitcode'], { cwd });
    expect(none.code).toBe(0);
  });

  it('colours stderr when FORCE_COLOR is in its environment, and not on a pipe without it', async () => {
    const forced = await ckafka(['validate', 'typo'], { cwd, env: { FORCE_COLOR: '1' } });
    expect(forced.code).toBe(1);
    expect(forced.stderr).toMatch(ANSI);
    const piped = await ckafka(['validate', 'typo'], { cwd });
    expect(piped.code).toBe(1);
    expect(piped.stderr).not.toMatch(ANSI);
    expect(piped.stderr).toContain('error spec/unknown-key');
  });
});
