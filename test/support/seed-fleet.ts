/**
 * The emulator's seed fleet as tests declare it: every seed instance's id and spec, and fleet
 * files built from them (the apply harness and the CLI end-to-end tests share these).
 */
/** Seed instances and their specs (src/cloud/emulator/seed-state.ts). */
export const SEED = {
  // Pro prepaid, room to grow to 400 MB/s / 6000 GB in place.
  orders: { id: 'ckafka-9x2kq7pe', edition: 'pro', bw: 200, disk: 3000, partitions: 1400 },
  // Pro postpaid at capacity: any bandwidth or disk increase migrates 900 GB.
  payments: { id: 'ckafka-4m7tz1bc', edition: 'pro', bw: 120, disk: 2000, partitions: 1200 },
  // Pro postpaid, MaxMessageByte 8 MiB, capacity 200 MB/s / 5000 GB.
  'media-uploads': { id: 'ckafka-3rf6w8ya', edition: 'pro', bw: 160, disk: 4000, partitions: 1400 },
  // Advanced prepaid with an out-of-sync replica.
  audit: { id: 'ckafka-2pd8v6fj', edition: 'advanced', bw: 40, disk: 500, partitions: 800 },
  // Standard prepaid: no spec change by API.
  'legacy-events': { id: 'ckafka-5ct9y4ks', edition: 'standard', bw: 100, disk: 1500, partitions: 100 },
  // Pro postpaid, capacity 400 MB/s / 4000 GB: in place.
  'cdktf-clickstream': { id: 'ckafka-6kx1c7lm', edition: 'pro', bw: 200, disk: 2000, partitions: 1400 },
  // Pro prepaid, capacity 400 MB/s / 6000 GB: in place.
  'pulumi-orders': { id: 'ckafka-pu1ord3r', edition: 'pro', bw: 200, disk: 3000, partitions: 1400 },
  // Pro postpaid at capacity (like payments): migrates.
  'pulumi-events': { id: 'ckafka-pu1evt5x', edition: 'pro', bw: 120, disk: 2000, partitions: 1200 },
  // Pro prepaid at 150 MB/s (off the 20 MB/s step), CLOUD_BASIC, a past RebalanceTime; capacity 200 MB/s / 2000 GB.
  reports: { id: 'ckafka-r3p0rts1', edition: 'pro', bw: 150, disk: 1000, partitions: 1200 },
  // Pro postpaid with elastic storage (DiskSize -1); 1200 GB held now, capacity 400 MB/s / 4000 GB.
  telemetry: { id: 'ckafka-t3l3m7ry', edition: 'pro', bw: 200, disk: 1200, partitions: 1400 },
} as const;
export type SeedName = keyof typeof SEED;

export interface Decl {
  readonly edition?: string;
  readonly bw?: number;
  readonly disk?: number;
  readonly partitions?: number;
  /** YAML for `upgrade.rebalance`: `now`, `{ at: "…" }` or a window. */
  readonly rebalance?: string;
  readonly mode?: 'stable' | 'high-speed';
}

/** A fleet file declaring seed instances, each at its seed spec unless overridden. */
export function fleetYaml(decls: Partial<Record<SeedName, Decl>>): string {
  const lines = ['region: ap-guangzhou', 'instances:'];
  for (const [name, d] of Object.entries(decls) as [SeedName, Decl][]) {
    const s = SEED[name];
    lines.push(
      `  - name: ${name}`,
      `    instanceId: ${s.id}`,
      `    edition: ${d.edition ?? s.edition}`,
      `    bandwidthMBps: ${d.bw ?? s.bw}`,
      `    diskGB: ${d.disk ?? s.disk}`,
      `    partitions: ${d.partitions ?? s.partitions}`,
      '    upgrade:',
      `      rebalance: ${d.rebalance ?? 'now'}`,
      `      mode: ${d.mode ?? 'stable'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
