/**
 * The declared side of ckafka-iac: what a platform team writes (a fleet file, a cdktf construct,
 * a Pulumi resource) and what it resolves to once defaults are applied.
 *
 * Units follow the CKafka console and write APIs: bandwidth in MB/s (bytes), disk in GB.
 */

/** All editions, cheapest first: an index comparison tells an upgrade from a downgrade. */
export const EDITIONS = ['standard', 'advanced', 'pro'] as const;

/** A CKafka edition, in the user's words. Standard is `standards2`/`standard` in the API, Advanced is `premium`, Pro is `profession`. */
export type Edition = (typeof EDITIONS)[number];

/**
 * How data migrates when the cloud must move it.
 * `stable` throttles migration to protect traffic; `high-speed` does not throttle.
 */
export type UpgradeMode = 'stable' | 'high-speed';

/** How an instance is billed: prepaid monthly, or postpaid by the hour (Pro only). */
export type ChargeType = 'PREPAID' | 'POSTPAID_BY_HOUR';

/** Days of the week as written in a window, Monday first. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export type Weekday = (typeof WEEKDAYS)[number];

/**
 * A recurring rebalance window in a time zone. A window opens on each of `days` at `start`
 * (local wall time) and closes at `end`; when `end` is not after `start` the window runs
 * overnight and closes on the next day (22:00–04:00 opened on Saturday closes Sunday 04:00).
 */
export interface RebalanceWindow {
  readonly days: readonly Weekday[];
  /** `HH:MM`, 24-hour local time. */
  readonly start: string;
  /** `HH:MM`, 24-hour local time. */
  readonly end: string;
  /** An IANA time zone name, e.g. `Asia/Shanghai`. */
  readonly timezone: string;
  /**
   * Start a change only when its estimated duration fits in what is left of the occurrence, so it
   * finishes before the window closes. A change whose estimate fits no occurrence, or that has no
   * estimate, is blocked by the `window-fits` check.
   *
   * @default false - the window bounds when a change may start: inside an occurrence it starts
   *   whatever its estimate, and the `window-fits` check warns when it may run past the close
   */
  readonly mustFinishInside?: boolean;
}

/** When a change that migrates data may start: at once, at a time, or in a recurring window. */
export type RebalancePolicy = 'now' | { readonly at: string } | { readonly window: RebalanceWindow };

/** The upgrade policy of one instance once defaults are applied. */
export interface UpgradePolicy {
  readonly rebalance: RebalancePolicy;
  readonly mode: UpgradeMode;
}

/** The four values that make a CKafka spec. */
export interface SpecValues {
  readonly edition: Edition;
  readonly bandwidthMBps: number;
  readonly diskGB: number;
  readonly partitions: number;
}

/** The spec fields a plan can change, in the order changes are listed. */
export type SpecField = keyof SpecValues;
export const SPEC_FIELDS: readonly SpecField[] = ['edition', 'bandwidthMBps', 'diskGB', 'partitions'];

/**
 * Who changes an instance's spec. `ckafka-iac`: ckafka-iac plans and applies spec changes (the
 * default, and the only owner in a fleet file). `terraform`: a Terraform configuration changes the
 * spec (cdktf `specOwner: 'terraform'`, or a plain `tencentcloud_ckafka_instance` that does not
 * ignore changes to its spec); ckafka-iac only reads and plans it, and must not apply.
 */
export type SpecOwner = 'ckafka-iac' | 'terraform';

/** Where a declaration came from, so issues can point at it. */
export interface SourceRef {
  /** A fleet file path, a cdktf stack (`cdktf.out/stacks/<stack>`), or a Pulumi resource name. */
  readonly file?: string;
  /** The path of the instance inside its source, e.g. `instances[2]` or a construct path. */
  readonly path: string;
  /** 1-based line and column of the value that identifies the instance (`instanceId`, else `name`), when the parser could tell. */
  readonly line?: number;
  readonly column?: number;
}

/**
 * One instance as declared and resolved: defaults merged, every field present.
 * This is what every front end (fleet file, cdktf, Pulumi) hands to the planner.
 */
export interface DesiredInstance extends SpecValues {
  readonly name: string;
  /**
   * The CKafka instance id. When absent the instance is looked up by `name` in the region
   * (useful when Terraform or Pulumi created it and the id is not known at authoring time).
   */
  readonly instanceId?: string;
  readonly upgrade: UpgradePolicy;
  readonly allowScaleDown: boolean;
  /** Who changes the spec. Absent means `ckafka-iac`; only cdktf declarations can say `terraform`. */
  readonly specOwner?: SpecOwner;
  readonly source: SourceRef;
}

/** A whole declared fleet, resolved. */
export interface DesiredFleet {
  /** The region from the declaration, if it names one. */
  readonly region?: string;
  readonly instances: readonly DesiredInstance[];
}
