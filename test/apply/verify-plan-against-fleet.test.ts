import { verifyPlanAgainstFleet } from '../../src/apply/verify-plan-against-fleet';
import { digestPlan } from '../../src/plan/digest-plan';
import type { Plan, PlannedInstance } from '../../src/plan/types';
import { parseFleet } from '../../src/spec/parse-fleet';
import type { DesiredFleet } from '../../src/spec/types';
import { WEEKEND_WINDOW, fleetYaml, newWorld, planFor } from './_harness';

const YAML = fleetYaml({ payments: { bw: 160, rebalance: WEEKEND_WINDOW, mode: 'high-speed' }, 'cdktf-clickstream': { bw: 240, partitions: 1600 }, orders: {} });
const fleetOf = (yaml: string): DesiredFleet => parseFleet(yaml, { file: 'fleet.yaml' }).value as DesiredFleet;

// What someone who can write the plan file can do: change it and recompute its digest.
function tamper(plan: Plan, name: string, change: (p: PlannedInstance) => PlannedInstance): Plan {
  const { digest: _old, ...rest } = { ...plan, instances: plan.instances.map((p) => (p.name === name ? change(p) : p)) };
  return { ...rest, digest: digestPlan(rest) };
}

describe('verifyPlanAgainstFleet', () => {
  let plan: Plan;
  beforeAll(async () => {
    plan = await planFor(newWorld(), YAML);
  });

  it('accepts the plan of those very fleet files', () => {
    expect(verifyPlanAgainstFleet(plan, fleetOf(YAML))).toEqual([]);
  });

  it.each<[string, (p: PlannedInstance) => PlannedInstance, RegExp]>([
    ['a different target', (p) => ({ ...p, target: { ...p.target, bandwidthMBps: 400 } }), /target has bandwidthMBps 400; the fleet files declare 160/],
    [
      'different step parameters',
      (p) => ({ ...p, steps: p.steps.map((s) => (s.kind === 'change-spec' ? { ...s, bandwidthMBps: 1200 } : s)) }),
      /change-spec step sends 1200 MB\/s/,
    ],
    [
      'a different mode',
      (p) => ({ ...p, steps: p.steps.map((s) => (s.kind === 'change-spec' ? { ...s, mode: 'stable' as const } : s)) }),
      /step's mode is stable; the fleet files declare mode high-speed/,
    ],
    ['a schedule moved to now', (p) => ({ ...p, schedule: { kind: 'now', startsAt: p.schedule.startsAt, note: '' } }), /schedule \(now\) is not the rebalance policy/],
    [
      'a window that no longer asks the change to finish inside it (or newly does)',
      (p) => ({ ...p, schedule: { ...p.schedule, ...(p.schedule.window === undefined ? {} : { window: { ...p.schedule.window, mustFinishInside: true } }) } }),
      /schedule \(window\) is not the rebalance policy/,
    ],
  ])('refuses %s, even with a recomputed digest', (_n, change, message) => {
    const issues = verifyPlanAgainstFleet(tamper(plan, 'payments', change), fleetOf(YAML));
    expect(issues.map((i) => i.code)).toContain('apply/plan-modified');
    expect(issues.map((i) => i.message).join('\n')).toMatch(message);
  });

  it('refuses a change to an instance the fleet files do not declare', () => {
    const fewer = fleetYaml({ payments: { bw: 160, rebalance: WEEKEND_WINDOW, mode: 'high-speed' }, orders: {} });
    const issues = verifyPlanAgainstFleet(plan, fleetOf(fewer));
    expect(issues).toEqual([expect.objectContaining({ code: 'apply/plan-modified', message: 'cdktf-clickstream: the plan changes an instance the fleet files do not declare' })]);
  });

  it('accepts a plan whose change starts now because nothing migrates, despite a declared window', async () => {
    const yaml = fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600, rebalance: WEEKEND_WINDOW } });
    const inPlace = await planFor(newWorld(), yaml);
    expect(inPlace.instances[0]?.schedule.kind).toBe('now');
    expect(verifyPlanAgainstFleet(inPlace, fleetOf(yaml))).toEqual([]);
  });
});
