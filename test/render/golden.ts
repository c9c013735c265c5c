/**
 * Golden files for rendered output. A mismatch fails with a line diff; `UPDATE_GOLDEN=1`
 * rewrites the files instead, and is refused when `CI` is set so CI can only compare.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const GOLDEN_DIR = join(__dirname, 'golden');
const HOW_TO_UPDATE = 'UPDATE_GOLDEN=1 npx jest test/render';

/** Compares `actual` with `test/render/golden/<file>`, or rewrites it under `UPDATE_GOLDEN=1`. */
export function expectGolden(file: string, actual: string): void {
  const path = join(GOLDEN_DIR, file);
  if (process.env.UPDATE_GOLDEN === '1') {
    if (process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false') {
      throw new Error('UPDATE_GOLDEN is refused in CI: golden files are updated locally and reviewed');
    }
    mkdirSync(GOLDEN_DIR, { recursive: true });
    if (!existsSync(path) || readFileSync(path, 'utf8') !== actual) writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`golden file ${file} is missing; create it with ${HOW_TO_UPDATE}`);
  const expected = readFileSync(path, 'utf8');
  if (expected !== actual) {
    throw new Error(`output differs from golden file ${file} (- golden, + actual); if the change is intended, run ${HOW_TO_UPDATE}\n${diffLines(expected, actual)}`);
  }
}

/** Shows escape codes and invisible characters so a diff of coloured output is readable. */
function visible(line: string): string {
  return line.replaceAll('\u001b', '␛').replace(/\u200d/g, '‹zwj›').replace(/\r/g, '␍');
}

/** A unified-style diff with two lines of context, from a longest-common-subsequence table. */
export function diffLines(expected: string, actual: string, context = 2, maxLines = 120): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = lcs[i] as number[];
      row[j] = a[i] === b[j] ? (lcs[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(lcs[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const ops: Array<{ sign: ' ' | '-' | '+'; text: string; line: number }> = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) ops.push({ sign: ' ', text: a[i++] ?? '', line: j++ + 1 });
    else if (i < a.length && (j >= b.length || (lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0))) ops.push({ sign: '-', text: a[i++] ?? '', line: j + 1 });
    else ops.push({ sign: '+', text: b[j] ?? '', line: ++j });
  }
  const keep = ops.map((_op, k) => ops.slice(Math.max(0, k - context), k + context + 1).some((o) => o.sign !== ' '));
  const out: string[] = [];
  let skipped = false;
  ops.forEach((op, k) => {
    if (!keep[k]) {
      skipped = true;
      return;
    }
    if (skipped || out.length === 0) out.push(`@@ near line ${op.line} of the actual output @@`);
    skipped = false;
    out.push(`${op.sign} ${visible(op.text)}`);
  });
  return out.length > maxLines ? [...out.slice(0, maxLines), `… ${out.length - maxLines} more diff lines`].join('\n') : out.join('\n');
}
