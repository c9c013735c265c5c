/**
 * Golden files: compare rendered output with a committed file; `UPDATE_GOLDEN=1` rewrites it.
 * CI never rewrites, so a stale golden file fails the build.
 */
import * as fs from 'fs';
import * as path from 'path';

export function expectGolden(file: string, actual: string): void {
  const update = process.env.UPDATE_GOLDEN === '1' && process.env.CI !== 'true';
  if (update || !fs.existsSync(file)) {
    if (!update) throw new Error(`golden file ${path.relative(process.cwd(), file)} is missing; run with UPDATE_GOLDEN=1 to create it`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}
