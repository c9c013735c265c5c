/**
 * The planner's entry point: declared fleet + observed state + facts → a deterministic plan.
 */
import type { CloudCapabilities, InstanceFacts, ObservedInstance } from '../spec/observed';
import type { DesiredFleet } from '../spec/types';
import { planInstance } from './_plan-instance';
import { digestPlan } from './digest-plan';
import { matchInstances } from './match-instances';
import { summarizePlan } from './summarize-plan';
import { PLAN_FORMAT_VERSION, type Plan } from './types';

/** Options of {@link planFleet}. */
export interface PlanOptions {
  /** The plan's clock: `createdAt` and every other timestamp derive from it. */
  readonly now: Date;
  /** The cloud the facts came from (`tencent`, `emulator`), recorded in the plan. */
  readonly cloudKind: string;
  /** What that cloud can do: mode selection, edition conversion by API, estimates. */
  readonly capabilities: CloudCapabilities;
  /**
   * The region the instances were looked up in.
   * @default - the fleet's `region`, or `null` when it names none
   */
  readonly region?: string | null;
}

/**
 * Plans a fleet: matches each declaration to its instance, diffs the spec, decides the action,
 * steps, schedule, migration estimate, cost and checks, and summarises. Pure and deterministic:
 * the same inputs give byte-identical `JSON.stringify(plan, null, 2)` (instances in declared
 * order, fixed key order, money in cents). `facts` are keyed by instance id and are needed only
 * for instances whose spec changes.
 *
 * @throws RangeError when `options.now` is not a valid date.
 */
export function planFleet(
  desired: DesiredFleet,
  observed: readonly ObservedInstance[],
  facts: Readonly<Record<string, InstanceFacts>>,
  options: PlanOptions,
): Plan {
  const createdAt = options.now.toISOString();
  const region = options.region !== undefined ? options.region : (desired.region ?? null);
  const caps = options.capabilities;
  const capabilities: CloudCapabilities = {
    modeSelectable: { PREPAID: caps.modeSelectable.PREPAID, POSTPAID_BY_HOUR: caps.modeSelectable.POSTPAID_BY_HOUR },
    editionConversionByApi: caps.editionConversionByApi,
    migrationEstimates: caps.migrationEstimates,
    usageMetrics: caps.usageMetrics,
  };
  const instances = matchInstances(desired.instances, observed, region).map((match) => {
    const id = match.observed?.instanceId;
    const own = id !== undefined && Object.hasOwn(facts, id) ? facts[id] : undefined;
    return planInstance({ match, ...(own === undefined ? {} : { facts: own }), now: options.now, capabilities });
  });
  const body = {
    formatVersion: PLAN_FORMAT_VERSION,
    createdAt,
    region,
    cloud: { kind: options.cloudKind, capabilities },
    instances,
    summary: summarizePlan(instances),
  };
  return { ...body, digest: digestPlan(body) };
}
