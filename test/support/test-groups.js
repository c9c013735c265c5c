/**
 * Test groups: the in-process test files under one folder of test/ (its subfolders included) run
 * as one jest test file.
 *
 * jest gives every test file a fresh module registry, so each file loads and compiles src/ and its
 * dependencies again: about 0.4 s per file here, some 60 s of CPU over the suite. A group file
 * requires the test files of its folder, each inside a `describe` named after it, so they share
 * one registry. Every test still runs, under its file's name.
 *
 * Groups are for whole runs (`npm test`, `npx jest`, with or without `--coverage`). A command line
 * that names tests by path (`npx jest test/cli/inputs.test.ts`, `--testPathPatterns`, `--watch`,
 * `-o`, `--findRelatedTests`, …) runs each file on its own, as does `CKAFKA_TEST_GROUPS=0`, which
 * checks that every file still passes in isolation.
 *
 * The group files are written, whenever jest reads its configuration, into a git-ignored folder
 * (`test/.groups/`) from the test files on disk, so a new test file is always in a group.
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

/**
 * Writes one group file per folder of `testDir` holding test files into `outDir` (removing stale ones) and
 * returns its glob for `testMatch`.
 *
 * What ends a test file (`endTestFile` of test/support/after-each-file.ts, jest's setupFilesAfterEnv)
 * runs after each member as well.
 *
 * @param {{ rootDir: string, testDir: string, outDir: string, exclude: (file: string) => boolean, endOfFile: string }} o
 */
function writeTestGroups({ rootDir, testDir, outDir, exclude, endOfFile }) {
  const files = testFilesIn(testDir, (p) => p.endsWith('.test.ts') && !exclude(p)).sort();
  const groups = new Map();
  for (const f of files) {
    const folder = path.relative(testDir, path.dirname(f)).split(path.sep)[0] || '.';
    if (!groups.has(folder)) groups.set(folder, []);
    groups.get(folder).push(f);
  }
  fs.mkdirSync(outDir, { recursive: true });
  const wanted = new Set();
  for (const [folder, members] of groups) {
    const name = `${folder === '.' ? 'test' : folder.split(path.sep).join('--')}.group.test.js`;
    wanted.add(name);
    const body = [
      '// Written by test/support/test-groups.js from the test files on disk; not edited by hand.',
      `const { endTestFile } = require(${JSON.stringify(endOfFile)});`,
      ...members.map((f) => `describe(${JSON.stringify(path.relative(rootDir, f).split(path.sep).join('/'))}, () => {\n  require(${JSON.stringify(f)});\n  afterAll(endTestFile);\n});`),
      '',
    ].join('\n');
    const target = path.join(outDir, name);
    // Written only when different: jest's cache and watchers key on the file.
    if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== body) fs.writeFileSync(target, body);
  }
  for (const name of fs.readdirSync(outDir)) if (!wanted.has(name)) fs.rmSync(path.join(outDir, name), { force: true });
  return path.join(outDir, '*.group.test.js');
}

module.exports = { namesTestPaths, writeTestGroups };
