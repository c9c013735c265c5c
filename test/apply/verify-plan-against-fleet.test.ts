import { verifyDeclaredNames, verifyPlanAgainstFleet } from '../../src/apply/verify-plan-against-fleet';
import type { Plan, PlannedInstance } from '../../src/plan/types';
import type { ObservedInstance } from '../../src/spec/observed';
import { parseFleet } from '../../src/spec/parse-fleet';
import type { DesiredFleet } from '../../src/spec/types';
import { HOUR, SEED, T0, WEEKEND_WINDOW, fleetYaml, newWorld, planFor } from './_harness';

const YAML = fleetYaml({ payments: { bw: 160, rebalance: WEEKEND_WINDOW, mode: 'high-speed' }, 'cdktf-clickstream': { bw: 240, partitions: 1600 }, orders: {} });
const fleetOf = (yaml: string): DesiredFleet => parseFleet(yaml, { file: 'fleet.yaml', now: T0 }).value as DesiredFleet;
/** The same fleet file with the instance ids left out: instances declared by name. */
const byName = (yaml: string): string => yaml.replace(/^ {4}instanceId: .*\n/gm, '');
const AT = new Date(T0.getTime() + 24 * HOUR).toISOString();

// Verification reads the plan as loaded: these edits stand for a tampered file whose digest was
// recomputed (loading accepts it when it is consistent; see load-plan.test.ts).
function tamper(plan: Plan, name: string, change: (p: PlannedInstance) => PlannedInstance): Plan {
  return { ...plan, instances: plan.instances.map((p) => (p.name === name ? change(p) : p)) };
}

const paths = (plan: Plan, fleet: DesiredFleet) => verifyPlanAgainstFleet(plan, fleet).map((i) => [i.code, i.path]);

describe('verifyPlanAgainstFleet', () => {
  let plan: Plan;
  let retime: Plan; // payments' task scheduled in the cloud, re-timed into the weekend window
  let retimeAt: Plan; // the same task re-timed to a declared time
  const RETIME_WINDOW = fleetYaml({ payments: { bw: 160, rebalance: WEEKEND_WINDOW } });
  const RETIME_AT = fleetYaml({ payments: { bw: 160, rebalance: `{ at: "${AT}" }` } });

  beforeAll(async () => {
    plan = await planFor(newWorld(), YAML);
    const scheduled = async () => {
      const w = newWorld();
      await w.em.scheduleChange({ instanceId: SEED.payments.id, target: { bandwidthMBps: 160, diskGB: 2000, partitions: 1200 }, mode: 'stable', at: new Date(T0.getTime() + 48 * HOUR) });
      return w;
    };
    retime = await planFor(await scheduled(), RETIME_WINDOW);
    retimeAt = await planFor(await scheduled(), RETIME_AT);
  });

  it('accepts the plans of those very fleet files, by id or by name', async () => {
    expect(verifyPlanAgainstFleet(plan, fleetOf(YAML))).toEqual([]);
    expect(verifyPlanAgainstFleet(retime, fleetOf(RETIME_WINDOW))).toEqual([]);
    expect(verifyPlanAgainstFleet(retimeAt, fleetOf(RETIME_AT))).toEqual([]);
    expect(retime.instances[0]?.steps.map((s) => s.kind)).toEqual(['retime', 'wait']);
    const named = await planFor(newWorld(), byName(YAML));
    expect(verifyPlanAgainstFleet(named, fleetOf(byName(YAML)))).toEqual([]);
  });

  const bases = (): Record<'plan' | 'retime' | 'retimeAt', [Plan, string]> => ({ plan: [plan, YAML], retime: [retime, RETIME_WINDOW], retimeAt: [retimeAt, RETIME_AT] });
  const NOW_YAML = fleetYaml({ payments: { bw: 160 } });
  it.each<[string, 'plan' | 'retime' | 'retimeAt', string, (p: PlannedInstance) => PlannedInstance, string, RegExp, string | undefined]>([
    ['a different target', 'plan', 'payments', (p) => ({ ...p, target: { ...p.target, bandwidthMBps: 400 } }), 'instances[0].target.bandwidthMBps', /target has bandwidthMBps 400; fleet.yaml instances\[0\] declares 160/, undefined],
    ['different step values', 'plan', 'payments', (p) => ({ ...p, steps: p.steps.map((s) => (s.kind === 'change-spec' ? { ...s, bandwidthMBps: 1200 } : s)) }), 'instances[0].steps[1].bandwidthMBps', /change-spec step sends bandwidthMBps 1200/, undefined],
    ['a different mode', 'plan', 'payments', (p) => ({ ...p, steps: p.steps.map((s) => (s.kind === 'change-spec' ? { ...s, mode: 'stable' as const } : s)) }), 'instances[0].steps[1].mode', /asks for stable mode; .* declares mode high-speed/, undefined],
    ['a schedule moved to now', 'plan', 'payments', (p) => ({ ...p, schedule: { kind: 'now', startsAt: p.schedule.startsAt, note: '' } }), 'instances[0].schedule.kind', /the plan starts now; .* declares a window sat,sun 01:00–05:00 Asia\/Shanghai/, undefined],
    ['a window that newly asks the change to finish inside it', 'plan', 'payments', (p) => ({ ...p, schedule: { ...p.schedule, ...(p.schedule.window === undefined ? {} : { window: { ...p.schedule.window, mustFinishInside: true } }) } }), 'instances[0].schedule.window', /uses another window/, undefined],
    ['another window', 'plan', 'payments', (p) => ({ ...p, schedule: { ...p.schedule, window: { days: ['mon'], start: '09:00', end: '18:00', timezone: 'Asia/Shanghai' } } }), 'instances[0].schedule.window', /uses another window/, undefined],
    ['another instance than the declared id', 'plan', 'orders', (p) => ({ ...p, instanceId: SEED.payments.id }), 'instances[2].instanceId', /acts on ckafka-4m7tz1bc; .* declares instance ckafka-9x2kq7pe/, undefined],
    ['a re-time outside the declared window', 'retime', 'payments', (p) => ({ ...p, steps: p.steps.map((s) => (s.kind === 'retime' ? { ...s, at: '2026-03-09T02:00:00.000Z' } : s)) }), 'instances[0].steps[0].at', /moves the task .* to 2026-03-09T02:00:00.000Z; .* declares a window/, undefined],
    ['a re-time to another time than the declared one', 'retimeAt', 'payments', (p) => ({ ...p, steps: p.steps.map((s) => (s.kind === 'retime' ? { ...s, at: new Date(Date.parse(AT) + HOUR).toISOString() } : s)) }), 'instances[0].steps[0].at', /declares rebalance at /, undefined],
    ['a re-time where the fleet declares now', 'retimeAt', 'payments', (p) => ({ ...p, schedule: { ...p.schedule, kind: 'now' } }), 'instances[0].steps[0].at', /declares rebalance now, which never moves it/, NOW_YAML],
  ])('refuses %s', (_name, which, name, change, path, message, yaml) => {
    const [base, baseYaml] = bases()[which];
    const issues = verifyPlanAgainstFleet(tamper(base, name, change), fleetOf(yaml ?? baseYaml));
    expect(issues.map((i) => [i.code, i.path])).toContainEqual(['apply/fleet-mismatch', path]);
    expect(issues.map((i) => i.message).join('\n')).toMatch(message);
  });

  it('refuses a plan of another region than the fleet files declare', () => {
    expect(paths({ ...plan, region: 'ap-shanghai' }, fleetOf(YAML))).toEqual([['apply/fleet-mismatch', 'region']]);
  });

  it('refuses a change to an instance the fleet files do not declare', () => {
    const fewer = fleetYaml({ payments: { bw: 160, rebalance: WEEKEND_WINDOW, mode: 'high-speed' }, orders: {} });
    const issues = verifyPlanAgainstFleet(plan, fleetOf(fewer));
    expect(issues).toEqual([expect.objectContaining({ code: 'apply/fleet-mismatch', path: 'instances[1].name', message: 'cdktf-clickstream: the plan changes an instance the fleet files do not declare' })]);
  });

  it('refuses, for an instance declared by name, a plan that acts on an instance named otherwise', async () => {
    const yaml = byName(fleetYaml({ orders: { bw: 240, partitions: 1600 } }));
    const named = await planFor(newWorld(), yaml);
    const moved = tamper(named, 'orders', (p) => ({ ...p, instanceId: SEED.payments.id, observed: { ...p.observed, name: 'payments' } }));
    expect(paths(moved, fleetOf(yaml))).toEqual([['apply/fleet-mismatch', 'instances[0].observed.name']]);
  });

  it('refuses a scale-down the declaration does not allow, and accepts it when allowed', async () => {
    const allowed = fleetYaml({ orders: { disk: 2000 } }).replace('    upgrade:', '    allowScaleDown: true\n    upgrade:');
    const down = await planFor(newWorld(), allowed);
    expect(down.instances[0]?.action).toBe('scale-down');
    expect(verifyPlanAgainstFleet(down, fleetOf(allowed))).toEqual([]);
    expect(paths(down, fleetOf(fleetYaml({ orders: { disk: 2000 } })))).toEqual([['apply/fleet-mismatch', 'instances[0].action']]);
  });

  it('refuses a plan that changes an instance whose spec Terraform owns', () => {
    const fleet = fleetOf(YAML);
    const owned: DesiredFleet = { ...fleet, instances: fleet.instances.map((d) => (d.name === 'cdktf-clickstream' ? { ...d, specOwner: 'terraform' as const } : d)) };
    expect(paths(plan, owned)).toEqual([['apply/fleet-mismatch', 'instances[1].steps']]);
  });

  it('accepts a plan whose change starts now because nothing migrates, despite a declared window', async () => {
    const yaml = fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600, rebalance: WEEKEND_WINDOW } });
    const inPlace = await planFor(newWorld(), yaml);
    expect(inPlace.instances[0]?.schedule.kind).toBe('now');
    expect(verifyPlanAgainstFleet(inPlace, fleetOf(yaml))).toEqual([]);
  });
});

describe('verifyDeclaredNames', () => {
  const yaml = byName(fleetYaml({ orders: { bw: 240, partitions: 1600 } }));
  let named: Plan;
  let listing: ObservedInstance[];
  beforeAll(async () => {
    const w = newWorld();
    named = await planFor(w, yaml);
    listing = await w.cloud.describeInstances({ all: true });
  });
  const rename = (id: string, name: string) => listing.map((o) => (o.instanceId === id ? { ...o, name } : o));

  it.each<[string, () => ObservedInstance[], RegExp | undefined]>([
    ['the only instance of that name, the planned one', () => listing, undefined],
    ['none of that name', () => rename(SEED.orders.id, 'orders-old'), /ap-guangzhou has 0 of that name \(none\)/],
    ['two of that name', () => rename(SEED.audit.id, 'orders'), /ap-guangzhou has 2 of that name \(ckafka-/],
    ['one of that name, another instance', () => rename(SEED.orders.id, 'x').map((o) => (o.instanceId === SEED.audit.id ? { ...o, name: 'orders' } : o)), /ap-guangzhou has it as ckafka-2pd8v6fj/],
  ])('with %s', (_name, region, message) => {
    const issues = verifyDeclaredNames(named, fleetOf(yaml), region(), 'ap-guangzhou');
    if (message === undefined) expect(issues).toEqual([]);
    else expect(issues).toEqual([expect.objectContaining({ code: 'apply/fleet-mismatch', path: 'instances[0].instanceId', message: expect.stringMatching(message) })]);
  });

  it('asks nothing of instances declared by id', () => {
    expect(verifyDeclaredNames(named, fleetOf(fleetYaml({ orders: { bw: 240, partitions: 1600 } })), [], 'ap-guangzhou')).toEqual([]);
  });
});
