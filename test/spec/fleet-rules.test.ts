import { fleetNotEmpty, instanceIdsUnique, namesUnique } from '../../src/spec/rules/fleet-rules';

describe('fleet rules', () => {
  it.each([
    ['unique names pass', [{ index: 0, name: 'a' }, { index: 1, name: 'b' }], []],
    ['fails on a repeated name, at the second one', [{ index: 0, name: 'a' }, { index: 1, name: 'b' }, { index: 2, name: 'a' }], ['spec/duplicate-name@instances,2,name']],
    ['names are case-sensitive', [{ index: 0, name: 'a' }, { index: 1, name: 'A' }], []],
  ])('namesUnique: %s', (_n, entries, expected) => {
    expect(namesUnique(entries).map((i) => `${i.code}@${i.at.join(',')}`)).toEqual(expected);
  });

  it.each([
    ['unique ids pass', [{ index: 0, instanceId: 'ckafka-aaaaaaaa' }, { index: 1, instanceId: 'ckafka-bbbbbbbb' }], []],
    ['fails on a repeated id', [{ index: 0, instanceId: 'ckafka-aaaaaaaa' }, { index: 1, instanceId: 'ckafka-aaaaaaaa' }], ['spec/duplicate-instance-id@instances,1,instanceId']],
    ['instances without ids are not duplicates', [{ index: 0 }, { index: 1 }], []],
  ])('instanceIdsUnique: %s', (_n, entries, expected) => {
    expect(instanceIdsUnique(entries).map((i) => `${i.code}@${i.at.join(',')}`)).toEqual(expected);
  });

  it('warns on an empty fleet', () => {
    expect(fleetNotEmpty([]).map((i) => [i.code, i.severity])).toEqual([['fleet/empty', 'warning']]);
    expect(fleetNotEmpty([{ index: 0 }])).toEqual([]);
  });
});
