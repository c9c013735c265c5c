/**
 * The JSON strings DescribeCkafkaZone carries in its `Profession` and `StandardS2` fields, built
 * from the catalog, so the zone listing sells what the spec rules allow.
 */
import { CATALOG } from '../../../spec/catalog';
import { mbps } from './wire-units';

/** The `Profession` JSON string of DescribeCkafkaZone, built from the catalog. */
export function professionConfig(): string {
  const pro = CATALOG.pro;
  const editions: Record<string, unknown> = {};
  const names = ['BasicEdition', 'HighPerformanceEdition'];
  pro.bandwidth.forEach((range, i) => {
    const inRange = <T extends { fromMBps: number }>(tiers: readonly T[]): T[] =>
      tiers.filter((x) => x.fromMBps >= range.min && x.fromMBps <= range.max);
    const tierMap = (tiers: ReadonlyArray<{ fromMBps: number; value: number }>, max: number, step: number): Record<string, unknown> =>
      Object.fromEntries(inRange(tiers).map((x) => [String(x.fromMBps), { Maximum: max, Minimal: x.value, Step: step }]));
    editions[names[i] ?? `Edition${i}`] = {
      Bandwidth: { Maximum: range.max, Minimal: range.min, Step: range.step },
      DiskCapacity: tierMap(pro.disk.minByTier, pro.disk.max, pro.disk.step),
      DiskTypes: ['SSD', 'CLOUD_BASIC'],
      MessageRetention: { Maximum: 2160, Minimal: 24, Step: 1 },
      Partition: tierMap(pro.partitions.minByTier, pro.partitions.max, pro.partitions.step),
    };
  });
  return JSON.stringify(editions);
}

/** The `StandardS2` JSON string of DescribeCkafkaZone (bandwidth in Mbps), built from the catalog. */
export function standardS2Config(): string {
  return JSON.stringify({
    InstanceTypeConfigSet: (CATALOG.standard.standardTypes ?? []).map((x) => ({
      Type: x.id,
      DescEn: x.label,
      Bandwidth: mbps(x.bandwidthMBps),
      MinDiskSize: x.diskMinGB,
      MaxDiskSize: x.diskMaxGB,
      MaximumInstancePartition: x.partitions,
      MaximumInstanceTopic: x.topics,
    })),
  });
}
