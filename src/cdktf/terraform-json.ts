/** Values of a Terraform JSON configuration as ckafka-iac reads them: objects, and expressions left for apply time. */
import { joinPath } from '../spec/issues';

/** A JSON object of the configuration. */
export type Json = Record<string, unknown>;

/** Whether a value is a JSON object (not an array, not null). */
export function isRecord(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A Terraform expression left in the JSON: cdktf renders unresolved tokens as `${…}`. */
export function isExpression(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

/** The paths below `at` where `value` holds a Terraform expression. */
export function expressionsIn(value: unknown, at: string): string[] {
  if (isExpression(value)) return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => expressionsIn(v, joinPath(at, i)));
  if (isRecord(value)) return Object.entries(value).flatMap(([k, v]) => expressionsIn(v, joinPath(at, k)));
  return [];
}
