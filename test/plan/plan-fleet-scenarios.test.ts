/** planFleet one instance at a time: the scenarios of the upgrade documentation, as actions, steps, schedules, checks and issues. */
import { planFleet, type PlannedInstance, type PlanStep } from '../../src/plan';
import type { CloudCapabilities, InstanceFacts, ObservedInstance } from '../../src/spec/observed';
import type { DesiredInstance, RebalanceWindow } from '../../src/spec/types';
import { aCapabilities, aDesired, anObserved, aPreflight, NOW, someFacts } from '../support/builders';
import { SHANGHAI_WEEKEND, STANDARD, UPGRADE } from './_plan-fleet-fixtures';

const ID = 'ckafka-abc12345';

function planOne(
  desired: Partial<DesiredInstance>,
  observed: Partial<ObservedInstance> = {},
  facts: InstanceFacts | undefined = someFacts(),
  capabilities: CloudCapabilities = aCapabilities(),
  now: Date = NOW,
): PlannedInstance {
  const plan = planFleet(
    { region: 'ap-guangzhou', instances: [aDesired(desired)] },
    [anObserved(observed)],
    facts === undefined ? {} : { [ID]: facts },
    { now, cloudKind: 'emulator', capabilities },
  );
  const [only] = plan.instances;
  if (only === undefined) throw new Error('no instance planned');
  return only;
}

const stepNames = (steps: readonly PlanStep[]): string[] => steps.map((s) => (s.kind === 'wait' ? `wait:${s.until}` : s.kind));
const codes = (i: PlannedInstance): string[] => i.issues.map((x) => x.code);

const POSTPAID = { chargeType: 'POSTPAID_BY_HOUR', expiresAt: undefined } as const;
const noMigration = someFacts({ migration: { required: false } });

describe('planFleet: the scenarios of the upgrade documentation', () => {
  it.each<[string, Partial<DesiredInstance>, Partial<ObservedInstance>, InstanceFacts | undefined, string, string[], string[]]>([
    // name, desired, observed, facts, action, steps, issue codes
    ['Standard spec upgrade is refused', { ...STANDARD, diskGB: 2000 }, STANDARD, someFacts(), 'blocked', [], ['plan/spec-change-unsupported']],
    ['Standard → Pro is a manual console conversion', { edition: 'pro', bandwidthMBps: 200, diskGB: 3000, partitions: 1400 }, STANDARD, someFacts(), 'upgrade', ['manual'], []],
    ['Pro upgrade that migrates data (prepaid, now)', UPGRADE, {}, someFacts(), 'upgrade', ['change-spec', 'wait:migration'], []],
    ['Pro upgrade without migration', UPGRADE, {}, noMigration, 'upgrade', ['change-spec', 'wait:migration'], []],
    ['Pro upgrade, postpaid', UPGRADE, POSTPAID, someFacts(), 'upgrade', ['change-spec', 'wait:migration'], []],
    ['Pro upgrade at a time', { ...UPGRADE, upgrade: { rebalance: { at: '2026-06-06T01:00:00+08:00' }, mode: 'stable' } }, {}, someFacts(), 'upgrade', ['wait:schedule', 'change-spec', 'wait:migration'], []],
    ['Pro upgrade in a window', { ...UPGRADE, upgrade: { rebalance: { window: SHANGHAI_WEEKEND }, mode: 'stable' } }, {}, someFacts(), 'upgrade', ['wait:schedule', 'change-spec', 'wait:migration'], []],
    ['scale-down allowed', { bandwidthMBps: 200, allowScaleDown: true }, {}, someFacts(), 'scale-down', ['change-spec', 'wait:migration'], []],
    ['scale-down not allowed', { bandwidthMBps: 200 }, {}, someFacts(), 'blocked', [], ['plan/scale-down-not-allowed']],
    ['scale-down on Advanced is unsupported', { edition: 'advanced', bandwidthMBps: 200, allowScaleDown: true }, { edition: 'advanced', instanceType: 'premium' }, someFacts(), 'blocked', [], ['plan/scale-down-unsupported']],
    ['partitions never decrease', { partitions: 1600 }, {}, someFacts(), 'blocked', [], ['plan/partition-decrease']],
    ['edition downgrade', { edition: 'advanced' }, {}, someFacts(), 'blocked', [], ['plan/edition-downgrade']],
    ['no change', {}, {}, undefined, 'none', [], []],
    ['instance isolated', UPGRADE, { status: 'isolated', statusCode: 5 }, someFacts(), 'blocked', [], ['plan/instance-not-running']],
    ['serverless instance', {}, { edition: undefined, instanceType: 'serverless' }, undefined, 'blocked', [], ['plan/spec-change-unsupported']],
    ['change while another runs', UPGRADE, { status: 'upgrading', statusCode: 7 }, someFacts(), 'blocked', ['change-spec', 'wait:migration'], ['plan/check-failed']],
  ])('%s', (_name, desired, observed, facts, action, steps, issueCodes) => {
    const i = planOne(desired, observed, facts);
    expect(i.action).toBe(action);
    expect(stepNames(i.steps)).toEqual(steps);
    expect(codes(i).filter((c) => c !== 'plan/mode-not-selectable')).toEqual(issueCodes);
  });

  it('an unchanged instance has no checks, no steps, no cost', () => {
    const i = planOne({});
    expect(i).toMatchObject({ action: 'none', summary: 'matches the declared spec', changes: [], checks: [], steps: [], cost: null, issues: [] });
  });

  it('prepaid: a change-spec step with all three target values and the declared mode', () => {
    const [step] = planOne(UPGRADE).steps;
    expect(step).toEqual({
      kind: 'change-spec',
      bandwidthMBps: 400,
      diskGB: 4000,
      partitions: 2000,
      mode: 'stable',
      description: 'submit the new spec (bandwidth 400 MB/s, disk 4,000 GB, 2,000 partitions) for this prepaid instance; the cloud picks the migration mode and charges the prorated difference',
    });
  });

  it.each([
    ['stable', 1],
    ['high-speed', 2],
  ] as const)('postpaid %s: a change-spec step carrying the mode (UpgradeStrategy %d on the wire)', (mode, _strategy) => {
    const i = planOne({ ...UPGRADE, upgrade: { rebalance: 'now', mode } }, POSTPAID);
    expect(i.steps[0]).toMatchObject({ kind: 'change-spec', bandwidthMBps: 400, diskGB: 4000, partitions: 2000, mode });
    expect(i.migration).toMatchObject({ mode, modeSelectable: true });
    expect(codes(i)).toEqual([]);
  });

  it('high-speed migrates faster than stable (postpaid, same data)', () => {
    const stable = planOne({ ...UPGRADE, upgrade: { rebalance: 'now', mode: 'stable' } }, POSTPAID);
    const fast = planOne({ ...UPGRADE, upgrade: { rebalance: 'now', mode: 'high-speed' } }, POSTPAID);
    expect(fast.migration.estimatedSeconds).toBeLessThan(stable.migration.estimatedSeconds ?? 0);
    expect(stable.checks.map((c) => c.id)).not.toContain('high-speed-under-load');
    expect(fast.checks.map((c) => c.id)).toContain('high-speed-under-load');
  });

  it('prepaid high-speed: a warning that the cloud default applies', () => {
    const i = planOne({ ...UPGRADE, upgrade: { rebalance: 'now', mode: 'high-speed' } });
    expect(i.action).toBe('upgrade');
    expect(i.migration).toMatchObject({ mode: 'stable', modeSelectable: false });
    expect(i.issues).toEqual([
      expect.objectContaining({ code: 'plan/mode-not-selectable', severity: 'warning', path: 'instances[0].upgrade.mode', file: 'fleet.yaml' }),
    ]);
  });

  it('Standard → Pro: one manual step with the target values and the console path; migration left to the console', () => {
    const i = planOne({ edition: 'pro', bandwidthMBps: 200, diskGB: 3000, partitions: 1400 }, STANDARD);
    expect(i.steps).toEqual([
      {
        kind: 'manual',
        description:
          'in the CKafka console, upgrade orders (ckafka-abc12345) from Standard to Pro Edition with bandwidth 200 MB/s, disk 3,000 GB, 1,400 partitions; the API cannot convert an edition, so apply stops here; plan again once the console shows the new edition',
        consolePath: 'CKafka console › Instance list › orders (ckafka-abc12345) › Upgrade to Pro Edition',
      },
    ]);
    expect(i.migration.required).toBeNull();
    expect(i.cost?.monthlyDelta).toBeNull();
    expect(i.changes.map((c) => c.field)).toEqual(['edition', 'bandwidthMBps', 'diskGB', 'partitions']);
  });

  it('a cloud that converts editions by API gets an api step instead', () => {
    const i = planOne({ edition: 'pro', bandwidthMBps: 200, diskGB: 3000, partitions: 1400 }, STANDARD, someFacts(), aCapabilities({ editionConversionByApi: true }));
    expect(stepNames(i.steps)).toEqual(['change-spec', 'wait:migration']);
  });

  describe('schedule', () => {
    it('now: starts at the plan time', () => {
      expect(planOne(UPGRADE).schedule).toEqual({ kind: 'now', startsAt: '2026-06-03T02:00:00.000Z', note: 'starts when the plan is applied' });
    });

    it('at: that instant in UTC, waited for', () => {
      const i = planOne({ ...UPGRADE, upgrade: { rebalance: { at: '2026-06-06T01:00:00+08:00' }, mode: 'stable' } });
      expect(i.schedule).toMatchObject({ kind: 'at', startsAt: '2026-06-05T17:00:00.000Z' });
      expect(i.steps[0]).toEqual({ kind: 'wait', until: 'schedule', description: 'wait until the declared time 2026-06-05T17:00:00.000Z; apply submits no earlier' });
    });

    it('window: the next opening and its close', () => {
      const i = planOne({ ...UPGRADE, upgrade: { rebalance: { window: SHANGHAI_WEEKEND }, mode: 'stable' } });
      expect(i.schedule).toEqual({
        kind: 'window',
        startsAt: '2026-06-05T17:00:00.000Z',
        endsAt: '2026-06-05T21:00:00.000Z',
        window: SHANGHAI_WEEKEND,
        note: 'starts at the next opening of the window (sat, sun 01:00–05:00 Asia/Shanghai)',
      });
      // 1000 GB at 64 MB/s plus overhead (4 h 37 min) does not fit the 4-hour window.
      expect(i.checks.find((c) => c.id === 'window-fits')?.status).toBe('warn');
    });

    it('window with mustFinishInside: the first occurrence with room for the estimate', () => {
      const window: RebalanceWindow = { days: ['sat', 'sun'], start: '01:00', end: '06:00', timezone: 'Asia/Shanghai', mustFinishInside: true };
      // Plan on Saturday 03:00 in Shanghai: inside, but only 3 of its 5 hours are left for the
      // 4h 37m estimate, so Sunday's occurrence is the first with room.
      const i = planOne({ ...UPGRADE, upgrade: { rebalance: { window }, mode: 'stable' } }, {}, someFacts(), aCapabilities(), new Date('2026-06-05T19:00:00Z'));
      expect(i.schedule).toMatchObject({ kind: 'window', startsAt: '2026-06-06T17:00:00.000Z', endsAt: '2026-06-06T22:00:00.000Z', window: { mustFinishInside: true } });
      expect(i.schedule.note).toContain('too little of it is left for the estimate and the change must finish inside it');
      expect(i.checks.find((c) => c.id === 'window-fits')?.status).toBe('pass');
      expect(i.action).toBe('upgrade');
    });

    it('window with mustFinishInside that no occurrence fits: blocked by window-fits', () => {
      const i = planOne({ ...UPGRADE, upgrade: { rebalance: { window: { ...SHANGHAI_WEEKEND, mustFinishInside: true } }, mode: 'stable' } });
      expect(i.checks.find((c) => c.id === 'window-fits')?.status).toBe('fail');
      expect(i.action).toBe('blocked');
      expect(i.issues.map((x) => x.code)).toContain('plan/check-failed');
    });

    it('no migration: starts now whatever was declared, and says why', () => {
      const i = planOne({ ...UPGRADE, upgrade: { rebalance: { window: SHANGHAI_WEEKEND }, mode: 'stable' } }, {}, noMigration);
      expect(i.schedule).toEqual({
        kind: 'now',
        startsAt: '2026-06-03T02:00:00.000Z',
        note: 'no data migrates, so no rebalance occurs and the declared window does not apply; starts when the plan is applied',
      });
      expect(i.migration).toMatchObject({ required: false, estimatedSeconds: 300, mode: null });
      expect(i.steps[1]).toMatchObject({ kind: 'wait', until: 'migration', description: expect.stringContaining('no data migrates') });
    });

    it('unknown migration takes the safe side: the declared window applies', () => {
      const i = planOne({ ...UPGRADE, upgrade: { rebalance: { window: SHANGHAI_WEEKEND }, mode: 'stable' } }, {}, someFacts({ migration: undefined }));
      expect(i.migration.required).toBeNull();
      expect(i.schedule.kind).toBe('window');
      expect(i.schedule.note).toContain('whether data migrates is not known, so the declared schedule applies (the safe side)');
    });
  });

  describe('a task already scheduled in the cloud (RebalanceTime) is scheduled, not drift', () => {
    const PENDING = '2026-06-06T01:00:00.000Z'; // Saturday 09:00 in Shanghai

    it.each<[string, DesiredInstance['upgrade']['rebalance'], string, string | undefined, string]>([
      ['declared at the same time: no re-time', { at: '2026-06-06T09:00:00+08:00' }, PENDING, undefined, PENDING],
      ['declared at another time: re-timed to it', { at: '2026-06-07T03:00:00+08:00' }, PENDING, '2026-06-06T19:00:00.000Z', '2026-06-06T19:00:00.000Z'],
      ['outside the declared window: re-timed to the next opening', { window: SHANGHAI_WEEKEND }, PENDING, '2026-06-05T17:00:00.000Z', '2026-06-05T17:00:00.000Z'],
      ['inside the declared window: no re-time', { window: SHANGHAI_WEEKEND }, '2026-06-05T18:00:00.000Z', undefined, '2026-06-05T18:00:00.000Z'],
      ['declared now: the time set in the cloud stands', 'now', PENDING, undefined, PENDING],
    ])('%s', (_name, rebalance, pendingAt, retimeTo, startsAt) => {
      const i = planOne({ ...UPGRADE, upgrade: { rebalance, mode: 'stable' } }, { rebalanceAt: pendingAt });
      expect(i.action).toBe('upgrade');
      expect(i.schedule).toMatchObject({ pendingAt, startsAt });
      expect(i.schedule.note).toContain('the API does not reveal the target spec of the scheduled task');
      const expected = retimeTo === undefined ? ['wait:scheduled-task'] : ['retime', 'wait:scheduled-task'];
      expect(stepNames(i.steps)).toEqual(expected);
      if (retimeTo !== undefined) expect(i.steps[0]).toMatchObject({ kind: 'retime', at: new Date(Date.parse(retimeTo)).toISOString() });
      expect(i.checks.find((c) => c.id === 'no-unfinished-tasks')?.status).toBe('pass');
    });

    it('with nothing left to change, the plan notes the scheduled task', () => {
      const i = planOne({}, { rebalanceAt: PENDING });
      expect(i.action).toBe('none');
      expect(i.summary).toBe(`matches the declared spec; a change is scheduled in the cloud for ${PENDING} (the API does not reveal its target spec; the next plan after it runs shows any difference)`);
      expect(i.schedule.pendingAt).toBe(PENDING);
    });

    it('a RebalanceTime in the past is not a pending task', () => {
      const i = planOne(UPGRADE, { rebalanceAt: '2026-06-01T00:00:00.000Z' });
      expect(stepNames(i.steps)).toEqual(['change-spec', 'wait:migration']);
      expect(i.schedule.pendingAt).toBeUndefined();
      expect(i.observed.rebalanceAt).toBe('2026-06-01T00:00:00.000Z');
    });
  });

  describe('running change', () => {
    it('with changes: blocked by no-unfinished-tasks, steps kept, hint to wait or attach', () => {
      const i = planOne(UPGRADE, { status: 'upgrading', statusCode: 7 });
      expect(i.checks.find((c) => c.id === 'no-unfinished-tasks')).toMatchObject({
        status: 'fail',
        hint: 'wait for it to finish, then re-plan; if it is the change from an earlier plan, applying that plan again follows it to the end',
      });
      expect(i.summary).toBe('blocked by check no-unfinished-tasks: bandwidth 320 → 400 MB/s, disk 3,000 → 4,000 GB, partitions 1,800 → 2,000');
    });

    it('without changes: none, with a note', () => {
      expect(planOne({}, { status: 'upgrading', statusCode: 7 })).toMatchObject({ action: 'none', summary: 'matches the declared spec; a change is running in the cloud (status upgrading)' });
    });
  });

  describe('each failing prerequisite blocks the change and keeps its steps', () => {
    it.each([
      ['routes-healthy', { routes: [{ routeId: 3, statusCode: 6, healthy: false, accessType: 0, vipType: 3, endpoints: [] }] }],
      ['replicas-in-sync', { outOfSync: [{ topic: 'orders.v1', partitions: ['4'] }] }],
      ['topics-healthy', { topics: [{ name: 'old', partitions: 3, replicas: 3, statusCode: 1 }] }],
      ['zone-stock', { zoneInStock: false }],
    ])('%s', (id, preflight) => {
      const i = planOne(UPGRADE, {}, someFacts({ preflight: aPreflight(preflight) }));
      expect(i.action).toBe('blocked');
      expect(stepNames(i.steps)).toEqual(['change-spec', 'wait:migration']);
      expect(i.checks.find((c) => c.id === id)?.status).toBe('fail');
      const issue = i.issues.find((x) => x.code === 'plan/check-failed');
      expect(issue).toMatchObject({ severity: 'error', path: `checks.${id}`, file: 'fleet.yaml' });
      expect(issue?.remedies).toEqual([{ kind: 'ignore-check', check: id }]);
      expect(i.cost).not.toBeNull();
    });
  });

  describe('documented failure causes warn without blocking', () => {
    it.each([
      ['zone-stock', { zoneInStock: undefined }, 'stable'],
      ['high-speed-under-load', { produceMBps: 250 }, 'high-speed'],
      ['max-message-bytes', { maxMessageBytes: 8_388_608 }, 'stable'],
      ['ports-may-change', {}, 'stable'],
      ['single-replica-topics', { topics: [{ name: 'scratch', partitions: 1, replicas: 1, statusCode: 0 }] }, 'stable'],
    ] as const)('%s', (id, preflight, mode) => {
      const i = planOne({ ...UPGRADE, upgrade: { rebalance: 'now', mode } }, POSTPAID, someFacts({ preflight: aPreflight(preflight) }));
      expect(i.action).toBe('upgrade');
      expect(i.checks.find((c) => c.id === id)?.status).toBe('warn');
    });
  });

  it('scale-down: warns to review usage, with figures when traffic is above the target', () => {
    const i = planOne({ bandwidthMBps: 100, allowScaleDown: true }, {}, someFacts({ preflight: aPreflight({ peakProduceMBps7d: 140 }) }));
    expect(i.action).toBe('scale-down');
    expect(i.checks.find((c) => c.id === 'scale-down-usage')).toMatchObject({
      status: 'warn',
      message: 'review at least 7 days of usage before lowering bandwidth 320 → 100 MB/s; peak produce traffic over 7 days was 140 MB/s, above the target 100 MB/s',
    });
  });

  it('missing facts: checks warn "not checked" and a fact error becomes a warning issue', () => {
    const i = planOne(UPGRADE, {}, { errors: [{ what: 'preflight', code: 'RequestLimitExceeded', message: 'too many requests' }] });
    expect(i.action).toBe('upgrade');
    expect(i.checks.find((c) => c.id === 'routes-healthy')?.message).toBe('not checked: the pre-check facts could not be gathered (RequestLimitExceeded: too many requests)');
    expect(i.issues).toEqual([
      expect.objectContaining({ code: 'plan/facts-unavailable', severity: 'warning', message: 'could not gather the pre-check facts (RequestLimitExceeded: too many requests)' }),
    ]);
    expect(i.migration.required).toBeNull();
  });

  it('a schedule it cannot read blocks a change (declarations built in code skip fleet validation)', () => {
    const window = { ...SHANGHAI_WEEKEND, timezone: 'Asia/Shangai' };
    const i = planOne({ ...UPGRADE, upgrade: { rebalance: { window }, mode: 'stable' } });
    expect(i).toMatchObject({ action: 'blocked', steps: [], checks: [] });
    expect(i.issues).toEqual([expect.objectContaining({ code: 'spec/unknown-timezone', path: 'instances[0].upgrade.rebalance.window.timezone' })]);
    expect(planOne({ upgrade: { rebalance: { window }, mode: 'stable' } }).action).toBe('none');
  });

  it('validation issues keep their declaration paths and file', () => {
    const i = planOne({ bandwidthMBps: 200 });
    expect(i.issues[0]).toMatchObject({ code: 'plan/scale-down-not-allowed', path: 'instances[0].bandwidthMBps', file: 'fleet.yaml' });
    expect(i.summary).toBe(`blocked: ${i.issues[0]?.message}`);
  });

  it('not found and ambiguous names are blocked with no observed state', () => {
    const plan = planFleet(
      {
        instances: [
          aDesired({ instanceId: 'ckafka-zzz99999', source: { path: 'instances[0]' } }),
          aDesired({ name: 'billing', instanceId: undefined, source: { path: 'instances[1]' } }),
        ],
      },
      [anObserved(), anObserved({ instanceId: 'ckafka-bbb22222', name: 'billing' }), anObserved({ instanceId: 'ckafka-ccc33333', name: 'billing' })],
      {},
      { now: NOW, cloudKind: 'tencent', capabilities: aCapabilities(), region: 'ap-guangzhou' },
    );
    expect(plan.instances.map((i) => [i.action, codes(i), i.fingerprint, i.observed.spec])).toEqual([
      ['blocked', ['plan/instance-not-found'], '', null],
      ['blocked', ['plan/instance-name-ambiguous'], '', null],
    ]);
    expect(plan.instances[1]?.instanceId).toBeNull();
    expect(plan.summary).toMatchObject({ blocked: 2, hasChanges: false, monthlyDelta: 0, verdict: '2 blocked' });
  });
});
