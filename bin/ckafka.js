#!/usr/bin/env node
// The ckafka CLI. The compiled code lives in dist/: in the published package, and after
// `npm run build` in a clone.
'use strict';
let cli;
try {
  cli = require('../dist/cli/main.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && /dist[\\/]cli[\\/]main/.test(String(e.message))) {
    process.stderr.write('ckafka: the compiled CLI is missing (dist/). In a clone of ckafka-iac, run `npm ci && npm run build`; otherwise reinstall the package.\n');
    process.exit(1);
  }
  throw e;
}
cli.main();
