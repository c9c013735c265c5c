#!/usr/bin/env node
// The ckafka CLI. The compiled code lives in dist/: in the published package, and after
// `npm run build` in a clone.
'use strict';
let cli;
try {
  // Before anything loads zod: its 55 locales, which the CLI never reads, load on first use.
  require('../dist/cli/lazy-module.js').deferUnusedModules();
  cli = require('../dist/cli/main.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && /dist[\\/]cli[\\/](main|lazy-module)/.test(String(e.message))) {
    process.stderr.write('ckafka: the compiled CLI is missing (dist/). In a clone of ckafka-iac, run `npm ci && npm run build`; otherwise reinstall the package.\n');
    process.exit(1);
  }
  throw e;
}
cli.main();
