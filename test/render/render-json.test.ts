import { renderJson } from '../../src/render';
import { GOLDEN_FIXTURES, largeFleetPlan, mixedFleetPlan } from './fixtures';

describe('renderJson', () => {
  it.each(GOLDEN_FIXTURES)('round-trips %s exactly', (_name, make) => {
    const plan = make();
    expect(JSON.parse(renderJson(plan))).toEqual(plan);
  });

  it('is the plan with two-space indentation and one final newline, nothing else', () => {
    const plan = largeFleetPlan(50);
    const json = renderJson(plan);
    expect(json).toBe(`${JSON.stringify(plan, null, 2)}\n`);
    expect(json.startsWith('{\n  "formatVersion": 2,')).toBe(true);
    expect(json.endsWith('}\n')).toBe(true);
  });
});

describe('renderJson with names that hold control and bidi characters', () => {
  it('escapes them, and JSON.parse gives the plan back unchanged', () => {
    const plan = mixedFleetPlan();
    const evil = { ...plan, instances: plan.instances.map((i) => ({ ...i, name: `${i.name}\u009b31m\u202eexe\u007f\u2028` })) };
    const json = renderJson(evil);
    expect(json).not.toMatch(/[\u007f-\u009f\u202e\u2028]/);
    expect(json).toContain('\\u009b31m\\u202eexe\\u007f\\u2028');
    expect(JSON.parse(json)).toEqual(evil);
  });
});
