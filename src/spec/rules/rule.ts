/**
 * The shape every validation rule shares: a small named function from what was declared (and,
 * for change rules, what runs) to issues. Rules never throw for user mistakes.
 */
import type { IssueCode, Severity } from '../issues';
import type { Edition, RebalancePolicy, UpgradeMode } from '../types';

/** A path relative to what the rule looked at, e.g. `['bandwidthMBps']`. */
export type PathSegments = ReadonlyArray<string | number>;

/** An issue before it is placed in a file: the caller adds the base path, file and line. */
export interface RuleIssue {
  readonly code: IssueCode;
  readonly severity: Severity;
  readonly at: PathSegments;
  readonly message: string;
  readonly hint?: string;
}

/**
 * One instance as far as it could be read: each field is present only when it had the right type,
 * so value rules can still run while shape errors are reported for the other fields.
 */
export interface InstanceDraft {
  readonly name?: string;
  readonly instanceId?: string;
  readonly edition?: Edition;
  readonly bandwidthMBps?: number;
  readonly diskGB?: number;
  readonly partitions?: number;
  readonly rebalance?: RebalancePolicy;
  readonly mode?: UpgradeMode;
  readonly allowScaleDown?: boolean;
}

/** A rule over one declared instance; `D` is what the rule reads of it (the spec by default). */
export type SpecRule<D = InstanceDraft> = (draft: D) => RuleIssue[];

export function error(code: IssueCode, at: PathSegments, message: string, hint?: string): RuleIssue {
  return hint === undefined ? { code, severity: 'error', at, message } : { code, severity: 'error', at, message, hint };
}

export function warning(code: IssueCode, at: PathSegments, message: string, hint?: string): RuleIssue {
  return hint === undefined ? { code, severity: 'warning', at, message } : { code, severity: 'warning', at, message, hint };
}

/** `a`, `a or b`, `a, b or c`: for listing allowed values in messages. */
export function listOr(values: ReadonlyArray<string | number>): string {
  const v = values.map(String);
  if (v.length <= 1) return v.join('');
  return `${v.slice(0, -1).join(', ')} or ${v[v.length - 1]}`;
}
