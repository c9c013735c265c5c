/**
 * globalSetup of the `processes` project: brings dist/ (what bin/ckafka.js loads) up to date with
 * src/ once, before its first test, so no test runs a stale build.
 *
 * `tsc -b` rebuilds when a source changed since the last build or an output is missing, and does
 * nothing in under a second otherwise; it builds what `npm run build` builds (the same
 * tsconfig.build.json), incrementally. A source that was deleted leaves its outputs behind, so
 * those are removed here.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const SRC = path.join(ROOT, 'src');
const DIST = path.join(ROOT, 'dist');

/** dist/ files whose source in src/ no longer exists. */
function orphans(dir = DIST) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return orphans(file);
    const source = path.join(SRC, path.relative(DIST, file)).replace(/(\.d)?\.js$|\.d\.ts$/, '.ts');
    return fs.existsSync(source) ? [] : [file];
  });
}

module.exports = async function buildDist() {
  const tsc = require.resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-b', path.join(__dirname, 'tsconfig.dist.json')], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
  } catch (e) {
    throw new Error(`dist/ could not be built for the processes project (tsc -b test/e2e/tsconfig.dist.json):\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
  for (const file of orphans()) {
    fs.rmSync(file);
    for (let dir = path.dirname(file); dir !== DIST && fs.readdirSync(dir).length === 0; dir = path.dirname(dir)) fs.rmdirSync(dir);
  }
};
