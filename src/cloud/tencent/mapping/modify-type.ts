/**
 * DescribeModifyType: the requests the adapter asks a target in (both readings of the
 * unconfirmed BandWidth unit), and its answers read and combined into one assessment.
 */
import type * as M from 'tencentcloud-sdk-nodejs-ckafka/tencentcloud/services/ckafka/v20190819/ckafka_models';
import { CATALOG } from '../../../spec/catalog';
import type { MigrationAssessment, ObservedInstance } from '../../../spec/observed';
import type { Edition } from '../../../spec/types';
import type { TargetSpec } from '../../port';
import { MBPS_PER_MBYTE_PER_SECOND } from './bandwidth-units';
import { ELASTIC_DISK_SIZE } from './map-instance-detail';
import { unexpectedShape } from './unexpected-shape';

/**
 * DescribeModifyType's `Type` for an edition. The SDK's only example is `sp_ckafka_profession`
 * (Pro); the others follow the same pattern with the edition's API type (`sp_ckafka_premium`,
 * `sp_ckafka_standards2`): UNCONFIRMED.
 */
export function modifyTypeOf(edition: Edition): string {
  return `sp_ckafka_${CATALOG[edition].priceInstanceType}`;
}

/** The readings of DescribeModifyType's `BandWidth` the adapter asks in, in the order of {@link toDescribeModifyType}'s requests. */
export const MODIFY_TYPE_READINGS = ['MB/s', 'Mbps'] as const;

/** How DescribeModifyType's `BandWidth` is read: its unit is not settled (SDK: 单位mb). */
export type ModifyTypeReading = (typeof MODIFY_TYPE_READINGS)[number];

/**
 * DescribeModifyType requests for moving `observed` to `target`, one per reading of
 * `BandWidth` ({@link MODIFY_TYPE_READINGS}): MB/s (as every write API takes it) and Mbps (× 8, as the read APIs report it).
 * The unit is UNCONFIRMED: the SDK says 单位mb, and the documented request (BandWidth 320 with
 * 1000 GB and 1200 partitions) is a valid Pro spec only read as Mbps (40 MB/s). Asking for only
 * one reading could ask about a target 8× too small and under-report migration, so the adapter
 * asks both and takes migration if either says so. An elastic disk is sent as the API reports it
 * (`DiskSize` -1: unchanged). `Topic` is the instance's current topic count (TopicNum): the
 * field's meaning is UNCONFIRMED.
 */
export function toDescribeModifyType(observed: ObservedInstance, target: TargetSpec): M.DescribeModifyTypeRequest[] {
  const base = {
    InstanceId: observed.instanceId,
    DiskSize: observed.diskGB === null ? ELASTIC_DISK_SIZE : target.diskGB,
    DiskType: observed.diskType,
    Partition: target.partitions,
    Topic: observed.topicsUsed,
    Type: modifyTypeOf(target.edition),
  };
  // The order of MODIFY_TYPE_READINGS.
  return [
    { ...base, BandWidth: target.bandwidthMBps },
    { ...base, BandWidth: target.bandwidthMBps * MBPS_PER_MBYTE_PER_SECOND },
  ];
}

function positiveSeconds(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/**
 * DescribeModifyType's answer. `MigrateFlag` is required. `MigrateCostTime` (stable) and
 * `MigrateCostTimeHighSpeed` (seconds) were removed from the API in 2026-03 but are read when an
 * older endpoint still sends them.
 */
export function mapModifyType(result: M.DescModifyType | undefined, instanceId: string): MigrationAssessment {
  if (typeof result?.MigrateFlag !== 'boolean') return unexpectedShape('DescribeModifyType', `no MigrateFlag for ${instanceId}`);
  const extra = result as Record<string, unknown>;
  const stable = positiveSeconds(extra.MigrateCostTime);
  const highSpeed = positiveSeconds(extra.MigrateCostTimeHighSpeed);
  return {
    required: result.MigrateFlag,
    ...(typeof result.ModifyType === 'number' ? { modifyType: result.ModifyType } : {}),
    ...(stable === undefined && highSpeed === undefined
      ? {}
      : { cloudEstimateSeconds: { ...(stable === undefined ? {} : { stable }), ...(highSpeed === undefined ? {} : { highSpeed }) } }),
  };
}

/**
 * One assessment from the answers to {@link toDescribeModifyType}'s requests (in the order of
 * {@link MODIFY_TYPE_READINGS}): data migrates if either answer says so; the cloud's estimates
 * are the longer of the answers that migrate. When the answers disagree, `note` says so.
 */
export function combineModifyTypeAnswers(answers: readonly MigrationAssessment[]): MigrationAssessment {
  const migrating = answers.filter((a) => a.required);
  const chosen = migrating.length > 0 ? migrating : answers;
  const first = chosen[0];
  if (first === undefined) return unexpectedShape('DescribeModifyType', 'no answer to combine');
  const longest = (mode: 'stable' | 'highSpeed'): number | undefined => {
    const all = chosen.map((a) => a.cloudEstimateSeconds?.[mode]).filter((v): v is number => v !== undefined);
    return all.length === 0 ? undefined : Math.max(...all);
  };
  const stable = longest('stable');
  const highSpeed = longest('highSpeed');
  const disagree = migrating.length > 0 && migrating.length < answers.length;
  const words = answers.map((a, i) => `${MODIFY_TYPE_READINGS[i] ?? `answer ${i + 1}`}: ${a.required ? 'migrates' : 'no migration'}`).join(', ');
  return {
    required: migrating.length > 0,
    ...(first.modifyType === undefined ? {} : { modifyType: first.modifyType }),
    ...(stable === undefined && highSpeed === undefined
      ? {}
      : { cloudEstimateSeconds: { ...(stable === undefined ? {} : { stable }), ...(highSpeed === undefined ? {} : { highSpeed }) } }),
    ...(disagree
      ? { note: `DescribeModifyType was asked in both readings of its unconfirmed BandWidth unit and they differ (${words}); taken as migrating (the safe side)` }
      : {}),
  };
}
