/**
 * The provider's diff in Pulumi's vocabulary, called directly as the engine would call it: the
 * detailed diff (one entry per changed property, with its kind), `replaces`, and the plan's facts
 * as diagnostics (data, and one line each in the log) for each kind of change a preview meets.
 */
import { REPLACE_ON_CHANGE_KEYS, UNKNOWN_VALUE, type CkafkaDiagnostic, type CkafkaInstanceInputs } from '../../src/pulumi';
import { AUDIT, MINUTE, ORDERS, PAYMENTS, WEEKEND, adopt, harness, newInputs, ordersInputs, paymentsInputs, type Harness } from './_provider-harness';

const auditInputs = (over: Partial<CkafkaInstanceInputs> = {}): CkafkaInstanceInputs => ({
  name: 'audit',
  instanceId: AUDIT,
  edition: 'advanced',
  bandwidthMBps: 40,
  diskGB: 500,
  partitions: 800,
  ...over,
});

const unknown = <T>(): T => UNKNOWN_VALUE as unknown as T;

function topics(h: Harness): string[] {
  return h.diagnostics.map((d) => d.topic);
}

function only<T extends CkafkaDiagnostic['topic']>(h: Harness, topic: T): Extract<CkafkaDiagnostic, { topic: T }> {
  const found = h.diagnostics.filter((d): d is Extract<CkafkaDiagnostic, { topic: T }> => d.topic === topic);
  if (found.length !== 1) throw new Error(`expected one ${topic} diagnostic, got ${found.length}: ${topics(h).join(', ')}`);
  return found[0] as Extract<CkafkaDiagnostic, { topic: T }>;
}

/** Every diagnostic is also a line of the log, at its severity. */
function expectLogged(h: Harness): void {
  for (const d of h.diagnostics) expect(h.logs).toContainEqual({ level: d.severity === 'warning' ? 'warn' : 'info', message: d.message });
}

describe('diff: detailedDiff, replaces and diagnostics', () => {
  it('a bandwidth change that migrates data in a window: one update, and the verdict as data', async () => {
    const h = harness();
    const outs = await adopt(h.provider, paymentsInputs());
    h.clear();
    const d = await h.provider.diff(PAYMENTS, outs, paymentsInputs({ bandwidthMBps: 160, upgrade: { rebalance: { window: WEEKEND }, mode: 'high-speed' } }));
    expect(d.changes).toBe(true);
    expect(d.replaces).toEqual([]);
    expect(d.detailedDiff).toEqual({ bandwidthMBps: { kind: 'update', inputDiff: false } });

    expect(topics(h)).toEqual(['verdict', 'migration', 'mode', 'estimate', 'window', 'cost']);
    expect(only(h, 'verdict')).toMatchObject({ action: 'upgrade', instance: 'payments', digest: expect.stringMatching(/^sha256:/) });
    expect(only(h, 'migration')).toMatchObject({ required: true, message: 'payments: migration: data migrates' });
    expect(only(h, 'mode')).toMatchObject({ mode: 'high-speed', selectable: true, message: 'payments: mode: high-speed (as declared)' });
    expect(only(h, 'estimate').seconds).toBeGreaterThan(0);
    expect(only(h, 'window')).toMatchObject({
      kind: 'window',
      startsAt: '2026-03-06T17:00:00.000Z',
      endsAt: '2026-03-06T21:00:00.000Z',
      timezone: 'Asia/Shanghai',
      deferred: true,
    });
    expect(only(h, 'window').message).toMatch(/^payments: window: next window opens Sat 2026-03-07 01:00 Asia\/Shanghai \(closes 05:00\); the change may start at 2026-03-06T17:00:00\.000Z; before that `pulumi up` defers it/);
    expect(only(h, 'cost')).toMatchObject({ currency: 'CNY', source: 'quote', monthlyDelta: expect.any(Number), hourlyDelta: expect.any(Number) });
    expect(h.diagnostics.every((x) => x.severity === 'info')).toBe(true);
    expectLogged(h);
  });

  it('a disk-only change that migrates nothing: one update, applied at once', async () => {
    const h = harness();
    const outs = await adopt(h.provider, ordersInputs());
    h.clear();
    const d = await h.provider.diff(ORDERS, outs, ordersInputs({ diskGB: 4000, upgrade: { rebalance: { window: WEEKEND } } }));
    expect(d).toMatchObject({ changes: true, replaces: [], detailedDiff: { diskGB: { kind: 'update', inputDiff: false } } });
    expect(Object.keys(d.detailedDiff)).toEqual(['diskGB']);
    expect(topics(h)).toEqual(['verdict', 'migration', 'window', 'cost']);
    expect(only(h, 'migration').required).toBe(false);
    expect(only(h, 'window')).toMatchObject({ kind: 'now', deferred: false, timezone: null, endsAt: null });
    expect(only(h, 'cost')).toMatchObject({ proratedCharge: expect.any(Number) });
  });

  it('a replace-on-change input: update-replace on it, plain updates on the spec, and a warning', async () => {
    const h = harness();
    const created = await h.provider.create(newInputs());
    const outs = created.outs!;
    h.clear();
    const d = await h.provider.diff(created.id, outs, newInputs({ subnetId: 'subnet-9z8y7x6w', diskGB: 600, deletionPolicy: 'delete' }));
    expect(d.changes).toBe(true);
    expect(d.replaces).toEqual(['subnetId']);
    expect(d.detailedDiff).toEqual({
      subnetId: { kind: 'update-replace', inputDiff: false },
      diskGB: { kind: 'update', inputDiff: false },
      deletionPolicy: { kind: 'update', inputDiff: false },
    });
    expect(only(h, 'replace')).toMatchObject({ severity: 'warning', keys: ['subnetId'] });
    expect(only(h, 'replace').message).toContain('the resource is REPLACED. Pulumi creates a new, empty instance (data is not copied)');
    expectLogged(h);
  });

  it('a new instanceId: update-replace on instanceId (another instance is adopted)', async () => {
    const h = harness();
    const outs = await adopt(h.provider, ordersInputs());
    const d = await h.provider.diff(ORDERS, outs, ordersInputs({ instanceId: PAYMENTS }));
    expect(d).toMatchObject({ replaces: ['instanceId'], detailedDiff: { instanceId: { kind: 'update-replace', inputDiff: false } } });
  });

  describe('inputs not known yet (a preview)', () => {
    it('an unknown spec input of an adopted instance: an update, never a replacement', async () => {
      const h = harness();
      const outs = await adopt(h.provider, ordersInputs());
      h.clear();
      const d = await h.provider.diff(ORDERS, outs, ordersInputs({ bandwidthMBps: unknown(), zoneId: unknown() }));
      expect(d).toMatchObject({ changes: true, replaces: [] });
      expect(d.detailedDiff).toEqual({ bandwidthMBps: { kind: 'update', inputDiff: false }, zoneId: { kind: 'update', inputDiff: false } });
      expect(only(h, 'unknown-inputs')).toMatchObject({ severity: 'info', paths: ['bandwidthMBps', 'zoneId'] });
      // Nothing was planned: no plan text, no verdict.
      expect(topics(h)).toEqual(['unknown-inputs']);
    });

    it('an unknown replace-on-change input of a created instance: shown as the replacement it may be', async () => {
      const h = harness();
      const created = await h.provider.create(newInputs());
      h.clear();
      const d = await h.provider.diff(created.id, created.outs!, newInputs({ subnetId: unknown() }));
      expect(d.replaces).toEqual(['subnetId']);
      expect(d.detailedDiff).toEqual({ subnetId: { kind: 'update-replace', inputDiff: false } });
      expect(only(h, 'unknown-inputs').severity).toBe('warning');
      expect(h.text('warn')).toContain('if subnetId then differ from what');
    });

    it('an unknown input the outputs do not record: an input diff at its path', async () => {
      const h = harness();
      const outs = await adopt(h.provider, ordersInputs());
      const d = await h.provider.diff(ORDERS, outs, ordersInputs({ upgrade: { rebalance: { window: { ...WEEKEND, start: unknown() } } } }));
      expect(d.detailedDiff).toEqual({ 'upgrade.rebalance.window.start': { kind: 'update', inputDiff: true } });
    });
  });

  it('a scale-down refused: the change is listed, the rule that blocks it is a warning, nothing is scheduled', async () => {
    const h = harness();
    const outs = await adopt(h.provider, ordersInputs());
    h.clear();
    const d = await h.provider.diff(ORDERS, outs, ordersInputs({ bandwidthMBps: 160 }));
    expect(d).toMatchObject({ changes: true, replaces: [], detailedDiff: { bandwidthMBps: { kind: 'update', inputDiff: false } } });
    expect(topics(h)).toEqual(['verdict', 'issue']);
    expect(only(h, 'verdict').action).toBe('blocked');
    expect(only(h, 'issue')).toMatchObject({ severity: 'warning', code: 'plan/scale-down-not-allowed', path: 'bandwidthMBps' });
    // Pulumi users read Pulumi's words: an input to set, never a CLI flag.
    expect(only(h, 'issue').message).toContain('allowScaleDown');
    for (const line of h.logs) expect(line.message).not.toMatch(/ --[a-z]/);
  });

  it('a blocked instance (a failing pre-check): its changes, the check as a warning, and whether ignoreChecks passes over it', async () => {
    const h = harness();
    const outs = await adopt(h.provider, auditInputs());
    h.clear();
    const d = await h.provider.diff(AUDIT, outs, auditInputs({ bandwidthMBps: 60, partitions: 900 }));
    expect(d.detailedDiff).toEqual({ bandwidthMBps: { kind: 'update', inputDiff: false }, partitions: { kind: 'update', inputDiff: false } });
    expect(only(h, 'verdict').action).toBe('blocked');
    expect(only(h, 'check')).toMatchObject({ severity: 'warning', check: 'replicas-in-sync', ignored: false });
    expect(only(h, 'check').message).toContain('the update will fail unless "replicas-in-sync" is in ignoreChecks');
    // The check-failed issue is the check above, not a second warning.
    expect(h.diagnostics.filter((x) => x.topic === 'issue')).toEqual([]);
    for (const line of h.logs) expect(line.message).not.toMatch(/ --[a-z]/);

    h.clear();
    await h.provider.diff(AUDIT, outs, auditInputs({ bandwidthMBps: 60, partitions: 900, ignoreChecks: ['replicas-in-sync'] }));
    expect(only(h, 'check')).toMatchObject({ ignored: true });
    expect(only(h, 'check').message).toContain('(passed over: listed in ignoreChecks)');
  });

  it('deletionPolicy: add, update and delete against the recorded policy', async () => {
    const h = harness();
    const outs = await adopt(h.provider, ordersInputs({ deletionPolicy: 'delete' }));
    expect((await h.provider.diff(ORDERS, outs, ordersInputs({ deletionPolicy: 'retain' }))).detailedDiff).toEqual({ deletionPolicy: { kind: 'update', inputDiff: false } });
    expect((await h.provider.diff(ORDERS, outs, ordersInputs())).detailedDiff).toEqual({ deletionPolicy: { kind: 'delete', inputDiff: false } });
    const { deletionPolicy: _gone, ...older } = outs;
    expect((await h.provider.diff(ORDERS, older as typeof outs, ordersInputs({ deletionPolicy: 'delete' }))).detailedDiff).toEqual({ deletionPolicy: { kind: 'add', inputDiff: false } });
  });

  it('outputs that no longer describe the instance: updates against the state, with no plan', async () => {
    const h = harness();
    const outs = await adopt(h.provider, ordersInputs());
    // A change an earlier `pulumi up` left running has finished: the cloud is at the declared spec.
    await h.cloud.submitSpecChange({ instanceId: ORDERS, bandwidthMBps: 300, diskGB: 3000, partitions: 1600, mode: 'stable' });
    h.clock.advance(10 * MINUTE);
    h.clear();
    const d = await h.provider.diff(ORDERS, outs, ordersInputs({ bandwidthMBps: 300, partitions: 1600 }));
    expect(d).toMatchObject({ changes: true, replaces: [] });
    expect(d.detailedDiff).toEqual({ bandwidthMBps: { kind: 'update', inputDiff: false }, partitions: { kind: 'update', inputDiff: false } });
    expect(h.diagnostics).toEqual([]);
  });

  it('lists as stable the outputs whose change replaces, from the one list of those inputs', async () => {
    const h = harness();
    const outs = await adopt(h.provider, ordersInputs());
    expect((await h.provider.diff(ORDERS, outs, ordersInputs())).stables).toEqual(['instanceId', ...REPLACE_ON_CHANGE_KEYS, 'cloud']);
  });
});
