/**
 * Reads a saved plan and makes sure it is the plan that was reviewed: a known format version and
 * an intact digest. Returns issues rather than throwing.
 */
import { describeJsonError } from '../io/describe-json-error';
import { verifyPlanDigest } from '../plan/digest-plan';
import { PLAN_FORMAT_VERSION, type Plan } from '../plan/types';
import type { Issue } from '../spec/issues';

export interface LoadedPlan {
  readonly plan: Plan | undefined;
  readonly issues: readonly Issue[];
}

function problem(code: Issue['code'], message: string, hint: string, file: string): LoadedPlan {
  return { plan: undefined, issues: [{ code, severity: 'error', path: '', message, hint, file, remedies: [{ kind: 'replan' }] }] };
}

/** Parses and verifies plan JSON text. */
export function loadPlan(text: string, file: string): LoadedPlan {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return problem('apply/plan-unreadable', `${file} cannot be read as a plan: ${describeJsonError(e, text)}`, 'pass the plan file that plan wrote', file);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !('formatVersion' in data))
    return problem('apply/plan-unreadable', `${file} is not a ckafka-iac plan (no formatVersion)`, 'pass the plan file that plan wrote', file);
  const version = (data as { formatVersion: unknown }).formatVersion;
  if (version !== PLAN_FORMAT_VERSION)
    return problem(
      'apply/plan-format-version',
      typeof version === 'number' && version < PLAN_FORMAT_VERSION
        ? `${file} has plan format version ${version}, made by an older ckafka-iac; this one reads version ${PLAN_FORMAT_VERSION} only (its steps are stored in the domain's terms, not as API parameters)`
        : `${file} has plan format version ${JSON.stringify(version)}; this ckafka-iac reads version ${PLAN_FORMAT_VERSION}`,
      'plan and apply with the same ckafka-iac version: make the plan again with this one and review it',
      file,
    );
  const plan = data as Plan;
  if (typeof plan.digest !== 'string' || !Array.isArray(plan.instances) || !verifyPlanDigest(plan))
    return problem(
      'apply/plan-modified',
      `${file} was changed after it was planned (its digest does not match its content)`,
      'apply runs exactly what was reviewed: make a new plan instead of editing this one',
      file,
    );
  return { plan, issues: [] };
}
