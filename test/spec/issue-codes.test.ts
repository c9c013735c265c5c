import * as fs from 'fs';
import * as path from 'path';
import { ISSUE_CODES } from '../../src/spec/issues';

const doc = fs.readFileSync(path.join(__dirname, '../../docs/errors.md'), 'utf8');

describe('docs/errors.md', () => {
  it.each(ISSUE_CODES.map((c) => [c]))('documents %s with what it means and how to fix it', (code) => {
    const row = doc.split('\n').find((l) => l.startsWith(`| \`${code}\` |`));
    expect(row).toBeDefined();
    const cells = (row ?? '').split(' | ');
    expect(cells.length).toBeGreaterThanOrEqual(3);
    for (const cell of cells) expect(cell.trim().length).toBeGreaterThan(1);
  });

  it('documents no code that does not exist', () => {
    const documented = [...doc.matchAll(/^\| `([a-z]+\/[a-z-]+)` \|/gm)].map((m) => m[1]);
    expect(documented.filter((c) => !(ISSUE_CODES as readonly string[]).includes(c as string))).toEqual([]);
    expect(new Set(documented).size).toBe(documented.length);
  });
});
