/** List prices of a spec, split as InquireCkafkaPrice details them. */
import { ADDON_PRICES, listPrice, minPartitions, roundMoney } from '../../../spec/catalog';
import type { ChargeType, Edition } from '../../../spec/types';

/** A list price split as InquireCkafkaPrice details it. */
export interface PriceBreakdown {
  readonly per: 'month' | 'hour';
  readonly currency: string;
  /** Total of one unit of time. */
  readonly unit: number;
  /** Bandwidth package (InstanceTypePrice). */
  readonly bandwidthPackage: number;
  readonly partitionAddon: number;
  readonly extraPartitions: number;
  readonly disk: number;
}

/** The catalog's list price of a spec, split; `undefined` when none is published. */
export function priceSpec(
  spec: { readonly edition: Edition; readonly bandwidthMBps: number; readonly diskGB: number; readonly partitions: number },
  chargeType: ChargeType,
  diskType: string,
): PriceBreakdown | undefined {
  const per = chargeType === 'PREPAID' ? 'month' : 'hour';
  const unit = listPrice(spec, per, diskType);
  if (unit === undefined) return undefined;
  const extraPartitions = Math.max(0, spec.partitions - minPartitions(spec.edition, spec.bandwidthMBps));
  const partitionUnit = per === 'month' ? ADDON_PRICES.partitionPer100.monthly : ADDON_PRICES.partitionPer100.hourly;
  const monthlyDisk = ADDON_PRICES.diskPer100GB.monthly;
  const diskUnit = per === 'month' ? (monthlyDisk[diskType] ?? monthlyDisk.CLOUD_BASIC ?? 0) : ADDON_PRICES.diskPer100GB.hourly;
  const partitionAddon = roundMoney((partitionUnit * extraPartitions) / 100);
  const disk = roundMoney((diskUnit * spec.diskGB) / 100);
  return { per, currency: ADDON_PRICES.currency, unit, bandwidthPackage: roundMoney(unit - partitionAddon - disk), partitionAddon, extraPartitions, disk };
}
