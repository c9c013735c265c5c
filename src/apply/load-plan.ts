/**
 * Reads a saved plan and makes sure it is one apply may run, in this order, each failure a coded
 * issue with the path of what is wrong (never an exception):
 *
 * 1. JSON, an object (`apply/plan-unreadable`);
 * 2. no key named `__proto__`, `constructor` or `prototype` at any depth, and no nesting deeper
 *    than a plan has (`apply/plan-invalid`);
 * 3. a format version this code reads (`apply/plan-format-version`);
 * 4. an intact digest over its canonical form (`apply/plan-modified`);
 * 5. the schema of that version, strict: unknown keys refused (`apply/plan-invalid`);
 * 6. internally consistent (`apply/plan-inconsistent`, see `checkPlanConsistency`).
 *
 * docs/plan-format.md (Loading) is the reference.
 */
import type { z } from 'zod';
import { describeJsonError } from '../io/describe-json-error';
import { verifyPlanDigest } from '../plan/digest-plan';
import { planSchema } from '../plan/plan-schema';
import { PLAN_FORMAT_VERSION, type Plan } from '../plan/types';
import { joinPath, type Issue } from '../spec/issues';
import { describeValue } from '../spec/zod-issues';
import { checkPlanConsistency } from './check-plan-consistency';

export interface LoadedPlan {
  readonly plan: Plan | undefined;
  readonly issues: readonly Issue[];
}

/** Keys that mean something to JavaScript objects: refused wherever they appear, so none can hide. */
export const FORBIDDEN_PLAN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** Deeper than any plan nests (about 7 levels); bounds the walks over an untrusted document. */
const MAX_DEPTH = 32;

/** How many shape problems are listed; a plan that is not a plan would otherwise list thousands. */
const MAX_SHAPE_ISSUES = 20;

const REMAKE = 'make a new plan from the fleet files and review it; apply runs only plans the planner wrote';

function problem(code: Issue['code'], message: string, hint: string, file: string, path = ''): Issue {
  return { code, severity: 'error', path, message, hint, file, remedies: [{ kind: 'replan' }] };
}

function refused(...issues: Issue[]): LoadedPlan {
  return { plan: undefined, issues };
}

/** A value met on the walk: its path is kept as a link to its parent, spelled out only for a finding. */
interface Visit {
  readonly value: unknown;
  readonly parent: Visit | undefined;
  readonly key: string | number | undefined;
  readonly depth: number;
}

function pathOf(visit: Visit | undefined, ...more: string[]): string {
  const segments: Array<string | number | undefined> = [...more];
  for (let v = visit; v !== undefined; v = v.parent) segments.unshift(v.key);
  return joinPath(...segments);
}

/** The first forbidden key or over-deep value, walking without recursion. */
function hostileKey(data: unknown): { path: string; message: string } | undefined {
  const stack: Visit[] = [{ value: data, parent: undefined, key: undefined, depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const here = item;
    const { value, depth } = here;
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_DEPTH) return { path: pathOf(here), message: `the plan nests deeper than ${MAX_DEPTH} levels at ${pathOf(here)}; no plan does` };
    if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, parent: here, key: i, depth: depth + 1 }));
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_PLAN_KEYS.includes(key)) return { path: pathOf(here, key), message: `the plan has a key named ${key} at ${pathOf(here, key)}; no plan has one` };
      stack.push({ value: (value as Record<string, unknown>)[key], parent: here, key, depth: depth + 1 });
    }
  }
  return undefined;
}

function shapeIssues(issue: z.core.$ZodIssue, file: string): Issue[] {
  const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
  const where = (p: ReadonlyArray<string | number>) => joinPath(...p) || 'the plan';
  const input = (issue as { input?: unknown }).input;
  const given = input === undefined ? 'nothing' : describeValue(input);
  const hint = `apply reads plan format version ${PLAN_FORMAT_VERSION} as written by the planner (schema/plan.schema.json); ${REMAKE}`;
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => problem('apply/plan-invalid', `${where([...path, key])}: unknown key \`${key}\`; this version of the plan format has no such field`, hint, file, joinPath(...path, key)));
    case 'invalid_type':
      return [problem('apply/plan-invalid', `${where(path)} must be ${issue.expected === 'object' ? 'a mapping' : issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}, got ${given}`, hint, file, joinPath(...path))];
    case 'invalid_value':
      return [problem('apply/plan-invalid', `${where(path)} must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${given}`, hint, file, joinPath(...path))];
    default:
      return [problem('apply/plan-invalid', `${where(path)} is not valid here (${issue.message.toLowerCase()}), got ${given}`, hint, file, joinPath(...path))];
  }
}

/** Parses and verifies plan JSON text. */
export function loadPlan(text: string, file: string): LoadedPlan {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return refused(problem('apply/plan-unreadable', `${file} cannot be read as a plan: ${describeJsonError(e, text)}`, 'pass the plan file the planner wrote', file));
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !('formatVersion' in data))
    return refused(problem('apply/plan-unreadable', `${file} is not a ckafka-iac plan (no formatVersion)`, 'pass the plan file the planner wrote', file));

  const hostile = hostileKey(data);
  if (hostile !== undefined) return refused(problem('apply/plan-invalid', `${file}: ${hostile.message}`, REMAKE, file, hostile.path));

  const version = (data as { formatVersion: unknown }).formatVersion;
  if (version !== PLAN_FORMAT_VERSION)
    return refused(
      problem(
        'apply/plan-format-version',
        typeof version === 'number' && version < PLAN_FORMAT_VERSION
          ? `${file} has plan format version ${version}, made by an older ckafka-iac; this one reads version ${PLAN_FORMAT_VERSION} only (its steps are stored in the domain's terms, not as API parameters)`
          : `${file} has plan format version ${describeValue(version)}; this ckafka-iac reads version ${PLAN_FORMAT_VERSION}`,
        'plan and apply with the same ckafka-iac version: make the plan again with this one and review it',
        file,
        'formatVersion',
      ),
    );

  if (typeof (data as { digest?: unknown }).digest !== 'string' || !verifyPlanDigest(data as Plan))
    return refused(
      problem(
        'apply/plan-modified',
        `${file} was changed after it was planned (its digest does not match its content)`,
        'apply runs exactly what was reviewed: make a new plan instead of editing this one',
        file,
        'digest',
      ),
    );

  const parsed = planSchema().safeParse(data);
  if (!parsed.success) return refused(...parsed.error.issues.slice(0, MAX_SHAPE_ISSUES).flatMap((i) => shapeIssues(i, file)));
  const plan: Plan = parsed.data;

  const inconsistent = checkPlanConsistency(plan, file);
  if (inconsistent.length > 0) return refused(...inconsistent);
  return { plan, issues: [] };
}
