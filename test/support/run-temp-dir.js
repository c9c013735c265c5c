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

/** At least this much free memory-backed space for a run's files (the packed install needs ~60 MB). */
const SHM_FREE_BYTES = 1024 ** 3;

/**
 * Where the run's folder goes: the memory-backed /dev/shm when the machine has one with room, so
 * the durable writes the tests make (each state file and plan fsynced) do not wait for a disk; the
 * code under test still calls fsync. Otherwise the system's temporary folder.
 */
function runParent() {
  try {
    const shm = '/dev/shm';
    fs.accessSync(shm, fs.constants.W_OK);
    const s = fs.statfsSync(shm);
    if (s.bavail * s.bsize >= SHM_FREE_BYTES) return shm;
  } catch {
    // No /dev/shm, or not writable here.
  }
  return os.tmpdir();
}

async function setup() {
  const dir = fs.mkdtempSync(path.join(runParent(), 'ckafka-iac-jest-'));
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
