/**
 * Jest's globalSetup and globalTeardown (jest.config.js): one temporary folder for the whole run,
 * the TMPDIR of jest and of the workers it starts, removed when the run ends. What a test or a
 * library it drives leaves in the temporary folder goes with the run: cdktf's `Testing.app()`
 * makes a folder per app and never removes it, and a test that fails before its cleanup leaves
 * its own.
 */
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const KEY = 'CKAFKA_TEST_RUN_TMPDIR';

async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckafka-iac-jest-'));
  process.env[KEY] = dir;
  process.env.TMPDIR = dir;
}

async function teardown() {
  const dir = process.env[KEY];
  if (dir === undefined) return;
  fs.rmSync(dir, { recursive: true, force: true });
  delete process.env[KEY];
}

module.exports = setup;
module.exports.teardown = teardown;
