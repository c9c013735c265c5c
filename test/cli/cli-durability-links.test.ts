/**
 * Symbolic links in place of the files the CLI writes (attacks B13 and B17 of
 * docs/reliability.md), in process: a plan or an emulator state is never written through a link,
 * and what the link points to is untouched.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { paymentsChangeWorkspace, tempDir, writeFile } from '../support/workspace';
import { ckafka } from '../support/run-cli';

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => tmp.cleanup());

const folder = (name: string): Promise<{ cwd: string; state: string }> => paymentsChangeWorkspace(tmp.dir, name);

describe('symbolic links in place of the files ckafka writes', () => {
  it('plan --out refuses to write through a link, and the file it points to is untouched (B13)', async () => {
    const { cwd } = await folder('link-plan');
    const victim = writeFile(path.join(cwd, 'bashrc'), 'export PATH=/usr/bin\n');
    fs.symlinkSync(victim, path.join(cwd, 'plan.json'));

    const r = await ckafka(['plan', '--out', 'plan.json'], { cwd });

    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error cli\/write-failed/);
    expect(r.stderr).toContain('is a symbolic link');
    expect(fs.readFileSync(victim, 'utf8')).toBe('export PATH=/usr/bin\n');
    expect(fs.lstatSync(path.join(cwd, 'plan.json')).isSymbolicLink()).toBe(true);
  });

  it('--emulator-state refuses a link: the link stays a link, its target unchanged (B17)', async () => {
    const { cwd, state } = await folder('link-state');
    const before = fs.readFileSync(state, 'utf8');
    const link = path.join(cwd, 'linked-state.json');
    fs.symlinkSync(state, link);

    const r = await ckafka(['status', '--emulator-state', 'linked-state.json'], { cwd });

    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error emulator\/state-io/);
    expect(r.stderr).toContain('is a symbolic link');
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(state, 'utf8')).toBe(before);
    expect(fs.existsSync(`${link}.lock`)).toBe(false);
  });
});
