/**
 * Plans for the renderer tests, made by `planFleet` from declared inputs (_declare-fleet.ts): a
 * fleet that needs nothing, and one instance for each kind of change a reviewer meets, each
 * declared as a fleet file would declare it, observed as the cloud reports it, with the facts the
 * adapter gathers. So the golden files show what the planner writes, and a planner change shows in
 * them. Two fixtures are made differently, each with its reason: the hostile fleet, and the copies
 * that fill the large fleets.
 */
import type { Plan, PlannedInstance } from '../../src/plan/types';
import type { ObservedInstance, PreflightFacts } from '../../src/spec/observed';
import type { RebalanceWindow, SpecValues } from '../../src/spec/types';
import { BERLIN_WINDOW, FLEET_FILE, TENCENT_CAPABILITIES, WEEKEND_WINDOW, aPlan, declare, declared, observe, planDeclared, spec, topics, type Declared } from './_declare-fleet';

export { BERLIN_WINDOW, NOW, TENCENT_CAPABILITIES, WEEKEND_WINDOW, aPlan, planDeclared, type Declared } from './_declare-fleet';

// Each declaration planned once per module; every caller gets its own copy to change.
const plannedOnce = new WeakMap<Declared, PlannedInstance>();

/** `declared` planned alone at NOW on Tencent Cloud. */
function plannedOne(declared: Declared): PlannedInstance {
  let planned = plannedOnce.get(declared);
  if (planned === undefined) {
    [planned] = planDeclared([declared]).instances;
    if (planned === undefined) throw new Error(`${declared.desired.name} was not planned`);
    plannedOnce.set(declared, planned);
  }
  return structuredClone(planned);
}

// The kinds of change, declared.

/** Bandwidth, disk and partitions up on a prepaid instance: data migrates in the weekend window, in the cloud's default mode. */
export const ORDERS: Declared = declared(
  declare('orders', 'ckafka-abc12345', spec('pro', 240, 4000, 1600)),
  observe('orders', 'ckafka-abc12345', spec('pro', 200, 3000, 1400), {
    endpoints: [
      { vip: '10.0.1.12', vport: '9092' },
      { vip: '10.0.1.13', vport: '9092' },
    ],
  }),
  {
    migration: { required: true, modifyType: 1 },
    preflight: {
      topics: topics([
        { name: 'audit-log', partitions: 3, replicas: 1, statusCode: 0 },
        { name: 'tmp-export', partitions: 1, replicas: 1, statusCode: 0 },
        { name: 'debug', partitions: 1, replicas: 1, statusCode: 0 },
      ]),
      diskUsedGB: 500,
      produceMBps: 20,
      peakProduceMBps7d: 30,
    },
  },
);

/** Disk only, no migration: applied at once whatever the window says. */
export const METRICS: Declared = declared(
  declare('metrics', 'ckafka-met00001', spec('pro', 160, 3000, 1200), { index: 2 }),
  observe('metrics', 'ckafka-met00001', spec('pro', 160, 2000, 1200), { endpoints: [{ vip: '10.0.2.7', vport: '9092' }], expiresAt: '2026-12-03T16:00:00.000Z' }),
  { migration: { required: false, modifyType: 2 }, preflight: { diskUsedGB: 900 } },
);

/** Blocked by out-of-sync replicas: the change is shown, nothing will be submitted. */
export const BILLING: Declared = declared(
  declare('billing', 'ckafka-bil00001', spec('pro', 160, 1000, 1200), { index: 3 }),
  observe('billing', 'ckafka-bil00001', spec('pro', 120, 1000, 1200), { endpoints: [{ vip: '10.0.3.4', vport: '9092' }], expiresAt: '2026-12-10T16:00:00.000Z' }),
  {
    migration: { required: true, modifyType: 1 },
    preflight: {
      outOfSync: [
        { topic: 'payments-ledger', partitions: ['0', '4'] },
        { topic: 'refunds', partitions: ['2'] },
      ],
      diskUsedGB: 120,
    },
  },
);

/** Postpaid, so the declared high-speed mode is honoured; starts at a declared time, under heavy traffic. */
export const EVENTS: Declared = declared(
  declare('events', 'ckafka-evt00001', spec('pro', 600, 9000, 2400), { index: 4, rebalance: { at: '2026-12-05T18:00:00Z' }, mode: 'high-speed' }),
  observe('events', 'ckafka-evt00001', spec('pro', 400, 6000, 2000), { chargeType: 'POSTPAID_BY_HOUR', expiresAt: undefined, endpoints: [{ vip: '10.0.4.2', vport: '9092' }] }),
  {
    migration: { required: true, modifyType: 1 },
    quote: { current: { currency: 'CNY', amount: 26.12, per: 'hour' }, target: { currency: 'CNY', amount: 37.92, per: 'hour' } },
    preflight: { diskUsedGB: 1800, produceMBps: 240, peakProduceMBps7d: 310 },
  },
);

/** A permitted scale-down of a postpaid instance, close to its 7-day peak. */
export const ANALYTICS: Declared = declared(
  declare('analytics', 'ckafka-ana00001', spec('pro', 400, 6000, 2400), { index: 6, allowScaleDown: true }),
  observe('analytics', 'ckafka-ana00001', spec('pro', 600, 8000, 2400), { chargeType: 'POSTPAID_BY_HOUR', expiresAt: undefined, endpoints: [{ vip: '10.0.5.9', vport: '9092' }] }),
  {
    migration: { required: true, modifyType: 1 },
    quote: { current: { currency: 'CNY', amount: 35.42, per: 'hour' }, target: { currency: 'CNY', amount: 27.36, per: 'hour' } },
    preflight: { diskUsedGB: 1500, produceMBps: 40, peakProduceMBps7d: 60 },
  },
);

/** Standard → Pro: the public API cannot convert editions, so the plan carries a manual step. */
export const LEGACY: Declared = declared(
  declare('legacy', 'ckafka-leg00001', spec('pro', 160, 1000, 1200), { index: 7 }),
  observe('legacy', 'ckafka-leg00001', spec('standard', 100, 500, 100), { endpoints: [{ vip: '10.0.6.3', vport: '9092' }] }),
  { preflight: { diskUsedGB: 200 } },
);

/** Declared, but no such instance in the region. */
export const GHOST: Declared = { desired: declare('ghost', 'ckafka-zzz99999', spec('pro', 200, 2000, 1400), { index: 8 }) };

/** Three instances already at their declared spec. */
export const UNCHANGED: readonly Declared[] = [
  ['payments', 'ckafka-pay00001', spec('pro', 100, 1000, 900), 1],
  ['search', 'ckafka-src00001', spec('advanced', 200, 2000, 1400), 5],
  ['logs', 'ckafka-log00001', spec('pro', 60, 500, 900), 9],
].map(([name, id, s, index]) => ({ desired: declare(name as string, id as string, s as SpecValues, { index: index as number }), observed: observe(name as string, id as string, s as SpecValues) }));

export const ordersUpgrade = (): PlannedInstance => plannedOne(ORDERS);
export const metricsDiskOnly = (): PlannedInstance => plannedOne(METRICS);
export const billingBlocked = (): PlannedInstance => plannedOne(BILLING);
export const eventsHighSpeed = (): PlannedInstance => plannedOne(EVENTS);
export const analyticsScaleDown = (): PlannedInstance => plannedOne(ANALYTICS);
export const legacyConversion = (): PlannedInstance => plannedOne(LEGACY);
export const ghostNotFound = (): PlannedInstance => plannedOne(GHOST);

/** An instance at rest with `name` and `instanceId` (any text: the renderer must take it). */
export function anInstance(overrides: Partial<PlannedInstance> & Pick<PlannedInstance, 'name'>): PlannedInstance {
  const [payments] = UNCHANGED;
  return { ...plannedOne(payments as Declared), ...overrides };
}

export const noChangesPlan = (): Plan => planDeclared(UNCHANGED);
export const windowMigrationPlan = (): Plan => planDeclared([ORDERS]);
export const diskOnlyPlan = (): Plan => planDeclared([METRICS]);
export const blockedPlan = (): Plan => planDeclared([BILLING]);
export const postpaidHighSpeedPlan = (): Plan => planDeclared([EVENTS]);
export const scaleDownPlan = (): Plan => planDeclared([ANALYTICS]);
export const editionConversionPlan = (): Plan => planDeclared([LEGACY]);
export const notFoundPlan = (): Plan => planDeclared([GHOST]);

/**
 * The orders upgrade planned on the emulator on Saturday 02:00 in Shanghai, inside its window
 * (which must hold the change), as the CLI's first run on a fresh clone plans it.
 */
export function emulatorInsideWindowPlan(): Plan {
  const window = { ...WEEKEND_WINDOW, mustFinishInside: true };
  return planDeclared([{ ...ORDERS, desired: { ...ORDERS.desired, upgrade: { ...ORDERS.desired.upgrade, rebalance: { window } } } }], { now: '2026-11-27T18:00:00.000Z', cloudKind: 'emulator' });
}

/** A production fleet with every kind of change at once: what a reviewer usually sees. */
export function mixedFleetPlan(): Plan {
  const [payments, search, logs] = UNCHANGED as [Declared, Declared, Declared];
  return planDeclared([ORDERS, payments, METRICS, BILLING, EVENTS, search, ANALYTICS, LEGACY, GHOST, logs]);
}

/**
 * Changes that wait for windows in two time zones, one that would run past its window (so the
 * window-fits check fails and blocks it), one that runs long at once, and one that migrates nothing.
 */
export function timelinePlan(): Plan {
  const batch = declared(
    declare('batch', 'ckafka-bat00001', spec('pro', 240, 4000, 1600), { index: 1, rebalance: { window: { ...WEEKEND_WINDOW, mustFinishInside: true } } }),
    observe('batch', 'ckafka-bat00001', spec('pro', 200, 3000, 1400)),
    { migration: { required: true, modifyType: 1 }, preflight: { diskUsedGB: 1000 } },
  );
  const euAnalytics: Declared = {
    desired: { ...ANALYTICS.desired, name: 'eu-analytics', instanceId: 'ckafka-eua00001', upgrade: { rebalance: { window: BERLIN_WINDOW }, mode: 'stable' }, source: { file: FLEET_FILE, path: 'instances[2]' } },
    observed: { ...(ANALYTICS.observed as ObservedInstance), name: 'eu-analytics', instanceId: 'ckafka-eua00001' },
    ...(ANALYTICS.facts === undefined ? {} : { facts: ANALYTICS.facts }),
  };
  const clicks: Declared = {
    desired: { ...EVENTS.desired, name: 'clicks', instanceId: 'ckafka-clk00001', upgrade: { rebalance: 'now', mode: 'high-speed' }, source: { file: FLEET_FILE, path: 'instances[3]' } },
    observed: { ...(EVENTS.observed as ObservedInstance), name: 'clicks', instanceId: 'ckafka-clk00001' },
    ...(EVENTS.facts === undefined ? {} : { facts: EVENTS.facts }),
  };
  return planDeclared([ORDERS, batch, euAnalytics, clicks, METRICS]);
}

/** Strings that try to break out of a table, inject HTML or markdown, or ping people. */
export const HOSTILE = {
  img: '<img src=x onerror=alert(1)>',
  pipes: 'a|b||c\\|d',
  backticks: '``` `rm -rf /` ```',
  emphasis: '*bold* _it_ **x** ~~gone~~',
  link: '[link](javascript:x)',
  details: '</details><details open><summary>pwn</summary>',
  newlines: 'line one\nline two\r\n\n- item\n# heading\n> quote\n1. first\n    indented',
  mention: '@octocat and @org/team see #123',
  comment: '<!-- ckafka-iac plan: prod --> -->',
  terminal: '\u001b[31mred\u001b[0m\u0007bell',
  bidi: 'admin\u202Etxt.exe',
  entity: '&lt;script&gt; &amp; "quoted"',
  math: '$\\sqrt{x}$ costs $5',
} as const;

const ALL_HOSTILE = Object.values(HOSTILE).join(' ');

/**
 * A fleet whose names, ids, messages, hints, paths, notes, endpoints, steps, currency, cloud,
 * region and digest are all hostile. Written over planned instances by hand, because `planFleet`
 * writes most of these fields itself: what it is given (names, ids, topic names, paths) can be
 * hostile, but a plan file read back (`ckafka apply`, a queued plan) can hold anything in any
 * field, and the renderer must neutralise every one.
 */
export function hostilePlan(): Plan {
  const evilId = `ckafka-${HOSTILE.img}|${HOSTILE.backticks}`;
  const base = ordersUpgrade();
  const evil: PlannedInstance = {
    ...base,
    name: `${HOSTILE.img} | ${HOSTILE.mention} ${HOSTILE.emphasis}`,
    instanceId: evilId,
    summary: ALL_HOSTILE,
    changes: [
      { field: 'bandwidthMBps', from: 200, to: 240, unit: 'MB/s' },
      { field: 'edition', from: HOSTILE.img, to: `pro|${HOSTILE.link}`, unit: '' },
    ],
    migration: { required: true, estimatedSeconds: 3600, mode: 'high-speed', modeSelectable: true, basis: HOSTILE.newlines },
    schedule: {
      kind: 'window',
      startsAt: '2026-11-27T17:00:00.000Z',
      endsAt: '2026-11-27T22:00:00.000Z',
      window: { days: ['sat'], start: '01:00', end: '05:00', timezone: `Asia/${HOSTILE.img}` },
      note: HOSTILE.details,
      pendingAt: '2026-11-28T18:00:00.000Z',
    },
    cost: { currency: `CNY${HOSTILE.pipes}${HOSTILE.terminal}`, source: 'quote', currentMonthly: 1, targetMonthly: 2, monthlyDelta: 1, hourlyDelta: 0.01, note: HOSTILE.mention },
    checks: [
      { id: 'ports-may-change', status: 'warn', message: HOSTILE.pipes, hint: HOSTILE.link },
      { id: 'replicas-in-sync', status: 'fail', message: HOSTILE.backticks, hint: HOSTILE.comment },
      { id: 'routes-healthy', status: 'pass', message: HOSTILE.entity },
    ],
    steps: [
      { kind: 'wait', until: 'schedule', description: HOSTILE.newlines },
      { kind: 'change-spec', bandwidthMBps: 240, diskGB: 4000, partitions: 1600, mode: 'high-speed', description: HOSTILE.emphasis },
      { kind: 'retime', at: new Date(1795888800 * 1000).toISOString(), description: HOSTILE.math },
      { kind: 'manual', description: HOSTILE.details, consolePath: `${HOSTILE.link} › ${HOSTILE.img}` },
    ],
    issues: [{ code: 'plan/check-failed', severity: 'error', path: `instances[0]${HOSTILE.pipes}`, file: HOSTILE.img, line: 1, message: HOSTILE.terminal, hint: HOSTILE.bidi }],
    observed: { ...base.observed, name: HOSTILE.terminal, chargeType: 'POSTPAID_BY_HOUR', rebalanceAt: '2026-11-28T18:00:00.000Z', endpoints: [{ vip: HOSTILE.img, vport: `9092|${HOSTILE.mention}` }] },
    fingerprint: `${base.fingerprint}${HOSTILE.backticks}`,
  };
  const quiet = anInstance({ name: `${HOSTILE.newlines} ${HOSTILE.terminal} ${HOSTILE.bidi}`, instanceId: HOSTILE.comment });
  const blank = anInstance({ name: '   ', instanceId: null });
  const plan = aPlan([evil, quiet, blank], { region: `${HOSTILE.pipes}${HOSTILE.terminal}`, cloud: { kind: HOSTILE.link, capabilities: TENCENT_CAPABILITIES } });
  return { ...plan, summary: { ...plan.summary, verdict: `${plan.summary.verdict} ${HOSTILE.mention} ${HOSTILE.img}` }, digest: `sha256:${HOSTILE.backticks}` };
}

/** A copy of a planned instance under another name and id (its fingerprint, of what the cloud reported, kept). */
function renamed(instance: PlannedInstance, name: string, n: number): PlannedInstance {
  return { ...instance, name, instanceId: `ckafka-${String(n).padStart(8, '0')}` };
}

/**
 * A fleet of `size` instances, one in `changedEvery` changing (cycling through the kinds of
 * change), the rest unchanged: for the comment length limit. Each kind is planned once and copied
 * under generated names and ids: the limit is about the size of the rendering, and planning
 * 2,000 instances one by one would take seconds per test for the same shapes.
 */
export function largeFleetPlan(size: number, changedEvery = 10): Plan {
  const kinds = planDeclared([ORDERS, METRICS, BILLING, EVENTS, ANALYTICS, LEGACY, GHOST]).instances;
  const [atRest] = noChangesPlan().instances as [PlannedInstance];
  const instances: PlannedInstance[] = [];
  for (let i = 0; i < size; i++) {
    const name = `fleet-${String(i).padStart(4, '0')}`;
    const kind = i % changedEvery === 0 ? kinds[(i / changedEvery) % kinds.length] : atRest;
    instances.push(renamed(kind ?? atRest, name, i));
  }
  return aPlan(instances);
}

const openingFormats = new Map<string, Intl.DateTimeFormat>();

/** The weekday and hh:mm of `instant` in `timezone`. */
function localOpening(instant: number, timezone: string): { day: RebalanceWindow['days'][number]; hour: number } {
  let format = openingFormats.get(timezone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, weekday: 'short', hour: '2-digit', hourCycle: 'h23' });
    openingFormats.set(timezone, format);
  }
  const parts = format.formatToParts(new Date(instant));
  const day = (parts.find((p) => p.type === 'weekday')?.value ?? '').toLowerCase() as RebalanceWindow['days'][number];
  return { day, hour: Number(parts.find((p) => p.type === 'hour')?.value) };
}

/**
 * A fleet of `size` instances that all change, starting in `starts` different window openings
 * one hour apart from Sat 2026-11-28 01:00 in Shanghai, declared in turn as Shanghai and Berlin
 * windows of 5 hours: for a timeline that must group and cut. One in seven is blocked by
 * out-of-sync replicas; the data held, and so the estimate, varies from instance to instance.
 */
export function largeTimelinePlan(size: number, starts = 40): Plan {
  const firstOpening = Date.parse('2026-11-27T17:00:00.000Z');
  const declared = Array.from({ length: size }, (_, i): Declared => {
    const slot = i % starts;
    const timezone = slot % 2 === 0 ? 'Asia/Shanghai' : 'Europe/Berlin';
    const { day, hour } = localOpening(firstOpening + slot * 3600_000, timezone);
    const window: RebalanceWindow = { days: [day], start: `${String(hour).padStart(2, '0')}:00`, end: `${String((hour + 5) % 24).padStart(2, '0')}:00`, timezone };
    const base = i % 7 === 3 ? BILLING : ORDERS;
    const name = `svc-${String(i).padStart(3, '0')}`;
    const instanceId = `ckafka-svc${String(i).padStart(5, '0')}`;
    return {
      desired: { ...base.desired, name, instanceId, upgrade: { rebalance: { window }, mode: 'stable' }, source: { file: FLEET_FILE, path: `instances[${i}]` } },
      observed: { ...(base.observed as ObservedInstance), name, instanceId },
      facts: { ...base.facts, preflight: { ...(base.facts?.preflight as PreflightFacts), diskUsedGB: 50 + (i % 9) * 60 } },
    };
  });
  return planDeclared(declared);
}

/** Every fixture with a golden file, by file stem. */
export const GOLDEN_FIXTURES: ReadonlyArray<readonly [string, () => Plan]> = [
  ['no-changes', noChangesPlan],
  ['window-migration', windowMigrationPlan],
  ['emulator-inside-window', emulatorInsideWindowPlan],
  ['disk-only', diskOnlyPlan],
  ['blocked', blockedPlan],
  ['postpaid-high-speed', postpaidHighSpeedPlan],
  ['scale-down', scaleDownPlan],
  ['edition-conversion', editionConversionPlan],
  ['not-found', notFoundPlan],
  ['mixed-fleet', mixedFleetPlan],
  ['hostile', hostilePlan],
  ['timeline', timelinePlan],
];
