/**
 * Units: read APIs report `Bandwidth` in Mbps (MB/s × 8); write APIs take MB/s. Everything
 * ckafka-iac holds is MB/s, so the only division by 8 in the adapter is {@link bandwidthMBpsFromMbps}.
 */

/** Bits per byte: read APIs report Mbps, ckafka-iac and the write APIs use MB/s. */
export const MBPS_PER_MBYTE_PER_SECOND = 8;

/** MB/s from the read APIs' Mbps (`InstanceDetail.Bandwidth`): 160 → 20, 3200 → 400. */
export function bandwidthMBpsFromMbps(mbps: number): number {
  return mbps / MBPS_PER_MBYTE_PER_SECOND;
}
