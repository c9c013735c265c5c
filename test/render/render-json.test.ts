import { renderJson } from '../../src/render';
import { GOLDEN_FIXTURES, largeFleetPlan } from './fixtures';

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
