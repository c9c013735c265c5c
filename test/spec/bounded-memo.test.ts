import { boundedMemo } from '../../src/spec/bounded-memo';

describe('boundedMemo', () => {
  it('computes an answer once per key, undefined answers included', () => {
    const remember = boundedMemo<number | undefined>(10);
    let calls = 0;
    const compute = (v: number | undefined) => () => (calls++, v);
    expect([remember('a', compute(1)), remember('a', compute(2)), remember('u', compute(undefined)), remember('u', compute(3))]).toEqual([1, 1, undefined, undefined]);
    expect(calls).toBe(2);
  });

  it('never holds more than its bound: at the bound it starts over', () => {
    const remember = boundedMemo<string>(3);
    let calls = 0;
    const compute = (k: string) => () => (calls++, k.toUpperCase());
    for (const k of ['a', 'b', 'c', 'd']) remember(k, compute(k));
    expect(calls).toBe(4);
    // 'd' came in after the memory started over, so it is kept and 'a' is not.
    expect(remember('d', compute('d'))).toBe('D');
    expect(calls).toBe(4);
    expect(remember('a', compute('a'))).toBe('A');
    expect(calls).toBe(5);
  });
});
