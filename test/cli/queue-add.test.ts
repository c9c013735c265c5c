/**
 * `ckafka queue add` on a queue that already holds plans, in process: adding an id already queued
 * does nothing when the plan is the same (byte for byte, or re-serialised with the same digest)
 * and fails when it is another; only the entry of that id is read, so a damaged plan of another
 * id is left for `queue apply` to refuse. The sequences the queue exists for are
 * test/gitops/queue-sequences.test.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fleetYaml, tempDir, writeFile, writeSeedState } from '../support/workspace';
import { cli } from './_run-cli';

let tmp: ReturnType<typeof tempDir>;
let cwd: string;
const QUEUED = '.ckafka-queue/pending/20260302T030000Z-pr1.json';

beforeAll(async () => {
  tmp = tempDir('ckafka-queue-add-');
  cwd = tmp.dir;
  await writeSeedState(path.join(cwd, 'state.json'));
  writeFile(path.join(cwd, 'a', 'ckafka.yaml'), fleetYaml({ payments: { bw: 160 } }));
  writeFile(path.join(cwd, 'b', 'ckafka.yaml'), fleetYaml({ payments: { bw: 160, mode: 'high-speed' } }));
  for (const dir of ['a', 'b']) expect((await cli(['plan', dir, '--out', `${dir}.json`, '--emulator-state', 'state.json'], cwd)).code).toBe(0);
  expect((await cli(['queue', 'add', '.ckafka-queue', 'a.json', '--id', 'pr1', '--merged-at', '2026-03-02T03:00:00Z'], cwd)).stdout).toBe('pr1: queued as pending/20260302T030000Z-pr1.json (1 instance)\n');
});
afterAll(() => tmp.cleanup());

describe('ckafka queue add, the id already queued', () => {
  it('the same plan, byte for byte: does nothing', async () => {
    const r = await cli(['queue', 'add', '.ckafka-queue', 'a.json', '--id', 'pr1', '--merged-at', '2026-03-02T03:00:00Z'], cwd);
    expect(r).toEqual({ code: 0, stdout: `pr1: already queued (pending/20260302T030000Z-pr1.json)\n`, stderr: '' });
  });

  it('the same plan written differently (same digest): does nothing', async () => {
    writeFile(path.join(cwd, 'a-compact.json'), JSON.stringify(JSON.parse(fs.readFileSync(path.join(cwd, 'a.json'), 'utf8'))));
    const r = await cli(['queue', 'add', '.ckafka-queue', 'a-compact.json', '--id', 'pr1', '--merged-at', '2026-03-02T03:00:00Z'], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('pr1: already queued (pending/20260302T030000Z-pr1.json)\n');
  });

  it('another plan: exit 1, apply/plan-modified naming the file given; the queued plan is kept', async () => {
    const queued = fs.readFileSync(path.join(cwd, QUEUED), 'utf8');
    const r = await cli(['queue', 'add', '.ckafka-queue', 'b.json', '--id', 'pr1', '--merged-at', '2026-03-02T03:00:00Z'], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error apply\/plan-modified {2}b\.json\n {2}a second, different plan for pr1\n/);
    expect(fs.readFileSync(path.join(cwd, QUEUED), 'utf8')).toBe(queued);
  });

  it('a queued plan edited by hand: adding its id fails, adding another id does not read it', async () => {
    const dir = path.join(cwd, 'damaged');
    fs.cpSync(path.join(cwd, '.ckafka-queue'), path.join(dir, '.ckafka-queue'), { recursive: true });
    const file = path.join(dir, QUEUED);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"bandwidthMBps": 160', '"bandwidthMBps": 180'));

    const same = await cli(['queue', 'add', '.ckafka-queue', '../a.json', '--id', 'pr1', '--merged-at', '2026-03-02T03:00:00Z'], dir);
    expect(same.code).toBe(1);
    expect(same.stderr).toMatch(/^error apply\/plan-modified {2}\.ckafka-queue\/pending\/20260302T030000Z-pr1\.json {2}digest\n.* was changed after it was planned/);

    const other = await cli(['queue', 'add', '.ckafka-queue', '../b.json', '--id', 'pr2', '--merged-at', '2026-03-02T04:00:00Z'], dir);
    expect(other).toMatchObject({ code: 0, stdout: 'pr2: queued as pending/20260302T040000Z-pr2.json (1 instance)\n' });
    // queue apply reads every pending plan, and refuses the damaged one.
    const applied = await cli(['queue', 'apply', '.ckafka-queue', '--fleet', '../b', '--emulator-state', '../state.json'], dir);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toMatch(/^error apply\/plan-modified {2}\.ckafka-queue\/pending\/20260302T030000Z-pr1\.json {2}digest\n/);
  });
});
