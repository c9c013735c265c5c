/**
 * The jest examples in the docs run: each code block marked `<!-- runs as <file> -->` is that
 * test file, character for character, and every example file is shown somewhere.
 */
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '../..');
const docs = fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md'));

const blocks = docs.flatMap((doc) =>
  [...fs.readFileSync(path.join(root, 'docs', doc), 'utf8').matchAll(/<!-- runs as (\S+) -->\n```ts\n([\s\S]*?)```\n/g)].map((m) => ({ doc, file: m[1] ?? '', code: m[2] ?? '' })),
);

describe('examples in the docs that run as tests', () => {
  it('finds the examples of docs/testing.md and docs/pulumi.md', () => {
    expect(blocks.filter((b) => b.doc === 'pulumi.md').map((b) => b.file)).toEqual(['test/docs/examples/pulumi-provider.test.ts']);
    expect(blocks.filter((b) => b.doc === 'testing.md').map((b) => b.file)).toEqual([
      'test/docs/examples/fleet-plan.test.ts',
      'test/docs/examples/pulumi-inputs.test.ts',
      'test/docs/examples/cdktf-stack.test.ts',
    ]);
  });

  it.each(blocks.map((b) => [b.doc, b.file, b.code]))('%s shows %s as it runs', (_doc, file, code) => {
    expect(code).toBe(fs.readFileSync(path.join(root, file), 'utf8'));
  });

  it('shows every example file', () => {
    const files = fs.readdirSync(path.join(root, 'test/docs/examples')).map((f) => `test/docs/examples/${f}`);
    expect(files.sort()).toEqual([...new Set(blocks.map((b) => b.file))].sort());
  });
});
