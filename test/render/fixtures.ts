/**
 * Hand-built plans for the renderer tests, shaped as the planner makes them: a fleet that needs
 * nothing, and one instance for each kind of change a reviewer meets, plus a hostile fleet and a
 * very large one. Prices follow the catalog's list prices; times follow NOW.
 */
import type { Plan, PlanCheck, PlannedInstance, CheckId, PlanSummary } from '../../src/plan/types';
import type { CloudCapabilities } from '../../src/spec/observed';
import type { RebalanceWindow, SpecValues } from '../../src/spec/types';

/** The plan's `now`: Tuesday 2026-11-24, 10:00 in Shanghai. */
export const NOW = '2026-11-24T02:00:00.000Z';

/** Weekend nights in Shanghai; the next opening after NOW is Sat 2026-11-28 01:00 +08:00. */
export const WEEKEND_WINDOW: RebalanceWindow = { days: ['sat', 'sun'], start: '01:00', end: '06:00', timezone: 'Asia/Shanghai' };
const NEXT_WINDOW = { startsAt: '2026-11-27T17:00:00.000Z', endsAt: '2026-11-27T22:00:00.000Z' };

export const TENCENT_CAPABILITIES: CloudCapabilities = {
  modeSelectable: { PREPAID: false, POSTPAID_BY_HOUR: true },
  editionConversionByApi: false,
  migrationEstimates: false,
  usageMetrics: true,
};

/** A stable fake sha256 (FNV-1a, repeated): fixtures need distinct, deterministic hashes, not real ones. */
export function fakeHash(seed: string): string {
  let out = '';
  for (let round = 0; out.length < 64; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

const spec = (edition: SpecValues['edition'], bandwidthMBps: number, diskGB: number, partitions: number): SpecValues => ({
  edition,
  bandwidthMBps,
  diskGB,
  partitions,
});

/** Passing checks with the messages the planner writes. */
export function passing(...ids: CheckId[]): PlanCheck[] {
  const messages: Partial<Record<CheckId, string>> = {
    'routes-healthy': 'all 2 routes are healthy',
    'replicas-in-sync': 'no out-of-sync replicas in 48 topics',
    'no-unfinished-tasks': 'no task is running or scheduled on the instance',
    'topics-healthy': 'all 48 topics are healthy',
    'zone-stock': 'ap-guangzhou-3 has stock for the target spec',
    'max-message-bytes': 'MaxMessageByte is 1048576 (1 MB), the size the new brokers accept',
    'single-replica-topics': 'every topic has 2 or more replicas',
  };
  return ids.map((id) => ({ id, status: 'pass', message: messages[id] ?? `${id} passed` }));
}

const PORTS_MAY_CHANGE: PlanCheck = {
  id: 'ports-may-change',
  status: 'warn',
  message: 'the migration may change the ports of 2 endpoints; the addresses stay the same',
  hint: 'clients and firewall rules that pin ports must accept the new ones; connect through the endpoint address',
};

/** A prepaid Pro instance at rest: the base every builder starts from. */
export function anInstance(overrides: Partial<PlannedInstance> & Pick<PlannedInstance, 'name'>): PlannedInstance {
  const target = overrides.target ?? spec('pro', 100, 1000, 900);
  const base: PlannedInstance = {
    name: overrides.name,
    instanceId: `ckafka-${fakeHash(overrides.name).slice(0, 8)}`,
    action: 'none',
    summary: 'matches the declared spec',
    target,
    changes: [],
    migration: { required: false, estimatedSeconds: null, mode: null, modeSelectable: false, basis: '' },
    schedule: { kind: 'now', startsAt: NOW, note: 'nothing to change' },
    cost: null,
    checks: [],
    steps: [],
    issues: [],
    observed: {
      name: overrides.name,
      spec: target,
      statusCode: 1,
      chargeType: 'PREPAID',
      rebalanceAt: null,
      endpoints: [{ vip: '10.0.1.20', vport: '9092' }],
    },
    fingerprint: fakeHash(`observed:${overrides.name}`),
  };
  return { ...base, ...overrides };
}

/** Bandwidth, disk and partitions up on a prepaid instance; data migrates in the weekend window, stable mode assumed. */
export function ordersUpgrade(): PlannedInstance {
  const id = 'ckafka-abc12345';
  return anInstance({
    name: 'orders',
    instanceId: id,
    action: 'upgrade',
    summary: 'raise bandwidth 200 → 240 MB/s, disk 3000 → 4000 GB and partitions 1400 → 1600; data migrates in the weekend window',
    target: spec('pro', 240, 4000, 1600),
    changes: [
      { field: 'bandwidthMBps', from: 200, to: 240, unit: 'MB/s' },
      { field: 'diskGB', from: 3000, to: 4000, unit: 'GB' },
      { field: 'partitions', from: 1400, to: 1600, unit: 'partitions' },
    ],
    migration: {
      required: true,
      estimatedSeconds: 16620,
      mode: 'stable',
      modeSelectable: false,
      basis: 'estimate: 2,400 GB stored (replicas included) moved at about 150 MB/s, the stable-mode throttle assumed for a 200 MB/s instance',
    },
    schedule: {
      kind: 'window',
      ...NEXT_WINDOW,
      window: WEEKEND_WINDOW,
      note: 'data migrates, so apply submits the change only inside the declared window',
    },
    cost: {
      currency: 'CNY',
      source: 'list-price',
      currentMonthly: 5595,
      targetMonthly: 6529,
      monthlyDelta: 934,
      proratedCharge: { amount: 653.8, days: 21, until: '2026-12-15T16:00:00.000Z' },
      note: 'public list prices; your bill carries your discounts',
    },
    checks: [
      ...passing('routes-healthy', 'replicas-in-sync', 'no-unfinished-tasks', 'topics-healthy', 'zone-stock', 'max-message-bytes'),
      PORTS_MAY_CHANGE,
      {
        id: 'single-replica-topics',
        status: 'warn',
        message: '3 topics have one replica and are unavailable while their partitions move: audit-log, tmp-export, debug',
        hint: 'raise their replica count to 2 or more before the window, or accept the outage',
      },
      { id: 'window-fits', status: 'pass', message: 'the ~4h 37m estimate fits the 5h window' },
    ],
    steps: [
      { kind: 'wait', until: 'schedule', description: 'until the window opens Sat 2026-11-28 01:00 Asia/Shanghai' },
      {
        kind: 'change-spec',
        bandwidthMBps: 240,
        diskGB: 4000,
        partitions: 1600,
        mode: 'stable',
        description: 'change the spec; prepaid changes take no mode or time, the cloud applies its default',
      },
      { kind: 'wait', until: 'migration', description: 'until the instance runs at the target spec' },
    ],
    observed: {
      name: 'orders',
      spec: spec('pro', 200, 3000, 1400),
      statusCode: 1,
      chargeType: 'PREPAID',
      rebalanceAt: null,
      endpoints: [
        { vip: '10.0.1.12', vport: '9092' },
        { vip: '10.0.1.13', vport: '9092' },
      ],
    },
  });
}

/** Disk only, no migration: applied at once whatever the window says. */
export function metricsDiskOnly(): PlannedInstance {
  const id = 'ckafka-met00001';
  return anInstance({
    name: 'metrics',
    instanceId: id,
    action: 'upgrade',
    summary: 'grow disk 2000 → 3000 GB; no data migrates, so it is applied at once',
    target: spec('pro', 160, 3000, 1200),
    changes: [{ field: 'diskGB', from: 2000, to: 3000, unit: 'GB' }],
    migration: {
      required: false,
      estimatedSeconds: null,
      mode: null,
      modeSelectable: false,
      basis: 'the cloud reports that this change moves no data (DescribeModifyType)',
    },
    schedule: { kind: 'now', startsAt: NOW, note: 'no data migrates, so the window does not apply' },
    cost: {
      currency: 'CNY',
      source: 'list-price',
      currentMonthly: 4661,
      targetMonthly: 5011,
      monthlyDelta: 350,
      proratedCharge: { amount: 105, days: 9, until: '2026-12-03T16:00:00.000Z' },
    },
    checks: passing('routes-healthy', 'replicas-in-sync', 'no-unfinished-tasks', 'topics-healthy', 'zone-stock'),
    steps: [
      { kind: 'change-spec', bandwidthMBps: 160, diskGB: 3000, partitions: 1200, mode: 'stable', description: 'grow the disk' },
      { kind: 'wait', until: 'migration', description: 'until the instance reports the new disk size (minutes)' },
    ],
    observed: {
      name: 'metrics',
      spec: spec('pro', 160, 2000, 1200),
      statusCode: 1,
      chargeType: 'PREPAID',
      rebalanceAt: null,
      endpoints: [{ vip: '10.0.2.7', vport: '9092' }],
    },
  });
}

/** Blocked by out-of-sync replicas: the change is shown, nothing will be submitted. */
export function billingBlocked(): PlannedInstance {
  return anInstance({
    name: 'billing',
    instanceId: 'ckafka-bil00001',
    action: 'blocked',
    summary: 'blocked: replicas are out of sync; bandwidth 120 → 160 MB/s waits until they catch up',
    target: spec('pro', 160, 1000, 1200),
    changes: [{ field: 'bandwidthMBps', from: 120, to: 160, unit: 'MB/s' }],
    migration: {
      required: true,
      estimatedSeconds: 2780,
      mode: 'stable',
      modeSelectable: false,
      basis: 'estimate: 380 GB stored (replicas included) moved at about 140 MB/s',
    },
    schedule: { kind: 'window', ...NEXT_WINDOW, window: WEEKEND_WINDOW, note: 'data migrates, so apply submits the change only inside the declared window' },
    cost: {
      currency: 'CNY',
      source: 'list-price',
      currentMonthly: 3727,
      targetMonthly: 4311,
      monthlyDelta: 584,
      proratedCharge: { amount: 311.47, days: 16, until: '2026-12-10T16:00:00.000Z' },
    },
    checks: [
      ...passing('routes-healthy'),
      {
        id: 'replicas-in-sync',
        status: 'fail',
        message: '3 partitions of 2 topics are out of sync: payments-ledger (0, 4), refunds (2)',
        hint: 'wait for the replicas to catch up (look at broker disk and network) and run plan again; the cloud refuses a spec change while replicas are out of sync',
      },
      ...passing('no-unfinished-tasks', 'topics-healthy', 'zone-stock'),
      PORTS_MAY_CHANGE,
    ],
    issues: [
      {
        code: 'plan/check-failed',
        severity: 'error',
        path: 'instances[2]',
        file: 'fleet/prod.yaml',
        line: 31,
        column: 5,
        message: 'check replicas-in-sync failed: 3 partitions of 2 topics are out of sync',
        hint: 'fix what the check names and run plan again; apply refuses a blocked instance',
      },
    ],
    observed: {
      name: 'billing',
      spec: spec('pro', 120, 1000, 1200),
      statusCode: 1,
      chargeType: 'PREPAID',
      rebalanceAt: null,
      endpoints: [{ vip: '10.0.3.4', vport: '9092' }],
    },
  });
}

/** Postpaid, so the declared high-speed mode is honoured; starts at a declared time. */
export function eventsHighSpeed(): PlannedInstance {
  const id = 'ckafka-evt00001';
  return anInstance({
    name: 'events',
    instanceId: id,
    action: 'upgrade',
    summary: 'raise bandwidth 400 → 600 MB/s, disk 6000 → 9000 GB and partitions 2000 → 2400; high-speed migration at the declared time',
    target: spec('pro', 600, 9000, 2400),
    changes: [
      { field: 'bandwidthMBps', from: 400, to: 600, unit: 'MB/s' },
      { field: 'diskGB', from: 6000, to: 9000, unit: 'GB' },
      { field: 'partitions', from: 2000, to: 2400, unit: 'partitions' },
    ],
    migration: {
      required: true,
      estimatedSeconds: 5802,
      mode: 'high-speed',
      modeSelectable: true,
      basis: 'estimate: 5,100 GB stored moved at about 900 MB/s unthrottled; production traffic slows it',
    },
    schedule: { kind: 'at', startsAt: '2026-12-05T18:00:00.000Z', note: 'declared upgrade.rebalance.at; apply waits until then' },
    cost: {
      currency: 'CNY',
      source: 'quote',
      currentMonthly: 19067.6,
      targetMonthly: 27681.6,
      monthlyDelta: 8614,
      hourlyDelta: 11.8,
      note: 'postpaid: billed by the hour; a month is counted as 730 hours',
    },
    checks: [
      ...passing('routes-healthy', 'replicas-in-sync', 'no-unfinished-tasks', 'topics-healthy', 'zone-stock', 'max-message-bytes', 'single-replica-topics'),
      {
        id: 'high-speed-under-load',
        status: 'warn',
        message: 'produce traffic peaked at 310 MB/s over the last 7 days (78% of the current 400 MB/s); an unthrottled migration competes with it and can run late',
        hint: 'schedule it off-peak, or declare mode: stable',
      },
      PORTS_MAY_CHANGE,
    ],
    steps: [
      { kind: 'wait', until: 'schedule', description: 'until 2026-12-05 18:00 UTC' },
      {
        kind: 'change-spec',
        bandwidthMBps: 600,
        diskGB: 9000,
        partitions: 2400,
        mode: 'high-speed',
        description: 'change the spec with an unthrottled migration',
      },
      { kind: 'wait', until: 'migration', description: 'until the instance runs at the target spec' },
    ],
    observed: {
      name: 'events',
      spec: spec('pro', 400, 6000, 2000),
      statusCode: 1,
      chargeType: 'POSTPAID_BY_HOUR',
      rebalanceAt: null,
      endpoints: [{ vip: '10.0.4.2', vport: '9092' }],
    },
  });
}

/** A permitted scale-down of a postpaid instance, close to its 7-day peak. */
export function analyticsScaleDown(): PlannedInstance {
  const id = 'ckafka-ana00001';
  return anInstance({
    name: 'analytics',
    instanceId: id,
    action: 'scale-down',
    summary: 'lower bandwidth 600 → 400 MB/s and disk 8000 → 6000 GB (allowScaleDown: true)',
    target: spec('pro', 400, 6000, 2400),
    changes: [
      { field: 'bandwidthMBps', from: 600, to: 400, unit: 'MB/s' },
      { field: 'diskGB', from: 8000, to: 6000, unit: 'GB' },
    ],
    migration: {
      required: true,
      estimatedSeconds: 7168,
      mode: 'stable',
      modeSelectable: true,
      basis: 'estimate: 4,200 GB stored moved at about 600 MB/s, the stable-mode throttle',
    },
    schedule: { kind: 'window', ...NEXT_WINDOW, window: WEEKEND_WINDOW, note: 'data migrates, so apply submits the change only inside the declared window' },
    cost: {
      currency: 'CNY',
      source: 'quote',
      currentMonthly: 25856.6,
      targetMonthly: 19972.8,
      monthlyDelta: -5883.8,
      hourlyDelta: -8.06,
      note: 'postpaid: billed by the hour; a month is counted as 730 hours',
    },
    checks: [
      ...passing('routes-healthy', 'replicas-in-sync', 'no-unfinished-tasks', 'topics-healthy'),
      {
        id: 'scale-down-usage',
        status: 'warn',
        message: 'produce traffic peaked at 350 MB/s over the last 7 days, 88% of the target 400 MB/s; 4,200 GB of the target 6,000 GB disk is used',
        hint: 'the cloud no longer refuses a scale-down below the 7-day peak, so keep headroom or choose a larger target',
      },
      PORTS_MAY_CHANGE,
      { id: 'window-fits', status: 'pass', message: 'the ~2h estimate fits the 5h window' },
    ],
    steps: [
      { kind: 'wait', until: 'schedule', description: 'until the window opens Sat 2026-11-28 01:00 Asia/Shanghai' },
      {
        kind: 'change-spec',
        bandwidthMBps: 400,
        diskGB: 6000,
        partitions: 2400,
        mode: 'stable',
        description: 'change the spec with a throttled migration',
      },
      { kind: 'wait', until: 'migration', description: 'until the instance runs at the target spec' },
    ],
    observed: {
      name: 'analytics',
      spec: spec('pro', 600, 8000, 2400),
      statusCode: 1,
      chargeType: 'POSTPAID_BY_HOUR',
      rebalanceAt: null,
      endpoints: [{ vip: '10.0.5.9', vport: '9092' }],
    },
  });
}

/** Standard → Pro: the public API cannot convert editions, so the plan carries a manual step. */
export function legacyConversion(): PlannedInstance {
  const id = 'ckafka-leg00001';
  return anInstance({
    name: 'legacy',
    instanceId: id,
    action: 'upgrade',
    summary: 'convert Standard to Pro at 160 MB/s, 1000 GB, 1200 partitions: a console operation',
    target: spec('pro', 160, 1000, 1200),
    changes: [
      { field: 'edition', from: 'standard', to: 'pro', unit: '' },
      { field: 'bandwidthMBps', from: 100, to: 160, unit: 'MB/s' },
      { field: 'diskGB', from: 500, to: 1000, unit: 'GB' },
      { field: 'partitions', from: 100, to: 1200, unit: 'partitions' },
    ],
    migration: {
      required: null,
      estimatedSeconds: null,
      mode: null,
      modeSelectable: false,
      basis: 'the API does not assess edition conversions; the console shows whether data migrates when you convert',
    },
    schedule: { kind: 'window', ...NEXT_WINDOW, window: WEEKEND_WINDOW, note: 'do the conversion in the console inside the window' },
    cost: {
      currency: 'CNY',
      source: 'list-price',
      currentMonthly: null,
      targetMonthly: 4311,
      monthlyDelta: null,
      note: 'Standard has no published list price; the console shows the price of the conversion',
    },
    checks: passing('routes-healthy', 'replicas-in-sync', 'no-unfinished-tasks', 'topics-healthy'),
    steps: [
      {
        kind: 'manual',
        description: 'convert the instance to Pro Edition at the target spec',
        consolePath: 'CKafka console › Instance list › legacy (ckafka-leg00001) › More › Upgrade to Pro Edition',
      },
    ],
    issues: [
      {
        code: 'plan/edition-conversion-unsupported',
        severity: 'warning',
        path: 'instances[5].edition',
        message: 'converting standard to pro is a console operation; the public API cannot do it',
        hint: 'convert it in the console, then run plan again; the plan then shows no edition change',
      },
    ],
    observed: {
      name: 'legacy',
      spec: spec('standard', 100, 500, 100),
      statusCode: 1,
      chargeType: 'PREPAID',
      rebalanceAt: null,
      endpoints: [{ vip: '10.0.6.3', vport: '9092' }],
    },
  });
}

/** Declared, but no such instance in the region. */
export function ghostNotFound(): PlannedInstance {
  return anInstance({
    name: 'ghost',
    instanceId: 'ckafka-zzz99999',
    action: 'blocked',
    summary: 'not found: no instance ckafka-zzz99999 in ap-guangzhou',
    target: spec('pro', 200, 2000, 1400),
    migration: { required: null, estimatedSeconds: null, mode: null, modeSelectable: false, basis: '' },
    schedule: { kind: 'now', startsAt: null, note: 'nothing to schedule' },
    issues: [
      {
        code: 'plan/instance-not-found',
        severity: 'error',
        path: 'instances[6].instanceId',
        file: 'fleet/prod.yaml',
        line: 44,
        column: 17,
        message: 'no instance ckafka-zzz99999 in ap-guangzhou',
        hint: 'check the id and the region (region: in the fleet file, or TENCENTCLOUD_REGION); ckafka-iac does not create instances',
      },
    ],
    observed: { name: null, spec: null, statusCode: null, chargeType: null, rebalanceAt: null, endpoints: [] },
    fingerprint: fakeHash('absent:ckafka-zzz99999'),
  });
}

/** Three instances already at their declared spec. */
export function unchangedInstances(): PlannedInstance[] {
  return [
    anInstance({ name: 'payments', instanceId: 'ckafka-pay00001', target: spec('pro', 100, 1000, 900) }),
    anInstance({ name: 'search', instanceId: 'ckafka-src00001', target: spec('advanced', 200, 2000, 1400) }),
    anInstance({ name: 'logs', instanceId: 'ckafka-log00001', target: spec('pro', 60, 500, 900) }),
  ];
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The summary the planner would write, verdict included. */
export function summarize(instances: readonly PlannedInstance[]): PlanSummary {
  const upgrades = instances.filter((i) => i.action === 'upgrade').length;
  const scaleDowns = instances.filter((i) => i.action === 'scale-down').length;
  const blocked = instances.filter((i) => i.action === 'blocked').length;
  const unchanged = instances.filter((i) => i.action === 'none').length;
  const changing = instances.filter((i) => i.action === 'upgrade' || i.action === 'scale-down');
  const migrations = changing.filter((i) => i.migration.required === true).length;
  const deltas = changing.map((i) => i.cost?.monthlyDelta ?? null);
  const monthlyDelta = deltas.some((d) => d === null) ? null : Math.round(deltas.reduce<number>((a, d) => a + (d ?? 0), 0) * 100) / 100;
  const hasChanges = changing.length > 0;
  let verdict: string;
  if (!hasChanges && blocked === 0) verdict = `No changes: ${count(unchanged, 'instance matches', 'instances match')} the declared spec`;
  else {
    const parts = [
      upgrades > 0 ? `${upgrades} to upgrade` : '',
      scaleDowns > 0 ? `${scaleDowns} to scale down` : '',
      blocked > 0 ? `${blocked} blocked` : '',
      unchanged > 0 ? `${unchanged} unchanged` : '',
    ].filter((p) => p !== '');
    const money = monthlyDelta === null ? 'monthly cost change unknown' : `${monthlyDelta >= 0 ? '+' : ''}${monthlyDelta.toFixed(2)} CNY/month`;
    const migrate = migrations > 0 ? `; ${count(migrations, 'migrates', 'migrate')} data` : '';
    verdict = `Plan: ${parts.join(', ')}${migrate}${hasChanges ? `; ${money}` : ''}`;
  }
  return {
    instances: instances.length,
    unchanged,
    upgrades,
    scaleDowns,
    blocked,
    migrations,
    hasChanges,
    monthlyDelta,
    currency: 'CNY',
    verdict,
  };
}

/** A plan around the given instances. */
export function aPlan(instances: readonly PlannedInstance[], overrides: Partial<Plan> = {}): Plan {
  return {
    formatVersion: 2,
    createdAt: NOW,
    region: 'ap-guangzhou',
    cloud: { kind: 'tencentcloud', capabilities: TENCENT_CAPABILITIES },
    instances,
    summary: summarize(instances),
    digest: `sha256:${fakeHash(instances.map((i) => i.fingerprint).join(','))}`,
    ...overrides,
  };
}

export function noChangesPlan(): Plan {
  return aPlan(unchangedInstances());
}
export function windowMigrationPlan(): Plan {
  return aPlan([ordersUpgrade()]);
}
/**
 * The orders upgrade planned on the emulator on Saturday 02:00 in Shanghai, inside its window
 * (which must hold the change), as the CLI's first run on a fresh clone plans it.
 */
export function emulatorInsideWindowPlan(): Plan {
  const orders = ordersUpgrade();
  const plannedAt = '2026-11-27T18:00:00.000Z';
  return aPlan(
    [
      {
        ...orders,
        schedule: { ...orders.schedule, startsAt: plannedAt, window: { ...WEEKEND_WINDOW, mustFinishInside: true }, note: 'inside the window now; this occurrence closes at 2026-11-27T22:00:00.000Z' },
      },
    ],
    { createdAt: plannedAt, cloud: { kind: 'emulator', capabilities: TENCENT_CAPABILITIES } },
  );
}
export function diskOnlyPlan(): Plan {
  return aPlan([metricsDiskOnly()]);
}
export function blockedPlan(): Plan {
  return aPlan([billingBlocked()]);
}
export function postpaidHighSpeedPlan(): Plan {
  return aPlan([eventsHighSpeed()]);
}
export function scaleDownPlan(): Plan {
  return aPlan([analyticsScaleDown()]);
}
export function editionConversionPlan(): Plan {
  return aPlan([legacyConversion()]);
}
export function notFoundPlan(): Plan {
  return aPlan([ghostNotFound()]);
}

/** A production fleet with every kind of change at once: what a reviewer usually sees. */
export function mixedFleetPlan(): Plan {
  const [payments, search, logs] = unchangedInstances();
  return aPlan(
    [ordersUpgrade(), payments, metricsDiskOnly(), billingBlocked(), eventsHighSpeed(), search, analyticsScaleDown(), legacyConversion(), ghostNotFound(), logs].filter(
      (i): i is PlannedInstance => i !== undefined,
    ),
  );
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

/** A fleet whose names, ids, messages, hints, paths, notes, endpoints and steps are all hostile. */
export function hostilePlan(): Plan {
  const evilId = `ckafka-${HOSTILE.img}|${HOSTILE.backticks}`;
  const evil = anInstance({
    name: `${HOSTILE.img} | ${HOSTILE.mention} ${HOSTILE.emphasis}`,
    instanceId: evilId,
    action: 'upgrade',
    summary: ALL_HOSTILE,
    target: spec('pro', 240, 4000, 1600),
    changes: [
      { field: 'bandwidthMBps', from: 200, to: 240, unit: 'MB/s' },
      { field: 'edition', from: HOSTILE.img, to: `pro|${HOSTILE.link}`, unit: '' },
    ],
    migration: { required: true, estimatedSeconds: 3600, mode: 'high-speed', modeSelectable: true, basis: HOSTILE.newlines },
    schedule: {
      kind: 'window',
      startsAt: NEXT_WINDOW.startsAt,
      endsAt: NEXT_WINDOW.endsAt,
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
    issues: [
      {
        code: 'plan/check-failed',
        severity: 'error',
        path: `instances[0]${HOSTILE.pipes}`,
        file: HOSTILE.img,
        line: 1,
        message: HOSTILE.terminal,
        hint: HOSTILE.bidi,
      },
    ],
    observed: {
      name: HOSTILE.terminal,
      spec: spec('pro', 200, 4000, 1600),
      statusCode: 1,
      chargeType: 'POSTPAID_BY_HOUR',
      rebalanceAt: '2026-11-28T18:00:00.000Z',
      endpoints: [{ vip: HOSTILE.img, vport: `9092|${HOSTILE.mention}` }],
    },
    fingerprint: `${fakeHash('evil')}${HOSTILE.backticks}`,
  });
  const quiet = anInstance({ name: `${HOSTILE.newlines} ${HOSTILE.terminal} ${HOSTILE.bidi}`, instanceId: HOSTILE.comment });
  const blank = anInstance({ name: '   ', instanceId: null });
  const plan = aPlan([evil, quiet, blank], { region: `${HOSTILE.pipes}${HOSTILE.terminal}`, cloud: { kind: HOSTILE.link, capabilities: TENCENT_CAPABILITIES } });
  return { ...plan, summary: { ...plan.summary, verdict: `${plan.summary.verdict} ${HOSTILE.mention} ${HOSTILE.img}` }, digest: `sha256:${HOSTILE.backticks}` };
}

/**
 * A fleet of `size` instances, one in `changedEvery` changing (cycling through the kinds of
 * change), the rest unchanged: for the comment length limit.
 */
export function largeFleetPlan(size: number, changedEvery = 10): Plan {
  const kinds = [ordersUpgrade, metricsDiskOnly, billingBlocked, eventsHighSpeed, analyticsScaleDown, legacyConversion, ghostNotFound];
  const instances: PlannedInstance[] = [];
  for (let i = 0; i < size; i++) {
    const name = `fleet-${String(i).padStart(4, '0')}`;
    const instanceId = `ckafka-${fakeHash(name).slice(0, 8)}`;
    if (i % changedEvery === 0) {
      const make = kinds[(i / changedEvery) % kinds.length] ?? ordersUpgrade;
      instances.push({ ...make(), name, instanceId, fingerprint: fakeHash(`observed:${name}`) });
    } else instances.push(anInstance({ name, instanceId }));
  }
  return aPlan(instances);
}

/** Weekday nights in Berlin; the next opening after NOW is Tue 2026-11-24 23:00 +01:00. */
export const BERLIN_WINDOW: RebalanceWindow = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '23:00', end: '03:00', timezone: 'Europe/Berlin' };

/**
 * Changes that wait for windows in two time zones, one that would run past its window (so the
 * window-fits check fails and blocks it), one that runs long at once, and one that migrates nothing.
 */
export function timelinePlan(): Plan {
  const batch = ordersUpgrade();
  const longRun: PlannedInstance = {
    ...batch,
    name: 'batch',
    instanceId: 'ckafka-bat00001',
    action: 'blocked',
    summary: 'blocked by check window-fits: raise bandwidth 200 → 240 MB/s, disk 3000 → 4000 GB and partitions 1400 → 1600',
    migration: { ...batch.migration, estimatedSeconds: 25200 },
    checks: [{ id: 'window-fits', status: 'fail', message: 'the ~7h estimate does not fit the 5h window', hint: 'widen the window, or declare mode: high-speed' }],
    fingerprint: fakeHash('observed:batch'),
  };
  const berlin: PlannedInstance = {
    ...analyticsScaleDown(),
    name: 'eu-analytics',
    instanceId: 'ckafka-eua00001',
    schedule: { kind: 'window', startsAt: '2026-11-24T22:00:00.000Z', endsAt: '2026-11-25T02:00:00.000Z', window: BERLIN_WINDOW, note: 'data migrates, so apply submits the change only inside the declared window' },
    fingerprint: fakeHash('observed:eu-analytics'),
  };
  const now: PlannedInstance = {
    ...eventsHighSpeed(),
    name: 'clicks',
    instanceId: 'ckafka-clk00001',
    schedule: { kind: 'now', startsAt: NOW, note: 'declared rebalance: now' },
    fingerprint: fakeHash('observed:clicks'),
  };
  return aPlan([ordersUpgrade(), longRun, berlin, now, metricsDiskOnly()]);
}

/**
 * A fleet of `size` instances that all change, starting in `starts` different window openings
 * (one hour apart) spread over Shanghai and Berlin nights: for a timeline that must group and cut.
 */
export function largeTimelinePlan(size: number, starts = 40): Plan {
  const instances: PlannedInstance[] = [];
  for (let i = 0; i < size; i++) {
    const name = `svc-${String(i).padStart(3, '0')}`;
    const slot = i % starts;
    const window = slot % 2 === 0 ? WEEKEND_WINDOW : BERLIN_WINDOW;
    const startsAt = new Date(Date.parse(NEXT_WINDOW.startsAt) + slot * 3600_000).toISOString();
    const endsAt = new Date(Date.parse(startsAt) + 5 * 3600_000).toISOString();
    const base = i % 7 === 3 ? billingBlocked() : ordersUpgrade();
    instances.push({
      ...base,
      name,
      instanceId: `ckafka-${fakeHash(name).slice(0, 8)}`,
      migration: { ...base.migration, estimatedSeconds: 1800 + (i % 9) * 1500 },
      schedule: { kind: 'window', startsAt, endsAt, window, note: 'data migrates, so apply submits the change only inside the declared window' },
      fingerprint: fakeHash(`observed:${name}`),
    });
  }
  return aPlan(instances);
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
