/**
 * Planning against a cloud: observe the declared instances in as few calls as the API allows,
 * gather facts only for the instances that change, and hand everything to the pure planner.
 * Shared by `ckafka plan` and the Pulumi provider's diff.
 */
import { CloudError, type CkafkaCloud, type DescribeQuery } from '../cloud/port';
import { matchInstances, planFleet, specChanges } from '../plan';
import type { Plan } from '../plan/types';
import { sizedSpecOf, type FactError, type InstanceFacts, type ObservedInstance } from '../spec/observed';
import type { DesiredFleet, DesiredInstance, SpecValues } from '../spec/types';
import { mapWithConcurrency } from '../cloud/resilience/map-with-concurrency';

export interface PlanWithCloudOptions {
  /** The plan's `now`. @default - the cloud's clock (virtual for the emulator) */
  readonly now?: Date;
  /** Instances whose facts are gathered at once. @default 8 */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
}

/**
 * What to ask the cloud for: declared ids in batches, or the whole region when some instance is
 * declared by name only (one paged listing then serves both).
 */
export function describeQueryFor(instances: readonly DesiredInstance[]): DescribeQuery {
  const ids = instances.map((i) => i.instanceId);
  if (ids.some((id) => id === undefined)) return { all: true };
  return { ids: [...new Set(ids as string[])] };
}

function factError(what: FactError['what'], err: unknown): FactError {
  if (CloudError.isCloudError(err)) return { what, code: err.code, message: err.message };
  return { what, code: 'cloud/api-error', message: err instanceof Error ? err.message : String(err) };
}

/**
 * Gathers the facts one changing instance needs: whether data migrates (DescribeModifyType), the
 * price of its current and target spec (InquireCkafkaPrice), and the pre-check facts. A fact the
 * cloud cannot give is recorded as an error, so the plan says "not checked" instead of guessing.
 */
export async function gatherFacts(cloud: CkafkaCloud, target: SpecValues, observed: ObservedInstance, signal?: AbortSignal): Promise<InstanceFacts> {
  const opts = signal === undefined ? {} : { signal };
  const errors: FactError[] = [];
  // An edition conversion is decided in the console; DescribeModifyType cannot assess it.
  const converting = observed.edition !== undefined && observed.edition !== target.edition;
  // Elastic storage has no size: the current spec is priced with the target's disk, so the
  // difference leaves storage (billed by use) out.
  const current = observed.edition === undefined ? undefined : sizedSpecOf({ ...observed, edition: observed.edition }, target.diskGB);
  const priced = { chargeType: observed.chargeType, diskType: observed.diskType, zoneId: observed.zoneId };

  const [migration, quote, preflight] = await Promise.all([
    converting ? undefined : cloud.assessMigration(observed.instanceId, { edition: target.edition, bandwidthMBps: target.bandwidthMBps, diskGB: target.diskGB, partitions: target.partitions }, opts).catch((e: unknown) => void errors.push(factError('migration', e))),
    current === undefined
      ? undefined
      : Promise.all([cloud.quote({ ...current, ...priced }, opts), cloud.quote({ edition: target.edition, bandwidthMBps: target.bandwidthMBps, diskGB: target.diskGB, partitions: target.partitions, ...priced }, opts)])
          .then(([c, t]) => ({ current: c, target: t }))
          .catch((e: unknown) => void errors.push(factError('quote', e))),
    cloud.preflight(observed, opts).catch((e: unknown) => void errors.push(factError('preflight', e))),
  ]);
  return {
    ...(migration ? { migration } : {}),
    ...(quote ? { quote } : {}),
    ...(preflight ? { preflight } : {}),
    ...(errors.length > 0 ? { errors: errors.sort((a, b) => a.what.localeCompare(b.what)) } : {}),
  };
}

/**
 * Observes the declared fleet, gathers facts for the instances that change, and plans.
 * Throws {@link CloudError} only when the instances themselves cannot be observed.
 */
export async function planWithCloud(desired: DesiredFleet, cloud: CkafkaCloud, options: PlanWithCloudOptions = {}): Promise<Plan> {
  const signal = options.signal;
  const observed = desired.instances.length === 0 ? [] : await cloud.describeInstances(describeQueryFor(desired.instances), signal === undefined ? {} : { signal });
  const matches = matchInstances(desired.instances, observed, cloud.region);
  const changing = matches.filter(
    (m): m is typeof m & { observed: ObservedInstance } =>
      m.observed !== undefined && m.observed.edition !== undefined && specChanges(m.desired, { ...m.observed, edition: m.observed.edition }).length > 0,
  );
  const facts: Record<string, InstanceFacts> = {};
  // gatherFacts records what it cannot read instead of throwing, so no result is lost here.
  const gathered = await mapWithConcurrency(changing, options.concurrency ?? 8, (m) => gatherFacts(cloud, m.desired, m.observed, signal), signal);
  gathered.forEach((g, i) => {
    const id = changing[i]?.observed.instanceId;
    if (id === undefined) return;
    if (!g.ok) throw g.error;
    facts[id] = g.value;
  });
  return planFleet(desired, observed, facts, {
    now: options.now ?? cloud.clock.now(),
    cloudKind: cloud.kind,
    capabilities: cloud.capabilities(),
    // The region actually searched, which apply checks against: not merely the declared one.
    region: cloud.region,
  });
}
