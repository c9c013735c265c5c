import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
// Plain JavaScript that jest.config.js loads before any transform.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS helper without types
const { UNMEASURED_COST, costOfTests, namesTestPaths, readTestTimes, testTimesFile, writeTestGroups } = require('../support/test-groups') as {
  UNMEASURED_COST: number;
  costOfTests: (o: { rootDir: string; testDir: string; exclude: (f: string) => boolean; times: Record<string, number> }) => number;
  namesTestPaths: (argv: readonly string[]) => boolean;
  readTestTimes: (rootDir: string) => Record<string, number>;
  testTimesFile: (rootDir: string) => string;
  writeTestGroups: (o: {
    rootDir: string;
    testDir: string;
    outDir: string;
    exclude: (f: string) => boolean;
    endOfFile: string;
    bins: number;
    times?: Record<string, number>;
    reserved?: number[];
  }) => string;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest's reporter, plain CommonJS
const TimeReporter = require('../support/time-reporter') as new (config: { rootDir: string; testNamePattern?: string }) => {
  onRunComplete: (contexts: unknown, results: { testResults: { testFilePath: string; testResults: { ancestorTitles: string[]; duration?: number }[] }[] }) => void;
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
    for (const f of ['test/cli/b.test.ts', 'test/cli/a.test.ts', 'test/cloud/emulator/c.test.ts', 'test/cloud/d.test.ts', 'test/e2e/spawn.test.ts', 'test/support/helper.ts', 'test/top.test.ts']) write(f);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const outDir = () => path.join(root, 'test', '.groups');
  const run = (bins: number, times: Record<string, number> = {}, reserved: number[] = []) =>
    writeTestGroups({
      rootDir: root,
      testDir: path.join(root, 'test'),
      outDir: outDir(),
      exclude: (f) => f.includes(`${path.sep}e2e${path.sep}`),
      endOfFile: path.join(root, 'test/support/end.ts'),
      bins,
      times,
      reserved,
    });
  const groups = () => Object.fromEntries(fs.readdirSync(outDir()).sort().map((n) => [n, fs.readFileSync(path.join(outDir(), n), 'utf8')]));
  const members = (text: string) => [...text.matchAll(/^describe\("([^"]+)"/gm)].map((m) => m[1] ?? '');

  it("with a group for each folder, writes each folder's test files in order, each in a describe named after it, ended by endTestFile", () => {
    expect(run(10)).toBe(path.join(outDir(), '*.group.test.js'));
    const g = groups();
    expect(Object.keys(g)).toEqual(['cli.group.test.js', 'cloud.group.test.js', 'test.group.test.js']);
    expect(members(g['cli.group.test.js']!)).toEqual(['test/cli/a.test.ts', 'test/cli/b.test.ts']);
    expect(members(g['cloud.group.test.js']!)).toEqual(['test/cloud/d.test.ts', 'test/cloud/emulator/c.test.ts']);
    expect(members(g['test.group.test.js']!)).toEqual(['test/top.test.ts']);
    expect(g['cli.group.test.js']).toContain(`require(${JSON.stringify(path.join(root, 'test/cli/a.test.ts'))});\n  afterAll(endTestFile);`);
    expect(g['cli.group.test.js']).toContain(`const { endTestFile } = require(${JSON.stringify(path.join(root, 'test/support/end.ts'))});`);
  });

  it.each<[string, number, Record<string, number>, number[], string[][]]>([
    // Unmeasured, every file costs the same: cli 2, cloud 2, top 1.
    ['by file count when nothing was measured', 2, {}, [], [['cli', 'test'], ['cloud']]],
    ['the costliest folder alone when it outweighs the rest', 2, { 'test/cloud/d.test.ts': 9 }, [], [['cli', 'test'], ['cloud']]],
    ['by the recorded seconds', 2, { 'test/cli/a.test.ts': 5, 'test/top.test.ts': 4 }, [], [['cli'], ['cloud', 'test']]],
    ['around work reserved for another project', 2, { 'test/cli/a.test.ts': 3 }, [4], [['cli', 'cloud'], ['test']]],
    ['into one group', 1, {}, [], [['cli', 'cloud', 'test']]],
  ])('deals the folders into groups %s', (_, bins, times, reserved, expected) => {
    run(bins, times, reserved);
    const g = groups();
    const folders = Object.values(g).map((text) => [...new Set(members(text).map((m) => (m.split('/').length > 2 ? m.split('/')[1] : 'test')))].sort());
    expect(folders.sort()).toEqual(expected.sort());
    // Named after their folders; every test file in exactly one group.
    expect(Object.keys(g).sort()).toEqual(expected.map((f) => `${f.join('+')}.group.test.js`).sort());
    expect(Object.values(g).flatMap(members).sort()).toEqual(['test/cli/a.test.ts', 'test/cli/b.test.ts', 'test/cloud/d.test.ts', 'test/cloud/emulator/c.test.ts', 'test/top.test.ts']);
  });

  it('follows the files on disk: a new test file joins its group, a group without files goes', () => {
    run(10);
    write('test/cli/new.test.ts');
    fs.rmSync(path.join(root, 'test', 'top.test.ts'));
    run(10);
    const g = groups();
    expect(Object.keys(g)).toEqual(['cli.group.test.js', 'cloud.group.test.js']);
    expect(members(g['cli.group.test.js']!)).toEqual(['test/cli/a.test.ts', 'test/cli/b.test.ts', 'test/cli/new.test.ts']);
  });

  it('leaves an unchanged group file untouched', () => {
    run(10);
    const file = path.join(outDir(), 'cli.group.test.js');
    const old = new Date('2020-01-01T00:00:00Z');
    fs.utimesSync(file, old, old);
    run(10);
    expect(fs.statSync(file).mtimeMs).toBe(old.getTime());
  });

  it('costs a project by its recorded times, and files never measured at the default', () => {
    const cost = costOfTests({ rootDir: root, testDir: path.join(root, 'test'), exclude: () => false, times: { 'test/e2e/spawn.test.ts': 7 } });
    expect(cost).toBeCloseTo(7 + 5 * UNMEASURED_COST);
  });
});

describe('the time reporter', () => {
  let root: string;
  beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), 'test-times-'))));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const result = (testFilePath: string, tests: [string[], number][]) => ({ testFilePath, testResults: tests.map(([ancestorTitles, duration]) => ({ ancestorTitles, duration })) });

  it("records each file's tests, whether the file ran in a group or alone, averaged with the record, keeping files this run did not measure", () => {
    fs.mkdirSync(path.dirname(testTimesFile(root)), { recursive: true });
    fs.writeFileSync(testTimesFile(root), JSON.stringify({ 'test/old.test.ts': 2, 'test/cli/a.test.ts': 9 }));
    new TimeReporter({ rootDir: root }).onRunComplete(undefined, {
      testResults: [
        result(path.join(root, 'test/.groups/cli+io.group.test.js'), [
          [['test/cli/a.test.ts', 'parses'], 250],
          [['test/cli/a.test.ts'], 500],
          [['test/io/b.test.ts', 'writes'], 1000],
        ]),
        result(path.join(root, 'test/e2e/c.test.ts'), [[['spawns'], 1500]]),
      ],
    });
    // a: halfway between the 9 s recorded and the 0.75 s measured; b and c: new.
    expect(readTestTimes(root)).toEqual({ 'test/old.test.ts': 2, 'test/cli/a.test.ts': 4.875, 'test/io/b.test.ts': 1, 'test/e2e/c.test.ts': 1.5 });
  });

  it('records nothing from a run filtered by test name', () => {
    new TimeReporter({ rootDir: root, testNamePattern: 'parses' }).onRunComplete(undefined, { testResults: [result(path.join(root, 'test/e2e/c.test.ts'), [[['x'], 10]])] });
    expect(fs.existsSync(testTimesFile(root))).toBe(false);
  });

  it('reads no times from a missing or damaged record', () => {
    expect(readTestTimes(root)).toEqual({});
    fs.mkdirSync(path.dirname(testTimesFile(root)), { recursive: true });
    fs.writeFileSync(testTimesFile(root), '{ not json');
    expect(readTestTimes(root)).toEqual({});
  });
});
