// @pulumi/pulumi's typescript-shim (TypeScript itself), loaded when Pulumi first uses it: see lazy-module.js.
const { createRequire } = require('node:module');
const { lazyModule } = require('./lazy-module');

const shim = createRequire(__filename).resolve('@pulumi/pulumi/typescript-shim.js');
module.exports = lazyModule(() => require(shim));
