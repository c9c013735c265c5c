/** ModifyInstanceAttributes in the domain core: an instance's attributes, and the time of a scheduled change. */
import { maxMessageBytesInRange } from '../../../spec/rules/provisioning-rules';
import { ApiError, refuseByRules } from '../api-error';
import type { EmulatorState } from '../state-schema';
import { MS } from './_iso-time';
import { editionOf, requireInstance } from './instance-lookups';
import { recordSubmission } from './ledger';
import type { OpContext } from './op-context';

/** ModifyInstanceAttributes input, natural units. */
export interface AttributesInput {
  readonly instanceId: string;
  /** Re-times the scheduled task; future times only. */
  readonly rebalanceAt?: Date;
  /** Exclusive range (1024, 12582912): the shared rule `maxMessageBytesInRange`. */
  readonly maxMessageBytes?: number;
  readonly instanceName?: string;
  /** Minutes, 1 to 90 days. */
  readonly msgRetentionMinutes?: number;
  /** Mbps, 3–999, Pro only. */
  readonly publicNetworkMbps?: number;
  /** Attributes the API accepts that the emulator validates but does not model, by wire name. */
  readonly other?: Readonly<Record<string, unknown>>;
}

/** ModifyInstanceAttributes. Returns whether any attribute was given (the API says `ok[no param set]` otherwise). */
export function modifyInstanceAttributes(state: EmulatorState, ctx: OpContext, input: AttributesInput): { anySet: boolean } {
  const inst = requireInstance(state, ctx.region, input.instanceId);
  if (inst.status === 2) throw new ApiError('UnsupportedOperation', `${inst.instanceId} is being deleted`);
  if (input.maxMessageBytes !== undefined) refuseByRules(maxMessageBytesInRange({ creating: false, maxMessageBytes: input.maxMessageBytes }));
  if (input.instanceName !== undefined && (input.instanceName.length === 0 || input.instanceName.length > 128)) {
    throw new ApiError('InvalidParameterValue', `InstanceName must be 1 to 128 characters, got ${input.instanceName.length}`);
  }
  if (input.msgRetentionMinutes !== undefined && !(input.msgRetentionMinutes >= 1 && input.msgRetentionMinutes <= 90 * 24 * 60)) {
    throw new ApiError('InvalidParameterValue', `MsgRetentionTime ${input.msgRetentionMinutes} minutes is out of range: 1 to 129600 (90 days)`);
  }
  if (input.publicNetworkMbps !== undefined) {
    if (editionOf(inst) !== 'pro') throw new ApiError('UnsupportedOperation', 'PublicNetwork can only be set on Pro instances');
    if (!(input.publicNetworkMbps >= 3 && input.publicNetworkMbps <= 999)) {
      throw new ApiError('InvalidParameterValue', `PublicNetwork ${input.publicNetworkMbps} Mbps is out of range: 3 to 999`);
    }
  }
  if (input.rebalanceAt !== undefined) {
    if (inst.pendingTask === null) {
      throw new ApiError(
        'FailedOperation',
        inst.task !== null
          ? `${inst.instanceId} has no scheduled task to re-time: its change is already running`
          : `${inst.instanceId} has no scheduled upgrade task; RebalanceTime only moves a task scheduled in the console`,
      );
    }
    if (input.rebalanceAt.getTime() <= ctx.now.getTime()) {
      throw new ApiError('InvalidParameterValue', `RebalanceTime ${Math.floor(input.rebalanceAt.getTime() / MS)} (${input.rebalanceAt.toISOString()}) is not in the future; pass a later Unix time in seconds`);
    }
  }
  // Validation done; apply.
  if (input.maxMessageBytes !== undefined) inst.maxMessageBytes = input.maxMessageBytes;
  if (input.instanceName !== undefined) inst.name = input.instanceName;
  if (input.msgRetentionMinutes !== undefined) inst.msgRetentionMinutes = input.msgRetentionMinutes;
  if (input.publicNetworkMbps !== undefined) inst.publicNetworkMbps = input.publicNetworkMbps;
  if (input.rebalanceAt !== undefined && inst.pendingTask !== null) {
    inst.pendingTask.rebalanceAt = new Date(Math.floor(input.rebalanceAt.getTime() / MS) * MS).toISOString();
  }
  const params: Record<string, unknown> = { InstanceId: inst.instanceId, ...(input.other ?? {}) };
  if (input.rebalanceAt !== undefined) params.RebalanceTime = Math.floor(input.rebalanceAt.getTime() / MS);
  if (input.maxMessageBytes !== undefined) params.MaxMessageByte = input.maxMessageBytes;
  if (input.instanceName !== undefined) params.InstanceName = input.instanceName;
  if (input.msgRetentionMinutes !== undefined) params.MsgRetentionTime = input.msgRetentionMinutes;
  if (input.publicNetworkMbps !== undefined) params.PublicNetwork = input.publicNetworkMbps;
  const anySet = Object.keys(params).length > 1;
  recordSubmission(state, ctx, 'ModifyInstanceAttributes', inst.instanceId, params);
  return { anySet };
}
