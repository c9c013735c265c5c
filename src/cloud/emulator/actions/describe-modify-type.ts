/** The action DescribeModifyType: its request parameters and its handler. */
import { ApiError } from '../api-error';
import { requireInstance } from '../engine/instance-lookups';
import { assessSpecChange } from '../engine/submit-spec-change';
import type { ParamSpec } from '../_wire-params';
import { defineWireAction } from './wire-action';
import { editionFromModifyType } from './wire-editions';

/** The parameters of DescribeModifyType (its Request interface in ckafka_models.d.ts). */
const PARAMS = {
  InstanceId: { type: 'string', required: true },
  BandWidth: { type: 'integer', required: true },
  DiskSize: { type: 'integer', required: true },
  DiskType: { type: 'string', required: true },
  Partition: { type: 'integer', required: true },
  Topic: { type: 'integer', required: true },
  Type: { type: 'string', required: true },
  ModifyEntry: { type: 'string' },
  ModifyZone: { type: 'boolean' },
} as const satisfies ParamSpec;

/** Whether a target spec migrates data (`MigrateFlag`), bandwidth read as Mbps. */
export const describeModifyType = defineWireAction(PARAMS, { write: false }, (state, ctx, p) => {
  requireInstance(state, ctx.region, p.InstanceId);
  if (p.ModifyZone === true) throw new ApiError('UnsupportedOperation', 'changing the zone of an instance is not supported by the emulator');
  // The target edition: another one than the instance's is a conversion (console only).
  const edition = editionFromModifyType(p.Type);
  // BandWidth read as Mbps: the SDK says 单位mb, and the documented request (320 with 1000 GB
  // and 1200 partitions) is a valid Pro spec only as Mbps (40 MB/s). UNCONFIRMED; the adapter
  // asks in both readings, so either answer reaches it. DiskSize -1 is an elastic disk, kept.
  if (p.BandWidth < 1 || p.Partition < 1 || (p.DiskSize < 1 && p.DiskSize !== -1)) {
    throw new ApiError('InvalidParameterValue', `BandWidth ${p.BandWidth}, DiskSize ${p.DiskSize} and Partition ${p.Partition} must be above 0 (DiskSize -1 for elastic storage)`);
  }
  const target = { bandwidthMBps: p.BandWidth / 8, diskGB: p.DiskSize === -1 ? null : p.DiskSize, partitions: p.Partition };
  const { migrate, modifyType } = assessSpecChange(state, ctx.region, p.InstanceId, target, edition);
  return { Result: { ModifyType: modifyType, MigrateFlag: migrate } };
});
