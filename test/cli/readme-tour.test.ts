/**
 * The README's "A short tour" as a new user types it, in-process through `runCli`: plan the
 * quickstart to a file, apply it, apply again with --wait and an accepted check, plan again.
 * Every kind of instance the quickstart shows goes through a saved plan, elastic storage included.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, tempDir } from '../support/workspace';
import { cli } from './_run-cli';

let cwd: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir: cwd, cleanup } = tempDir('ckafka-readme-tour-'));
  fs.cpSync(path.join(ROOT, 'examples', 'quickstart'), path.join(cwd, 'examples', 'quickstart'), { recursive: true });
});
afterEach(() => cleanup());

describe('the README tour on the embedded emulator', () => {
  it('plan --out, apply, apply --wait --ignore-check, plan: every instance ends at its declared spec', async () => {
    const plan = await cli(['plan', 'examples/quickstart', '--out', 'plan.json'], cwd);
    expect(plan.code).toBe(0);
    const saved = JSON.parse(fs.readFileSync(path.join(cwd, 'plan.json'), 'utf8')) as { instances: { name: string; observed: { spec: { diskGB: number | null } } }[] };
    // The elastic instance's disk is saved as the cloud reports it, and apply must still load the plan.
    expect(saved.instances.find((i) => i.name === 'telemetry')?.observed.spec.diskGB).toBeNull();

    const first = await cli(['apply', 'plan.json'], cwd);
    expect(first.stderr).not.toMatch(/plan-invalid/);
    expect(first.stdout).toMatch(/… orders \(ckafka-9x2kq7pe\): deferred — outside its window/);
    expect(first.stdout).toMatch(/✓ media-uploads \(ckafka-3rf6w8ya\): done — applied: 160 MB\/s, 5000 GB, 1400 partitions/);
    expect(first.stdout).toMatch(/✓ reports \(ckafka-r3p0rts1\): done — applied/);
    expect(first.stdout).toMatch(/✓ telemetry \(ckafka-t3l3m7ry\): done — applied: 300 MB\/s, elastic disk, 1600 partitions/);
    expect(first.stdout).toMatch(/✗ audit \(ckafka-2pd8v6fj\): blocked/);
    expect(first.stdout).toMatch(/Apply: 3 done, 1 deferred, 1 blocked, 1 unchanged\.\n$/);
    expect(first.code).toBe(1);

    const second = await cli(['apply', 'plan.json', '--wait', '--max-wait', '7d', '--ignore-check', 'replicas-in-sync'], cwd);
    expect(second.stdout).toMatch(/✓ orders \(ckafka-9x2kq7pe\): done — applied: 600 MB\/s, 3000 GB, 2400 partitions; endpoints changed/);
    expect(second.stdout).toMatch(/✓ audit \(ckafka-2pd8v6fj\): done — applied[\s\S]*ignored failing checks \(--ignore-check\): replicas-in-sync/);
    expect(second.stdout).toMatch(/Apply: 5 done, 1 unchanged\.\n$/);
    expect(second.code).toBe(0);

    const again = await cli(['plan', 'examples/quickstart'], cwd);
    expect(again.stdout).toMatch(/No changes: 6 instances match their declared spec/);
    expect(again.code).toBe(0);
  });
});
