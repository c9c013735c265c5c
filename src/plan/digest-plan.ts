/**
 * The plan's digest: apply refuses a plan edited after review.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './_canonical-json';
import type { Plan } from './types';

/**
 * `sha256:<hex>` over the plan without its `digest` field, in canonical JSON (keys sorted), so
 * a plan written to a file and read back gives the same digest.
 */
export function digestPlan(plan: Omit<Plan, 'digest'>): string {
  const { digest: _ignored, ...body } = plan as Omit<Plan, 'digest'> & { digest?: unknown };
  return `sha256:${createHash('sha256').update(canonicalJson(body)).digest('hex')}`;
}

/** Whether `plan.digest` matches its content: false for a plan changed after it was made. */
export function verifyPlanDigest(plan: Plan): boolean {
  return typeof plan.digest === 'string' && digestPlan(plan) === plan.digest;
}
