/**
 * The output mapping: what the cloud reports, as the resource's outputs; and how the state Pulumi
 * recorded compares with what runs now.
 */
import type { CkafkaCloud } from '../../cloud/port';
import { driftFrom } from '../../apply/staleness';
import { sameSpec } from '../../plan/spec-changes';
import { endpointsKey, specOfObserved, type Endpoint, type ObservedInstance, type ObservedSpec } from '../../spec/observed';
import { SPEC_FIELDS, type SpecValues } from '../../spec/types';
import type { DeletionPolicy } from '../ckafka-instance-inputs';
import type { CkafkaInstanceState, CkafkaPlanSummary } from '../ckafka-instance-state';
import type { ResolvedInputs } from '../check-instance-inputs';
import { isRecord, str, type Props } from './context';

/** The outputs of an instance: always what the cloud reports, never the declared target. */
export function outputsOf(o: ObservedInstance, cloud: CkafkaCloud, deletionPolicy: DeletionPolicy, lastPlan: CkafkaPlanSummary | null): CkafkaInstanceState {
  const first = o.endpoints[0];
  return {
    instanceId: o.instanceId,
    name: o.name,
    edition: o.edition ?? o.instanceType,
    bandwidthMBps: o.bandwidthMBps,
    diskGB: o.diskGB,
    partitions: o.partitions,
    chargeType: o.chargeType,
    zoneId: o.zoneId,
    vpcId: o.vpcId,
    subnetId: o.subnetId,
    diskType: o.diskType,
    kafkaVersion: o.kafkaVersion,
    status: o.status,
    statusCode: o.statusCode,
    endpoints: o.endpoints.map((e) => ({ vip: e.vip, vport: e.vport })),
    vip: first?.vip ?? '',
    vport: first?.vport ?? '',
    expiresAt: o.expiresAt ?? null,
    rebalanceAt: o.rebalanceAt ?? null,
    region: cloud.region,
    cloud: cloud.kind,
    deletionPolicy,
    lastPlan,
  };
}

/** The spec Pulumi last recorded (the outputs), when the state holds one. */
export function specOfState(props: Props): ObservedSpec | undefined {
  const { edition, bandwidthMBps, diskGB, partitions } = props;
  // A null disk is elastic storage, as the outputs record it.
  if (typeof edition !== 'string' || typeof bandwidthMBps !== 'number' || (typeof diskGB !== 'number' && diskGB !== null) || typeof partitions !== 'number') return undefined;
  return { edition: edition as SpecValues['edition'], bandwidthMBps, diskGB, partitions };
}

/** The declared spec. */
export function targetOf(r: ResolvedInputs): SpecValues {
  return { edition: r.desired.edition, bandwidthMBps: r.desired.bandwidthMBps, diskGB: r.desired.diskGB, partitions: r.desired.partitions };
}

/**
 * Why the cloud no longer matches the state Pulumi recorded, or `undefined`. Reaching the declared
 * target is not staleness: that is a change Pulumi left running (or deferred) finishing.
 */
export function staleness(olds: Props, observed: ObservedInstance, target: SpecValues): string | undefined {
  const now = specOfObserved(observed);
  const atTarget = now !== undefined && sameSpec(now, target);
  return driftFrom({ spec: atTarget ? undefined : specOfState(olds), chargeType: str(olds, 'chargeType') }, observed, 'when Pulumi last saw it');
}

/** The endpoints Pulumi recorded, whatever shape an older state gave them. */
function recordedEndpoints(endpoints: unknown): Endpoint[] {
  if (!Array.isArray(endpoints)) return [];
  return endpoints.map((e: unknown) => (isRecord(e) ? { vip: String(e.vip), vport: String(e.vport) } : { vip: '', vport: '' }));
}

/**
 * The outputs the recorded state holds that no longer describe the instance: spec fields, status
 * and endpoints (the outputs a reader of the state relies on), in that order.
 */
export function outdatedOutputs(olds: Props, observed: ObservedInstance): string[] {
  const now: Props = { ...observed, edition: observed.edition ?? observed.instanceType };
  const keys: string[] = SPEC_FIELDS.filter((f) => olds[f] !== now[f]);
  if (str(olds, 'status') !== observed.status) keys.push('status');
  if (endpointsKey(recordedEndpoints(olds.endpoints)) !== endpointsKey(observed.endpoints)) keys.push('endpoints');
  return keys;
}
