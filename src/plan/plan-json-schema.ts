/**
 * The saved plan's JSON Schema, generated from the zod schema apply loads plans with, so the two
 * cannot drift (a test compares it with the committed schema/plan.schema.json). For tools that
 * read or check plans; the schema alone does not make a plan acceptable to apply (its digest and
 * consistency are checked too, see docs/plan-format.md).
 */
import { z } from 'zod';
import { planSchema } from './plan-schema';
import { PLAN_FORMAT_VERSION } from './types';

/** The schema's identifier. */
export const PLAN_SCHEMA_ID = `urn:ckafka-iac:schema:plan:${PLAN_FORMAT_VERSION}`;

/** The JSON Schema (draft 2020-12) of a saved plan. */
export function planJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(planSchema(), { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, $id: PLAN_SCHEMA_ID, title: `ckafka-iac plan, format version ${PLAN_FORMAT_VERSION}`, ...rest };
}

/** The schema as committed: two-space JSON with a final newline. */
export function renderPlanJsonSchema(): string {
  return `${JSON.stringify(planJsonSchema(), null, 2)}\n`;
}
