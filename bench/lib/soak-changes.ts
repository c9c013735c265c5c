/**
 * Random spec changes for the soak: each one moves an instance strictly upward (so a target is
 * never asked for twice, and a second accepted write for the same instance and target is always
 * a double submit), within the Pro catalog's steps, tier minimums and maximums.
 */
import { minDiskGB, minPartitions } from '../../src/spec/catalog';

export interface Spec {
  readonly bandwidthMBps: number;
  readonly diskGB: number;
  readonly partitions: number;
}

/** A seeded generator of numbers in [0, 1) (mulberry32): a soak run is reproducible from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function roundUp(v: number, step: number): number {
  return Math.ceil(v / step) * step;
}

/**
 * A target above `current`: one to three fields raised by a step or two, then disk and partitions
 * lifted to the minimums of the new bandwidth tier. `undefined` when the instance is at the top.
 */
export function bumpSpec(current: Spec, random: () => number): Spec | undefined {
  const pick = random();
  let bandwidth = current.bandwidthMBps;
  let disk = current.diskGB;
  let partitions = current.partitions;
  if (pick < 0.45 && bandwidth + 20 <= 1200) bandwidth += 20 * (1 + Math.floor(random() * 2));
  if (pick >= 0.3 && pick < 0.75) disk += 100 * (1 + Math.floor(random() * 5));
  if (pick >= 0.6 || (bandwidth === current.bandwidthMBps && disk === current.diskGB)) partitions += 100 * (1 + Math.floor(random() * 2));
  bandwidth = Math.min(bandwidth, 1200);
  disk = Math.min(Math.max(disk, roundUp(minDiskGB('pro', bandwidth), 100)), 500000);
  partitions = Math.min(Math.max(partitions, roundUp(minPartitions('pro', bandwidth), 100)), 40000);
  const next = { bandwidthMBps: bandwidth, diskGB: disk, partitions };
  const moved = next.bandwidthMBps !== current.bandwidthMBps || next.diskGB !== current.diskGB || next.partitions !== current.partitions;
  return moved ? next : undefined;
}

/** The key of a spec-change write in the emulator's ledger: instance and target values. */
export function submissionKey(instanceId: string | null, params: Readonly<Record<string, unknown>>): string {
  return `${instanceId ?? '?'} ${String(params.BandWidth)}/${String(params.DiskSize)}/${String(params.Partition)}`;
}
