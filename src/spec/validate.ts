/**
 * Validation entry points. Each returns issues (never throws for a user mistake) and, when there
 * is no error, the resolved value. Implementation in progress: see ./rules.
 */
import type { Issue } from './issues';
import type { InstanceFacts, ObservedInstance } from './observed';
import type { DesiredFleet, DesiredInstance, UpgradePolicy } from './types';

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
  /** Maps a path inside the input to a line and column (the YAML parser provides one). */
  readonly locate?: (path: ReadonlyArray<string | number>) => { line: number; column: number } | undefined;
}

/** Defaults applied to one instance, as a fleet file's `defaults` block gives them. */
export interface InstanceDefaults {
  readonly upgrade?: Partial<UpgradePolicy>;
  readonly allowScaleDown?: boolean;
}

export interface ValidateInstanceOptions extends ValidateOptions {
  /** Prefix for issue paths, e.g. `instances[2]` or a construct path. @default '' */
  readonly path?: string;
  readonly defaults?: InstanceDefaults;
}

/** Context for rules that compare a declaration with what runs. */
export interface ChangeContext {
  readonly desired: DesiredInstance;
  readonly observed: ObservedInstance;
  readonly facts?: InstanceFacts;
  readonly now: Date;
}

export declare function validateFleet(document: unknown, options?: ValidateOptions): ValidationResult<DesiredFleet>;
export declare function validateInstanceSpec(input: unknown, options?: ValidateInstanceOptions): ValidationResult<DesiredInstance>;
/** Issues with changing `observed` into `desired`: downgrades, decreases, disk below data held, … */
export declare function validateChange(context: ChangeContext): Issue[];
