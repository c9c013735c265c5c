/**
 * The dynamic provider's check (validation) and diff (the upgrade plan), called directly against
 * the emulator (_provider-harness.ts).
 */
import { CkafkaProvider, UNKNOWN_VALUE, type CkafkaInstanceInputs, type CkafkaInstanceState } from '../../src/pulumi';
import { AUDIT, ORDERS, PAYMENTS, T0, WEEKEND, adopt, failure, harness, newInputs, ordersInputs, paymentsInputs } from './_provider-harness';

describe('check', () => {
  const provider = new CkafkaProvider({ logger: { info: () => undefined, warn: () => undefined }, now: () => T0 });

  it('accepts a valid instance and returns the inputs unchanged', async () => {
    const inputs = { ...ordersInputs(), __provider: 'serialized' } as unknown as CkafkaInstanceInputs;
    const r = await provider.check({} as CkafkaInstanceInputs, inputs);
    expect(r.failures).toEqual([]);
    expect(r.inputs).toBe(inputs);
  });

  it('reports a core validation error with its code, the value and the fix', async () => {
    const r = await provider.check({} as CkafkaInstanceInputs, ordersInputs({ bandwidthMBps: 100200, diskGB: 10000, partitions: 6000 }));
    expect(r.failures).toEqual([
      { property: 'bandwidthMBps', reason: expect.stringMatching(/^spec\/above-maximum: bandwidthMBps 100200 MB\/s is above the Pro maximum of 100000 MB\/s \(use 100000 or less\)$/) },
    ]);
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['a misspelt key', { bandwith: 400 }, 'bandwith', /^spec\/unknown-key: unknown key `bandwith` \(did you mean `bandwidthMBps`\?\)$/],
    ['an unknown time zone', { upgrade: { rebalance: { window: { ...WEEKEND, timezone: 'Asia/Shangai' } } } }, 'upgrade.rebalance.window.timezone', /^spec\/unknown-timezone: .*did you mean Asia\/Shanghai\?/],
    ['a bad VPC id', { vpcId: 'vpc-123' }, 'vpcId', /^spec\/invalid-value: vpcId "vpc-123" is not a VPC id/],
    ['a bad zone', { zoneId: -3 }, 'zoneId', /^spec\/invalid-value: zoneId must be a whole number above 0/],
    ['a postpaid Advanced instance', { edition: 'advanced', bandwidthMBps: 40, diskGB: 500, partitions: 800, chargeType: 'POSTPAID_BY_HOUR' }, 'chargeType', /^spec\/invalid-value: chargeType POSTPAID_BY_HOUR is not offered for Advanced/],
    ['a misspelt charge type', { chargeType: 'PREPAYED' }, 'chargeType', /did you mean PREPAID\?/],
    ['a period for a postpaid instance', { chargeType: 'POSTPAID_BY_HOUR', periodMonths: 12 }, 'periodMonths', /PREPAID instances only/],
    ['a period beyond 36 months', { periodMonths: 37 }, 'periodMonths', /^spec\/invalid-value: periodMonths must be a whole number of months from 1 to 36, got 37/],
    ['a bad region', { region: 'Guangzhou' }, 'region', /^spec\/bad-region:/],
    ['a misspelt check id', { ignoreChecks: ['zone-stok'] }, 'ignoreChecks[0]', /^spec\/invalid-value: "zone-stok" is not a check id \(did you mean zone-stock\?\)$/],
    ['an unknown deletion policy', { deletionPolicy: 'destroy' }, 'deletionPolicy', /^spec\/invalid-value: deletionPolicy must be "retain" or "delete"/],
    ['a zero wait', { maxWaitMinutes: 0 }, 'maxWaitMinutes', /^spec\/invalid-value: maxWaitMinutes/],
  ])('fails on %s', async (_what, over, property, reason) => {
    const r = await provider.check({} as CkafkaInstanceInputs, { ...ordersInputs(), ...over } as CkafkaInstanceInputs);
    expect(r.failures).toEqual([{ property, reason: expect.stringMatching(reason) }]);
  });

  // The rules of a new instance (spec/rules/provisioning-rules.ts) apply to a new resource without instanceId.
  it.each<[string, Partial<CkafkaInstanceInputs>, string, RegExp]>([
    ['an unknown disk type', { diskType: 'CLOUD_SDD' }, 'diskType', /^spec\/invalid-value: .*\(did you mean CLOUD_SSD\?\)$/],
    ['a Kafka version not offered', { kafkaVersion: '3.9.0' }, 'kafkaVersion', /^spec\/invalid-value: kafkaVersion 3.9.0 is not offered for a new instance/],
    ['an Advanced instance', { edition: 'advanced', chargeType: 'PREPAID' }, 'edition', /^spec\/edition-not-creatable: /],
    ['an off-step bandwidth', { bandwidthMBps: 50, diskGB: 500, partitions: 800 }, 'bandwidthMBps', /^spec\/off-step: bandwidthMBps 50 is off the Pro sale step, and a new instance is created on the step \(use 40 or 60/],
  ])('fails to create %s', async (_what, over, property, reason) => {
    const r = await provider.check({} as CkafkaInstanceInputs, newInputs(over));
    expect(r.failures).toEqual([{ property, reason: expect.stringMatching(reason) }]);
  });

  it('takes values a new instance cannot have as those of an instance that runs, for an adopted or existing resource', async () => {
    for (const over of [{ kafkaVersion: '1.1.1' }, { edition: 'advanced', chargeType: 'PREPAID' }, { bandwidthMBps: 50 }] as const) {
      expect((await provider.check({} as CkafkaInstanceInputs, newInputs({ ...over, instanceId: 'ckafka-pu1ord3r' }))).failures).toEqual([]);
      expect((await provider.check(newInputs(), newInputs(over))).failures).toEqual([]);
    }
  });

  it('requires the zone and network to create an instance, and not to adopt one', async () => {
    const { zoneId: _z, vpcId: _v, subnetId: _s, ...bare } = newInputs();
    const create = await provider.check({} as CkafkaInstanceInputs, bare as CkafkaInstanceInputs);
    expect(create.failures?.map((f) => [f.property, f.reason.split(':')[0]])).toEqual([
      ['zoneId', 'spec/missing-field'],
      ['vpcId', 'spec/missing-field'],
      ['subnetId', 'spec/missing-field'],
    ]);
    expect((await provider.check({} as CkafkaInstanceInputs, ordersInputs())).failures).toEqual([]);
  });

  it('skips values Pulumi does not know yet (a preview)', async () => {
    const r = await provider.check({} as CkafkaInstanceInputs, ordersInputs({ bandwidthMBps: UNKNOWN_VALUE as unknown as number, vpcId: UNKNOWN_VALUE }));
    expect(r.failures).toEqual([]);
  });

  it('diffs inputs not known yet as a change without planning', async () => {
    const h = harness();
    const outs = await adopt(h.provider, ordersInputs());
    const d = await h.provider.diff(ORDERS, outs, ordersInputs({ bandwidthMBps: UNKNOWN_VALUE as unknown as number }));
    expect(d).toMatchObject({ changes: true, deleteBeforeReplace: false });
    expect(d.replaces ?? []).toEqual([]);
  });
});

describe('diff', () => {
  it('is a no-op when the declared spec equals the observed one', async () => {
    const h = harness();
    const outs = await adopt(h.provider, ordersInputs());
    h.logs.length = 0;
    const d = await h.provider.diff(ORDERS, outs, ordersInputs());
    expect(d).toEqual({ changes: false, replaces: [], stables: expect.arrayContaining(['instanceId', 'zoneId', 'chargeType']), deleteBeforeReplace: false, detailedDiff: {} });
    expect(h.text()).toBe('');
  });

  it('does not count a change of only the upgrade policy (or wait, or ignoreChecks) as a cloud change', async () => {
    const h = harness();
    const outs = await adopt(h.provider, ordersInputs());
    const d = await h.provider.diff(ORDERS, outs, ordersInputs({ upgrade: { rebalance: { window: WEEKEND }, mode: 'high-speed' }, allowScaleDown: true, wait: true, ignoreChecks: ['zone-stock'] }));
    expect(d.changes).toBe(false);
  });

  it('records a change of deletionPolicy (delete sees only the state), without planning a cloud change', async () => {
    const h = harness();
    const outs = await adopt(h.provider, ordersInputs());
    const d = await h.provider.diff(ORDERS, outs, ordersInputs({ deletionPolicy: 'delete' }));
    expect(d.changes).toBe(true);
    const u = await h.provider.update(ORDERS, outs, ordersInputs({ deletionPolicy: 'delete' }));
    expect(u.outs?.deletionPolicy).toBe('delete');
    expect(h.em.snapshot().submissions).toEqual([]);
  });

  it('is the upgrade plan: logged with migration, schedule, mode, estimate and cost', async () => {
    const h = harness();
    const outs = await adopt(h.provider, paymentsInputs());
    h.logs.length = 0;
    const d = await h.provider.diff(PAYMENTS, outs, paymentsInputs({ bandwidthMBps: 160, upgrade: { rebalance: { window: WEEKEND }, mode: 'high-speed' } }));
    expect(d).toEqual({ changes: true, replaces: [], stables: expect.any(Array), deleteBeforeReplace: false, detailedDiff: { bandwidthMBps: { kind: 'update', inputDiff: false } } });
    const info = h.text('info');
    // An emulated fleet says so above the verdict.
    expect(info).toMatch(/^⚠ EMULATOR: this plan was made against the CKafka emulator[^\n]*\n[^\n]*\n1 to upgrade \(1 migrates data\)/);
    expect(info).toContain('~ bandwidthMBps: 120 → 160 MB/s');
    expect(info).toMatch(/migration {2}data migrates: ~\d+h \d+m \(estimate\), high-speed mode/);
    expect(info).toContain('next window opens Sat 2026-03-07 01:00 Asia/Shanghai');
    expect(info).toMatch(/cost {7}\+[\d,.]+ CNY\/month/);
    expect(info).toContain('the change may start at 2026-03-06T17:00:00.000Z; before that `pulumi up` defers it');
    expect(h.text('warn')).toBe('');
  });

  it('warns about failing pre-checks, naming the check and how to accept it', async () => {
    const h = harness();
    const auditInputs: CkafkaInstanceInputs = { name: 'audit', instanceId: AUDIT, edition: 'advanced', bandwidthMBps: 40, diskGB: 500, partitions: 800 };
    const outs = await adopt(h.provider, auditInputs);
    const d = await h.provider.diff(AUDIT, outs, { ...auditInputs, bandwidthMBps: 60, partitions: 900 });
    expect(d.changes).toBe(true);
    expect(h.text('warn')).toContain('audit: check replicas-in-sync fails: 1 partition of 1 topic has out-of-sync replicas');
    expect(h.text('warn')).toContain('the update will fail unless "replicas-in-sync" is in ignoreChecks');
  });

  it('replaces a created instance when a key the cloud cannot change in place changes', async () => {
    const h = harness();
    const created = await h.provider.create(newInputs());
    const outs = created.outs as CkafkaInstanceState;
    h.logs.length = 0;
    for (const [key, value] of [
      ['zoneId', 100004],
      ['chargeType', 'PREPAID'],
      ['diskType', 'CLOUD_SSD'],
    ] as const) {
      const d = await h.provider.diff(created.id, outs, newInputs({ [key]: value }));
      expect(d).toEqual({ changes: true, replaces: [key], stables: expect.any(Array), deleteBeforeReplace: false, detailedDiff: { [key]: { kind: 'update-replace', inputDiff: false } } });
    }
    expect(h.text('warn')).toContain('zoneId cannot change on a running instance: the resource is REPLACED');
    expect(h.text('warn')).toContain(`and retains ${created.id} (deletionPolicy retain): it keeps running and billing`);
  });

  it('replaces the resource when instanceId changes (another instance is adopted)', async () => {
    const h = harness();
    const outs = await adopt(h.provider, ordersInputs());
    const d = await h.provider.diff(ORDERS, outs, ordersInputs({ instanceId: PAYMENTS }));
    expect(d.replaces).toEqual(['instanceId']);
  });

  it('refuses to move an adopted instance rather than replace it', async () => {
    const h = harness();
    const outs = await adopt(h.provider, ordersInputs());
    const e = await failure(h.provider.diff(ORDERS, outs, ordersInputs({ zoneId: 100004 })));
    expect(e.code).toBe('plan/spec-change-unsupported');
    expect(e.message).toContain(`zoneId is declared as 100004 but ${ORDERS} has 100003`);
  });
});
