/**
 * Fingerprints of observed state: apply compares them to refuse a plan whose instance moved.
 */
import { createHash } from 'node:crypto';
import type { ObservedInstance } from '../spec/observed';
import { canonicalJson } from './_canonical-json';

/**
 * `sha256:<hex>` over the observed fields a plan depends on: id, instance type and edition,
 * bandwidth, disk, partition limit, disk type, charge type, and the task scheduled in the
 * cloud. Usage (partitions or topics in use), status, health, endpoints and expiry are left
 * out: they move all the time without making a reviewed spec change wrong, and apply checks
 * status and re-runs the checks itself.
 */
export function fingerprintObserved(o: ObservedInstance): string {
  const relevant = {
    instanceId: o.instanceId,
    instanceType: o.instanceType,
    edition: o.edition ?? null,
    bandwidthMBps: o.bandwidthMBps,
    diskGB: o.diskGB,
    partitions: o.partitions,
    diskType: o.diskType,
    chargeType: o.chargeType,
    rebalanceAt: o.rebalanceAt ?? null,
  };
  return `sha256:${createHash('sha256').update(canonicalJson(relevant)).digest('hex')}`;
}
