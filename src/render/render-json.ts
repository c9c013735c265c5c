/**
 * The plan as JSON: the contract `apply` reads and pipelines consume.
 */
import type { Plan } from '../plan/types';

/**
 * Renders a plan as JSON, exactly as it is: two-space indentation and a final newline, nothing
 * added or left out, so `JSON.parse(renderJson(plan))` equals the plan and its digest still holds.
 */
export function renderJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}
