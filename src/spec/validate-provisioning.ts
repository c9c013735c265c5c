/**
 * The provisioning rules as each caller runs them. The front ends (cdktf/cdktn construct, Pulumi
 * `check`) validate a declaration beside `validateInstanceSpec`; the adapter and the emulator
 * check a create request with everything a new instance must pass: the spec rules and the
 * provisioning rules, an off-step value an error. The emulator checks the target of a spec
 * change with the same spec and step rules the planner runs.
 */
import { dropSupersededWarnings, joinPath, type Issue } from './issues';
import { error, type RuleIssue } from './rules/rule';
import { offStepChanges, type SteppedSpec } from './rules/change-rules';
import { PROVISIONING_KEYS, PROVISIONING_RULES, type ProvisioningDraft, type ProvisioningKey } from './rules/provisioning-rules';
import { SPEC_RULES } from './rules/spec-rules';
import { EDITIONS, type Edition } from './types';

/** Options of {@link validateProvisioning}. */
export interface ValidateProvisioningOptions {
  /** Whether the declaration creates the instance (see `ProvisioningDraft.creating`). */
  readonly creating: boolean;
  /** Prefix of issue paths, e.g. a construct path. @default '' (paths are the keys) */
  readonly path?: string;
  /** Keys given with a value not known yet: counted as given, not checked. @default none */
  readonly unknown?: readonly string[];
}

type Kind = 'string' | 'number' | 'numbers';

const KIND: Readonly<Record<ProvisioningKey, Kind>> = {
  chargeType: 'string',
  periodMonths: 'number',
  diskType: 'string',
  kafkaVersion: 'string',
  maxMessageBytes: 'number',
  zoneId: 'number',
  zoneIds: 'numbers',
  vpcId: 'string',
  subnetId: 'string',
};

function hasKind(value: unknown, kind: Kind): boolean {
  if (kind === 'numbers') return Array.isArray(value) && value.every((v) => typeof v === 'number');
  return typeof value === kind;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Reads a declaration (a record with the keys of a fleet entry plus the provisioning keys) as the
 * provisioning rules take it. A value of the wrong type is a `spec/invalid-type` issue and is left
 * out of the draft; `null` counts as not given. Spec keys are read leniently: the spec's own
 * validation reports their types.
 */
export function readProvisioningDraft(input: Record<string, unknown>, options: ValidateProvisioningOptions): { draft: ProvisioningDraft; issues: RuleIssue[] } {
  const unknownKeys = PROVISIONING_KEYS.filter((k) => options.unknown?.includes(k) === true);
  const draft: Record<string, unknown> = { creating: options.creating, ...(unknownKeys.length === 0 ? {} : { unknown: unknownKeys }) };
  const issues: RuleIssue[] = [];
  for (const key of PROVISIONING_KEYS) {
    const value = input[key];
    if (value === undefined || value === null || unknownKeys.includes(key)) continue;
    if (hasKind(value, KIND[key])) draft[key] = value;
    else issues.push(error('spec/invalid-type', [key], `${key} must be ${KIND[key] === 'numbers' ? 'a list of numbers' : `a ${KIND[key]}`}, got ${JSON.stringify(value)}`));
  }
  const unknownSpec = options.unknown ?? [];
  if (typeof input.edition === 'string' && (EDITIONS as readonly string[]).includes(input.edition) && !unknownSpec.includes('edition')) draft.edition = input.edition as Edition;
  for (const key of ['bandwidthMBps', 'diskGB', 'partitions'] as const)
    if (typeof input[key] === 'number' && Number.isFinite(input[key]) && !unknownSpec.includes(key)) draft[key] = input[key];
  return { draft: draft as unknown as ProvisioningDraft, issues };
}

/**
 * Validates the provisioning keys of one declaration (a cdktf/cdktn construct's props, a Pulumi
 * resource's inputs): the types, then every provisioning rule. Issue paths are the keys under
 * `options.path`. A front end adds these to `validateInstanceSpec`'s issues and then drops the
 * warnings they supersede (`dropSupersededWarnings`).
 */
export function validateProvisioning(input: unknown, options: ValidateProvisioningOptions): Issue[] {
  if (!isRecord(input)) return [];
  const { draft, issues } = readProvisioningDraft(input, options);
  const ruleIssues = [...issues, ...PROVISIONING_RULES.flatMap((rule) => rule(draft))];
  return ruleIssues.map((i) => ({
    code: i.code,
    severity: i.severity,
    path: joinPath(options.path, ...i.at),
    message: i.message,
    ...(i.hint === undefined ? {} : { hint: i.hint }),
  }));
}

/**
 * What stops a create request: every error of the provisioning rules (the declaration creates the
 * instance) and of the spec rules, an off-step value among them, in the order they are reported
 * (the edition first). Empty when the request may be sent. The adapter and the emulator refuse
 * with the first one.
 */
export function checkCreation(input: Record<string, unknown>): RuleIssue[] {
  const { draft, issues } = readProvisioningDraft(input, { creating: true });
  const all = [...issues, ...PROVISIONING_RULES.flatMap((rule) => rule(draft)), ...SPEC_RULES.flatMap((rule) => rule(draft))];
  return dropSupersededWarnings(all, (i) => i.at.join('.')).filter((i) => i.severity === 'error');
}

/**
 * What stops the target of a spec change (ModifyInstancePre, InstanceScalingDown, a change
 * scheduled in the console) or a price asked for a spec: the errors of the spec rules (ranges,
 * maximums, tier minimums), then of the step rule for the values that differ from those the
 * instance runs (`offStepChanges`: a running instance may hold an off-step value and keep it), in
 * the order the planner reports them (`validateInstanceSpec`, then `validateChange`). Empty when
 * the target may be sent. The emulator refuses with the first one.
 */
export function checkSpecTarget(
  edition: Edition,
  target: { readonly bandwidthMBps: number; readonly diskGB: number; readonly partitions: number },
  running: SteppedSpec,
): RuleIssue[] {
  const spec = SPEC_RULES.flatMap((rule) => rule({ edition, ...target }));
  return [...spec, ...offStepChanges(edition, target, running, false)].filter((i) => i.severity === 'error');
}
