/**
 * `ckafka doctor` in process (runCli): help, usage errors, fleet files as the instances to ask
 * about, and the text report on the embedded emulator.
 */
import { PassThrough } from 'node:stream';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';
import { HELP } from '../../src/cli/help';
import { createSeedState, saveEmulatorState } from '../../src/cloud/emulator';
import { SEED, fleetYaml } from '../support/seed-fleet';

const T0 = new Date('2026-03-02T02:00:00Z');

function io(cwd: string) {
  const out = { stdout: '', stderr: '' };
  const stream = (key: 'stdout' | 'stderr') => {
    const s = new PassThrough();
    s.on('data', (d: Buffer) => (out[key] += d.toString('utf8')));
    return s;
  };
  return { io: { stdout: stream('stdout'), stderr: stream('stderr'), env: { NO_COLOR: '1' }, cwd }, out };
}

let dir: string;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckafka-doctor-'));
  const state = createSeedState({ now: T0 });
  state.clock = { virtualAt: T0.toISOString(), realAt: Date.now(), speed: 0, revision: 1, stepOnSleep: true };
  fs.mkdirSync(path.join(dir, '.ckafka'));
  await saveEmulatorState(path.join(dir, '.ckafka', 'emulator-state.json'), state);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('ckafka doctor', () => {
  it.each([[['help', 'doctor']], [['doctor', '--help']]])('%j prints the doctor help', async (argv) => {
    const { io: x, out } = io(dir);
    expect(await runCli(argv, x)).toBe(0);
    expect(out.stdout).toBe(`${HELP.doctor}\n`);
  });

  it('refuses a sample of 0 with a usage error', async () => {
    const { io: x, out } = io(dir);
    expect(await runCli(['doctor', '--sample', '0'], x)).toBe(1);
    expect(out.stderr).toMatch(/--sample must be a positive whole number; got "0"/);
  });

  it('asks about the instances a fleet file declares, and prints a report without ids', async () => {
    fs.writeFileSync(path.join(dir, 'ckafka.yaml'), fleetYaml({ orders: {}, telemetry: {} }));
    const { io: x, out } = io(dir);
    expect(await runCli(['doctor', 'ckafka.yaml'], x)).toBe(0);
    expect(out.stdout).toContain('instances    2 listed; 2 checked: instance-1, instance-2');
    expect(out.stdout).toContain('✓ elastic-storage  DescribeInstancesDetail  instance-2');
    expect(out.stdout).toContain('modify-type-bandwidth-unit: likely Mbps (not settled)');
    expect(out.stdout).toMatch(/result: every answer has the shapes ckafka-iac relies on\n$/);
    expect(out.stdout).not.toContain(SEED.orders.id);
    expect(out.stdout).not.toContain(SEED.telemetry.id);
  });
});
