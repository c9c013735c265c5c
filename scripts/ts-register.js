// Runs TypeScript entry points (examples, benchmarks) without ts-node: each .ts file is
// transpiled by @swc/core on require. Type checking is `npm run typecheck`, not this.
const { transformSync } = require('@swc/core');
const path = require('path');
const fs = require('fs');

const root = path.resolve(__dirname, '..');
// `ckafka-iac/<entry>` resolves to the built package (dist/) through package.json exports;
// nothing to map here.
require.extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
module.exports = { root };
