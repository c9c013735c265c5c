/**
 * globalSetup of the `processes` project: brings dist/ (what bin/ckafka.js loads) up to date with
 * src/ once, before its first test, so no test runs a stale build.
 *
 * `tsc -b` rebuilds the sources that changed since the last build and does nothing in under a
 * second otherwise; it builds what `npm run build` builds (the same tsconfig.build.json),
 * incrementally. It trusts its build info for the outputs, so a missing output (dist/ deleted or
 * pruned by hand) forces a full build; and a source that was deleted leaves its outputs behind, so
 * those are removed here.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const SRC = path.join(ROOT, 'src');
const DIST = path.join(ROOT, 'dist');

/** Every file under `dir`, recursively. */
function filesUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(file) : [file];
  });
}

/** Whether some source in src/ has no .js or .d.ts in dist/. */
function outputMissing() {
  return filesUnder(SRC)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .some((f) => {
      const out = path.join(DIST, path.relative(SRC, f)).replace(/\.ts$/, '');
      return !fs.existsSync(`${out}.js`) || !fs.existsSync(`${out}.d.ts`);
    });
}

/** dist/ files whose source in src/ no longer exists. */
function orphans() {
  return filesUnder(DIST).filter((file) => {
    const source = path.join(SRC, path.relative(DIST, file)).replace(/(\.d)?\.js$|\.d\.ts$/, '.ts');
    return !fs.existsSync(source) && !fs.existsSync(source.replace(/\.ts$/, '.js'));
  });
}

module.exports = async function buildDist() {
  const tsc = require.resolve('typescript/bin/tsc');
  const args = [tsc, '-b', path.join(__dirname, 'tsconfig.dist.json'), ...(outputMissing() ? ['--force'] : [])];
  try {
    execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
  } catch (e) {
    throw new Error(`dist/ could not be built for the processes project (tsc ${args.slice(1).join(' ')}):\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
  for (const file of orphans()) {
    fs.rmSync(file);
    for (let dir = path.dirname(file); dir !== DIST && fs.readdirSync(dir).length === 0; dir = path.dirname(dir)) fs.rmdirSync(dir);
  }
};
