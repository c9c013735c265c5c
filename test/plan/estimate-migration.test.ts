import { ESTIMATE_MODEL, estimateMigration, estimateMigrationSeconds } from '../../src/plan';
import { aCapabilities, anObserved, aPreflight, someFacts } from '../support/builders';

describe('estimateMigrationSeconds', () => {
  // Not a calibration: the one public estimate (17,066 s) was for a target of 320 (unit
  // unconfirmed) and 1000 GB, with neither the data held nor the current bandwidth given.
  it('1000 GB at 320 MB/s, stable → 16,600 s: data × 1024 / (20% of the bandwidth) + 600 s', () => {
    expect(estimateMigrationSeconds(1000, 320, 'stable')).toBe(16600);
  });

  it.each([
    [1000, 320, 'high-speed', 4600],
    [500, 100, 'stable', 26200],
    [0, 100, 'stable', ESTIMATE_MODEL.overheadSeconds],
  ] as const)('%d GB at %d MB/s in %s mode → %d s', (gb, mbps, mode, seconds) => {
    expect(estimateMigrationSeconds(gb, mbps, mode)).toBe(seconds);
  });
});

describe('estimateMigration', () => {
  const postpaid = anObserved({ chargeType: 'POSTPAID_BY_HOUR', expiresAt: undefined, bandwidthMBps: 320, diskGB: 3000 });

  it('stable takes longer than high-speed for the same data (postpaid, mode selectable)', () => {
    const facts = someFacts({ preflight: aPreflight({ diskUsedGB: 1000 }) });
    const stable = estimateMigration({ observed: postpaid, declaredMode: 'stable', capabilities: aCapabilities(), facts });
    const fast = estimateMigration({ observed: postpaid, declaredMode: 'high-speed', capabilities: aCapabilities(), facts });
    expect(stable).toMatchObject({ required: true, mode: 'stable', modeSelectable: true, estimatedSeconds: 16600 });
    expect(fast).toMatchObject({ required: true, mode: 'high-speed', modeSelectable: true, estimatedSeconds: 4600 });
    expect(stable.basis).toMatch(/^estimate: 1,000 GB of data held moved at 64 MB\/s \(an assumed 20% of the current 320 MB\/s in stable mode\)/);
  });

  it('elastic storage without usage has nothing to bound the data: no estimate, and the basis says why', () => {
    const elastic = anObserved({ chargeType: 'POSTPAID_BY_HOUR', expiresAt: undefined, bandwidthMBps: 320, diskGB: null });
    const m = estimateMigration({ observed: elastic, declaredMode: 'stable', capabilities: aCapabilities(), facts: someFacts({ preflight: aPreflight({ diskUsedGB: undefined }) }) });
    expect(m).toMatchObject({ required: true, estimatedSeconds: null });
    expect(m.basis).toContain('no estimate: the data held was not observed, and elastic storage has no disk size to bound it');
  });

  it('the note of an assessment taken on the safe side leads the basis', () => {
    const facts = someFacts({ migration: { required: true, note: 'the two readings differ; taken as migrating' } });
    expect(estimateMigration({ observed: anObserved(), declaredMode: 'stable', capabilities: aCapabilities(), facts }).basis).toMatch(/^the two readings differ; taken as migrating; estimate/);
  });

  it('uses the whole disk as an upper bound when usage was not observed', () => {
    const m = estimateMigration({ observed: postpaid, declaredMode: 'stable', capabilities: aCapabilities(), facts: someFacts({ preflight: aPreflight({ diskUsedGB: undefined }) }) });
    expect(m.estimatedSeconds).toBe(estimateMigrationSeconds(3000, 320, 'stable'));
    expect(m.basis).toContain('estimate (upper bound: usage not observed): the whole 3,000 GB disk');
  });

  it('prepaid cannot select the mode: high-speed is planned as the assumed stable default', () => {
    const m = estimateMigration({ observed: anObserved(), declaredMode: 'high-speed', capabilities: aCapabilities(), facts: someFacts() });
    expect(m).toMatchObject({ mode: 'stable', modeSelectable: false });
    expect(m.basis).toContain("the cloud's default applies (assumed stable)");
  });

  it('takes the cloud estimate for the mode when the cloud gives one', () => {
    const facts = someFacts({ migration: { required: true, cloudEstimateSeconds: { stable: 17066, highSpeed: 5000 } } });
    const caps = aCapabilities({ migrationEstimates: true });
    expect(estimateMigration({ observed: postpaid, declaredMode: 'stable', capabilities: caps, facts })).toMatchObject({ estimatedSeconds: 17066 });
    const fast = estimateMigration({ observed: postpaid, declaredMode: 'high-speed', capabilities: caps, facts });
    expect(fast.estimatedSeconds).toBe(5000);
    expect(fast.basis).toContain('estimate from the cloud (DescribeModifyType) for high-speed mode');
  });

  it('ignores cloud estimates when the cloud is not known to give them', () => {
    const facts = someFacts({ migration: { required: true, cloudEstimateSeconds: { stable: 1 } } });
    expect(estimateMigration({ observed: postpaid, declaredMode: 'stable', capabilities: aCapabilities(), facts }).estimatedSeconds).toBe(16600);
  });

  it('without migration: 300 s, no mode', () => {
    const m = estimateMigration({ observed: anObserved(), declaredMode: 'stable', capabilities: aCapabilities(), facts: someFacts({ migration: { required: false } }) });
    expect(m).toEqual({
      required: false,
      estimatedSeconds: 300,
      mode: null,
      modeSelectable: false,
      basis: 'estimate: no data migrates, so the cloud raises the quota in minutes (about 5m)',
    });
  });

  it.each([
    ['no assessment', {}, 'whether data migrates was not assessed; planned as if it does (the safe side)'],
    [
      'an assessment error',
      { errors: [{ what: 'migration' as const, code: 'InternalError', message: 'backend busy' }] },
      'the cloud could not say whether data migrates (InternalError: backend busy); planned as if it does (the safe side)',
    ],
  ])('with %s, required is null and planned like true', (_name, facts, basis) => {
    const m = estimateMigration({ observed: anObserved(), declaredMode: 'stable', capabilities: aCapabilities(), facts });
    expect(m.required).toBeNull();
    expect(m.mode).toBe('stable');
    expect(m.estimatedSeconds).toBe(estimateMigrationSeconds(3000, 320, 'stable'));
    expect(m.basis.startsWith(basis)).toBe(true);
  });

  it('an edition conversion leaves the decision to the console', () => {
    const m = estimateMigration({ observed: anObserved(), declaredMode: 'stable', capabilities: aCapabilities(), facts: someFacts(), conversion: true });
    expect(m.required).toBeNull();
    expect(m.basis).toContain('the console decides whether an edition conversion migrates data');
  });
});
