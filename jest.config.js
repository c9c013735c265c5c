/**
 * Jest on @swc/jest (fast transpile); type checking is the separate `npm run typecheck`.
 *
 * Two projects. `in-process` holds every test that calls the code directly, the CLI included
 * (`runCli(argv, io)`); jest maps it to src/, so it never sees a stale build. `processes` holds the
 * few tests where a process is the point (exit codes and output of the real binary, signals,
 * kill -9, concurrent processes, the packed package): they run bin/ckafka.js, which loads dist/,
 * so their globalSetup brings dist/ up to date with src/ first.
 */
const shared = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // Self-imports resolve to the sources under test, not to a possibly stale dist/.
  moduleNameMapper: { '^ckafka-iac$': '<rootDir>/src/index.ts', '^ckafka-iac/(.*)$': '<rootDir>/src/$1/index.ts' },
  setupFiles: ['<rootDir>/test/support/env.js'],
};

module.exports = {
  // Both cores of a 2-core machine (jest's default leaves one idle there).
  maxWorkers: '100%',
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    { ...shared, displayName: 'in-process', roots: ['<rootDir>/test'], testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'] },
    { ...shared, displayName: 'processes', roots: ['<rootDir>/test/e2e'], globalSetup: '<rootDir>/test/e2e/_build-dist.js' },
  ],
};
