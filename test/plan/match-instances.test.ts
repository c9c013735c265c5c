import { matchInstances, specChanges } from '../../src/plan';
import { aDesired, anObserved } from '../support/builders';

describe('matchInstances', () => {
  const a = anObserved();
  const b = anObserved({ instanceId: 'ckafka-bbb22222', name: 'billing' });
  const b2 = anObserved({ instanceId: 'ckafka-ccc33333', name: 'billing' });

  it('matches by id first, then by exact name, keeping the declared order', () => {
    const m = matchInstances([aDesired({ name: 'billing', instanceId: undefined, source: { path: 'instances[0]' } }), aDesired({ name: 'renamed' })], [a, b]);
    expect(m.map((x) => x.observed?.instanceId)).toEqual(['ckafka-bbb22222', 'ckafka-abc12345']);
    expect(m.every((x) => x.issue === undefined)).toBe(true);
  });

  it('an unknown id is not found, naming the id and region', () => {
    const [m] = matchInstances([aDesired({ instanceId: 'ckafka-zzz99999' })], [a], 'ap-guangzhou');
    expect(m?.observed).toBeUndefined();
    expect(m?.issue).toEqual({
      code: 'plan/instance-not-found',
      severity: 'error',
      path: 'instances[0].instanceId',
      message: 'instance ckafka-zzz99999 ("orders") was not found in ap-guangzhou',
      hint: 'fix the instanceId or the region, or create the instance first: ckafka-iac changes the spec of existing instances',
      file: 'fleet.yaml',
    });
  });

  it.each([
    ['no instance has the name', [a], 'plan/instance-not-found', 'no instance is named "billing" in ap-shanghai'],
    ['two instances share the name', [a, b, b2], 'plan/instance-name-ambiguous', '2 instances are named "billing" in ap-shanghai: ckafka-bbb22222, ckafka-ccc33333'],
  ])('by name, when %s → %s', (_name, observed, code, message) => {
    const [m] = matchInstances([aDesired({ name: 'billing', instanceId: undefined })], observed, 'ap-shanghai');
    expect(m?.observed).toBeUndefined();
    expect(m?.issue).toMatchObject({ code, message, path: 'instances[0].name' });
  });
});

describe('specChanges', () => {
  it('lists differing fields in SPEC_FIELDS order with units', () => {
    const spec = { edition: 'pro', bandwidthMBps: 320, diskGB: 3000, partitions: 1800 } as const;
    expect(specChanges({ ...spec, partitions: 2000, edition: 'pro', bandwidthMBps: 400 }, spec)).toEqual([
      { field: 'bandwidthMBps', from: 320, to: 400, unit: 'MB/s' },
      { field: 'partitions', from: 1800, to: 2000, unit: 'partitions' },
    ]);
    expect(specChanges({ ...spec, edition: 'advanced', diskGB: 2000 }, spec)).toEqual([
      { field: 'edition', from: 'pro', to: 'advanced', unit: '' },
      { field: 'diskGB', from: 3000, to: 2000, unit: 'GB' },
    ]);
    expect(specChanges(spec, spec)).toEqual([]);
  });
});

describe('matchInstances: one instance, one declaration', () => {
  it('blocks a second declaration that resolves to an instance already declared (by name here, by id there)', () => {
    const observed = anObserved({ instanceId: 'ckafka-abc12345', name: 'orders' });
    const byId = aDesired({ name: 'orders-by-id', instanceId: 'ckafka-abc12345', source: { file: 'a.yaml', path: 'instances[0]' } });
    const { instanceId: _omit, ...noId } = aDesired({ name: 'orders', source: { file: 'b.yaml', path: 'instances[3]' } });
    const [first, second] = matchInstances([byId, noId], [observed]);
    expect(first?.observed?.instanceId).toBe('ckafka-abc12345');
    expect(second?.observed).toBeUndefined();
    expect(second?.issue).toMatchObject({ code: 'spec/duplicate-instance-id', path: 'instances[3].name', file: 'b.yaml' });
    expect(second?.issue?.message).toContain('"orders-by-id" (a.yaml instances[0]) already declares');
  });
});
