/** The action CreateInstancePre: its request parameters and its handler. */
import { ApiError } from '../api-error';
import { createInstances } from '../engine/create-instances';
import type { ParamSpec } from '../_wire-params';
import { TAG } from './param-types';
import { defineWireAction } from './wire-action';
import { editionFromSpecificationsType } from './wire-editions';
import { commonCreateInput, createdData, resolveZones } from './write-requests';

/** The parameters of CreateInstancePre (its Request interface in ckafka_models.d.ts). */
const PARAMS = {
  InstanceName: { type: 'string', required: true },
  ZoneId: { type: 'integer', required: true },
  Period: { type: 'string', required: true },
  InstanceType: { type: 'integer', required: true },
  VpcId: { type: 'string', required: true },
  SubnetId: { type: 'string', required: true },
  MsgRetentionTime: { type: 'integer' },
  ClusterId: { type: 'integer' },
  RenewFlag: { type: 'integer' },
  KafkaVersion: { type: 'string' },
  SpecificationsType: { type: 'string' },
  DiskSize: { type: 'integer' },
  BandWidth: { type: 'integer' },
  Partition: { type: 'integer' },
  Tags: { type: { array: TAG } },
  DiskType: { type: 'string' },
  MultiZoneFlag: { type: 'boolean' },
  ZoneIds: { type: { array: 'integer' } },
  PublicNetworkMonthly: { type: 'integer' },
  InstanceNum: { type: 'integer' },
  AutoVoucher: { type: 'integer' },
  ElasticBandwidthSwitch: { type: 'integer' },
  CustomSSLCertId: { type: 'string' },
  StoreQuantityType: { type: 'integer' },
} as const satisfies ParamSpec;

/** Buys prepaid (monthly) instances. */
export const createInstancePre = defineWireAction(PARAMS, { write: true }, (state, ctx, p) => {
  // The API's default SpecificationsType is "standard", which is no longer sold.
  const edition = editionFromSpecificationsType(p.SpecificationsType ?? 'standard', 'SpecificationsType');
  // "<months>m"; how many months may be bought is a shared rule (1 to 36).
  const period = /^(\d{1,4})m$/.exec(p.Period);
  if (period === null) throw new ApiError('InvalidParameterValue', `Period ${JSON.stringify(p.Period)} is not valid; write months as "1m" to "36m"`);
  const months = Number(period[1]);
  if (p.InstanceType < 1 || p.InstanceType > 9) throw new ApiError('InvalidParameterValue', `InstanceType ${p.InstanceType} is out of range: 1 to 9 (1 for Pro and Advanced)`);
  if (p.RenewFlag !== undefined && p.RenewFlag !== 0 && p.RenewFlag !== 1 && p.RenewFlag !== 2) {
    throw new ApiError('InvalidParameterValue', `RenewFlag ${p.RenewFlag} must be 0, 1 or 2`);
  }
  const msgRetention = p.MsgRetentionTime ?? 1440;
  if (msgRetention < 1 || msgRetention > 90 * 1440) throw new ApiError('InvalidParameterValue', `MsgRetentionTime ${msgRetention} minutes is out of range: 1 to 129600 (90 days)`);
  const zones = resolveZones(p.ZoneId, p.ZoneIds, p.MultiZoneFlag);
  const out = createInstances(state, ctx, {
    via: 'CreateInstancePre',
    name: p.InstanceName,
    edition,
    chargeType: 'PREPAID',
    periodMonths: months,
    ...(p.RenewFlag !== undefined ? { renewFlag: p.RenewFlag as 0 | 1 | 2 } : {}),
    ...commonCreateInput(p, zones, msgRetention),
  });
  return { Result: { ReturnCode: '0', ReturnMessage: 'ok', Data: createdData(out), DeleteRouteTimestamp: null } };
});
