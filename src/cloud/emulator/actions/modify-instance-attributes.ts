/** The action ModifyInstanceAttributes: its request parameters and its handler. */
import { ApiError } from '../api-error';
import { modifyInstanceAttributes as setInstanceAttributes } from '../engine/modify-instance-attributes';
import type { ParamSpec } from '../_wire-params';
import { defineWireAction } from './wire-action';

/** The parameters of ModifyInstanceAttributes (its Request interface in ckafka_models.d.ts). */
const PARAMS = {
  InstanceId: { type: 'string', required: true },
  MsgRetentionTime: { type: 'integer' },
  InstanceName: { type: 'string' },
  Config: {
    type: { object: { AutoCreateTopicEnable: { type: 'boolean' }, DefaultNumPartitions: { type: 'integer' }, DefaultReplicationFactor: { type: 'integer' } } },
  },
  DynamicRetentionConfig: {
    type: {
      object: {
        Enable: { type: 'integer' },
        DiskQuotaPercentage: { type: 'integer' },
        StepForwardPercentage: { type: 'integer' },
        BottomRetention: { type: 'integer' },
      },
    },
  },
  RebalanceTime: { type: 'integer' },
  PublicNetwork: { type: 'integer' },
  DynamicDiskConfig: {
    type: {
      object: {
        Enable: { type: 'integer' },
        StepForwardPercentage: { type: 'integer' },
        DiskQuotaPercentage: { type: 'integer' },
        MaxDiskSpace: { type: 'integer' },
      },
    },
  },
  MaxMessageByte: { type: 'integer' },
  UncleanLeaderElectionEnable: { type: 'integer' },
  DeleteProtectionEnable: { type: 'integer' },
  RetentionBytes: { type: 'integer' },
  AdminSecurity: { type: 'boolean' },
  TransactionalIdExpirationMs: { type: 'integer' },
} as const satisfies ParamSpec;

/** An instance's attributes, and the time of a change scheduled in the console (RebalanceTime). */
export const modifyInstanceAttributes = defineWireAction(PARAMS, { write: true }, (state, ctx, p) => {
  if (p.TransactionalIdExpirationMs !== undefined && !(p.TransactionalIdExpirationMs >= 3600000 && p.TransactionalIdExpirationMs <= 604800000)) {
    throw new ApiError('InvalidParameterValue', `TransactionalIdExpirationMs ${p.TransactionalIdExpirationMs} is out of range: 3600000 to 604800000`);
  }
  for (const key of ['UncleanLeaderElectionEnable', 'DeleteProtectionEnable'] as const) {
    const v = p[key];
    if (v !== undefined && v !== 0 && v !== 1) throw new ApiError('InvalidParameterValue', `${key} ${v} must be 0 or 1`);
  }
  const other: Record<string, unknown> = {};
  for (const key of ['Config', 'DynamicRetentionConfig', 'DynamicDiskConfig', 'UncleanLeaderElectionEnable', 'DeleteProtectionEnable', 'RetentionBytes', 'AdminSecurity', 'TransactionalIdExpirationMs'] as const) {
    if (p[key] !== undefined) other[key] = p[key];
  }
  const { anySet } = setInstanceAttributes(state, ctx, {
    instanceId: p.InstanceId,
    ...(p.RebalanceTime !== undefined ? { rebalanceAt: new Date(p.RebalanceTime * 1000) } : {}),
    ...(p.MaxMessageByte !== undefined ? { maxMessageBytes: p.MaxMessageByte } : {}),
    ...(p.InstanceName !== undefined ? { instanceName: p.InstanceName } : {}),
    ...(p.MsgRetentionTime !== undefined ? { msgRetentionMinutes: p.MsgRetentionTime } : {}),
    ...(p.PublicNetwork !== undefined ? { publicNetworkMbps: p.PublicNetwork } : {}),
    other,
  });
  return { Result: { ReturnCode: '0', ReturnMessage: anySet ? 'ok' : 'ok[no param set]', Data: { FlowId: 0 } } };
});
