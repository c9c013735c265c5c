/**
 * Test groups: a whole run takes the test files of a project in a few jest test files, one per
 * worker, instead of one each.
 *
 * jest gives every test file a fresh module registry, so each file loads and compiles src/ and its
 * dependencies again, and V8 warms their code up again: about 0.4 s per file here, tens of seconds
 * of CPU over the suite. A group file requires its test files, each inside a `describe` named after
 * it, so they share one registry. Every test still runs, under its file's name. The files of one
 * folder directly under test/ stay together; the folders are dealt into as many groups as jest has
 * workers, evened out by the time each file took in the last run (test/support/time-reporter.js).
 *
 * Groups are for whole runs (`npm test`, `npx jest`, with or without `--coverage`). A command line
 * that names tests by path (`npx jest test/cli/inputs.test.ts`, `--testPathPatterns`, `--watch`,
 * `-o`, `--findRelatedTests`, …) runs each file on its own, as does `CKAFKA_TEST_GROUPS=0`, which
 * checks that every file still passes in isolation.
 *
 * The group files are written, whenever jest reads its configuration, into a git-ignored folder
 * (`.groups/` of the project's test folder) from the test files on disk, so a new test file is
 * always in a group.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

/** Options that select tests by path or by what changed: with them, each file runs on its own. */
const PATH_SELECTING = new Set(['testPathPatterns', 'findRelatedTests', 'onlyChanged', 'o', 'changedSince', 'lastCommit', 'watch', 'listTests']);

/**
 * Whether jest's command line names tests by path, from jest's own option table: a bare argument
 * that is not an option's value is a path pattern.
 */
function namesTestPaths(argv) {
  const { yargsOptions } = require('jest-cli');
  const valueOf = new Map();
  for (const [name, o] of Object.entries(yargsOptions)) {
    const kind = o.type === 'boolean' ? 'flag' : o.type === 'array' ? 'list' : 'value';
    for (const n of [name, ...[].concat(o.alias ?? [])]) valueOf.set(n, kind);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') return i + 1 < argv.length;
    if (!arg.startsWith('-') || arg === '-') return true;
    const [name, inline] = arg.replace(/^--?/, '').split(/=(.*)/s);
    if (PATH_SELECTING.has(name)) return true;
    if (inline !== undefined) continue;
    const kind = valueOf.get(name) ?? 'flag';
    if (kind === 'value') i++;
    else if (kind === 'list') while (i + 1 < argv.length && !argv[i + 1].startsWith('-')) i++;
  }
  return false;
}

function testFilesIn(dir, isTest, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && !e.name.startsWith('.')) testFilesIn(p, isTest, out);
    } else if (isTest(p)) out.push(p);
  }
  return out;
}

/** A test file's cost when no earlier run measured it, in seconds (about the median file here). */
const UNMEASURED_COST = 0.5;

/** Where test/support/time-reporter.js keeps the seconds each test file took in the last run that ran it. */
function testTimesFile(rootDir) {
  return path.join(rootDir, 'node_modules', '.cache', 'ckafka-iac', 'test-times.json');
}

/** The recorded seconds per test file (paths relative to the root, `/`-separated); none when unreadable. */
function readTestTimes(rootDir) {
  try {
    const times = JSON.parse(fs.readFileSync(testTimesFile(rootDir), 'utf8'));
    return times !== null && typeof times === 'object' ? times : {};
  } catch {
    return {};
  }
}

/** How group files are named: the reporter tells a group's results from a lone file's by it. */
const GROUP_FILE_SUFFIX = '.group.test.js';

/** A test file's name in groups and in the record of times: its path from the root, `/`-separated. */
const testFileName = (rootDir, file) => path.relative(rootDir, file).split(path.sep).join('/');

/** A test file's recorded seconds, or {@link UNMEASURED_COST}. */
const costOf = (times, rootDir, file) => times[testFileName(rootDir, file)] ?? UNMEASURED_COST;

/** The test files under `testDir`, by folder directly under it (`.` for files in it), sorted. */
function testFolders(testDir, exclude) {
  const files = testFilesIn(testDir, (p) => p.endsWith('.test.ts') && !exclude(p)).sort();
  const folders = new Map();
  for (const f of files) {
    const folder = path.relative(testDir, path.dirname(f)).split(path.sep)[0] || '.';
    if (!folders.has(folder)) folders.set(folder, []);
    folders.get(folder).push(f);
  }
  return folders;
}

/** The recorded cost in seconds of the test files under `testDir`, for another project's `reserved`. */
function costOfTests({ rootDir, testDir, exclude, times }) {
  let cost = 0;
  for (const members of testFolders(testDir, exclude).values()) for (const f of members) cost += costOf(times, rootDir, f);
  return cost;
}

/**
 * Writes the group files of the test files under `testDir` into `outDir` (removing stale ones) and
 * returns their glob for `testMatch`.
 *
 * A folder directly under `testDir` stays in one group, so its files share what they load. The
 * folders are dealt into `bins` groups, the costliest first into the group with the least work, by
 * the seconds each file took when last run (`times`; a file never measured counts as
 * {@link UNMEASURED_COST}). `reserved` is work the same workers do besides these groups (another
 * project's), placed first so that the groups even it out. What ends a test file (`endTestFile` of
 * test/support/after-each-file.ts, jest's setupFilesAfterEnv) runs after each member as well.
 *
 * @param {{ rootDir: string, testDir: string, outDir: string, exclude: (file: string) => boolean, endOfFile: string,
 *   bins: number, times?: Record<string, number>, reserved?: number[] }} o
 */
function writeTestGroups({ rootDir, testDir, outDir, exclude, endOfFile, bins, times = {}, reserved = [] }) {
  const folders = [...testFolders(testDir, exclude)].map(([folder, members]) => ({
    name: folder === '.' ? path.basename(testDir) : folder,
    members,
    cost: members.reduce((sum, f) => sum + costOf(times, rootDir, f), 0),
  }));
  folders.sort((a, b) => b.cost - a.cost || a.name.localeCompare(b.name));
  const groups = Array.from({ length: Math.max(1, bins) }, (_, i) => ({ load: reserved[i] ?? 0, folders: [] }));
  for (const folder of folders) {
    const least = groups.reduce((min, g) => (g.load < min.load ? g : min));
    least.load += folder.cost;
    least.folders.push(folder);
  }
  fs.mkdirSync(outDir, { recursive: true });
  const wanted = new Set();
  for (const g of groups) {
    if (g.folders.length === 0) continue;
    g.folders.sort((a, b) => a.name.localeCompare(b.name));
    const name = `${g.folders.map((f) => f.name).join('+')}${GROUP_FILE_SUFFIX}`;
    wanted.add(name);
    const body = [
      '// Written by test/support/test-groups.js from the test files on disk; not edited by hand.',
      `const { endTestFile } = require(${JSON.stringify(endOfFile)});`,
      ...g.folders.flatMap((f) => f.members).map((f) => `describe(${JSON.stringify(testFileName(rootDir, f))}, () => {\n  require(${JSON.stringify(f)});\n  afterAll(endTestFile);\n});`),
      '',
    ].join('\n');
    const target = path.join(outDir, name);
    // Written only when different: jest's cache and watchers key on the file.
    if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== body) fs.writeFileSync(target, body);
  }
  for (const name of fs.readdirSync(outDir)) if (!wanted.has(name)) fs.rmSync(path.join(outDir, name), { force: true });
  return path.join(outDir, `*${GROUP_FILE_SUFFIX}`);
}

module.exports = { GROUP_FILE_SUFFIX, UNMEASURED_COST, costOfTests, namesTestPaths, readTestTimes, testFileName, testTimesFile, writeTestGroups };
