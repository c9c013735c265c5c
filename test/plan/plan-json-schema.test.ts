import * as fs from 'fs';
import * as path from 'path';
import { planJsonSchema, renderPlanJsonSchema } from '../../src/plan/plan-json-schema';

const committed = path.join(__dirname, '../../schema/plan.schema.json');

describe('the plan JSON Schema', () => {
  it('is in sync with the zod schema apply loads plans with (regenerate: UPDATE_SCHEMA=1 npx jest test/plan/plan-json-schema)', () => {
    const generated = renderPlanJsonSchema();
    if (process.env.UPDATE_SCHEMA === '1' && process.env.CI !== 'true') fs.writeFileSync(committed, generated);
    expect(fs.readFileSync(committed, 'utf8')).toBe(generated);
  });

  it('refuses unknown keys at every level and gives steps no instance id', () => {
    const schema = planJsonSchema() as SchemaNode;
    const objects: SchemaNode[] = [];
    const walk = (n: SchemaNode | undefined): void => {
      if (n === undefined) return;
      if (n.type === 'object') objects.push(n);
      Object.values(n.properties ?? {}).forEach(walk);
      walk(n.items);
      (n.oneOf ?? []).forEach(walk);
      (n.anyOf ?? []).forEach(walk);
    };
    walk(schema);
    expect(objects.length).toBeGreaterThan(20);
    for (const o of objects) expect(o.additionalProperties).toBe(false);
    const instance = schema.properties?.instances?.items;
    const steps = instance?.properties?.steps?.items?.oneOf ?? [];
    expect(steps.map((s) => s.properties?.kind?.const)).toEqual(['change-spec', 'retime', 'wait', 'manual']);
    for (const step of steps) expect(Object.keys(step.properties ?? {})).not.toContain('instanceId');
    expect(Object.keys(instance?.properties?.observed?.properties ?? {})).toContain('name');
  });
});

interface SchemaNode {
  readonly type?: string;
  readonly const?: unknown;
  readonly properties?: Record<string, SchemaNode>;
  readonly items?: SchemaNode;
  readonly oneOf?: SchemaNode[];
  readonly anyOf?: SchemaNode[];
  readonly additionalProperties?: boolean;
}
