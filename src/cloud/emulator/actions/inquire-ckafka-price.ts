/** The action InquireCkafkaPrice: its request parameters and its handler. */
import { CATALOG } from '../../../spec/catalog';
import type { ChargeType, Edition } from '../../../spec/types';
import { ApiError } from '../api-error';
import { checkSpecValues } from '../engine/check-spec-change';
import { requireInstance } from '../engine/instance-lookups';
import { priceSpec } from '../engine/price-spec';
import type { ParamSpec } from '../_wire-params';
import { toInquiryPrice } from './response-shapes';
import { defineWireAction } from './wire-action';
import { editionFromSpecificationsType } from './wire-editions';

/** The parameters of InquireCkafkaPrice (its Request interface in ckafka_models.d.ts). */
const PARAMS = {
  InstanceType: { type: 'string', required: true },
  InstanceChargeParam: { type: { object: { InstanceChargeType: { type: 'string' }, InstanceChargePeriod: { type: 'integer' } } } },
  InstanceNum: { type: 'integer' },
  Bandwidth: { type: 'integer' },
  InquiryDiskParam: { type: { object: { DiskType: { type: 'string' }, DiskSize: { type: 'integer' } } } },
  MessageRetention: { type: 'integer' },
  Topic: { type: 'integer' },
  Partition: { type: 'integer' },
  ZoneIds: { type: { array: 'integer' } },
  CategoryAction: { type: 'string' },
  BillType: { type: 'string' },
  PublicNetworkParam: { type: { object: { PublicNetworkChargeType: { type: 'string' }, PublicNetworkMonthly: { type: 'integer' } } } },
  InstanceId: { type: 'string' },
} as const satisfies ParamSpec;

/** The catalog's list price of a spec (purchase) or of an instance (renew), split as the API details it. */
export const inquireCkafkaPrice = defineWireAction(PARAMS, { write: false }, (state, ctx, p) => {
  const edition = editionFromSpecificationsType(p.InstanceType, 'InstanceType');
  const action = p.CategoryAction ?? 'purchase';
  if (action !== 'purchase' && action !== 'renew') throw new ApiError('InvalidParameterValue', `CategoryAction ${JSON.stringify(action)} is not valid; use purchase or renew`);
  const chargeType = (p.InstanceChargeParam?.InstanceChargeType ?? 'PREPAID') as ChargeType;
  if (chargeType !== 'PREPAID' && chargeType !== 'POSTPAID_BY_HOUR') {
    throw new ApiError('InvalidParameterValue', `InstanceChargeType ${JSON.stringify(chargeType)} is not valid; use PREPAID or POSTPAID_BY_HOUR`);
  }
  const period = chargeType === 'PREPAID' ? (p.InstanceChargeParam?.InstanceChargePeriod ?? 1) : 1;
  if (period < 1 || period > 36) throw new ApiError('InvalidParameterValue', `InstanceChargePeriod ${period} is out of range: 1 to 36 months`);
  const goods = p.InstanceNum ?? 1;
  if (goods < 1) throw new ApiError('InvalidParameterValue', `InstanceNum ${goods} must be at least 1`);
  if (edition === 'standard') throw new ApiError('InvalidParameterValue', 'Standard edition is no longer sold (since March 2024) and has no published price; price a Pro or Advanced spec');
  let spec: { edition: Edition; bandwidthMBps: number; diskGB: number; partitions: number };
  let diskType = p.InquiryDiskParam?.DiskType ?? 'CLOUD_BASIC';
  if (action === 'renew' && p.InstanceId !== undefined) {
    const inst = requireInstance(state, ctx.region, p.InstanceId);
    spec = { edition, bandwidthMBps: inst.bandwidthMBps, diskGB: inst.diskGB, partitions: inst.partitions };
    diskType = p.InquiryDiskParam?.DiskType ?? inst.diskType;
  } else {
    if (p.Bandwidth === undefined) throw new ApiError('MissingParameter', 'the request is missing the required parameter `Bandwidth` (required to price Pro and Advanced)');
    if (p.InquiryDiskParam?.DiskSize === undefined) {
      throw new ApiError('MissingParameter', 'the request is missing the required parameter `InquiryDiskParam.DiskSize` (required to price Pro and Advanced)');
    }
    if (p.Partition === undefined) throw new ApiError('MissingParameter', 'the request is missing the required parameter `Partition` (required to price Pro and Advanced)');
    spec = { edition, bandwidthMBps: p.Bandwidth, diskGB: p.InquiryDiskParam.DiskSize, partitions: p.Partition };
    // ASSUMED: a running instance's off-step value (150 MB/s in the documented listing) is
    // priced like any other in its range; steps bind changes, not quotes.
    checkSpecValues(edition, spec, spec);
  }
  const price = priceSpec(spec, chargeType, diskType);
  if (price === undefined) {
    throw new ApiError('InvalidParameterValue', `${CATALOG[edition].label} has no ${chargeType} price for ${spec.bandwidthMBps} MB/s; ${edition === 'advanced' ? 'Advanced is sold monthly (PREPAID) only' : 'check the spec'}`);
  }
  return { Result: { InstancePrice: toInquiryPrice(price, spec, diskType, period, goods), PublicNetworkBandwidthPrice: null } };
});
