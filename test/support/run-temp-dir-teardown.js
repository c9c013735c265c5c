// globalTeardown: removes the run's temporary folder (test/support/run-temp-dir.js).
'use strict';
module.exports = require('./run-temp-dir').teardown;
