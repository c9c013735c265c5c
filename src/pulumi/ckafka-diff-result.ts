/**
 * What the provider's `diff` returns, in Pulumi's vocabulary: the dynamic provider's `DiffResult`
 * plus a detailed diff with one entry per changed property, as Pulumi's resource provider protocol
 * defines it (`PropertyDiff` in provider.proto). See docs/pulumi.md for which of these fields the
 * Pulumi 3.248.0 dynamic provider host passes on to the engine.
 */
import type * as pulumi from '@pulumi/pulumi';

/**
 * How one property differs: added, deleted or updated, and whether that replaces the resource
 * (`PropertyDiff.Kind` of Pulumi's provider protocol, kebab-cased).
 */
export type PropertyDiffKind = 'add' | 'add-replace' | 'delete' | 'delete-replace' | 'update' | 'update-replace';

/** One entry of a detailed diff. */
export interface PropertyDiff {
  readonly kind: PropertyDiffKind;
  /**
   * As Pulumi defines it: true when the difference is between the old and the new inputs, false
   * when it is between the recorded state (the outputs) and the new inputs. The provider compares
   * what the state records, or what the cloud reports, with the declaration, so it is false for a
   * property the outputs record (the spec, provisioning keys, `deletionPolicy`) and true only for
   * inputs the outputs do not hold (`upgrade`, `wait`, …).
   */
  readonly inputDiff: boolean;
}

/** The result of `CkafkaProvider.diff`. */
export interface CkafkaDiffResult extends pulumi.dynamic.DiffResult {
  readonly changes: boolean;
  /** Inputs whose change replaces the instance; empty for an update in place. */
  readonly replaces: string[];
  /** Outputs that never change in an update. */
  readonly stables: string[];
  readonly deleteBeforeReplace: boolean;
  /**
   * One entry per changed property path (`bandwidthMBps`, `zoneId`, `upgrade.rebalance.window.start`),
   * in the order the plan lists them. Empty when nothing changes.
   */
  readonly detailedDiff: Readonly<Record<string, PropertyDiff>>;
}
