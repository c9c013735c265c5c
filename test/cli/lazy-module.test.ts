// On Node's own module cache, which jest replaces, deferModule is tested in a process:
// test/e2e/cli-boundaries.test.ts.
import { createRequire } from 'node:module';
import { deferModule, deferUnusedModules, lazyModule } from '../../src/cli/lazy-module';
import type { ModuleCache } from '../../src/cli/lazy-module';

describe('lazyModule', () => {
  it('loads on the first read, once, and answers like the real module', () => {
    let loads = 0;
    const m = lazyModule(() => (loads++, { a: 1, f: (x: number) => x * 2 })) as { a: number; f: (x: number) => number };
    expect(loads).toBe(0);
    expect((m as { __esModule?: boolean }).__esModule).toBe(true);
    expect(loads).toBe(0);
    expect(m.a).toBe(1);
    expect(m.f(4)).toBe(8);
    expect(Object.keys(m)).toEqual(['a', 'f']);
    expect('a' in m).toBe(true);
    expect(Object.getOwnPropertyDescriptor(m, 'a')).toMatchObject({ value: 1, configurable: true });
    expect(Object.getOwnPropertyDescriptor(m, 'absent')).toBeUndefined();
    m.a = 2;
    expect(m.a).toBe(2);
    expect(loads).toBe(1);
  });
});

describe("deferModule (on a cache of its own; Node's real one is tested in a process)", () => {
  it('places a placeholder that loads the file on first read and then leaves the cache', () => {
    const cache: ModuleCache = {};
    const loaded: string[] = [];
    deferModule('/x/locales.cjs', cache, (f) => (loaded.push(f), { de: 'Deutsch' }));
    const entry = cache['/x/locales.cjs'];
    expect(entry?.loaded).toBe(true);
    expect(loaded).toEqual([]);
    expect((entry!.exports as { de: string }).de).toBe('Deutsch');
    expect(loaded).toEqual(['/x/locales.cjs']);
    // Gone from the cache, so that the load can put the real module there.
    expect(cache['/x/locales.cjs']).toBeUndefined();
  });

  it('leaves a module already in the cache alone', () => {
    const real = { exports: { real: true } } as unknown as NodeJS.Module;
    const cache: ModuleCache = { '/x/a.cjs': real };
    deferModule('/x/a.cjs', cache, () => ({}));
    expect(cache['/x/a.cjs']).toBe(real);
  });

  it("deferUnusedModules defers zod's locales, under the path zod requires them by", () => {
    const cache: ModuleCache = {};
    deferUnusedModules(cache);
    expect(Object.keys(cache)).toEqual([createRequire(__filename).resolve('zod/v4/locales')]);
    expect(Object.keys(cache)[0]).toMatch(/[\\/]zod[\\/]v4[\\/]locales[\\/]index\.cjs$/);
  });
});
