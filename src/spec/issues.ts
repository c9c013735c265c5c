/**
 * Issues: how every layer reports a problem with the user's input or with what it observed.
 * Validation returns issues; it never throws for a user mistake. Each code is stable, documented
 * in docs/errors.md (a test keeps the two in sync) and says what fixes it. To add a code, add it
 * to the list of its layer below and describe it in docs/errors.md.
 */

/** Codes for the shape and values of a declaration, found without looking at the cloud. */
export const SPEC_ISSUE_CODES = [
  'fleet/yaml-syntax',
  'fleet/empty',
  'spec/missing-field',
  'spec/invalid-type',
  'spec/unknown-key',
  'spec/invalid-value',
  'spec/unknown-edition',
  'spec/bad-instance-id',
  'spec/bad-region',
  'spec/off-step',
  'spec/below-minimum',
  'spec/above-maximum',
  'spec/disk-below-tier-minimum',
  'spec/partitions-below-tier-minimum',
  'spec/standard-type-unknown',
  'spec/edition-not-creatable',
  'spec/duplicate-name',
  'spec/duplicate-instance-id',
  'spec/bad-time',
  'spec/unknown-timezone',
  'spec/empty-window',
  'spec/bad-at',
  'spec/at-in-past',
] as const;

export type SpecIssueCode = (typeof SPEC_ISSUE_CODES)[number];

/** Codes found by comparing a declaration with what runs in the cloud. */
export const PLAN_ISSUE_CODES = [
  'plan/instance-not-found',
  'plan/instance-name-ambiguous',
  'plan/instance-not-running',
  'plan/edition-downgrade',
  'plan/edition-conversion-unsupported',
  'plan/spec-change-unsupported',
  'plan/partition-decrease',
  'plan/scale-down-not-allowed',
  'plan/scale-down-unsupported',
  'plan/disk-below-used',
  'plan/check-failed',
  'plan/facts-unavailable',
  'plan/mode-not-selectable',
  'plan/disk-elastic',
] as const;

export type PlanIssueCode = (typeof PLAN_ISSUE_CODES)[number];

/** Codes raised when applying a saved plan. */
export const APPLY_ISSUE_CODES = [
  'apply/plan-unreadable',
  'apply/plan-format-version',
  'apply/plan-modified',
  'apply/plan-invalid',
  'apply/plan-inconsistent',
  'apply/fleet-mismatch',
  'apply/stale',
  'apply/manual-step',
  'apply/check-failed',
  'apply/submit-failed',
  'apply/verify-mismatch',
  'apply/interrupted',
  'apply/wrong-cloud',
  'apply/instance-not-running',
  'apply/still-running',
  'apply/migration-unverified',
] as const;

export type ApplyIssueCode = (typeof APPLY_ISSUE_CODES)[number];

/** Codes raised by the cloud clients and the CLI around them. */
export const CLOUD_ISSUE_CODES = [
  'cloud/api-error',
  'cloud/auth-failed',
  'cloud/throttled',
  'cloud/unavailable',
  'cloud/network',
  'cloud/region-missing',
  'cloud/credentials-missing',
  'cloud/config-invalid',
  'cli/usage',
  'cli/file-not-found',
  'cli/write-failed',
  'cli/unsupported-input',
  'cli/not-a-regular-file',
  'cli/input-too-large',
  'cli/not-utf8',
  'cli/not-text',
  'cli/path-outside',
  'cli/internal',
] as const;

export type CloudIssueCode = (typeof CLOUD_ISSUE_CODES)[number];

/** Codes raised when reading a synthesized cdktf app (`cdktf.out`) or validating its constructs. */
export const CDKTF_ISSUE_CODES = [
  'cdktf/unresolved-token',
  'cdktf/unsupported-resource',
  'cdktf/mixed-regions',
  'cdktf/spec-owner-conflict',
  'cdktf/bad-metadata',
] as const;

export type CdktfIssueCode = (typeof CDKTF_ISSUE_CODES)[number];

/** Codes for the embedded emulator's own state file (not simulated API errors). */
export const EMULATOR_ISSUE_CODES = ['emulator/state-invalid', 'emulator/state-io', 'emulator/state-locked', 'emulator/state-conflict', 'emulator/state-is-seed', 'emulator/state-exists'] as const;

export type EmulatorIssueCode = (typeof EMULATOR_ISSUE_CODES)[number];

/** Every issue code, for documentation and tests: docs/errors.md must describe each one. */
export const ISSUE_CODES = [...SPEC_ISSUE_CODES, ...PLAN_ISSUE_CODES, ...APPLY_ISSUE_CODES, ...CLOUD_ISSUE_CODES, ...CDKTF_ISSUE_CODES, ...EMULATOR_ISSUE_CODES] as const;

export type IssueCode = (typeof ISSUE_CODES)[number];

export type Severity = 'error' | 'warning';

/**
 * What the user can do about an issue, as data: each front end words it in its own terms (the
 * CLI as flags and commands, the Pulumi provider as resource inputs and `pulumi` commands), so no
 * layer below the front ends names a flag.
 */
export type Remedy =
  /** Accept, on purpose, the risk of a check that fails or could not be verified. */
  | { readonly kind: 'ignore-check'; readonly check: string }
  /** Make a new plan from the declarations, review it, and apply that one. */
  | { readonly kind: 'replan' }
  /** Apply the same plan again later: it resumes from what the cloud shows. */
  | { readonly kind: 'apply-again' };

/**
 * One problem, in the user's terms: what was given, what is allowed, how to fix it.
 */
export interface Issue {
  readonly code: IssueCode;
  readonly severity: Severity;
  /** Where, inside the declaration: `instances[2].bandwidthMBps`, or `upgrade.rebalance.window.timezone` for a single spec. */
  readonly path: string;
  /** What is wrong: the value given and what is allowed. Lowercase start, no trailing period. */
  readonly message: string;
  /** How to fix it, naming valid values where there are some; never a front end's flag (see `remedies`). */
  readonly hint?: string;
  /** What else the user can do, worded by each front end. */
  readonly remedies?: readonly Remedy[];
  /** The file the declaration came from, when there is one. */
  readonly file?: string;
  /** 1-based line and column in `file`, when the parser could tell. */
  readonly line?: number;
  readonly column?: number;
}

/** True when any issue is an error (warnings do not block). */
export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/**
 * Drops each warning that an error with the same code at the same place replaces: a value off
 * the sale step is a warning for an instance that runs and an error for one being created.
 */
export function dropSupersededWarnings<T extends { readonly code: IssueCode; readonly severity: Severity }>(issues: readonly T[], placeOf: (issue: T) => string): T[] {
  const errors = new Set(issues.filter((i) => i.severity === 'error').map((i) => `${i.code} ${placeOf(i)}`));
  return issues.filter((i) => i.severity === 'error' || !errors.has(`${i.code} ${placeOf(i)}`));
}

/** Joins path segments the way issues print them: `instances[2].upgrade.mode`. */
export function joinPath(...segments: ReadonlyArray<string | number | undefined>): string {
  let out = '';
  for (const s of segments) {
    if (s === undefined || s === '') continue;
    if (typeof s === 'number') out += `[${s}]`;
    else out += out === '' ? s : s.startsWith('[') ? s : `.${s}`;
  }
  return out;
}

/** Sorts issues into a stable order: by file, path, then code, so output and golden files are deterministic. */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  return [...issues].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      a.path.localeCompare(b.path) ||
      a.code.localeCompare(b.code),
  );
}
