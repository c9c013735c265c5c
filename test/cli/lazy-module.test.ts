// deferModule works on Node's own module cache, which jest replaces: test/e2e/cli-boundaries.test.ts
// runs it in a process.
import { lazyModule } from '../../src/cli/lazy-module';

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
    expect(loads).toBe(1);
  });
});
