/**
 * Validation entry points. Each returns issues (never throws for a user mistake) and, when there
 * is no error, the resolved value with defaults applied. Shape comes from the zod schemas, values
 * from the catalog rules; every issue carries a code, a path, what was given, and a fix.
 */
import { z } from 'zod';
import { fleetSchema, instanceSpecSchema, rebalanceSchema, upgradeSchema, windowSchema } from './fleet-schema';
import { joinPath, type Issue } from './issues';
import type { InstanceFacts, ObservedInstance } from './observed';
import { CHANGE_RULES } from './rules/change-rules';
import { FLEET_RULES, type FleetEntry } from './rules/fleet-rules';
import type { InstanceDraft, PathSegments, RuleIssue } from './rules/rule';
import { SPEC_RULES } from './rules/spec-rules';
import { checkRebalance } from './rules/upgrade-rules';
import type { DesiredFleet, DesiredInstance, Edition, RebalancePolicy, UpgradeMode, UpgradePolicy } from './types';
import { mapZodIssues, type ZodMappingContext } from './zod-issues';

/** A result: `value` is present exactly when `issues` holds no error. */
export interface ValidationResult<T> {
  readonly value: T | undefined;
  readonly issues: readonly Issue[];
}

export interface ValidateOptions {
  /** The file the input came from; copied onto every issue. */
  readonly file?: string;
  /** The clock, for `at` times in the past. Without it, that rule is skipped. */
  readonly now?: Date;
  /**
   * Maps a path inside the input to a line and column (the YAML parser provides one); with `key`,
   * the position of the last key itself rather than its value (for unknown keys).
   */
  readonly locate?: (path: ReadonlyArray<string | number>, options?: { readonly key?: boolean }) => { line: number; column: number } | undefined;
}

/** Defaults applied to one instance, as a fleet file's `defaults` block gives them. */
export interface InstanceDefaults {
  readonly upgrade?: Partial<UpgradePolicy>;
  readonly allowScaleDown?: boolean;
}

export interface ValidateInstanceOptions extends ValidateOptions {
  /** Prefix for issue paths and the instance's source path, e.g. `instances[2]` or a construct path. @default '' (paths start at the instance's keys) */
  readonly path?: string;
  /** Defaults for keys the instance leaves out. @default - rebalance now, mode stable, allowScaleDown false */
  readonly defaults?: InstanceDefaults;
}

/** Context for rules that compare a declaration with what runs. */
export interface ChangeContext {
  readonly desired: DesiredInstance;
  readonly observed: ObservedInstance;
  readonly facts?: InstanceFacts;
  readonly now: Date;
}

/** What an instance gets when neither it nor the fleet's defaults say otherwise. */
export const BUILTIN_DEFAULTS: Required<Pick<UpgradePolicy, 'rebalance' | 'mode'>> & { readonly allowScaleDown: boolean } = {
  rebalance: 'now',
  mode: 'stable',
  allowScaleDown: false,
};

// Where issues land: a string prefix (for callers such as cdktf whose paths are not document
// paths) plus segments inside the document (which `locate` understands).
interface Placement {
  readonly prefix: string;
  readonly base: PathSegments;
  readonly options: ValidateOptions;
}

/** Where the value that identifies an instance is, for issues found later (an id the cloud does not have). */
function identifiedAt(p: Placement, key: 'instanceId' | 'name'): { line?: number; column?: number } {
  const loc = p.options.locate?.([...p.base, key]);
  return loc === undefined ? {} : { line: loc.line, column: loc.column };
}

function place(p: Placement, issue: RuleIssue): Issue {
  const segments = [...p.base, ...issue.at];
  const loc = p.options.locate?.(segments, issue.code === 'spec/unknown-key' ? { key: true } : undefined);
  return {
    code: issue.code,
    severity: issue.severity,
    path: joinPath(p.prefix, ...segments),
    message: issue.message,
    ...(issue.hint === undefined ? {} : { hint: issue.hint }),
    ...(p.options.file === undefined ? {} : { file: p.options.file }),
    ...(loc === undefined ? {} : { line: loc.line, column: loc.column }),
  };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

// Keys allowed and field descriptions at each path of an instance, for "did you mean" and for
// hints on missing fields. Paths here are relative to the instance.
function instanceMapping(): ZodMappingContext {
  const shapes: Record<string, z.ZodObject> = {
    '': instanceSpecSchema(),
    upgrade: upgradeSchema(),
    'upgrade.rebalance': z.strictObject({ at: z.string(), window: windowSchema() }),
    'upgrade.rebalance.window': windowSchema(),
  };
  const key = (path: PathSegments) => path.filter((s): s is string => typeof s === 'string').join('.');
  return {
    allowedKeys: (path) => {
      const shape = shapes[key(path)];
      return shape === undefined ? undefined : Object.keys(shape.shape);
    },
    describeField: (path) => {
      const parent = shapes[key(path.slice(0, -1))];
      const last = path[path.length - 1];
      const field = typeof last === 'string' ? parent?.shape[last] : undefined;
      return (field as { description?: string } | undefined)?.description;
    },
  };
}

function field<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  if (value === undefined) return undefined;
  const r = schema.safeParse(value);
  return r.success ? r.data : undefined;
}

/** Reads an instance as far as its types allow, so value rules run beside shape errors. */
function draftOf(input: Record<string, unknown>): InstanceDraft {
  const shape = instanceSpecSchema().shape;
  const upgrade = isRecord(input.upgrade) ? input.upgrade : {};
  const draft: Record<string, unknown> = {
    name: field(shape.name, input.name),
    instanceId: field(shape.instanceId, input.instanceId),
    edition: field(shape.edition, input.edition),
    bandwidthMBps: field(shape.bandwidthMBps, input.bandwidthMBps),
    diskGB: field(shape.diskGB, input.diskGB),
    partitions: field(shape.partitions, input.partitions),
    rebalance: field(rebalanceSchema(), upgrade.rebalance),
    mode: field(upgradeSchema().shape.mode, upgrade.mode),
    allowScaleDown: field(shape.allowScaleDown, input.allowScaleDown),
  };
  for (const k of Object.keys(draft)) if (draft[k] === undefined) delete draft[k];
  return draft as InstanceDraft;
}

function validateInstanceAt(
  input: unknown,
  p: Placement,
  defaults: InstanceDefaults | undefined,
): { value: DesiredInstance | undefined; issues: Issue[]; draft: InstanceDraft } {
  const parsed = instanceSpecSchema().safeParse(input, { reportInput: true });
  const ruleIssues: RuleIssue[] = parsed.success ? [] : mapZodIssues(parsed.error.issues, [], instanceMapping());
  if (!isRecord(input)) return { value: undefined, issues: ruleIssues.map((i) => place(p, i)), draft: {} };
  const draft = draftOf(input);
  for (const rule of SPEC_RULES) ruleIssues.push(...rule(draft));
  if (draft.rebalance !== undefined)
    ruleIssues.push(...checkRebalance(draft.rebalance, p.options.now).map((i) => ({ ...i, at: ['upgrade', ...i.at] })));
  const issues = ruleIssues.map((i) => place(p, i));
  if (issues.some((i) => i.severity === 'error') || !parsed.success) return { value: undefined, issues, draft };
  const spec = parsed.data;
  const rebalance = (spec.upgrade?.rebalance ?? defaults?.upgrade?.rebalance ?? BUILTIN_DEFAULTS.rebalance) as RebalancePolicy;
  const mode: UpgradeMode = spec.upgrade?.mode ?? defaults?.upgrade?.mode ?? BUILTIN_DEFAULTS.mode;
  const value: DesiredInstance = {
    name: spec.name,
    ...(spec.instanceId === undefined ? {} : { instanceId: spec.instanceId }),
    edition: spec.edition as Edition,
    bandwidthMBps: spec.bandwidthMBps,
    diskGB: spec.diskGB,
    partitions: spec.partitions,
    upgrade: { rebalance, mode },
    allowScaleDown: spec.allowScaleDown ?? defaults?.allowScaleDown ?? BUILTIN_DEFAULTS.allowScaleDown,
    source: { ...(p.options.file === undefined ? {} : { file: p.options.file }), path: joinPath(p.prefix, ...p.base), ...identifiedAt(p, spec.instanceId === undefined ? 'name' : 'instanceId') },
  };
  return { value, issues, draft };
}

/**
 * Validates one instance spec (a fleet entry, construct props or Pulumi inputs) and resolves it
 * with defaults.
 */
export function validateInstanceSpec(input: unknown, options: ValidateInstanceOptions = {}): ValidationResult<DesiredInstance> {
  const { value, issues } = validateInstanceAt(input, { prefix: options.path ?? '', base: [], options }, options.defaults);
  return { value, issues };
}

/**
 * Validates a parsed fleet document (from YAML or JSON) and resolves every instance.
 */
export function validateFleet(document: unknown, options: ValidateOptions = {}): ValidationResult<DesiredFleet> {
  const root: Placement = { prefix: '', base: [], options };
  const topLevel = fleetSchema().extend({ instances: z.array(z.unknown()) });
  const parsed = topLevel.safeParse(document, { reportInput: true });
  const mapping: ZodMappingContext = {
    allowedKeys: (path) =>
      path.length === 0
        ? Object.keys(fleetSchema().shape)
        : path.length === 1 && path[0] === 'defaults'
          ? ['upgrade', 'allowScaleDown']
          : instanceMapping().allowedKeys?.(path.slice(1)),
  };
  const issues: Issue[] = parsed.success ? [] : mapZodIssues(parsed.error.issues, [], mapping).map((i) => place(root, i));
  if (!isRecord(document)) return { value: undefined, issues };

  const defaultsInput = isRecord(document.defaults) ? document.defaults : {};
  const defaultsUpgrade = isRecord(defaultsInput.upgrade) ? defaultsInput.upgrade : {};
  const defaults: InstanceDefaults = {
    upgrade: {
      ...(field(rebalanceSchema(), defaultsUpgrade.rebalance) === undefined ? {} : { rebalance: field(rebalanceSchema(), defaultsUpgrade.rebalance) as RebalancePolicy }),
      ...(field(upgradeSchema().shape.mode, defaultsUpgrade.mode) === undefined ? {} : { mode: field(upgradeSchema().shape.mode, defaultsUpgrade.mode) as UpgradeMode }),
    },
    ...(typeof defaultsInput.allowScaleDown === 'boolean' ? { allowScaleDown: defaultsInput.allowScaleDown } : {}),
  };
  if (defaults.upgrade?.rebalance !== undefined)
    issues.push(...checkRebalance(defaults.upgrade.rebalance, options.now).map((i) => place(root, { ...i, at: ['defaults', 'upgrade', ...i.at] })));

  const instancesInput = Array.isArray(document.instances) ? document.instances : [];
  const instances: DesiredInstance[] = [];
  const entries: FleetEntry[] = [];
  instancesInput.forEach((input, index) => {
    const r = validateInstanceAt(input, { prefix: '', base: ['instances', index], options }, defaults);
    issues.push(...r.issues);
    if (r.value !== undefined) instances.push(r.value);
    entries.push({ index, ...(r.draft.name === undefined ? {} : { name: r.draft.name }), ...(r.draft.instanceId === undefined ? {} : { instanceId: r.draft.instanceId }) });
  });
  if (Array.isArray(document.instances)) for (const rule of FLEET_RULES) issues.push(...rule(entries).map((i) => place(root, i)));

  const ok = parsed.success && !issues.some((i) => i.severity === 'error');
  const region = typeof document.region === 'string' ? document.region : undefined;
  return { value: ok ? { ...(region === undefined ? {} : { region }), instances } : undefined, issues };
}

/**
 * Issues with changing what runs (`observed`) into what is declared (`desired`): edition
 * downgrades and impossible conversions, spec changes an edition cannot make, partition
 * decreases, scale-downs that are not allowed or not supported, disk below the data held, and an
 * `at` time that has passed for a change that migrates data.
 */
export function validateChange(context: ChangeContext): Issue[] {
  const { desired, observed } = context;
  if (observed.edition === undefined) return [];
  const ctx = { ...context, observed: { ...observed, edition: observed.edition } };
  const p: Placement = { prefix: desired.source.path, base: [], options: desired.source.file === undefined ? {} : { file: desired.source.file } };
  return CHANGE_RULES.flatMap((rule) => rule(ctx)).map((i) => place(p, i));
}
