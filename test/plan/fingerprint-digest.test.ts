import { digestPlan, fingerprintObserved, planFleet, verifyPlanDigest, type Plan } from '../../src/plan';
import { aCapabilities, aDesired, anObserved, NOW, someFacts } from '../support/builders';

describe('fingerprintObserved', () => {
  const base = fingerprintObserved(anObserved());

  it('is sha256 hex', () => {
    expect(base).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(fingerprintObserved(anObserved())).toBe(base);
  });

  it.each([
    ['bandwidth', { bandwidthMBps: 400 }],
    ['disk', { diskGB: 4000 }],
    ['partition limit', { partitions: 2000 }],
    ['edition', { edition: 'advanced' as const, instanceType: 'premium' }],
    ['charge type', { chargeType: 'POSTPAID_BY_HOUR' as const }],
    ['a task scheduled in the cloud', { rebalanceAt: '2026-06-06T01:00:00.000Z' }],
  ])('changes when the %s changes', (_name, overrides) => {
    expect(fingerprintObserved(anObserved(overrides))).not.toBe(base);
  });

  it.each([
    ['partitions in use', { partitionsUsed: 1700 }],
    ['topics in use', { topicsUsed: 3 }],
    ['health', { healthy: 2 }],
    ['status', { status: 'upgrading' as const, statusCode: 7 }],
    ['expiry', { expiresAt: '2027-12-31T16:00:00.000Z' }],
  ])('does not change when %s change', (_name, overrides) => {
    expect(fingerprintObserved(anObserved(overrides))).toBe(base);
  });
});

describe('digestPlan / verifyPlanDigest', () => {
  const plan = planFleet({ instances: [aDesired({ bandwidthMBps: 400 })] }, [anObserved()], { 'ckafka-abc12345': someFacts() }, { now: NOW, cloudKind: 'emulator', capabilities: aCapabilities() });

  it('verifies a fresh plan and one read back from JSON', () => {
    expect(plan.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(verifyPlanDigest(plan)).toBe(true);
    expect(verifyPlanDigest(JSON.parse(JSON.stringify(plan)) as Plan)).toBe(true);
  });

  it('does not depend on key order', () => {
    const { digest, ...body } = plan;
    const reordered = Object.fromEntries(Object.entries(body).reverse()) as Omit<Plan, 'digest'>;
    expect(digestPlan(reordered)).toBe(digest);
  });

  it('covers keys named like Object.prototype members: a __proto__ key changes the digest', () => {
    const text = JSON.stringify(plan);
    const withProto = JSON.parse(text.replace('"target":{', '"target":{"__proto__":{"bandwidthMBps":4000},')) as Plan;
    expect(Object.keys(withProto.instances[0]?.target ?? {})).toContain('__proto__');
    expect(verifyPlanDigest(withProto)).toBe(false);
    const { digest: _d, ...body } = withProto;
    expect(digestPlan(body)).not.toBe(plan.digest);
  });

  it.each([
    ['a step parameter', (p: Plan) => ({ ...p, instances: p.instances.map((i) => ({ ...i, steps: i.steps.map((s) => (s.kind === 'change-spec' ? { ...s, bandwidthMBps: 4000 } : s)) })) })],
    ['an action', (p: Plan) => ({ ...p, instances: p.instances.map((i) => ({ ...i, action: 'none' as const })) })],
    ['the creation time', (p: Plan) => ({ ...p, createdAt: '2026-06-04T02:00:00.000Z' })],
    ['the digest itself', (p: Plan) => ({ ...p, digest: `sha256:${'0'.repeat(64)}` })],
  ])('fails when %s is edited', (_name, edit) => {
    expect(verifyPlanDigest(edit(plan) as Plan)).toBe(false);
  });
});
