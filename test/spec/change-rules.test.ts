import { validateChange } from '../../src/spec/validate';
import type { ObservedInstance } from '../../src/spec/observed';
import type { DesiredInstance } from '../../src/spec/types';

const now = new Date('2026-11-23T12:00:00Z');

function desired(over: Partial<DesiredInstance> = {}): DesiredInstance {
  return {
    name: 'orders',
    instanceId: 'ckafka-abc12345',
    edition: 'pro',
    bandwidthMBps: 400,
    diskGB: 6000,
    partitions: 2400,
    upgrade: { rebalance: 'now', mode: 'stable' },
    allowScaleDown: false,
    source: { file: 'ckafka.yaml', path: 'instances[0]' },
    ...over,
  };
}

function observed(over: Partial<ObservedInstance> = {}): ObservedInstance {
  return {
    instanceId: 'ckafka-abc12345',
    name: 'orders',
    edition: 'pro',
    instanceType: 'profession',
    status: 'running',
    statusCode: 1,
    bandwidthMBps: 400,
    diskGB: 6000,
    partitions: 2400,
    partitionsUsed: 1200,
    topicsUsed: 100,
    diskType: 'CLOUD_BASIC',
    chargeType: 'PREPAID',
    zoneId: 100003,
    zoneIds: [100003],
    vpcId: 'vpc-1',
    subnetId: 'subnet-1',
    endpoints: [{ vip: '10.0.0.8', vport: '9092' }],
    kafkaVersion: '2.8.1',
    healthy: 1,
    ...over,
  };
}

const codes = (d: DesiredInstance, o: ObservedInstance, facts?: Parameters<typeof validateChange>[0]['facts']) =>
  validateChange({ desired: d, observed: o, now, ...(facts ? { facts } : {}) }).map((i) => `${i.code}@${i.path}`);

describe('change rules', () => {
  it.each<[string, DesiredInstance, ObservedInstance, string[]]>([
    ['no change, no issue', desired(), observed(), []],
    ['a Pro upgrade is fine', desired({ bandwidthMBps: 600, diskGB: 8000 }), observed(), []],
    ['fails on an edition downgrade Pro → Advanced', desired({ edition: 'advanced', bandwidthMBps: 360 }), observed(), ['plan/edition-downgrade@instances[0].edition', 'plan/scale-down-not-allowed@instances[0].bandwidthMBps']],
    ['fails on Advanced → Pro, which CKafka cannot convert', desired({ edition: 'pro' }), observed({ edition: 'advanced', instanceType: 'premium' }), ['plan/edition-conversion-unsupported@instances[0].edition']],
    ['Standard → Pro is a supported conversion', desired({ edition: 'pro', bandwidthMBps: 160, diskGB: 1000, partitions: 1400 }), observed({ edition: 'standard', instanceType: 'standards2', bandwidthMBps: 150, diskGB: 1000, partitions: 150 }), []],
    ['fails on a Standard spec change', desired({ edition: 'standard', bandwidthMBps: 150, diskGB: 3000, partitions: 150 }), observed({ edition: 'standard', instanceType: 'standards2', bandwidthMBps: 100, diskGB: 1500, partitions: 100 }), ['plan/spec-change-unsupported@instances[0].edition']],
    ['fails on any partition decrease, even when scale-down is allowed', desired({ partitions: 2000, allowScaleDown: true }), observed(), ['plan/partition-decrease@instances[0].partitions']],
    ['fails on a bandwidth decrease without allowScaleDown', desired({ bandwidthMBps: 320 }), observed(), ['plan/scale-down-not-allowed@instances[0].bandwidthMBps']],
    ['fails on a disk decrease without allowScaleDown', desired({ diskGB: 5000 }), observed(), ['plan/scale-down-not-allowed@instances[0].diskGB']],
    ['a Pro scale-down with allowScaleDown is fine', desired({ bandwidthMBps: 320, diskGB: 5000, allowScaleDown: true }), observed(), []],
    ['fails on an Advanced scale-down even when allowed', desired({ edition: 'advanced', bandwidthMBps: 200, diskGB: 3000, partitions: 1600, allowScaleDown: true }), observed({ edition: 'advanced', instanceType: 'premium', bandwidthMBps: 240, diskGB: 3000, partitions: 1600 }), ['plan/scale-down-unsupported@instances[0].bandwidthMBps']],
    ['serverless (no edition) is left to the planner', desired(), observed({ edition: undefined, instanceType: 'serverless' }), []],
  ])('%s', (_n, d, o, expected) => {
    expect(codes(d, o)).toEqual(expected);
  });

  // API point 3 (docs/sources.md): the step applies to values being changed. The documented listing shows a running Pro
  // instance at 150 MB/s (1200 Mbps), off the 20 MB/s step.
  describe('changedValuesOnStep', () => {
    const offStep = observed({ bandwidthMBps: 150, diskGB: 1000, partitions: 1200 });
    const issues = (d: DesiredInstance, o: ObservedInstance) => validateChange({ desired: d, observed: o, now }).map((i) => `${i.severity} ${i.code}@${i.path}`);
    it.each<[string, DesiredInstance, ObservedInstance, string[]]>([
      ['an off-step value declared as it runs, nothing changing: no issue', desired({ bandwidthMBps: 150, diskGB: 1000, partitions: 1200 }), offStep, []],
      [
        'an unchanged off-step value with another change: a warning that the request carries it',
        desired({ bandwidthMBps: 150, diskGB: 1000, partitions: 1600 }),
        offStep,
        ['warning spec/off-step@instances[0].bandwidthMBps'],
      ],
      ['fails on a change to an off-step value', desired({ bandwidthMBps: 170, diskGB: 1000, partitions: 1200 }), offStep, ['error spec/off-step@instances[0].bandwidthMBps']],
      ['fails on a change of disk to an off-step size', desired({ diskGB: 6050 }), observed(), ['error spec/off-step@instances[0].diskGB']],
      ['an elastic disk is never sent, so it has no step', desired({ bandwidthMBps: 600, diskGB: 6050 }), observed({ diskGB: null }), []],
    ])('%s', (_n, d, o, expected) => {
      expect(issues(d, o)).toEqual(expected);
    });

    it('names what runs and the values on the step', () => {
      const [issue] = validateChange({ desired: desired({ bandwidthMBps: 170, diskGB: 1000, partitions: 1200 }), observed: offStep, now });
      expect(issue?.message).toBe('bandwidthMBps 170 MB/s is off the Pro step, and the instance runs 150 MB/s: a value being changed must be one Pro sells');
      expect(issue?.hint).toBe('use 160 or 180');
    });
  });

  // API point 4: elastic storage (DiskSize -1) has no size: never a disk decrease, never below the data.
  it('an elastic disk is never a decrease, whatever is declared', () => {
    const facts = { preflight: { routes: [], topics: [], outOfSync: [], diskUsedGB: 4500 } };
    expect(codes(desired({ diskGB: 100 }), observed({ diskGB: null }), facts)).toEqual([]);
  });

  describe('diskHoldsData', () => {
    it.each<[string, number, number | undefined, string[]]>([
      ['fails when the new disk is below the data held', 4000, 4500, ['plan/disk-below-used@instances[0].diskGB']],
      ['a smaller disk that still holds the data is fine', 5000, 4500, []],
      ['without usage facts nothing is claimed', 4000, undefined, []],
    ])('%s', (_n, diskGB, used, expected) => {
      const facts = used === undefined ? undefined : { preflight: { routes: [], topics: [], outOfSync: [], diskUsedGB: used } };
      expect(codes(desired({ diskGB, allowScaleDown: true }), observed(), facts)).toEqual(expected);
    });

    it('names the disk needed in the hint', () => {
      const [issue] = validateChange({ desired: desired({ diskGB: 4000, allowScaleDown: true }), observed: observed(), now, facts: { preflight: { routes: [], topics: [], outOfSync: [], diskUsedGB: 4512 } } });
      expect(issue?.hint).toMatch(/diskGB: 4600 or more/);
      expect(issue?.file).toBe('ckafka.yaml');
    });
  });

  describe('atNotPassed', () => {
    const at = (time: string) => desired({ bandwidthMBps: 600, diskGB: 8000, upgrade: { rebalance: { at: time }, mode: 'stable' } });
    it.each<[string, DesiredInstance, boolean | undefined, string[]]>([
      ['fails when the time has passed and data migrates', at('2026-11-20T02:00:00+08:00'), true, ['spec/at-in-past@instances[0].upgrade.rebalance.at']],
      ['fails when the time has passed and migration is not assessed', at('2026-11-20T02:00:00+08:00'), undefined, ['spec/at-in-past@instances[0].upgrade.rebalance.at']],
      ['a past time does not matter when nothing migrates', at('2026-11-20T02:00:00+08:00'), false, []],
      ['a future time is fine', at('2026-12-05T02:00:00+08:00'), true, []],
    ])('%s', (_n, d, migrates, expected) => {
      const facts = migrates === undefined ? undefined : { migration: { required: migrates } };
      const issues = validateChange({ desired: d, observed: observed(), now, ...(facts ? { facts } : {}) });
      expect(issues.map((i) => `${i.code}@${i.path}`)).toEqual(expected);
      for (const i of issues) expect(i.severity).toBe('error');
    });
  });
});
