/**
 * `ckafka apply` as processes that die, race and get interrupted, on one embedded emulator state
 * file: resume after kill -9, two applies of one plan at once, Ctrl-C; and `ckafka emulator serve`
 * outliving the wrapper that started it.
 *
 * An apply polling every virtual second follows a migration of hours in many small steps, so the
 * test has time to kill it after the submit; a re-run polling every 10 virtual minutes finishes
 * in a few. Only the applies that die, race or are interrupted are processes: the plans before
 * them and the re-runs after them run in this process (`runCli`), on the same state file.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as path from 'node:path';
import { runInProcess } from '../support/run-cli';
import { BIN, SEED, ckafka, cleanEnv, eventually, fleetYaml, killAll, readState, specSubmissionsIn, start, statePathIn, tempDir, writeFile, writeSeedState } from './_cli';

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => tmp.cleanup());
afterEach(killAll);

async function planned(name: string, fleet: string): Promise<{ cwd: string; state: string }> {
  const cwd = path.join(tmp.dir, name);
  writeFile(path.join(cwd, 'ckafka.yaml'), fleet);
  await writeSeedState(statePathIn(cwd));
  const r = await runInProcess(['plan', '--out', 'plan.json'], cwd);
  expect(r.code).toBe(0);
  return { cwd, state: statePathIn(cwd) };
}

const statusOf = (state: string, id: string) => readState(state).instances.find((i) => i.instanceId === id)?.status;

describe('ckafka apply across processes', () => {
  it('resumes after kill -9 in the middle of a migration: converges with exactly one submit', async () => {
    const { cwd, state } = await planned('kill9', fleetYaml({ payments: { bw: 160, mode: 'high-speed' } }));
    const first = start(['apply', 'plan.json', '--poll-interval', '1s'], { cwd });
    await eventually(() => specSubmissionsIn(state).length === 1);
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(statusOf(state, SEED.payments.id)).toBe(7);

    const second = await runInProcess(['apply', 'plan.json', '--poll-interval', '10m'], cwd);

    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/✓ payments \(ckafka-4m7tz1bc\): done — finished \(followed the running change\)/);
    expect(second.stdout).not.toMatch(/submitted at /);
    expect(second.stderr).toMatch(/payments: attached/);
    expect(specSubmissionsIn(state)).toHaveLength(1);
    expect(readState(state).instances.find((i) => i.instanceId === SEED.payments.id)).toMatchObject({ status: 1, bandwidthMBps: 160 });
  });

  // Known flake until a src/ fix (about 1 run in 10 here): when one process is starved on the state
  // file lock while the other follows its change to the end, the starved submit reaches the cloud
  // after the change finished, is refused as "nothing to change", and that apply exits 1 instead
  // of reporting done. The deterministic form is the `.failing` test in test/apply/apply-runs.test.ts.
  it('two concurrent applies of one plan: each change submitted once, both exit 0', async () => {
    const { cwd, state } = await planned('twice', fleetYaml({ payments: { bw: 160, mode: 'high-speed' }, 'pulumi-events': { bw: 160 } }));

    const [a, b] = await Promise.all([ckafka(['apply', 'plan.json', '--poll-interval', '10m'], { cwd }), ckafka(['apply', 'plan.json', '--poll-interval', '10m'], { cwd })]);

    expect([a.code, b.code]).toEqual([0, 0]);
    for (const r of [a, b]) expect(r.stdout).toContain('Apply: 2 done.');
    expect(specSubmissionsIn(state, SEED.payments.id)).toHaveLength(1);
    expect(specSubmissionsIn(state, SEED['pulumi-events'].id)).toHaveLength(1);
    // Between them, each change was submitted by exactly one.
    expect((a.stdout + b.stdout).match(/submitted at /g)).toHaveLength(2);
  });

  it('Ctrl-C (SIGINT) stops, reports what is still running in the cloud, exits 1; a re-run finishes it', async () => {
    const { cwd, state } = await planned('sigint', fleetYaml({ payments: { bw: 160, mode: 'high-speed' } }));
    const run = start(['apply', 'plan.json', '--poll-interval', '1s'], { cwd });
    await eventually(() => specSubmissionsIn(state).length === 1 && /payments: upgrading/.test(run.output().stderr));
    run.child.kill('SIGINT');
    const r = await run.done;

    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Stopping: no new changes will be submitted; changes already running in the cloud keep running.');
    expect(r.stdout).toMatch(/! payments \(ckafka-4m7tz1bc\): running — interrupted; the change keeps running in the cloud/);
    expect(r.stdout).toContain('Still running in the cloud: payments. Apply the same plan again to follow them.');
    expect(r.stdout).toContain('Interrupted: no new change was submitted after Ctrl-C.');
    expect(statusOf(state, SEED.payments.id)).toBe(7);

    const again = await runInProcess(['apply', 'plan.json', '--poll-interval', '10m'], cwd);
    expect(again.code).toBe(0);
    expect(specSubmissionsIn(state)).toHaveLength(1);
  });
});

describe('ckafka emulator serve under a wrapper (npx, npm exec, a shell)', () => {
  // `npx ckafka emulator serve &` then `kill $!` kills npm, which does not pass the signal on; the
  // server, re-parented, must notice and stop rather than keep the port. A shell that stays between
  // (as npm's `sh -c` does) stands in for npm here.
  it('stops, saving its state, when the process that started it is killed', async () => {
    const cwd = path.join(tmp.dir, 'wrapped');
    const state = statePathIn(cwd);
    await writeSeedState(state);
    const script = `"${process.execPath}" "${BIN}" emulator serve --port 0 --state "${state}"; true`;
    const wrapper = spawn('sh', ['-c', script], { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    wrapper.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
    wrapper.stderr?.setEncoding('utf8').on('data', (d: string) => (out += d));
    // The pipes close only when the server, which holds them too, has exited.
    const closed = new Promise<void>((resolve) => wrapper.on('close', () => resolve()));
    await eventually(() => out.includes('ckafka emulator listening on http://127.0.0.1:'));
    // The server's own pid, so that a failing run does not leave it listening.
    const server = Number(execFileSync('ps', ['-o', 'pid=', '--ppid', String(wrapper.pid)], { encoding: 'utf8' }).trim());
    try {
      wrapper.kill('SIGKILL');
      await closed;
      expect(out).toContain('ckafka emulator: the process that started it (npm, npx or a shell) has exited; stopping');
      expect(readState(state).instances.length).toBeGreaterThan(0);
    } finally {
      try {
        process.kill(server, 'SIGKILL');
      } catch {
        // Already gone: the expected case.
      }
    }
  });
});
