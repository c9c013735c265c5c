/**
 * jest loads every module again for each test file. jest.config.js maps to the shims in this
 * folder a few modules that dependencies load on import but this project's tests rarely use, so a
 * test file pays for them only when it does: TypeScript and npm's arborist, which @pulumi/pulumi
 * loads for closure serialisation and `computeCodePaths` (0.6 s of each Pulumi test file), and
 * zod's messages in 55 languages (zod loads English itself; the CLI defers them the same way).
 * Whoever uses them still gets the real modules, loaded at that moment.
 */
module.exports = { lazyModule: require('../../../src/cli/lazy-module').lazyModule };
