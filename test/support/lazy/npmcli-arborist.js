// npm's arborist as @pulumi/pulumi resolves it, loaded when Pulumi first uses it: see lazy-module.js.
const { createRequire } = require('node:module');
const { lazyModule } = require('./lazy-module');

const codePaths = createRequire(__filename).resolve('@pulumi/pulumi/runtime/closure/codePaths.js');
const arborist = createRequire(codePaths).resolve('@npmcli/arborist');
module.exports = lazyModule(() => require(arborist));
