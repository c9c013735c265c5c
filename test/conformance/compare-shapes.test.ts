import { applyAllowList, compareShapes, type Divergence } from './_compare-shapes';

const summary = (ds: readonly Divergence[]): string[] => ds.map((d) => `${d.kind} ${d.path} ${d.documented}->${d.actual}`);

describe('compareShapes: field names, JSON types and nesting, not values', () => {
  it.each<[string, unknown, unknown, string[]]>([
    ['same shape, other values', { Result: { A: 1, B: 'x', C: true } }, { Result: { A: 2, B: 'y', C: false } }, []],
    ['a documented field the actual answer lacks', { Result: { A: 1, B: 2 } }, { Result: { A: 1 } }, ['missing Result.B number->absent']],
    ['an extra actual field is not a divergence', { A: 1 }, { A: 1, Z: 'extra' }, []],
    ['another type', { A: '1' }, { A: 1 }, ['type A string->number']],
    ['null where a type is documented', { A: '' }, { A: null }, ['type A string->null']],
    ['a documented null says nothing about the type', { A: null }, { A: 5 }, []],
    ['nested lists: a field missing in every item is reported once', { L: [{ X: 1, Y: 2 }] }, { L: [{ X: 1 }, { X: 2 }] }, ['missing L[].Y number->absent']],
    ['documented items are merged: a field of any item is expected', { L: [{ X: 1 }, { Y: 'a' }] }, { L: [{ X: 1, Y: 'b' }, { X: 2 }] }, ['missing L[].Y string->absent']],
    ['an empty actual list where items are documented', { L: [{ X: 1 }] }, { L: [] }, ['empty L[] 1 item(s) of object->no items']],
    ['an empty documented list checks nothing', { L: [] }, { L: [{ anything: 1 }] }, []],
    ['primitive items keep their type', { L: ['a'] }, { L: [1] }, ['type L[] string->number']],
    ['a list empty in one item but not in another is data', { I: [{ Z: [1] }] }, { I: [{ Z: [] }, { Z: [2] }] }, []],
    ['a list empty in every item is reported', { I: [{ Z: [1] }] }, { I: [{ Z: [] }, { Z: [] }] }, ['empty I[].Z[] 1 item(s) of number->no items']],
  ])('%s', (_name, documented, actual, expected) => {
    expect(summary(compareShapes(documented, actual))).toEqual(expected);
  });

  it('compares JSON strings parsed, at the paths named', () => {
    const documented = { R: { P: '{"E":{"Min":1,"Step":20}}' } };
    const actual = { R: { P: '{"E":{"Min":1}}' } };
    expect(summary(compareShapes(documented, actual))).toEqual([]);
    expect(summary(compareShapes(documented, actual, { jsonStrings: ['R.P'] }))).toEqual(['missing R.P{json}.E.Step number->absent']);
    expect(summary(compareShapes(documented, { R: { P: 'not json' } }, { jsonStrings: ['R.P'] }))).toEqual(['type R.P JSON string->string that is not JSON']);
  });
});

describe('applyAllowList', () => {
  const ds: Divergence[] = [
    { path: 'A', kind: 'missing', documented: 'string', actual: 'absent' },
    { path: 'B', kind: 'type', documented: 'string', actual: 'null' },
  ];

  it('explains listed divergences by path and kind, and keeps the rest', () => {
    const r = applyAllowList(ds, [{ path: 'A', kind: 'missing', reason: 'not modelled' }]);
    expect(r.unexplained.map((d) => d.path)).toEqual(['B']);
    expect(r.stale).toEqual([]);
  });

  it('reports an entry that matches nothing as stale, so the list shrinks as the emulator improves', () => {
    const r = applyAllowList(ds, [{ path: 'B', kind: 'missing', reason: 'wrong kind' }]);
    expect(r.unexplained.map((d) => d.path)).toEqual(['A', 'B']);
    expect(r.stale.map((a) => a.path)).toEqual(['B']);
  });
});
