import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
// Plain JavaScript that jest.config.js loads before any transform.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS helper without types
const { namesTestPaths, writeTestGroups } = require('../support/test-groups') as {
  namesTestPaths: (argv: readonly string[]) => boolean;
  writeTestGroups: (o: { rootDir: string; testDir: string; outDir: string; exclude: (f: string) => boolean; endOfFile: string }) => string;
};

describe('namesTestPaths: whether a jest command line picks tests by path', () => {
  it.each<[string[], boolean]>([
    [[], false],
    [['--coverage'], false],
    [['--ci', '--json', '--outputFile', 'out.json'], false],
    [['--outputFile=test/x.json'], false],
    [['-t', 'renders the plan'], false],
    [['--testNamePattern', 'test/cli'], false],
    [['-c', 'jest.config.js', '-i'], false],
    [['--selectProjects', 'in-process', 'processes'], false],
    [['--maxWorkers', '1', '--coverage'], false],
    [['test/cli/inputs.test.ts'], true],
    [['inputs'], true],
    [['-i', 'inputs'], true],
    [['--maxWorkers=1', 'test/render'], true],
    [['--selectProjects', 'in-process', '--', 'test/cli'], true],
    [['--testPathPatterns', 'cli'], true],
    [['--testPathPatterns=cli'], true],
    [['-o'], true],
    [['--onlyChanged'], true],
    [['--watch'], true],
    [['--changedSince', 'main'], true],
    [['--findRelatedTests', 'src/cli/main.ts'], true],
  ])('%j → %s', (argv, expected) => {
    expect(namesTestPaths(argv)).toBe(expected);
  });
});

describe('writeTestGroups', () => {
  let root: string;
  const write = (rel: string, text = '') => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'test-groups-'));
    write('test/cli/b.test.ts');
    write('test/cli/a.test.ts');
    write('test/cloud/emulator/c.test.ts');
    write('test/cloud/d.test.ts');
    write('test/e2e/spawn.test.ts');
    write('test/support/helper.ts');
    write('test/top.test.ts');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const run = () =>
    writeTestGroups({ rootDir: root, testDir: path.join(root, 'test'), outDir: path.join(root, 'test', '.groups'), exclude: (f) => f.includes(`${path.sep}e2e${path.sep}`), endOfFile: path.join(root, 'test/support/end.ts') });
  const groups = () => Object.fromEntries(fs.readdirSync(path.join(root, 'test', '.groups')).sort().map((n) => [n, fs.readFileSync(path.join(root, 'test', '.groups', n), 'utf8')]));
  const members = (text: string) => [...text.matchAll(/^describe\("([^"]+)"/gm)].map((m) => m[1]);

  it('writes one group per folder under test/, holding every test file below it in order, each in a describe named after it', () => {
    expect(run()).toBe(path.join(root, 'test', '.groups', '*.group.test.js'));
    const g = groups();
    expect(Object.keys(g)).toEqual(['cli.group.test.js', 'cloud.group.test.js', 'test.group.test.js']);
    expect(members(g['cli.group.test.js']!)).toEqual(['test/cli/a.test.ts', 'test/cli/b.test.ts']);
    expect(members(g['cloud.group.test.js']!)).toEqual(['test/cloud/d.test.ts', 'test/cloud/emulator/c.test.ts']);
    expect(members(g['test.group.test.js']!)).toEqual(['test/top.test.ts']);
    expect(g['cli.group.test.js']).toContain(`require(${JSON.stringify(path.join(root, 'test/cli/a.test.ts'))});\n  afterAll(endTestFile);`);
    expect(g['cli.group.test.js']).toContain(`const { endTestFile } = require(${JSON.stringify(path.join(root, 'test/support/end.ts'))});`);
  });

  it('follows the files on disk: a new test file joins its group, a group without files goes', () => {
    run();
    write('test/cli/new.test.ts');
    fs.rmSync(path.join(root, 'test', 'top.test.ts'));
    run();
    const g = groups();
    expect(Object.keys(g)).toEqual(['cli.group.test.js', 'cloud.group.test.js']);
    expect(members(g['cli.group.test.js']!)).toEqual(['test/cli/a.test.ts', 'test/cli/b.test.ts', 'test/cli/new.test.ts']);
  });

  it('leaves an unchanged group file untouched', () => {
    run();
    const file = path.join(root, 'test', '.groups', 'cli.group.test.js');
    const old = new Date('2020-01-01T00:00:00Z');
    fs.utimesSync(file, old, old);
    run();
    expect(fs.statSync(file).mtimeMs).toBe(old.getTime());
  });
});
