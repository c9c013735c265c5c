/**
 * The fleet file's JSON Schema, generated from the zod schema so the two cannot drift (a test
 * compares it with the committed schema/fleet.schema.json). Editors use it to validate and
 * complete fleet files; `ckafka schema` prints it.
 */
import { z } from 'zod';
import { fleetSchema } from './fleet-schema';

/** The schema's identifier; fleet files point at the file itself (`$schema: ./node_modules/ckafka-iac/schema/fleet.schema.json`). */
export const FLEET_SCHEMA_ID = 'urn:ckafka-iac:schema:fleet:1';

/** The JSON Schema (draft 2020-12) of a fleet file. */
export function fleetJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(fleetSchema(), { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, $id: FLEET_SCHEMA_ID, title: 'ckafka-iac fleet file', ...rest };
}

/** The schema as committed: two-space JSON with a final newline. */
export function renderFleetJsonSchema(): string {
  return `${JSON.stringify(fleetJsonSchema(), null, 2)}\n`;
}
