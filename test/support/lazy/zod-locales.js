// zod's locales (its messages in other languages), loaded when first used: see lazy-module.js.
const { createRequire } = require('node:module');
const { lazyModule } = require('./lazy-module');

const locales = createRequire(__filename).resolve('zod/v4/locales');
module.exports = lazyModule(() => require(locales));
