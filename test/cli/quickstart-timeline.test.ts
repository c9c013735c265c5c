/**
 * The quickstart's plan, as `ckafka plan examples/quickstart --format markdown` posts it and as the
 * terminal shows it (in process, on a copy of the quickstart's emulator state): the change of
 * orders migrates data in the weekend window, so both carry the timeline.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli/main';
import { expectMermaidSafe } from '../render/_mermaid';

const ROOT = path.join(__dirname, '../..');

async function plan(format: 'markdown' | 'text'): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckafka-quickstart-'));
  try {
    const state = path.join(dir, 'emulator-state.json');
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    stdout.on('data', (d: Buffer) => (out += d.toString()));
    stderr.resume();
    // The quickstart's seed, copied as a live state dated now (a seed itself is refused as one).
    const init = await runCli(['emulator', 'init', '--seed', path.join(ROOT, 'examples/quickstart/emulator-state.json'), '--out', state], { stdout: new PassThrough(), stderr: new PassThrough(), env: { NO_COLOR: '1' }, cwd: dir });
    expect(init).toBe(0);
    const argv = ['plan', path.join(ROOT, 'examples/quickstart'), '--format', format, '--emulator-state', state, '--now', '2026-11-24T02:00:00Z', '--no-color'];
    const code = await runCli(argv, { stdout, stderr, env: { NO_COLOR: '1' }, cwd: dir });
    expect(code).toBe(0);
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the quickstart plan', () => {
  it('carries a mermaid timeline in the markdown comment: orders in the weekend window, in Shanghai time', async () => {
    const markdown = await plan('markdown');
    expectMermaidSafe(markdown);
    expect(markdown).toContain('```mermaid\ngantt\n  title Estimated runs, times in Asia/Shanghai');
    // The estimate (5h 23m) runs past the 5-hour window: drawn in red.
    expect(markdown).toMatch(/ {2}section orders \(ckafka-9x2kq7pe\)\n {4}window :done, 2026-11-28 01:00, 2026-11-28 06:00\n {4}migration ~5h 23m, past the window close :crit, 2026-11-28 01:00, 2026-11-28 06:22\n/);
    expect(markdown).toMatch(/ {2}section audit \(ckafka-2pd8v6fj\)\n {4}blocked, ✗ replicas-in-sync, change, no migration :crit, milestone, /);
  });

  it('carries the ASCII timeline in the text output', async () => {
    const text = await plan('text');
    expect(text).toContain('\ntimeline (estimates: = window, # run,');
    expect(text).toMatch(/\n! orders +\[[.=#]+\] Sat 11-28 01:00 -> ~06:22 \(~5h 23m\); window to\s+06:00; runs past the window\n/);
  });
});
