/**
 * The emulator's spec change and the planner run one set of spec and step rules: over a grid of
 * targets on running instances (on the step, off it, and holding an off-step value), the emulator
 * refuses a target's values (ModifyInstancePre) exactly when the planner reports an error on them
 * (validateInstanceSpec, then validateChange once the spec is valid), and answers with the
 * planner's first error, in its words, under the wire parameter's name.
 */
import { createSeedState, runWireAction, type EmulatorState, type InstanceState } from '../../../src/cloud/emulator';
import { editionFromInstanceType } from '../../../src/spec/catalog';
import type { Issue } from '../../../src/spec/issues';
import { validateChange, validateInstanceSpec } from '../../../src/spec/validate';
import { anObserved } from '../../support/builders';
import { IDS, T0 } from './_helpers';

/** The codes of the rules over a spec's values (ranges, maximums, tier minimums, the step). */
const VALUE_CODES = new Set(['spec/below-minimum', 'spec/above-maximum', 'spec/disk-below-tier-minimum', 'spec/partitions-below-tier-minimum', 'spec/off-step']);
const WIRE: Readonly<Record<string, string>> = { bandwidthMBps: 'BandWidth', diskGB: 'DiskSize', partitions: 'Partition' };
/** How the emulator words a refusal by the shared rules (`refuseByRules`). */
const BY_SHARED_RULES = /^(BandWidth|DiskSize|Partition): (bandwidthMBps|diskGB|partitions) /;

const state: EmulatorState = createSeedState({ now: T0 });

function instance(id: string): InstanceState {
  const found = state.instances.find((i) => i.instanceId === id);
  if (found === undefined) throw new Error(`no seed instance ${id}`);
  return found;
}

/** The planner's errors on the values of `target` for `inst` (scale-down allowed, so only the values count). */
function plannerErrors(inst: InstanceState, target: { bandwidthMBps: number; diskGB: number; partitions: number }): Issue[] {
  const edition = editionFromInstanceType(inst.instanceType);
  if (edition === undefined) throw new Error(`no edition for ${inst.instanceType}`);
  const { value, issues } = validateInstanceSpec({ name: inst.name, instanceId: inst.instanceId, edition, ...target, allowScaleDown: true });
  const observed = anObserved({ instanceId: inst.instanceId, name: inst.name, edition, bandwidthMBps: inst.bandwidthMBps, diskGB: inst.diskGB, partitions: inst.partitions });
  const change = value === undefined ? [] : validateChange({ desired: value, observed, now: T0 });
  return [...issues, ...change].filter((i) => i.severity === 'error' && VALUE_CODES.has(i.code));
}

function emulatorAnswer(inst: InstanceState, target: { bandwidthMBps: number; diskGB: number; partitions: number }): { code: string; message: string } | 'accepted' {
  try {
    runWireAction(structuredClone(state), { now: T0, requestId: 'agreement', region: state.region }, 'ModifyInstancePre', {
      InstanceId: inst.instanceId,
      BandWidth: target.bandwidthMBps,
      DiskSize: target.diskGB,
      Partition: target.partitions,
    });
    return 'accepted';
  } catch (e) {
    const { code, message } = e as { code: string; message: string };
    return { code, message };
  }
}

const cases = [IDS.orders, IDS.reports, IDS.audit].flatMap((id) =>
  [20, 150, 200, 210, 300, 360, 380, 1400, 1600, 100200].flatMap((bandwidthMBps) =>
    [1000, 3000, 3050, 7500, 600000].flatMap((diskGB) => [1400, 1450, 1800, 2000, 40100].map((partitions) => [id, { bandwidthMBps, diskGB, partitions }] as const)),
  ),
);

/** How the two disagree on one target, or `undefined` when they agree. */
function disagreement(id: string, target: { bandwidthMBps: number; diskGB: number; partitions: number }): string | undefined {
  const inst = instance(id);
  const expected = plannerErrors(inst, target);
  const answer = emulatorAnswer(inst, target);
  const [first] = expected;
  if (first === undefined) {
    // Accepted, or refused for what the values do to the instance (a decrease, data held, no change), never by the value rules.
    return answer !== 'accepted' && BY_SHARED_RULES.test(answer.message) ? `the planner accepts the values, the emulator answers ${answer.message}` : undefined;
  }
  const wanted = `${WIRE[first.path] ?? '?'}: ${first.message}${first.hint === undefined ? '' : ` (${first.hint})`}`;
  if (answer === 'accepted') return `the planner refuses (${wanted}), the emulator accepts`;
  if (answer.code !== 'InvalidParameterValue' || answer.message !== wanted) return `the planner refuses with ${wanted}, the emulator answers ${answer.code}: ${answer.message}`;
  return undefined;
}

describe('spec change agreement: the emulator and the planner refuse the same target values', () => {
  it('covers both refusals and acceptances of values', () => {
    const refused = cases.filter(([id, target]) => plannerErrors(instance(id), target).length > 0).length;
    expect(refused).toBeGreaterThan(50);
    expect(cases.length - refused).toBeGreaterThan(50);
  });

  it(`agrees on every target of the grid (${cases.length})`, () => {
    const disagreements = cases.flatMap(([id, target]) => {
      const d = disagreement(id, target);
      return d === undefined ? [] : [`${id} ${JSON.stringify(target)}: ${d}`];
    });
    expect(disagreements).toEqual([]);
  });
});
