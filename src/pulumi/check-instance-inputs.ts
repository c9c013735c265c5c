/**
 * Validation of a `CkafkaInstance`'s inputs: the spec by the core (`validateInstanceSpec`, the
 * same rules and codes as a fleet file), the provisioning keys by the core's provisioning rules
 * (`validateProvisioning`, the same as the construct, the adapter and the emulator), the region
 * and the behaviour keys here. Pure: no cloud, no Pulumi runtime, so `check` answers at once and
 * previews stay fast.
 */
import { CHECK_IDS, type CheckId } from '../plan/types';
import { REGION_PATTERN } from '../spec/fleet-schema';
import { dropSupersededWarnings, joinPath, type Issue, type IssueCode } from '../spec/issues';
import { closestMatch } from '../spec/suggest';
import type { DesiredInstance } from '../spec/types';
import { validateInstanceSpec } from '../spec/validate';
import { validateProvisioning } from '../spec/validate-provisioning';
import {
  BEHAVIOUR_INPUT_KEYS,
  DEFAULT_MAX_WAIT_MINUTES,
  PROVISIONING_INPUT_KEYS,
  SPEC_INPUT_KEYS,
  type CkafkaInstanceInputs,
  type DeletionPolicy,
} from './ckafka-instance-inputs';
import { pulumiFixOf } from './remedy-words';

/**
 * The value Pulumi puts in place of an input that is not known yet (an output of a resource not
 * created yet, during a preview). Pulumi's `runtime/rpc` `unknownValue`.
 */
export const UNKNOWN_VALUE = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

/** The key under which Pulumi passes the serialized provider with every input. */
export const PROVIDER_KEY = '__provider';

/** Provisioning keys, resolved. Absent keys stay absent: the cloud's value counts for them. */
export type ResolvedProvisioning = Pick<CkafkaInstanceInputs, (typeof PROVISIONING_INPUT_KEYS)[number]>;

/** Behaviour keys with their defaults applied. */
export interface ResolvedBehaviour {
  readonly wait: boolean;
  readonly maxWaitMinutes: number;
  readonly ignoreChecks: readonly CheckId[];
  readonly deletionPolicy: DeletionPolicy;
}

/** Inputs that passed validation. */
export interface ResolvedInputs {
  /** The spec, resolved as the planner takes it (defaults applied). */
  readonly desired: DesiredInstance;
  readonly provisioning: ResolvedProvisioning;
  readonly behaviour: ResolvedBehaviour;
}

/** The result of {@link checkInstanceInputs}. */
export interface InputsCheck {
  /** The resolved inputs: present when there is no error and every value is known. */
  readonly value: ResolvedInputs | undefined;
  /** Errors and warnings; errors fail `check`. */
  readonly issues: readonly Issue[];
  /** Paths of values not known yet (preview); nothing is checked under them. */
  readonly unknown: readonly string[];
}

/** Options of {@link checkInstanceInputs}. */
export interface CheckInputsOptions {
  /**
   * The clock, for an `at` time in the past (a warning here; an error only when the change runs).
   *
   * @default - that rule is skipped
   */
  readonly now?: Date;
  /**
   * Whether these inputs create the instance: the rules of a new instance apply (Pro only, values
   * on the sale step, zone and network given, a disk type and Kafka version a new instance can
   * have). The provider's `check` sets it for a new resource without `instanceId`.
   *
   * @default false - the inputs may describe an instance that runs
   */
  readonly creating?: boolean;
}

/** A `pulumi.dynamic.CheckFailure`, without importing Pulumi. */
export interface InputFailure {
  readonly property: string;
  readonly reason: string;
}

const ALL_KEYS: readonly string[] = [...SPEC_INPUT_KEYS, ...PROVISIONING_INPUT_KEYS, ...BEHAVIOUR_INPUT_KEYS];
const DELETION_POLICIES: readonly DeletionPolicy[] = ['retain', 'delete'];

/** `<code>: <message> (<hint>)`, the way the provider reports an issue. */
export function formatInputIssue(issue: Issue): string {
  const fix = pulumiFixOf(issue);
  return `${issue.code}: ${issue.message}${fix === undefined ? '' : ` (${fix})`}`;
}

/** The errors among `issues` as Pulumi check failures: the property path, the code in the reason. */
export function toCheckFailures(issues: readonly Issue[]): InputFailure[] {
  return issues.filter((i) => i.severity === 'error').map((i) => ({ property: i.path === '' ? 'inputs' : i.path, reason: formatInputIssue(i) }));
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function problem(code: IssueCode, path: string, message: string, hint?: string, severity: Issue['severity'] = 'error'): Issue {
  return { code, severity, path, message, ...(hint === undefined ? {} : { hint }) };
}

// Paths holding Pulumi's unknown value, anywhere in the inputs.
function unknownPaths(value: unknown, path: string, out: string[]): string[] {
  if (value === UNKNOWN_VALUE) out.push(path);
  else if (Array.isArray(value)) value.forEach((v, i) => unknownPaths(v, joinPath(path, i), out));
  else if (isRecord(value)) for (const [k, v] of Object.entries(value)) unknownPaths(v, joinPath(path, k), out);
  return out;
}

function under(path: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
}

// Pulumi passes absent optional inputs as missing keys; direct callers and YAML programs may pass
// `undefined` or `null`. All three mean "not given".
function given(inputs: Record<string, unknown>, key: string): boolean {
  return inputs[key] !== undefined && inputs[key] !== null;
}

function checkKeys(inputs: Record<string, unknown>): Issue[] {
  const issues: Issue[] = [];
  for (const key of Object.keys(inputs)) {
    if (key === PROVIDER_KEY || ALL_KEYS.includes(key)) continue;
    const near = closestMatch(key, ALL_KEYS);
    issues.push(problem('spec/unknown-key', key, `unknown key \`${key}\``, near !== undefined ? `did you mean \`${near}\`?` : `allowed keys: ${ALL_KEYS.join(', ')}`));
  }
  return issues;
}

/**
 * The provisioning keys: the region here, the rest by the shared provisioning rules (the same as
 * the cdktf/cdktn construct, the adapter and the emulator run). `value` holds the keys given.
 */
function checkProvisioning(inputs: Record<string, unknown>, unknown: readonly string[], creating: boolean): { issues: Issue[]; value: ResolvedProvisioning } {
  const issues: Issue[] = [];
  const value: Record<string, unknown> = {};
  if (given(inputs, 'region') && !under('region', unknown)) {
    const region = inputs.region;
    if (typeof region !== 'string') issues.push(problem('spec/invalid-type', 'region', `region must be a string, got ${JSON.stringify(region)}`));
    else if (REGION_PATTERN.test(region)) value.region = region;
    else issues.push(problem('spec/bad-region', 'region', `"${region}" is not a Tencent Cloud region name`, 'use a region such as ap-guangzhou or ap-singapore'));
  }
  issues.push(...validateProvisioning(inputs, { creating, unknown: unknown.map((path) => path.split(/[.[]/, 1)[0] ?? path) }));
  for (const key of PROVISIONING_INPUT_KEYS) if (key !== 'region' && given(inputs, key)) value[key] = inputs[key];
  return { issues, value: value as ResolvedProvisioning };
}

function checkBehaviour(inputs: Record<string, unknown>, unknown: readonly string[]): { issues: Issue[]; value: ResolvedBehaviour } {
  const issues: Issue[] = [];
  const known = (key: string) => given(inputs, key) && !under(key, unknown);
  let wait = false;
  let maxWaitMinutes = DEFAULT_MAX_WAIT_MINUTES;
  let ignoreChecks: CheckId[] = [];
  let deletionPolicy: DeletionPolicy = 'retain';
  if (known('wait')) {
    if (typeof inputs.wait === 'boolean') wait = inputs.wait;
    else issues.push(problem('spec/invalid-type', 'wait', `wait must be true or false, got ${JSON.stringify(inputs.wait)}`));
  }
  if (known('maxWaitMinutes')) {
    const m = inputs.maxWaitMinutes;
    if (typeof m === 'number' && Number.isFinite(m) && m > 0) maxWaitMinutes = m;
    else issues.push(problem('spec/invalid-value', 'maxWaitMinutes', `maxWaitMinutes must be a number of minutes above 0, got ${JSON.stringify(m)}`, 'e.g. 720 to wait up to 12 hours for the window'));
  }
  if (known('ignoreChecks')) {
    const list = inputs.ignoreChecks;
    if (!Array.isArray(list)) issues.push(problem('spec/invalid-type', 'ignoreChecks', `ignoreChecks must be a list of check ids, got ${JSON.stringify(list)}`, `check ids: ${CHECK_IDS.join(', ')}`));
    else
      list.forEach((id: unknown, i) => {
        if (under(joinPath('ignoreChecks', i), unknown)) return;
        if (typeof id === 'string' && (CHECK_IDS as readonly string[]).includes(id)) ignoreChecks.push(id as CheckId);
        else {
          const near = typeof id === 'string' ? closestMatch(id, CHECK_IDS) : undefined;
          issues.push(problem('spec/invalid-value', joinPath('ignoreChecks', i), `${JSON.stringify(id)} is not a check id`, near !== undefined ? `did you mean ${near}?` : `check ids: ${CHECK_IDS.join(', ')}`));
        }
      });
    ignoreChecks = [...new Set(ignoreChecks)];
  }
  if (known('deletionPolicy')) {
    const d = inputs.deletionPolicy;
    if (typeof d === 'string' && (DELETION_POLICIES as readonly string[]).includes(d)) deletionPolicy = d as DeletionPolicy;
    else issues.push(problem('spec/invalid-value', 'deletionPolicy', `deletionPolicy must be "retain" or "delete", got ${JSON.stringify(d)}`, 'retain keeps the instance when the resource is removed; delete deletes it'));
  }
  return { issues, value: { wait, maxWaitMinutes, ignoreChecks, deletionPolicy } };
}

/**
 * Validates a `CkafkaInstance`'s inputs. The spec keys go through the core's
 * `validateInstanceSpec` (issue paths are the input keys, e.g. `upgrade.rebalance.window.timezone`);
 * the provisioning keys through `validateProvisioning` (with the rules of a new instance when
 * `options.creating`); the region and behaviour keys here; unknown keys get a "did you mean".
 * Values not known yet (a preview) are skipped, and `value` is then absent.
 */
export function checkInstanceInputs(inputs: unknown, options: CheckInputsOptions = {}): InputsCheck {
  if (!isRecord(inputs)) return { value: undefined, issues: [problem('spec/invalid-type', '', `the inputs must be an object, got ${JSON.stringify(inputs)}`)], unknown: [] };
  const unknown = unknownPaths(Object.fromEntries(Object.entries(inputs).filter(([k]) => k !== PROVIDER_KEY)), '', []);

  const specInput: Record<string, unknown> = {};
  for (const key of SPEC_INPUT_KEYS) if (given(inputs, key)) specInput[key] = inputs[key];
  const spec = validateInstanceSpec(specInput, options.now === undefined ? {} : { now: options.now });
  const provisioning = checkProvisioning(inputs, unknown, options.creating ?? false);
  const behaviour = checkBehaviour(inputs, unknown);

  // Rules cannot judge a value Pulumi does not know yet; the next check (at `pulumi up`) will.
  // An off-step value is a warning of the spec rules and, for a new instance, an error.
  const issues = dropSupersededWarnings(
    [...checkKeys(inputs), ...spec.issues.filter((i) => !under(i.path, unknown)), ...provisioning.issues.filter((i) => !under(i.path, unknown)), ...behaviour.issues],
    (i) => i.path,
  );
  const ok = spec.value !== undefined && unknown.length === 0 && !issues.some((i) => i.severity === 'error');
  return {
    value: ok && spec.value !== undefined ? { desired: spec.value, provisioning: provisioning.value, behaviour: behaviour.value } : undefined,
    issues,
    unknown,
  };
}
