import * as fs from 'fs';
import * as path from 'path';
import { renderFleetJsonSchema } from '../../src/spec/json-schema';

const committed = path.join(__dirname, '../../schema/fleet.schema.json');

describe('the fleet JSON Schema', () => {
  it('is in sync with the zod schema (regenerate: UPDATE_SCHEMA=1 npx jest test/spec/json-schema)', () => {
    const generated = renderFleetJsonSchema();
    if (process.env.UPDATE_SCHEMA === '1' && process.env.CI !== 'true') fs.writeFileSync(committed, generated);
    expect(fs.readFileSync(committed, 'utf8')).toBe(generated);
  });

  it('describes the contract keys editors should complete', () => {
    const schema = JSON.parse(renderFleetJsonSchema());
    const instance = schema.properties.instances.items;
    expect(Object.keys(instance.properties)).toEqual(['name', 'instanceId', 'edition', 'bandwidthMBps', 'diskGB', 'partitions', 'upgrade', 'allowScaleDown']);
    expect(instance.required).toEqual(['name', 'edition', 'bandwidthMBps', 'diskGB', 'partitions']);
    expect(instance.additionalProperties).toBe(false);
    expect(instance.properties.edition.enum).toEqual(['standard', 'advanced', 'pro']);
  });
});
