/**
 * Records the seconds each test file's tests took (test/support/test-groups.js deals the folders
 * into groups by them). A file's time is the sum of its tests' durations, the same measure whether
 * the file ran in a group (its tests are under a `describe` named after it) or on its own. A run
 * filtered by test name measures only part of each file, so it records nothing. Each record is the
 * mean of the previous one and the new measure.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { GROUP_FILE_SUFFIX, readTestTimes, testFileName, testTimesFile } = require('./test-groups');

module.exports = class TimeReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
    this.filtered = Boolean(globalConfig.testNamePattern);
  }

  onRunComplete(_contexts, results) {
    if (this.filtered) return;
    const measured = {};
    for (const file of results.testResults) {
      const grouped = file.testFilePath.endsWith(GROUP_FILE_SUFFIX);
      for (const test of file.testResults) {
        const name = grouped ? test.ancestorTitles[0] : testFileName(this.rootDir, file.testFilePath);
        if (name === undefined) continue;
        measured[name] = (measured[name] ?? 0) + (test.duration ?? 0) / 1000;
      }
    }
    if (Object.keys(measured).length === 0) return;
    const target = testTimesFile(this.rootDir);
    const times = readTestTimes(this.rootDir);
    // Halfway between the record and this run: a run on a busy machine moves the groups less.
    for (const [name, seconds] of Object.entries(measured)) {
      const before = times[name];
      times[name] = Math.round((typeof before === 'number' ? (before + seconds) / 2 : seconds) * 1000) / 1000;
    }
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const temp = `${target}.${process.pid}`;
      fs.writeFileSync(temp, `${JSON.stringify(times, Object.keys(times).sort(), 1)}\n`);
      fs.renameSync(temp, target);
    } catch {
      // A record that cannot be written only leaves the next run's groups less even.
    }
  }
};
