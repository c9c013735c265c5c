/**
 * What the write actions share in reading a request: the spec numbers of a spec change, and the
 * zones, public bandwidth, defaults and answer of the two create actions (CreatePostPaidInstance,
 * CreateInstancePre).
 */
import { ApiError } from '../api-error';
import type { CreateInput } from '../engine/create-instances';

/** The spec values a spec change sends (MB/s, GB, partitions); absent values keep the current ones. */
export function specChangeInputNumbers(p: { BandWidth?: number; DiskSize?: number; Partition?: number }): { bandwidthMBps?: number; diskGB?: number; partitions?: number } {
  return {
    ...(p.BandWidth !== undefined ? { bandwidthMBps: p.BandWidth } : {}),
    ...(p.DiskSize !== undefined ? { diskGB: p.DiskSize } : {}),
    ...(p.Partition !== undefined ? { partitions: p.Partition } : {}),
  };
}

function checkPublicNetworkMonthly(v: number | undefined): number {
  const extra = v ?? 0;
  if (extra < 0 || extra % 3 !== 0) throw new ApiError('InvalidParameterValue', `PublicNetworkMonthly ${extra} must be 0 or a multiple of 3`);
  // 3 Mbps are free and not counted in the parameter.
  return 3 + extra;
}

/** The zones of a create request: the main zone, the zones listed, and whether they are one multi-zone instance's. */
export interface RequestedZones {
  readonly zoneId: number;
  readonly zoneIds: number[] | undefined;
  readonly multiZone: boolean;
}

/** The main zone and the zones of a create request; the zones of a multi-zone one are checked by the shared rules. */
export function resolveZones(zoneId: number | undefined, zoneIds: number[] | undefined, multiZone: boolean | undefined): RequestedZones {
  const first = zoneId ?? zoneIds?.[0];
  if (first === undefined) throw new ApiError('MissingParameter', 'the request is missing the required parameter `ZoneId` (ZoneId and ZoneIds cannot both be empty)');
  return { zoneId: first, zoneIds, multiZone: multiZone === true };
}

/**
 * Defaults of the create actions. DiskType: CLOUD_BASIC for CreatePostPaidInstance (597/94259:
 * 不传默认值为 "CLOUD_BASIC"); ASSUMED the same for CreateInstancePre, whose page was not read on
 * this point. KafkaVersion: 2.4.1 (SDK, both actions).
 */
const CREATE_DEFAULTS = { diskType: 'CLOUD_BASIC', kafkaVersion: '2.4.1' } as const;

/** The parameters both create actions read the same way. */
export type CreateParams = {
  readonly VpcId: string;
  readonly SubnetId: string;
  readonly BandWidth?: number;
  readonly DiskSize?: number;
  readonly Partition?: number;
  readonly DiskType?: string;
  readonly KafkaVersion?: string;
  readonly InstanceNum?: number;
  readonly PublicNetworkMonthly?: number;
  readonly Tags?: ReadonlyArray<{ readonly TagKey: string; readonly TagValue: string }>;
};

/**
 * The part of a create that both actions fill the same way, in natural units: zones, network,
 * spec (40 MB/s, 500 GB, 800 partitions when not given), disk type, Kafka version, retention,
 * count, public bandwidth (3 Mbps free plus `PublicNetworkMonthly`, a multiple of 3), tags, and
 * the request for the ledger.
 */
export function commonCreateInput(p: CreateParams, zones: RequestedZones, msgRetentionMinutes: number): Omit<CreateInput, 'via' | 'name' | 'edition' | 'chargeType'> {
  return {
    zoneId: zones.zoneId,
    ...(zones.zoneIds !== undefined ? { zoneIds: zones.zoneIds } : {}),
    multiZone: zones.multiZone,
    vpcId: p.VpcId,
    subnetId: p.SubnetId,
    bandwidthMBps: p.BandWidth ?? 40,
    diskGB: p.DiskSize ?? 500,
    partitions: p.Partition ?? 800,
    diskType: p.DiskType ?? CREATE_DEFAULTS.diskType,
    kafkaVersion: p.KafkaVersion ?? CREATE_DEFAULTS.kafkaVersion,
    msgRetentionMinutes,
    ...(p.InstanceNum !== undefined ? { instanceNum: p.InstanceNum } : {}),
    publicNetworkMbps: checkPublicNetworkMonthly(p.PublicNetworkMonthly),
    tags: (p.Tags ?? []).map((x) => ({ key: x.TagKey, value: x.TagValue })),
    params: p as Record<string, unknown>,
  };
}

/** `Data` of a create's answer (CreateInstancePostData / CreateInstancePreData): the deals and the instances bought. */
export function createdData(out: { readonly instanceIds: readonly string[]; readonly dealNames: readonly string[] }): Record<string, unknown> {
  return {
    FlowId: 0,
    DealNames: out.dealNames,
    InstanceId: out.instanceIds[0],
    DealNameInstanceIdMapping: out.dealNames.map((d, i) => ({ DealName: d, InstanceIdList: [out.instanceIds[i]] })),
  };
}
