/**
 * Golden files for plan output: `UPDATE_GOLDEN=1 npx jest test/plan` rewrites them; otherwise a
 * mismatch (or a missing file) fails, so CI never accepts new output silently.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function expectGolden(name: string, actual: string): void {
  const file = path.join(__dirname, 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  if (!fs.existsSync(file)) throw new Error(`golden file test/plan/golden/${name} is missing; run UPDATE_GOLDEN=1 npx jest test/plan to create it, then review it`);
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}
