/**
 * Renderers are pure: a plan in, a string out. Nothing under src/render reads a clock, a file, the
 * environment or the process, and its imports stay inside the core (and the one pure module of
 * the adapter it shows calls with).
 */
import * as fs from 'fs';
import * as path from 'path';

const dir = path.join(__dirname, '../../src/render');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts'));

describe('src/render', () => {
  it.each(files)('%s imports only the core and reads no clock, file or environment', (file) => {
    const source = fs.readFileSync(path.join(dir, file), 'utf8');
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? '');
    expect(imports.filter((i) => !/^\.\/|^\.\.\/(plan|spec)\/|^\.\.\/cloud\/tencent\/api-calls$/.test(i))).toEqual([]);
    expect(source).not.toMatch(/\bprocess\.|\bDate\.now\(|new Date\(\)|\brequire\(/);
  });
});
