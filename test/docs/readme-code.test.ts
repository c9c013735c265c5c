/**
 * Every TypeScript block in the README compiles under the project's strict settings, against the
 * package's own entry points (`ckafka-iac`, `ckafka-iac/cdktf`, `ckafka-iac/pulumi`): a snippet a
 * user copies must not fail `tsc --strict`. Each block is its own module.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { reuseCleanCheck } from '../support/reuse-clean-check';

const ROOT = path.resolve(__dirname, '..', '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const blocks = [...README.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m, i) => ({ name: path.join(ROOT, 'test', 'docs', `.readme-block-${i + 1}.ts`), line: README.slice(0, m.index).split('\n').length + 1, code: m[1] ?? '' }));

function compilerOptions(): ts.CompilerOptions {
  const file = path.join(ROOT, 'tsconfig.json');
  const config = ts.readConfigFile(file, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT, undefined, file);
  // The blocks are modules users write: no unused-variable leniency is assumed, nothing emitted.
  return { ...parsed.options, noEmit: true, types: ['node'] };
}

describe('README TypeScript blocks', () => {
  it('finds the blocks (the API, cdktf and Pulumi examples)', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
  });

  it('every block type-checks under strict settings', () => {
    const options = compilerOptions();
    const host = ts.createCompilerHost(options);
    // As `tsc` parses: JSDoc only where it can hold a type error.
    host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
    const virtual = new Map(blocks.map((b) => [b.name, b.code]));
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, languageVersion, onError, shouldCreate) =>
      virtual.has(name) ? ts.createSourceFile(name, virtual.get(name) as string, languageVersion) : getSourceFile(name, languageVersion, onError, shouldCreate);
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name) => virtual.has(name) || fileExists(name);
    const readFile = host.readFile.bind(host);
    host.readFile = (name) => virtual.get(name) ?? readFile(name);
    const rootNames = [...virtual.keys()];
    // Not repeated while every file the compiler read or looked for is as it was when the check last
    // came out clean (test/support/reuse-clean-check.ts): an edit to the README, src, a tsconfig or
    // an installed package checks again.
    const key = { typescript: ts.version, options, rootNames, cwd: host.getCurrentDirectory(), test: fs.readFileSync(__filename, 'utf8') };
    const problems = reuseCleanCheck('readme-code', key, host, (checking) => {
      const program = ts.createProgram({ rootNames, options, host: checking });
      // The blocks' own diagnostics only: the sources they import are checked by `npm run typecheck`,
      // and checking all of them again here would take most of this test's time.
      const diagnostics = rootNames.flatMap((name) => {
        const file = program.getSourceFile(name);
        return file === undefined ? [] : [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)];
      });
      return diagnostics
        .filter((d) => d.file !== undefined && virtual.has(d.file.fileName))
        .map((d) => {
          const block = blocks.find((b) => b.name === d.file?.fileName);
          const { line } = d.file?.getLineAndCharacterOfPosition(d.start ?? 0) ?? { line: 0 };
          return `README.md:${(block?.line ?? 0) + line}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
        });
    });
    expect(problems).toEqual([]);
  });
});
