'use strict';
// zod's classic entry loads all of its ~55 message locales to export `z.locales`, which
// ckafka-iac never uses (its messages are English: zod configures `en` itself). Tests load zod
// once per test file, so jest.config.js maps that one require here.
exports.en = require('zod/v4/locales/en.cjs');
