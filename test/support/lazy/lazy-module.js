/**
 * A module object that loads the real module the first time anything reads from it.
 *
 * jest loads every module again for each test file. jest.config.js maps to these a few modules
 * that dependencies load on import but this project's tests rarely use, so a test file pays for
 * them only when it does: TypeScript and npm's arborist, which @pulumi/pulumi loads for closure
 * serialisation and `computeCodePaths` (0.6 s of each Pulumi test file), and zod's messages in
 * forty-odd languages (zod loads English itself). Whoever uses them still gets the real modules,
 * loaded at that moment.
 *
 * `__esModule` is answered without loading: TypeScript's `import * as` helper then keeps this
 * object as it is instead of copying every export from it, which would load it at once. Pulumi
 * and zod import these modules that way; nothing takes their default export.
 */
function lazyModule(load) {
  let real;
  const module = () => (real ??= load());
  return new Proxy(
    {},
    {
      get: (_, key) => (key === '__esModule' ? true : Reflect.get(module(), key)),
      set: (_, key, value) => Reflect.set(module(), key, value),
      has: (_, key) => Reflect.has(module(), key),
      ownKeys: () => Reflect.ownKeys(module()),
      getOwnPropertyDescriptor: (_, key) => {
        const d = Reflect.getOwnPropertyDescriptor(module(), key);
        // A proxy may not report a non-configurable property its (empty) target lacks.
        return d === undefined ? undefined : { ...d, configurable: true };
      },
    },
  );
}

module.exports = { lazyModule };
