/**
 * The API calls a plan's steps become: which CKafka action and with which parameters. Pure and
 * free of the SDK: the adapter builds every write request with these functions, and the plan's
 * renderers show the reviewer the call through the same functions, so what is read in the pull
 * request and what is sent cannot differ.
 *
 * Units: the write APIs take bandwidth in MB/s, disk in GB; `RebalanceTime` is Unix seconds.
 */
import type { ChargeType } from '../../spec/observed';
import type { Edition, UpgradeMode } from '../../spec/types';
import type { CreateInstanceRequest } from '../port';
import type { CkafkaRequest } from '../transport';

/** A spec change in the domain's words. */
export interface SpecChangeValues {
  readonly bandwidthMBps: number;
  readonly diskGB: number;
  readonly partitions: number;
  readonly mode: UpgradeMode;
}

/**
 * The call that submits a spec change. Prepaid instances change through ModifyInstancePre, which
 * takes no mode; postpaid ones through InstanceScalingDown, whose required `UpgradeStrategy`
 * carries the mode (1 stable, 2 high-speed). The target values are always sent, as the Terraform
 * provider does for prepaid instances, so a value left out can never be read as "keep"; the one
 * exception is the disk of an instance with elastic storage, which has no size to send (the
 * API reports `DiskSize -1` for it) and is left out.
 */
export type SpecChangeCall =
  | { readonly action: 'ModifyInstancePre'; readonly params: CkafkaRequest<'ModifyInstancePre'> }
  | { readonly action: 'InstanceScalingDown'; readonly params: CkafkaRequest<'InstanceScalingDown'> };

/** The call that re-times a change already scheduled in the cloud. */
export interface RetimeCall {
  readonly action: 'ModifyInstanceAttributes';
  readonly params: { readonly InstanceId: string; readonly RebalanceTime: number };
}

/** The call that deletes an instance, by its billing. */
export type DeleteCall =
  | { readonly action: 'DeleteInstancePre'; readonly params: CkafkaRequest<'DeleteInstancePre'> }
  | { readonly action: 'DeleteInstancePost'; readonly params: CkafkaRequest<'DeleteInstancePost'> };

/** `UpgradeStrategy` of InstanceScalingDown: 1 stable, 2 high-speed (SDK model, InstanceScalingDownRequest). */
export function upgradeStrategyOf(mode: UpgradeMode): 1 | 2 {
  return mode === 'high-speed' ? 2 : 1;
}

/** What a spec change call needs to know about the instance besides its billing. */
export interface SpecChangeInstance {
  /** The instance has elastic storage: `DiskSize` is not sent. @default false */
  readonly elasticStorage?: boolean;
}

/** The call submitting `change` to an instance billed by `chargeType`. */
export function specChangeCall(instanceId: string, chargeType: ChargeType, change: SpecChangeValues, instance: SpecChangeInstance = {}): SpecChangeCall {
  const target = {
    InstanceId: instanceId,
    BandWidth: change.bandwidthMBps,
    ...(instance.elasticStorage === true ? {} : { DiskSize: change.diskGB }),
    Partition: change.partitions,
  };
  return chargeType === 'PREPAID'
    ? { action: 'ModifyInstancePre', params: target }
    : { action: 'InstanceScalingDown', params: { ...target, UpgradeStrategy: upgradeStrategyOf(change.mode) } };
}

/** The call moving the change scheduled on an instance to `at` (whole seconds; a fraction is dropped). */
export function retimeCall(instanceId: string, at: Date): RetimeCall {
  return { action: 'ModifyInstanceAttributes', params: { InstanceId: instanceId, RebalanceTime: Math.floor(at.getTime() / 1000) } };
}

/** The call deleting an instance billed by `chargeType`. */
export function deleteCall(instanceId: string, chargeType: ChargeType): DeleteCall {
  return chargeType === 'PREPAID' ? { action: 'DeleteInstancePre', params: { InstanceId: instanceId } } : { action: 'DeleteInstancePost', params: { InstanceId: instanceId } };
}

/** The call that creates an instance, by its billing. */
export type CreateCall =
  | { readonly action: 'CreateInstancePre'; readonly params: CkafkaRequest<'CreateInstancePre'> }
  | { readonly action: 'CreatePostPaidInstance'; readonly params: CkafkaRequest<'CreatePostPaidInstance'> };

/** `SpecificationsType` of the create actions. */
function specificationsTypeOf(edition: Edition): string {
  return edition === 'pro' ? 'profession' : edition === 'advanced' ? 'premium' : 'standard';
}

/**
 * The call creating `request`, with the name and prepaid months already checked
 * (`checkCreateRequest`): CreateInstancePre (prepaid, `Period` in months) or
 * CreatePostPaidInstance (postpaid).
 */
export function createCall(request: CreateInstanceRequest, checked: { readonly name: string; readonly months: number }): CreateCall {
  const common = {
    InstanceName: checked.name,
    VpcId: request.vpcId,
    SubnetId: request.subnetId,
    // 1 for every instance but the international site's Standard types (SDK model); required by
    // CreateInstancePre, optional for CreatePostPaidInstance.
    InstanceType: 1,
    SpecificationsType: specificationsTypeOf(request.edition),
    BandWidth: request.bandwidthMBps,
    DiskSize: request.diskGB,
    Partition: request.partitions,
    ZoneId: request.zoneId,
    ...(request.diskType === undefined ? {} : { DiskType: request.diskType }),
    ...(request.kafkaVersion === undefined ? {} : { KafkaVersion: request.kafkaVersion }),
  };
  return request.chargeType === 'PREPAID'
    ? { action: 'CreateInstancePre', params: { ...common, Period: `${checked.months}m` } }
    : { action: 'CreatePostPaidInstance', params: common };
}
