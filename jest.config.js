/**
 * Jest on @swc/jest (fast transpile); type checking is the separate `npm run typecheck`.
 *
 * Projects:
 * - `in-process`: every test that calls the code directly, the CLI included (`runCli(argv, io)`);
 *   jest maps it to src/, so it never sees a stale build.
 * - `processes`: the few tests where a process is the point (exit codes and output of the real
 *   binary, signals, kill -9, concurrent processes, what a process loads). They run
 *   bin/ckafka.js, which loads dist/, so their globalSetup brings dist/ up to date with src/ first.
 * - `package`: `npm pack` and an install from the npm registry into a fresh project. It needs the
 *   network and takes half a minute on its own, so it runs in CI (`CI` set, as `.ci/run` does) or
 *   when asked (`CKAFKA_TEST_PACKAGE=1`), not in every local `npm test`.
 */
const os = require('node:os');
const path = require('node:path');
const { costOfTests, namesTestPaths, readTestTimes, writeTestGroups } = require('./test/support/test-groups');

const truthy = (v) => v !== undefined && v !== '' && v !== '0' && v !== 'false';

const shared = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  moduleNameMapper: {
    // Self-imports resolve to the sources under test, not to a possibly stale dist/.
    '^ckafka-iac$': '<rootDir>/src/index.ts',
    '^ckafka-iac/(.*)$': '<rootDir>/src/$1/index.ts',
    // Modules dependencies load on import that the tests rarely use, loaded on first use instead
    // (test/support/lazy/lazy-module.js): @pulumi/pulumi's TypeScript and npm arborist, zod's locales.
    '^(\\.\\.?/)+typescript-shim$': '<rootDir>/test/support/lazy/typescript-shim.js',
    '^@npmcli/arborist$': '<rootDir>/test/support/lazy/npmcli-arborist.js',
    '^\\.\\./locales/index\\.cjs$': '<rootDir>/test/support/lazy/zod-locales.js',
  },
  setupFiles: ['<rootDir>/test/support/env.js'],
  setupFilesAfterEnv: ['<rootDir>/test/support/after-each-file.ts'],
};

const PACKAGE_TEST = '<rootDir>/test/e2e/pack-install.test.ts';
const withPackage = truthy(process.env.CI) || truthy(process.env.CKAFKA_TEST_PACKAGE);

// A whole run takes the test files of each project in a few groups (test/support/test-groups.js):
// the in-process files in one group per worker, evened out by the last run's times together with
// the processes project's one group; a run that names files takes each on its own.
const grouped = process.env.CKAFKA_TEST_GROUPS === undefined ? !namesTestPaths(process.argv.slice(2)) : truthy(process.env.CKAFKA_TEST_GROUPS);
const workers = Math.max(1, (os.availableParallelism?.() ?? os.cpus().length));
const times = grouped ? readTestTimes(__dirname) : {};
const inDir = (...parts) => (f) => f.startsWith(path.join(__dirname, ...parts) + path.sep);
const isPackageTest = (f) => f === PACKAGE_TEST.replace('<rootDir>', __dirname);
const groupsOf = (dir, exclude, bins, reserved = []) =>
  grouped
    ? {
        testMatch: [
          writeTestGroups({
            rootDir: __dirname,
            testDir: path.join(__dirname, dir),
            outDir: path.join(__dirname, dir, '.groups'),
            exclude,
            endOfFile: path.join(__dirname, 'test', 'support', 'after-each-file.ts'),
            bins,
            times,
            reserved,
          }),
        ],
      }
    : {};
const processesCost = grouped ? costOfTests({ rootDir: __dirname, testDir: path.join(__dirname, 'test', 'e2e'), exclude: isPackageTest, times }) : 0;

module.exports = {
  // Both cores of a 2-core machine (jest's default leaves one idle there).
  maxWorkers: '100%',
  testTimeout: 30000,
  globalSetup: '<rootDir>/test/support/run-temp-dir.js',
  globalTeardown: '<rootDir>/test/support/run-temp-dir-teardown.js',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js', '<rootDir>/test/support/time-reporter.js'],
  projects: [
    { ...shared, ...groupsOf('test', inDir('test', 'e2e'), workers, [processesCost]), displayName: 'in-process', roots: ['<rootDir>/test'], testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'] },
    { ...shared, ...groupsOf('test/e2e', isPackageTest, 1), displayName: 'processes', roots: ['<rootDir>/test/e2e'], testPathIgnorePatterns: ['/node_modules/', PACKAGE_TEST], globalSetup: '<rootDir>/test/e2e/_build-dist.js' },
    ...(withPackage ? [{ ...shared, displayName: 'package', roots: ['<rootDir>/test/e2e'], testMatch: [PACKAGE_TEST], globalSetup: '<rootDir>/test/e2e/_build-dist.js' }] : []),
  ],
};
