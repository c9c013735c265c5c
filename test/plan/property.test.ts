/**
 * Properties of the planner over random inputs (fast-check): it never plans a partition decrease,
 * plans `none` when nothing differs, starts a windowed change inside an occurrence of its window
 * (checked independently with Intl, across DST zones), and is deterministic.
 */
import fc from 'fast-check';
import { loadPlan } from '../../src/apply/load-plan';
import { planFleet, type Plan, type PlannedInstance } from '../../src/plan';
import { renderJson } from '../../src/render';
import { minDiskGB, minPartitions } from '../../src/spec/catalog';
import type { InstanceFacts, ObservedInstance } from '../../src/spec/observed';
import type { DesiredInstance, Edition, RebalancePolicy, RebalanceWindow, UpgradeMode, Weekday } from '../../src/spec/types';
import { aCapabilities, aDesired, anObserved, aPreflight } from '../support/builders';

const EDITIONS: readonly Edition[] = ['standard', 'advanced', 'pro'];
const INSTANCE_TYPE: Readonly<Record<Edition, string>> = { standard: 'standards2', advanced: 'premium', pro: 'profession' };
const DAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const ZONES = ['America/New_York', 'Europe/London', 'Australia/Sydney', 'America/Sao_Paulo', 'Asia/Shanghai', 'Asia/Kolkata', 'UTC'] as const;

// Plans from 2026 to 2028: every DST change of those years in the zones above is in range.
const instant = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2028, 11, 31) }).map((ms) => new Date(ms));
// Some nows land right on the DST changes, where wall-clock arithmetic goes wrong first.
const DST_EDGES = ['2026-03-08T06:30:00Z', '2026-03-29T00:30:00Z', '2026-10-25T00:30:00Z', '2026-11-01T05:30:00Z', '2026-04-05T15:30:00Z', '2026-10-03T15:30:00Z'].map((s) => Date.parse(s));
const aroundDst = fc.tuple(fc.constantFrom(...DST_EDGES), fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 })).map(([at, d]) => new Date(at + d));
const now = fc.oneof(instant, aroundDst);

const hhmm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45, 59)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const window: fc.Arbitrary<RebalanceWindow> = fc.record({
  days: fc.uniqueArray(fc.constantFrom(...DAYS), { minLength: 1, maxLength: 7 }),
  start: hhmm,
  end: hhmm,
  timezone: fc.constantFrom(...ZONES),
});
const policy: fc.Arbitrary<RebalancePolicy> = fc.oneof(
  fc.constant('now' as const),
  window.map((w) => ({ window: w })),
  instant.map((d) => ({ at: d.toISOString() })),
);
const mode = fc.constantFrom<UpgradeMode>('stable', 'high-speed');
const chargeType = fc.constantFrom('PREPAID' as const, 'POSTPAID_BY_HOUR' as const);

/** Any values, on and off the catalog's steps, so invalid declarations are covered too. */
const anySpec = fc.record({
  edition: fc.constantFrom(...EDITIONS),
  bandwidthMBps: fc.oneof(fc.integer({ min: 1, max: 60 }).map((k) => k * 20), fc.integer({ min: 1, max: 3000 })),
  diskGB: fc.oneof(fc.integer({ min: 1, max: 200 }).map((k) => k * 100), fc.integer({ min: 1, max: 30000 })),
  partitions: fc.oneof(fc.integer({ min: 1, max: 100 }).map((k) => k * 100), fc.integer({ min: 1, max: 12000 })),
});
/** Valid Pro specs (on step, at or above the tier minimums), so most changes get planned with steps. */
const validProSpec = fc
  .record({ bandwidth: fc.integer({ min: 1, max: 30 }), disk: fc.integer({ min: 0, max: 40 }), partitions: fc.integer({ min: 0, max: 20 }) })
  .map(({ bandwidth, disk, partitions }) => {
    const bandwidthMBps = bandwidth * 20;
    return {
      edition: 'pro' as Edition,
      bandwidthMBps,
      diskGB: Math.ceil(minDiskGB('pro', bandwidthMBps) / 100) * 100 + disk * 100,
      partitions: Math.ceil(minPartitions('pro', bandwidthMBps) / 100) * 100 + partitions * 100,
    };
  });
const spec = fc.oneof({ arbitrary: validProSpec, weight: 3 }, { arbitrary: anySpec, weight: 1 });

const facts: fc.Arbitrary<InstanceFacts | undefined> = fc.option(
  fc.record(
    {
      migration: fc.record({ required: fc.boolean() }),
      quote: fc.constant({ current: { currency: 'CNY', amount: 6147, per: 'month' as const }, target: { currency: 'CNY', amount: 7267, per: 'month' as const } }),
      preflight: fc.boolean().map((inSync) => aPreflight(inSync ? {} : { outOfSync: [{ topic: 'orders.v1', partitions: ['1'] }] })),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

function observedFrom(s: { edition: Edition; bandwidthMBps: number; diskGB: number; partitions: number }, extra: Partial<ObservedInstance> = {}): ObservedInstance {
  return anObserved({ edition: s.edition, instanceType: INSTANCE_TYPE[s.edition], bandwidthMBps: s.bandwidthMBps, diskGB: s.diskGB, partitions: s.partitions, ...extra });
}

function planOne(desired: DesiredInstance, observed: ObservedInstance, f: InstanceFacts | undefined, at: Date): PlannedInstance {
  const plan = planFleet({ region: 'ap-guangzhou', instances: [desired] }, [observed], f === undefined ? {} : { [observed.instanceId]: f }, {
    now: at,
    cloudKind: 'emulator',
    capabilities: aCapabilities(),
  });
  const [only] = plan.instances;
  if (only === undefined) throw new Error('no instance planned');
  return only;
}

/** Partition values the plan would write to the cloud. */
function submittedPartitions(p: PlannedInstance): number[] {
  return p.steps.flatMap((s) => (s.kind === 'change-spec' ? [s.partitions] : []));
}

describe('planner properties', () => {
  it('never plans a partition decrease', () => {
    fc.assert(
      fc.property(spec, spec, fc.boolean(), policy, mode, chargeType, facts, now, (want, have, allowScaleDown, rebalance, m, charge, f, at) => {
        const observed = observedFrom(have, { chargeType: charge, ...(charge === 'POSTPAID_BY_HOUR' ? { expiresAt: undefined } : {}) });
        const p = planOne(aDesired({ ...want, allowScaleDown, upgrade: { rebalance, mode: m } }), observed, f, at);
        for (const partitions of submittedPartitions(p)) expect(partitions).toBeGreaterThanOrEqual(have.partitions);
        if (want.partitions < have.partitions) expect(['blocked', 'none']).toContain(p.action);
        if (p.action === 'upgrade' || p.action === 'scale-down') expect(p.target.partitions).toBeGreaterThanOrEqual(have.partitions);
      }),
      { numRuns: 400 },
    );
  });

  it('plans none when the declared spec equals the observed one', () => {
    fc.assert(
      fc.property(spec, fc.boolean(), policy, mode, chargeType, facts, fc.constantFrom('running' as const, 'upgrading' as const), now, (s, allowScaleDown, rebalance, m, charge, f, status, at) => {
        const observed = observedFrom(s, { chargeType: charge, status, statusCode: status === 'running' ? 1 : 7 });
        const p = planOne(aDesired({ ...s, allowScaleDown, upgrade: { rebalance, mode: m } }), observed, f, at);
        expect(p.action).toBe('none');
        expect(p.changes).toEqual([]);
        expect(p.steps).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('starts a windowed change inside an occurrence of its window, in its time zone', () => {
    fc.assert(
      fc.property(window, mode, now, (w, m, at) => {
        const observed = anObserved();
        const desired = aDesired({ bandwidthMBps: 400, diskGB: 4000, partitions: 2000, upgrade: { rebalance: { window: w }, mode: m } });
        const p = planOne(desired, observed, { migration: { required: true }, preflight: aPreflight() }, at);
        expect(p.schedule.kind).toBe('window');
        const startsAt = p.schedule.startsAt;
        expect(startsAt).not.toBeNull();
        const start = new Date(startsAt as string);
        expect(start.getTime()).toBeGreaterThanOrEqual(at.getTime());
        // A weekly window with at least one day opens within a week (plus a DST hour).
        expect(start.getTime() - at.getTime()).toBeLessThanOrEqual(8 * 86_400_000);
        expect(insideWindow(w, start)).toBe(true);
        if (p.schedule.endsAt !== undefined) expect(Date.parse(p.schedule.endsAt)).toBeGreaterThan(start.getTime());
        // Already inside the window: it starts now, not at the next opening. (Not asserted near a
        // DST change: a wall time repeated by a fall-back change belongs to its first pass only.)
        if (insideWindow(w, at) && !nearDstChange(w.timezone, at)) expect(start.getTime()).toBe(at.getTime());
      }),
      { numRuns: 600 },
    );
  });

  it('is deterministic: the same inputs give byte-identical JSON, whatever order the cloud listed the instances in', () => {
    const instanceInputs = fc.uniqueArray(
      fc.record({ n: fc.integer({ min: 0, max: 99 }), want: spec, have: spec, rebalance: policy, mode, charge: chargeType, f: facts, allowScaleDown: fc.boolean() }),
      { minLength: 1, maxLength: 6, selector: (r) => r.n },
    );
    fc.assert(
      fc.property(instanceInputs, now, fc.integer(), (inputs, at, shuffleSeed) => {
        const id = (n: number): string => `ckafka-prop${String(n).padStart(4, '0')}`;
        const desired = inputs.map((r, k) =>
          aDesired({ ...r.want, name: `svc-${r.n}`, instanceId: id(r.n), allowScaleDown: r.allowScaleDown, upgrade: { rebalance: r.rebalance, mode: r.mode }, source: { file: 'fleet.yaml', path: `instances[${k}]` } }),
        );
        const observed = inputs.map((r) => observedFrom(r.have, { instanceId: id(r.n), name: `svc-${r.n}`, chargeType: r.charge }));
        const factsById: Record<string, InstanceFacts> = {};
        for (const r of inputs) if (r.f !== undefined) factsById[id(r.n)] = r.f;
        const run = (obs: readonly ObservedInstance[], fs: Record<string, InstanceFacts>): Plan =>
          planFleet({ region: 'ap-guangzhou', instances: structuredClone(desired) }, structuredClone(obs), structuredClone(fs), { now: new Date(at.getTime()), cloudKind: 'emulator', capabilities: aCapabilities() });
        const first = renderJson(run(observed, factsById));
        expect(renderJson(run(observed, factsById))).toBe(first);
        // Same facts, other orders: the cloud's listing order and the facts' key order must not matter.
        const shuffled = shuffle(observed, shuffleSeed);
        const reKeyed = Object.fromEntries(shuffle(Object.entries(factsById), shuffleSeed + 1));
        expect(renderJson(run(shuffled, reKeyed))).toBe(first);
      }),
      { numRuns: 200 },
    );
  });

  it('writes only plans that load: the strict schema and every consistency rule hold', () => {
    const instanceInputs = fc.uniqueArray(
      fc.record({
        n: fc.integer({ min: 0, max: 99 }),
        want: spec,
        have: spec,
        rebalance: policy,
        mode,
        charge: chargeType,
        f: facts,
        allowScaleDown: fc.boolean(),
        byName: fc.boolean(),
        terraform: fc.boolean(),
        // A task already scheduled in the cloud, from a day before `now` to a week after.
        pendingInHours: fc.option(fc.integer({ min: -24, max: 24 * 7 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 5, selector: (r) => r.n },
    );
    fc.assert(
      fc.property(instanceInputs, now, fc.boolean(), (inputs, at, conversionByApi) => {
        const id = (n: number): string => `ckafka-prop${String(n).padStart(4, '0')}`;
        const desired = inputs.map((r, k) =>
          aDesired({
            ...r.want,
            name: `svc-${r.n}`,
            ...(r.byName ? { instanceId: undefined } : { instanceId: id(r.n) }),
            allowScaleDown: r.allowScaleDown,
            upgrade: { rebalance: r.rebalance, mode: r.mode },
            ...(r.terraform ? { specOwner: 'terraform' as const } : {}),
            source: { file: 'fleet.yaml', path: `instances[${k}]` },
          }),
        );
        const observed = inputs.map((r) =>
          observedFrom(r.have, {
            instanceId: id(r.n),
            name: `svc-${r.n}`,
            chargeType: r.charge,
            ...(r.pendingInHours === undefined ? {} : { rebalanceAt: new Date(at.getTime() + r.pendingInHours * 3_600_000).toISOString() }),
          }),
        );
        const factsById: Record<string, InstanceFacts> = {};
        for (const r of inputs) if (r.f !== undefined) factsById[id(r.n)] = r.f;
        const plan = planFleet({ region: 'ap-guangzhou', instances: desired }, observed, factsById, { now: at, cloudKind: 'emulator', capabilities: aCapabilities({ editionConversionByApi: conversionByApi }) });
        expect(loadPlan(renderJson(plan), 'plan.json').issues).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('the independent window check agrees with known cases around DST changes', () => {
    // Sunday 2026-03-08, New York: 02:00 EST jumps to 03:00 EDT; a 02:30–04:00 window opens at 03:00 EDT.
    const ny: RebalanceWindow = { days: ['sun'], start: '02:30', end: '04:00', timezone: 'America/New_York' };
    expect(insideWindow(ny, new Date('2026-03-08T07:00:00Z'))).toBe(true); // Sunday 03:00 EDT
    expect(insideWindow(ny, new Date('2026-03-08T08:00:00Z'))).toBe(false); // Sunday 04:00 EDT
    expect(insideWindow(ny, new Date('2026-03-07T07:30:00Z'))).toBe(false); // Saturday 02:30 EST
    const planned = planOne(
      aDesired({ bandwidthMBps: 400, diskGB: 4000, partitions: 2000, upgrade: { rebalance: { window: ny }, mode: 'stable' } }),
      anObserved(),
      { migration: { required: true }, preflight: aPreflight() },
      new Date('2026-03-07T12:00:00Z'),
    );
    expect(planned.schedule.startsAt).toBe('2026-03-08T07:00:00.000Z');
    // Sunday 2026-10-25, London: 02:00 BST falls back to 01:00 GMT; an overnight window Saturday 23:00–02:00.
    const london: RebalanceWindow = { days: ['sat'], start: '23:00', end: '02:00', timezone: 'Europe/London' };
    expect(insideWindow(london, new Date('2026-10-24T22:00:00Z'))).toBe(true); // Saturday 23:00 BST
    expect(insideWindow(london, new Date('2026-10-25T01:30:00Z'))).toBe(true); // Sunday 01:30 GMT (second pass)
    expect(insideWindow(london, new Date('2026-10-25T02:00:00Z'))).toBe(false); // Sunday 02:00 GMT
    expect(nearDstChange('Europe/London', new Date('2026-10-25T01:30:00Z'))).toBe(true);
    expect(nearDstChange('Asia/Shanghai', new Date('2026-10-25T01:30:00Z'))).toBe(false);
  });
});

/** A deterministic Fisher–Yates shuffle. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const WEEKDAY_INDEX: Readonly<Record<string, number>> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Local weekday (0 = Monday) and seconds since local midnight of `at` in `timeZone`, read with Intl. */
function localTime(at: Date, timeZone: string): { day: number; seconds: number } {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  return { day: WEEKDAY_INDEX[parts.weekday ?? ''] ?? -1, seconds: Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second) };
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes east of UTC in `timeZone` at `at`, read with Intl. */
function utcOffsetMinutes(timeZone: string, at: Date): number {
  let f = offsetFormatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    offsetFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, Number(x.value)]));
  const local = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return Math.round((local - Math.floor(at.getTime() / 1000) * 1000) / 60000);
}

/** Whether the zone's UTC offset changes within a day and a bit of `at` (windows last at most a day). */
function nearDstChange(timeZone: string, at: Date): boolean {
  const span = 26 * 3_600_000;
  return utcOffsetMinutes(timeZone, new Date(at.getTime() - span)) !== utcOffsetMinutes(timeZone, new Date(at.getTime() + span));
}

function seconds(hhmmText: string): number {
  const [h = '0', m = '0'] = hhmmText.split(':');
  return Number(h) * 3600 + Number(m) * 60;
}

/**
 * Whether `at` is inside an occurrence of `w`, judged on local wall time only: on a window day
 * from `start`, until `end` that day, or, for an overnight window (end not after start), until
 * `end` on the next day. Independent of the planner's own zoned-time code.
 */
function insideWindow(w: RebalanceWindow, at: Date): boolean {
  const { day, seconds: t } = localTime(at, w.timezone);
  const days = new Set(w.days.map((d) => DAYS.indexOf(d)));
  const start = seconds(w.start);
  const end = seconds(w.end);
  if (end > start) return days.has(day) && t >= start && t < end;
  const previous = (day + 6) % 7;
  return (days.has(day) && t >= start) || (days.has(previous) && t < end);
}
