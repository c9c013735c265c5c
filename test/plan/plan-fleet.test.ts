/** planFleet over a whole fleet: determinism, order, the summary and its verdict, prices, the golden plan; and a spec Terraform owns. */
import * as path from 'node:path';
import { planFleet, verifyPlanDigest, type Plan } from '../../src/plan';
import { aCapabilities, aDesired, anObserved, NOW, someFacts } from '../support/builders';
import { expectGolden } from '../support/golden';
import { SHANGHAI_WEEKEND, STANDARD, UPGRADE } from './_plan-fleet-fixtures';

describe('planFleet: the whole plan', () => {
  const fleet = {
    region: 'ap-guangzhou',
    instances: [
      aDesired({ ...UPGRADE, upgrade: { rebalance: { window: SHANGHAI_WEEKEND }, mode: 'stable' }, source: { file: 'fleet.yaml', path: 'instances[0]' } }),
      aDesired({ name: 'billing', instanceId: 'ckafka-bbb22222', bandwidthMBps: 400, upgrade: { rebalance: 'now', mode: 'high-speed' }, source: { file: 'fleet.yaml', path: 'instances[1]' } }),
      aDesired({ name: 'audit', instanceId: 'ckafka-ccc33333', source: { file: 'fleet.yaml', path: 'instances[2]' } }),
      aDesired({ name: 'legacy', instanceId: 'ckafka-ddd44444', edition: 'pro', bandwidthMBps: 200, diskGB: 3000, partitions: 1400, source: { file: 'fleet.yaml', path: 'instances[3]' } }),
      aDesired({ name: 'ghost', instanceId: 'ckafka-eee55555', source: { file: 'fleet.yaml', path: 'instances[4]' } }),
    ],
  };
  const observed = [
    anObserved(),
    anObserved({ instanceId: 'ckafka-bbb22222', name: 'billing', chargeType: 'POSTPAID_BY_HOUR', expiresAt: undefined, rebalanceAt: undefined }),
    anObserved({ instanceId: 'ckafka-ccc33333', name: 'audit' }),
    anObserved({ instanceId: 'ckafka-ddd44444', name: 'legacy', ...STANDARD }),
  ];
  const facts = {
    'ckafka-abc12345': someFacts(),
    'ckafka-bbb22222': someFacts({ migration: { required: false } }),
    'ckafka-ddd44444': someFacts(),
  };
  const make = (): Plan => planFleet(fleet, observed, facts, { now: NOW, cloudKind: 'emulator', capabilities: aCapabilities() });

  it('is deterministic: two runs give byte-identical JSON', () => {
    expect(JSON.stringify(make(), null, 2)).toBe(JSON.stringify(make(), null, 2));
  });

  it('does not depend on the order the cloud lists instances in', () => {
    const reversed = planFleet(fleet, [...observed].reverse(), facts, { now: NOW, cloudKind: 'emulator', capabilities: aCapabilities() });
    expect(JSON.stringify(reversed)).toBe(JSON.stringify(make()));
  });

  it('summarises with one verdict line', () => {
    const plan = make();
    expect(plan.instances.map((i) => i.action)).toEqual(['upgrade', 'upgrade', 'none', 'upgrade', 'blocked']);
    expect(plan.summary).toEqual({
      instances: 5,
      unchanged: 1,
      upgrades: 3,
      scaleDowns: 0,
      blocked: 1,
      migrations: 2,
      hasChanges: true,
      monthlyDelta: null,
      currency: 'CNY',
      verdict: '3 to upgrade (1 migrates data, 1 may migrate data), 1 blocked, 1 unchanged · cost not known (no price for legacy)',
    });
    expect(plan.createdAt).toBe(NOW.toISOString());
    expect(verifyPlanDigest(plan)).toBe(true);
  });

  it('prices a fleet whose changes all have a price', () => {
    const plan = planFleet({ instances: fleet.instances.slice(0, 3) }, observed, facts, { now: NOW, cloudKind: 'emulator', capabilities: aCapabilities() });
    expect(plan.region).toBeNull();
    // orders, prepaid: +1,470.00 a month; billing, postpaid: +1.72 an hour × 730 = +1,255.60.
    expect(plan.summary.verdict).toBe('2 to upgrade (1 migrates data), 1 unchanged · +2,725.60 CNY/month (list price)');
    expect(plan.summary.monthlyDelta).toBe(2725.6);
  });

  it('says so when nothing changes', () => {
    const plan = planFleet({ instances: [aDesired()] }, [anObserved()], {}, { now: NOW, cloudKind: 'emulator', capabilities: aCapabilities() });
    expect(plan.summary).toMatchObject({ hasChanges: false, monthlyDelta: 0, verdict: 'No changes: 1 instance matches its declared spec' });
  });

  it('matches the golden plan', () => {
    expectGolden(path.join(__dirname, 'golden', 'fleet-plan.json'), `${JSON.stringify(make(), null, 2)}\n`);
  });
});

describe('an instance whose spec Terraform owns', () => {
  it('shows the change with one manual step naming Terraform, which apply refuses', () => {
    const desired = aDesired({ bandwidthMBps: 400, diskGB: 4000, partitions: 2000, specOwner: 'terraform' });
    const observed = anObserved();
    const plan = planFleet({ instances: [desired] }, [observed], { [observed.instanceId]: someFacts() }, { now: NOW, cloudKind: 'emulator', capabilities: aCapabilities() });
    const [p] = plan.instances;
    expect(p?.action).toBe('upgrade');
    expect(p?.steps).toEqual([expect.objectContaining({ kind: 'manual', consolePath: expect.stringContaining('cdktf deploy') })]);
    expect(p?.steps.some((s) => s.kind === 'change-spec' || s.kind === 'retime')).toBe(false);
  });
});
