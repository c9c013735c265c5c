/**
 * Modules a dependency loads on import that ckafka never reads, loaded on first use instead.
 *
 * zod's main entry loads its messages in 55 languages (`z.locales`) at import; ckafka uses only
 * the English one, which zod loads by itself. That is about 40–50 ms of every start of the CLI
 * (docs/performance.md, Cold start). Node looks a required file up in `require.cache` before
 * reading it, so an entry placed there under the file's own path answers zod's `require`. Whoever
 * does read the locales gets the real module, loaded at that moment.
 */
import Module, { createRequire } from 'node:module';

/**
 * A module object that loads the real module the first time anything reads from it.
 *
 * `__esModule` is answered without loading: TypeScript's `import * as` helper (which zod and
 * Pulumi compile to) then keeps this object as it is instead of copying every export out of it,
 * which would load the module at once. Nothing takes these modules' default export.
 */
export function lazyModule(load: () => object): object {
  let real: object | undefined;
  const module = (): object => (real ??= load());
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

/** A module cache keyed by file name, as `require.cache` is. */
export type ModuleCache = Record<string, NodeJS.Module | undefined>;

/**
 * Makes the file at `file` load on first use: until something reads from it, a `require` of it
 * answers a {@link lazyModule}. Does nothing when the file is already loaded.
 *
 * @param cache - where Node looks a required file up; @default this process's `require.cache`
 * @param load - loads the real file once the placeholder has left the cache; @default `require`
 */
export function deferModule(file: string, cache: ModuleCache = createRequire(__filename).cache, load: (file: string) => object = (f) => createRequire(f)(f) as object): void {
  if (cache[file] !== undefined) return;
  const entry = new Module(file);
  entry.filename = file;
  entry.loaded = true;
  entry.exports = lazyModule(() => {
    // The placeholder leaves the cache so that this require reads the real file.
    delete cache[file];
    return load(file);
  });
  cache[file] = entry;
}

/**
 * Defers the modules the CLI's dependencies load but the CLI never reads: zod's locales. Call it
 * before anything loads zod; a file that cannot be resolved (another zod layout) is left alone.
 *
 * @param cache - @default this process's `require.cache`
 */
export function deferUnusedModules(cache?: ModuleCache): void {
  let locales: string;
  try {
    locales = createRequire(__filename).resolve('zod/v4/locales');
  } catch {
    return;
  }
  deferModule(locales, cache);
}
