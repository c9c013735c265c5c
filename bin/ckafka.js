#!/usr/bin/env node
// The ckafka CLI. The compiled code lives in dist/ (built by `npm install` through `prepare`).
'use strict';
let cli;
try {
  cli = require('../dist/cli/main.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && /dist[\\/]cli[\\/]main/.test(String(e.message))) {
    process.stderr.write('ckafka: the compiled CLI is missing (dist/). Run `npm install` (or `npm run build`) in the ckafka-iac folder.\n');
    process.exit(1);
  }
  throw e;
}
cli.main();
