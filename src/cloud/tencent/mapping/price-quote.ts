/** InquireCkafkaPrice: the request for one unit of a spec, and its answer as a quote. */
import type * as M from 'tencentcloud-sdk-nodejs-ckafka/tencentcloud/services/ckafka/v20190819/ckafka_models';
import { CATALOG } from '../../../spec/catalog';
import type { ChargeType, PriceQuote } from '../../../spec/observed';
import type { PriceRequest } from '../../port';
import { unexpectedShape } from './unexpected-shape';

/**
 * InquireCkafkaPrice parameters for one unit of a spec: one month prepaid, or one hour postpaid.
 * Bandwidth in MB/s. Standard is priced by its fixed type (BillType).
 */
export function toInquireCkafkaPrice(req: PriceRequest): M.InquireCkafkaPriceRequest {
  const standardType = req.edition === 'standard' ? CATALOG.standard.standardTypes?.find((t) => t.bandwidthMBps === req.bandwidthMBps) : undefined;
  return {
    InstanceType: CATALOG[req.edition].priceInstanceType,
    InstanceChargeParam:
      req.chargeType === 'PREPAID' ? { InstanceChargeType: 'PREPAID', InstanceChargePeriod: 1 } : { InstanceChargeType: 'POSTPAID_BY_HOUR' },
    InstanceNum: 1,
    Bandwidth: req.bandwidthMBps,
    InquiryDiskParam: { DiskType: req.diskType, DiskSize: req.diskGB },
    Partition: req.partitions,
    ZoneIds: [req.zoneId],
    ...(standardType === undefined ? {} : { BillType: standardType.id }),
  };
}

/** InquireCkafkaPrice's answer as a quote: the discounted price of one month or one hour. */
export function mapPrice(result: M.InquireCkafkaPriceResp | undefined, chargeType: ChargeType): PriceQuote {
  const p = result?.InstancePrice;
  if (typeof p?.DiscountPrice !== 'number') return unexpectedShape('InquireCkafkaPrice', 'no InstancePrice.DiscountPrice');
  const per: PriceQuote['per'] = p.TimeUnit === 'h' ? 'hour' : p.TimeUnit === 'm' ? 'month' : chargeType === 'PREPAID' ? 'month' : 'hour';
  const span = typeof p.TimeSpan === 'number' && p.TimeSpan > 0 ? p.TimeSpan : 1;
  return { currency: p.Currency ?? 'CNY', amount: Math.round((p.DiscountPrice / span) * 100) / 100, per };
}
