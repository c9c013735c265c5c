/**
 * Pulumi inputs as a fleet, validated as the provider's `check` validates them, and the error a
 * test sees when declarations are not valid.
 */
import type { CkafkaInstanceInputs } from '../../src/pulumi';
import { UNKNOWN_VALUE } from '../../src/pulumi/check-instance-inputs';
import { fleetFromPulumiInputs, requireFleet } from '../../src/testing';

const orders: CkafkaInstanceInputs = { name: 'orders', instanceId: 'ckafka-abc12345', edition: 'pro', bandwidthMBps: 200, diskGB: 3000, partitions: 1400, region: 'ap-shanghai' };
const events: CkafkaInstanceInputs = { name: 'events', edition: 'pro', bandwidthMBps: 120, diskGB: 2000, partitions: 1200, zoneId: 100003, vpcId: 'vpc-12345678', subnetId: 'subnet-12345678' };

describe('fleetFromPulumiInputs', () => {
  it('resolves each set of inputs with the defaults, sourced by name, in the first declared region', () => {
    const r = fleetFromPulumiInputs([events, orders]);
    expect(r.issues).toEqual([]);
    expect(r.value?.region).toBe('ap-shanghai');
    expect(r.value?.instances.map((i) => [i.name, i.instanceId, i.upgrade, i.allowScaleDown, i.source])).toEqual([
      ['events', undefined, { rebalance: 'now', mode: 'stable' }, false, { path: 'events' }],
      ['orders', 'ckafka-abc12345', { rebalance: 'now', mode: 'stable' }, false, { path: 'orders' }],
    ]);
    expect(fleetFromPulumiInputs([orders], { region: 'ap-guangzhou' }).value?.region).toBe('ap-guangzhou');
  });

  it.each<[string, CkafkaInstanceInputs[], string[]]>([
    ['a misspelt input', [{ ...orders, bandwith: 400 } as unknown as CkafkaInstanceInputs], ['spec/unknown-key at instances[0].bandwith']],
    ['a value Pulumi does not know yet', [{ ...orders, diskGB: UNKNOWN_VALUE as unknown as number }], ['spec/invalid-value at instances[0].diskGB']],
    ['a name used twice', [orders, { ...events, name: 'orders' }], ['spec/duplicate-name at instances[1].name']],
    ['an instance id used twice', [orders, { ...orders, name: 'again' }], ['spec/duplicate-instance-id at instances[1].instanceId']],
  ])('reports %s at its path, with no fleet', (_what, inputs, found) => {
    const r = fleetFromPulumiInputs(inputs);
    expect(r.value).toBeUndefined();
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => `${i.code} at ${i.path}`)).toEqual(found);
  });
});

describe('requireFleet', () => {
  it('returns the fleet, or throws naming every error with its code, path and fix', () => {
    expect(requireFleet(fleetFromPulumiInputs([orders])).instances).toHaveLength(1);
    expect(() => requireFleet(fleetFromPulumiInputs([{ ...orders, bandwidthMBps: 410, partitions: 1400 }]))).toThrow(
      /^the declarations are not valid:\n {2}spec\/partitions-below-tier-minimum at instances\[0\]\.partitions: .*\(use partitions: 2000 or more/,
    );
  });

  it('keeps an off-step value as a warning: it may be what the instance runs (the plan refuses it as a change)', () => {
    const r = fleetFromPulumiInputs([{ ...orders, bandwidthMBps: 210 }]);
    expect(r.value?.instances).toHaveLength(1);
    expect(r.issues.map((i) => `${i.severity} ${i.code} at ${i.path}`)).toEqual(['warning spec/off-step at instances[0].bandwidthMBps']);
  });
});
