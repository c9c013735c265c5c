/** Jest on @swc/jest (fast transpile); type checking is the separate `npm run typecheck`. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // A failing test that leaves a server or timer open must not hang CI until its time limit.
  forceExit: true,
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  // Self-imports resolve to the sources under test, not to a possibly stale dist/.
  moduleNameMapper: { '^ckafka-iac$': '<rootDir>/src/index.ts', '^ckafka-iac/(.*)$': '<rootDir>/src/$1/index.ts' },
  setupFiles: ['<rootDir>/test/support/env.js'],
};
