/**
 * Every plan-tampering row, assembled from the theme modules in the order of their ids (B rows
 * before F rows, numbers numerically, then the letter), the order the table lists them in.
 */
import type { Tamper } from './plan-tamper-kit';
import { IDENTITY_TAMPERS } from './plan-tampers-identity';
import { JSON_TAMPERS } from './plan-tampers-json';
import { SCHEDULE_TAMPERS } from './plan-tampers-schedule';
import { STEP_TAMPERS } from './plan-tampers-steps';
import { VERDICT_TAMPERS } from './plan-tampers-verdicts';

function rowOrder(id: string): readonly [string, number, string] {
  const m = /^([A-Z]+)(\d+)([a-z]*)$/.exec(id);
  if (m === null) throw new Error(`plan-tampering row id ${id} is not a letter, a number and an optional suffix`);
  return [m[1] ?? '', Number(m[2]), m[3] ?? ''];
}

function byRowId(a: Tamper, b: Tamper): number {
  const [x, y] = [rowOrder(a.id), rowOrder(b.id)];
  return x[0].localeCompare(y[0]) || x[1] - y[1] || x[2].localeCompare(y[2]);
}

/** One attack per row. Codes and paths are what a refusal must name. */
export const PLAN_TAMPERS: readonly Tamper[] = [...SCHEDULE_TAMPERS, ...IDENTITY_TAMPERS, ...STEP_TAMPERS, ...VERDICT_TAMPERS, ...JSON_TAMPERS].sort(byRowId);
