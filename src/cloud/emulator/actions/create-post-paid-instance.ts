/** The action CreatePostPaidInstance: its request parameters and its handler. */
import { ApiError } from '../api-error';
import { createInstances } from '../engine/create-instances';
import type { ParamSpec } from '../_wire-params';
import { TAG } from './param-types';
import { defineWireAction } from './wire-action';
import { editionFromSpecificationsType } from './wire-editions';
import { commonCreateInput, createdData, resolveZones } from './write-requests';

/** The parameters of CreatePostPaidInstance (its Request interface in ckafka_models.d.ts). */
const PARAMS = {
  VpcId: { type: 'string', required: true },
  SubnetId: { type: 'string', required: true },
  InstanceName: { type: 'string' },
  InstanceType: { type: 'integer' },
  MsgRetentionTime: { type: 'integer' },
  ClusterId: { type: 'integer' },
  KafkaVersion: { type: 'string' },
  SpecificationsType: { type: 'string' },
  DiskType: { type: 'string' },
  BandWidth: { type: 'integer' },
  DiskSize: { type: 'integer' },
  Partition: { type: 'integer' },
  TopicNum: { type: 'integer' },
  ZoneId: { type: 'integer' },
  MultiZoneFlag: { type: 'boolean' },
  ZoneIds: { type: { array: 'integer' } },
  InstanceNum: { type: 'integer' },
  PublicNetworkMonthly: { type: 'integer' },
  Tags: { type: { array: TAG } },
  ElasticBandwidthSwitch: { type: 'integer' },
  CustomSSLCertId: { type: 'string' },
  StoreQuantityType: { type: 'integer' },
} as const satisfies ParamSpec;

/** Buys postpaid (hourly) instances. */
export const createPostPaidInstance = defineWireAction(PARAMS, { write: true }, (state, ctx, p) => {
  const edition = editionFromSpecificationsType(p.SpecificationsType ?? 'profession', 'SpecificationsType');
  const zones = resolveZones(p.ZoneId, p.ZoneIds, p.MultiZoneFlag);
  const msgRetention = p.MsgRetentionTime ?? 1440;
  if (msgRetention < 1 || msgRetention > 30 * 1440) throw new ApiError('InvalidParameterValue', `MsgRetentionTime ${msgRetention} minutes is out of range: 1 to 43200 (30 days)`);
  const out = createInstances(state, ctx, {
    via: 'CreatePostPaidInstance',
    name: p.InstanceName ?? 'ckafka-instance',
    edition,
    chargeType: 'POSTPAID_BY_HOUR',
    ...commonCreateInput(p, zones, msgRetention),
  });
  return { Result: { ReturnCode: '0', ReturnMessage: 'ok', Data: createdData(out) } };
});
