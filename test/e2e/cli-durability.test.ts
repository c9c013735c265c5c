/**
 * Files the CLI writes, under a real shortage: the process may write at most a few kilobytes
 * (RLIMIT_FSIZE via `ulimit -f`, with SIGXFSZ ignored), so the kernel cuts a write short and then
 * refuses the next one, as on a full disk (attacks B5 and B13 of docs/reliability.md). A process
 * is the point here: the limit is per process; the runs before and after the one under the limit
 * run in this process (`runCli`). Symbolic links in place of the files it writes
 * (B13, B17) are test/cli/cli-durability-links.test.ts.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEmulator, createSeedState, createVirtualClock, startEmulatorServer } from '../../src/cloud/emulator';
import { runInProcess } from '../support/run-cli';
import { BIN, FAKE_CREDENTIALS, cleanEnv, fleetYaml, paymentsChangeWorkspace, tempDir, writeFile, type Run } from './_cli';

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => tmp.cleanup());

/**
 * `ckafka <args>` allowed to write at most `blocks` blocks per file (512 bytes each in dash, 1024
 * in bash: either way far below the files written here).
 */
function ckafkaWithFileSizeLimit(args: readonly string[], cwd: string, blocks: number, env: Readonly<Record<string, string>> = {}): Promise<Run> {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', `trap '' XFSZ; ulimit -f ${blocks} && exec ${quoted}`], { cwd, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const folder = (name: string): Promise<{ cwd: string; state: string }> => paymentsChangeWorkspace(tmp.dir, name);

describe('a disk that fills up during a write', () => {
  it('status keeps the previous emulator state intact and says why it failed (B5)', async () => {
    const { cwd, state } = await folder('full-state');
    const before = fs.readFileSync(state, 'utf8');
    expect(before.length).toBeGreaterThan(16 * 1024);

    const r = await ckafkaWithFileSizeLimit(['status'], cwd, 8);

    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error emulator\/state-io/);
    expect(r.stderr).toMatch(/the file is larger than this process may write \(EFBIG\) after \d+ of \d+ bytes; the previous file is unchanged/);
    expect(fs.readFileSync(state, 'utf8')).toBe(before);
    expect(fs.readdirSync(path.dirname(state)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // The state still works.
    expect((await runInProcess(['status'], cwd)).code).toBe(0);
  });

  it('plan --out keeps the previously reviewed plan intact (B13)', async () => {
    // The cloud is an HTTP emulator in this process: the CLI writes nothing but the plan.
    const em = createEmulator({ state: createSeedState({ now: new Date() }), clock: createVirtualClock({ speed: 1 }) });
    const server = await startEmulatorServer({ emulator: em, credentials: { secretId: FAKE_CREDENTIALS.TENCENTCLOUD_SECRET_ID, secretKey: FAKE_CREDENTIALS.TENCENTCLOUD_SECRET_KEY } });
    try {
      const cwd = path.join(tmp.dir, 'full-plan');
      writeFile(path.join(cwd, 'ckafka.yaml'), fleetYaml({ payments: { bw: 160 } }));
      const args = ['plan', '--out', 'plan.json', '--endpoint', server.url];
      const env = { ...FAKE_CREDENTIALS };
      expect((await runInProcess(args, cwd, env)).code).toBe(0);
      const reviewed = fs.readFileSync(path.join(cwd, 'plan.json'), 'utf8');
      expect(reviewed.length).toBeGreaterThan(4096);

      const r = await ckafkaWithFileSizeLimit(args, cwd, 2, env);

      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/error cli\/write-failed/);
      expect(r.stderr).toMatch(/\(EFBIG\) after \d+ of \d+ bytes; the previous file is unchanged/);
      expect(fs.readFileSync(path.join(cwd, 'plan.json'), 'utf8')).toBe(reviewed);
    } finally {
      await server.close();
      await em.close();
    }
  });
});
